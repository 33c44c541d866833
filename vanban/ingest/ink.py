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
    sample = np.asarray(image.convert("RGB"))[::step, ::step].astype(np.int16)
    red = sample[..., 0] - np.maximum(sample[..., 1], sample[..., 2]) > _RED_MARGIN
    return bool(red.mean() >= _RED_SHARE)


def gray(image: Image.Image, plain: Image.Image | None = None) -> Image.Image:
    """The page in gray, its red ink taken out. `plain` is the page already in gray (a
    renderer's own gray rendering), used for everything but the red."""
    if not has_red(image, step=4):
        return plain if plain is not None else image.convert("L")
    rgb = image.convert("RGB")
    channels = np.asarray(rgb).astype(np.int16)
    # red ink, and its pink fringe, as paper; a black letter under the seal stays black
    red_ink = channels[..., 0] - np.maximum(channels[..., 1], channels[..., 2]) > _FRINGE
    base = plain if plain is not None and plain.size == rgb.size else rgb.convert("L")
    plane = np.asarray(base.convert("L")).copy()
    plane[red_ink] = 255
    out = Image.fromarray(plane, "L")
    out.info.update(image.info)
    return out
