"""Letters Tesseract read twice: a short word laid over the end of the word beside it
("trợ" and a second "ợ" on its last letter), or a capital read alone just before the
word it opens ("C" and "Cai", whose box then holds only "ai"). A real scan's subject
read so ("hỗ trợ tỉnh Lào ợ / C Cai") was cut in two lines. Pure geometry on the words
of one page."""

from __future__ import annotations

from vanban.ingest.ocr import TsvWord

_SHORT = 2  # letters: a ghost is a letter or two
_TOUCHING = 0.15  # in line heights: closer than any space between two printed words
_OVER = 0.5  # of the ghost's width lying over its neighbour's box


def drop_doubled_letters(words: list[TsvWord]) -> list[TsvWord]:
    """`words` without the letters an OCR read a second time beside their word."""
    dropped: set[int] = set()
    for ghost in words:
        text = ghost.text.strip()
        if not (0 < len(text) <= _SHORT and text.isalpha()):
            continue
        for word in words:
            if word is ghost or id(word) in dropped or not _same_line(ghost, word):
                continue
            if len(word.text) > len(text) and (_tail_over(ghost, word, text)
                                               or _head_before(ghost, word, text)):
                dropped.add(id(ghost))
                break
    return [w for w in words if id(w) not in dropped] if dropped else words


def _same_line(a: TsvWord, b: TsvWord) -> bool:
    overlap = min(a.top + a.height, b.top + b.height) - max(a.top, b.top)
    return overlap >= 0.5 * min(a.height, b.height)


def _tail_over(ghost: TsvWord, word: TsvWord, text: str) -> bool:
    """The ghost lies over the word's end and reads as its last letters."""
    over = min(ghost.left + ghost.width, word.left + word.width) - max(ghost.left, word.left)
    return (over >= _OVER * ghost.width and ghost.left > word.left
            and word.text.rstrip(",.;:").endswith(text))


def _head_before(ghost: TsvWord, word: TsvWord, text: str) -> bool:
    """A capital alone touching the word it opens, and no surer than it."""
    gap = word.left - (ghost.left + ghost.width)
    height = max(ghost.height, word.height)
    return (len(text) == 1 and text.isupper() and -_TOUCHING * height <= gap
            < _TOUCHING * height and word.text.startswith(text)
            and ghost.confidence <= word.confidence)
