"""A second look at a scanned directive's signature block, through its seal.

By Nghị định 30 the signature block stands at the right of "Nơi nhận:", and on a signed
copy the seal is pressed over the signer's title and the signature over the name. On a
scan the seal's ink is lighter than the print (red or blue, grey on a grey scan), yet
dark enough that Tesseract's page segmentation takes the whole block for a picture:
the signer's name, and often the recipients beside it, come back as debris or not at
all. The block is read again alone, with everything lighter than the print whitened
(the seal, the signature's thin strokes, the paper's noise); the second reading
replaces the first where it reads more words surely.
"""

from __future__ import annotations

import re
from itertools import pairwise

import numpy as np
from PIL import Image

from vanban.errors import OcrError
from vanban.folding import fold
from vanban.ingest import ocr
from vanban.ingest.ocr import TsvWord

# "Nơi nhận:" folded, through OCR's "Noi nhan", "Nơi nhân"
_RECIPIENTS = re.compile(r"^n[o0][il1]$")
_RECEIVED = re.compile(r"^nh[a-z]n:?$")
# a word read surely: letters, and a confidence the debris of a seal never reaches
_SURE = 80.0
_WORD = re.compile(r"^[^\W\d_]{2,}[.,;:]?$")
# the block runs from above "Nơi nhận" (a title may stand a line or two higher than the
# label), below the last line of the body, down to the page's end, right of the middle
_ABOVE = 4  # label heights


def reread(image: Image.Image, words: list[TsvWord], *, lang: str, dpi: int,
           timeout: float) -> list[TsvWord]:
    """`words` with the signature block read again where the second reading is surer."""
    label = _recipients_label(words, image.size)
    if label is None:
        return words
    left = image.size[0] // 2
    top = max(label.top - round(_ABOVE * label.height), _body_end(words, label, left), 0)
    inside = [w for w in words if w.left >= left and w.top >= top]
    crop = _print_only(image.crop((left, top, image.size[0], image.size[1])))
    try:
        second = ocr.recognise(crop, lang=lang, dpi=dpi, timeout=timeout, psm=4)
    except OcrError:
        return words
    if _sure_words(second.words) <= _sure_words(inside):
        return words
    block = max((w.block for w in words), default=0) + 1
    moved = [TsvWord(w.text, w.left + left, w.top + top, w.width, w.height, w.confidence,
                     block + w.block, w.paragraph, w.line) for w in second.words]
    kept = [w for w in words if not (w.left >= left and w.top >= top)]
    return kept + moved


def _recipients_label(words: list[TsvWord], size: tuple[int, int]) -> TsvWord | None:
    """The word "Nơi" of "Nơi nhận" in the left half of the page's lower part."""
    for first, second in pairwise(words):
        if (first.left < size[0] // 2 and first.top > size[1] // 3
                and _RECIPIENTS.match(fold(first.text))
                and _RECEIVED.match(fold(second.text))):
            return first
    return None


def _body_end(words: list[TsvWord], label: TsvWord, middle: int) -> int:
    """The bottom of the lowest line above the label that runs across the page's middle
    (the body's last line: it is not the signature block's)."""
    lines: dict[tuple[int, int, int], list[TsvWord]] = {}
    for w in words:
        lines.setdefault((w.block, w.paragraph, w.line), []).append(w)
    ends = [max(w.top + w.height for w in line) for line in lines.values()
            if min(w.left for w in line) < middle < max(w.left + w.width for w in line)
            and min(w.top for w in line) < label.top]
    return max(ends, default=0)


def _print_only(crop: Image.Image) -> Image.Image:
    """The crop with every pixel lighter than the print whitened.

    The paper and the ink split at a first Otsu threshold; the ink splits again into the
    print (darkest) and the seal and signature (lighter), at a second one over the ink
    alone. A block with no seal loses only the print's soft edges.
    """
    pixels = np.asarray(crop.convert("L"))
    paper = _otsu(pixels.ravel())
    ink = pixels[pixels < paper]
    if ink.size == 0:
        return crop
    cut = _otsu(ink)
    return Image.fromarray(np.where(pixels <= cut, pixels, 255).astype(np.uint8))


def _otsu(values: np.ndarray) -> int:
    histogram = np.bincount(values.astype(np.uint8), minlength=256).astype(float)
    total = histogram.sum()
    levels = np.arange(256)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * levels)
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight - mean * total) ** 2 / (weight * (total - weight))
    return int(np.nanargmax(between))


def _sure_words(words: list[TsvWord]) -> int:
    return sum(1 for w in words if w.confidence >= _SURE and _WORD.match(w.text))
