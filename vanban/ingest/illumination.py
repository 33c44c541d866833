"""A page lit unevenly made even before it is read.

A phone's photo of a directive, or a scanner whose lid let light in, darkens a page
toward one side or corner. Tesseract binarises the page at one threshold (Otsu's), so
the dark part's paper turns to ink and its words are lost, or come back as debris:
on the devset's PDFs photographed so (bright top right, half as bright bottom left)
the owners of their tasks fell from 0.997 to 0.670. The paper's brightness is estimated at
an eighth of the resolution (the brightest pixel near each point, a paper is brighter
than its print, then smoothed) and the page divided by it, so paper is white
everywhere and the print keeps its contrast. A page lit evenly, whatever its paper's
tone, is left as it is (its paper varies less than `_UNEVEN` grey levels).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

_SCALE = 8
_REACH = 9  # pixels of the reduced page (about 0.25 inch at 300 dpi): wider than a letter
_UNEVEN = 40  # grey levels between the paper's brighter and darker parts


def paper(gray: Image.Image) -> np.ndarray:
    """The paper's brightness about each pixel of the reduced page."""
    width, height = gray.size
    small = np.asarray(gray.resize((max(width // _SCALE, 1), max(height // _SCALE, 1)),
                                   Image.Resampling.BOX))
    brightest = _max_across(_max_across(small, 0), 1)
    return np.asarray(Image.fromarray(brightest).filter(ImageFilter.GaussianBlur(_REACH / 2)),
                      np.float32)


def _max_across(pixels: np.ndarray, axis: int) -> np.ndarray:
    """The brightest pixel within `_REACH // 2` along one axis (a maximum filter, made of
    shifted copies: PIL's square one costs ten times as much)."""
    half = _REACH // 2
    padded = np.pad(pixels, [(half, half) if a == axis else (0, 0) for a in range(2)],
                    mode="edge")
    size = pixels.shape[axis]
    return np.max([np.take(padded, range(k, k + size), axis=axis) for k in range(_REACH)],
                  axis=0)


def evened(gray: Image.Image) -> Image.Image:
    """The page with its paper made evenly white where it was lit unevenly."""
    light = paper(gray)
    low, high = np.percentile(light, (5, 95))
    if high - low < _UNEVEN:
        return gray
    full = Image.fromarray(light.astype(np.uint8)).resize(gray.size, Image.Resampling.BILINEAR)
    pixels = np.asarray(gray, np.float32) / np.maximum(np.asarray(full, np.float32), 1) * 255
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
