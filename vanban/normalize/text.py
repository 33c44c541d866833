"""Spelling conventions every output string follows: NFC, one tone-mark placement, casing."""

from __future__ import annotations

import re
import unicodedata

_TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"
_SYLLABLE = re.compile(r"[^\W\d_]+")
# Syllables ending in these vowel pairs (no final consonant) take the tone on the first
# vowel in the spelling of Nghị định 30/2020 ("hòa", "Ủy"), not on the second ("hoà", "Uỷ").
_OPEN_PAIRS = ("oa", "oe", "uy")


def _place_tone(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    marks = [c for c in decomposed if c in _TONE_MARKS]
    if len(marks) != 1:
        return syllable
    bare = decomposed.replace(marks[0], "")
    letters = unicodedata.normalize("NFC", bare)
    lower = letters.lower()
    if not lower.endswith(_OPEN_PAIRS) or lower.startswith("qu") or lower.startswith("gi"):
        return syllable
    # position of the first vowel of the final pair, in the decomposed bare string
    target = len(letters) - 2
    out, seen = [], 0
    for char in bare:
        out.append(char)
        if not unicodedata.combining(char):
            if seen == target:
                out.append(marks[0])
            seen += 1
    # combining marks of the target vowel (circumflex etc.) must precede the tone mark
    return unicodedata.normalize("NFC", "".join(out))


def canonical_spelling(text: str) -> str:
    """NFC with the tone-mark placement of Nghị định 30/2020 ("Uỷ ban" → "Ủy ban")."""
    text = unicodedata.normalize("NFC", text)
    return _SYLLABLE.sub(lambda m: _place_tone(m.group()), text)


def collapse_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def is_upper_text(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def sentence_case(text: str, *, keep: frozenset[str] = frozenset()) -> str:
    """An all-caps line as a sentence: "KẾ HOẠCH" → "Kế hoạch"; acronyms in `keep` stay."""
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        core = word.strip(",.;:()")
        if core.upper() in keep or (core.isupper() and len(core) <= 5 and not _is_word(core)):
            out.append(word)
        else:
            out.append(word.lower() if i else capitalize_first(word.lower()))
    return " ".join(out)


def _is_word(token: str) -> bool:
    """A token with a vowel pattern of a Vietnamese syllable (not an acronym like UBND)."""
    return bool(re.search(r"[AEIOUYĂÂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]", token.upper()))
