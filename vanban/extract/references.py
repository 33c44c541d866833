"""Documents the text cites: "Báo cáo số 15/BC-STP ngày 02/3/2025 của Sở Tư pháp"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from vanban.normalize.codes import (
    FOLDED_DOC_TYPES,
    canonical_number,
    doc_type_from_code,
    symbol_for_type,
)
from vanban.normalize.dates import make_date
from vanban.regex_gate import gated

_PART = r"[A-ZĐ][A-ZĐa-zđ0-9&¢]*"  # ¢: an OCR's C
# "15/BC-STP", "30/2020/NĐ-CP", "12/Qb- UBND", "45/UBND-\nKT", "57-NQ/TW"
# "27/CV.HH", "12/2026/HĐKT/CV-XD", "3.5/TB-CTY": a symbol's parts may stand apart by a
# dot or a slash too; "25-KH/TU", "12-CTr/TU": the party's documents
# "(?=\d)" first, though each branch starts with a digit: the engine then rejects a
# position at once instead of entering both branches' lookbehinds (5x faster on a page).
# "30c/NQ-CP": a number may carry a letter; "800/QĐ- -TTg": an OCR doubles a dash
_NUMBER = gated(re.compile(
    rf"(?=\d)(?:(?<![\d/.])(?P<n>\d{{1,5}}(?:\.\d{{1,3}}|[a-z](?=/))?)\s*"
    rf"(?:/\s*(?P<y>(?:19|20)\d\d)\s*)?/\s*"
    rf"(?P<sym>{_PART}(?:(?:\s*[-–](?:\s*[-–])?\s*|[./]){_PART})*)"
    # ("3292-" / "TB/BCSĐCP": a party's number wrapped after its dash)
    rf"|(?<![\d/])(?P<n2>\d{{1,5}})-\s?(?P<sym2>[A-ZĐ][A-ZĐa-zđ]{{1,5}}/[A-ZĐ]{{2,}})"
    # ("Thông tư 60 TC/CĐKT", "Quyết định số 1141 TC/QĐ/CĐKT": a ministry's number before
    # 1999, a space before its symbol, whose parts stand apart by slashes)
    rf"|(?<![\d/.,])(?P<n3>\d{{1,5}})[ \t]"
    rf"(?P<sym3>[A-ZĐ]{{2,5}}(?:/[A-ZĐ]{{2,8}}){{1,3}})(?![\w/]))"
))  # (and skips to its digits: `gated`)
_TYPES = "|".join(sorted((re.escape(k) for k in FOLDED_DOC_TYPES), key=len, reverse=True))
_TYPE_BEFORE = re.compile(rf"(?P<type>{_TYPES})\s*(?:so|so\s*:)?\s*:?\s*$")
_DATE_AFTER = re.compile(
    r"^\s*,?\s*ng[a-z]{1,2}y\s+(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
)


@dataclass(frozen=True)
class ReferenceMatch:
    number: str
    doc_type: str | None
    date: dt.date | None
    start: int
    end: int


def _plausible(symbol: str) -> bool:
    letters = [c for c in symbol if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= len(letters) - 1


def _cut_from_a_word(symbol: str, text: str, end: int) -> bool:
    """A symbol of one short part that is the head of a word going on in lower case: the
    Official Gazette's running head "CÔNG BÁO/Số 271/Ngày 12-05-2026" cites no "271/Ng"."""
    return len(symbol) <= 3 and symbol.isalpha() and text[end : end + 1].islower()


def _same_document(number: str) -> str:
    """What two readings of one citation share: an OCR doubles a letter of a symbol
    ("1050/QĐĐ-SCTT" for "1050/QĐ-SCT" cited before), and Đ is D without diacritics."""
    return re.sub(r"([^\W\d_])\1+", r"\1", number.upper().replace("Đ", "D"))


def find_references(
    text: str, folded: str, *, exclude: set[str] = frozenset()
) -> list[ReferenceMatch]:
    out: list[ReferenceMatch] = []
    seen = {_same_document(n) for n in exclude}
    for m in _NUMBER.finditer(text):
        if m.group("n2"):
            number = canonical_number(f"{m.group('n2')}-{m.group('sym2')}")
        elif m.group("n3"):
            if not _TYPE_BEFORE.search(folded[max(0, m.start() - 40) : m.start()]):
                continue  # (only a cited text's: "Thông tư 60 TC/CĐKT", "số 1141 TC/...")
            number = f"{m.group('n3')} {m.group('sym3')}"
        else:
            symbol = re.sub(r"[-–]{2,}", "-", re.sub(r"\s+", "", m.group("sym")))
            if not _plausible(symbol) or _cut_from_a_word(symbol, text, m.end()):
                continue
            year = f"{m.group('y')}/" if m.group("y") else ""
            # "$17/TTr-BNV": an OCR's "$" for a 5 glued before the digits (no directive
            # writes a currency sign before a document's number)
            five = "5" if text[m.start() - 1 : m.start()] == "$" else ""
            number = canonical_number(f"{five}{m.group('n')}/{year}{symbol}")
        if _same_document(number) in seen:
            continue
        seen.add(_same_document(number))
        before = _TYPE_BEFORE.search(folded[max(0, m.start() - 40) : m.start()])
        doc_type = FOLDED_DOC_TYPES.get(before.group("type")) if before else None
        if doc_type and "/" in number:
            head, _, symbol = number.rpartition("/")
            number = f"{head}/{symbol_for_type(symbol, doc_type)}"
        if doc_type is None and "/" in number:
            doc_type = doc_type_from_code(number.split("/", 1)[1].split("/")[-1])
        after = _DATE_AFTER.match(folded[m.end() : m.end() + 40])
        date = make_date(after.group("d"), after.group("m"), after.group("y")) if after else None
        out.append(ReferenceMatch(number, doc_type, date, m.start(), m.end()))
    return out
