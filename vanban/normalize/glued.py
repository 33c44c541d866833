"""Two syllables a web page ran together ("Ủyban", "ýkiến", "đơnvị", "cácsở") parted again.

A page that lost the space where its source wrapped a line glues the line's last syllable
to the next one's first. The rules read words: "Các cơ quan, đơnvị sau đây" is no group
that announces a list, "các đơn vị tham gia ýkiến" runs a group's name on past the verb.
A word with marks that has no Vietnamese syllable's shape and reads as exactly two of the
restoration model's syllables is two words; the text keeps the way back to its offsets.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import pairwise

from vanban.normalize.diacritics import Respelled
from vanban.normalize.syllables import fold, has_marks, looks_like_syllable, normalize_syllable

_WORD = re.compile(r"[^\W\d_]{3,}")
try:  # the distinct words of `_WORD` in one compiled pass (normalize/_chars.c), if built
    from vanban.normalize import _chars
except ImportError:  # pragma: no cover - the extension is optional
    _chars = None
# the rarer half of a parting must be a syllable the model has seen this often (log10);
# the model's list also holds debris of its sources ("aỏi" at -12.5)
_LEAST_COMMON = -9.5


@cache
def _syllables() -> dict[str, float]:
    """The restoration model's syllables (lower case, marked) and their log frequency."""
    from vanban.normalize.diacritics import _tables

    model = _tables().model
    return {word: float(p) for word, p in zip(model.vocab, model.uni, strict=True)
            if not word.startswith("<")}


@cache
def _folded_syllables() -> dict[str, float]:
    """The same by their folded forms (the commonest syllable a fold spells): a text that
    lost its marks glues "cacso" as the typed one glues "cácsở"."""
    out: dict[str, float] = {}
    for word, p in _syllables().items():
        key = fold(word)
        out[key] = max(p, out.get(key, p))
    return out


@cache
def _word_pairs() -> frozenset[tuple[str, str]]:
    """Folded syllable pairs that make a word or stand in a term of the register ("don vi",
    "uy ban", "y kien"): without marks, a glued word parts only into one of these."""
    from vanban.normalize.domain import common_pairs, term_phrases

    pairs = set(common_pairs())
    for phrase in term_phrases():
        syllables = fold(phrase).split()
        pairs.update(pairwise(syllables))
    return frozenset(pairs)


# without marks, "các" glued to the next word parts anyway: the commonest glue of all
_PLURAL = "cac"


def _frequency(part: str, marked: bool) -> float | None:
    """How common `part` is as a syllable, None if it is none (an all-capital part, an
    abbreviation glued on such as "nghiệpTHPT", is left as it is)."""
    if len(part) > 1 and part.isupper():
        return None
    if marked:
        if not looks_like_syllable(part):
            return None
        return _syllables().get(normalize_syllable(part.lower()))
    # (an OCR's marks are noise: "kiën")
    return _folded_syllables().get(fold(part)) if looks_like_syllable(fold(part)) else None


# (a document says its words many times over: each is judged once; bounded, as every
# process-wide memo is)
@lru_cache(maxsize=16384)
def parted(word: str, *, marked: bool = True) -> tuple[str, str] | None:
    """`word` as the two syllables it ran together, or None. The second may open with a
    capital ("theoQuyết"), the first may not end with one ("ĐơnVị" is no page's glue).
    Typed text (`marked`) parts only words with marks; a text that lost them, any word."""
    if (marked and not has_marks(word)) or looks_like_syllable(word if marked else fold(word)):
        return None
    best: tuple[float, int] | None = None
    for cut in range(1, len(word)):
        left, right = word[:cut], word[cut:]
        if right[:1].isupper() and left.isupper() and len(left) > 1:
            continue  # "ỦYBAN" is one word in capitals: parted as lower case words are
        first, second = _frequency(left, marked), _frequency(right, marked)
        if first is None or second is None or min(first, second) < _LEAST_COMMON:
            continue
        # ("ngudi", "trude": an OCR's "người", "trước" spelled as no two words; "dira": its
        # "ir" is an "ư")
        if not marked and ((fold(left) != _PLURAL and (fold(left), fold(right)) not in
                           _word_pairs()) or fold(left[-1] + right[0]) == "ir"):
            continue
        if best is None or first + second > best[0]:
            best = (first + second, cut)
    return None if best is None else (word[: best[1]], word[best[1] :])


def unglued(text: str, *, marked: bool = True) -> Respelled:
    """`text` with each glued word parted by a space, and the way back to its offsets
    (`marked`: the text was typed with its marks, see `parted`)."""
    # (each distinct word is judged once: most texts glue none, and are then given back
    # without a pass over their words' matches)
    words = set(_WORD.findall(text)) if _chars is None else _chars.letter_runs(text, 3)
    glued = {word: parts for word in words
             if (parts := parted(word, marked=marked)) is not None}
    if not glued:
        return Respelled(text, ())
    pieces: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    last = shift = 0
    for match in _WORD.finditer(text):
        parts = glued.get(match.group())
        if parts is None:
            continue
        new = f"{parts[0]} {parts[1]}"
        pieces.append(text[last : match.start()])
        pieces.append(new)
        edits.append((match.start() + shift, match.start() + shift + len(new),
                       match.start(), match.end()))
        shift += len(new) - len(match.group())
        last = match.end()
    if not edits:
        return Respelled(text, ())
    pieces.append(text[last:])
    return Respelled("".join(pieces), tuple(edits))
