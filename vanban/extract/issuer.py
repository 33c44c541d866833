"""The issuing body (and its parent body) from the header lines.

"ỦY BAN NHÂN DÂN / HUYỆN BÌNH SƠN" is one body over two lines; "UBND TỈNH X /
SỞ NỘI VỤ" is a parent and the issuer. With no header at all, a "TM. ỦY BAN
NHÂN DÂN" signature and the place line still name the issuer.
"""

from __future__ import annotations

import re

from vanban.extract import patterns as p
from vanban.extract.found import Found
from vanban.extract.vocabulary import phrase_at, tolerant
from vanban.folding import UPPER, fold_ocr
from vanban.normalize.agencies import canonical_agency, expand_abbreviations
from vanban.normalize.codes import CODE_TO_TYPE, department_by_code
from vanban.normalize.places import Place, match_place
from vanban.normalize.syllables import looks_like_syllable
from vanban.normalize.text import is_upper_text, sentence_case

_LEVEL = re.compile(rf"^(?:{p.LEVEL_WORD_OCR})\b\s*")


_PLACE_SUFFIX = re.compile(
    rf"\b(?P<level>{p.LEVEL})\s+(?=(?P<place>[a-z][a-z ]{{1,30}})$)"
)
_ACRONYMS = frozenset({"UBND", "HĐND", "MTTQ", "CCHC", "VP", "TP", "KT-XH"})
# Proper names whose capitals an all-caps header line read as a sentence loses, and the
# Front's standing bodies as Nghị định 30 and the Front's own charter spell them ("Ban
# Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã X", not "Ban thường trực ... việt nam")
_PROPER = re.compile(r"\b(mặt trận tổ quốc|việt nam|ban thường trực|ban thường vụ|"
                     r"ban chấp hành|đoàn chủ tịch)\b", re.IGNORECASE)
_PROPER_CASE = {"mặt trận tổ quốc": "Mặt trận Tổ quốc", "việt nam": "Việt Nam",
                "ban thường trực": "Ban Thường trực", "ban thường vụ": "Ban Thường vụ",
                "ban chấp hành": "Ban Chấp hành", "đoàn chủ tịch": "Đoàn Chủ tịch"}


def _proper_case(name: str) -> str:
    """A name with the proper names in it capitalised as they are spelled."""
    return _PROPER.sub(lambda m: _PROPER_CASE[m.group().lower()], name)
# (an OCR may run two of its words together: "ỦY BANNHÂN DÂN")
_COUNCIL = re.compile(r"^(?:u?y ?ban ?nh[a-z]n ?d[a-z]n|ubnd)\s*")
_DEPARTMENT = re.compile(r"^Sở ")  # a province's department, as the tables spell it
_PARTY_CENTRE = re.compile(r"^ban chap hanh trung uong(?: dang)?$")
_PEOPLES_COUNCIL = re.compile(r"^(?:hoi dong nhan dan|hdnd)\s*")
# lower lines that name a body only as the one above's: its office, its standing bodies
# (as an OCR may spell them: "BAN THƯỞNG TRWC")
_OF_THE_BODY_ABOVE = re.compile(rf"(?:van phong|{tolerant('standing_bodies')})")


def _group(lines: list[Found[str]]) -> list[Found[str]]:
    """Join continuation lines: a line that starts with a level word belongs to the one above."""
    bodies: list[Found[str]] = []
    for line in lines:
        folded = fold_ocr(line.value).strip()
        # "SỞ LAO ĐỘNG - THƯƠNG BINH / VÀ XÃ HỘI": a name cut after "-" or before "và"
        # "ĐOÀN KIỂM TRA / THEO QUYẾT ĐỊNH / SỐ 1050/QĐ-SCT": a team named by its decision
        cut = bodies and (fold_ocr(bodies[-1].value).rstrip().endswith(("-", ",", " va"))
                          or folded.startswith(("va ", "- ", "theo "))
                          # "SỐ 1050/..." (an OCR's "SÓ"), not "SỞ TƯ PHÁP": it has digits
                          or (folded.startswith("so ") and any(c.isdigit() for c in folded)))
        # "SỞ TÀI NGUYÊN VÀ MÔI / TRƯỜNG": a department's name wrapped before its last word
        last_word = bool(bodies) and len(folded.split()) == 1 and fold_ocr(
            bodies[-1].value).startswith("so ")
        if bodies and _stray(bodies[-1], line, folded):
            continue
        if bodies and (cut or last_word or _runs_on(bodies[-1], line, folded)
                       or _LEVEL.match(folded) or not line.value[:1].isalpha()
                       or (line.value[:1].islower() and not is_upper_text(line.value[1:]))):
            last = bodies[-1]
            bodies[-1] = Found(f"{last.value} {line.value}", last.start, line.end,
                               f"{last.raw}\n{line.raw}")
        else:
            bodies.append(line)
    return bodies


