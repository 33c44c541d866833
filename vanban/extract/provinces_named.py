"""Provinces a sentence opens with by their names, no council written: "Các tỉnh Nghệ An,
Quảng Ngãi, Cao Bằng khẩn trương ...", "Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai đẩy
nhanh ...", "Thành phố Cần Thơ, tỉnh An Giang ..." (a Government conclusion's wording):
each province is charged, one owner a name (rule provinces-named-open-a-sentence)."""

from __future__ import annotations

import re

from vanban.extract.found import Found
from vanban.normalize.places import match_place

# the level a list of provinces is named by: "các tỉnh", "tỉnh", "thành phố", "các tỉnh,
# thành phố:" (each member then by its own level)
_LEVEL = re.compile(r"(?:cac\s+)?(?P<level>tinh|thanh pho)(?P<both>\s*,\s*(?:tinh|thanh pho))?"
                    r"\s*:?[ \t]+")
_SEP = re.compile(r"[ \t]*(?:,|\bva\b)[ \t]*")
_WORD = re.compile(r"[^\s,.;:()]+")
_WRITTEN = {"tinh": "Tỉnh", "thanh pho": "Thành phố"}


def provinces_as_subject(text: str, folded: str, at: int, end: int) -> list[Found[str]]:
    """The provinces named at `at` as a sentence's subject, before a verb in lower case."""
    if not text[at : at + 1].isupper():
        return []
    found: list[Found[str]] = []
    level, pos = "", at
    while True:
        if m := _LEVEL.match(folded, pos, end):
            level = "" if m["both"] else _WRITTEN[m["level"]]
            pos = m.end()
        elif not found:
            return []
        place = _province_at(text, pos, end)
        if place is None:
            break
        kind, name, place_end = place
        found.append(Found(f"{level or kind} {name}", pos, place_end, text[pos:place_end], 0.85))
        sep = _SEP.match(folded, place_end, end)
        if sep is None:
            break
        pos = sep.end()
    after = text[found[-1].end : end].lstrip(" \t") if found else ""
    # a verb follows, in lower case ("khẩn trương", "đẩy nhanh"), no other name or a colon
    return found if after[:1].islower() and not after.startswith(("và", "va ")) else []


def _province_at(text: str, at: int, end: int) -> tuple[str, str, int] | None:
    """The province whose name is the capitalised words at `at` (the longest that is one),
    with its level as the gazetteer has it, and where its name ends."""
    words = []
    pos = at
    while len(words) < 4 and (m := _WORD.match(text, pos, end)) and m.group()[:1].isupper():
        words.append(m)
        gap = re.match(r"[ \t\n]", text[m.end() : m.end() + 1])
        if gap is None:
            break
        pos = m.end() + 1
    for last in reversed(words):
        place = match_place(text[at : last.end()], cutoff=85)
        if place is not None and place.is_province:
            return place.kind[:1].upper() + place.kind[1:], place.name, last.end()
    return None
