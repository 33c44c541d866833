"""Split a line into the units the restorer sees: words it may rewrite, and context.

The same split feeds the model builder and the decoder, so both see identical
context tokens around a word. Anything that is not a plain word (numbers, document
codes such as "84/BC-SNV", punctuation) is kept byte for byte and only gives context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# Context tokens of the language model.
BOS = "<s>"  # sentence or paragraph boundary
NUM = "<n>"  # a number
PUNCT = "<p>"  # comma, bracket, dash, quote ...
UNK = "<u>"  # acronym, code, foreign word, debris
SPECIALS = (BOS, NUM, PUNCT, UNK)

# Punctuation that closes a clause: the model restarts its context there.
_CLAUSE_END = frozenset(".;:?!…")

# Symbols an English OCR model writes in place of a Vietnamese letter; inside a word
# they belong to the word, alone they are punctuation.
GARBLE_SYMBOLS = "&$€¢|"

_CHUNK = re.compile(r"\S+")
_WORDISH = re.compile(rf"[^\W_]|[{re.escape(GARBLE_SYMBOLS)}]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
_ROMAN = re.compile(r"[IVXL]+")

Kind = Literal["word", "num", "code", "punct", "boundary"]


@dataclass(frozen=True, slots=True)
class Unit:
    kind: Kind
    start: int  # offsets in the line
    end: int

    def text(self, line: str) -> str:
        return line[self.start : self.end]


def _is_letterish(char: str) -> bool:
    return bool(_WORDISH.match(char))


def units(line: str) -> list[Unit]:
    """Words, numbers, codes and punctuation of one line, with their offsets."""
    out: list[Unit] = []
    for chunk in _CHUNK.finditer(line):
        start = chunk.start()
        text = chunk.group()
        lo, hi = 0, len(text)
        while lo < hi and not _is_letterish(text[lo]):
            lo += 1
        while hi > lo and not _is_letterish(text[hi - 1]):
            hi -= 1
        # Symbols that only stand for letters next to real letters.
        while lo < hi and text[lo] in GARBLE_SYMBOLS:
            lo += 1
        for i in range(lo):
            out.append(_punct(text[i], start + i))
        if lo < hi:
            out.append(Unit(_core_kind(text, lo, hi), start + lo, start + hi))
        for i in range(hi, len(text)):
            out.append(_punct(text[i], start + i))
    return out


def _punct(char: str, at: int) -> Unit:
    return Unit("boundary" if char in _CLAUSE_END else "punct", at, at + 1)


def _core_kind(text: str, lo: int, hi: int) -> Kind:
    core = text[lo:hi]
    if _NUMBER.fullmatch(core):
        return "num"
    if any(c in "/-_.:,+=@#" for c in core):
        return "code"
    # List markers: "a)", "đ)", "I.", "II." stay as written.
    after = text[hi : hi + 1]
    if after in (")", ".") and (len(core) == 1 or _ROMAN.fullmatch(core)) and lo == 0:
        return "code"
    if any(c.isdigit() for c in core) and not any(c.isalpha() for c in core):
        return "num"
    return "word"