_KNOWN = 0.95  # the agency tables' confidence in a name they hold


def _stray(above: Found[str], line: Found[str], folded: str) -> bool:
    """Whether `line` under a body is a scan's stray mark, no part of any name: marks that
    are no syllables and open with no letter ("1i", a pen's tick read so), or a level word
    with no place after it ("TP", an archivist's initials in the margin) under a body that
    is no council ("THỦ TƯỚNG CHÍNH PHỦ"; the issuer had become "Thủ tướng Chính phủ
    thành phố")."""
    level = _LEVEL.match(folded)
    if not line.value[:1].isalpha() and _debris(line.raw) and not level:
        return True
    return bool(level and not folded[level.end():].strip(" .,")
                and not _COUNCIL.match(fold_ocr(above.value).strip())
                and not _PEOPLES_COUNCIL.match(fold_ocr(above.value).strip()))

# Words a body's name never ends with: "BAN ĐIỀU HÀNH CHƯƠNG TRÌNH HỖ TRỢ PHÁP LÝ CHO /
# DOANH NGHIỆP" goes on over the line break.
_OPEN_END = re.compile(r"(?:^|\s)(?:cho|cua|ve|voi|trong|theo|tai|cac|tren|doi voi)$")


_MOTTO_WORDS = frozenset(["cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam", "doc",
                          "lap", "tu", "do", "hanh", "phuc"])


def _runs_on(above: Found[str], line: Found[str], folded: str) -> bool:
    """Whether `line` goes on with the name of the body on the line above: that line ends
    with a word no name ends with, or `line` opens no body of its own (no head noun, no
    council, no level word) under a body the tables do not know whole ("BAN ĐIỀU HÀNH
    CHƯƠNG / TRÌNH HỖ TRỢ ..."). Words that are no syllables (a scan's debris) and the
    motto's words go on with nothing."""
    if _debris(line.raw) or set(folded.replace("-", " ").split()) <= _MOTTO_WORDS:
        return False  # (a web page's header cells wrapped word by word: "CỘNG" / "HÒA XÃ")
    if _OPEN_END.search(fold_ocr(above.value).rstrip(" ,")):
        return True
    before = fold_ocr(above.value).split()
    return (_opens_body(before) and not _opens_body(folded.split())
            and not _COUNCIL.match(" ".join(before)) and not _LEVEL.match(folded)
            and canonical_agency(above.value)[1] < _KNOWN)


def _opens_body(words: list[str]) -> bool:
    """Whether folded `words` open with a body's head noun ("sở", "ban", "công ty") or a
    council ("ủy ban nhân dân", "ubnd")."""
    return bool(phrase_at(words, 0, "table_heads") or phrase_at(words, 0, "open_heads")
                or _COUNCIL.match(" ".join(words)) or _PEOPLES_COUNCIL.match(" ".join(words)))


def _wrapped(bodies: list[Found[str]]) -> list[Found[str]]:
    """Join a body's name wrapped over two lines where neither line is a name the tables
    know and both together are: "CỤC CẢNH SÁT ĐIỀU TRA / TỘI PHẠM VỀ MA TÚY" is one Cục,
    while "BỘ CÔNG AN / CỤC CẢNH SÁT ..." stays a parent over its department."""
    out: list[Found[str]] = []
    for body in bodies:
        if out and canonical_agency(f"{out[-1].value} {body.value}")[1] >= _KNOWN and max(
                canonical_agency(out[-1].value)[1], canonical_agency(body.value)[1]) < _KNOWN:
            last = out[-1]
            out[-1] = Found(f"{last.value} {body.value}", last.start, body.end,
                            f"{last.raw}\n{body.raw}")
            continue
        out.append(body)
    return out


