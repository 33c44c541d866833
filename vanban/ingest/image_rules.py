"""The ruled lines of a page image: a scanned table's borders, as segments.

A scanned annex's task table has no drawing to read its borders from, only pixels. A
border is a long, straight, thin run of dark pixels: along each row (each column, for
the verticals) the runs of ink are found, runs apart by a gap of a few pixels (a line
the scanner broke) are one, and a run is a piece of a rule when it is long (0.4 inch,
longer than any stroke of a letter) and nearly solid (a line of text read along its
baseline has gaps). Pieces in neighbouring rows that overlap are one rule, so a rule
a little tilted (what levelling leaves, a tenth of a degree) stays one; a piece as
thick as a bar is a filled area (a dark scan edge), not a rule.

A border runs from rule to rule: a table's column border from its top rule to its
bottom one, a row's rule from the left border to the right one. A line whose ends meet
no crossing rule is something else: an underline, a signature's stroke, a seal's arc,
or a scanner's streak (a dirty sensor draws one through every page, text and tables
alike; broken, its pieces end in the middle of rows). Pieces in line with each other
and a short break apart are joined first, so a broken border still reaches both ends.
A long vertical that is no table's border is kept apart as a streak: it runs through
the words of every line it crosses ("ngày 18" read "ngày %"), so it is painted out before
recognition, the strokes that cross it bridged (`without_streaks`).

Which rules make a table, and which word falls in which cell, is `ruled_tables`'
business, as for a PDF's drawn borders. All in pixels of the image given, y growing
downwards, as Tesseract's word boxes are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from vanban.ingest.deskew import otsu
from vanban.ingest.page_image import gray_of
from vanban.ingest.ruled_tables import NEAR, Segment

_WORK_DPI = 150  # rules are found on a copy reduced to about this
_MIN_LENGTH = 0.4  # inch: a rule's piece; a letter's longest stroke is far shorter
_GAP = 0.02  # inch: a break in a rule that still continues it
_SOLID = 0.85  # a rule's piece is this share ink (a baseline's serifs are not)
_MAX_THICK = 0.03  # inch: a rule is thinner (a bar or a dark scan edge is not)
# inch: pieces in line this far apart are one rule that the scanner broke or a seal
# hides (its red taken out with it, see `ink`); a column border is not joined so far,
# or two tables one above the other, a heading between them, would be one
_BREAK = {"horizontal": 0.4, "vertical": 0.25}
_SAMPLE = 4  # every 4th pixel each way is enough for the ink threshold
# A border's end may stop short of the rule it meets or run past it (a corner drawn
# over, a tilt): by up to twice what makes two borders one.
_REACH = 2.0
# inch: a vertical this long that is no table's border is a scanner's streak (a column
# border of a table without horizontal rules is as long, and better out of the way too)
_STREAK = 3.0
_STREAK_THICK = 0.08  # inch: a dirty sensor's streak can be a heavy line
_EDGE = 0.25  # inch from the image's side: a line there is the paper's edge
_STROKE = 0.035  # inch: the thickest stroke of a letter (a bold capital's)


@dataclass
class Rule:
    at: float  # y of a horizontal, x of a vertical
    start: float  # x0 of a horizontal, y0 of a vertical
    end: float
    # the pixels: (row, start, end) of a horizontal, (column, start, end) of a vertical
    runs: list[tuple[int, int, int]] = field(default_factory=list)
    width: float = 1.0  # its ink over its length: how thick it is


@dataclass
class Rules:
    horizontal: list[Rule]
    vertical: list[Rule]
    scale: int  # pixels of the image per pixel of the runs
    streaks: list[Rule] = field(default_factory=list)  # long verticals no table owns

    def segments(self) -> tuple[list[Segment], list[Segment]]:
        """(horizontal, vertical) in pixels of the image given to `find`."""
        s = self.scale
        return ([(r.at * s, r.start * s, r.end * s) for r in self.horizontal],
                [(r.at * s, r.start * s, r.end * s) for r in self.vertical])


def find(gray: Image.Image, *, dpi: int) -> Rules:
    """The rules of a page image (mode "L") that end on crossing rules: a table's."""
    scale = max(1, round(dpi / _WORK_DPI))
    work = gray_of(gray)
    if scale > 1:
        work = work.reduce(scale)  # a block's mean: a thin rule still darkens its blocks
    pixels = np.asarray(work, dtype=np.uint8)
    threshold = otsu(pixels[::_SAMPLE, ::_SAMPLE])
    # halfway between the ink's threshold and white: a rule half a block wide counts
    dark = pixels < (threshold + 255) // 2 if scale > 1 else pixels < threshold
    unit = dpi / scale
    length, gap = max(round(_MIN_LENGTH * unit), 8), max(round(_GAP * unit), 1)
    thick = max(_MAX_THICK * unit, 2.0)
    upright = np.ascontiguousarray(dark.T)  # the verticals are found as rows of this
    horizontal = _joined(_rules(_runs(dark, length=length, gap=gap), thick=thick),
                         gap=_BREAK["horizontal"] * unit)
    vertical = _joined(_rules(_runs(upright, length=length, gap=gap),
                              thick=max(_STREAK_THICK * unit, thick)),
                       gap=_BREAK["vertical"] * unit)
    near = _REACH * NEAR * unit / 72
    thin = [r for r in vertical if r.width <= thick]
    borders = _ending_on(thin, horizontal, near)
    margin, width = _EDGE * unit, dark.shape[1]
    streaks = [r for r in vertical if r not in borders and r.end - r.start >= _STREAK * unit
               and margin < r.at < width - margin]  # a scan's dark edge crosses no word
    return Rules(_ending_on(horizontal, thin, near), borders, scale, streaks)


