"""Personal names (signers) respelled syllable by syllable from a table of name syllables.

A language model trained on administrative prose reads "Tien" as "Tiền" (money);
in a name it is almost always "Tiến". Family names come first in a Vietnamese
name, so the first syllable is looked up among them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from vanban.folding import fold_ocr, has_diacritics
from vanban.normalize.diacritics import chunk_counts, tables
from vanban.normalize.domain import person_name_sections
from vanban.normalize.lexicon import transfer_case
from vanban.normalize.text import canonical_spelling

_WORD = re.compile(r"[^\W\d_][^\s,;.]*")


@cache
def _table() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Folded syllable → its spellings, commonest first: among family names, and among
    middle and given names."""
    sections = person_name_sections()
    family: dict[str, tuple[str, ...]] = {}
    given: dict[str, tuple[str, ...]] = {}
    for table, syllables in ((family, sections["family"]), (given, sections["given"])):
        for syllable in syllables:
            key = fold_ocr(syllable)
            if syllable not in table.get(key, ()):
                table[key] = (*table.get(key, ()), syllable)
    return family, given


def _spellings_of(word: str, position: int, length: int = 0) -> tuple[str, ...]:
    """The name syllables `word` may spell at `position` of a name of `length` words,
    likeliest first: a family name first in first place; a middle name ("Văn", "Thị") last
    in the last place of a name of three words or more, which is a given name."""
    family, given = _table()
    first, then = (family, given) if position == 0 else (given, family)
    key = fold_ocr(word)
    spellings = first.get(key, ()) + then.get(key, ())
    if length >= 3 and position == length - 1:
        middle = _middle_only()
        spellings = tuple(sorted(spellings, key=lambda s: s in middle))
    return spellings


@cache
def _middle_only() -> frozenset[str]:
    """The middle names that end no name of three words or more (person_names.txt's last
    section)."""
    return frozenset(person_name_sections()["middle only"])


def _typed_is_kept(typed: str, spellings: tuple[str, ...], position: int) -> bool:
    """Whether marks typed on a name's word stand: a spelling some name has, but in first
    place a family name when one folds alike (an OCR's "Đình", "Nguyên", "Phụng" first are
    "Đinh", "Nguyễn", "Phùng": no family is spelt so)."""
    return typed.capitalize() in spellings and (
        position > 0 or not is_family_name(typed) or spelled_as_family_name(typed))


def restore_person_name(
    raw: str, fallback: Callable[[str], str] | None = None
) -> tuple[str, float]:
    """("Tran Van Binh" → "Trần Văn Bình", share of syllables the table knew).

    A syllable typed with marks that a name may have ("Dung", "Hoàng") stays as typed; one
    without marks takes the commonest reading. `fallback` respells the whole name as written
    (a model); its words replace those the table does not know.
    """
    words = _WORD.findall(raw)
    if not words:
        return raw, 0.0
    out: list[str | None] = []
    for position, word in enumerate(words):
        spellings = _spellings_of(word, position, len(words))
        typed = canonical_spelling(word)
        # marks typed by a person, not an OCR's symbols ("Nguy¢n")
        if word.isalpha() and has_diacritics(word) and _typed_is_kept(typed, spellings, position):
            out.append(typed)
        elif spellings:
            out.append(transfer_case(word, spellings[0]))
        else:
            out.append(_read_through_ocr(word, position))
    known = sum(w is not None for w in out)
    if known < len(words) and fallback is not None:
        guessed = fallback(" ".join(words)).split()
        if len(guessed) == len(words):
            out = [w if w is not None else g for w, g in zip(out, guessed, strict=True)]
    spelled = (w if w is not None else word for w, word in zip(out, words, strict=True))
    return " ".join(spelled), known / len(words)


def respell_family_name(name: str) -> str:
    """A name whose family name an OCR read with a mark wrong or lost ("Trân Phước Hiền",
    "Nguyên Văn A"), with that family name's one spelling; a first word no family name
    folds to, or one of several spellings, stays as read."""
    first, space, rest = name.partition(" ")
    spellings = _table()[0].get(fold_ocr(first), ())
    if len(spellings) != 1 or not first.isalpha() or canonical_spelling(first) in spellings:
        return name
    return f"{transfer_case(first, spellings[0])}{space}{rest}"