def _level_place(rest: str) -> tuple[str, Place | None]:
    m = _LEVEL.match(rest)
    level = p.level_word(m) if m else ""
    if level in ("xã", "phường", "thị trấn", "đặc khu"):
        return level, None  # the gazetteer knows provinces and districts, not communes
    place = match_place(rest[m.end():] if m else rest, prefer_province=level in ("", "tỉnh"))
    if place is not None and not level:
        level = place.kind
    return level, place


def _unknown_place(head: str, level: str, body: Found[str], rest: str) -> Found[str]:
    """ "ỦY BAN NHÂN DÂN / XÃ TÀ TỔNG": a council of a place the gazetteer lacks, as written."""
    named = len(rest.split()) - len(level.split())
    if not level or named < 1:
        return Found(head, body.start, body.end, body.raw, 0.6)
    words = body.value.split()[-named:]
    place = " ".join(w[:1].upper() + w[1:].lower() for w in words)
    return Found(f"{head} {level} {place}", body.start, body.end, body.raw, 0.7)


def _name_body(body: Found[str]) -> Found[str] | None:
    folded = re.sub(r"\s+", " ", fold_ocr(body.value)).strip(" .,")
    for pattern, head in ((_COUNCIL, "Ủy ban nhân dân"), (_PEOPLES_COUNCIL, "Hội đồng nhân dân")):
        m = pattern.match(folded)
        if m:
            rest = folded[m.end():]
            if not rest:
                return Found(head, body.start, body.end, body.raw, 0.6)
            level, place = _level_place(rest)
            if place is None:
                return _unknown_place(head, level, body, rest)
            return Found(f"{head} {level} {place.name}".replace("  ", " "), body.start, body.end,
                         body.raw, 0.95)
    if len(re.findall(r"[^\W\d_]{2,}", body.value)) < 2:
        return None
    # "VĂN PHÒNG UBND TỈNH QUẢNG NAM": a known body at a level, then the place
    # the last level word that a place follows ("quản" of "QUẢN LÝ" is no "quận")
    suffix = next((m for m in reversed(list(_PLACE_SUFFIX.finditer(folded)))
                   if match_place(m.group("place"))), None)
    if suffix:
        place = match_place(suffix.group("place"))
        level = p.level_word(_LEVEL.match(suffix.group("level")))
        head = body.value[: suffix.start("level")].strip()
        if place is not None and head:
            name, confidence = canonical_agency(head)
            if is_upper_text(name):
                name = _proper_case(sentence_case(name, keep=_ACRONYMS))
            # the table's "Ban Quản lý các khu công nghiệp tỉnh": the level is said once
            return Found(f"{name.removesuffix(' ' + level)} {level} {place.name}", body.start,
                         body.end, body.raw, min(confidence, 0.95))
    decision = _BY_DECISION.search(folded)
    if decision:  # "ĐOÀN KIỂM TRA / THEO QUYẾT ĐỊNH / SỐ 1050/QĐ-SCT": a team and its decision
        head = _name_body(Found(body.value[: decision.start()], body.start, body.end, body.raw))
        symbol = body.value[decision.start("symbol") : decision.end("symbol")].upper()
        if head is not None:
            return Found(f"{head.value} theo Quyết định số {symbol}", body.start, body.end,
                         body.raw, head.confidence)
    name, confidence = canonical_agency(body.value)
    if not name:
        return None
    if is_upper_text(name) or _capitals_left(name):
        name = _proper_case(sentence_case(name, keep=_ACRONYMS))
    return Found(name, body.start, body.end, body.raw, confidence)


