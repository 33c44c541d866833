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

from vanban.folding import fold, fold_ocr
from vanban.normalize.lexicon import transfer_case
from vanban.normalize.syllables import normalize_syllable

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
# the words of a run are next to each other: a space, not a comma or a line's end
_BETWEEN = re.compile(r"[ \t]+")
_VOWELS = re.compile(r"[aeiouy]")
_VOWEL_RUNS = re.compile(r"[aeiouy]+")
_FOLDED_WORD = re.compile(r"[a-z0-9']+")


def _names() -> list[str]:
    data = resources.files("vanban.data")
    places = json.loads(data.joinpath("places.json").read_text("utf-8"))
    names = [p["name"] for p in places["provinces"] + places["districts"]]
    names += [s.strip() for s in data.joinpath("communes.txt").read_text("utf-8").splitlines()
              if s.strip() and not s.startswith("#")]
    return names


class SpelledNames(NamedTuple):
    """The names by their folded words, and by the same with the vowels blanked: an
    English OCR misreads a marked vowel as another ("Đắk" → "Dék"), rarely a consonant.
    `firsts`: the folds and blanked folds a name starts with (most words start none);
    `words`: the folds of the model's syllables, which no misread name is written as
    ("Sông Đà" is no "Sông Pe"); `own`, the words of the names that fold as no syllable of
    the language ("dak", "krong"): a line without one is passed over at once (a name
    misread in every word is left to the model)."""

    exact: dict[tuple[str, ...], tuple[str, ...]]
    blind: dict[tuple[str, ...], tuple[str, ...]]
    # the same with each run of vowels blanked as one: an English OCR also writes one
    # marked vowel as two letters ("Đắk" → "Diik", its "ắ" read "ii")
    runs: dict[tuple[str, ...], tuple[str, ...]]
    firsts: frozenset[str]
    words: frozenset[str]
    own: frozenset[str]


def _blind(folded: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_VOWELS.sub("*", w) for w in folded)


def _runs(folded: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_VOWEL_RUNS.sub("*", w) for w in folded)


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
    # (the gazetteer's 17,500 words are 2,000 distinct ones: each is asked once; built
    # on a damaged document's first name, this table is a one-file run's to wait for)
    syllable: dict[str, bool] = {}
    for name in _names():
        words = tuple(_WORD.findall(name))
        if len(words) > 1 and not all(
                syllable[w] if w in syllable
                else syllable.setdefault(w, normalize_syllable(w.lower()) in known)
                for w in words):
            pairs.append((tuple(fold_ocr(w) for w in words), words))
    exact, blind = _unique(pairs), _unique([(_blind(k), w) for k, w in pairs])
    runs = _unique([(_runs(k), w) for k, w in pairs])
    firsts = frozenset(k[0] for table in (exact, blind, runs) for k in table)
    # (folded past `fold_ocr`'s memo: 7,800 syllables at once would fill it, and it is
    # emptied when full, in the middle of a document's words)
    words = frozenset(fold_ocr(w, remember=False) for w in known)
    # (not a letter: "An Bình B" has one, and a garbled line many)
    own = frozenset(w for k in exact for w in k if w not in words and len(w) > 2)
    return SpelledNames(exact, blind, runs, firsts, words, own)


def _vowel_split(written: tuple[str, ...], spelling: tuple[str, ...], words: frozenset[str]
                 ) -> bool:
    """Whether `written` is `spelling` with one vowel written as two letters, in a word that
    reads as no syllable of the language ("Diik" for "Đắk")."""
    folded = [fold_ocr(w) for w in spelling]
    apart = [(x, y) for x, y in zip(written, folded, strict=True) if x != y]
    return len(apart) == 1 and apart[0][0] not in words and len(apart[0][0]) == len(
        apart[0][1]) + 1


def _misread(written: tuple[str, ...], spelling: tuple[str, ...], words: frozenset[str]
             ) -> bool:
    """Whether `written` is `spelling` with one vowel misread, in a word that reads as no
    syllable of the language ("Dék", not the "Đà" of "Sông Đà" for "Sông Pe")."""
    folded = [fold_ocr(w) for w in spelling]
    # (a blind key's words are as long as the name's: its consonants are the name's)
    apart = [x for x, y in zip(written, folded, strict=True) if x != y]
    return len(apart) == 1 and apart[0] not in words and sum(
        a != b for x, y in zip(written, folded, strict=True)
        for a, b in zip(x, y, strict=True)) == 1


def name_edits(line: str, names: SpelledNames, garbled: bool = False
               ) -> list[tuple[int, int, str]]:
    """(start, end, spelling) of each word of `line` inside a run of capitalised words that
    folds as one of the `names` (with `garbled`, also one vowel apart); longest first."""
    # (the plain fold: the OCR's one costs a line ten times more, and one word is enough)
    if not names.exact or names.own.isdisjoint(_FOLDED_WORD.findall(fold(line))):
        return []
    spans = [m.span() for m in _WORD.finditer(line)]
    longest = max(map(len, names.exact))
    firsts = names.firsts
    edits: list[tuple[int, int, str]] = []
    k = 0
    while k < len(spans):
        lo = spans[k][0]
        first = fold_ocr(line[lo:spans[k][1]]) if line[lo:lo + 1].isupper() else ""
        if first not in firsts and not (garbled and first and (
                _blind((first,))[0] in firsts or _runs((first,))[0] in firsts)):
            k += 1
            continue
        for size in range(min(longest, len(spans) - k), 1, -1):
            run = spans[k:k + size]
            if not all(line[lo:lo + 1].isupper() for lo, _ in run) or not all(
                    _BETWEEN.fullmatch(line[a[1]:b[0]]) for a, b in pairwise(run)):
                continue
            written = tuple(fold_ocr(line[lo:hi]) for lo, hi in run)
            spelling = names.exact.get(written)
            if spelling is None and garbled:
                spelling = names.blind.get(_blind(written))
                if spelling is not None and not _misread(written, spelling, names.words):
                    spelling = None
            if spelling is None and garbled:
                spelling = names.runs.get(_runs(written))
                if spelling is not None and not _vowel_split(written, spelling, names.words):
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
