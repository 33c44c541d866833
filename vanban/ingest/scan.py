"""A scanned page image to a `Page`: level it, recognise it, lay the words out.

Order of work per page: a blank page (told from its pixels, `blank.py`) is recorded as
blank and not recognised; otherwise turn lines that run up the page flat and level a small tilt
(projection profiles, tens of milliseconds), recognise with Tesseract, and only if
the words come back weak ask Tesseract's orientation detection whether the page is
upside down (a second's work that an upright page never pays). Pages run in
parallel, one Tesseract process per core.
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
from vanban.ingest import blank, deskew, layout, ocr, reread
from vanban.models.document import Page

BLANK_PAGE = "blank page; not recognised"
# Below this mean word confidence (0..100) a page may be upside down or sideways.
_WEAK = 70.0


def ocr_page(
    image: Image.Image, *, number: int, lang: str, dpi: int, timeout: float
) -> Page:
    """One page; a timeout or a Tesseract failure gives an empty page with a warning."""
    warnings: list[str] = []
    dpi = int(image.info.get("dpi", (dpi, dpi))[0]) or dpi
    original = image.size
    levelled = None  # (tilt, size) when only a tilt was levelled: boxes map back to the scan
    gray = image.convert("L")
    if blank.is_blank(gray):  # nothing to read: Tesseract would only search the noise
        return Page(number=number, text="", method="ocr", warnings=[BLANK_PAGE],
                    size=gray.size, unit="px", dpi=dpi)
    try:
        gray, sideways, tilt = _level(gray)
        if not sideways and tilt:
            levelled = (tilt, gray.size)
        if sideways:
            # turned flat, but which way up is a coin toss: ask OSD before the long run
            gray = _reorient(gray, dpi=dpi, timeout=timeout) or gray
            warnings.append("page was sideways; turned before OCR")
        result = ocr.recognise(gray, lang=lang, dpi=dpi, timeout=timeout)
        if _mean_confidence(result) < _WEAK:
            turned = _reorient(gray, dpi=dpi, timeout=timeout)
            if turned is not None:
                second = ocr.recognise(turned, lang=lang, dpi=dpi, timeout=timeout)
                if _mean_confidence(second) > _mean_confidence(result):
                    result, gray = second, turned
                    levelled = None  # turned: the boxes are of another frame
                    warnings.append("page was upside down or sideways; turned before OCR")
    except OcrError as error:
        return Page(number=number, text="", method="ocr", warnings=[f"OCR failed: {error}"])
    warnings.extend(result.warnings)
    words = reread.header_digits(gray, result.words, lang=lang, dpi=dpi, timeout=timeout)
    lines = _lines(words)
    text, words = layout.compose(layout.reading_order(lines))
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
                warnings=warnings, size=size, unit="px", dpi=dpi)


def ocr_pages(
    images: Iterable[tuple[int, Image.Image]], *, lang: str, dpi: int, timeout: float,
    workers: int | None = None,
) -> Iterator[Page]:
    """Pages in order, recognised in parallel. `images` is consumed lazily, so a long
    scanned PDF is never held in memory at once: at most two pages per worker wait."""
    ocr.require_language(lang)
    workers = workers or max(os.cpu_count() or 1, 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: list[Future[Page]] = []
        for number, image in images:
            pending.append(
                pool.submit(ocr_page, image, number=number, lang=lang, dpi=dpi, timeout=timeout)
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
    angle = math.radians(tilt)
    cos, sin = math.cos(angle), math.sin(angle)
    x0, y0, x1, y1 = bbox
    xs, ys = [], []
    for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
        dx, dy = x - size[0] / 2, y - size[1] / 2
        xs.append(cos * dx - sin * dy + original[0] / 2)
        ys.append(sin * dx + cos * dy + original[1] / 2)
    return (round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1))


def _reorient(gray: Image.Image, *, dpi: int, timeout: float) -> Image.Image | None:
    degrees, confidence = ocr.orientation(gray, dpi=dpi, timeout=timeout)
    if degrees == 0 or confidence < 1.0:
        return None
    # OSD's "Rotate" is clockwise; PIL turns counter-clockwise
    return gray.rotate(-degrees, expand=True)


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