def without_verticals(gray: Image.Image, rules: Rules, *, spread: int = 1) -> Image.Image:
    """`gray` with the vertical rules' pixels (and `spread` pixels either side, their
    grey fringe) set to white."""
    pixels = np.array(gray_of(gray), dtype=np.uint8)
    s = rules.scale
    for rule in rules.vertical:
        for column, start, end in rule.runs:
            left, right = max(column * s - spread, 0), (column + 1) * s + spread
            pixels[start * s : end * s, left:right] = 255
    out = Image.fromarray(pixels, mode="L")
    out.info.update(gray.info)
    return out


def without_streaks(gray: Image.Image, rules: Rules, *, dpi: int, spread: int = 1
                    ) -> Image.Image:
    """`gray` with its streaks painted out. Each row of a streak takes the lighter of the
    pixels either side of it, so paper becomes paper and a letter's stroke that crosses
    the streak (dark on both sides) stays joined; but where both sides are dark for
    longer than a stroke is thick, the streak lies between two of a letter's stems ("n"),
    and paper is what was there. A streak wider than a stroke is bridged nowhere: what
    lies either side of it may be two letters' strokes."""
    if not rules.streaks:
        return gray
    pixels = np.array(gray_of(gray), dtype=np.uint8)
    height, width = pixels.shape
    stroke = max(round(_STROKE * dpi), 2)
    ink = otsu(pixels[::_SAMPLE, ::_SAMPLE])
    s = rules.scale
    for streak in rules.streaks:
        lo = np.full(height, width, dtype=np.int64)  # per row: the streak's first column
        hi = np.zeros(height, dtype=np.int64)  # and the column past its last
        for column, start, end in streak.runs:
            rows = slice(start * s, min(end * s, height))
            lo[rows] = np.minimum(lo[rows], max(column * s - spread, 1))
            hi[rows] = np.maximum(hi[rows], min((column + 1) * s + spread, width - 1))
        at = np.flatnonzero(hi > lo)
        lo, hi = lo[at], hi[at]
        lighter = np.maximum(pixels[at, lo - 1], pixels[at, hi])
        lighter[_long_runs(lighter < ink, longer_than=stroke) | (hi - lo > stroke)] = 255
        left, right = lo.min(), hi.max()
        columns = np.arange(left, right)
        inside = (columns >= lo[:, None]) & (columns < hi[:, None])
        window = pixels[at, left:right]
        window[inside] = np.broadcast_to(lighter[:, None], window.shape)[inside]
        pixels[at, left:right] = window
    out = Image.fromarray(pixels, mode="L")
    out.info.update(gray.info)
    return out


