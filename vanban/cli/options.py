"""Options shared by every command that reads files: extract, explain, batch, watch.

One definition each, so the commands agree on names, defaults, choices and wording.
"""

from __future__ import annotations

from enum import StrEnum

import typer

from vanban.api import Options
from vanban.ingest import IngestOptions
from vanban.runs.worker import Budget


class OcrMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


OCR = typer.Option(OcrMode.auto, "--ocr", help="When to OCR a page: auto (no usable text), "
                   "always, never.", case_sensitive=False)
LANG = typer.Option("vie", "--lang", help="Tesseract language(s), e.g. vie or vie+eng.")
DPI = typer.Option(300, "--dpi", min=72, max=1200, help="Resolution for rasterising scanned pages.")
NO_RESTORE = typer.Option(False, "--no-restore", help="Keep text fields as written.")


def options(ocr: OcrMode = OcrMode.auto, lang: str = "vie", dpi: int = 300,
            no_restore: bool = False) -> Options:
    return Options(ingest=IngestOptions(ocr=OcrMode(ocr).value, lang=lang, dpi=dpi),
                   restore=not no_restore)


# The per-file budget of extract, batch and watch: each file is read in a worker process
# that is killed past these limits (vanban.runs.worker).
TIME_LIMIT = typer.Option(
    Budget.seconds, "--time-limit", min=1.0, max=86_400.0,
    help="Seconds one file may take; past it the file fails (over budget).",
)
MEMORY_LIMIT = typer.Option(
    Budget.memory / 2**30, "--memory-limit", min=0.5, max=1024.0,
    help="GiB of address space for the process reading one file.",
)


def budget(seconds: float = Budget.seconds, gib: float = Budget.memory / 2**30) -> Budget:
    return Budget(seconds=seconds, memory=int(gib * 2**30))
