"""Tables drawn with rules, in a PDF's text layer or on a scanned page, read cell by cell.

A plan's annex lists its tasks in a table whose cells wrap. Read as lines of text, a
row's cells interleave (the short ones sit beside the middle of the tall ones), and no
reading order recovers them. A word processor draws the table's borders, though: each
cell as a rectangle, or the grid as thin rules (a scan's rules are found in its pixels,
`image_rules`). Where the borders make a grid, every word whose centre falls in a cell
goes to that cell, and each row of the grid becomes one line of text, "| 1 | Rà soát
... | Sở NN&PTNT | ... |", the Markdown form the task table reader knows.

Boxes are (x0, y0, x1, y1) with y growing downwards, as in `layout`, in points for a
text layer and pixels for a scan.
"""

from __future__ import annotations

import bisect
import statistics
from dataclasses import dataclass

from vanban.ingest.layout import Line, Token
from vanban.models.document import Table

Box = tuple[float, float, float, float]
Segment = tuple[float, float, float]  # (y, x0, x1) of a horizontal, (x, y0, y1) of a vertical
_THIN = 2.5  # a path this thin (points) is a rule; a wider one a cell's rectangle
NEAR = 3.0  # points: borders this close are one border (a stroke's width, rounding)
_MIN_COLUMNS = 3  # fewer is a frame or a signature box, not a table of tasks
_RULE_MARKS = frozenset("_—–-|=~")  # what a rule read as text is made of
_MAX_PAIRS = 200_000  # borders compared pairwise to find the tables; past it, one table


@dataclass(frozen=True)
class Grid:
    xs: list[float]  # column borders, left to right
    ys: list[float]  # row borders, top to bottom

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        row = min(bisect.bisect_right(self.ys, y) - 1, len(self.ys) - 2)
        column = min(bisect.bisect_right(self.xs, x) - 1, len(self.xs) - 2)
        return row, column


def is_rectangle(box: Box) -> bool:
    """Whether a path's box is wider and taller than a rule: a cell's rectangle, or a fill."""
    return box[2] - box[0] > _THIN and box[3] - box[1] > _THIN


def grids(boxes: list[Box]) -> list[Grid]:
    """The tables the borders among `boxes` (the page's path objects) draw."""
    horizontal: list[Segment] = []
    vertical: list[Segment] = []
    rectangles: list[Box] = []
    for x0, y0, x1, y1 in boxes:
        if y1 - y0 <= _THIN and x1 - x0 > _THIN:
            horizontal.append(((y0 + y1) / 2, x0, x1))
        elif x1 - x0 <= _THIN and y1 - y0 > _THIN:
            vertical.append(((x0 + x1) / 2, y0, y1))
        elif x1 - x0 > _THIN and y1 - y0 > _THIN:
            rectangles.append((x0, y0, x1, y1))
    ruled = rule_grids(horizontal, vertical)
    # A rectangle inside a table its rules draw is shading (Word fills a shaded
    # paragraph's every line): its sides would cut each row into its lines and a cell
    # into columns of its own. Elsewhere a rectangle is a cell: its four sides.
    cells = [box for box in rectangles if not any(_within(box, grid) for grid in ruled)]
    if not cells:
        return ruled
    for x0, y0, x1, y1 in cells:
        horizontal += [(y0, x0, x1), (y1, x0, x1)]
        vertical += [(x0, y0, y1), (x1, y0, y1)]
    return rule_grids(horizontal, vertical)


def _within(box: Box, grid: Grid) -> bool:
    x0, y0, x1, y1 = box
    return (grid.xs[0] - NEAR <= x0 and x1 <= grid.xs[-1] + NEAR
            and grid.ys[0] - NEAR <= y0 and y1 <= grid.ys[-1] + NEAR)


