"""A second look at the number and the date of a scanned directive's header.

The number after "Số:" and the day and month after "ngày" and "tháng" are often
written by hand or stamped with a numbering machine at signing, so the page's OCR
reads them as "6§0", "3|" or "#2". Where the header line's slot holds something that
is not digits, the slot's crop is read again, alone, by Tesseract restricted to
digits; the digits replace the slot's reading only when Tesseract is sure of them and
they fill in the first reading (as many characters, its digits in their places), so a
guess at handwriting does not pass for a number (it stays unread, the field empty).
"""

from __future__ import annotations

import re
from dataclasses import replace

from PIL import Image, ImageOps

from vanban.errors import OcrError
from vanban.folding import fold
from vanban.ingest import ocr
from vanban.ingest.ocr import TsvWord

# the header: the top of the page
_HEADER = 0.4
_NUMBER_LABEL = re.compile(r"^s[o0e6][:;.,]?")  # "Số:" folded, through "Só", "Sé"
_DAY_LABEL = re.compile(r"^ngay")
_MONTH_LABEL = re.compile(r"^thang")
_YEAR_LABEL = re.compile(r"^nam")
_DIGITS = re.compile(r"^\d+$")
_LARGEST = {"number": 999999, "day": 31, "month": 12}
_MOST_SLOTS = 3  # slots read again on one page, one Tesseract run each
# Tesseract's word confidence (0..100) a digits-only reading must reach: guesses at
# handwriting ("4" for a handwritten "11") come back under 30, clear digits over 60.
_SURE = 50


def header_digits(image: Image.Image, words: list[TsvWord], *, lang: str, dpi: int,
                  timeout: float) -> list[TsvWord]:
    """`words` with the header's number and date slots read again where they are not
    digits."""
    bottom = _HEADER * image.size[1]
    lines: dict[tuple[int, int, int], list[int]] = {}
    for index, word in enumerate(words):
        if word.top < bottom:
            lines.setdefault((word.block, word.paragraph, word.line), []).append(index)
    replaced: dict[int, list[TsvWord]] = {}
    budget = _MOST_SLOTS
    for indices in lines.values():
        line = [words[i] for i in indices]
        for kind, start, end, label, slot in _slots(line):
            if _DIGITS.match(slot) or not slot.strip() or budget == 0:
                continue
            budget -= 1
            digits = _read(image, start, end, line, label, lang=lang, dpi=dpi,
                           timeout=timeout)
            if digits is None or not 0 < int(digits) <= _LARGEST[kind]:
                continue
            if not _fills(slot.replace(" ", ""), digits):
                continue
            first = line[start]
            box = _slot_box(line, start, end, label)
            new = [replace(first, text=digits, left=box[0], top=box[1], width=box[2] - box[0],
                           height=box[3] - box[1], confidence=50.0)]
            if label:
                new.insert(0, replace(first, text=label, width=box[0] - first.left))
            replaced[indices[start]] = new
            for k in range(start + 1, end):
                replaced[indices[k]] = []
    if not replaced:
        return words
    out: list[TsvWord] = []
    for index, word in enumerate(words):
        out.extend(replaced.get(index, [word]))
    return out


def _fills(first: str, digits: str) -> bool:
    """Whether the digits only fill in what the first reading could not read: as many
    characters, and each digit it did read in its place ("6§0" → "660", not "J¿92" →
    "192", where the second reading is of other strokes than the first)."""
    return len(first) == len(digits) and all(
        a == b for a, b in zip(first, digits, strict=True) if a.isdigit())


def _slots(line: list[TsvWord]) -> list[tuple[str, int, int, str, str]]:
    """(kind, first word, end word, label glued to the first word, slot text) for the
    number after "Số:" (up to its symbol "/...") and the day and month before "tháng"
    and "năm"."""
    found = []
    folded = [fold(w.text) for w in line]
    for at, text in enumerate(folded):
        number = _NUMBER_LABEL.match(text)
        if number and at <= 1 and len(text) <= 8:
            found.extend(_slot("number", line, folded, at, number.end(),
                               stop=lambda t: "/" in t))
        day = _DAY_LABEL.match(text)
        if day:
            found.extend(_slot("day", line, folded, at, day.end(),
                               stop=lambda t: bool(_MONTH_LABEL.match(t))))
        month = _MONTH_LABEL.match(text)
        if month and any(_DAY_LABEL.match(t) for t in folded[:at]):
            found.extend(_slot("month", line, folded, at, month.end(),
                               stop=lambda t: bool(_YEAR_LABEL.match(t))))
    return found


def _slot(kind: str, line: list[TsvWord], folded: list[str], at: int, cut: int, stop
          ) -> list[tuple[str, int, int, str, str]]:
    """The slot after the label that word `at` holds up to `cut`: the rest of that word
    and the words up to the one `stop` accepts (a symbol "/QĐ-UBND": what precedes its
    slash is the slot's too). None when no stop word follows within three words."""
    glued = line[at].text[cut:]
    label = line[at].text[:cut] if glued else ""
    start = at if glued else at + 1
    for end in range(at + 1, min(at + 4, len(line))):
        if stop(folded[end]):
            head = line[end].text.split("/")[0] if "/" in folded[end] else ""
            if head:
                return []  # the number glued to its symbol: no box of its own to read
            slot = " ".join([glued, *(w.text for w in line[at + 1 : end])]).strip()
            return [(kind, start, end, label, slot)] if end > start else []
    return []


def _slot_box(line: list[TsvWord], start: int, end: int, label: str
              ) -> tuple[int, int, int, int]:
    first = line[start]
    left = first.left
    if label:  # the label's share of the word's width, by letters
        left += round(first.width * len(label) / max(len(first.text), 1))
    right = max(w.left + w.width for w in line[start:end])
    top = min(w.top for w in line[start:end])
    bottom = max(w.top + w.height for w in line[start:end])
    return left, top, max(right, left + 1), bottom


def _read(image: Image.Image, start: int, end: int, line: list[TsvWord], label: str, *,
          lang: str, dpi: int, timeout: float) -> str | None:
    left, top, right, bottom = _slot_box(line, start, end, label)
    pad = max(dpi // 30, 3)  # a few points of margin, as the line's own reading had
    crop = image.crop((max(left - pad, 0), max(top - pad, 0), right + pad, bottom + pad))
    crop = ImageOps.expand(crop, 2 * pad, fill=255)
    try:
        result = ocr.recognise(crop, lang=lang, dpi=dpi, timeout=timeout, psm=7,
                               whitelist="0123456789")
    except OcrError:
        return None
    digits = "".join(w.text for w in result.words)
    sure = all(w.confidence >= _SURE for w in result.words)
    return digits if result.words and sure and _DIGITS.match(digits) else None
