"""A scanned page image to a `Page`: level it, recognise it, lay the words out.

Order of work per page: a blank page (told from its pixels, `blank.py`) is recorded as
blank and not recognised; otherwise turn lines that run up the page flat and level a small tilt
(projection profiles, tens of milliseconds), recognise with Tesseract, and only if
the words come back weak and mostly no Vietnamese syllables ask Tesseract's orientation
detection whether the page is upside down (half a second's work that an upright page
never pays). Pages run in parallel, one Tesseract process per core.
"""

from __future__ import annotations

import dataclasses
import math
import os
import statistics
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from PIL import Image

from vanban.errors import OcrError
from vanban.ingest import (
    blank,
    deskew,
    faint_subject,
    ghosts,
    illumination,
    image_rules,
    layout,
    lookalikes,
    margins,
    ocr,
    reread,
    ruled_tables,
    signature_block,
    stamps,
)
from vanban.ingest.page_image import gray_of
from vanban.models.document import Page, Word
from vanban.normalize import tone_repair
from vanban.normalize.diacritics import syllable_counts

BLANK_PAGE = "blank page; not recognised"
# Below this mean word confidence (0..100) a page may be upside down or sideways.
_WEAK = 70.0
# A page of this many words at least, at most this share of them no syllable, reads as
# text whatever its confidence (`_reads_as_words`).
_JUDGED = 20
_NO_SYLLABLES = 0.4


def ocr_page(
    image: Image.Image, *, number: int, lang: str, dpi: int, timeout: float,
    overlay: tuple[list[layout.Line], list[layout.Line]] | None = None,
) -> Page:
    """One page; a timeout or a Tesseract failure gives an empty page with a warning.

    `overlay` is text that sits over the page rather than in its image (a PDF's
    annotations), in points from the page's top left: short stamps and values, laid out
    with the words read where they are drawn, and boxes (an e-signature box), read
    before the page.
    """
    warnings: list[str] = []
    turned = False
    dpi = int(image.info.get("dpi", (dpi, dpi))[0]) or dpi
    original = image.size
    levelled = None  # (tilt, size) when only a tilt was levelled: boxes map back to the scan
    gray = gray_of(image)
    if blank.is_blank(gray):  # nothing to read: Tesseract would only search the noise
        return Page(number=number, text="", method="ocr", warnings=[BLANK_PAGE],
                    size=gray.size, unit="px", dpi=dpi)
    gray = illumination.evened(gray)  # a photo's shadow is no ink
    # a scanner's streak runs down the scan's frame, not the page's: out before levelling
    scanned, rules = gray, image_rules.find(gray, dpi=dpi)
    gray = image_rules.without_streaks(gray, rules, dpi=dpi)
    try:
        gray, sideways, tilt = _level(gray)
        if not sideways and tilt:
            levelled = (tilt, gray.size)
        turned = sideways
        if sideways:
            # turned flat, but which way up is a coin toss: ask OSD before the long run
            gray = _reorient(gray, dpi=dpi, timeout=timeout) or gray
            warnings.append("page was sideways; turned before OCR")
        # a page with no streak, tilt or turn is read as scanned: its rules are known
        grids, read = _ruled(gray, dpi=dpi, rules=rules if gray is scanned else None)
        result = ocr.recognise(read, lang=lang, dpi=dpi, timeout=timeout)
        if _mean_confidence(result) < _WEAK and not _reads_as_words(result):
            turned_image = _reorient(gray, dpi=dpi, timeout=timeout)
            if turned_image is not None:
                turned_grids, turned_read = _ruled(turned_image, dpi=dpi)
                second = ocr.recognise(turned_read, lang=lang, dpi=dpi, timeout=timeout)
                if _mean_confidence(second) > _mean_confidence(result):
                    result, gray, turned = second, turned_image, True
                    grids = turned_grids
                    levelled = None  # turned: the boxes are of another frame
                    warnings.append("page was upside down or sideways; turned before OCR")
    except OcrError as error:
        return Page(number=number, text="", method="ocr", warnings=[f"OCR failed: {error}"])
    warnings.extend(result.warnings)
    words = reread.header_digits(gray, result.words, lang=lang, dpi=dpi, timeout=timeout)
    words = signature_block.reread(gray, words, lang=lang, dpi=dpi, timeout=timeout)
    words = margins.drop_margin_notes(margins.drop_edge_strokes(words, gray.size), gray.size[0])
    words = ghosts.drop_doubled_letters(words)
    if number == 1:  # a letter's subject in a small grey type, dropped by the threshold
        words = faint_subject.reread(gray, words, lang=lang, dpi=dpi, timeout=timeout)
    lines = _lines(words)
    marks, boxes = overlay or ([], [])
    scale = dpi / 72
    if marks:
        lines = stamps.place(lines, _overlaid(marks, scale, original, levelled,
                                              below=gray.size[1] if turned else None))
    lines, rows = ruled_tables.tabulate_rows(lines, grids, read=True)
    boxes = _overlaid(boxes, scale, original, levelled, below=0 if turned else None)
    text, words = layout.compose(layout.boxes_first(boxes, layout.reading_order(lines)))
    # a ruled table reaches extraction as its cells, as a text layer's does
    tables = [t for table in rows if (t := ruled_tables.cell_table(text, table))]
    if "vie" in lang.split("+"):  # after the cells are found by their rows' text as read
        text, words = _with_marks(text, words)
    if levelled is not None:
        # Boxes in the frame of the page as scanned, which is the frame the page is shown
        # in (a review page draws them over it); the text was read from the levelled copy.
        words = [dataclasses.replace(w, bbox=_unlevel(w.bbox, *levelled, original))
                 for w in words]
    confidences = [w.confidence for w in words if w.confidence is not None]
    confidence = statistics.fmean(confidences) if confidences else None
    if not text.strip():
        warnings.append("OCR found no text on the page")
    size = original if levelled is not None else gray.size  # the frame the boxes are in
    return Page(number=number, text=text, method="ocr", confidence=confidence, words=words,
                warnings=warnings, size=size, unit="px", dpi=dpi, tables=tables)