def _capitals_left(name: str) -> bool:
    """Whether a name the tables spelled out in part keeps syllables in capitals as typed:
    "TRƯỜNG THPT CAO LÃNH 2" comes back "TRƯỜNG trung học phổ thông CAO LÃNH 2"."""
    return any(len(w) > 1 and w.isupper() and w not in _ACRONYMS and looks_like_syllable(w)
               for w in name.split())


_BY_DECISION = re.compile(r"\s+theo\s+quy[a-z]t\s+[dđp][a-z]nh\s+s[a-z]\s+(?P<symbol>\S+)$")


# The lines of a received-stamp over the issuer's column ("ĐẾN Ngày: ...", "Số và ký
# hiệu HS: ...", "Chuyển: ..."): the stamp of the office that received this copy
_RECEIVED = re.compile(r"(?:den\b|so va k[yi] hi[a-z]u|chuy[a-z]n\s*:|l[a-z]u h[o0] s[o0])")


def compose_issuer(
    lines: list[Found[str]], place: Place | None, signer
) -> tuple[Found[str] | None, Found[str] | None]:
    """(parent body, issuer)."""
    lines = [ln for ln in lines if not _RECEIVED.match(fold_ocr(ln.value).strip())]
    bodies = [b for b in (_name_body(body) for body in _wrapped(_group(lines))) if b is not None]
    # a scan's debris below a body read surely (the motto's column run in: "IFA: VỊ ÉT
    # NAM"), unknown to the tables and not words as written, is no issuer
    while (len(bodies) > 1 and bodies[-1].confidence < 0.7 and _debris(bodies[-1].raw)
           and max(b.confidence for b in bodies[:-1]) >= 0.9):
        bodies.pop()
    if bodies:
        issuer = bodies[-1]
        parent = bodies[-2] if len(bodies) > 1 else None
        if parent is not None and _PARTY_CENTRE.match(fold_ocr(parent.value).strip()):
            # "BAN CHẤP HÀNH TRUNG ƯƠNG / BAN TỔ CHỨC": the Party Central Committee's own
            # bodies are named "... Trung ương" ("Văn phòng Trung ương Đảng")
            office = fold_ocr(issuer.value).strip() == "van phong"
            name = f"{issuer.value} Trung ương" + (" Đảng" if office else "")
            return parent, Found(name, issuer.start, issuer.end, issuer.raw, issuer.confidence)
        if parent is not None and _OF_THE_BODY_ABOVE.fullmatch(
                fold_ocr(issuer.value).strip().lower()):
            # the office of the body above, "UBND TỈNH X / VĂN PHÒNG", or a standing body
            # of it, "ỦY BAN MTTQ VIỆT NAM XÃ X / BAN THƯỜNG TRỰC" (`standing_bodies`)
            name = _proper_case(f"{issuer.value} {parent.value.lstrip('/ ')}")
            return parent, Found(name, issuer.start,
                                 issuer.end,
                                 issuer.raw, min(issuer.confidence, parent.confidence))
        if parent is not None and not _has_place(issuer.value) and _has_place(parent.value):
            suffix = parent.value.split(" ", 4)[-1] if parent.value.startswith("Ủy ban") else ""
            if suffix:
                level = suffix.split(" ")[0]
                # the table's "Ban Quản lý các khu công nghiệp tỉnh": the level is said once
                stem = issuer.value.removesuffix(f" {level}")
                issuer = Found(f"{stem} {suffix}", issuer.start, issuer.end,
                               issuer.raw, issuer.confidence)
        if (place is not None and place.is_province and _DEPARTMENT.match(issuer.value)
                and not _has_place(issuer.value)):
            # "SỞ TƯ PHÁP" whose committee line a received stamp covered (or whose line
            # above is the stamp's): a Sở is the province's, and the place line names it
            issuer = Found(f"{issuer.value} {place.kind} {place.name}", issuer.start,
                           issuer.end, issuer.raw, issuer.confidence)
        return parent, issuer
    on_behalf = signer.body if signer is not None else None
    # "UBND THỊ TRẤN NẾNH / Chủ tịch" over the signature: the body names its place itself
    named = _name_body(Found(on_behalf, 0, 0, on_behalf)) if on_behalf else None
    if named is not None and named.confidence >= 0.7 and _has_place(named.value):
        return None, named
    if on_behalf and place is not None and _COUNCIL.match(fold_ocr(on_behalf).strip()):
        level = "tỉnh" if place.is_province and place.kind == "tỉnh" else place.kind
        name = f"Ủy ban nhân dân {level} {place.name}"
        return None, Found(name, 0, 0, on_behalf, 0.7)
    return None, None


