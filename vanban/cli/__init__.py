"""The `vanban` command: thin wrappers over the Python API.

Each group of commands lives in its own module and registers itself here. Every
failure leaves through one handler (`_Group.invoke`): a `VanbanError` prints one line
and exits with its class's code (the table in the README), a bug prints one line (its
traceback with --debug) and exits 70, a usage error exits 64.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import traceback
from typing import Any

import typer
from typer.core import TyperGroup

try:  # recent typer carries its own copy of click
    from typer._click import exceptions as click
except ImportError:  # pragma: no cover - older typer
    from click import exceptions as click  # type: ignore[no-redef]

from vanban import start_cache
from vanban.errors import VanbanError
from vanban.names import printable

EXIT_USAGE = 64  # sysexits' EX_USAGE: click's own 2 is IngestError's here
EXIT_WRITE = 5  # a record could not be written (a full or read-only --out)
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug, not a problem with the input
EXIT_INTERRUPTED = 130

_STATE = {"debug": False, "quiet": False}


def debug() -> bool:
    return _STATE["debug"]


def quiet() -> bool:
    return _STATE["quiet"]


def say(message: str) -> None:
    """An informational line on stderr; -q silences it (errors are never silenced)."""
    if not _STATE["quiet"]:
        print(message, file=sys.stderr)


def report(error: BaseException, *, where: str | None = None) -> int:
    """One line on stderr for a failure; its exit code."""
    prefix = f"vanban: {where}: " if where else "vanban: "
    if isinstance(error, VanbanError):
        if _STATE["debug"]:
            traceback.print_exception(error, file=sys.stderr)
        print(f"vanban: {printable(str(error))}", file=sys.stderr)
        return error.exit_code
    if _STATE["debug"]:
        traceback.print_exception(error, file=sys.stderr)
        hint = ""
    else:
        hint = " (run with --debug for the traceback)"
    print(f"{prefix}internal error: {type(error).__name__}: {printable(str(error))}{hint}",
          file=sys.stderr)
    return EXIT_INTERNAL


class _Group(TyperGroup):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            error.exit_code = EXIT_USAGE
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            error.exit_code = EXIT_USAGE
            raise
        except (typer.Exit, typer.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            print("vanban: interrupted", file=sys.stderr)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as error:  # the one place a failure becomes an exit code
            raise typer.Exit(report(error)) from None


app = typer.Typer(
    name="vanban",
    help="Vietnamese government directives to structured task records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=_Group,
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


def version_line() -> str:
    from vanban import __version__
    from vanban.fingerprint import rules_fingerprint

    try:
        from vanban.ingest.ocr import tesseract_version

        tesseract = "tesseract " + ".".join(map(str, tesseract_version()))
    except VanbanError as error:
        tesseract = f"no usable tesseract ({error})"
    return f"vanban {__version__} (rules {rules_fingerprint()}; {tesseract})"


def _version(value: bool) -> None:
    if value:
        print(version_line())
        raise typer.Exit()


@app.callback()
def _group(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version (and tesseract's), then exit."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors on stderr."),
    verbose: int = typer.Option(0, "--verbose", "-v", count=True,
                                help="More on stderr (-vv: debugging detail)."),
    debug_: bool = typer.Option(False, "--debug", help="A traceback with every error."),
) -> None:
    """Vietnamese government directives to structured task records."""
    _STATE["quiet"] = quiet
    _STATE["debug"] = debug_
    # vanban's own lines at INFO (the watcher's one line per file), other libraries' only
    # when asked for: -v shows vanban's DEBUG lines, -vv and --debug everyone's.
    ours = logging.WARNING if quiet else logging.DEBUG if verbose or debug_ else logging.INFO
    everyone = logging.DEBUG if verbose > 1 or debug_ else logging.WARNING
    logging.basicConfig(level=everyone, stream=sys.stderr, format="%(asctime)s %(message)s",
                        datefmt="%H:%M:%S")
    logging.getLogger().setLevel(everyone)
    logging.getLogger("vanban").setLevel(ours)


def _register(command: str | None = None) -> None:
    # Imported for their side effect of adding commands to `app`.
    groups = [_COMMANDS[command]] if command in _COMMANDS else _GROUPS
    for group in groups:
        importlib.import_module(f"vanban.cli.{group}")


def main() -> None:
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    _register(command)
    start_cache.started()  # what the command compiles from now on is the documents'
    # The modules' objects live as long as the process: the collector need not walk them
    # again, in the worker forked for each file nor as the interpreter exits (0.04 s of a
    # one-file run, 3% of a folder of PDFs)
    gc.freeze()
    app()
