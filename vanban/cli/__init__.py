"""The `vanban` command: thin wrappers over the Python API.

Each group of commands lives in its own module and registers itself here.
"""

from __future__ import annotations

import importlib
import sys

import typer

app = typer.Typer(
    name="vanban",
    help="Vietnamese government directives to structured task records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_GROUPS = ("extract", "restore", "run", "serve", "store")
# The group that defines each command. A run imports only the group of its command: a
# one-file `vanban extract` is mostly start-up, and the store's and the watcher's imports
# are a third of it. Anything else (--help, a typo, a command not listed) imports all.
_COMMANDS = {
    "extract": "extract", "schema": "extract", "explain": "extract", "restore": "restore",
    "batch": "run", "watch": "run",
    "query": "store", "sql": "store", "export": "store", "reindex": "store",
    "serve": "serve",
}


@app.callback()
def _group() -> None:
    # A callback keeps `app` a group of commands when only one group is registered.
    pass


def _register(command: str | None = None) -> None:
    # Imported for their side effect of adding commands to `app`.
    groups = [_COMMANDS[command]] if command in _COMMANDS else _GROUPS
    for group in groups:
        importlib.import_module(f"vanban.cli.{group}")


def main() -> None:
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    _register(command)
    app()
