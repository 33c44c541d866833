"""`vanban restore`: diacritics back into stripped or OCR-garbled text."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from vanban.cli import app


@app.command()
def restore(
    file: Path | None = typer.Argument(None, help="Text file; standard input when omitted."),
    state: bool = typer.Option(False, "--state", help="Print clean | stripped | garbled only."),
) -> None:
    """Restore Vietnamese diacritics and repair English-model OCR garble (stdout)."""
    from vanban.normalize.diacritics import restore as restore_text
    from vanban.normalize.diacritics import text_state

    text = file.read_text(encoding="utf-8") if file else sys.stdin.read()
    if state:
        typer.echo(text_state(text))
        return
    result = restore_text(text)
    sys.stdout.write(result.text)
    typer.echo(f"confidence {result.confidence:.3f}, changed {result.changed}", err=True)
