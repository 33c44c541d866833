"""Words with boxes to page text in reading order, with each word's offsets.

Both page sources (Tesseract's TSV and a PDF's text layer) give words with boxes
grouped into lines. This module decides the order and the line breaks:

* A line with a wide gap is two segments (Tesseract happily reads "ỦY BAN NHÂN DÂN"
  and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" as one line of a two-column header).
* Rows are cut into groups at the larger vertical gaps; inside a group, rows whose
  segments all avoid a common gutter are columns: the left column is read before the
  right one, so the issuing body's lines come out together, then the motto's.
* In running text a line that reaches the right margin continues on the next line
  (the paragraph is joined into one line, as a typed directive has it); a short line,
  a line ending in ":" or ";", or a next line opening with a list marker breaks.

Boxes are (x0, y0, x1, y1) with y growing downwards, in any unit.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from vanban.ingest.cleanup import clean_text
from vanban.ingest.document import Word

_LIST_MARKER = re.compile(r"^([-–—•+*]|\(?\d{1,2}[.)]|\(?[a-zđ][).]|[IVX]{1,4}\.)(\s|$)")


@dataclass(slots=True)
class Token:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float | None = None  # 0..1


@dataclass
class Line:
    tokens: list[Token]

    @cached_property
    def x0(self) -> float:
        return min(t.x0 for t in self.tokens)

    @cached_property
    def x1(self) -> float:
        return max(t.x1 for t in self.tokens)

    @cached_property
    def y0(self) -> float:
        return min(t.y0 for t in self.tokens)

    @cached_property
    def y1(self) -> float:
        return max(t.y1 for t in self.tokens)

    @cached_property
    def height(self) -> float:
        return statistics.median(t.y1 - t.y0 for t in self.tokens)


@dataclass
class Block:
    lines: list[Line]
    flow: bool  # running text: wrapped lines may be joined


def reading_order(lines: list[Line]) -> list[Block]:
    """Blocks in the order a person reads them."""
    lines = [line for line in lines if line.tokens]
    if not lines:
        return []
    height = statistics.median(line.height for line in lines)
    segments = [seg for line in lines for seg in _split_at_gaps(line, height)]
    rows = _rows(segments)
    # baselines (the median word bottom) do not jump with accents and descenders as boxes do
    baselines = [statistics.median(t.y1 for seg in row for t in seg.tokens) for row in rows]
    pitches = [b - a for a, b in itertools.pairwise(baselines)]
    wide = (statistics.median(pitches) if pitches else 0.0) + 0.3 * height
    gaps = pitches
    blocks: list[Block] = []
    group: list[list[Line]] = []
    for row, gap in zip(rows, [0.0, *gaps], strict=True):
        if group and gap > wide:
            blocks.extend(_columns(group))
            group = []
        group.append(row)
    blocks.extend(_columns(group))
    return blocks


def compose(
    blocks: Iterable[Block], *, right_margin: float | None = None
) -> tuple[str, list[Word]]:
    """The page text and its words; every word's text is cleaned before offsets are taken."""
    blocks = [b for b in blocks if b.lines]
    flow_lines = [line for b in blocks if b.flow for line in b.lines]
    if right_margin is None:
        right_margin = max((line.x1 for line in flow_lines), default=0.0)
    parts: list[str] = []
    words: list[Word] = []
    length = 0
    cleaned = _clean_all(blocks)
    for b_index, block in enumerate(blocks):
        if b_index:
            parts.append("\n\n")
            length += 2
        for l_index, line in enumerate(block.lines):
            if l_index:
                previous = block.lines[l_index - 1]
                joined = block.flow and _continues(previous, line, right_margin)
                parts.append(" " if joined else "\n")
                length += 1
            first = True
            for token in line.tokens:
                text = cleaned[id(token)]
                if not text:
                    continue
                if not first:
                    parts.append(" ")
                    length += 1
                box = (token.x0, token.y0, token.x1, token.y1)
                words.append(Word(text, length, length + len(text), box, token.confidence))
                parts.append(text)
                length += len(text)
                first = False
    return "".join(parts), words


