"""The three states a directive's text arrives in, for tests that run a snippet through all."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import strategies as st

from vanban.normalize.garble import garble


def stripped(text: str) -> str:
    """Diacritics removed the way typists and converters do it (đ → d)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def garbled(text: str, seed: int = 1) -> str:
    """Text as an English-model OCR leaves it ("Sở" → "S&", "xã" → "x3")."""
    return garble(text, seed=seed)


STATES = {"clean": lambda t: t, "stripped": stripped, "garbled": garbled}


def texts_and_lines(folders: list[Path]) -> list[str]:
    """Each directive of `folders` clean, stripped and garbled, and each of those as its
    lines' folded forms: what the patterns' gates are tested over."""
    from vanban.extract.lines import split_lines
    from vanban.folding import strip_diacritics

    out = []
    for folder in folders:
        for i, path in enumerate(sorted(folder.glob("*.txt"))):
            text = path.read_text(encoding="utf-8-sig")
            for state in (text, strip_diacritics(text), garble(text, seed=i + 1)):
                out += [state, "\n".join(line.folded for line in split_lines(state))]
    return out


# Text shaped like a directive's in all its states, for property tests of the respellers:
# words with and without diacritics, OCR damage, numbers, codes, odd white space.
directive_like_text = st.lists(
    st.one_of(st.sampled_from(
        ["nang", "cao", "Chi", "so", "Tố", "chức", "kiếm", "tra", "tch", "Chủ", "nều", "trên",
     "S6", "x3", "céc", "&", "thdng", "B$", "2024", "06", "84/BC-SNV", "215/QĐ-UBND", "UBND",
     "Đồng", "ý", "a)", ",", ".", "(", ")", "\n", " ", "  ", "\t"]
    ), st.text(max_size=6)),
    max_size=30,
).map(" ".join)
