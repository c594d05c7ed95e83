"""Entry point of the ``vsme`` command."""

import typer

from vsme_pipeline.cli import bench, console, db, doctor, export, migrate, ops, pipeline, schema, seed

app = typer.Typer(
    name="vsme",
    help="vsme-pipeline: VSME Guru's data pipeline, migrations and embedded development database.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # never print locals: they may hold secrets
)


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Full tracebacks instead of one line per error.")) -> None:
    console.DEBUG["on"] = debug


app.add_typer(db.app, name="db")
app.command("doctor")(doctor.doctor)
app.add_typer(schema.app, name="schema")
app.add_typer(migrate.app, name="migrate")
app.command("seed")(seed.seed)
app.command("bench")(bench.bench)
pipeline.register(app)
ops.register(app)
export.register(app)

if __name__ == "__main__":
    app()
