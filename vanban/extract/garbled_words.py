"""Two folded names alike but for words an OCR garbled past the restorer's reach.

A garbled document keeps as written a capitalised word the restorer is unsure of ("IIy ban"
for "Ủy ban", its "Ủ" written as two strokes): the rules read such a name by likeness, and
so must the comparisons of one name with another (the issuer with an owner's name).
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from vanban.normalize.diacritics import tables

# A garbled word is a few letters off the one it stands for: "ủ" written "ii", "ti", "ir".
GARBLE_EDITS = 2


def _garbled_for(word: str, meant: str) -> bool:
    """`word`, which no syllable folds to, an OCR's writing of the syllable `meant`."""
    return (word not in tables().model.candidates
            and Levenshtein.distance(word, meant, score_cutoff=GARBLE_EDITS) <= GARBLE_EDITS)


def alike_but_garble(name: str, other: str) -> bool:
    """Folded `name` and `other` the same words, or the same but for words of `name` that are
    no syllable and a garbling of `other`'s word there."""
    if name == other:
        return True
    words, others = name.split(), other.split()
    return len(words) == len(others) and all(
        w == o or _garbled_for(w, o) for w, o in zip(words, others, strict=True))