def _long_runs(flags: np.ndarray, *, longer_than: int) -> np.ndarray:
    """The positions of `flags` in runs of True longer than `longer_than`."""
    padded = np.concatenate(([0], flags.astype(np.int8), [0]))
    edges = np.diff(padded)
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    out = np.zeros(len(flags), dtype=bool)
    for a, b in zip(starts, ends, strict=True):
        if b - a > longer_than:
            out[a:b] = True
    return out


def _runs(dark: np.ndarray, *, length: int, gap: int) -> np.ndarray:
    """Runs of ink along each row at least `length` long, breaks up to `gap` closed, and
    nearly solid: an array of (row, start, end, ink) rows, by row then start."""
    height, width = dark.shape
    padded = np.zeros((height, width + 2), dtype=bool)
    padded[:, 1:-1] = dark
    # where ink starts or stops; each row opens and closes on paper, so the changes come
    # in pairs, row-major: a run's start, then its end (one pass, not one per kind)
    changes = np.flatnonzero(padded[:, 1:] != padded[:, :-1])
    if not len(changes):
        return np.empty((0, 4), dtype=np.int64)
    rows, starts = np.divmod(changes[0::2], width + 1)
    ends = changes[1::2] - rows * (width + 1)
    new = np.ones(len(starts), dtype=bool)
    new[1:] = (rows[1:] != rows[:-1]) | (starts[1:] - ends[:-1] > gap)
    first = np.flatnonzero(new)
    last = np.append(first[1:], len(starts)) - 1
    joined_start, joined_end = starts[first], ends[last]
    ink = np.add.reduceat(ends - starts, first)
    span = joined_end - joined_start
    keep = (span >= length) & (ink >= _SOLID * span)
    return np.stack([rows[first][keep], joined_start[keep], joined_end[keep], ink[keep]],
                    axis=1).astype(np.int64)


def _rules(runs: np.ndarray, *, thick: float) -> list[Rule]:
    """Runs in neighbouring rows that overlap, joined into rules; a filled area left out."""
    groups: list[list[tuple[int, int, int, int]]] = []
    open_groups: list[tuple[int, int, int, int]] = []  # (last row, start, end, group)
    for row, start, end, ink in runs.tolist():
        joined = None
        still_open = []
        for last_row, g_start, g_end, index in open_groups:
            if row - last_row > 2:
                continue  # too far above to go on: closed
            if joined is None and start < g_end and g_start < end:
                joined = index  # this row's run goes on with the group
                continue
            still_open.append((last_row, g_start, g_end, index))
        if joined is None:
            joined = len(groups)
            groups.append([])
        groups[joined].append((row, start, end, ink))
        open_groups = [*still_open, (row, start, end, joined)]
    rules = []
    for group in groups:
        lo = min(start for _, start, _, _ in group)
        hi = max(end for _, _, end, _ in group)
        ink = sum(ink for _, _, _, ink in group)
        if ink > thick * (hi - lo):
            continue  # a filled area, not a line
        middle = sum(row * ink for row, _, _, ink in group) / ink
        rules.append(Rule(middle, float(lo), float(hi),
                          [(row, start, end) for row, start, end, _ in group], ink / (hi - lo)))
    return rules


def _joined(rules: list[Rule], *, gap: float) -> list[Rule]:
    """Pieces in line with each other (within a few pixels) and at most `gap` apart, as
    one rule: a border the scanner broke."""
    out: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (r.start, r.at)):
        before = next((r for r in reversed(out) if abs(r.at - rule.at) <= 3
                       and rule.start - r.end <= gap and rule.end > r.start), None)
        if before is None:
            out.append(Rule(rule.at, rule.start, rule.end, list(rule.runs), rule.width))
            continue
        before.width = max(before.width, rule.width)
        before.end = max(before.end, rule.end)
        before.runs += rule.runs
    return out


def _ending_on(rules: list[Rule], crossing: list[Rule], near: float) -> list[Rule]:
    """The rules whose two ends each meet a crossing rule."""

    def meets(rule: Rule, end: float) -> bool:
        return any(abs(c.at - end) <= near and c.start - near <= rule.at <= c.end + near
                   for c in crossing)

    return [r for r in rules if meets(r, r.start) and meets(r, r.end)]
