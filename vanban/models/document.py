"""The text a file yields, page by page, with where every character came from.

It crosses from ingest to extract: both import it from here, so extract never imports
ingest.

`Document.text` is what extraction reads and what every `Evidence` offset
points into: the pages' texts joined by a form feed.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

PAGE_BREAK = "\n\f\n"


@dataclass(frozen=True)
class Word:
    """One OCR'd or text-layer word; offsets are into its page's text."""

    text: str
    start: int
    end: int
    bbox: tuple[float, float, float, float]
    confidence: float | None = None


Span = tuple[int, int]


@dataclass(frozen=True)
class Table:
    """A table kept as its cells (a Word table, say): each row's cells as spans of the
    page's text, None for an empty one. The text holds the table too, row by row, so
    evidence can point into it; extraction reads the cells from here, not from the text."""

    rows: list[list[Span | None]]

    def shifted(self, offset: int) -> Table:
        """The same table with its spans moved by `offset` (a page's start in the document)."""
        return Table([[(cell[0] + offset, cell[1] + offset) if cell else None for cell in row]
                      for row in self.rows])


@dataclass
class Page:
    number: int  # 1-based
    text: str
    method: str  # "text" | "text-layer" | "ocr" | "docx"
    confidence: float | None = None  # mean OCR word confidence, 0..1
    words: list[Word] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # what word boxes are measured in: the page's (width, height) in `unit` ("pt" for a
    # PDF's text layer, "px" for an OCR'd image), and the dots per inch of that unit
    size: tuple[float, float] | None = None
    unit: str | None = None
    dpi: float | None = None
    tables: list[Table] = field(default_factory=list)

    def defer_words(self, spans: list[float], confidences: list[float | None] | None = None):
        """Give the words in compact form, built into `Word`s only when first asked for.

        `spans` holds six numbers a word, (start, end, x0, y0, x1, y1), each word's text
        being `text[start:end]`. A text-layer page's words are rarely looked at (only an
        evidence box needs one), and building hundreds of objects a page costs more than
        reading the page.
        """
        self.__dict__["_words"] = None
        self.__dict__["_spans"] = (spans, confidences)


def _get_words(page: Page) -> list[Word]:
    words = page.__dict__.get("_words")
    if words is None:
        spans, confidences = page.__dict__.pop("_spans", None) or ((), None)
        text = page.text
        words = []
        for index in range(0, len(spans), 6):
            start, end, x0, y0, x1, y1 = spans[index : index + 6]
            start, end = int(start), int(end)
            confidence = confidences[index // 6] if confidences is not None else None
            words.append(Word(text[start:end], start, end, (x0, y0, x1, y1), confidence))
        page.__dict__["_words"] = words
    return words


def _set_words(page: Page, words: list[Word]) -> None:
    page.__dict__.pop("_spans", None)
    page.__dict__["_words"] = words


# `words` stays an ordinary dataclass field (constructor, repr, equality, pickling) whose
# value may be held back until it is read
Page.words = property(_get_words, _set_words)  # type: ignore[assignment]


@dataclass
class Document:
    pages: list[Page]
    kind: str = "text"  # "text" | "pdf" | "image" | "docx"
    source: Path | None = None
    sha256: str | None = None
    warnings: list[str] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, init=False, repr=False)
    _text: str = field(default="", init=False, repr=False)
    # per page: its words as parallel lists (`_view`)
    _views: dict[int, _WordView] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        offset, starts = 0, []
        for page in self.pages:
            starts.append(offset)
            offset += len(page.text) + len(PAGE_BREAK)
        self._starts = starts
        self._text = PAGE_BREAK.join(page.text for page in self.pages)

    @property
    def text(self) -> str:
        return self._text

    @property
    def tables(self) -> list[Table]:
        """Every page's tables, their spans offsets into `text`."""
        return [table.shifted(start) for page, start in zip(self.pages, self._starts, strict=True)
                for table in page.tables]

    def boxes(self, start: int, end: int) -> list[tuple[float, float, float, float]]:
        """The boxes of the words a span of `text` covers, one per line it runs over (the
        words' union), in reading order; none where the page has no word boxes."""
        if not self.pages or end <= start:
            return []
        _, view, covered = self._covered(start, end)
        lines: list[list[float]] = []
        for i in covered:
            x0, y0, x1, y1 = view.boxes[i]
            last_line = lines[-1] if lines else None
            # the same line: the word overlaps the line's height by half its own
            if last_line is not None and min(y1, last_line[3]) - max(y0, last_line[1]) > (
                    y1 - y0) / 2:
                last_line[0], last_line[1] = min(last_line[0], x0), min(last_line[1], y0)
                last_line[2], last_line[3] = max(last_line[2], x1), max(last_line[3], y1)
            else:
                lines.append([x0, y0, x1, y1])
        return [(x0, y0, x1, y1) for x0, y0, x1, y1 in lines]

    def least_sure(self, start: int, end: int) -> float | None:
        """The lowest reading confidence of the words a span of `text` covers (an OCR's),
        None where they have none."""
        if not self.pages or end <= start:
            return None
        page, view, covered = self._covered(start, end)
        known = [c for i in covered if (c := view.word(page, i).confidence) is not None]
        return min(known) if known else None

    def _covered(self, start: int, end: int) -> tuple[Page, _WordView, list[int]]:
        """The page a span of `text` starts on, its words, and those the span covers."""
        index = max(bisect.bisect_right(self._starts, start) - 1, 0)
        page, offset = self.pages[index], self._starts[index]
        view = self._view(page)
        starts, ends = view.starts, view.ends
        first, last = 0, len(starts)
        if view.ordered:  # only the words that can overlap the span
            first = max(bisect.bisect_right(starts, start - offset) - 1, 0)
            last = bisect.bisect_left(starts, end - offset)
        return page, view, [i for i in range(first, last)
                            if ends[i] > start - offset and starts[i] < end - offset]

    def locate(self, offset: int) -> tuple[int | None, Word | None]:
        """The page number and, where known, the word at a character offset of `text`."""
        if not self.pages:
            return None, None
        index = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        page = self.pages[index]
        local = offset - self._starts[index]
        view = self._view(page)
        candidates: Iterable[int] = range(len(view.starts))
        if view.ordered:  # the one word that can hold it
            at = bisect.bisect_right(view.starts, local) - 1
            candidates = (at,) if at >= 0 else ()
        for i in candidates:
            if view.starts[i] <= local < view.ends[i]:
                return page.number, view.word(page, i)
        return page.number, None

    def _view(self, page: Page) -> _WordView:
        """The page's words as parallel lists, made once a page. A text-layer page's
        words stay compact (`Page.defer_words`): evidence reads a few of its hundreds."""
        deferred = page.__dict__.get("_spans") if page.__dict__.get("_words") is None else None
        source = deferred if deferred is not None else page.words
        known = self._views.get(id(page))
        if known is not None and known.source is source:
            return known
        view = _WordView.of_spans(deferred) if deferred is not None else _WordView.of_words(source)
        self._views[id(page)] = view
        return view

    @classmethod
    def from_text(cls, text: str, *, source: Path | None = None, sha256: str | None = None):
        return cls(pages=[Page(number=1, text=text, method="text")], source=source, sha256=sha256)


@dataclass(frozen=True)
class _WordView:
    """A page's words as parallel lists, from its `Word`s or from the compact spans they
    are deferred as; `ordered` when they follow the text without overlapping, so a
    span's words are found by bisection (an evidence box read each of a page's hundreds
    of words), else every word is looked at."""

    source: object  # what it was made from: a view of a page whose words changed is stale
    starts: list[int]
    ends: list[int]
    boxes: list[tuple[float, float, float, float]]
    confidences: list[float | None] | None
    words: list[Word] | None
    ordered: bool

    @classmethod
    def of_words(cls, words: list[Word]) -> _WordView:
        starts, ends = [w.start for w in words], [w.end for w in words]
        return cls(words, starts, ends, [w.bbox for w in words], None, words,
                   _ordered(starts, ends))

    @classmethod
    def of_spans(cls, deferred: tuple[list[float], list[float | None] | None]) -> _WordView:
        spans, confidences = deferred
        starts, ends = [int(s) for s in spans[0::6]], [int(e) for e in spans[1::6]]
        boxes = list(zip(spans[2::6], spans[3::6], spans[4::6], spans[5::6], strict=True))
        return cls(deferred, starts, ends, boxes, confidences, None, _ordered(starts, ends))

    def word(self, page: Page, i: int) -> Word:
        """Word `i`, as `Page.words` would give it."""
        if self.words is not None:
            return self.words[i]
        start, end = self.starts[i], self.ends[i]
        confidence = self.confidences[i] if self.confidences is not None else None
        return Word(page.text[start:end], start, end, self.boxes[i], confidence)


def _ordered(starts: list[int], ends: list[int]) -> bool:
    return all(s <= e for s, e in zip(starts, ends, strict=True)) and all(
        e <= s for e, s in zip(ends, starts[1:], strict=False))