# The signing service's box names the body that signed: "Cơ quan: ỦY BAN NHÂN / DÂN TỈNH
# LÂM ĐỒNG" (wrapped), before "Thời gian ký:" or the end of the box. An OCR of the box may
# run its fields into one line ("Ký bởi: ... Cơ quan: ... Thời gian ký: ...").
_NEXT_FIELD = r"th[a-z]{1,2}i[ \t]*gian|email|ng[a-z]{1,3}i[ \t]*k|k[yi][ \t]*b"
_SIGNED_BY = re.compile(
    rf"(?:^|(?<=[ \t]))c[a-z]{{1,2}}[ \t]*quan[ \t]*:[ \t]*(?P<body>[^\n]+?"
    rf"(?:\n[ \t]*(?!{_NEXT_FIELD})[^\n:]{{2,40}}(?=\n))?)(?=[ \t]+(?:{_NEXT_FIELD})|[ \t]*$)",
    re.MULTILINE)


def signing_body(text: str, folded: str) -> Found[str] | None:
    """The body an e-signed document's signing box names ("Cơ quan: ..."), as a name."""
    m = _SIGNED_BY.search(folded, 0, 3000)
    if m is None:
        return None
    start, end = m.span("body")
    raw = " ".join(text[start:end].split())
    named = _name_body(Found(raw, start, end, raw))
    return named if named is not None and named.confidence >= 0.9 else None


def _debris(raw: str) -> bool:
    """Whether a header line holds words that are no syllables: a scan's debris. A
    numeral ("TRƯỜNG THPT CAO LÃNH 2") and an abbreviation the tables spell out ("THPT",
    "GDĐT") are words of a name."""
    words = [w.strip(",.;:()") for w in raw.split()]
    return any(w and w not in _ACRONYMS and not w.isdigit() and not looks_like_syllable(w)
               and expand_abbreviations(w) == w for w in words)


def _has_place(name: str) -> bool:
    levels = "|".join(p.LEVELS.values())
    return bool(re.search(rf"\b({levels})\s+[{UPPER}]", name))


def department_of_symbol(
    issuer: Found[str] | None, number: str | None, place: Place | None
) -> tuple[Found[str], Found[str]] | None:
    """(parent, issuer) when the header read only the province's committee but the
    number's issuer code names one of its departments: "Số: 45/STP-VP" under "UBND
    TỈNH X" is Sở Tư pháp's (a received stamp over the Sở's line takes it from a scan).
    """
    if issuer is None or number is None or "/" not in number:
        return None
    council = _COUNCIL.match(fold_ocr(issuer.value))
    if council is None:
        return None
    if _has_place(issuer.value):
        where = issuer.value.split(" ", 4)[-1]  # "Ủy ban nhân dân | tỉnh X"
    elif council.end() == len(issuer.value) and place is not None and place.is_province:
        where = f"{place.kind} {place.name}"  # "UBND TỈNH X" read "UBND" alone; the place line
        issuer = Found(f"Ủy ban nhân dân {where}", issuer.start, issuer.end, issuer.raw,
                       issuer.confidence)
    else:
        return None
    parts = number.split("/", 1)[1].split("-")
    if parts and parts[0].replace("Đ", "D").upper() in _TYPE_CODES:
        parts = parts[1:]
    name = department_by_code(parts[0]) if parts else None
    if name is None:
        return None
    return issuer, Found(f"{name} {where}", issuer.start, issuer.end, issuer.raw,
                         min(issuer.confidence, 0.8))


_TYPE_CODES = frozenset(code.replace("Đ", "D").upper() for code in CODE_TO_TYPE)
