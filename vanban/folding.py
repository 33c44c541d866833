"""The folded view of Vietnamese text that makes clean, stripped and garbled input one problem.

`fold` maps every character to exactly one character (lower case, no
diacritics, đ→d), so an offset in the folded text is the same offset in the
original: rules match on the folded view and hand back spans of the original.
`fold_ocr` additionally undoes the letters an English OCR model turns into
digits or symbols inside words ("S6" → "so", "x3" → "xa", "S&" → "so"), and the
letters and spaces an OCR puts in a date ("l5lll/2025", "20/1 1/2025" → 15/11, 20/11).
"""

from __future__ import annotations

import re
import unicodedata
from array import array

try:  # folding compiled (vanban/normalize/_chars.c); absent where it was not built
    from vanban.normalize import _chars
except ImportError:  # pragma: no cover - the build is optional
    _chars = None

# Characters an English-model OCR puts where a Vietnamese letter was; only
# mapped when they touch a letter, so numbers and codes are left alone.
OCR_LETTER_CONFUSIONS = {
    "0": "o", "1": "l", "3": "a", "4": "a", "6": "o", "8": "o", "9": "o",
    "&": "o", "$": "o", "¢": "c", "€": "e", "§": "e", "@": "a", "|": "l",
}


def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics (and capitals) → the bare lower-case letter."""
    table = {ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0].lower()
        if len(base) == 1 and base.isascii() and base != char:
            table[code] = base
    table[ord("đ")] = table[ord("Đ")] = "d"
    return table


def _as_list(table: dict[int, str]) -> list[int]:
    """The table as a list indexed by code point, up to past the punctuation block.

    `str.translate` with a dict pays a failed lookup (an exception inside) for each
    character the dict lacks; a list maps those to themselves, 2.5× faster on a page. A
    character past its end raises IndexError, a LookupError: it stays as it is, as with
    the dict.
    """
    out = list(range(0x2200))
    for code, char in table.items():
        if code < 0x2200:
            out[code] = ord(char)
    return out


def _as_bytes(table: list[int]) -> bytes:
    """The list table as `_chars.translate` reads it: one native 16-bit code point each."""
    return array("H", table).tobytes()


_FOLD = _fold_table()
_FOLD_LIST = _as_list(_FOLD)
_FOLD_BYTES = _as_bytes(_FOLD_LIST)


def fold(text: str) -> str:
    """Lower case, no diacritics, đ→d; same length as `text`."""
    if _chars is not None:  # the same pass without an item look-up a character
        return _chars.translate(text, _FOLD_BYTES)
    return text.translate(_FOLD_LIST)


_CONFUSIONS = "[" + re.escape("".join(OCR_LETTER_CONFUSIONS)) + "]"
# A confusion next to a letter. The character class comes first and the letter before it
# is checked looking back, so the engine skips to candidate characters instead of trying
# a lookbehind at every position: twice as fast on a page.
_IN_WORD_CONFUSION = re.compile(f"{_CONFUSIONS}(?:(?<=[a-z]{_CONFUSIONS})|(?=[a-z]))")
_DIGITS_CODE = re.compile(r"\d")


# A document's lines, names and task texts are folded again and again (three calls in
# four on new documents repeat an earlier one): short texts are remembered, the memo
# emptied when full (10,000 texts of up to 200 characters: 8 MB of Vietnamese text,
# under 20 MB whatever the characters).
_REMEMBERED: dict[str, str] = {}
_REMEMBER_CHARS = 200
_REMEMBER_LIMIT = 10_000


def fold_ocr(text: str, *, remember: bool = True) -> str:
    """`fold` plus in-word OCR digit/symbol confusions; same length as `text`. Not
    `remember`: a table's thousands of words folded once, which would fill the memo."""
    if len(text) > _REMEMBER_CHARS or not remember:
        return _fold_ocr(text)
    folded = _REMEMBERED.get(text)
    if folded is None:
        if len(_REMEMBERED) >= _REMEMBER_LIMIT:
            _REMEMBERED.clear()
        folded = _REMEMBERED[text] = _fold_ocr(text)
    return folded


