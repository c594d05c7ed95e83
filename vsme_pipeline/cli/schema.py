"""``vsme schema export [DIR]``: JSON Schema of every document and VSME module."""

from pathlib import Path

import typer

from vsme_pipeline.cli.console import console

app = typer.Typer(help="The schema derived from the Beanie documents.", no_args_is_help=True)


@app.command("export")
def export(directory: Path = typer.Argument(Path("build/schema"), help="Where to write the files")) -> None:
    """Write one JSON Schema file per document and per disclosure module (camelCase, as stored)."""
    from vsme_pipeline.schema_export import export_json_schemas

    paths = export_json_schemas(directory)
    console.print(f"wrote {len(paths)} JSON Schema files to {directory}")
