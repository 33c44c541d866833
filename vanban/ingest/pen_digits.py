"""Handwritten digits, read one by one where Tesseract reads handwriting as marks.

A directive's number and day are often written by hand at signing ("47", "17" in
pen beside a typed "/QĐ-UBND"); Tesseract, trained on print, reads them as "4‡", "#4"
or "†4". The slot's crop is cut into digits at the columns without ink, and each digit
is read by a small convolutional network trained on handwritten digits (MNIST,
handwriting fonts and pen strokes: `scripts/build_pen_digits.py`), seconded by a
one-layer network trained on the same. A reading is offered where every digit is clear
(`SURE`) to the convolutions, or to the one-layer network reading the same digits, or
less clear where the caller has a second reader that agrees (`sure_at`); the caller
records it as unsure.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from vanban.ingest.deskew import otsu

MODEL = Path(__file__).resolve().parent.parent / "data" / "pen_digits.npz"
SIDE = 20  # a digit's features: its ink on a square of this many pixels
SURE = 0.85  # the network's probability every digit of a reading must reach
_PLAIN_MARGIN = 0.05  # the one-layer network is as sure at SURE + this
_TALL = 0.4  # of the crop's height: shorter ink is a mark, not a digit
_WIDEST = 1.3  # width over height: wider is two digits run together, not read
_TWO_TOUCHING = 0.9  # width over height: as wide may be two digits that touch, read parted too
_MIN_INK = 12  # pixels


def features(ink: np.ndarray) -> np.ndarray:
    """A digit's ink (True where inked) as a vector: cut to its box, centred on a square,
    shrunk to SIDE × SIDE, blurred, of unit length around its mean."""
    rows, cols = np.nonzero(ink)
    box = ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    height, width = box.shape
    side = max(height, width)
    square = np.zeros((side, side), np.uint8)
    top, left = (side - height) // 2, (side - width) // 2
    square[top : top + height, left : left + width] = box * 255
    small = Image.fromarray(square).resize((SIDE, SIDE), Image.Resampling.BOX)
    vector = np.asarray(small.filter(ImageFilter.GaussianBlur(0.8)), np.float32).ravel()
    vector -= vector.mean()
    return vector / (np.linalg.norm(vector) + 1e-6)


def read(crop: Image.Image, *, sure_at: float = SURE) -> tuple[str, float] | None:
    """The digits in the crop and the least sure digit's probability, or None where a
    digit is less sure than `sure_at`, too wide (run into the next) or not there. Where a
    piece is wide enough to be two digits that touch (a "5" whose bar runs into the "7"
    after it), it is read both whole and parted, and the surer reading stands."""
    readings = [_reading(digits) for digits in _segmentations(crop)]
    best = max((r for r in readings if r is not None), key=lambda r: r[1], default=None)
    if best is None or best[1] < sure_at:
        return None
    return best


def _reading(digits: list[np.ndarray]) -> tuple[str, float] | None:
    if not digits:
        return None
    vectors = np.stack([features(d) for d in digits])
    probabilities = probabilities_of(vectors)
    sure = float(probabilities.max(axis=1).min())
    second = _plain_probabilities(vectors)
    if (second.argmax(axis=1) == probabilities.argmax(axis=1)).all():
        # the one-layer network, agreeing, may be the surer of the two (a stamped "493" the
        # convolutions read at 0.73 and it at 0.90): its probabilities run higher
        sure = max(sure, float(second.max(axis=1).min()) - _PLAIN_MARGIN)
    return "".join(str(int(i)) for i in probabilities.argmax(axis=1)), sure


def _segmentations(crop: Image.Image) -> list[list[np.ndarray]]:
    """The crop's strokes as digits, left to right: its pieces of connected ink, a piece
    that stands mostly over or under another joined to it (a "5"'s bar, a "4" written in
    two strokes); [] where a digit is too wide to be one (two run together). A second
    reading, where a piece is wider than a digit mostly is, parts it in two."""
    pixels = np.asarray(crop.convert("L"))
    ink = pixels <= otsu(pixels)
    height = ink.shape[0]
    pieces = []  # (left, right, mask)
    for mask in _connected(ink):
        cols = np.nonzero(mask.any(axis=0))[0]
        pieces.append([cols[0], cols[-1] + 1, mask])
    pieces.sort(key=lambda p: p[0])
    joined: list[list] = []
    for left, right, mask in pieces:
        if joined and min(right, joined[-1][1]) - left > 0.5 * (right - left):
            joined[-1][1] = max(right, joined[-1][1])
            joined[-1][2] = joined[-1][2] | mask
        else:
            joined.append([left, right, mask])
    digits: list[np.ndarray] = []
    parted: list[np.ndarray] = []
    for left, right, mask in joined:
        rows = np.nonzero(mask.any(axis=1))[0]
        tall = rows[-1] - rows[0] + 1
        if tall < _TALL * height or mask.sum() < _MIN_INK:
            continue  # a speck, a dot, the foot of a slash
        parts = _apart(mask, left, right, tall)
        if parts is None:
            return []
        digits.extend(parts)
        wide = len(parts) == 1 and right - left > _TWO_TOUCHING * tall
        parted.extend((_apart(mask, left, right, tall, cut_at=_TWO_TOUCHING) or parts)
                      if wide else parts)
    return [digits, parted] if len(parted) != len(digits) else [digits]


def _apart(mask: np.ndarray, left: int, right: int, tall: int, *, cut_at: float = _WIDEST
           ) -> list[np.ndarray] | None:
    """A piece as the digits it holds: itself, or, where two digits touch ("47" whose
    bar runs into the 7), cut at the column of least ink near its middle; None where a
    cut leaves a piece still too wide or one too thin to be a digit."""
    if right - left <= cut_at * tall:
        return [mask]
    if right - left > 2 * _WIDEST * tall:
        return None  # three or more run together: not read
    ink = mask[:, left:right].sum(axis=0)
    low, high = left + (right - left) * 3 // 10, left + (right - left) * 7 // 10
    cut = low + int(np.argmin(ink[low - left : high - left]))
    if ink[cut - left] > 0.25 * tall:  # no narrow joint: a wide stroke, not two digits
        return None
    halves = []
    for begin, end in ((left, cut), (cut, right)):
        half = np.zeros_like(mask)
        half[:, begin:end] = mask[:, begin:end]
        cols = np.nonzero(half.any(axis=0))[0]
        if len(cols) == 0 or half.sum() < _MIN_INK or cols[-1] - cols[0] + 1 > _WIDEST * tall:
            return None
        halves.append(half)
    return halves


def _connected(ink: np.ndarray) -> list[np.ndarray]:
    """The 8-connected pieces of `ink`, each as a mask of the whole crop."""
    seen = np.zeros_like(ink)
    height, width = ink.shape
    out = []
    for y, x in zip(*np.nonzero(ink), strict=True):
        if seen[y, x]:
            continue
        mask = np.zeros_like(ink)
        stack = [(y, x)]
        seen[y, x] = True
        while stack:
            cy, cx = stack.pop()
            mask[cy, cx] = True
            for ny in (cy - 1, cy, cy + 1):
                for nx in (cx - 1, cx, cx + 1):
                    if 0 <= ny < height and 0 <= nx < width and ink[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        out.append(mask)
    return out


def probabilities_of(vectors: np.ndarray, weights: dict[str, np.ndarray] | None = None
                     ) -> np.ndarray:
    """Each digit's probabilities of 0-9, from its `features`: the network of
    `scripts/build_pen_digits.py` (three 3 × 3 convolutions, two of them pooled, and
    two dense layers), run here in numpy."""
    weights = weights or _model()
    x = vectors.reshape(-1, 1, SIDE, SIDE) * SIDE  # unit length → about unit variance
    x = np.maximum(_convolved(x, weights["conv1"], weights["conv1_bias"]), 0)
    x = _pooled(np.maximum(_convolved(x, weights["conv2"], weights["conv2_bias"]), 0))
    x = _pooled(np.maximum(_convolved(x, weights["conv3"], weights["conv3_bias"]), 0))
    x = np.maximum(x.reshape(len(x), -1) @ weights["dense1"].T + weights["dense1_bias"], 0)
    return _softmax(x @ weights["dense2"].T + weights["dense2_bias"])


def _plain_probabilities(vectors: np.ndarray) -> np.ndarray:
    """The one-layer network's probabilities (the reader before the convolutions)."""
    weights = _model()
    hidden = np.maximum(vectors @ weights["plain_hidden"] + weights["plain_hidden_bias"], 0)
    return _softmax(hidden @ weights["plain_out"] + weights["plain_out_bias"])


def _softmax(logits: np.ndarray) -> np.ndarray:
    probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))
    return probabilities / probabilities.sum(axis=1, keepdims=True)


def _convolved(x: np.ndarray, kernels: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """A 3 × 3 convolution, the input padded by one: (n, c, h, w) → (n, out, h, w)."""
    _, channels, height, width = x.shape
    padded = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    windows = np.stack([padded[:, :, i : i + height, j : j + width]
                        for i in range(3) for j in range(3)], axis=2)
    out = np.tensordot(windows, kernels.reshape(len(kernels), channels, 9), axes=([1, 2], [1, 2]))
    return out.transpose(0, 3, 1, 2) + bias[None, :, None, None]


def _pooled(x: np.ndarray) -> np.ndarray:
    """The largest of each 2 × 2 block."""
    n, channels, height, width = x.shape
    return x.reshape(n, channels, height // 2, 2, width // 2, 2).max(axis=(3, 5))


@cache
def _model() -> dict[str, np.ndarray]:
    with np.load(MODEL) as data:
        return {k: data[k].astype(np.float32) for k in data.files}
