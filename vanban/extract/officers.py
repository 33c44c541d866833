"""An officer a plan's lead label names by an honorific and a title, no body after it.

"- Đơn vị chủ trì: Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát ...":
a standing committee's plan hands its items to its own members, named by their post. The
clerk writes the post ("Phó Chủ tịch Thường trực"), as a title with no body of its own
stays as written (rule `an-officer-leads-by-the-label`).
"""

from __future__ import annotations

import re

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
