"""A pdfium text page's words with their boxes, one `layout.Line` per line of its text."""

from __future__ import annotations

import ctypes
import re

import pypdfium2 as pdfium

from vanban.ingest import layout, pdfium_calls

# pdfium writes a hyphen that ends a line inside a word ("23/2024/TT-" over "BCT") as
# U+FFFE and leaves out the line break after it: the line ends there, with its hyphen
_LINE = re.compile("[^\r\n\ufffe]+\ufffe?")
_WORD = re.compile(r"\S+")
_LINE_HYPHEN = "\ufffe"


def lines(textpage: pdfium.PdfTextPage, height: float, *,
          exact: bool = False) -> list[layout.Line]:
    """Words with boxes, in the order of the page's text.

    A word's box is its first and last letters' (two foreign calls a word, made direct:
    `pdfium_calls`). Its right edge is then stretched towards the next word by up to
    two letters, so that a justified line's wide spaces do not read as the gap between
    two columns, while the gutter of a line that holds both columns' words (the number
    on the left, the date on the right) stays wide. The letter is the median of the
    words' own widths. `exact` keeps the boxes as drawn.
    """
    text = textpage.get_text_range()
    box = (ctypes.c_double * 4)()  # left, right, bottom, top
    handle = pdfium_calls.handle(textpage)
    charbox = pdfium_calls.charbox()
    token = layout.Token
    line_class = layout.Line
    stretch = layout.STRETCH
    if pdfium_calls.loops is not None:  # the same loop, compiled, the page at once
        return [line_class([token(*word) for word in words])
                for words in pdfium_calls.loops.page_words(
                    pdfium_calls.address(charbox), handle.value, text, height, box,
                    -1.0 if exact else stretch)]
    left, right, bottom, top = (ctypes.byref(box, 8 * i) for i in range(4))
    word_at = _WORD.finditer
    found: list[layout.Line] = []
    for match in _LINE.finditer(text):
        words = []
        for w in word_at(text, *match.span()):
            piece = w.group()
            if _LINE_HYPHEN in piece:
                piece = piece.replace(_LINE_HYPHEN, "-")
                words.append((w.start(), w.end(), piece))
                continue
            # most words are all lower or upper case: whole, without a call
            if piece.islower() or piece.isupper():
                words.append((w.start(), w.end(), piece))
            else:
                words.extend(_unjoined(w))
        if not words:
            continue
        boxes = []
        for start, end, _ in words:
            charbox(handle, start, left, right, bottom, top)
            x0, y0, y1 = box[0], height - box[3], height - box[2]
            charbox(handle, end - 1, left, right, bottom, top)
            boxes.append((x0, y0, max(box[1], x0), y1))
        count = len(words)
        if exact or count == 1:
            found.append(line_class([token(w[2], *b) for w, b in zip(words, boxes, strict=True)]))
            continue
        widths = sorted([(b[2] - b[0]) / (w[1] - w[0]) for w, b in zip(words, boxes, strict=True)])
        width = widths[count // 2]
        reach = stretch * width
        tokens = []
        last = count - 1
        for index, (x0, y0, x1, y1) in enumerate(boxes):
            if index < last:
                x1 = max(x1, min(boxes[index + 1][0] - width, x1 + reach))
            tokens.append(token(words[index][2], x0, y0, x1, y1))
        found.append(line_class(tokens))
    return found


def _unjoined(word: re.Match[str]) -> list[tuple[int, int, str]]:
    """A word as (start, end, text) pieces: two that the page's text joined ("thuộcThành":
    pdfium left out the space that the glyphs' gap makes) apart again. Only where a
    Vietnamese syllable (a marked letter in it) runs into a capitalised word, so that
    "eKYC", "VNeID" or "QĐ-TTg" stay whole."""
    w, at = word.group(), word.start()
    if w.islower() or w.isupper():
        return [(at, word.end(), w)]
    pieces, begin = [], 0
    for i in range(2, len(w) - 1):
        if (w[i].isupper() and w[i + 1].islower() and w[i - 1].islower() and w[i - 2].islower()
                and not w[begin:i].isascii()):
            pieces.append((at + begin, at + i, w[begin:i]))
            begin = i
    pieces.append((at + begin, word.end(), w[begin:]))
    return pieces
