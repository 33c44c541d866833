"""`vanban extract`, `vanban explain` and `vanban schema`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from vanban.api import Options, process
from vanban.cli import app
from vanban.errors import VanbanError
from vanban.fsutil import write_atomic
from vanban.ingest import IngestOptions
from vanban.models import json_schema
from vanban.names import fit_name, printable


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Directive files: text, PDF, image, DOCX."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write DIR/<stem>.json per input."),
    ocr: str = typer.Option("auto", help="auto | always | never"),
    lang: str = typer.Option("vie", help="Tesseract language"),
    dpi: int = typer.Option(300, min=50, max=1200, help="Rasterisation DPI for scans"),
    no_restore: bool = typer.Option(False, "--no-restore", help="Keep text fields as written."),
) -> None:
    """Extract the record of each FILE. Failed files are reported; the rest still run."""
    if ocr not in ("auto", "always", "never"):
        raise typer.BadParameter("--ocr must be auto, always or never")
    options = Options(
        ingest=IngestOptions(ocr=ocr, lang=lang, dpi=dpi),  # type: ignore[arg-type]
        restore=not no_restore,
    )
    failures = 0
    for path in files:
        # each failure is one line, whatever went wrong: the other files still run
        try:
            record = process(path, options=options)
            payload = record.model_dump_json(indent=2)
            if out is None and len(files) == 1:
                print(payload)
            else:
                write_atomic((out or Path.cwd()) / fit_name(path.stem, ".json"), payload + "\n")
        except VanbanError as error:
            failures += 1
            _say(str(error))
        except OSError as error:
            failures += 1
            _say(f"{path}: cannot write the record ({error.strerror or error})")
        except Exception as error:  # a bug must not cost the other files their records
            failures += 1
            _say(f"{path}: internal error: {type(error).__name__}: {error}")
    if failures:
        raise typer.Exit(code=1)


def _say(message: str) -> None:
    first = message.strip().splitlines()[0] if message.strip() else message
    print(f"vanban: {printable(first)}", file=sys.stderr)


@app.command()
def explain(
    file: Path = typer.Argument(..., help="A directive file: text, PDF, image, DOCX."),
    ocr: str = typer.Option("auto", help="auto | always | never"),
) -> None:
    """Print each task's owners and deadline with the rule and the words that gave each."""
    from vanban.explain import explain as explain_record

    try:
        record = process(file, options=Options(ingest=IngestOptions(ocr=ocr)))  # type: ignore[arg-type]
    except VanbanError as error:
        print(f"vanban: {error}", file=sys.stderr)
        raise typer.Exit(code=1) from None
    sys.stdout.write(explain_record(record))


@app.command()
def schema() -> None:
    """Print the JSON Schema of an exported record."""
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
