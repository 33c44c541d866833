"""The folded view of Vietnamese text that search and fuzzy matching compare.

Lower case, diacritics removed, đ→d: "Sở Nội vụ" and "so noi vu" fold alike, so a
clerk typing without a Vietnamese keyboard still finds what was written with one.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_MARKS = re.compile(r"[\u0300-\u036f]+")  # every Vietnamese tone and vowel mark, after NFD
_WORDS = re.compile(r"\w+")


@functools.lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    # NFD splits tone and vowel marks off their letters, but đ is a letter of its own.
    word = word.replace("đ", "d").replace("ð", "d")
    return _MARKS.sub("", unicodedata.normalize("NFD", word))


def fold(text: str | None) -> str:
    if not text:
        return ""
    # Word by word through a cache: a directive repeats a few thousand syllables, and
    # the index folds every text the batch writes, on the one process that writes.
    return " ".join(map(_fold_word, text.lower().split()))


def words(text: str | None) -> list[str]:
    """The folded words of `text`, as the full-text index tokenises them."""
    return _WORDS.findall(fold(text))
