"""Whether a scanned page is blank, from its pixels, before any OCR is paid for.

A blank page (the back of a sheet, a separator) cost Tesseract about three and a half
ordinary pages: it searches the noise for text. On a box-averaged quarter-size copy,
print is still dark (a stroke covers most of its 4×4 box) while scanner noise, JPEG
ringing and show-through from the other side of the sheet stay within a few dozen
grey levels of the paper. A page is blank when almost nothing is clearly darker than
its paper: fewer dark pixels than a couple of printed characters make.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

_REDUCE = 4
_MARGIN = 0.03  # of each side: scanner edges, punched holes and their shadows
_CONTRAST = 80  # grey levels below the paper that count as print
_MAX_INK = 40  # dark pixels of the reduced page; one printed digit has about as many


def is_blank(gray: Image.Image) -> bool:
    """True when the page (mode "L") holds no print."""
    small = gray.reduce(_REDUCE) if min(gray.size) >= 8 * _REDUCE else gray
    pixels = np.asarray(small, dtype=np.int16)
    h, w = pixels.shape
    dy, dx = int(h * _MARGIN), int(w * _MARGIN)
    inner = pixels[dy : h - dy, dx : w - dx]
    if inner.size == 0:
        return False
    paper = int(np.median(inner))
    return int(np.count_nonzero(inner < paper - _CONTRAST)) < _MAX_INK