def respell_misread_initials(name: str) -> str:
    """A name whose word no name has an OCR read with its first letter wrong ("Phạm Ehị
    Minh Hiếu": a seal's ink over the "T"), with the commonest name syllable that differs
    from it by that letter alone, as a family name first and a given name after. A word
    that is a Vietnamese syllable is a name the table lacks ("Trần Cang"), not one misread:
    a misread initial leaves letters no syllable has."""
    words = name.split(" ")
    for position, word in enumerate(words):
        if (len(word) < 2 or not word.isalpha() or _spellings_of(word, position)
                or not chunk_counts(word)[1]):
            continue
        table = _ordered()[0 if position == 0 else 1]
        rest = word[1:].lower()
        found = next((s for s in table if s[1:].lower() == rest and len(s) == len(word)), None)
        if found is not None:
            words[position] = transfer_case(word, found)
    return " ".join(words)


def respell_misread_marks(name: str, text: str = "") -> str:
    """A name whose given name an OCR read with a mark no name has ("Nguyễn Trộng Nam": a
    signature's stroke over the "ọ" read as a hat), with the commonest name syllable of the
    same letters and its "đ" as read; a spelling some name has stays as read, and so does a
    word `text` writes twice or more (the body's "Ông Lê Văn Thuân": a rare name, not a
    misreading). (The family name is `respell_family_name`'s.)"""
    family, given = _spellings()
    words = name.split(" ")
    for position, word in enumerate(words[1:], 1):
        typed = canonical_spelling(word).lower()
        if (not word.isalpha() or typed in given or typed in family
                or len(re.findall(rf"\b{re.escape(word)}\b", text)) > 1):
            continue
        # the vowels' marks only: "Đương" (a name the table lacks) is no misread "Dương"
        spellings = [s for s in _spellings_of(word, position)
                     if ("đ" in s.lower()) == ("đ" in typed)]
        if spellings:
            words[position] = transfer_case(word, spellings[0])
    return " ".join(words)


@cache
def _ordered() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every family-name syllable and every other name syllable, commonest first."""
    family, given = _table()
    return tuple(  # type: ignore[return-value]
        tuple(dict.fromkeys(s for spellings in table.values() for s in spellings))
        for table in (family, given)
    )


@cache
def _spellings() -> tuple[frozenset[str], frozenset[str]]:
    """Every family-name syllable, and every other name syllable, in lower case."""
    return tuple(  # type: ignore[return-value]
        frozenset(s.lower() for spellings in table.values() for s in spellings)
        for table in _table()
    )


def is_family_name(word: str) -> bool:
    """Whether `word`, diacritics aside, is a family name of the name table."""
    return fold_ocr(word) in _table()[0]


def spelled_as_family_name(word: str) -> bool:
    """Whether `word`, marks and all, is how a family name of the name table is spelt."""
    return word.capitalize() in _table()[0].get(fold_ocr(word), ())


# What an OCR's reading of a family name may cost (`ocr_confusions`): up to a horn or a hat
# drawn as a "g" ("Trugng" of "Trương", 1.8).
FAMILY_READING = 1.8


def reads_as_family_name(word: str) -> bool:
    """Whether `word` is a family name as written, or as an OCR garbled one ("Dd" → "Đỗ")."""
    if is_family_name(word):
        return True
    family = _table()[0]
    index = tables().index
    return any(fold_ocr(index.model.vocab[i]) in family
               for i, cost in index.garbled(word.lower()) if cost <= FAMILY_READING)


def _read_through_ocr(word: str, position: int) -> str | None:
    """The name syllable an OCR most likely garbled into `word` ("Vèn" → "Văn"), if any;
    a family name first in first place."""
    index = tables().index
    family, given = _spellings()
    preferred = family if position == 0 else given
    found = sorted(index.garbled(word.lower()), key=lambda c: c[1])
    syllables = [index.model.vocab[i] for i, _ in found]
    for names in (preferred, family | given):
        syllable = next((s for s in syllables if s in names), None)
        if syllable is not None:
            return transfer_case(word, syllable)
    if position == 0:  # "Dd" reads as "đồ", whose letters are those of the family name "Đỗ"
        table = _table()[0]
        key = next((k for k in map(fold_ocr, syllables) if k in table), None)
        if key is not None:
            return transfer_case(word, table[key][0])
    return None
