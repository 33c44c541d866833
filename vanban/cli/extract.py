"""`vanban extract`, `vanban explain` and `vanban schema`."""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from vanban.api import Options, process
from vanban.cli import EXIT_INTERNAL, EXIT_WRITE, app, report, say
from vanban.cli import options as shared
from vanban.errors import VanbanError
from vanban.fsutil import write_atomic
from vanban.models import Directive, json_schema
from vanban.names import fit_name, printable

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


def _process(path: Path, options: Options) -> Directive:
    if str(path) != STDIN:
        return process(path, options=options)
    with _stdin_file() as temporary:
        record = process(temporary, options=options)
    record.provenance.source = STDIN
    record.provenance.file_name = None
    record.doc_id = "stdin"
    return record


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
) -> None:
    """Extract the record of each FILE. Failed files are reported; the rest still run."""
    options = shared.options(ocr, lang, dpi, no_restore)
    if sum(str(p) == STDIN for p in files) > 1:
        raise typer.BadParameter("'-' (standard input) can be given once", param_hint="FILES")
    names = output_names(files)
    codes: list[int] = []
    for path, name in zip(files, names, strict=True):
        # each failure is one line, whatever went wrong: the other files still run
        try:
            record = _process(path, options)
            payload = record.model_dump_json(indent=2)
            if out is None and len(files) == 1:
                print(payload)
                continue
            target = (out or Path.cwd()) / fit_name(Path(name).stem, ".json")
            write_atomic(target, payload + "\n")
        except OSError as error:
            # an error: printed even with -q, which silences only information
            print(f"vanban: {printable(str(path))}: cannot write the record "
                  f"({error.strerror or error})", file=sys.stderr)
            codes.append(EXIT_WRITE)
            continue
        except Exception as error:  # a bug must not cost the other files their records
            code = report(error, where=printable(str(path)))
            codes.append(code if isinstance(error, VanbanError) else EXIT_INTERNAL)
            continue
        if name != ("stdin.json" if str(path) == STDIN else f"{path.stem}.json"):
            say(f"vanban: {printable(str(path))}: written as {target} (another input has the "
                "same name)")
    if codes:
        raise typer.Exit(code=exit_code(codes))


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
