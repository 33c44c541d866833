"""Tables without borders in a PDF's text layer, laid out as rows the way the page shows them.

A plan's annex set as a table with no rules drawn (borders hidden, or a word processor's
tab stops) has no grid for `ruled_tables` to cut it by, and read as blocks of text its
columns come one after another: the task numbers, then the tasks, then the owners, so no
row holds its own owner and time. Its columns still stand apart on the page: strips that
no word of any of its rows covers run down the whole table. Where three columns or more
do so over four rows or more, and the first column holds row numbers ("1", "2.", "IV"),
each row of words is written as one line with each column's words where the column
starts, two columns apart by at least `_GUTTER` spaces, as `pdftotext -layout` lays a
table out; the task-table reader reads such lines by the columns under the header (it
knows the headers' words, this module none).

Boxes are (x0, y0, x1, y1) with y growing downwards, in points. A word's right edge is
stretched towards the next word (`pdf_words.lines`), so the gap between two words says
little; a strip left blank in every row of a run says a column.
"""

from __future__ import annotations

import itertools
import re
import statistics
from array import array
from operator import attrgetter

from vanban.ingest import pdfium_calls
from vanban.ingest.layout import Line, Token

_MIN_ROWS = 4
_MIN_COLUMNS = 3
_MIN_NUMBERS = 2  # row numbers in the first column
_GUTTER = 4  # spaces written between two columns
_ROW_NUMBER = re.compile(r"\(?(?:\d{1,3}|[IVX]{1,4}|[a-zđ])[.)]?")
_NEAR_ROWS = 3.0  # line heights: a row further below the last one ends the run
_STRIP = 0.6  # line heights: the narrowest blank strip that parts two columns (a word
# space is about a third of one; the cells of a table stand a cell's two paddings apart)
_LOOK_PAST = 3  # rows at a table's top that may be a heading above it
_WIDER = 2.0  # a gutter's width against a cell's usual word space
_LEFT = attrgetter("x0")


def may_hold_one(lines: list[Line]) -> bool:
    """Whether a page's lines, their words' right edges stretched, may hold a table: as
    `bands` finds them, with any blank strip at all between columns. Only then are the
    page's words read again with their boxes as drawn (`bands`' `edges`)."""
    from vanban.ingest.layout import page_rows

    rows, height = page_rows(lines)
    if not rows:
        return False
    facts = _Facts(rows, {})
    # the first run found is enough: most pages hold none, and are read to their end
    return any(_band_from(rows, facts, first, height, 0.0) is not None
               for first in range(len(rows)))


def bands(rows: list[list[Line]], height: float, *, strip: float = _STRIP,
          edges: dict[int, float] | None = None) -> list[tuple[int, int, list[float]]]:
    """The runs of `rows` (each a row's segments, top to bottom) laid out as a table:
    (first row, end row, where each column starts), top to bottom, apart. `edges` gives
    words' right edges as drawn (by `id`), where their boxes were stretched; `strip` is
    the narrowest blank strip between two columns, in line heights."""
    out: list[tuple[int, int, list[float]]] = []
    facts = _Facts(rows, edges or {})
    index = 0
    while index < len(rows):
        found = _band_from(rows, facts, index, height, strip)
        if found is None:
            index += 1
            continue
        # a heading just above the table ("II. NHIỆM VỤ") runs across the strip between
        # its first columns: the table without it, where that parts more columns
        for later in range(index + 1, min(index + _LOOK_PAST, len(rows))):
            other = _band_from(rows, facts, later, height, strip)
            if other is not None and (other[2], len(other[1])) > (found[2], len(found[1])):
                index, found = later, other
        end, starts, _ = found
        out.append((index, end, starts))
        index = end
    return out


class _Facts:
    """What `_band_from` asks of each row, taken once: a run from each row reads the rows
    below it again (a page's rows three to five times over). Per row: its top and bottom,
    the x ranges its words cover (merged), and its leftmost word's left edge, the next
    word's left edge and whether the leftmost is a row number (a row number alone in the
    first column is the only word left of where that column ends). Packed as arrays too
    where the compiled search (`_pdfium_loops.band_from`) reads them."""

    __slots__ = ("bottoms", "edges", "leads", "packed", "spans", "tops")

    def __init__(self, rows: list[list[Line]], edges: dict[int, float]) -> None:
        self.edges = edges
        self.tops = [min(seg.y0 for seg in row) for row in rows]
        self.bottoms = [max(seg.y1 for seg in row) for row in rows]
        self.spans: list[list[list[float]]] = []
        self.leads: list[tuple[float, float, bool]] = []
        for row in rows:
            tokens = [t for seg in row for t in seg.tokens]
            self.spans.append(_cover([], [(t.x0, edges.get(id(t), t.x1)) for t in tokens]
                                     if edges else [(t.x0, t.x1) for t in tokens]))
            lead = min(tokens, key=_LEFT)
            after = min((t.x0 for t in tokens if t is not lead), default=float("inf"))
            self.leads.append((lead.x0, after, bool(_ROW_NUMBER.fullmatch(lead.text))))
        self.packed: tuple | None = None
        if pdfium_calls.loops is not None:
            offsets = [0, *itertools.accumulate(len(spans) for spans in self.spans)]
            self.packed = (
                array("d", [x for spans in self.spans for span in spans for x in span]),
                array("q", offsets), array("d", self.tops), array("d", self.bottoms),
                array("d", [x for x0, after, _ in self.leads for x in (x0, after)]),
                bytes(number for _, _, number in self.leads))