def rule_grids(horizontal: list[Segment], vertical: list[Segment], *,
               near: float = NEAR) -> list[Grid]:
    """The tables that rules draw (a scan's, found in its pixels: `near` in its unit)."""
    out = []
    for h_group, v_group in _connected(horizontal, vertical, near):
        xs = _merged([x for x, _, _ in v_group], near)
        ys = _merged([y for y, _, _ in h_group], near)
        if len(xs) > _MIN_COLUMNS and len(ys) >= 3:
            out.append(Grid(xs, ys))
    # top to bottom: the order the tables are read in (and numbered) is the page's
    return sorted(out, key=lambda grid: (grid.ys[0], grid.xs[0]))


def _connected(
    horizontal: list[Segment], vertical: list[Segment], near: float
) -> list[tuple[list[Segment], list[Segment]]]:
    """Groups of borders that touch one another (horizontal, vertical): one per table."""
    # neighbouring cells share their sides: each side once
    horizontal, vertical = _distinct(horizontal), _distinct(vertical)
    if len(horizontal) * len(vertical) > _MAX_PAIRS:
        return [(horizontal, vertical)]  # a page that is one big grid: one table
    parent = list(range(len(horizontal) + len(vertical)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_vertical = len(horizontal)
    for i, (a, lo_i, hi_i) in enumerate(horizontal):
        for j, (b, lo_j, hi_j) in enumerate(vertical, first_vertical):
            # a rule across a border: the horizontal's y within the vertical's span and
            # the vertical's x within the horizontal's
            if lo_j - near <= a <= hi_j + near and lo_i - near <= b <= hi_i + near:
                parent[root(i)] = root(j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, segment in enumerate(horizontal + vertical):
        h_group, v_group = groups.setdefault(root(i), ([], []))
        (h_group if i < first_vertical else v_group).append(segment)
    return [g for g in groups.values() if g[0] and g[1]]


def _distinct(segments: list[Segment]) -> list[Segment]:
    return list({tuple(round(v) for v in s): s for s in segments}.values())


def _merged(values: list[float], near: float) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= near:
            continue
        out.append(value)
    return out


def tabulate_rows(lines: list[Line], tables: list[Grid], *, read: bool = False
                  ) -> tuple[list[Line], list[list[str]]]:
    """`lines` with the words inside a table replaced by one line per row of it, and each
    table's rows as the lines written for them. With `read` (words an OCR read off the
    page image), a word that is a piece of the grid read as a letter is left out."""
    if not tables:
        return lines, []
    cells: dict[tuple[int, int, int], list[tuple[int, Token]]] = {}
    kept: list[Line] = []
    for number, line in enumerate(lines):
        outside = []
        for token in line.tokens:
            x, y = (token.x0 + token.x1) / 2, (token.y0 + token.y1) / 2
            place = next(((t, *cell) for t, grid in enumerate(tables)
                          if (cell := grid.cell(x, y)) is not None), None)
            if place is None:
                outside.append(token)
            elif not (read and _is_rule(token, tables[place[0]])):
                cells.setdefault(place, []).append((number, token))
        if len(outside) == len(line.tokens):
            kept.append(line)
        elif outside:
            kept.append(Line(outside))
    written: list[list[str]] = []
    for t, grid in enumerate(tables):
        written.append([])
        for row in range(len(grid.ys) - 1):
            words = [_cell_words(cells.get((t, row, column), []), read=read)
                     for column in range(len(grid.xs) - 1)]
            if not any(words):
                continue
            text, parts = _row(words)
            tokens = [tok for cell in words for tok in cell]
            top = min(tokens, key=lambda tok: tok.y0)
            # an OCR'd row is as sure as its words are on average
            sure = [tok.confidence for tok in tokens if tok.confidence is not None]
            kept.append(Line([Token(text, grid.xs[0], top.y0, grid.xs[-1], top.y1,
                                    statistics.fmean(sure) if sure else None, parts)]))
            written[-1].append(text)
    return kept, written


def _is_rule(token: Token, grid: Grid) -> bool:
    """Whether an OCR'd word is the grid itself: a lone "|" (a rule, or a scanner's
    streak through the cell), or dashes lying on one of the grid's lines (the stub of a
    rule Tesseract read as "—" or "_")."""
    text = token.text
    if not text or not set(text) <= _RULE_MARKS:
        return False
    if set(text) == {"|"}:
        return True
    slack = 0.1 * (token.y1 - token.y0)
    return (any(token.x0 - slack <= x <= token.x1 + slack for x in grid.xs)
            or any(token.y0 - slack <= y <= token.y1 + slack for y in grid.ys))


def cell_table(text: str, rows: list[str]) -> Table | None:
    """A table's rows, as `tabulate_rows` wrote them, found in the page's `text` and kept
    as cells: spans of the text, so extraction reads cells, not "| a | b |" again."""
    starts: dict[str, list[int]] = {}
    pos = 0
    for line in text.split("\n"):
        starts.setdefault(line, []).append(pos)
        pos += len(line) + 1
    cells: list[list[tuple[int, int] | None]] = []
    for row in rows:
        if not starts.get(row):
            return None  # the page's text no longer holds it as written
        at = starts[row].pop(0) + 1
        spans: list[tuple[int, int] | None] = []
        for piece in row[1:-1].split("|"):
            stripped = piece.strip()
            offset = at + (piece.index(stripped) if stripped else 0)
            spans.append((offset, offset + len(stripped)) if stripped else None)
            at += len(piece) + 1
        cells.append(spans)
    return Table(cells) if cells and len({len(r) for r in cells}) == 1 else None


def _row(cells: list[list[Token]]) -> tuple[str, list]:
    """A row's line, "| 1 | Rà soát ... | Sở NN&PTNT |", and where each word is in it (see
    `Token.parts`). A "|" in a word is written "/": it would end the cell."""
    pieces: list[str] = []
    parts = []
    at = 2  # past "| "
    for cell in cells:
        texts = [tok.text.replace("|", "/") for tok in cell]
        for token, word in zip(cell, texts, strict=True):
            parts.append((at, at + len(word), (token.x0, token.y0, token.x1, token.y1),
                          token.confidence))
            at += len(word) + 1
        pieces.append(" ".join(texts))
        at += 2 if texts else 3  # " | " after the cell, less the space a word left
    return "| " + " | ".join(pieces) + " |", parts


def _cell_words(tokens: list[tuple[int, Token]], *, read: bool) -> list[Token]:
    """A cell's words in reading order: line by line, left to right.

    A cell's lines are the page's own lines (the text layer's or the OCR's), in the
    order of their middles, and pieces of one line read apart are joined. A word's box
    is its glyphs' (a text layer's too): "-" is a sliver at mid-height, "quan" hangs
    below the line and "Các" rises above it, so a word's own middle does not tell its
    line ("- Các sở, ban, ngành" came out "Các ban - sở, ngành"); a line's median does.
    An OCR's boxes are rougher still (a speck merged into a word raises its top, a
    slight tilt lowers a line's last words below the next line's first).
    """
    if not tokens:
        return []
    height = statistics.median(tok.y1 - tok.y0 for _, tok in tokens) or 1.0
    by_line: dict[int, list[Token]] = {}
    for number, token in tokens:
        by_line.setdefault(number, []).append(token)
    pieces, apart = list(by_line.values()), height / (4 if read else 2)
    middles = [statistics.median((t.y0 + t.y1) / 2 for t in piece) for piece in pieces]
    lines: list[tuple[float, list[Token]]] = []
    for middle, piece in sorted(zip(middles, pieces, strict=True), key=lambda mp: mp[0]):
        if lines and middle - lines[-1][0] < apart:
            lines[-1][1].extend(piece)
        else:
            lines.append((middle, list(piece)))
    return [tok for _, line in lines for tok in sorted(line, key=lambda tok: tok.x0)]
