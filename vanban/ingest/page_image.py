"""A scanned PDF page's own image, decoded instead of drawn again.

A scanner's PDF page is one image drawn over the whole page. When that image already
has the resolution OCR asks for, drawing the page at that resolution only resamples it
to itself (about 0.15 s a page at 300 dpi); decoding it is about 0.03 s. Anything else
(several objects, a turned or partial image, another resolution, a bilevel or odd
colour image whose raw pixels may not read as drawn) is left to rendering.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from PIL import Image

_FILTERS = {"DCTDecode", "FlateDecode"}
_COLOURS = {1: 8, 2: 24}  # DeviceGray, DeviceRGB → bits per pixel
_EDGE = 0.01  # of the page's size the image may fall short of each edge by
_DPI_SLACK = 0.02  # the image's own resolution within 2% of the one asked for


def gray_of(image: Image.Image) -> Image.Image:
    """The image in gray ("L"): itself if it is (`convert` copies a 300-dpi page, 9 MB,
    even to its own mode). Not to be drawn on: it may be the caller's."""
    return image if image.mode == "L" else image.convert("L")


def embedded_scan(page: pdfium.PdfPage, *, dpi: int) -> Image.Image | None:
    """The page's single full-page image as decoded (grey or RGB), if it has about `dpi`.

    None when the page must be drawn instead.
    """
    if page.get_rotation() or raw.FPDFPage_CountObjects(page.raw) != 1:
        return None
    obj = next(iter(page.get_objects(max_depth=1)), None)
    if not isinstance(obj, pdfium.PdfImage):
        return None
    matrix = obj.get_matrix()
    if matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
        return None
    width, height = page.get_size()
    left, bottom, right, top = obj.get_bounds()
    if (left > width * _EDGE or bottom > height * _EDGE
            or right < width * (1 - _EDGE) or top < height * (1 - _EDGE)):
        return None
    meta = obj.get_metadata()
    if _COLOURS.get(meta.colorspace) != meta.bits_per_pixel:
        return None
    if not obj.get_filters() or not set(obj.get_filters()) <= _FILTERS:
        return None
    pixels_wide, pixels_high = obj.get_px_size()
    own = (pixels_wide * 72 / matrix.a, pixels_high * 72 / matrix.d)
    if any(abs(d - dpi) > dpi * _DPI_SLACK for d in own):
        return None
    try:
        image = obj.get_bitmap(render=False).to_pil()
    except pdfium.PdfiumError:
        return None
    image.info["dpi"] = (round(own[0]), round(own[1]))
    return image
