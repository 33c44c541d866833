"""The vocabulary of `vanban/data/vocabulary.toml`, folded and indexed once.

Each class is a set of phrases; a phrase is a tuple of folded words, so a rule asks
"which phrase of this class starts at word i?" in a dictionary look-up, whatever
state (clean, stripped, OCR-folded) the text is in. Where the text still has its
diacritics, a word must also be written as the vocabulary writes it: folding makes
"từ" (from) and "tư" (of "đầu tư") one word, and only the marks tell them apart.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from importlib import resources

from vanban.folding import fold, has_diacritics
from vanban.normalize.text import typed_as_written

Phrase = tuple[str, ...]


@cache
def phrases(name: str) -> dict[Phrase, frozenset[Phrase]]:
    """The folded phrases of one keyword class, each with its written forms (lower case)."""
    out: dict[Phrase, set[Phrase]] = {}
    for entry in _classes()[name]:
        written = tuple(unicodedata.normalize("NFC", entry).lower().split())
        out.setdefault(tuple(fold(entry).split()), set()).add(written)
    return {key: frozenset(forms) for key, forms in out.items()}


@cache
def _classes() -> dict[str, list[str]]:
    raw = resources.files("vanban.data").joinpath("vocabulary.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)["classes"]


def class_names() -> list[str]:
    return list(_classes())


@cache
def _firsts(name: str) -> frozenset[str]:
    return frozenset(phrase[0] for phrase in phrases(name) if phrase)


@cache
def _longest(name: str) -> int:
    return max(len(phrase) for phrase in phrases(name))


def phrase_at(
    words: list[str], index: int, name: str, written: list[str] | None = None
) -> int:
    """How many words from `index` make the longest phrase of class `name` (0: none).

    `words` are folded; `written`, the same words as the text has them in lower case,
    where a word with diacritics must match the vocabulary's spelling too.
    """
    if index >= len(words) or (index >= 0 and words[index] not in _firsts(name)):
        return 0  # most words start no phrase of the class: one set look-up says so
    known = phrases(name)
    for size in range(min(_longest(name), len(words) - index), 0, -1):
        forms = known.get(tuple(words[index : index + size]))
        if forms is None:
            continue
        if written is None or any(_same_marks(written[index : index + size], form)
                                  for form in forms):
            return size
    return 0


@cache
def _comma_terms() -> list[tuple[Phrase, Phrase]]:
    halves = []
    for entry in _classes()["comma_terms"]:
        before, _, after = fold(entry).partition(",")
        halves.append((tuple(before.split()), tuple(after.split())))
    return halves


def comma_term_across(before: list[str], after: list[str]) -> bool:
    """Whether the folded words `before` a comma end, and those `after` it begin, a term of
    the vocabulary's `comma_terms` ("phòng cháy" + "chữa cháy")."""
    return any(tuple(before[-len(a):]) == a and tuple(after[: len(b)]) == b
               for a, b in _comma_terms())


_ONSET = re.compile(r"^(?:ngh|ng|nh|ch|tr|th|ph|kh|gh|gi|qu|[bcdghklmnpqrstvx])?")
_CODA = re.compile(r"(?:ch|ng|nh|[cmnpt])?$")


@cache
def tolerant(name: str) -> str:
    """A regex alternation of a class's phrases as an OCR may read them: each syllable's
    consonants as written, its vowels (where the marks were) as many letters, one more or
    one fewer: "chủ trì" → ch[a-z]{1,2}\\s+tr[a-z]{1,2}\\b, as "chú tri", "cht tri" read."""
    def syllable(word: str) -> str:
        onset, coda = _ONSET.match(word).group(), _CODA.search(word).group()
        if len(onset) + len(coda) >= len(word):
            return re.escape(word)
        vowels = len(word) - len(onset) - len(coda)
        return f"{onset}[a-z]{{{max(1, vowels - 1)},{vowels + 1}}}{coda}"

    forms = sorted(phrases(name), key=len, reverse=True)  # the longer phrase first
    derived = "|".join(r"\s+".join(syllable(w) for w in phrase) + r"\b" for phrase in forms)
    # a word of another class the derived spellings also read ("chi trả" for "chủ trì")
    # is never one of these
    others = sorted({" ".join(p) for other in class_names() if other != name
                     for p in phrases(other)} - {" ".join(p) for p in forms})
    taken = [word for word in others if re.fullmatch(derived, word)]
    if not taken:
        return derived
    exclude = "|".join(r"\s+".join(map(re.escape, w.split())) for w in taken)
    return rf"(?!(?:{exclude})\b)(?:{derived})"


def _same_marks(written: list[str], form: Phrase) -> bool:
    # a word without marks may have lost them, unless the text was typed as written
    # ("du lịch" is no "dự")
    lost = not typed_as_written()
    return all(word == expected or (lost and not has_diacritics(word))
               for word, expected in zip(written, form, strict=True))
