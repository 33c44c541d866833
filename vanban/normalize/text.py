"""Spelling conventions every output string follows: NFC, one tone-mark placement, casing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

try:  # the count compiled (vanban/normalize/_chars.c); absent where it was not built
    from vanban.normalize import _chars
except ImportError:  # pragma: no cover - the build is optional
    _chars = None

# Old-style placement puts the tone of an open "oa", "oe", "uy" on its second vowel
# ("hoà", "Uỷ"); Nghị định 30/2020 writes it on the first ("hòa", "Ủy").
_FIRST = {"o": "òóỏõọ", "O": "ÒÓỎÕỌ", "u": "ùúủũụ", "U": "ÙÚỦŨỤ"}
_SECOND = {"a": "àáảãạ", "A": "ÀÁẢÃẠ", "e": "èéẻẽẹ", "E": "ÈÉẺẼẸ", "y": "ỳýỷỹỵ", "Y": "ỲÝỶỸỴ"}
_OLD_STYLE = {
    first + marked: _FIRST[first][tone] + second
    for first, seconds in (("o", "aAeE"), ("O", "aAeE"), ("u", "yY"), ("U", "yY"))
    for second in seconds
    for tone, marked in enumerate(_SECOND[second])
}
# not after q or g, where the u/i belongs to the consonant ("quý", "giá"); the vowel is
# matched first and the consonant looked back at, so the engine skips to the vowels
_OLD_STYLE_RE = re.compile(
    "[oOuU](?<![qQgG][oOuU])[" + "".join(sorted({pair[1] for pair in _OLD_STYLE}))
    + "](?![^\\W\\d_])"
)


def canonical_spelling(text: str) -> str:
    """NFC with the tone-mark placement of Nghị định 30/2020 ("Uỷ ban" → "Ủy ban")."""
    text = unicodedata.normalize("NFC", text)
    return _OLD_STYLE_RE.sub(lambda m: _OLD_STYLE.get(m.group(), m.group()), text)


def collapse_spaces(text: str) -> str:
    r"""Runs of white space as one space, none at the ends (`re.sub(r"\s+", " ", text).strip()`,
    whose `\s` is `str.split`'s white space)."""
    return " ".join(text.split())


def words_at(words: list[str], text: str) -> tuple[int, int] | None:
    r"""The span of the first place `text` has `words` one after another, each run of white
    space between them any length: what `re.search(r"\s+".join(map(re.escape, words)),
    text)` finds, without compiling a pattern for each field (a garbled document's every
    field is looked up so: compiling was a sixth of its time)."""
    first, size = words[0], len(text)
    at = text.find(first)
    while at != -1:
        end = at + len(first)
        for word in words[1:]:
            gap = end
            while gap < size and text[gap].isspace():  # `\s` is `str.isspace`
                gap += 1
            if gap == end or not text.startswith(word, gap):
                break
            end = gap + len(word)
        else:
            return at, end
        at = text.find(first, at + 1)
    return None


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# Each character below U+2200 as `is_upper_text` counts it: "U" a capital letter, "l"
# another letter, nothing when it is no letter. A line's letters are then counted in
# one pass of `str.translate` (a line at a time, for every line of the signature block
# and the header: the character-by-character count was 2% of a document's time).
_LETTER_CASE = [("U" if c.isupper() else "l") if c.isalpha() else None
                for c in map(chr, range(0x2200))]


def is_upper_text(text: str, *, share: float = 0.8, at_least: int = 1) -> bool:
    """Whether `text` is set in capitals: more than `share` of its letters (all of them at
    1.0), and `at_least` letters. The one test of "in capitals" every rule uses; an OCR's
    stray lower-case letter is what a share below 1 forgives."""
    if _chars is not None:  # the same count in one compiled pass
        letters, upper = _chars.letter_case(text)
    else:
        letters, upper = _letter_case(text)
    return letters >= at_least and (upper == letters if share >= 1 else upper > share * letters)


def capitals_in(text: str) -> int:
    """How many of `text`'s letters are capitals, as `is_upper_text` counts them: a text
    with fewer than `at_least` of them holds no run in capitals that long."""
    if _chars is not None:
        return _chars.letter_case(text)[1]
    return _letter_case(text)[1]


def _letter_case(text: str) -> tuple[int, int]:
    """(letters, capitals) of `text`: `_chars.letter_case` in Python."""
    marks = text.translate(_LETTER_CASE)
    letters, upper = len(marks), marks.count("U")
    if upper + marks.count("l") != letters:  # a character past the table: one at a time
        chars = [c for c in text if c.isalpha()]
        letters, upper = len(chars), sum(c.isupper() for c in chars)
    return letters, upper


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
    """A token with a vowel of a Vietnamese syllable (not an acronym like UBND): any
    vowel letter under its marks, "BỘ" as well as "BÁO"."""
    base = unicodedata.normalize("NFD", token.upper())
    return bool(re.search(r"[AEIOUY]", base))


# The state of the text names are read from. Typed with its diacritics ("clean"), a name
# the tables know only approximately is kept as written ("Các sở, ban, ngành thuộc tỉnh"
# is not "... cấp tỉnh"); stripped, it still matches its table entry exactly or not at
# all (the commune "Ta Tong" is not the district "Tam Nông"); only OCR damage
# ("garbled", the default) is read as the closest known name.
_NAMES_FROM: ContextVar[str] = ContextVar("names_from", default="garbled")


@contextmanager
def names_read_from(state: str) -> Iterator[None]:
    token = _NAMES_FROM.set(state)
    try:
        yield
    finally:
        _NAMES_FROM.reset(token)


def names_state() -> str:
    """The state names are read from (`names_read_from`): a memo of names keys on it."""
    return _NAMES_FROM.get()


def typed_as_written() -> bool:
    return _NAMES_FROM.get() == "clean"


def names_may_be_damaged() -> bool:
    return _NAMES_FROM.get() == "garbled"
