"""Seeded synthetic garbler: clean Vietnamese → what an English OCR model makes of it.

Uses the confusion table of `ocr_confusions` in the forward direction, plus plain
diacritic loss, so benchmarks and tests can measure repair on text with a known answer.
"""

from __future__ import annotations

import random
import unicodedata

from vanban.normalize.ocr_confusions import STRIP_WEIGHT, garble_options
from vanban.normalize.syllables import has_marks, strip_marks

_OPTIONS = garble_options()
# Stray damage to letters that need no diacritic.
_PLAIN = {"l": ("1", 0.02), "c": ("¢", 0.005), "m": ("rn", 0.005)}


def garble(text: str, seed: int = 0, damage: float = 0.9, drop: float = 0.01) -> str:
    """Damage each marked letter with probability `damage` (most often by stripping
    it, else by a table confusion); drop a marked letter with probability `drop`."""
    rng = random.Random(seed)
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        lower = char.lower()
        if has_marks(char):
            roll = rng.random()
            if roll < drop:
                continue
            if roll < damage:
                options = _OPTIONS.get(lower, [])
                total = STRIP_WEIGHT + sum(w for _, w in options)
                pick = rng.random() * total
                if pick < STRIP_WEIGHT or not options:
                    out.append(strip_marks(char))
                    continue
                pick -= STRIP_WEIGHT
                for garbled, weight in options:
                    pick -= weight
                    if pick <= 0:
                        out.append(garbled.upper() if char.isupper() else garbled)
                        break
                else:
                    out.append(strip_marks(char))
                continue
            out.append(char)
        elif lower in _PLAIN and rng.random() < _PLAIN[lower][1]:
            out.append(_PLAIN[lower][0])
        else:
            out.append(char)
    return "".join(out)
