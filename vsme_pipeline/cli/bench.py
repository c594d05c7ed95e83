"""``vsme bench``: the flow on a synthetic season of N reports, against the raw driver (benchmarks/season.py)."""

from typing import Annotated

import typer
from rich.table import Table

from vsme_pipeline.cli.console import console


def bench(
    n: Annotated[int, typer.Option("--n", min=1, help="Reports in the synthetic season.")] = 2000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the synthetic population.")] = 0,
    four_n: Annotated[bool, typer.Option("--four-n/--no-four-n",
                                         help="Grow the season to 4N for the peak-memory ratio.")] = True,
) -> None:
    """Measure round trips, CPU and memory of the whole flow on N synthetic reports (one process,
    one run, raw PyMongo baseline in the same run); write benchmarks/results/latest.json and print
    the table. VSME_GURU_DATABASE_URL / SCOPE321_DATABASE_URL: run against that MongoDB."""
    from benchmarks.season import main, table_rows

    result = main(n, seed, four_n)
    table = Table(title=f"vsme bench: N = {result['reports']} reports, {result['server']['kind']}")
    for column in ("measure", "value", "goal", "met"):
        table.add_column(column)
    for row in table_rows(result):
        table.add_row(*row)
    console.print(table)
    stages = Table(title="per stage, full run (per report)")
    for column in ("stage", "round trips", "CPU ms/report"):
        stages.add_column(column)
    for name, cost in result["full"]["stages"].items():
        stages.add_row(name, str(cost["round_trips"]), f"{cost['cpu_ms_per_report']:.2f}")
    stages.add_row("raw driver (all)", str(result["raw_baseline"]["round_trips"]), "")
    stages.add_row("parse (Report)", "", f"{result['parse']['cpu_ms_per_report']:.2f}")
    console.print(stages)
    for problem in result["problems"]:
        console.print(f"[yellow]problem:[/] {problem}", highlight=False, markup=False)
    console.print("written benchmarks/results/latest.json")
