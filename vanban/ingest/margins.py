"""Notes and specks in a scan's left margin, kept out of the page's text.

A received copy carries its reader's handwriting in the left margin (a leader's
"Chuyển đ/c ... xử lý", a clerk's routing mark) and a scan's edge its specks. Tesseract
reads them as weak words glued to the printed lines beside them: "zÌ Số: 115/CV-PA83",
"tạ ng sử    Kính gửi: - Sở ...", so "Số:" and "Kính gửi:" no longer start their lines
and the header's parts are not found.

The text column's left edge is where the page's sure lines start (the leftmost first
sure word of a line with several). A line that begins left of that edge loses its
words up to the last wide gap before its first sure word; a weak word wholly left of the
edge is dropped wherever it stands. Sure words stay, wherever they are: a page with
too few sure lines to know its edge is left as read.
"""

from __future__ import annotations

import statistics

from vanban.ingest.ocr import TsvWord
from vanban.normalize.syllables import looks_like_syllable

_SURE = 85.0  # Tesseract's confidence (0..100) of a printed word on a fair scan
_SURE_LINE = 3  # sure words a line needs to mark the column's edge
_LINES_NEEDED = 5  # sure lines a page needs before its edge is trusted
_TOLERANCE = 0.01  # of the page's width: a line may start this far left of the edge
_WIDE_GAP = 1.0  # in line heights: wider than any space between two words of a line
_FAIR = 50.0  # a syllable read at this confidence is print, however weak
_TRIM = ",.;:!?()\"'“”-–"


def drop_margin_notes(words: list[TsvWord], page_width: int) -> list[TsvWord]:
    """`words` without the weak words of the left margin."""
    lines: dict[tuple[int, int, int], list[TsvWord]] = {}
    for word in words:
        lines.setdefault((word.block, word.paragraph, word.line), []).append(word)
    starts = [next(w for w in line if _sure(w)).left for line in lines.values()
              if sum(_sure(w) for w in line) >= _SURE_LINE]
    if len(starts) < _LINES_NEEDED:
        return words
    edge = min(starts) - _TOLERANCE * page_width
    height = statistics.median(w.height for w in words if _sure(w))
    dropped: set[int] = set()
    for line in lines.values():
        line = sorted(line, key=lambda w: w.left)
        if line[0].left < edge:
            dropped.update(id(w) for w in _leading_notes(line, height))
        # (a stamp's box read as one weak run of marks reaches past the edge: it starts
        # in the margin all the same)
        dropped.update(id(w) for w in line if w.left < edge and _note(w)
                       and (w.left + w.width < edge or not _letters(w)))
    if not dropped:
        return words
    return [w for w in words if id(w) not in dropped]


def _leading_notes(line: list[TsvWord], height: float) -> list[TsvWord]:
    """The words of a line before the last wide gap that comes before its first sure
    word (the printed line's own dash stays: "- Sở Y tế;")."""
    first_sure = next((i for i, w in enumerate(line) if _sure(w)), len(line))
    cut = 0
    for i in range(1, min(first_sure + 1, len(line))):
        previous = line[i - 1]
        if line[i].left - (previous.left + previous.width) >= _WIDE_GAP * height:
            cut = i
    return line[:cut] if all(_note(w) for w in line[:cut]) else []


def _letters(word: TsvWord) -> bool:
    """Whether a word reads as letters at all: Tesseract gave it some confidence."""
    return word.confidence > 0


def _sure(word: TsvWord) -> bool:
    return word.confidence >= _SURE and sum(c.isalnum() for c in word.text) >= 2


def _note(word: TsvWord) -> bool:
    """A weak word that is no syllable read fairly: a mark, a speck, handwriting."""
    if _sure(word):
        return False
    core = word.text.strip(_TRIM)
    return not (word.confidence >= _FAIR and core.isalpha() and looks_like_syllable(core))


# A word of strokes alone ("|", "l", "]") on the paper's edge is the edge itself or the
# scanner's dark border beside it, which Tesseract reads on every line it ends ("phòng,
# chống |"): no print stands that close to the paper's edge (Nghị định 30's margins are
# 15 mm and more). A levelled page's canvas is wider than the scan: its edge then lies
# a little inside the canvas's (1.6% on a real scan tilted by 1°).
_STROKES = frozenset("|lI!][)(/\\")
_EDGE = 0.02  # of the page's width or height


def drop_edge_strokes(words: list[TsvWord], size: tuple[int, int]) -> list[TsvWord]:
    """`words` without the strokes an OCR read on the paper's edge."""
    width, height = size
    near_x, near_y = max(2, round(_EDGE * width)), max(2, round(_EDGE * height))

    def on_edge(w: TsvWord) -> bool:
        return (w.left <= near_x or w.left + w.width >= width - near_x
                or w.top <= near_y or w.top + w.height >= height - near_y)

    return [w for w in words
            if not (w.text.strip() and set(w.text.strip()) <= _STROKES and on_edge(w))]