def _band_from(rows: list[list[Line]], facts: _Facts, first: int, height: float,
               strip: float) -> tuple[int, list[float], int] | None:
    """The run of rows from `first` whose words leave blank strips between three columns
    or more and whose first column holds the most row numbers, if it is a table (see the
    module's note). A row that runs across a strip (the heading after the table) joins two
    columns into one and so numbers none: the run ends before it."""
    if facts.packed is not None and pdfium_calls.loops is not None:  # the same, compiled
        best = pdfium_calls.loops.band_from(
            *facts.packed, first, _NEAR_ROWS * height, strip * height, _MIN_COLUMNS,
            _MIN_ROWS, _MIN_NUMBERS)
    else:
        best = _best_run(facts, first, height, strip)
    # (the first look, with any strip and edges stretched, leaves the gutters to the second)
    if best is None or (strip > 0 and not _gutters_wider(rows[first : best[1]], best[2],
                                                         facts.edges)):
        return None
    return best[1], best[2], best[0]


def _best_run(facts: _Facts, first: int, height: float, strip: float
              ) -> tuple[int, int, list[float]] | None:
    """(row numbers, end, column starts) of `_band_from`'s run, before its gutters' test."""
    covered: list[list[float]] = []
    best: tuple[int, int, list[float]] | None = None
    bottom = None
    tops, bottoms, spans, leads = facts.tops, facts.bottoms, facts.spans, facts.leads
    for index in range(first, len(tops)):
        if bottom is not None and tops[index] - bottom > _NEAR_ROWS * height:
            break
        covered = _cover(covered, spans[index])
        columns = _runs(covered, strip * height)
        if len(columns) < _MIN_COLUMNS:
            break
        bottom = bottoms[index]
        if index + 1 - first < _MIN_ROWS:
            continue
        ends = columns[0][1]
        numbers = sum(1 for x0, after, number in leads[first : index + 1]
                      if number and x0 < ends <= after)
        if numbers >= _MIN_NUMBERS and (best is None or numbers >= best[0]):
            best = (numbers, index + 1, [x0 for x0, _ in columns])
    return best


def _gutters_wider(rows: list[list[Line]], starts: list[float], edges: dict[int, float]
                   ) -> bool:
    """Whether the narrowest gutter is at least `_WIDER` times the rows' usual space
    between two words of a cell: a list's short lines whose spaces happen to line up (a
    text layer's irregular spacing) leave strips no wider than those spaces."""
    spaces, gutters = [], []
    for row in rows:
        tokens = sorted((t for seg in row for t in seg.tokens), key=lambda t: t.x0)
        for before, after in itertools.pairwise(tokens):
            gap = after.x0 - edges.get(id(before), before.x1)
            same = _column(after.x0, starts) == _column(before.x0, starts)
            (spaces if same else gutters).append(gap)
    if not spaces or not gutters:
        return bool(gutters)
    return min(gutters) >= _WIDER * statistics.median(spaces)


def _column(x: float, starts: list[float]) -> int:
    return max((c for c, start in enumerate(starts) if start <= x), default=0)


def _cover(covered: list[list[float]], spans: list[list[float]] | list[tuple[float, float]]
           ) -> list[list[float]]:
    """The x ranges `covered` and `spans` cover together, merged, left to right (`spans`
    all lists, or all tuples with `covered` empty: the two do not compare)."""
    merged: list[list[float]] = []
    for x0, x1 in sorted([*covered, *spans]):
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return merged


def _runs(covered: list[list[float]], strip: float) -> list[tuple[float, float]]:
    """The columns: covered ranges apart by blank strips `strip` wide or wider."""
    runs: list[tuple[float, float]] = []
    for x0, x1 in covered:
        if runs and x0 - runs[-1][1] < max(strip, 1e-6):
            runs[-1] = (runs[-1][0], x1)
        else:
            runs.append((x0, x1))
    return runs


def laid_out(rows: list[list[Line]], starts: list[float]) -> list[Line]:
    """Each row as one line: each column's words, in order, from where that column starts
    on the line (past the longest of the column's cells above and below, and `_GUTTER`
    spaces), each word's box kept (`Token.parts`)."""
    cells = [_cells(row, starts) for row in rows]
    widths = [max((len(" ".join(t.text for t in row[c])) for row in cells), default=0)
              for c in range(len(starts))]
    at = [0]
    for width in widths[:-1]:
        at.append(at[-1] + width + _GUTTER)
    lines = []
    for row in cells:
        text, parts = "", []
        for column, tokens in enumerate(row):
            if not tokens:
                continue
            text = text.ljust(at[column] if column == 0 else max(at[column], len(text) + _GUTTER))
            for token in tokens:
                if text and not text.endswith(" "):
                    text += " "
                parts.append((len(text), len(text) + len(token.text),
                              (token.x0, token.y0, token.x1, token.y1), token.confidence))
                text += token.text
        words = [t for cell in row for t in cell]
        sure = [t.confidence for t in words if t.confidence is not None]
        lines.append(Line([Token(text, min(t.x0 for t in words), min(t.y0 for t in words),
                                 max(t.x1 for t in words), max(t.y1 for t in words),
                                 statistics.fmean(sure) if sure else None, parts)]))
    return lines


def _cells(row: list[Line], starts: list[float]) -> list[list[Token]]:
    """A row's words by column (the last column that starts left of a word's middle)."""
    cells: list[list[Token]] = [[] for _ in starts]
    for token in sorted((t for seg in row for t in seg.tokens), key=lambda t: t.x0):
        middle = (token.x0 + token.x1) / 2
        column = max((c for c, x in enumerate(starts) if x <= middle), default=0)
        cells[column].append(token)
    return cells
