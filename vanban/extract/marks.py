"""Urgency and secrecy marks (độ khẩn, độ mật) from a directive's header lines.

Nghị định 30/2020 prints them in capitals in the header, on a line of their own or
beside the number ("HỎA TỐC", "THƯỢNG KHẨN", "KHẨN"; "MẬT", "TỐI MẬT", "TUYỆT MẬT"),
sometimes as a label ("Độ khẩn: Khẩn"). Only a whole segment of a header line counts,
so "khẩn trương" in a subject is not a mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from vanban import folding

Urgency = Literal["Hỏa tốc", "Thượng khẩn", "Khẩn"]
Secrecy = Literal["Tuyệt mật", "Tối mật", "Mật"]

# folded spelling → the mark; the longest first so "thuong khan" is not read as "khan"
URGENCY: dict[str, Urgency] = {"hoa toc": "Hỏa tốc", "thuong khan": "Thượng khẩn", "khan": "Khẩn"}
SECRECY: dict[str, Secrecy] = {"tuyet mat": "Tuyệt mật", "toi mat": "Tối mật", "mat": "Mật"}

_HEADER_LINES = 25  # marks sit above the subject; a letter's body never starts this early
_SEGMENTS = re.compile(r"[^\t|]+?(?=\s{2,}|\t|\||$)")
_LABEL = re.compile(r"^do\s+(?P<what>khan|mat)\s*:\s*(?P<mark>.+)$")
# where the header ends: the addressees, or the body's first words
_HEADER_END = re.compile(r"^\s*(kinh gui|can cu|thuc hien|the hien)\b")


@dataclass(frozen=True)
class Mark:
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Marks:
    urgency: Mark | None = None
    secrecy: Mark | None = None


def _first_lines(text: str) -> list[str]:
    """`text.splitlines(keepends=True)`, as far as the header can reach: split from the
    text's start, not the whole document."""
    size = 4096
    while size < len(text):
        lines = text[:size].splitlines(keepends=True)
        if len(lines) > _HEADER_LINES + 1:  # the first ones whole, their line ends too
            return lines[:_HEADER_LINES]
        size *= 4
    return text.splitlines(keepends=True)


def find_marks(text: str) -> Marks:
    urgency: Mark | None = None
    secrecy: Mark | None = None
    offset = 0
    for number, line in enumerate(_first_lines(text)):
        if number >= _HEADER_LINES:
            break
        folded_line = folding.fold(line)
        if _HEADER_END.match(folded_line):
            break
        for match in _SEGMENTS.finditer(line):
            raw = match.group().strip(" *_.:;,")
            if not raw:
                continue
            start = offset + match.start() + match.group().index(raw)
            folded = " ".join(folding.fold(raw).split())
            label = _LABEL.match(folded)
            if label:
                folded = label.group("mark").strip()
                table = URGENCY if label.group("what") == "khan" else SECRECY
            elif raw == raw.upper():
                table = URGENCY if folded in URGENCY else SECRECY
            else:
                continue  # a mark is printed in capitals; "Khẩn" in prose is a word
            value = table.get(folded)
            if value is None:
                continue
            mark = Mark(value, start, start + len(raw))
            if table is URGENCY:
                urgency = urgency or mark
            else:
                secrecy = secrecy or mark
        offset += len(line)
    return Marks(urgency, secrecy)
