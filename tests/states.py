"""The three states a directive's text arrives in, for tests that run a snippet through all."""

from __future__ import annotations

import unicodedata

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
