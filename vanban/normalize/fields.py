"""Respell the free-text fields (subject, task text, unknown names) of a damaged document.

Two kinds of damage, two repairs, one syllable model:
- stripped or foreign-OCR text loses its diacritics: `restore` puts them back;
- our own Tesseract `vie` pages keep their diacritics but confuse look-alike marks
  ("Triến" for "Triển"): `repair_ocr` changes a syllable only when the model clearly
  prefers its look-alike.
"""

from __future__ import annotations

from collections.abc import Callable

from vanban.normalize.diacritics import Respelled, respelled, restore
from vanban.normalize.diacritics import text_state as _text_state
from vanban.normalize.ocr_repair import repair_ocr
from vanban.normalize.text import canonical_spelling


def _sample(text: str, budget: int = 1500) -> str:
    """Evenly spread lines of a long text: the state of a document shows in any part of it."""
    if len(text) <= budget:
        return text
    lines = text.splitlines()
    step = max(1, round(len(text) / budget))
    return "\n".join(lines[::step])


def text_state(text: str) -> str:
    """clean | stripped | garbled, for a whole document."""
    return _text_state(_sample(text))


def restore_text(
    text: str, *, state: str | None = None, line_state: str | None = None
) -> tuple[str, float]:
    """Diacritics put back into stripped or garbled text, and the model's confidence.

    `state` is the whole document's, which a short field may not show on its own;
    `line_state`, every line's (`diacritics.restore`).
    """
    result = restore(text, document_state=state, line_state=line_state)
    return canonical_spelling(result.text), float(result.confidence)


def respelled_text(
    text: str, read_as_written: Callable[[str, str], bool] = lambda word, reading: False
) -> Respelled:
    """A garbled document's text restored whole (`diacritics.respelled`), with the way back
    to the document's offsets: the rules read dates, deadlines and owners as restored, and
    a word `read_as_written(word, reading)` as written."""
    return respelled(text, document_state="garbled", read_as_written=read_as_written)


def repair_ocr_text(text: str) -> tuple[str, float]:
    """Look-alike marks of a Tesseract page corrected, and the model's confidence."""
    result = repair_ocr(text)
    return canonical_spelling(result.text), float(result.confidence)