def _clean_all(blocks: list[Block]) -> dict[int, str]:
    """Every token cleaned in one call (per-token calls dominate a text-layer page's cost)."""
    tokens = [t for b in blocks for line in b.lines for t in line.tokens]
    texts = [t.text.replace("\n", " ") for t in tokens]
    cleaned = clean_text("\n".join(texts)).split("\n")
    if len(cleaned) != len(tokens):  # cleaning never adds or drops a line break; be sure
        cleaned = [clean_text(text) for text in texts]
    return {id(t): c.strip() for t, c in zip(tokens, cleaned, strict=True)}


def _continues(line: Line, following: Line, right_margin: float) -> bool:
    """Whether `following` is the wrapped rest of `line`'s sentence."""
    tolerance = 2.0 * line.height
    if line.x1 < right_margin - tolerance:
        return False
    last = clean_text(line.tokens[-1].text).rstrip()
    if last.endswith((":", ";")):
        return False
    return not _LIST_MARKER.match(clean_text(following.tokens[0].text + " "))


def _split_at_gaps(line: Line, height: float) -> list[Line]:
    """A line cut where the space between words is far wider than a word space."""
    tokens = sorted(line.tokens, key=lambda t: t.x0)
    limit = 1.2 * height
    segments, current = [], [tokens[0]]
    for token in tokens[1:]:
        if token.x0 - current[-1].x1 > limit:
            segments.append(Line(current))
            current = []
        current.append(token)
    segments.append(Line(current))
    return segments


def _rows(segments: list[Line]) -> list[list[Line]]:
    """Segments side by side (overlapping vertically) form a row; rows top to bottom."""
    rows: list[list[Line]] = []
    spans: list[tuple[float, float]] = []
    for seg in sorted(segments, key=lambda s: (s.y0 + s.y1) / 2):
        mid = (seg.y0 + seg.y1) / 2
        for index in range(len(rows) - 1, max(len(rows) - 4, -1), -1):
            top, bottom = spans[index]
            if top <= mid <= bottom:
                rows[index].append(seg)
                spans[index] = (min(top, seg.y0), max(bottom, seg.y1))
                break
        else:
            rows.append([seg])
            spans.append((seg.y0, seg.y1))
    for row in rows:
        row.sort(key=lambda s: s.x0)
    return [row for _, row in sorted(zip(spans, rows, strict=True), key=lambda p: p[0][0])]


def _columns(rows: list[list[Line]]) -> list[Block]:
    """A group of rows as blocks: side-by-side columns read one after the other."""
    gutter = _gutter(rows)
    blocks: list[Block] = []
    if gutter is None:
        return [Block([_merge(row) for row in rows], flow=True)]

    low, high = gutter

    def crosses(row: list[Line]) -> bool:
        return any(seg.x0 < low and seg.x1 > high for seg in row)

    def is_left(seg: Line) -> bool:
        return seg.x1 <= high if seg.x0 < low else (seg.x0 + seg.x1) / 2 < (low + high) / 2

    index = 0
    while index < len(rows):
        if crosses(rows[index]):
            start = index
            while index < len(rows) and crosses(rows[index]):
                index += 1
            blocks.append(Block([_merge(row) for row in rows[start:index]], flow=True))
            continue
        start = index
        while index < len(rows) and not crosses(rows[index]):
            index += 1
        run = rows[start:index]
        if not any(len(row) > 1 for row in run):
            blocks.append(Block([_merge(row) for row in run], flow=True))
            continue
        left = [_merge([s for s in row if is_left(s)]) for row in run]
        right = [_merge([s for s in row if not is_left(s)]) for row in run]
        blocks.append(Block([line for line in left if line.tokens], flow=False))
        blocks.append(Block([line for line in right if line.tokens], flow=False))
    return [b for b in blocks if b.lines]


def _gutter(rows: list[list[Line]]) -> tuple[float, float] | None:
    """The x range between the segments of every multi-segment row, if there is one."""
    low, high = None, None
    for row in rows:
        if len(row) < 2:
            continue
        # the widest gap of the row is its gutter
        gap = max(itertools.pairwise(row), key=lambda p: p[1].x0 - p[0].x1)
        a, b = gap[0].x1, gap[1].x0
        low = a if low is None else max(low, a)
        high = b if high is None else min(high, b)
    if low is None or high is None or low >= high:
        return None
    return low, high


def _merge(row: list[Line]) -> Line:
    return Line([token for seg in row for token in seg.tokens])
