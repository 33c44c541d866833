"""Seeded synthetic damage: clean Vietnamese → what an OCR model makes of it.

`garble` is an English OCR model: the confusion table of `ocr_confusions` in the forward
direction, plus plain diacritic loss. `ocr_confuse` is our own Vietnamese model on scans:
marks that look alike swapped or lost. Benchmarks and tests measure repair on text with
a known answer.
"""

from __future__ import annotations

import random
import re
import unicodedata

from vanban.normalize.ocr_confusions import STRIP_WEIGHT, garble_options
from vanban.normalize.syllables import (
    apply_case,
    case_pattern,
    has_marks,
    looks_like_syllable,
    normalize_syllable,
    place_tone,
    split_tone,
    strip_marks,
    tone_position,
)

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


# Look-alike confusions of a Vietnamese-model OCR (Tesseract `vie`) at scan resolution,
# with their relative odds: the hook above read as an acute is by far the commonest.
OCR_CONFUSIONS: tuple[tuple[str, float], ...] = (
    ("hook>acute", 5.0),  # Triển → Triến, Tổ → Tố
    ("hook<>tilde", 1.0),
    ("grave<>acute", 1.0),
    ("tone-lost", 1.0),  # any tone mark, the dot below included, dropped
    ("vowel-mark-lost", 1.0),  # â ă ê ô ơ ư → a a e o o u
    ("tone-added", 0.5),  # nêu → nều
    ("vowel-lost", 0.5),  # tịch → tch: a thin marked vowel lost altogether
)
_WORD = re.compile(r"[^\W\d_]+")
_SHAPED = {"â": "a", "ă": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u"}


def _confusions(base: str, tone: int) -> list[tuple[str, float]]:
    """(kind, odds) of the confusions that change this toneless base / tone."""
    out = []
    for kind, odds in OCR_CONFUSIONS:
        if (
            (kind == "hook>acute" and tone == 3)
            or (kind == "hook<>tilde" and tone in (3, 4))
            or (kind == "grave<>acute" and tone in (1, 2))
            or (kind == "tone-lost" and tone)
            or (kind == "vowel-mark-lost" and any(c in _SHAPED for c in base))
            or (kind == "tone-added" and not tone and tone_position(base) >= 0)
            or (kind == "vowel-lost" and tone and _thin_vowel(base) >= 0)
        ):
            out.append((kind, odds))
    return out


def _thin_vowel(base: str) -> int:
    """Index of a lone i/y nucleus between consonants ("tich"), else -1."""
    pos = tone_position(base)
    if pos <= 0 or pos + 1 >= len(base) or base[pos] not in "iy":
        return -1
    return pos if base[pos - 1] not in "aeiouyâăêôơư" and base[pos + 1] not in "aeiouy" else -1


def _confuse(base: str, tone: int, kind: str, rng: random.Random) -> str:
    if kind == "hook>acute":
        return place_tone(base, 1)
    if kind == "hook<>tilde":
        return place_tone(base, 7 - tone)
    if kind == "grave<>acute":
        return place_tone(base, 3 - tone)
    if kind == "tone-lost":
        return base
    if kind == "vowel-mark-lost":
        at = [i for i, c in enumerate(base) if c in _SHAPED]
        i = rng.choice(at)
        return place_tone(base[:i] + _SHAPED[base[i]] + base[i + 1 :], tone)
    if kind == "tone-added":
        return place_tone(base, rng.choice((1, 2)))
    i = _thin_vowel(base)  # vowel-lost
    return base[:i] + base[i + 1 :]


def ocr_confuse(text: str, seed: int = 0, rate: float = 0.1) -> str:
    """Seeded look-alike damage of a Vietnamese OCR model: each Vietnamese syllable is hit
    with probability `rate` by one confusion of `OCR_CONFUSIONS` that changes it (hỏi read
    as sắc most often). Everything else, spacing and line breaks included, is kept."""
    rng = random.Random(seed)
    text = unicodedata.normalize("NFC", text)

    def hit(match: re.Match[str]) -> str:
        word = match.group()
        lower = word.lower()
        if rng.random() >= rate or normalize_syllable(lower) != lower:
            return word
        pattern = case_pattern(word)
        if apply_case(lower, pattern) != word or not looks_like_syllable(lower):
            return word
        base, tone = split_tone(lower)
        options = _confusions(base, tone)
        if not options:
            return word
        kinds, odds = zip(*options, strict=True)
        out = _confuse(base, tone, rng.choices(kinds, odds)[0], rng)
        return apply_case(out, pattern) if out != lower else word

    return _WORD.sub(hit, text)