def _fold_ocr(text: str) -> str:
    folded = fold(text)
    # Dates first: their letters for digits are read as the digits before a digit beside a
    # letter is read as a letter ("3l/5/2026" is the 31st, not "al/5").
    if "/" in folded:
        folded = _mend_dates(folded)
    if "ng " in folded:
        folded = _SPELLED_DATE.sub(_spelled_date_mended, folded)

    def replace(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        # a digit inside a number ("19-NQ", "2a") stays a digit
        if match.group().isdigit() and (
            (start > 0 and folded[start - 1].isdigit())
            or (end < len(folded) and folded[end].isdigit())
        ):
            return match.group()
        return OCR_LETTER_CONFUSIONS[match.group()]

    folded = _IN_WORD_CONFUSION.sub(replace, folded)
    if "’" in folded or "'" in folded:  # "SỞ" read as "SO’": the horn as an apostrophe
        folded = _HORN_AT_END.sub(" ", folded)
    if "p" in folded:
        folded = _initial_p_as_d(text, folded)
    if "S" in text:
        for m in _SO_HEAD.finditer(text):
            folded = f"{folded[: m.start()]}{'so'.ljust(m.end() - m.start())}{folded[m.end() :]}"
    if "ng " in folded:
        folded = _SLASHLESS_MONTH.sub(_slash_put_back, folded)
    # what each of its readings holds
    if "/1 " in folded or any(f"thang {first} " in folded for first in "1li|"):
        folded = _SPLIT_MONTH.sub(_joined, folded)
    return folded


# A month of two digits an OCR split with a space: "20/1 1/2025", "tháng 1 1, tháng 12"
# (its first digit may be read as a letter: "tháng I 1"). Read as it stands, "20/1" is a
# date of January. The digits join, the space moves after.
_SPLIT_MONTH = re.compile(
    r"(?<![\w/])(?P<head>\d{1,2}/1) (?P<tail>[0-2]/\d{4})(?![\w/])"
    r"|(?P<word>\bthang )(?P<first>[1li|]) (?P<digit>[0-2])(?![\w/])")


def _joined(m: re.Match[str]) -> str:
    if m.group("head") is not None:
        return f"{m.group('head')}{m.group('tail')} "
    return f"{m.group('word')}1{m.group('digit')} "


# "tháng I112025": a month whose slash was read as one more "1" (11/2025). Only where the
# run shows an English model's letters for digits; "tháng 112025" is left as typed.
_SLASHLESS_MONTH = re.compile(
    r"th[a-z]ng (?P<m>[\dli|]{2})(?P<s>[li|1])(?P<y>(?:19|20)\d\d)(?![\w/])")


def _slash_put_back(m: re.Match[str]) -> str:
    month = m.group("m").translate(DIGIT_OF)
    at_a_word = m.start() == 0 or not m.string[m.start() - 1].isalnum()
    if not at_a_word or (m.group("m") + m.group("s")).isdigit() or not 1 <= int(month) <= 12:
        return m.group()
    return f"{m.group()[: m.start('m') - m.start()]}{month}/{m.group('y')}"


# A date an English model read with letters for its digits: "lo/5/2024" (1O/5/2024),
# "2o/ll/2025", "tháng i2/2025", and "l5lll/2025", whose slash it read as one more "l"
# (15/11/2025). A Roman quarter ("Quý II/2025") has no digit and stays.
# the letters an OCR puts for a digit, as the digit (one table for every date reader)
DIGIT_OF = str.maketrans("lio|Øø", "110100")
# A year of this century or the last, an "o" for its zero or an "l" for its one ("2o26")
_Y = r"(?:19|2[0o])[\dlio|]\d"
_DATE_LIKE = re.compile(
    rf"(?<![\w/])(?P<d>[\dlio|]{{1,2}})(?P<s>[/.-])(?P<m>[\dlio|]{{1,2}})(?P=s)(?P<y>{_Y})(?![\w/])"
    rf"|(?<![\w/])(?P<dm>[\dli|]{{3,5}})/(?P<y2>{_Y})(?![\w/-])"
    rf"|(?<![\w/])(?P<mo>[\dlio|]{{1,2}})/(?P<y3>{_Y})(?![\w/-])")
# "ngày 2O tháng 5 năm 2O26", "ngày l5 tháng 6": a date told in words, digits read as letters
# (its word's start asserted behind "ngay ", not before it: the engine then skips to each
# "ngay " instead of trying the boundary at every position of a whole text)
_SPELLED_DATE = re.compile(
    rf"(?P<d>ngay )(?<!\wngay )(?P<dd>[\dlio|]{{1,2}})(?P<m> th[a-z]ng )(?P<mm>[\dlio|]{{1,2}})"
    rf"(?P<y> n[a-z]m )(?P<yy>{_Y})(?![\w/])")


def _spelled_date_mended(m: re.Match[str]) -> str:
    """A `_SPELLED_DATE` with its letters read as digits; a stroke after a digit ("ngày
    3| tháng", "2l") is left to the header, which weighs it as a guess at a "1"."""
    day, month, year = (m.group(k) if _STROKE_AFTER_DIGIT.fullmatch(m.group(k))
                        else m.group(k).translate(DIGIT_OF) for k in ("dd", "mm", "yy"))
    if not (day.isdigit() and month.isdigit()) or not (
            1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return f"{m.string[m.start():m.start('yy')]}{year}"
    return f"{m.group('d')}{day}{m.group('m')}{month}{m.group('y')}{year}"


_STROKE_AFTER_DIGIT = re.compile(r"\d[li|]")

_AFTER_MONTH_WORD = re.compile(r"\bth[a-z]ng $")


# Every date above ends in its year after a separator, which is at most five characters
# past the date's start.
_YEAR = re.compile(rf"[/.-]{_Y}")


def _mended(m: re.Match[str]) -> str:
    """A `_DATE_LIKE` match with letters read as the digits of a date, or as it was."""
    if m.group("d") is not None:
        day, month = m.group("d"), m.group("m")
        if (day + month + m.group("y")).isdigit() or not any(
                c.isdigit() for c in day + month):
            return m.group()
        return f"{day.translate(DIGIT_OF)}{m.group('s')}{month.translate(DIGIT_OF)}" \
               f"{m.group('s')}{m.group('y').translate(DIGIT_OF)}"
    if m.group("mo") is not None:
        month = m.group("mo").translate(DIGIT_OF)
        # letters alone ("ll/2025") are a month only after the word "tháng"
        after_the_word = _AFTER_MONTH_WORD.search(m.string, max(0, m.start() - 7), m.start())
        if (m.group("mo").isalpha() and not after_the_word) or not 1 <= int(month) <= 12:
            return m.group()
        return f"{month}/{m.group('y3').translate(DIGIT_OF)}"
    run = m.group("dm")
    # "115/2025" is a document's number, "iii/2026" a quarter: no damaged date
    if run.isdigit() or not any(c.isdigit() for c in run):
        return m.group()
    # the slash is the one letter that leaves a day and a month on either side of it
    readings = [k for k in range(1, len(run) - 1)
                if run[k] in "li|" and _day_and_month(run[:k], run[k + 1 :])]
    if len(readings) != 1:
        return m.group()
    k = readings[0]
    mended = f"{run[:k].translate(DIGIT_OF)}/{run[k + 1 :].translate(DIGIT_OF)}"
    return f"{mended}/{m.group('y2').translate(DIGIT_OF)}"


def _mend_dates(folded: str) -> str:
    # The pattern is tried in the five characters before each year's separator only: the
    # same matches as a search of the whole text, which tried its lookbehind at every
    # character (1 ms a document).
    pieces, done = [], 0
    for year in _YEAR.finditer(folded):
        at = year.start()
        for start in range(max(done, at - 5), at):
            m = _DATE_LIKE.match(folded, start)
            if m is not None:
                pieces += (folded[done:start], _mended(m))
                done = m.end()
                break
    if not pieces:
        return folded
    pieces.append(folded[done:])
    return "".join(pieces)


def _day_and_month(day: str, month: str) -> bool:
    if not (len(day) <= 2 and len(month) <= 2):
        return False
    day, month = day.translate(DIGIT_OF), month.translate(DIGIT_OF)
    return day.isdigit() and month.isdigit() and 1 <= int(day) <= 31 and 1 <= int(month) <= 12


_HORN_AT_END = re.compile(r"(?<=[ou])[’'](?=\s)")


# No Vietnamese syllable starts with "p" + vowel ("ph" does): such a word is an "Đ" that an
# English model read as "P" ("Piều 1", "Pể", "Pinh kỳ"). Only when the vowel is lower case,
# so acronyms ("PAR", "PAPI") keep their P.
# (the letter first, as above; "ph", never a vowel after "p", left out at once)
_INITIAL_P = re.compile(r"[Pp](?<![^\W\d_][Pp])(?=[^\W\d_A-Zh])")


def _initial_p_as_d(text: str, folded: str) -> str:
    chars = None
    for m in _INITIAL_P.finditer(text):
        after = m.end()
        if after < len(folded) and folded[after] in "aeiouy" and text[after].islower():
            chars = chars or list(folded)
            chars[m.start()] = "d"
    return "".join(chars) if chars else folded


_STRIP = {
    code: base if chr(code).islower() else base.upper()
    for code, base in _FOLD.items()
    if code > 0x7F
}


_STRIP_LIST = _as_list(_STRIP)
_STRIP_BYTES = _as_bytes(_STRIP_LIST)


def strip_diacritics(text: str) -> str:
    """Diacritics removed, case kept (đ→d, Đ→D); same length as `text`."""
    if _chars is not None:
        return _chars.translate(text, _STRIP_BYTES)
    return text.translate(_STRIP_LIST)


# (one scan in the engine, not a look-up a character in Python)
_MARKED = re.compile("[" + "".join(sorted(re.escape(chr(c)) for c in _STRIP)) + "]")


def has_diacritics(text: str) -> bool:
    """Whether any letter carries a Vietnamese mark (or is đ)."""
    return not text.isascii() and _MARKED.search(text) is not None


def _letters(upper: bool) -> str:
    """Every Latin letter Vietnamese writes, of one case, for regular-expression classes."""
    out = []
    for code in list(range(0x41, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        if char.isalpha() and char.isupper() == upper and _FOLD.get(code, char.lower()).isascii():
            out.append(char)
    return "".join(out)


# "[A-ZĐÀ-Ỹ]" would be wrong: that range holds lower-case letters too.
UPPER = _letters(upper=True)
LOWER = _letters(upper=False)

# "Sở" before a name, as an English model reads it: "SG Y tế", "Sé Tài chính", "S¢@ Nông
# nghiệp", "S80 Tư pháp", "Sa Y tế"; but "Sa Pa", "Sa Đéc" are places.
_SO_HEAD = re.compile(
    rf"S(?<![^\W\d_]S)(?:[GgDdBbCéÉ¢@0689&]{{1,2}}"
    r"|a(?![ \t]+(?:Pa|Đéc|Dec|Thầy|Thay|Huỳnh|Huynh|Vĩ)\b))"
    rf"(?=[ \t]+[{UPPER}])"
)
