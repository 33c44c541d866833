"""The "Kính gửi" list: one entry per addressee."""

from __future__ import annotations

import re
from dataclasses import replace

from vanban.extract.agency_phrases import lists_councils_by_place, match_agency_list
from vanban.extract.found import Found
from vanban.extract.vocabulary import tolerant
from vanban.normalize.agencies import canonical_agency

# (a scan's speck may stand before the bullet: "Mr - Các Sở, ...")
_BULLET = re.compile(r"^\s*(?:\S{1,2}\s+(?=[-–+•]\s))?[-–+•*]\s*")
# "Đồng chí Hồ Văn A, Ủy viên ..., Chủ tịch UBND tỉnh X": a person with titles
_A_PERSON = re.compile(rf"\s*(?:{tolerant('honorifics')})\s+[a-z]+")


def _entries(text: str, folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of entries: a bullet or a ';' starts one; a wrapped line continues it, unless
    the entry before is a whole name and the line opens another ("Kính gửi: UBND huyện
    Việt Yên, tỉnh Bắc Giang / Phòng Công Thương huyện Việt Yên")."""
    spans: list[list[int]] = []
    pos = start
    aside = False  # inside an aside that opened on a line of its own and has not closed
    for raw_line in text[start:end].split("\n"):
        line_start, pos = pos, pos + len(raw_line) + 1
        bullet = _BULLET.match(raw_line)
        content_start = line_start + (bullet.end() if bullet else 0)
        content = text[content_start : line_start + len(raw_line)].rstrip()
        if aside:
            aside = ")" not in content
            continue
        if len(re.findall(r"[^\W\d_]", content)) < 3:  # blank, or a stray OCR mark
            continue
        if spans and not bullet and content.lstrip().startswith("("):
            # "(Địa chỉ: ...)" on its own line, or on the lines it wraps to: an aside on
            # the entry, no name's
            aside = ")" not in content
            continue
        previous = text[spans[-1][0] : spans[-1][1]].rstrip() if spans else ""
        # "các Sở: Tài chính, Xây dựng, / Giao thông vận tải": the names after ":" go on
        # a person's titles wrap on after a comma: "Đồng chí X, Phó Bí thư, / Chủ tịch ..."
        # and a line that opens in lower case goes on: "UBND các huyện, / thị xã, thành phố"
        # and the places after "UBND các tỉnh, thành phố" go on: "An Giang, Cần Thơ, / Cà Mau"
        previous_open = previous and (
            not previous.endswith((";", ".", ",")) or (previous.endswith(",") and (
                ":" in previous or bool(_A_PERSON.match(folded, spans[-1][0]))
                or content[:1].islower()
                or lists_councils_by_place(folded, spans[-1][0], spans[-1][1])))
        )
        if previous_open and not bullet and not _two_names(text, folded, spans[-1],
                                                            content_start, len(content)):
            spans[-1][1] = content_start + len(content)
        else:
            spans.append([content_start, content_start + len(content)])
    out = []
    for span_start, span_end in spans:
        piece_start = span_start
        for piece in text[span_start:span_end].split(";"):
            out.append((piece_start, piece_start + len(piece)))
            piece_start += len(piece) + 1
    return out


def _agencies_across_lines(text: str, folded: str, start: int, end: int) -> list[Found[str]]:
    """The agencies an entry names, its wrapped lines read as one ("UBND các huyện, /
    thị xã, thành phố" is one distributive name, as on one line)."""
    if "\n" not in text[start:end]:
        return match_agency_list(text, folded, start, end)
    flat, flat_folded = (t[start:end].replace("\n", " ") for t in (text, folded))
    return [replace(found, start=found.start + start, end=found.end + start,
                    raw=text[found.start + start : found.end + start])
            for found in match_agency_list(flat, flat_folded, 0, len(flat))]


def _two_names(text: str, folded: str, before: list[int], start: int, length: int) -> bool:
    indent = len(text[start : start + length]) - len(text[start : start + length].lstrip())
    start, length = start + indent, length - indent
    if not text[start : start + 1].isupper():
        return False
    # the new line first: it is short, and most lines name no one whole (the entry before
    # grows with each line it takes in)
    following = match_agency_list(text, folded, start, start + length)
    if not following or following[-1].end < start + length - 1:
        return False
    whole = match_agency_list(text, folded, before[0], before[1])
    return bool(whole) and whole[-1].end >= before[1] - 1


def _whose_titles(text: str, folded: str, start: int, end: int) -> Found[str] | None:
    """The body of the last of a person's titles ("..., Chủ tịch Ủy ban nhân dân tỉnh X"):
    a title before a body names the body."""
    for comma in reversed([m.end() for m in re.finditer(",", folded[start:end])]):
        named = match_agency_list(text, folded, start + comma, end)
        if len(named) == 1 and named[0].end >= end - 1:
            return named[0]
    return None


# a citizen addressed by name ("Bà Nguyễn Thị A, ông Trần Văn B"), one entry each
_CITIZEN = re.compile(r"(?:ong|ba)\s+[a-z]")
_ASIDE = re.compile(r"\(|\bdia chi\s*:")
_CAPITAL_CITIZEN = re.compile(r"\s(?:Ông|Bà)\s+[^\W\d_]")
_NEXT_CITIZEN = re.compile(r"\s*(?:,|\bva\b)\s*(?=(?:ong|ba)\s+[a-z])")


def _people(text: str, folded: str, start: int, end: int) -> list[Found[str]]:
    """The citizens an entry names by "Ông" or "Bà", each with the honorific, an address
    left out, in brackets or after "Địa chỉ:" up to the next "Ông" or "Bà": "Bà Huỳnh Thị
    A, ông Trần Văn B (Địa chỉ: ...)", "Bà A và Ông B Địa chỉ: Thôn ..."."""
    if not _CITIZEN.match(folded, start):
        return []
    out = []
    at = start
    while at < end:
        aside = _ASIDE.search(folded, at, end)
        stop = aside.start() if aside else end
        bounds = [at, *(k for m in _NEXT_CITIZEN.finditer(folded, at, stop)
                        for k in (m.start(), m.end())), stop]
        for begin, finish in zip(bounds[::2], bounds[1::2], strict=True):
            name = " ".join(text[begin:finish].split()).strip(" ,;.")
            if len(name.split()) < 3:
                return []  # an honorific and one word is no citizen's name ("Bà Rịa")
            out.append(Found(name[:1].upper() + name[1:], begin, finish, text[begin:finish],
                             0.9))
        following = _CAPITAL_CITIZEN.search(text, stop, end) if aside else None
        at = following.start() + 1 if following else end
    return out


def find_addressees(text: str, folded: str, start: int, end: int) -> list[Found[str]]:
    """Entries between `start` and `end`; each is split into the agencies it names."""
    out: list[Found[str]] = []
    for piece_start, piece_end in _entries(text, folded, start, end):
        raw = text[piece_start:piece_end]
        stripped = raw.strip(" \t\n*_.,;:")
        if len(stripped) < 3:
            continue
        piece_start += raw.index(stripped)
        piece_end = piece_start + len(stripped)
        if (people := _people(text, folded, piece_start, piece_end)):
            out += people
            continue
        person = _A_PERSON.match(folded, piece_start)
        if person and (body := _whose_titles(text, folded, piece_start, piece_end)):
            out.append(body)
            continue
        agencies = _agencies_across_lines(text, folded, piece_start, piece_end)
        if agencies and agencies[-1].end >= piece_end - 3:
            out += agencies
        else:
            name, confidence = canonical_agency(stripped)
            if name:
                out.append(Found(name, piece_start, piece_end, stripped, confidence))
    return out
