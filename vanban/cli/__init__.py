"""The `vanban` command: thin wrappers over the Python API.

Each group of commands lives in its own module and registers itself here.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="vanban",
    help="Vietnamese government directives to structured task records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    # Imported for their side effect of adding commands to `app`.
    from vanban.cli import extract, restore, run, serve, store  # noqa: F401


def main() -> None:
    _register()
    app()
