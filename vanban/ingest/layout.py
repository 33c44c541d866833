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

from vanban.ingest.cleanup import clean_text
from vanban.models.document import Word

# Letters a word's box may reach towards the next word (see `pdf_words.lines`).
STRETCH = 2.0
# "6.2 Đối với ..." opens an item as "2." does; "1.000 tấn" does not
_LIST_MARKER = re.compile(
    r"^([-–—•+*]|\(?\d{1,2}(?:\.\d{1,2})+\.?|\(?\d{1,2}[.)]|\(?[a-zđ][).]|[IVX]{1,4}\.)(\s|$)")


@dataclass(slots=True)
class Token:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float | None = None  # 0..1
    # words set in this token's text (a table's row written as one line): each word's
    # (start, end) in `text`, box and confidence, so evidence can point at a cell's words
    parts: list[tuple[int, int, tuple[float, float, float, float], float | None]] | None = None


class Line:
    """Tokens on one line; its box is taken once (a page's layout asks for it many times)."""

    __slots__ = ("_height", "tokens", "x0", "x1", "y0", "y1")

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self._height: float | None = None
        if not tokens:
            self.x0 = self.x1 = self.y0 = self.y1 = 0.0
            return
        first = tokens[0]
        x0, y0, x1, y1 = first.x0, first.y0, first.x1, first.y1
        for t in tokens:
            if t.x0 < x0:
                x0 = t.x0
            if t.y0 < y0:
                y0 = t.y0
            if t.x1 > x1:
                x1 = t.x1
            if t.y1 > y1:
                y1 = t.y1
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1

    @property
    def height(self) -> float:
        if self._height is None:
            self._height = _median([t.y1 - t.y0 for t in self.tokens])
        return self._height

    def __repr__(self) -> str:
        return f"Line({self.tokens!r})"


def _median(values: list[float]) -> float:
    """statistics.median, without its overhead (called for every line and row)."""
    data = sorted(values)
    n = len(data)
    if n == 0:
        raise statistics.StatisticsError("no median for empty data")
    i = n // 2
    return data[i] if n % 2 == 1 else (data[i - 1] + data[i]) / 2


@dataclass
class Block:
    lines: list[Line]
    flow: bool  # running text: wrapped lines may be joined


def page_rows(lines: list[Line]) -> tuple[list[list[Line]], float]:
    """The page's rows, each its segments side by side, top to bottom, and the lines'
    median height."""
    lines = [line for line in lines if line.tokens]
    if not lines:
        return [], 0.0
    height = _median([line.height for line in lines])
    return _rows([seg for line in lines for seg in _split_at_gaps(line, height)]), height


def reading_order(lines: list[Line], *, tables: dict[int, float] | None = None
                  ) -> list[Block]:
    """Blocks in the order a person reads them. With `tables` (words' right edges as
    drawn, by `id`, for those whose boxes were stretched), a run of rows laid out as a
    table without borders is one block of its rows, each row one line (`open_tables`)."""
    rows, height = page_rows(lines)
    if not rows:
        return []
    if tables is not None:
        from vanban.ingest import open_tables

        found = open_tables.bands(rows, height, edges=tables)
        if found:
            blocks: list[Block] = []
            at = 0
            for first, end, starts in found:
                blocks += _ordered_rows(rows[at:first], height)
                blocks.append(Block(open_tables.laid_out(rows[first:end], starts), flow=False))
                at = end
            return blocks + _ordered_rows(rows[at:], height)
    return _ordered_rows(rows, height)


def _ordered_rows(rows: list[list[Line]], height: float) -> list[Block]:
    """Rows (each its segments, top to bottom) as blocks: groups apart by wide gaps, and
    side-by-side columns in a group read one after the other."""
    if not rows:
        return []
    # baselines (the median word bottom) do not jump with accents and descenders as boxes do
    baselines = [_median([t.y1 for seg in row for t in seg.tokens]) for row in rows]
    pitches = [b - a for a, b in itertools.pairwise(baselines)]
    wide = (_median(pitches) if pitches else 0.0) + 0.3 * height
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