def _with_marks(text: str, words: list[Word]) -> tuple[str, list[Word]]:
    """The page with the tone marks Tesseract's `vie` model drops beside a hat put back
    ("kiêm tra" → "kiểm tra", `normalize/tone_repair.py`) and small letters it read as
    capitals of the same shape in small again ("các SỞ, CƠ quan", `lookalikes.py`); every
    word keeps its place."""
    marked = tone_repair.repaired(lookalikes.lowered(text))
    if marked == text:
        return text, words
    return marked, [dataclasses.replace(w, text=marked[w.start : w.end]) for w in words]


def _ruled(gray: Image.Image, *, dpi: int, rules: image_rules.Rules | None = None
           ) -> tuple[list[ruled_tables.Grid], Image.Image]:
    """The tables the page's rules draw (`rules`, if already found on `gray`), and the
    image to recognise.

    Where there are tables, their vertical rules are taken out first: Tesseract reads a
    column border beside a word as "|", "I" or "l" in the cell. The horizontal ones stay:
    without them it took a row's lone number in a narrow column for noise. Measured on a
    real scanned annex (four pages, 54 rows): with the vertical rules out, 28 row numbers
    read and 18 cells empty; with none out, 22 and 26; with all out, none and 47.
    """
    if rules is None:
        rules = image_rules.find(gray, dpi=dpi)
    grids = ruled_tables.rule_grids(*rules.segments(), near=ruled_tables.NEAR * dpi / 72)
    return grids, image_rules.without_verticals(gray, rules) if grids else gray


