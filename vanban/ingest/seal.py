"""A round seal found by its rings and taken out of a black-and-white scan.

In colour the seal's red is taken out by colour (`ink.py`); a black-and-white scan or
photocopy keeps it as black as the print, and the ring of letters round its edge ("ỦY
BAN NHÂN DÂN ... TỈNH") sits over the signer's title and name. The seal is found as
circles of ink about one centre: a Hough vote for circle centres, on a copy at a
quarter of the resolution, over the radii an office's seal has (some 25-48 mm across:
0.5-0.95 inch of radius), kept when the best circle runs through ink nearly all the
way round (text never does). Then the band
between its innermost and outermost ring, where its own letters are, is painted
white; a word of the title that only touches the band keeps the rest of its letters.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from vanban.ingest.page_image import gray_of

_SCALE = 4  # the vote runs on a copy reduced this many times
_RADII = (0.5, 0.95)  # inch
_ANGLES = 64
_ROUND = 0.85  # share of the best circle's way round that must be ink
_RING = 0.6  # share of a circle about the same centre that makes it a ring too
_MARGIN = 4  # pixels of band beyond the rings (their thickness, a blur)
_INK = 128


def find(gray: Image.Image, *, dpi: int) -> tuple[int, int, list[int]] | None:
    """(centre x, centre y, ring radii) of a seal in the image, in its pixels, if any."""
    small = np.asarray(gray_of(gray).reduce(_SCALE)) < _INK
    ys, xs = np.nonzero(small)
    if len(xs) == 0:
        return None
    height, width = small.shape
    per_inch = dpi / _SCALE
    angles = np.linspace(0, 2 * np.pi, _ANGLES, endpoint=False)
    cos, sin = np.cos(angles)[None, :], np.sin(angles)[None, :]
    best: tuple[float, int, int, int] | None = None
    for radius in range(int(_RADII[0] * per_inch), int(_RADII[1] * per_inch) + 1):
        cx = np.rint(xs[:, None] - radius * cos).astype(int).ravel()
        cy = np.rint(ys[:, None] - radius * sin).astype(int).ravel()
        inside = (cx >= 0) & (cx < width) & (cy >= 0) & (cy < height)
        votes = np.bincount(cy[inside] * width + cx[inside], minlength=height * width)
        at = int(votes.argmax())
        score = votes[at] / radius  # a longer circle gathers more votes: per unit length
        if best is None or score > best[0]:
            best = (score, at % width, at // width, radius)
    if best is None:
        return None
    _, cx, cy, radius = best
    if _round(small, cx, cy, radius) < _ROUND:
        return None
    rings = [r for r in range(1, int(1.8 * radius)) if _round(small, cx, cy, r) >= _RING]
    centre = (cx * _SCALE + _SCALE // 2, cy * _SCALE + _SCALE // 2)
    return centre[0], centre[1], [r * _SCALE for r in rings]


def without(gray: Image.Image, found: tuple[int, int, list[int]]) -> Image.Image:
    """The image with the band between the seal's rings painted white."""
    cx, cy, rings = found
    pixels = np.array(gray_of(gray))
    # only the square round the outer ring can hold the band: distances measured there
    reach = max(rings) + _MARGIN + 1
    height, width = pixels.shape
    top, left = min(max(cy - reach, 0), height), min(max(cx - reach, 0), width)
    bottom, right = max(min(cy + reach + 1, height), top), max(min(cx + reach + 1, width), left)
    yy, xx = np.mgrid[top:bottom, left:right]
    distance = np.hypot(xx - cx, yy - cy)
    band = (distance >= min(rings) - _MARGIN) & (distance <= max(rings) + _MARGIN)
    pixels[top:bottom, left:right][band] = 255
    return Image.fromarray(pixels, "L")


def _round(ink: np.ndarray, cx: int, cy: int, radius: int) -> float:
    """The share of the circle's way round (within a pixel) that is ink."""
    height, width = ink.shape
    angles = np.linspace(0, 2 * np.pi, 90, endpoint=False)
    hit = np.zeros(len(angles), bool)
    for r in (radius - 1, radius, radius + 1):
        px = np.rint(cx + r * np.cos(angles)).astype(int)
        py = np.rint(cy + r * np.sin(angles)).astype(int)
        inside = (px >= 0) & (px < width) & (py >= 0) & (py < height)
        hit[inside] |= ink[py[inside], px[inside]]
    return float(hit.mean())
