"""`vanban extract`, `vanban explain` and `vanban schema`."""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from vanban.api import Options, process
from vanban.cli import EXIT_INTERNAL, EXIT_WRITE, app, report, say
from vanban.cli import options as shared
from vanban.errors import VanbanError
from vanban.fsutil import write_atomic
from vanban.models import Directive, json_schema
from vanban.names import fit_name, printable
from vanban.runs.worker import BudgetWorker, OverBudgetError

STDIN = "-"


def output_names(files: list[Path]) -> list[str]:
    """`<stem>.json` per input; inputs whose stems collide get '-2', '-3' in the order
    given (case-insensitively, for file systems that fold case), so no record overwrites
    another of the same run."""
    taken: set[str] = set()
    names = []
    for path in files:
        stem = "stdin" if str(path) == STDIN else path.stem
        name, n = f"{stem}.json", 1
        while name.lower() in taken:
            n += 1
            name = f"{stem}-{n}.json"
        taken.add(name.lower())
        names.append(name)
    return names


@contextmanager
def _stdin_file() -> Iterator[Path]:
    # The readers take a path (PDF and image libraries want one); the bytes decide the kind.
    with tempfile.TemporaryDirectory(prefix="vanban-stdin-") as folder:
        path = Path(folder) / "stdin"
        path.write_bytes(sys.stdin.buffer.read())
        yield path


def _process(path: Path, options: Options, worker: BudgetWorker | None = None) -> Directive:
    """The record of `path` ('-': standard input), read in `worker` when one is given."""
    run = worker.call if worker is not None else _here
    if str(path) != STDIN:
        return run(_read, path, options)
    with _stdin_file() as temporary:
        record = run(_read, temporary, options)
    record.provenance.source = STDIN
    record.provenance.file_name = None
    record.doc_id = "stdin"
    return record


def _read(path: Path, options: Options) -> Directive:
    # what the worker is sent: this module's `process` is looked up there, by name
    return process(path, options=options)


def _here(fn: Callable[..., Directive], *args: Any) -> Directive:
    return fn(*args)


# A forked worker starts in milliseconds with the modules this process has loaded (a
# one-file extract stays as quick as before); extract has no threads that fork could
# copy in a bad state. Elsewhere fork is unsafe or absent.
_START_METHOD = "fork" if sys.platform == "linux" else "spawn"


def exit_code(codes: list[int]) -> int:
    """0; a failure's code when every failure shares one; 1 for a mix."""
    if not codes:
        return 0
    return codes[0] if len(set(codes)) == 1 else 1


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Directive files: text, PDF, image, DOCX; "
                                       "'-' reads standard input."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write DIR/<stem>.json per input."),
    ocr: shared.OcrMode = shared.OCR,
    lang: str = shared.LANG,
    dpi: int = shared.DPI,
    no_restore: bool = shared.NO_RESTORE,
    time_limit: float = shared.TIME_LIMIT,
    memory_limit: float = shared.MEMORY_LIMIT,
) -> None:
    """Extract the record of each FILE. Failed files are reported; the rest still run."""
    options = shared.options(ocr, lang, dpi, no_restore)
    if sum(str(p) == STDIN for p in files) > 1:
        raise typer.BadParameter("'-' (standard input) can be given once", param_hint="FILES")
    names = output_names(files)
    # each file is read in a worker under the budget, killed and replaced past it
    with BudgetWorker(shared.budget(time_limit, memory_limit),
                      start_method=_START_METHOD) as worker:
        codes = _extract_each(files, names, out, options, worker)
    if codes:
        raise typer.Exit(code=exit_code(codes))


def _extract_each(files: list[Path], names: list[str], out: Path | None, options: Options,
                  worker: BudgetWorker) -> list[int]:
    """Each file's record, written or printed; the exit codes of the files that failed."""
    codes: list[int] = []
    for path, name in zip(files, names, strict=True):
        # each failure is one line, whatever went wrong: the other files still run
        try:
            payload = _process(path, options, worker).model_dump_json(indent=2)
        except Exception as error:  # a bug must not cost the other files their records
            if isinstance(error, OverBudgetError):  # the worker's reason does not name the file
                error = OverBudgetError(f"{path}: {error}")
            code = report(error, where=printable(str(path)))
            codes.append(code if isinstance(error, VanbanError) else EXIT_INTERNAL)
            continue
        target = (out or Path.cwd()) / fit_name(Path(name).stem, ".json")
        try:
            if out is None and len(files) == 1:
                print(payload)
                continue
            write_atomic(target, payload + "\n")
        except OSError as error:
            # an error: printed even with -q, which silences only information
            print(f"vanban: {printable(str(path))}: cannot write the record "
                  f"({error.strerror or error})", file=sys.stderr)
            codes.append(EXIT_WRITE)
            continue
        if name != ("stdin.json" if str(path) == STDIN else f"{path.stem}.json"):
            say(f"vanban: {printable(str(path))}: written as {target} (another input has the "
                "same name)")
    return codes


@app.command()
def explain(
    file: Path = typer.Argument(..., help="A directive file: text, PDF, image, DOCX; '-' reads "
                                "standard input."),
    ocr: shared.OcrMode = shared.OCR,
    lang: str = shared.LANG,
    dpi: int = shared.DPI,
    no_restore: bool = shared.NO_RESTORE,
) -> None:
    """Print each task's owners and deadline with the rule and the words that gave each."""
    from vanban.explain import explain as explain_record

    record = _process(file, shared.options(ocr, lang, dpi, no_restore))
    sys.stdout.write(explain_record(record))


@app.command()
def schema() -> None:
    """Print the JSON Schema of an exported record."""
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