def ocr_pages(
    images: Iterable[tuple[int, Image.Image]], *, lang: str, dpi: int, timeout: float,
    workers: int | None = None,
    overlays: dict[int, tuple[list[layout.Line], list[layout.Line]]] | None = None,
) -> Iterator[Page]:
    """Pages in order, recognised in parallel. `images` is consumed lazily, so a long
    scanned PDF is never held in memory at once: at most two pages per worker wait.
    `overlays` holds each page's `overlay` (see `ocr_page`) by page number."""
    ocr.require_language(lang)
    workers = workers or max(os.cpu_count() or 1, 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: list[Future[Page]] = []
        for number, image in images:
            pending.append(
                pool.submit(ocr_page, image, number=number, lang=lang, dpi=dpi, timeout=timeout,
                            overlay=(overlays or {}).get(number))
            )
            while len(pending) >= 2 * workers:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


def _level(gray: Image.Image) -> tuple[Image.Image, bool, float]:
    """The levelled page, whether it was sideways, and the tilt levelled (0 if none)."""
    quarter, tilt = deskew.measure(gray)
    if quarter:
        gray = gray.rotate(quarter, expand=True)
        _, tilt = deskew.measure(gray)
    levelled = deskew.level(gray, quarter=0, tilt=tilt)
    return levelled, bool(quarter), tilt if levelled.size != gray.size else 0.0


def _unlevel(
    bbox: tuple[float, float, float, float], tilt: float, size: tuple[int, int],
    original: tuple[int, int],
) -> tuple[float, float, float, float]:
    """A box of the levelled copy (turned `tilt` degrees about its centre, canvas grown
    to fit) as the box around the same words on the page as scanned."""
    x0, y0, x1, y1 = _turned(bbox, tilt, size, original)
    return (round(x0, 1), round(y0, 1), round(x1, 1), round(y1, 1))


def _turned(
    bbox: tuple[float, float, float, float], degrees: float, size: tuple[int, int],
    to: tuple[int, int],
) -> tuple[float, float, float, float]:
    """The box around `bbox` turned `degrees` about the centre of a canvas of `size`,
    moved to the centre of one of size `to`."""
    angle = math.radians(degrees)
    cos, sin = math.cos(angle), math.sin(angle)
    x0, y0, x1, y1 = bbox
    xs, ys = [], []
    for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
        dx, dy = x - size[0] / 2, y - size[1] / 2
        xs.append(cos * dx - sin * dy + to[0] / 2)
        ys.append(sin * dx + cos * dy + to[1] / 2)
    return min(xs), min(ys), max(xs), max(ys)


def _overlaid(
    overlay: list[layout.Line], scale: float, original: tuple[int, int],
    levelled: tuple[float, tuple[int, int]] | None, *, below: int | None,
) -> list[layout.Line]:
    """The overlay's lines in the frame the words were read in: scaled from points to
    the scan's pixels, turned with the page's levelling (the inverse of `_unlevel`), or,
    on a page turned a quarter or half, set below its text (where it was is lost)."""
    lines = []
    for line in overlay:
        tokens = []
        for t in line.tokens:
            box = (t.x0 * scale, t.y0 * scale, t.x1 * scale, t.y1 * scale)
            if below is not None:
                box = (box[0], box[1] + below, box[2], box[3] + below)
            elif levelled is not None:
                box = _turned(box, -levelled[0], original, levelled[1])
            tokens.append(layout.Token(t.text, *box))
        lines.append(layout.Line(tokens))
    return lines


def _reorient(gray: Image.Image, *, dpi: int, timeout: float) -> Image.Image | None:
    degrees, confidence = ocr.orientation(gray, dpi=dpi, timeout=timeout)
    if degrees == 0 or confidence < 1.0:
        return None
    # OSD's "Rotate" is clockwise; PIL turns counter-clockwise
    return gray.rotate(-degrees, expand=True)


def _reads_as_words(result: ocr.Recognition) -> bool:
    """Whether a page read unsurely still reads as Vietnamese: words of a page read
    upside down or sideways are no syllables (on the devset's scans, 75-87% of them
    against 0-7% upright), those of a poor scan upright mostly are; then no orientation
    need be asked for."""
    words, _, invalid = syllable_counts(" ".join(w.text for w in result.words))
    return words >= _JUDGED and invalid <= _NO_SYLLABLES * words


def _mean_confidence(result: ocr.Recognition) -> float:
    scores = [w.confidence for w in result.words if len(w.text) > 1]
    return statistics.fmean(scores) if scores else 0.0


def _lines(words: list[ocr.TsvWord]) -> list[layout.Line]:
    lines: dict[tuple[int, int, int], list[layout.Token]] = {}
    for w in words:
        token = layout.Token(w.text, w.left, w.top, w.left + w.width, w.top + w.height,
                             w.confidence / 100)
        lines.setdefault((w.block, w.paragraph, w.line), []).append(token)
    return [layout.Line(tokens) for tokens in lines.values()]
