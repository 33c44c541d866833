"""Place names the restorer's model cannot spell, written back whole.

The model's syllables are the language's; a Central Highlands name keeps syllables of
its own ("Đắk Lắk", "Krông Búk", "Cư M'gar", "Đăk Glong"). Stripped ("Dak Lak") or
garbled ("Dak Lãk"), such a name has no candidate with its spelling, and the model reads
the nearest words it knows ("Đã Là"): the province of an owner ("Ủy ban nhân dân tỉnh Đắk
Lắk") is lost, or read as another place. The gazetteer knows the names: where a run of
capitalised words folds as one of them, it is written as the gazetteer spells it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Container
from importlib import resources
from itertools import pairwise
from typing import NamedTuple

from vanban.folding import fold_ocr
from vanban.normalize.lexicon import transfer_case
from vanban.normalize.syllables import normalize_syllable

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
# the words of a run are next to each other: a space, not a comma or a line's end
_BETWEEN = re.compile(r"[ \t]+")
_VOWELS = re.compile(r"[aeiouy]")


def _names() -> list[str]:
    data = resources.files("vanban.data")
    places = json.loads(data.joinpath("places.json").read_text("utf-8"))
    names = [p["name"] for p in places["provinces"] + places["districts"]]
    names += [s.strip() for s in data.joinpath("communes.txt").read_text("utf-8").splitlines()
              if s.strip() and not s.startswith("#")]
    return names


class SpelledNames(NamedTuple):
    """The names by their folded words, and by the same with the vowels blanked: an
    English OCR misreads a marked vowel as another ("Đắk" → "Dék"), rarely a consonant."""

    exact: dict[tuple[str, ...], tuple[str, ...]]
    blind: dict[tuple[str, ...], tuple[str, ...]]


def _blind(folded: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_VOWELS.sub("*", w) for w in folded)


def _unique(pairs: list[tuple[tuple[str, ...], tuple[str, ...]]]
            ) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Keys → spellings, a key two names spell differently dropped (left to the model:
    "Đăk Mar" and "Đắk Mar" both exist). A commune's table writes some in capitals
    inside ("KRông Búk"): a name differing only so is the same one, spelled as the
    districts (read first) spell it."""
    table: dict[tuple[str, ...], tuple[str, ...] | None] = {}
    for key, spelling in pairs:
        seen = table.setdefault(key, spelling)
        if seen is not None and [w.lower() for w in seen] != [w.lower() for w in spelling]:
            table[key] = None
    return {k: v for k, v in table.items() if v is not None}


def spelled_names(known: Container[str]) -> SpelledNames:
    """The names of two words or more with a syllable not in `known` (the model's)."""
    pairs = []
    for name in _names():
        words = tuple(_WORD.findall(name))
        if len(words) > 1 and not all(normalize_syllable(w.lower()) in known for w in words):
            pairs.append((tuple(fold_ocr(w) for w in words), words))
    return SpelledNames(_unique(pairs), _unique([(_blind(k), w) for k, w in pairs]))


def _one_vowel_apart(written: tuple[str, ...], spelling: tuple[str, ...]) -> bool:
    folded = [fold_ocr(w) for w in spelling]
    # (a blind key's words are as long as the name's: its consonants are the name's)
    return sum(a != b for x, y in zip(written, folded, strict=True)
               for a, b in zip(x, y, strict=True)) <= 1


def name_edits(line: str, names: SpelledNames, garbled: bool = False
               ) -> list[tuple[int, int, str]]:
    """(start, end, spelling) of each word of `line` inside a run of capitalised words that
    folds as one of the `names` (with `garbled`, also one vowel apart); longest first."""
    if not names.exact:
        return []
    spans = [m.span() for m in _WORD.finditer(line)]
    longest = max(map(len, names.exact))
    edits: list[tuple[int, int, str]] = []
    k = 0
    while k < len(spans):
        for size in range(min(longest, len(spans) - k), 1, -1):
            run = spans[k:k + size]
            if not all(line[lo:lo + 1].isupper() for lo, _ in run) or not all(
                    _BETWEEN.fullmatch(line[a[1]:b[0]]) for a, b in pairwise(run)):
                continue
            written = tuple(fold_ocr(line[lo:hi]) for lo, hi in run)
            spelling = names.exact.get(written)
            if spelling is None and garbled:
                spelling = names.blind.get(_blind(written))
                if spelling is not None and not _one_vowel_apart(written, spelling):
                    spelling = None
            if spelling is None:
                continue
            # every word, also one written right: the model's reading of it is replaced
            edits += [(lo, hi, transfer_case(line[lo:hi], word))
                      for (lo, hi), word in zip(run, spelling, strict=True)]
            k += size
            break
        else:
            k += 1
    return edits
