"""Vietnamese syllables: folding, tone placement and a shape check.

Folding maps a syllable to lower case ASCII (no diacritics, đ→d), the key under
which the restorer looks up candidates. Tone placement is normalised to the style
of official documents ("hóa", "hòa", "thủy", "Ủy", but "hoàn", "thuyết") so the
model never holds two spellings of one syllable.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from vanban.folding import fold as _fold
from vanban.folding import has_diacritics
from vanban.folding import strip_diacritics as strip_marks  # noqa: F401  (re-exported)

# Combining tone marks, in the order used by `TONES` (index 0 = level tone).
TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_TONE_SET = frozenset(TONE_MARKS[1:])

# Marks that change the vowel quality (â ê ô / ă / ơ ư); they stay on their letter.
_SHAPE_MARKS = frozenset("\u0302\u0306\u031b")

_VOWELS = frozenset("aăâeêioôơuưy")

# Base letters (no tone) that take the tone before any other vowel of the nucleus.
_PRIORITY = frozenset("ăâêôơư")


def fold(text: str) -> str:
    """Lower case, no diacritics, đ→d. Same length as `text` for NFC input."""
    return _fold(text).lower()


def split_tone(syllable: str) -> tuple[str, int]:
    """("hoà" | "hòa") → ("hoa", 2): the NFC syllable without its tone, and the tone."""
    tone = 0
    kept = []
    for char in unicodedata.normalize("NFD", syllable):
        if char in _TONE_SET:
            tone = TONE_MARKS.index(char)
        else:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _nucleus(base: str) -> tuple[int, int]:
    """Start and end (exclusive) of the vowel nucleus of a toneless lower-case syllable."""
    start = 0
    if (base.startswith("qu") and len(base) > 2 and base[2] in _VOWELS) or (
        base.startswith("gi") and len(base) > 2 and base[2] in _VOWELS
    ):
        start = 2
    while start < len(base) and base[start] not in _VOWELS:
        start += 1
    end = start
    while end < len(base) and base[end] in _VOWELS:
        end += 1
    return start, end


def tone_position(base: str) -> int:
    """Index of the letter that carries the tone, old (official) style; -1 if none."""
    lower = base.lower()
    start, end = _nucleus(lower)
    if start == end:
        return -1
    for i in range(end - 1, start - 1, -1):
        if lower[i] in _PRIORITY:
            # "ươ", "uô": the mark goes on the second letter, which is the one found first here.
            return i
    size = end - start
    if size == 1:
        return start
    if size == 3:
        return start + 1
    # Two vowels: on the second when a final consonant follows ("hoàn"), else the first ("hòa").
    return start + 1 if end < len(lower) else start


def place_tone(base: str, tone: int) -> str:
    """Put `tone` on the right letter of the toneless syllable `base`; NFC out."""
    if tone == 0:
        return base
    pos = tone_position(base)
    if pos < 0:
        return base
    letter = unicodedata.normalize("NFD", base[pos])
    marked = letter + TONE_MARKS[tone]
    return unicodedata.normalize("NFC", base[:pos] + marked + base[pos + 1 :])


def normalize_syllable(syllable: str) -> str:
    """NFC and official tone placement: "hoá" → "hóa", "thuỷ" → "thủy"."""
    base, tone = split_tone(syllable)
    return place_tone(base, tone)


# Onset + nucleus + coda of a toneless syllable, lower case. Loose on purpose: it only has
# to keep foreign words and OCR debris out of the inventory, not define Vietnamese.
_SHAPE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    r"(?:[aăâeêioôơuưy]{1,3})"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_VALID_CODA_AFTER_VOWEL = re.compile(r"[aăâeêioôơuưy]+(?:ch|ng|nh|[cmnpt])?$")


# (asked of every word of a name read, again at each mention: remembered, as few as
# the language has syllables and their capitals)
@lru_cache(maxsize=16384)
def looks_like_syllable(syllable: str) -> bool:
    """True when the lower-case syllable has a Vietnamese shape."""
    base, tone = split_tone(syllable.lower())
    if not _SHAPE.fullmatch(base):
        return False
    # Stop tones only (sắc, nặng) can close on -c, -ch, -p, -t.
    return not (base[-1:] in "cpt" or base.endswith("ch")) or tone in (0, 1, 5)


def case_pattern(token: str) -> str:
    """ "upper", "title" or "lower": how to re-case a restored syllable."""
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return "lower"
    upper = sum(1 for c in letters if c.isupper())
    if len(letters) > 1 and upper * 2 > len(letters):
        return "upper"
    if letters[0].isupper():
        return "title"
    return "lower"


def apply_case(syllable: str, pattern: str) -> str:
    if pattern == "upper":
        return syllable.upper()
    if pattern == "title":
        return syllable[:1].upper() + syllable[1:]
    return syllable


def has_marks(text: str) -> bool:
    """True when `text` carries any Vietnamese diacritic or đ."""
    return has_diacritics(text)
