"""A colour scan to the gray image OCR reads, with a red seal taken out.

The seal and the "ĐẾN" stamp of a scanned directive are red and sit over the
signer's name, the date or the addressees; a plain gray conversion keeps them as dark
as the text beneath. On a page that holds red ink, every pixel much redder than it is
green or blue is set to white before the usual conversion (luminance): black print,
also where the seal covers it, and blue handwriting stay as they are.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

# A pixel is red ink when its red exceeds both other channels by this much (0..255) ...
_RED_MARGIN = 60
# ... and a page holds red ink when this share of its pixels are.
_RED_SHARE = 0.002
# Where a page holds red ink, pixels this much redder than green and blue are taken out.
_FRINGE = 30


def has_red(image: Image.Image, *, step: int = 1) -> bool:
    """Whether the page holds red ink (every `step`-th pixel of every `step`-th row
    looked at: a seal spans many)."""
    if image.mode not in ("RGB", "RGBA", "P", "CMYK"):
        return False
    return _holds_red(_rgb(image), step=step)


def _holds_red(pixels: np.ndarray, *, step: int) -> bool:
    return bool(_redder(pixels[::step, ::step], _RED_MARGIN).mean() >= _RED_SHARE)


def gray(image: Image.Image, plain: Image.Image | None = None) -> Image.Image:
    """The page in gray, its red ink taken out. `plain` is the page already in gray (a
    renderer's own gray rendering), used for everything but the red."""
    if image.mode not in ("RGB", "RGBA", "P", "CMYK"):
        return plain if plain is not None else image.convert("L")
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    pixels = np.asarray(rgb)  # once: a copy of a page's pixels costs as much as a look
    if not _holds_red(pixels, step=4):
        return plain if plain is not None else image.convert("L")
    # red ink, and its pink fringe, as paper; a black letter under the seal stays black
    red_ink = _redder(pixels, _FRINGE)
    base = plain if plain is not None and plain.size == rgb.size else rgb.convert("L")
    plane = np.array(base.convert("L") if base.mode != "L" else base)
    plane[red_ink] = 255
    out = Image.fromarray(plane, "L")
    out.info.update(image.info)
    return out


def _rgb(image: Image.Image) -> np.ndarray:
    """The image's pixels as (height, width, 3) bytes; an RGB image's without a copy
    made first (a 300-dpi page is 26 MB)."""
    return np.asarray(image if image.mode == "RGB" else image.convert("RGB"))


def _redder(pixels: np.ndarray, margin: int) -> np.ndarray:
    """Where red exceeds both green and blue by more than `margin`: in bytes, without
    widening a page's pixels to 16 bits (red above 255 - margin would be needed where
    the brighter of the two is brighter than that, so none is red there)."""
    brighter = np.maximum(pixels[..., 1], pixels[..., 2])
    return pixels[..., 0] > np.minimum(brighter, 255 - margin) + margin
