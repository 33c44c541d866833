"""How far a scanned page is turned: small tilt, and whether its lines run up the page.

Projection profiles on a small copy of the page: rotate the ink's coordinates by a
trial angle and histogram them across the lines; text lines at the right angle give
the sharpest profile. About 30 ms a page, against about a second for Tesseract's
OSD, which is kept for the upside-down case that profiles cannot see.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from vanban.ingest.page_image import gray_of

_WORK_WIDTH = 800
_EDGE = 0.015  # of the page's longer side: its rim, where no line of text stands


def measure(image: Image.Image) -> tuple[int, float]:
    """(quarter, tilt): rotate by `quarter` (0 or 90) then by `tilt` degrees to level the lines.

    Both are counter-clockwise degrees, as `Image.rotate` takes them.
    """
    ys, xs, (height, width) = _ink(image)
    if len(xs) < 200:
        return 0, 0.0
    flat, flat_score = _best(ys, xs, np.arange(-5.0, 5.01, 0.25))
    # a scan's dark edge is one long line (a column of ink the page's height, sharper in
    # the profile than all its text): which way the lines run is judged inside the rim
    rim = max(round(_EDGE * max(height, width)), 1)
    inside = (ys >= rim) & (ys < height - rim) & (xs >= rim) & (xs < width - rim)
    upright, upright_score = _best(xs, ys, np.arange(-5.0, 5.01, 0.25))
    sideways = upright_score > 1.5 * flat_score
    if sideways and inside.sum() >= 200:
        sideways = (_best(xs[inside], ys[inside], np.arange(-5.0, 5.01, 0.25))[1]
                    > 1.5 * _best(ys[inside], xs[inside], np.arange(-5.0, 5.01, 0.25))[1])
    if sideways:
        # lines run up the page; rotate them flat, then find the tilt again
        ys, xs = xs, -ys
        quarter, coarse = 90, upright
    else:
        quarter, coarse = 0, flat
    fine, _ = _best(ys, xs, np.arange(coarse - 0.25, coarse + 0.251, 0.05))
    return quarter, round(-fine, 2)


def level(image: Image.Image, *, quarter: int, tilt: float) -> Image.Image:
    if quarter:
        image = image.rotate(quarter, expand=True)
    if abs(tilt) >= 0.1:
        image = image.rotate(tilt, resample=Image.BILINEAR, expand=True, fillcolor=255)
    return image


def _ink(image: Image.Image) -> tuple[np.ndarray, np.ndarray, tuple[int, int]]:
    gray = gray_of(image)
    scale = _WORK_WIDTH / max(gray.width, gray.height)
    if scale < 1:
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.BOX)
    pixels = np.asarray(gray, dtype=np.uint8)
    threshold = otsu(pixels)
    ys, xs = np.nonzero(pixels < threshold)
    if len(xs) > 60_000:  # enough ink to measure; the rest only costs time
        pick = np.random.default_rng(0).choice(len(xs), 60_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    return ys.astype(np.float32), xs.astype(np.float32), pixels.shape


def _best(ys: np.ndarray, xs: np.ndarray, angles: np.ndarray) -> tuple[float, float]:
    best_angle, best_score = 0.0, -1.0
    span = int(max(ys.max(), xs.max()) * 1.5) + 2
    for angle in angles:
        theta = np.deg2rad(angle)
        projected = ys * np.cos(theta) + xs * np.sin(theta)
        hist = np.bincount((projected + span / 3).astype(np.int32).clip(0, span * 2))
        # edges between lines and the gaps between them, not mass: comparable across axes
        steps = np.diff(hist).astype(np.float64)
        score = float(np.dot(steps, steps))
        if score > best_score:
            best_angle, best_score = float(angle), score
    return best_angle, best_score


def otsu(pixels: np.ndarray) -> int:
    hist = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    weights = np.cumsum(hist)
    means = np.cumsum(hist * np.arange(256))
    between = (means[-1] * weights - means * total) ** 2 / np.maximum(
        weights * (total - weights), 1e-9
    )
    return int(np.argmax(between))
