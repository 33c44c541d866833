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
    cached = cache_folder(root, sha256) / "geometry.json"
    try:
        return [PageSize.model_validate(p) for p in json.loads(cached.read_text())]
    except (OSError, ValueError):
        pass
    original = originals.original_path(root, sha256)
    if not original.is_file():
        return []
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