def boxes_first(boxes: list[Line], blocks: list[Block]) -> list[Block]:
    """`blocks` after the lines of `boxes`, in their own reading order: lines that sit
    over the page but are no part of its layout (an e-signature box), read before it."""
    if not boxes:
        return blocks
    ordered = [line for block in reading_order(boxes) for line in block.lines]
    return [Block(ordered, flow=False), *blocks]


def compose(
    blocks: Iterable[Block], *, right_margin: float | None = None
) -> tuple[str, list[Word]]:
    """The page text and its words; every word's text is cleaned before offsets are taken."""
    text, spans, confidences = compose_spans(blocks, right_margin=right_margin)
    return text, [
        Word(text[spans[i] : spans[i + 1]], spans[i], spans[i + 1],
             (spans[i + 2], spans[i + 3], spans[i + 4], spans[i + 5]), confidences[i // 6])
        for i in range(0, len(spans), 6)
    ]


def compose_spans(
    blocks: Iterable[Block], *, right_margin: float | None = None
) -> tuple[str, list[float], list[float | None]]:
    """`compose` with the words kept compact: six numbers a word in `spans`, (start, end,
    x0, y0, x1, y1), and their confidences (see `Page.defer_words`)."""
    blocks = [b for b in blocks if b.lines]
    if right_margin is None:
        right_margin = max((line.x1 for b in blocks if b.flow for line in b.lines), default=0.0)
    parts: list[str] = []
    spans: list[float] = []
    confidences: list[float | None] = []
    length = 0
    cleaned = _clean_all(blocks)
    k = 0  # index of the next token in `cleaned`
    for b_index, block in enumerate(blocks):
        if b_index:
            parts.append("\n\n")
            length += 2
        previous: Line | None = None
        for line in block.lines:
            if previous is not None:
                joined = block.flow and _continues(
                    previous, line, right_margin, cleaned[k - 1] if previous.tokens else None,
                    cleaned[k] if line.tokens else None,
                )
                parts.append(" " if joined else "\n")
                length += 1
            previous = line
            first = True
            for token in line.tokens:
                text = cleaned[k]
                k += 1
                if not text:
                    continue
                if first:
                    first = False
                else:
                    parts.append(" ")
                    length += 1
                end = length + len(text)
                if token.parts is not None and text == token.text:
                    for start, stop, box, confidence in token.parts:
                        spans += (length + start, length + stop, *box)
                        confidences.append(confidence)
                else:
                    spans += (length, end, token.x0, token.y0, token.x1, token.y1)
                    confidences.append(token.confidence)
                parts.append(text)
                length = end
    return "".join(parts), spans, confidences


def _clean_all(blocks: list[Block]) -> list[str]:
    """Every token cleaned in one call (per-token calls dominate a text-layer page's cost),
    in the order of the blocks' lines' tokens."""
    texts = [t.text for b in blocks for line in b.lines for t in line.tokens]
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        texts = [text.replace("\n", " ") for text in texts]
        joined = "\n".join(texts)
    cleaned = clean_text(joined).split("\n")
    if len(cleaned) != len(texts):  # cleaning never adds or drops a line break; be sure
        cleaned = [clean_text(text) for text in texts]
    # (a laid-out table's row keeps the spaces it opens with: its first column is empty)
    return [c.rstrip() if t[:1] == " " else c.strip()
            for c, t in zip(cleaned, texts, strict=True)]


def _continues(
    line: Line, following: Line, right_margin: float, last: str | None = None,
    first: str | None = None,
) -> bool:
    """Whether `following` is the wrapped rest of `line`'s sentence. `last` and `first` are
    the cleaned texts of `line`'s last and `following`'s first token, where known."""
    tolerance = 2.0 * line.height
    if line.x1 < right_margin - tolerance:
        return False
    if last is None:
        last = clean_text(line.tokens[-1].text).rstrip()
    if last.endswith((":", ";", "|")):  # "|": a table's row (see ruled_tables)
        return False
    head = following.tokens[0].text
    if first is None or head[:1].isspace():
        return not _LIST_MARKER.match(clean_text(head + " "))
    return not _LIST_MARKER.match(first + " ")


def _split_at_gaps(line: Line, height: float) -> list[Line]:
    """A line cut where the space between words is far wider than a word space."""
    tokens = line.tokens
    limit = 1.2 * height
    previous = tokens[0]
    for token in tokens[1:]:
        if token.x0 < previous.x0 or token.x0 - previous.x1 > limit:
            break
        previous = token
    else:
        return [line]  # in order and unbroken, as nearly every line is
    tokens = sorted(tokens, key=lambda t: t.x0)
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
                # (the row keeps its first segment's span: a stamp's tall line beside two
                # lines of text would otherwise join them into one row)
                rows[index].append(seg)
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
    spans = []
    for row in rows:
        if len(row) < 2:
            continue
        # an OCR's speck (":", "—", a letter of a stamp) beside a line makes no column
        row = [seg for seg in row if _letters(seg) >= 2]
        if len(row) < 2:
            continue
        spans.append([(seg.x0, seg.x1) for seg in row])
        # the widest gap of the row is its gutter
        gap = max(itertools.pairwise(row), key=lambda p: p[1].x0 - p[0].x1)
        a, b = gap[0].x1, gap[1].x0
        low = a if low is None else max(low, a)
        high = b if high is None else min(high, b)
    if low is None or high is None:
        return None
    if low >= high:
        return _gutter_of_most(spans)
    return low, high


def _gutter_of_most(spans: list[list[tuple[float, float]]]) -> tuple[float, float] | None:
    """The gutter where the rows' widest gaps do not all meet, because a row's widest
    gap lies inside one column (a motto read twice over its underline: "Độc lập - Tự do
    -" and "Hạnh phúc" a little more than a word space apart): the widest gaps, widest
    first, narrow it down; a row keeps the gap of its own that meets it, and a row with
    none that lies wholly on one side of it is that column's line."""
    gapped = sorted(spans, key=lambda row: -max(b[0] - a[1] for a, b in itertools.pairwise(row)))
    first = gapped[0]
    a, b = max(itertools.pairwise(first), key=lambda p: p[1][0] - p[0][1])
    low, high = a[1], b[0]
    for row in gapped[1:]:
        meeting = [(a[1], b[0]) for a, b in itertools.pairwise(row) if a[1] < high and b[0] > low]
        if meeting:
            a, b = max(meeting, key=lambda g: min(g[1], high) - max(g[0], low))
            low, high = max(low, a), min(high, b)
        elif not (row[0][0] >= high or row[-1][1] <= low):
            return None
    return (low, high) if low < high else None


def _letters(line: Line) -> int:
    return sum(c.isalnum() for t in line.tokens for c in t.text)


def _merge(row: list[Line]) -> Line:
    reach = list(itertools.accumulate((seg.x1 for seg in row), max))
    stamped = [seg for seg, before in zip(row[1:], reach, strict=False)
               if seg.x0 < before and _digits(seg)]
    if not stamped:
        return Line([token for seg in row for token in seg.tokens])
    # a number or day the signing software stamps into a typed line's blank ("ngày   tháng
    # năm 2026", whose words' boxes stretch over the spaces) starts inside that line's
    # span: its digits go where they stand, not after "2026" (a seal's letters over a
    # title, read as a segment of their own, stay apart)
    tokens = [token for seg in row if seg not in stamped for token in seg.tokens]
    for token in (t for seg in stamped for t in seg.tokens):
        at = next((i for i, t in enumerate(tokens) if t.x0 > token.x0), len(tokens))
        tokens.insert(at, token)
    return Line(tokens)


def _digits(segment: Line) -> bool:
    return all(token.text.isdigit() for token in segment.tokens)
