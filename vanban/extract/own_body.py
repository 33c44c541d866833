"""The issuer's own body as a plan names it: a standing body's committee.

A plan of "ỦY BAN MTTQ VIỆT NAM XÃ X / BAN THƯỜNG TRỰC" speaks of the committee it is the
standing body of in many ways ("Ủy ban MTTQ Việt Nam xã", "MTTQ xã", "Mặt trận Tổ quốc Việt
Nam"), and of its own dated acts ("Ban Thường trực ... gửi báo cáo chậm nhất ngày ..."):
neither is a task it hands out (rule `a-standing-body-of-the-one-above`).
"""

from __future__ import annotations

import re

from vanban.extract import patterns as p
from vanban.extract.found import Found
from vanban.extract.vocabulary import phrases, tolerant
from vanban.folding import fold_ocr
from vanban.normalize.agencies import expand_abbreviations

_STANDING = frozenset(" ".join(words) for words in phrases("standing_bodies"))
_STANDING_OCR = re.compile(rf"(?:{tolerant('standing_bodies')})")
# what a body's name may leave out when its own writer says it again: the committee's head
# ("Mặt trận Tổ quốc xã" of "Ủy ban Mặt trận Tổ quốc Việt Nam xã X"), the nation's name,
# "cấp" before the level ("... cấp xã")
_LEFT_OUT = re.compile(r"^uy ban |\bviet nam\b|\bcap (?=(?:" + p.LEVEL + r")\b)")


def standing_body_above(issuer: Found[str] | None, parent: Found[str] | None) -> str | None:
    """The body above the issuer, where the issuer is a standing body of it (its header's
    lower line "BAN THƯỜNG TRỰC", `standing_bodies`)."""
    if issuer is None or parent is None:
        return None
    lower = re.sub(r"\s+", " ", fold_ocr(issuer.raw or "")).strip(" .,/").lower()
    return parent.value.lstrip("/ ") if _STANDING_OCR.fullmatch(lower) else None


def _bare(name: str) -> str:
    folded = re.sub(r"\s+", " ", fold_ocr(expand_abbreviations(name))).strip(" .,/").lower()
    return re.sub(r"\s+", " ", _LEFT_OUT.sub(" ", folded)).strip()


_LEVEL_AT = re.compile(rf"\b(?:{p.LEVEL})\b")
_STANDING_FIRST = re.compile(rf"^(?:{'|'.join(sorted(_STANDING, key=len, reverse=True))}) ")
# a level word then a word in lower case: the name ran on into the verb after it ("... Việt
# Nam xã dự kiến tổ chức ..."), no place's name
_RUN_ON = re.compile(rf"\b(?:{p.LEVEL})(?= [a-z])")


def _up_to_its_level(name: str) -> str:
    """`name` cut after its level word where a word in lower case runs on from it."""
    folded = fold_ocr(name)
    m = next((m for m in _RUN_ON.finditer(folded)
              if name[m.end() + 1 : m.end() + 2].islower()), None)
    return name[: m.end()] if m else name


def names_the_body_above(name: str, above: str) -> bool:
    """Whether `name` is the body `above` said again: the same words but what its writer
    leaves out, up to its level ("Ủy ban MTTQ Việt Nam xã" of "... xã Lương Minh"); or the
    standing body that issues, named bare ("Ban Thường trực gửi báo cáo ...")."""
    own, whole = _bare(_up_to_its_level(name)), _bare(above)
    if not own:
        return False
    if own not in _STANDING:  # ("Ban Thường trực Ủy ban MTTQ ... xã": the issuer in full)
        own = _STANDING_FIRST.sub("", own)
        own = re.sub(r"\s+", " ", _LEFT_OUT.sub(" ", own)).strip()
    if own == whole or own in _STANDING:  # (or the standing body itself, named bare)
        return True
    if whole.startswith(own + " ") and bool(
            re.match(rf"(?:{p.LEVEL})\b", whole[len(own) + 1 :])
            or re.search(rf"\b(?:{p.LEVEL})$", own)):
        return True
    # the same up to the level, the place's name respelled apart where an OCR damaged it
    # ("xã Lwong Minh" of the header's "xã Lương Minh" read as another): a body's plan
    # names no other place's committee of its own kind
    own_level, whole_level = _LEVEL_AT.search(own), _LEVEL_AT.search(whole)
    return bool(own_level and whole_level) and \
        own[: own_level.end()] == whole[: whole_level.end()]
