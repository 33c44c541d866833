"""The folded view of Vietnamese text that search and fuzzy matching compare.

Lower case, diacritics removed, đ→d: "Sở Nội vụ" and "so noi vu" fold alike, so a
clerk typing without a Vietnamese keyboard still finds what was written with one.
It is the extractor's fold (`vanban.folding`) with white space collapsed.
"""

from __future__ import annotations

import re

from vanban import folding

_WORDS = re.compile(r"\w+")


def fold(text: str | None) -> str:
    return " ".join(folding.fold(text).split()) if text else ""


def words(text: str | None) -> list[str]:
    """The folded words of `text`, as the full-text index tokenises them."""
    return _WORDS.findall(fold(text))
