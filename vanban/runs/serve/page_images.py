"""Page images for the review page, and where a field's evidence box falls on them.

Pages are rendered once from the original the store keeps (PDF pages with pypdfium2,
images as they are, EXIF-turned) into `pages/<sha256>/<n>.png`, a cache that may be
deleted at any time. Evidence boxes are in the units the reader worked in: PDF points
for a text layer, pixels of the OCR'd raster (rendered at the ingest dpi) for a
scanned PDF page, the image's own pixels for an image. `geometry` gives each page's
size in those units, so a box becomes fractions of the page the browser can place.
"""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path

from pydantic import BaseModel

from vanban.corpus import originals
from vanban.fsutil import write_atomic
from vanban.ingest import IngestOptions, detect
from vanban.models import Directive

FOLDER = "pages"
_MAX_WIDTH = 1400  # pixels of an image shown on screen
_PDFIUM = threading.Lock()  # pdfium is not thread-safe


class PageSize(BaseModel):
    number: int
    width: float  # in the units of the page's evidence boxes
    height: float


def cache_folder(root: Path, sha256: str) -> Path:
    return root / FOLDER / sha256


def geometry(root: Path, record: Directive, sha256: str) -> list[PageSize]:
    """Each page's size in its evidence units; [] when there is no original to show."""
    original = originals.original_path(root, sha256)
    if not original.is_file():
        return []
    pages = record.provenance.pages
    if pages and all(p.width and p.height for p in pages):
        # the reader said what its boxes measure (records since page sizes were kept)
        return [PageSize(number=p.number, width=p.width, height=p.height) for p in pages]
    cached = cache_folder(root, sha256) / "geometry.json"
    try:
        return [PageSize.model_validate(p) for p in json.loads(cached.read_text())]
    except (OSError, ValueError):
        pass
    data = original.read_bytes()
    kind = detect.detect(data)
    if kind == "pdf":
        sizes = _pdf_sizes(data, record)
    elif kind in ("png", "jpeg", "tiff"):
        sizes = [PageSize(number=n, width=im.width, height=im.height)
                 for n, im in enumerate(_frames(data), start=1)]
    else:
        sizes = []
    write_atomic(cached, json.dumps([s.model_dump() for s in sizes]))
    return sizes


def _pdf_sizes(data: bytes, record: Directive) -> list[PageSize]:
    import pypdfium2 as pdfium

    methods = {p.number: p.method for p in record.provenance.pages}
    scale = IngestOptions().dpi / 72  # an OCR'd page's boxes are pixels at the ingest dpi
    with _PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            sizes = []
            for index in range(len(document)):
                width, height = document[index].get_size()
                factor = scale if methods.get(index + 1) == "ocr" else 1.0
                sizes.append(PageSize(number=index + 1, width=width * factor,
                                      height=height * factor))
            return sizes
        finally:
            document.close()


def _frames(data: bytes):
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            yield ImageOps.exif_transpose(image.copy()) if index == 0 else image.copy()


def page_png(root: Path, sha256: str, number: int, *, dpi: int) -> Path | None:
    """The page's PNG (rendered on first request); None when there is no such page."""
    target = cache_folder(root, sha256) / f"{number}-{dpi}.png"
    if target.is_file():
        return target
    original = originals.original_path(root, sha256)
    if not original.is_file() or number < 1:
        return None
    data = original.read_bytes()
    kind = detect.detect(data)
    if kind == "pdf":
        image = _render_pdf_page(data, number, dpi)
    elif kind in ("png", "jpeg", "tiff"):
        image = next((im for n, im in enumerate(_frames(data), start=1) if n == number), None)
        if image is not None and image.width > _MAX_WIDTH:
            image = image.resize((_MAX_WIDTH, round(image.height * _MAX_WIDTH / image.width)))
    else:
        image = None
    if image is None:
        return None
    buffer = io.BytesIO()
    image.convert("RGB" if image.mode not in ("L", "RGB") else image.mode).save(
        buffer, "PNG", optimize=True)
    write_atomic(target, buffer.getvalue())
    return target


