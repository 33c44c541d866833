"""A letter's subject ("V/v ...") printed small and grey under its number, read again.

Some offices print the trích yếu under "Số:" in a small grey type; on a scan its strokes
stand at about half the print's darkness, and Tesseract's one threshold for the whole page
(Otsu's, between the black print and the paper) breaks them into specks it drops: a
ministry's e-signed copy lost its whole "V/v tham gia ý kiến vào Dự thảo ..." block, though
Tesseract reads it from the same page drawn a little smoother. Where the first page's
first reading has a number line ("Số: 4409/BCA-C04") and a "Kính gửi" below it with nothing
read between them in the left column, that strip alone is read again with its greys
darkened (each level squared: the grey strokes go to a quarter of their lightness, the paper
stays white), and kept only if it opens with "V/v". One small Tesseract run, and only on
such a page.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PIL import Image

from vanban.folding import fold_ocr
from vanban.ingest import ocr
from vanban.ingest.ocr import TsvWord

_SYMBOL = re.compile(r"/\s*[A-ZĐ]{2,}")  # the number's symbol after its slash
_KINH_GUI = re.compile(r"^k[a-z]{2,3}h?\s*g[a-z]{1,3}")
# "V/v", however an OCR read the italic "v" after the slash ("V/\\", "V/%")
_V_V = re.compile(r"^v\s*[/|il]\s*[v\\%y](?![^\W\d_])")
_TOP = 0.45  # the number and "Kính gửi" stand in the page's upper part
_SPECK = 3  # letters a word needs to count as read
_SURE = 50  # mean confidence of a line read again that is kept


def reread(gray: Image.Image, words: list[TsvWord], *, lang: str, dpi: int,
           timeout: float) -> list[TsvWord]:
    """`words` with the subject block between the number line and "Kính gửi" read again
    where the first reading left that strip of the left column empty."""
    strip = empty_strip([(w.text, w.left, w.top, w.left + w.width, w.top + w.height)
                         for w in words], gray.size)
    if strip is None:
        return words
    left, top = strip[:2]
    crop = gray.crop(strip).point(lambda v: v * v // 255)  # greys darkened, white stays
    found = ocr.recognise(crop, lang=lang, dpi=dpi, timeout=timeout, psm=6).words
    lines: dict[tuple[int, int, int], list[TsvWord]] = {}
    for w in found:
        if w.text.strip():
            lines.setdefault((w.block, w.paragraph, w.line), []).append(w)
    ordered = [line for _, line in sorted(lines.items(), key=lambda kv: kv[1][0].top)]
    if not ordered or not _V_V.match(fold_ocr(" ".join(w.text for w in ordered[0]))):
        return words
    # (the label as the header readers know it: "V/\\" is the italic "v" misread)
    ordered[0][0] = replace(ordered[0][0], text="V/v") if _V_V.fullmatch(
        fold_ocr(ordered[0][0].text)) else ordered[0][0]
    kept = [line for line in ordered
            if sum(w.confidence for w in line) / len(line) >= _SURE]
    block = max((w.block for w in words), default=0) + 1
    return words + [replace(w, left=w.left + left, top=w.top + top, block=block, paragraph=1,
                            line=number)
                    for number, line in enumerate(kept, 1) for w in line]


def empty_strip(boxes: list[tuple[str, float, float, float, float]],
                size: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) of the left column's strip between the number line and
    "Kính gửi" when nothing was read in it; None when either is missing or it holds words.
    `boxes` are (text, left, top, right, bottom)."""
    width, height = size
    upper = [b for b in boxes if b[2] < height * _TOP]
    rows = _rows(upper)
    number = next((row for row in rows if row[0][1] < width / 2
                   and _SYMBOL.search(" ".join(b[0] for b in row))), None)
    if number is None:
        return None
    below = max(b[4] for b in number)
    kinh = next((row for row in rows if min(b[2] for b in row) > below
                 and _KINH_GUI.match(fold_ocr(" ".join(b[0] for b in row)))), None)
    if kinh is None:
        return None
    above = min(b[2] for b in kinh)
    if above - below < height * 0.02:  # no room for a subject's line
        return None
    if any(below < (b[2] + b[4]) / 2 < above and b[1] < width / 2
           and sum(c.isalpha() for c in b[0]) >= _SPECK for b in upper):
        return None
    return 0, int(below), int(width / 2), int(above)


def _rows(boxes: list[tuple[str, float, float, float, float]]
          ) -> list[list[tuple[str, float, float, float, float]]]:
    """The boxes in rows (a box joins the row whose middle height it overlaps), top first,
    each row left to right."""
    rows: list[list[tuple[str, float, float, float, float]]] = []
    for box in sorted(boxes, key=lambda b: (b[2], b[1])):
        middle = (box[2] + box[4]) / 2
        row = next((r for r in rows if r[0][2] <= middle <= r[0][4]), None)
        if row is None:
            rows.append([box])
        else:
            row.append(box)
    return [sorted(row, key=lambda b: b[1]) for row in rows]
