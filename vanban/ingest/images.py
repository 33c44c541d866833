"""Image files (PNG, JPEG, TIFF with any number of pages) to page images for OCR.

The pixel count is checked from the header, before any pixel is decoded, so a
decompression bomb costs nothing. EXIF orientation is applied, as a phone camera
records it rather than turning the pixels.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from vanban.errors import CorruptFileError, TooLargeError
from vanban.ingest import ink

A4_INCHES = (8.27, 11.69)


def open_image(data: bytes, *, name: str, max_pixels: int) -> Image.Image:
    """The image, header read only; TooLargeError or CorruptFileError on bad input."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise TooLargeError(
                f"{name}: image has more pixels than the limit of {max_pixels:,} "
                "(decompression bomb?)"
            ) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise CorruptFileError(f"{name}: image cannot be decoded ({error})") from None
    _check_size(image, name=name, max_pixels=max_pixels)
    return image


def pages(
    image: Image.Image, *, name: str, max_pixels: int, max_pages: int, warnings_out: list[str]
) -> Iterator[tuple[int, Image.Image]]:
    """(page number, grayscale upright image) for each frame; damaged later frames warn."""
    number = 0
    try:
        for frame in ImageSequence.Iterator(image):
            number += 1
            if number > max_pages:
                warnings_out.append(f"more than {max_pages} pages; the rest skipped")
                return
            _check_size(frame, name=name, max_pixels=max_pixels)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error", Image.DecompressionBombWarning)
                    upright = ink.gray(ImageOps.exif_transpose(frame))
            except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning) as error:
                if number == 1:
                    raise CorruptFileError(f"{name}: image cannot be decoded ({error})") from None
                warnings_out.append(f"page {number}: cannot be decoded ({error}); skipped")
                return
            upright.info["dpi"] = (resolution(frame),) * 2
            yield number, upright
    except EOFError:
        return
    except OSError as error:  # a truncated TIFF fails while seeking to the next frame
        warnings_out.append(f"page {number + 1}: cannot be decoded ({error}); skipped")


def resolution(image: Image.Image) -> int:
    """The scan's dpi: from the file, else guessed from the size of an A4 page."""
    dpi = image.info.get("dpi")
    if dpi:
        try:
            value = round(float(dpi[0]))
        except (TypeError, ValueError, IndexError):
            value = 0
        if 70 <= value <= 1200:
            return value
    short = min(image.size)
    return max(70, min(1200, round(short / A4_INCHES[0])))


def _check_size(image: Image.Image, *, name: str, max_pixels: int) -> None:
    width, height = image.size
    if width * height > max_pixels:
        raise TooLargeError(
            f"{name}: image is {width}x{height} = {width * height:,} pixels, "
            f"over the limit of {max_pixels:,}"
        )