def _render_pdf_page(data: bytes, number: int, dpi: int):
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            if number > len(document):
                return None
            page = document[number - 1]
            return page.render(scale=dpi / 72, may_draw_forms=True).to_pil()
        finally:
            document.close()


def box_on_page(bbox: list[float] | None, page: int | None,
                sizes: list[PageSize]) -> dict | None:
    """A box as fractions (left, top, width, height) of its page, for CSS percentages."""
    if not bbox or page is None:
        return None
    size = next((s for s in sizes if s.number == page), None)
    if size is None or size.width <= 0 or size.height <= 0:
        return None
    x0, y0, x1, y1 = bbox
    clamp = lambda v: max(0.0, min(1.0, v))  # noqa: E731
    left, top = clamp(x0 / size.width), clamp(y0 / size.height)
    return {
        "page": page,
        "left": round(left * 100, 3),
        "top": round(top * 100, 3),
        "width": round(max(clamp(x1 / size.width) - left, 0.004) * 100, 3),
        "height": round(max(clamp(y1 / size.height) - top, 0.004) * 100, 3),
    }


class SpanBoxes:
    """Boxes around an evidence's whole span, where the original's text layer allows.

    A record's evidence names the box of the span's first word. On a text-layer PDF page
    the span itself can be found again: each line of its text is searched on its page,
    the first near that word's box, the next ones after it, and their rectangles (PDF
    points, top-down) are the boxes. Anything not found keeps the first word's box. Use
    as a context manager: the PDF stays open (under pdfium's lock) while boxes are made.
    """

    def __init__(self, root: Path, record: Directive, sha256: str) -> None:
        self.text_pages = {p.number for p in record.provenance.pages if p.method == "text-layer"}
        self.path = originals.original_path(root, sha256)
        self.document = None
        self.pages: dict[int, tuple[object, float]] = {}

    def __enter__(self) -> SpanBoxes:
        if self.text_pages and self.path.is_file():
            import pypdfium2 as pdfium

            _PDFIUM.acquire()
            try:
                self.document = pdfium.PdfDocument(self.path.read_bytes())
            except Exception:  # not a PDF after all, or damaged: first-word boxes only
                _PDFIUM.release()
                self.document = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.document is not None:
            for textpage, _ in self.pages.values():
                textpage.close()
            self.document.close()
            _PDFIUM.release()

    def boxes(self, evidence) -> list[list[float]]:
        if evidence.boxes:  # the record's own line boxes (OCR and text-layer pages alike)
            return evidence.boxes
        first = [evidence.bbox] if evidence.bbox else []
        page = evidence.page
        if self.document is None or page not in self.text_pages or not evidence.bbox \
                or page > len(self.document):
            return first
        textpage, height = self._page(page)
        found: list[list[float]] = []
        after = -1
        for number, line in enumerate(evidence.text.splitlines()):
            line = line.strip()
            if not line:
                continue
            match = self._find(textpage, height, line, after,
                               near=evidence.bbox if number == 0 else None)
            if match is None:
                break
            after, rects = match
            found += rects
        return found or first

    def _page(self, number: int):
        if number not in self.pages:
            page = self.document[number - 1]
            self.pages[number] = (page.get_textpage(), page.get_height())
        return self.pages[number]

    @staticmethod
    def _find(textpage, height: float, line: str, after: int, *, near):
        searcher = textpage.search(line, match_case=True)
        best = None
        while (hit := searcher.get_next()) is not None:
            index, count = hit
            if index <= after:
                continue
            rects = [textpage.get_rect(i) for i in range(textpage.count_rects(index, count))]
            boxes = [[left, height - top, right, height - bottom]
                     for left, bottom, right, top in rects]
            if not boxes:
                continue
            if near is None:
                return index + count - 1, boxes  # the first occurrence after the last line
            distance = abs(boxes[0][0] - near[0]) + abs(boxes[0][1] - near[1])
            if distance < 6 and (best is None or distance < best[0]):
                best = (distance, index + count - 1, boxes)
        return None if best is None else best[1:]
