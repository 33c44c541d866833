"""An officer a plan's lead label names by an honorific and a title, no body after it.

"- Đơn vị chủ trì: Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát ...":
a standing committee's plan hands its items to its own members, named by their post. The
clerk writes the post ("Phó Chủ tịch Thường trực"), as a title with no body of its own
stays as written (rule `an-officer-leads-by-the-label`).
"""

from __future__ import annotations

import re

from vanban.extract.agency_phrases import match_agency
from vanban.extract.found import Found
from vanban.extract.vocabulary import phrase_patterns, tolerant
from vanban.folding import fold_ocr
from vanban.normalize.titles import TITLES

_HONOURED = re.compile(rf"\s*(?:{tolerant('honorifics')})\s+")
# the titles, longest first: "phó chủ tịch" before "chủ tịch"
_TITLES = sorted(((fold_ocr(t).lower(), t) for t in TITLES), key=lambda kv: -len(kv[0]))
# the post runs to its clause's end (", phụ trách lĩnh vực ..." says what it is in charge of)
_POST_END = re.compile(r"[,;:.()\n]")
_MAX_WORDS = 6


def officer_at(text: str, folded: str, pos: int, end: int) -> list[Found[str]]:
    """The post an honorific names at `pos` ("Đồng chí Phó chủ tịch Thường trực"), as one
    owner, or none: no honorific, no title after it, or more words than a post has."""
    honoured = _HONOURED.match(folded, pos, end)
    if honoured is None:
        return []
    start = honoured.end()
    stop = _POST_END.search(folded, start, end)
    post_end = stop.start() if stop else end
    post = folded[start:post_end].rstrip()
    words = post.split()
    if not words or len(words) > _MAX_WORDS:
        return []
    for key, title in _TITLES:
        if post == key or post.startswith(key + " "):
            rest = text[start + len(key) : start + len(post)].strip()
            name = f"{title} {rest}".strip()
            return [Found(name, start, start + len(post), text[start : start + len(post)], 0.8)]
    return []


# "3. Cán bộ phụ trách lĩnh vực ...", "5. Các Phó Chủ tịch phụ trách ...": a post, up to two
# words of its rank ("Thường trực"), then the field it is in charge of
# ("phụ trách" read from the duties an agent takes on, `agent_duties`, as an OCR spells it)
_IN_CHARGE_WORD = dict(phrase_patterns("agent_duties"))["phụ trách"]
_IN_CHARGE = re.compile(rf"[\s*_]*(?:cac\s+)?(?:{tolerant('posts_in_charge')})"
                        rf"(?:\s+[^\s,;:]+){{0,2}}?\s+(?:{_IN_CHARGE_WORD})\s+\S")
_MAX_POST_WORDS = 18


def post_in_charge(text: str, folded: str, start: int, end: int) -> list[Found[str]]:
    """The officer a duty block's heading names by the field in charge ("3. Cán bộ phụ trách
    lĩnh vực giám sát"), as written, as one owner; none for any other heading or a sentence
    (rule `a-post-in-charge-heads-its-duties`)."""
    if not _IN_CHARGE.match(folded, start, end):
        return []
    raw = " ".join(text[start:end].split()).strip(" *_:.")
    if not raw or len(raw.split()) > _MAX_POST_WORDS or raw.endswith(";"):
        return []
    return [Found(raw[:1].upper() + raw[1:], start, end, raw, 0.8)]


# a person's name before the post it is given with a dash: "đồng chí Nguyễn Văn A – Phó Chủ
# tịch Ủy ban MTTQ Việt Nam xã"
_NAMED_BEFORE_POST = re.compile(r"[^\W\d_][^,;:.()\n–-]{0,40}?\s*[–-]\s*")
_LEVEL_WORDS = re.compile(rf"(?:{tolerant('level_words')})$")
_STANDING = re.compile(r"\bth[a-z]{0,3}ng\s+tr[a-z]{1,2}c$")  # "Thường trực", an OCR's too


def officer_asked(text: str, folded: str, pos: int, end: int) -> list[Found[str]]:
    """The member a standing body hands a task to by honorific and post ("Phân công đồng chí
    Phó Chủ tịch Thường trực trực tiếp phụ trách ...", "Giao đồng chí Nguyễn Văn A – Phó Chủ
    tịch Ủy ban MTTQ Việt Nam xã thực hiện ..."): the post as written, its capitalised words
    and its level, up to the verb (rule an-officer-asked-by-post)."""
    honoured = _HONOURED.match(folded, pos, end)
    if honoured is None:
        return []
    start = honoured.end()
    if (named := _NAMED_BEFORE_POST.match(text, start, end)) and text[start].isupper() and not any(
            folded.startswith(key, start) for key, _ in _TITLES):
        start = named.end()
    title = next(((key, t) for key, t in _TITLES if folded.startswith(key + " ", start)), None)
    if title is None:
        return []
    stop = start + len(title[0])
    parts = [title[1]]
    body = match_agency(text, folded, stop + 1, end) if text[stop : stop + 1] == " " else None
    if body is not None and body.start == stop + 1:
        stop = body.end  # "Phó Chủ tịch Ủy ban MTTQ Việt Nam xã": its body, as the tables spell it
        parts.append(body.value)
    base = stop
    for word in re.finditer(r"\S+", text[stop:end]):
        said = word.group()
        at = base + word.start()
        # (its rank's second word in lower case: "Thường trực")
        if not (said[:1].isupper() or _LEVEL_WORDS.match(fold_ocr(said).lower())
                or _STANDING.search(folded, base, at + len(said))):
            break
        stop = base + word.end()
        if said[-1] in ",;:.":
            break
    raw = " ".join(text[start:stop].split()).strip(" ,;:.")
    rest = " ".join(text[base:stop].split()).strip(" ,;:.")
    if _STANDING.fullmatch(" ".join(folded[base:stop].split()).strip(" ,;:.")):
        rest = "Thường trực"  # (as an OCR spelled it: "Thbng trwc")
    if len(raw.split()) > _MAX_POST_WORDS // 2:
        return []
    return [Found(" ".join([*parts, rest]).strip(), start, stop, raw, 0.8)]
