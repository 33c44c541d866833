"""The signature block of a scanned page read again where the page's reading lost it.

A seal stamped over the signer's title and a signature drawn across the name make
Tesseract's page layout take the whole block beside "Nơi nhận" for a picture: the
title and the name are not read at all ("THỦ TƯỚNG ... Lê Minh Hưng" gone, the
recipients beside it read well). Where the page has a "Nơi nhận" and next to nothing was
read to the right of it, that region is read again alone as one block of text (page
segmentation mode 6: no layout analysis to call it a picture), and the words it gives
join the page's as a block of their own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PIL import Image

from vanban.errors import OcrError
from vanban.folding import fold
from vanban.ingest import ocr, seal
from vanban.ingest.ocr import TsvWord

_NOI_NHAN = re.compile(r"^n[o0][il]\s*nh[a-z]n")
# The signature block beside "Nơi nhận": from a little above it, this share of the page
# down (the title, room for a signature and seal, the name), right of the recipients.
_DOWN = 0.2
_UP = 2.0  # line heights above "Nơi nhận" (a "KT. BỘ TRƯỞNG" over the title starts there)
_RIGHT_OF = 0.45  # of the page's width: the signature column never starts further left
# Words of the first reading there that mean the block was read (letters, a fair
# confidence): fewer, and it is read again.
_READ = 2
_WORD = re.compile(r"[^\W\d_]{3,}")
_LETTERS = re.compile(r"[^\W\d_]")
_KEEP = 40  # confidence under which a word of the second reading is a seal's speck


def signature_block(image: Image.Image, words: list[TsvWord], *, lang: str, dpi: int,
                    timeout: float) -> list[TsvWord]:
    """`words`, with the signature block's words read again where they were lost."""
    width, height = image.size
    label = _noi_nhan(words, height)
    if label is None:
        return words
    line = max(label.height, dpi // 8)
    top = max(label.top - round(_UP * line), 0)
    bottom = min(label.top + round(_DOWN * height), height)
    # the recipients' column ends where its words end; the block starts past them
    left = round(_RIGHT_OF * width)
    for w in words:  # (from the label down: the body's lines above run the page wide)
        if label.top - line // 2 <= w.top < bottom and w.left < _RIGHT_OF * width:
            left = max(left, min(w.left + w.width, round(0.6 * width)))
    left += dpi // 20
    if left >= width - dpi:
        return words
    read = [w for w in words if w.left >= left and top <= w.top < bottom
            and w.confidence >= 60 and _WORD.search(w.text)]
    if len(read) >= _READ:
        return words
    region = image.crop((left, top, width, bottom)).convert("L")
    lines = _lines(region, lang=lang, dpi=dpi, timeout=timeout)
    ring = seal.find(region, dpi=dpi)
    if ring is not None:
        # the seal's own letters taken out: a title or a name under them reads whole
        # where they cross it, less some letters where the band crosses them; line by
        # line, the reading with more sure letters is kept
        lines = _better(lines, _lines(seal.without(region, ring), lang=lang, dpi=dpi,
                                      timeout=timeout))
    block = max((w.block for w in words), default=0) + 1
    found = [replace(w, left=w.left + left, top=w.top + top, block=block, paragraph=1,
                     line=number)
             for number, line in enumerate(lines, 1) for w in _closed(line)]
    if not found:
        return words
    # what the first reading made of the region (a speck, a lone word) gives way
    kept = [w for w in words if not (w.left >= left and top <= w.top < bottom)]
    return kept + found


def _closed(line: list[TsvWord]) -> list[TsvWord]:
    """The line's words, each reaching to a letter before the next: where a seal's band
    took letters out of a title ("GIÁM  ĐỐC"), the page's layout would see two columns
    in the gap, and Tesseract read them as one line."""
    line = sorted(line, key=lambda w: w.left)
    out = []
    for word, after in zip(line, [*line[1:], None], strict=True):
        if after is not None:
            letter = word.width / max(len(word.text), 1)
            word = replace(word, width=max(word.width, round(after.left - letter - word.left)))
        out.append(word)
    return out


def _lines(region: Image.Image, *, lang: str, dpi: int, timeout: float
           ) -> list[list[TsvWord]]:
    """The region's lines of words, read as one block, without a seal's specks."""
    try:
        result = ocr.recognise(region, lang=lang, dpi=dpi, timeout=timeout, psm=6)
    except OcrError:
        return []
    lines: dict[tuple[int, int, int], list[TsvWord]] = {}
    for w in result.words:
        if w.confidence >= _KEEP:
            lines.setdefault((w.block, w.paragraph, w.line), []).append(w)
    return list(lines.values())


def _better(first: list[list[TsvWord]], second: list[list[TsvWord]]
            ) -> list[list[TsvWord]]:
    """Of two readings of one region, line by line (lines that share most of their
    height are one), the one with more sure letters; lines only one has are kept."""
    out = list(first)
    for line in second:
        same = [k for k, other in enumerate(out) if _overlap(line, other) > 0.5]
        if all(_sure(line) > _sure(out[k]) for k in same):
            out = [other for k, other in enumerate(out) if k not in same] + [line]
    return sorted(out, key=lambda line: min(w.top for w in line))


def _overlap(a: list[TsvWord], b: list[TsvWord]) -> float:
    top = max(min(w.top for w in a), min(w.top for w in b))
    bottom = min(max(w.top + w.height for w in a), max(w.top + w.height for w in b))
    shorter = min(max(w.top + w.height for w in x) - min(w.top for w in x) for x in (a, b))
    return max(bottom - top, 0) / max(shorter, 1)


def _sure(line: list[TsvWord]) -> float:
    """Letters weighed by confidence: a word of letters read surely counts, specks not."""
    return sum(len(_LETTERS.findall(w.text)) * w.confidence / 100 for w in line
               if len(_LETTERS.findall(w.text)) >= 2)


def _noi_nhan(words: list[TsvWord], height: int) -> TsvWord | None:
    """The last "Nơi nhận" label of the page (below its header), if any."""
    found = None
    for at, word in enumerate(words):
        if word.top < 0.25 * height:
            continue
        if at and _line_of(words[at - 1]) == _line_of(word):
            continue  # "nơi nhận" within a sentence; the label begins its line
        text = fold(word.text)
        following = fold(words[at + 1].text) if at + 1 < len(words) else ""
        if _NOI_NHAN.match(text) or (_NOI_NHAN.match(f"{text} {following}")
                                     and text.startswith("n")):
            found = word
    return found


def _line_of(word: TsvWord) -> tuple[int, int, int]:
    return word.block, word.paragraph, word.line
