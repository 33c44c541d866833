"""The "Kính gửi" list: one entry per addressee."""

from __future__ import annotations

import re

from vanban.extract.agency_phrases import match_agency_list
from vanban.extract.found import Found
from vanban.normalize.agencies import canonical_agency

_ENTRY_SPLIT = re.compile(r"[;\n]|(?:^|\s)[-–+•](?=\s)")


def find_addressees(text: str, folded: str, start: int, end: int) -> list[Found[str]]:
    """Entries between `start` and `end`; each is split into the agencies it names."""
    out: list[Found[str]] = []
    pos = start
    for piece in [*_ENTRY_SPLIT.split(text[start:end]), ""]:
        index = text.find(piece, pos, end) if piece else -1
        if index < 0:
            continue
        pos = index + len(piece)
        raw = piece.strip(" \t*_.,;:")
        if len(re.findall(r"[^\W\d_]{2,}", raw)) < 1 or len(raw) < 3:
            continue
        piece_start = text.index(raw, index)
        piece_end = piece_start + len(raw)
        agencies = match_agency_list(text, folded, piece_start, piece_end)
        covered = agencies and agencies[-1].end >= piece_end - 3
        if covered:
            out += agencies
        else:
            name, confidence = canonical_agency(raw)
            if name:
                out.append(Found(name, piece_start, piece_end, raw, confidence))
    return out
