"""The ``vsme`` command line (typer + rich)."""
