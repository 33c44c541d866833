"""A colour scan to the gray image OCR reads, with a red seal taken out.

The seal and the "ĐẾN" stamp of a scanned directive are red and sit over the
signer's name, the date or the addressees; a plain gray conversion keeps them as dark
as the text beneath. The red channel alone shows red ink as light as the paper while
black print and blue handwriting stay dark, so a page that holds red ink is read
through its red channel, where the red ink itself is set to white. A page without
red is converted as usual (luminance).
"""

from __future__ import annotations

import numpy as np
from PIL import Image

# A pixel is red ink when its red exceeds both other channels by this much (0..255) ...
_RED_MARGIN = 60
# ... and a page holds red ink when this share of its pixels are.
_RED_SHARE = 0.002


def gray(image: Image.Image) -> Image.Image:
    """The page in gray, through its red channel when it holds red ink."""
    if image.mode not in ("RGB", "RGBA", "P", "CMYK"):
        return image.convert("L")
    rgb = image.convert("RGB")
    pixels = np.asarray(rgb)
    # sampled rows: a seal spans many, and a full pass costs more than it tells
    sample = pixels[::4, ::4].astype(np.int16)
    red = sample[..., 0] - np.maximum(sample[..., 1], sample[..., 2]) > _RED_MARGIN
    if red.mean() < _RED_SHARE:
        return rgb.convert("L")
    channels = pixels.astype(np.int16)
    red_ink = channels[..., 0] - np.maximum(channels[..., 1], channels[..., 2]) > _RED_MARGIN
    plane = pixels[..., 0].copy()
    plane[red_ink] = 255  # a dark red reads mid-gray in its own channel: make it paper
    out = Image.fromarray(plane, "L")
    out.info.update(image.info)
    return out
