"""Options shared by every command that reads files: extract, explain, batch, watch.

One definition each, so the commands agree on names, defaults, choices and wording.
"""

from __future__ import annotations

from enum import StrEnum

import typer

from vanban.api import Options
from vanban.ingest import IngestOptions


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
