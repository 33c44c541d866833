"""Text typed in the legacy Vietnamese encodings, turned into Unicode.

Archives from before Unicode hold text typed in TCVN3 (the ABC fonts, .VnTime) or VNI
(VNI-Times): Word, a PDF or a text file stores the font's 8-bit codes, which read as
"Uû ban nh©n d©n" or "UÛy ban nhaân daân". The tables are in
`vanban/data/legacy_encodings.json`. A line is converted only when that leaves it with
fewer words that are no Vietnamese syllable, so a Unicode line that happens to hold a
"µ" or an "ø" stays as it is, and a document may mix both (a header in .VnTimeH, the
body in Unicode).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from importlib import resources

from vanban.normalize.diacritics import chunk_counts, syllable_counts
from vanban.normalize.ocr_confusions import garble_options
from vanban.normalize.tokens import memoised

# Letters that Unicode Vietnamese text uses (with their capitals): a legacy code that is
# one of them says nothing on its own.
_VIETNAMESE = set("àáâãèéêìíòóôõùúýăđơư" + "àáâãèéêìíòóôõùúýăđơư".upper())
_WORDS = re.compile(r"\S+")
# Vietnamese letters beyond code page 1252 ("ơ", "ư", "ă", "đ", "ạ", "ố" ...): legacy codes
# shown as 1252 never are these
_UNICODE_ONLY = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1"
                           "\u01af\u01b0\u1ea0-\u1ef9]")
# A text file of legacy codes is taken as such only when this share of its words then
# reads as Vietnamese syllables.
_TEXT_FILE_SHARE = 0.8


@functools.cache
def _tables() -> dict[str, tuple[dict[str, str], re.Pattern[str]]]:
    """name -> (code sequence -> letter, a pattern of the sequences, longest first)."""
    out = {}
    for name, entry in _data().items():
        table = entry["table"]
        keys = sorted(table, key=len, reverse=True)
        out[name] = (table, re.compile("|".join(re.escape(k) for k in keys)))
    return out


@functools.cache
def _telling() -> dict[str, frozenset[str]]:
    """name -> the codes no Unicode Vietnamese text holds (a text without them is not
    read further, and its patterns are never compiled)."""
    return {
        name: frozenset(c for k in entry["table"] for c in k
                        if c not in _VIETNAMESE and not c.isascii())
        for name, entry in _data().items()
    }


def convert(text: str, encoding: str) -> str:
    """`text` read as the legacy `encoding` (its codes as code page 1252 shows them).

    TCVN3 has small letters only for most accented vowels: a capitals font (.VnTimeH)
    draws them as capitals. A word whose other letters are typed as capitals ("CHñ",
    "TÞCH") was set in such a font, and is written in capitals ("CHỦ", "TỊCH").
    """
    return _WORDS.sub(lambda match: _read_word(match.group(), encoding), text)


def _read_word(typed: str, encoding: str) -> str:
    if typed.isascii():  # every code is a non-ASCII character
        return typed
    table, pattern = _tables()[encoding]
    converted = pattern.sub(lambda m: table[m.group()], typed)
    plain = [c for c in typed if c.isascii() and c.isalpha()]
    # one capital at the start is a capitalised word ("Tù" is "Tự"), not capitals
    capitals = plain and all(c.isupper() for c in plain) and (
        len(plain) > 1 or not typed.startswith(plain[0]))
    return converted.upper() if converted != typed and capitals else converted


def suspects(text: str, *, text_layer: bool = False) -> list[str]:
    """The encodings whose telling codes `text` holds (cheap; no conversion). An encoding
    marked `text_layer_only` (a PDF font's codes read through the wrong map) is one only in
    a PDF's own text layer: an English OCR writes its codes ("CHÛ" for "CHỦ") too."""
    allowed = _telling() if text_layer else _telling_anywhere()
    if len(text) >= _LONG_TEXT:
        # each code searched for in the text (the engine's character search) instead of
        # a set of its characters built: 8x faster on a page, slower on a line
        return [name for name, telling in allowed.items() if any(c in text for c in telling)]
    chars = set(text)
    return [name for name, telling in allowed.items() if chars & telling]


@functools.cache
def _telling_anywhere() -> dict[str, frozenset[str]]:
    return {name: telling for name, telling in _telling().items()
            if not _data()[name].get("text_layer_only")}


_LONG_TEXT = 1000


def repair_line(line: str, *, text_layer: bool = False) -> tuple[str, str | None]:
    """The line in Unicode and the encoding it was in, or the line and None (`text_layer`:
    the line is a PDF's own text layer's, see `suspects`)."""
    candidates = suspects(line, text_layer=text_layer)
    if candidates and is_unicode(line):  # only a wrong letter of a Unicode font is left
        candidates = [name for name in candidates if _data()[name].get("within_unicode")]
    if not candidates:
        return line, None
    words, _, invalid = syllable_counts(line)
    if not invalid:
        # nothing to mend: a conversion is taken only if it mends; but a wrong letter that
        # is no letter ("B‡ Nguyễn Thị An": "Bà") leaves a word the count skips as an
        # initial, and it is mended where the line then reads as well
        glued = next((name for name in candidates if _data()[name].get("within_unicode")
                      and _glued_code(line, name)), None)
        if glued is not None and not syllable_counts(converted := convert(line, glued))[2]:
            return converted, glued
        return line, None
    chunks = line.split() if unicodedata.is_normalized("NFC", line) else None
    best_invalid, used = invalid, None
    for encoding in candidates:
        if chunks is None:
            converted_words, _, wrong = syllable_counts(convert(line, encoding))
        else:
            converted_words, wrong = _counts_converted(chunks, encoding, words, invalid)
        if converted_words and wrong < best_invalid and (
                _data()[encoding].get("within_unicode") or mends(line, invalid, wrong)):
            best_invalid, used = wrong, encoding
    return (line, None) if used is None else (convert(line, used), used)


def _glued_code(line: str, encoding: str) -> bool:
    """Whether a code of `encoding` that is no letter stands against a letter."""
    telling = _telling()[encoding]
    return any(c in telling and not c.isalpha() and (
        (i and line[i - 1].isalpha()) or (i + 1 < len(line) and line[i + 1].isalpha()))
        for i, c in enumerate(line))


def is_unicode(line: str) -> bool:
    """Whether `line` holds a letter no legacy code reads as ("ơ", "ạ"): it is Unicode."""
    return bool(_UNICODE_ONLY.search(line))


def mends(line: str, invalid: int, wrong: int) -> bool:
    """Whether a conversion that leaves `wrong` of a line's `invalid` words broken reads
    the line as Vietnamese again: every broken word mends, or half of them and two at
    least. An English OCR's debris ("Hö Tien Thièu") mends a word by chance, and so does
    a line of one broken word of its accented letters ("Trong nåm 2026"); a code that is
    no letter ("Ninh B×nh") does not."""
    symbols = any(not c.isascii() and not c.isalpha() for c in line)
    return (wrong == 0 and (invalid >= 2 or symbols)) or (
        wrong <= invalid / 2 and invalid - wrong >= 2)


def _counts_converted(
    chunks: list[str], encoding: str, words: int, invalid: int
) -> tuple[int, int]:
    """(words, invalid) of the line of `chunks` (NFC) read as `encoding`, from those of the
    line as typed: only the words a conversion changes count differently (words are judged
    whitespace apart, as `syllable_counts` judges a line)."""
    memo = _changes.setdefault(encoding, {})
    for chunk in chunks:
        if chunk.isascii():
            continue
        change = memo.get(chunk)
        if change is None:
            change = memoised(memo, chunk, lambda c: _change(c, encoding), limit=_CHANGES_LIMIT)
        words += change[0]
        invalid += change[1]
    return words, invalid


# encoding -> word -> (words, invalid) its conversion adds to a line's counts. Remembered:
# an English OCR's debris holds codes of both encodings on most lines of a garbled
# document, and its words recur.
_changes: dict[str, dict[str, tuple[int, int]]] = {}
_CHANGES_LIMIT = 50_000


def _change(chunk: str, encoding: str) -> tuple[int, int]:
    converted = _read_word(chunk, encoding)
    if converted == chunk:
        return 0, 0
    before, wrong_before = chunk_counts(chunk)
    after, wrong_after = chunk_counts(converted)
    return after - before, wrong_after - wrong_before


def repair_text(text: str) -> tuple[str, list[str]]:
    """Every line repaired (see `repair_lines`); the encodings found."""
    if not suspects(text):
        return text, []
    lines, found = repair_lines(text.split("\n"))
    return "\n".join(line for line, _ in lines), found


def repair_lines(lines: list[str], *, text_layer: bool = False
                 ) -> tuple[list[tuple[str, str | None]], list[str]]:
    """Each line in Unicode with the encoding it was in (or None), and the encodings found
    in order of first use.

    A line is judged on its own first. Then, in a document written in a legacy encoding
    (a quarter of its lines with accents or more read as one on their own), a line whose
    every non-ASCII character is a code of that encoding is taken as it too when that
    costs no syllable: "Sè: 12/UBND" is ambiguous alone ("sè" is a syllable), not in a
    TCVN3 document. An English OCR's debris mends a line by chance now and then (one
    line of 17 to 796 in the devset's texts garbled so), and its other lines, read as
    TCVN3, turned "TÎNH LÉM DÖNG" into "TẺNH LẪM DỆNG".
    """
    out = [repair_line(line, text_layer=text_layer) for line in lines]
    found: list[str] = []
    for _, encoding in out:
        if encoding is not None and encoding not in found:
            found.append(encoding)
    alone = sum(1 for _, encoding in out if encoding is not None)
    if found and 4 * alone < sum(1 for line in lines if not line.isascii()):
        # no legacy document: a line whose only codes are letters an English OCR writes for
        # marked vowels ("Ban Công täc Mät tran cãc") is its debris mended by chance, and
        # its words the conversion spoils ("Công" as "Cụng", "Tåi chinh" as "Tồi chinh")
        out = [(lines[i], None) if encoding is not None and _ocr_debris(lines[i]) else
               (line, encoding) for i, (line, encoding) in enumerate(out)]
        found = [e for e in found if any(encoding == e for _, encoding in out)]
    elif found:
        table = _tables()[found[0]][0]
        for index, (line, encoding) in enumerate(out):
            if encoding is not None or line.isascii():
                continue
            if all(c.isascii() or c in table for c in line):
                converted = convert(line, found[0])
                if syllable_counts(converted)[2] <= syllable_counts(line)[2]:
                    out[index] = (converted, found[0])
    return out, found


@functools.cache
def _ocr_letters() -> frozenset[str]:
    """The letters an English OCR writes for a marked vowel that Vietnamese never uses
    ("ä", "å", "ö", "ü", "¢"), in both cases."""
    written = {c for options in garble_options().values() for spelled, _ in options
               for c in spelled if not c.isascii() and c not in _VIETNAMESE}
    return frozenset(written | {c.upper() for c in written})


def _ocr_debris(line: str) -> bool:
    """Whether every legacy code `line` holds is a letter an English OCR writes."""
    telling = set().union(*_telling().values())
    codes = {c for c in line if c in telling}
    return bool(codes) and codes <= _ocr_letters()


def decode_bytes(data: bytes) -> tuple[str, str] | None:
    """A text file's bytes read as a legacy encoding, and which, when most of its words
    then read as Vietnamese; else None."""
    best = None
    # Windows' own Vietnamese code page: letters with their marks as combining characters
    windows = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    if "\ufffd" not in windows:
        words, _, invalid = syllable_counts(windows)
        if words and (words - invalid) >= _TEXT_FILE_SHARE * words:
            best = (windows, _WINDOWS_1258, invalid)
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" in text or any("\x80" <= c <= "\x9f" for c in text):
        return (best[0], best[1]) if best else None  # codes no 8-bit Vietnamese font holds
    for encoding in suspects(text):
        converted = convert(text, encoding)
        words, _, invalid = syllable_counts(converted)
        if words and (words - invalid) >= _TEXT_FILE_SHARE * words and (
                best is None or invalid < best[2]):
            best = (converted, encoding, invalid)
    return (best[0], best[1]) if best else None


_WINDOWS_1258 = "Windows-1258"


def warning(encodings: list[str]) -> str:
    described = " and in ".join(
        "the Windows-1258 code page" if e == _WINDOWS_1258 else _data()[e]["description"]
        for e in encodings)
    return f"text in {described} converted to Unicode"


@functools.cache
def _data() -> dict[str, dict]:
    raw = json.loads(resources.files("vanban.data").joinpath("legacy_encodings.json")
                     .read_text(encoding="utf-8"))
    return {name: entry for name, entry in raw.items() if not name.startswith("_")}
