"""Split a line into the units the restorer sees: words it may rewrite, and context.

The same split feeds the model builder and the decoder, so both see identical
context tokens around a word. Anything that is not a plain word (numbers, document
codes such as "15/BC-STP", punctuation) is kept byte for byte and only gives context.
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
# A number, or digits a slash or a dash joins: a date ("4/2026", "15/6/2026") or a period
# ("2021-2025") reads as a number, as "tháng 4" does, not as a document symbol.
_NUMBER = re.compile(r"\d+(?:[.,/-]\d+)*%?")
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
    return [Unit(kind, start, end) for kind, start, end in spans(line)]


Span = tuple[Kind, int, int]
_CHUNKS: dict[str, tuple[Span, ...]] = {}
_CHUNK_CACHE_LIMIT = 100_000


def memoised(memo: dict, key, compute, *, limit: int):
    """`memo[key]`, computed once; the memo is emptied when full, so memory stays bounded."""
    hit = memo.get(key)
    if hit is None:
        hit = compute(key)
        if len(memo) >= limit:
            memo.clear()
        memo[key] = hit
    return hit


def span_memo() -> dict[str, tuple[Span, ...]]:
    """The memo `chunk_spans` keeps (emptied in place, never replaced): the compiled
    `_Tables.chunk` looks a chunk up in it before asking `chunk_spans`."""
    return _CHUNKS


def forget_spans() -> None:
    """Empty the memo of split chunks (for measuring first-seen text)."""
    _CHUNKS.clear()


def chunk_spans(chunk: str) -> tuple[Span, ...]:
    """The spans of one whitespace-free chunk, offsets relative to it (remembered)."""
    rel = _CHUNKS.get(chunk)
    if rel is None:
        rel = memoised(_CHUNKS, chunk, _chunk_spans, limit=_CHUNK_CACHE_LIMIT)
    return rel


def spans(line: str) -> list[Span]:
    """`units` as plain (kind, start, end) tuples; chunks are split once and remembered."""
    if not line.isprintable():  # a tab, a no-break space ...: whitespace beyond " "
        return _spans_of_chunks(line)
    # The only whitespace is " " (every other is unprintable): the chunks are the pieces
    # `split(" ")` leaves, found 1.5x faster than by the pattern (and `str.split`'s
    # whitespace is the pattern's)
    out: list[Span] = []
    cache = _CHUNKS
    start = 0
    for text in line.split(" "):
        if text:
            rel = cache.get(text)
            if rel is None:
                rel = memoised(cache, text, _chunk_spans, limit=_CHUNK_CACHE_LIMIT)
            if len(rel) == 1:
                kind, lo, hi = rel[0]
                out.append((kind, start + lo, start + hi))
            else:
                for kind, lo, hi in rel:
                    out.append((kind, start + lo, start + hi))
        start += len(text) + 1
    return out


def _spans_of_chunks(line: str) -> list[Span]:
    """`spans` of any line: its chunks found by the pattern."""
    out: list[Span] = []
    cache = _CHUNKS
    for chunk in _CHUNK.finditer(line):
        text = chunk.group()
        rel = cache.get(text)
        if rel is None:
            rel = memoised(cache, text, _chunk_spans, limit=_CHUNK_CACHE_LIMIT)
        start = chunk.start()
        if len(rel) == 1:
            kind, lo, hi = rel[0]
            out.append((kind, start + lo, start + hi))
        else:
            for kind, lo, hi in rel:
                out.append((kind, start + lo, start + hi))
    return out


def _chunk_spans(text: str) -> tuple[Span, ...]:
    """Units of one whitespace-free chunk, offsets relative to it."""
    if text.isalpha():
        return (("word", 0, len(text)),)
    out: list[Span] = []
    lo, hi = 0, len(text)
    while lo < hi and not _is_letterish(text[lo]):
        lo += 1
    while hi > lo and not _is_letterish(text[hi - 1]):
        hi -= 1
    # Symbols that only stand for letters next to real letters.
    while lo < hi and text[lo] in GARBLE_SYMBOLS:
        lo += 1
    for i in range(lo):
        out.append(_punct_span(text[i], i))
    if lo < hi and _words_by_slash(text[lo:hi]):
        # "sông/kênh", "tỉnh/thành": words a slash joins, not a document symbol
        at = lo
        for part in text[lo:hi].split("/"):
            if at > lo:
                out.append(("punct", at - 1, at))
            out.append(("word", at, at + len(part)))
            at += len(part) + 1
    elif lo < hi:
        out.append((_core_kind(text, lo, hi), lo, hi))
    for i in range(hi, len(text)):
        out.append(_punct_span(text[i], i))
    return tuple(out)


def _words_by_slash(core: str) -> bool:
    """Lower-case words of two letters or more joined by slashes: no symbol is written so
    ("KH/UBND", "V/v", "km/h", "Đ/c" stay codes)."""
    parts = core.split("/")
    return len(parts) > 1 and all(
        len(part) > 1 and part.isalpha() and part.islower() for part in parts
    )


def _punct_span(char: str, at: int) -> Span:
    return ("boundary" if char in _CLAUSE_END else "punct", at, at + 1)


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
