"""Segment a directive into the parts Nghị định 30/2020/NĐ-CP lays out.

Header (issuing body, national motto), number line, place and date, type and
subject, "Kính gửi", body, "Nơi nhận" and the signature block. Scanned
two-column layouts often arrive flattened onto one line ("UBND TỈNH X CỘNG
HÒA XÃ HỘI ..."), so parts are found by pattern, not by position alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from vanban.extract import patterns as p
from vanban.extract.lines import Line
from vanban.extract.vocabulary import phrase_at
from vanban.normalize.codes import FOLDED_DOC_TYPES
from vanban.normalize.places import match_place
from vanban.normalize.text import collapse_spaces, is_upper_text
from vanban.regex_gate import gated

HEADER_SCAN = 40  # the header parts sit in the first lines of the first page
# "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc", whole or in the pieces
# an OCR of a two-column header leaves on separate lines.
_MOTTO = [
    # "cộng hòa", not "cương hành"
    re.compile(r"\bc[a-z0-9]{1,2}g\s*h[a-z0-9]{1,2}\b(?:\s*x[a-z]{1,2}\s*h[a-z]{1,3})?"
               # (the line may break before "Việt Nam": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA / VIỆT NAM")
               r"(?:\s*ch[a-z]{0,2}\s*ngh[a-z]{0,3}(?:\s*v[a-z]{1,3}t\s*nam)?)?"),
    re.compile(r"(?:\bx[a-z]{1,2}\s*h[a-z]{1,3}\s*)?\bch[a-z]{0,2}\s*ngh[a-z]{0,3}\s*v[a-z]{1,3}t\s*nam"),
    # (an OCR may read the motto's dashes as em dashes: "Độc lập — Tự do -Hạnh phúc")
    re.compile(r"\S*\s*l[a-z]{1,2}p\s*[-–—]\s*t[a-z]{1,2}\s*d[a-z]{1,2}\s*[-–—]\s*h[a-z]{2,4}\s*ph\S*"),
    re.compile(r"\b[dp][a-z]{1,2}c\s+l[a-z]{1,2}p(?:\s*[-–—]\s*t[a-z]{1,2}\s*d[a-z]{1,2})?\s*[-–—]?"),
    re.compile(r"\bh[a-z]{2,4}\s*ph[a-z]{1,3}c\b"),
    # the Party's documents set "ĐẢNG CỘNG SẢN VIỆT NAM" where the state's motto stands
    re.compile(r"\bd[a-z]{1,2}ng\s+c[a-z]{1,2}ng\s+s[a-z]{1,2}n\s+vi[a-z]{1,2}t\s+nam\b"),
    re.compile(r"^[\s_\-–—=.*ˆ^~]+$"),
]


@dataclass
class Layout:
    lines: list[Line]
    header: list[Line] = field(default_factory=list)  # issuer lines, motto removed
    number: tuple[Line, re.Match[str]] | None = None
    place_date: tuple[Line, re.Match[str]] | None = None
    doc_type: Line | None = None
    subject: list[Line] = field(default_factory=list)
    subject_prefix: int = 0  # characters of "V/v " before the subject on its first line
    kinh_gui: list[Line] = field(default_factory=list)
    kinh_gui_prefix: int = 0
    body_start: int = 0
    body_end: int = 0
    noi_nhan: int | None = None  # index of the "Nơi nhận" line
    # a second document signed on its own after this one's recipients (a tờ trình's draft
    # resolution): index of its first line
    second_document: int | None = None
    # the type named at the head of a title line that goes on with the subject
    # ("QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ"): `doc_type` is then that line
    doc_type_name: str | None = None


def _bare_place_date(folded: str) -> re.Match[str] | None:
    """ "Hà Nội ngày 08 tháng 4 năm 2026": the place-and-date line whose comma an OCR lost,
    where the gazetteer knows the place that opens it."""
    bare = p.PLACE_DATE_BARE.match(folded)
    return bare if bare and match_place(bare.group("place")) is not None else None


_DATE_START = re.compile(r",\s*ng[a-z]{0,2}y\b")


def _place_date(lines: list[Line], line: Line) -> tuple[Line, re.Match[str]] | None:
    """The place-and-date line; OCR may wrap its year onto the next line."""
    m = p.place_date(line.folded) or _bare_place_date(line.folded)
    if m:
        return line, m
    if not _DATE_START.search(line.folded) or line.index + 1 >= len(lines):
        return None
    nxt = lines[line.index + 1]
    joined = Line(line.index, line.start, f"{line.text} {nxt.text}", f"{line.folded} {nxt.folded}")
    m = p.place_date(joined.folded)
    return (joined, m) if m else None


# The motto as a whole, for a scan that ran the two header columns into one line and
# damaged it past the patterns above ("CỘNG H DÀ XÃ HỘI ;HỦ NGHĨA VIỆT NAM", "Tự Ho").
_MOTTO_LINES = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")
_MOTTO_SCORE = 85


# the motto's first line cut before its last words, and those words on the next line
_NATION_CUT = re.compile(r"ch[a-z]{0,2}\s*ngh[a-z]{0,3}[\s*_]*$")
_NATION_REST = re.compile(r"[\s*_]*v[a-z]{1,3}t\s*nam[\s*_]*")


def nation_rest(previous: str, folded: str) -> bool:
    """Whether `folded` is the "VIỆT NAM" of a motto whose line (`previous`) broke before
    it: no body's line ("NGÂN HÀNG NHÀ NƯỚC / VIỆT NAM" follows no "chủ nghĩa")."""
    return bool(_NATION_CUT.search(previous) and _NATION_REST.fullmatch(folded))


def motto_spans(folded: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in _MOTTO:
        spans += [m.span() for m in pattern.finditer(folded)]
    for motto in _MOTTO_LINES:
        if len(folded) < len(motto):
            continue
        found = fuzz.partial_ratio_alignment(motto, folded, score_cutoff=_MOTTO_SCORE)
        if found is not None and found.dest_end - found.dest_start >= 0.8 * len(motto):
            start = found.dest_start
            while start > 0 and folded[start - 1].isalnum():  # the word it cut into
                start -= 1
            spans.append((start, found.dest_end))
    return spans


def doc_type_of(line: Line) -> str | None:
    """The type name on a line of its own in capitals ("KẾ HOẠCH", OCR's "QUYET PINH",
    "THONGBAo": a letter or a space the OCR lost)."""
    # (its length first: a line of running text is told without reading its letters)
    key = collapse_spaces(line.folded.strip(" *_:"))
    if not key or len(key) > 24:
        return None
    if not is_upper_text(line.text.strip(" *_:"), share=0.8, at_least=4):
        return None
    if key in FOLDED_DOC_TYPES:
        return FOLDED_DOC_TYPES[key]
    best = process.extractOne(key, list(FOLDED_DOC_TYPES), scorer=fuzz.ratio, score_cutoff=84)
    if (best is None and (m := _SPECKS_BEFORE.match(key)) and m.end() < len(key)
            and _SYMBOL.search(m.group())):
        # a seal's or a stamp's specks read before the type ("- -*# lÌ M QUYÉT ĐỊNH": the
        # "ĐẾN" stamp beside it): signs, and no word of three letters, before the name
        # (not "BỘ CÔNG AN", whose "CÔNG AN" reads as "CÔNG VĂN")
        best = process.extractOne(key[m.end() :], list(FOLDED_DOC_TYPES), scorer=fuzz.ratio,
                                  score_cutoff=84)
    return FOLDED_DOC_TYPES[best[0]] if best else None


_TYPE_BELOW_DATE = 6  # lines under the date line the type may stand on (blank ones too)


def _type_in_small_letters(line: Line) -> str | None:
    """The type name alone on a line, not in capitals ("Thông tư", "quyết định"), or before
    whose it is ("quyết định của bộ trưởng bộ tài chính", as a title in capitals names it)."""
    key = collapse_spaces(line.folded.strip(" *_"))
    if not key or not line.text.strip(" *_")[:1].isalpha():
        return None
    return FOLDED_DOC_TYPES.get(key) or FOLDED_DOC_TYPES.get(key.split(" cua ")[0]
                                                             if " cua " in key else "")


# words of fewer than three letters, or none, with the spaces after them
_SPECKS_BEFORE = re.compile(r"(?:[^a-z\s]*(?:[a-z][^a-z\s]*){0,2}\s+)+")
_SYMBOL = re.compile(r"[^a-z0-9\s]")


# what may follow a type name on its title line and is no subject: the issuer ("CHỈ THỊ
# CỦA BỘ ...", a gazette's title), a number ("QUYẾT ĐỊNH SỐ ...")
_NOT_A_SUBJECT = re.compile(r"(?:cua|so)\b")


def type_then_subject(line: Line) -> tuple[str, int] | None:
    """(type, where the subject starts on the line) for a title line in capitals that
    names the type and goes on with the subject: "QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ"
    (the investment decisions' form), where a letter has "QUYẾT ĐỊNH" on a line of its own."""
    text = line.text.strip(" *_")
    if len(text) <= 24 or not is_upper_text(text, share=0.9, at_least=8):
        return None
    folded = line.folded
    lead = len(folded) - len(folded.lstrip(" *_"))
    for key in sorted(FOLDED_DOC_TYPES, key=len, reverse=True):
        if folded.startswith(key + " ", lead):
            rest = folded[lead + len(key):]
            words = rest.split()
            if len(words) < 3 or _NOT_A_SUBJECT.match(words[0]):
                return None
            return FOLDED_DOC_TYPES[key], lead + len(key) + len(rest) - len(rest.lstrip())
    return None


def _enacts(line: Line) -> bool:
    """"QUYẾT ĐỊNH:" with its colon opens a decision's articles; no subject follows it
    (a page that lost the title line above still has it)."""
    return line.text.rstrip(" *_").endswith(":")


_ATTACHED = re.compile(r"\bkem\s+theo\b")
# how far below its type name an attachment's "(Ban hành kèm theo ...)" may stand: a
# title of five lines the page wrapped, blank lines between
_TITLE_LINES = 10
# the decision's own article names what it issues: "Ban hành kèm theo Quyết định này
# Kế hoạch ..." (folded text; the type's name is read with `doc_type_of`'s table)
_ISSUES = re.compile(r"\bkem\s+theo\s+quyet\s+dinh\s+nay\s+(?:la\s+)?(\w+(?:\s+\w+)?)")


def _run(lines: list[Line]) -> str:
    """The lines' folded text as one run: a page wrapped at its width parts a phrase
    anywhere ("(Ban hành kèm / theo Quyết định số ...)", "... kèm theo / Quyết định này
    Quy định ...")."""
    return " ".join(line.folded for line in lines)


def _issued_types(lines: list[Line]) -> set[str]:
    """The types of document the body says it issues ("Kế hoạch", "Quy chế")."""
    found = set()
    for m in _ISSUES.finditer(_run(lines)):
        words = " ".join(m.group(1).split())
        for key in (words, words.split()[0]):
            if key in FOLDED_DOC_TYPES:
                found.add(FOLDED_DOC_TYPES[key])
    return found


def attachment_start(lines: list[Line], after: int) -> int | None:
    """The heading of a document attached after the signature: "KẾ HOẠCH / ... /
    (Ban hành kèm theo Quyết định số ...)", or a heading of the type the decision says it
    issues ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch ...") when the attachment
    repeats no "kèm theo"; its tasks are the decision's."""
    issued = _issued_types(lines[:after])
    for line in lines[after:]:
        kind = doc_type_of(line)
        if kind and (kind in issued or _ATTACHED.search(
                _run(lines[line.index + 1 : line.index + 1 + _TITLE_LINES]))):
            # an OCR may read the attachment's header column after its body: the body
            # starts at the issuing body's line that opens the attachment's first page
            return next((ln.index for ln in lines[after : line.index]
                         if _ISSUER_ALONE.match(ln.folded)), line.index)
    return None


# "(cụ thể theo biểu đính kèm)", "theo Phụ lục kèm theo": the tasks stand in an annex
_REFERS_TO_ANNEX = gated(re.compile(
    r"\b(?:theo|tai)\s+(?:bieu|phu luc|danh muc|bang)\b[^.;\n]{0,30}?\b(?:dinh kem|kem theo)\b"))
_FIRST_ITEM = re.compile(r"^[\s*_]*1\s*[.)]\s+\S")


def annex_list_start(lines: list[Line], body: list[Line], after: int) -> int | None:
    """Where an annex the body refers to ("cụ thể theo biểu đính kèm") lists its items
    after the signature and the recipients, when it has no title that says so (a scan
    may have lost it): its first item, "1. Phòng Công nghệ thông tin (6 NV trọng tâm):"."""
    if not any(_REFERS_TO_ANNEX.search(line.folded) for line in body):
        return None
    return next((ln.index for ln in lines[after:] if _FIRST_ITEM.match(ln.text)), None)


_ISSUER_ALONE = re.compile(r"^[\s*_]*(?:uy ban nhan dan|ubnd)[\s*_]*$")


# "V/v" after the document's number on its line (folded text)
_V_V_AFTER_NUMBER = re.compile(r"\d[^\s]*\s+(?=v\s*/\s*v\b)")

def segment(lines: list[Line]) -> Layout:
    layout = Layout(lines=lines, body_end=len(lines))
    scan = lines[:HEADER_SCAN]
    first_part = len(lines)

    numbered = [(line, m) for line in scan if (m := p.NUMBER_LINE.search(line.folded))]
    # "SỐ 1050/QĐ-SCT" under "ĐOÀN KIỂM TRA / THEO QUYẾT ĐỊNH" names the issuer; the
    # document's own number is written "Số:"
    with_colon = [(line, m) for line, m in numbered if ":" in m.group()]
    if numbered:
        layout.number = (with_colon or numbered)[0]
        first_part = layout.number[0].index
    for line in scan:
        if layout.place_date is None and (found := _place_date(lines, line)):
            layout.place_date = found
            first_part = min(first_part, line.index)
        if layout.doc_type is None and doc_type_of(line):
            layout.doc_type = line
            first_part = min(first_part, line.index)
    if layout.doc_type is None and layout.place_date is not None:
        # a type typed in small letters for a capitals font to draw (.VnTimeH: a legacy
        # document's "Thông tư" on a line of its own under the date line, its subject under it)
        below = layout.place_date[0].index
        for line in scan[below + 1 : below + 1 + _TYPE_BELOW_DATE]:
            if (kind := _type_in_small_letters(line)) is not None:
                layout.doc_type, layout.doc_type_name = line, kind
                first_part = min(first_part, line.index)
                break
    kinh_gui = next((ln for ln in scan if p.KINH_GUI.match(ln.folded)), None)
    v_v = next((ln for ln in scan if p.V_V.match(ln.folded)), None)
    subject_label = p.V_V
    subject_at = 0  # where the subject's "V/v" stands on its line
    if v_v is None and layout.number is not None and (
            after := _V_V_AFTER_NUMBER.search(layout.number[0].folded)) is not None:
        # a web page's copy of the header's table runs a cell's lines into one: "Số:
        # 12/UBND-VX V/v tăng cường ..." (the number ends where the subject opens)
        v_v, subject_at = layout.number[0], after.end()
    titled = None
    if v_v is None and (layout.doc_type is None or _enacts(layout.doc_type)):
        # (a decision's "QUYẾT ĐỊNH:" over its articles is no title: the title stands above)
        after = max((part[0].index for part in (layout.number, layout.place_date) if part),
                    default=-1)
        before = layout.doc_type.index if layout.doc_type is not None else len(lines)
        titled = next(((ln, found) for ln in scan[after + 1:before]
                       if (found := type_then_subject(ln)) is not None), None)
    if titled is not None:
        (line, (name, at)) = titled
        layout.doc_type, layout.doc_type_name, layout.subject_prefix = line, name, at
        # the title's lines in capitals, up to the blank line under them (a "(cấp lần
        # đầu: ...)" below is no part of it)
        block = [line]
        for nxt in lines[line.index + 1 : line.index + 4]:
            if nxt.blank or not is_upper_text(nxt.text.strip(" *_"), share=0.9, at_least=4):
                break
            block.append(nxt)
        layout.subject = block
        first_part = min(first_part, line.index)
    if v_v is None and layout.doc_type is None:
        # a letter's "Về việc xây dựng kế hoạch ..." where "V/v" would stand
        before = kinh_gui.index if kinh_gui is not None else len(scan)
        v_v = next((ln for ln in scan[:before] if p.VE_VIEC.match(ln.folded)), None)
        subject_label = p.VE_VIEC
    for marker in (kinh_gui, v_v):
        if marker is not None:
            first_part = min(first_part, marker.index)

    if first_part == len(lines):  # no header parts at all: the text is all body
        first_part = 0
    layout.header = [ln for k, ln in enumerate(lines[:first_part])
                     if not ln.blank and _issuer_text(ln)
                     and not (k and nation_rest(lines[k - 1].folded, ln.folded))]
    after_header = first_part

    if v_v is not None:
        layout.subject_prefix = subject_at + subject_label.match(v_v.folded[subject_at:]).end()
        layout.subject = _subject_lines(lines, v_v.index, stop_blank_long=True)
        after_header = max(after_header, layout.subject[-1].index + 1)
    elif titled is not None:
        after_header = max(after_header, layout.subject[-1].index + 1)
    elif layout.doc_type is not None and not _enacts(layout.doc_type):
        start = next((ln.index for ln in lines[layout.doc_type.index + 1 :] if not ln.blank), None)
        if start is not None:
            first = lines[start]
            layout.subject_prefix = m.end() if (m := p.VE_VIEC.match(first.folded)) else 0
            layout.subject = _subject_lines(lines, start, stop_blank_long=False,
                                            issuer=layout.header)
            after_header = max(after_header, layout.subject[-1].index + 1)
    for part in (layout.number, layout.place_date):
        if part is not None:
            after_header = max(after_header, part[0].index + 1)

    if kinh_gui is not None:
        layout.kinh_gui_prefix = p.KINH_GUI.match(kinh_gui.folded).end()
        layout.kinh_gui = _addressee_lines(lines, kinh_gui.index)
        after_header = max(after_header, layout.kinh_gui[-1].index + 1)
        if layout.subject and v_v is not None and layout.place_date is not None:
            layout.subject += _subject_tail(lines, layout.subject[-1],
                                            layout.place_date[0], kinh_gui)

    elif v_v is not None and (listed := _addressees_unlabelled(lines, after_header)):
        layout.kinh_gui = listed  # (no label to pass over: `kinh_gui_prefix` stays 0)
        after_header = listed[-1].index + 1

    layout.body_start = after_header
    noi_nhan = [ln.index for ln in lines[after_header:] if p.NOI_NHAN.match(ln.folded)]
    if not noi_nhan and (listed := _recipients_unlabelled(lines, after_header)) is not None:
        noi_nhan = [listed]
    if len(noi_nhan) > 1:
        layout.second_document = _second_document(lines, noi_nhan[0])
        if layout.second_document is not None:
            noi_nhan = [i for i in noi_nhan if i < layout.second_document]
    if noi_nhan:
        layout.noi_nhan = noi_nhan[-1]
        layout.body_end = _entries_above(lines, noi_nhan[-1])
    return layout


def _entries_above(lines: list[Line], label: int) -> int:
    """Where the body ends over "Nơi nhận:" at `label`: at its first entries, where a
    scan's reading order put them right above the label ("- Ban Bí thư Trung ương Đảng;
    - Thủ tướng, ...;" / "Nơi nhận:", a seal beside them): dashed entries each ending in
    ";", as a list of recipients' do, under a body that closed ("... Quyết định này./.")."""
    start = label
    while start > 0 and not lines[start - 1].blank and _ENTRY.match(lines[start - 1].text) \
            and lines[start - 1].text.rstrip().endswith(";"):
        start -= 1
    above = next((ln for ln in reversed(lines[:start]) if not ln.blank), None)
    closed = above is not None and above.text.rstrip(" *_").endswith((".", "./.", "./", "/."))
    return start if start < label and closed else label


# the list's last entry, "- Lưu: VT, TH." (the file copy), stands where its label did not
_FILE_COPY = re.compile(r"^[\s*_~\-–•+]*luu\s*[:;]\s*v[a-z]?\b")
_ENTRY = re.compile(r"^[\s*_]*[~\-–•+]")


def _recipients_unlabelled(lines: list[Line], after: int) -> int | None:
    """The first entry of a recipients' list whose "Nơi nhận:" a scan lost."""
    end = next((ln.index for ln in lines[after:] if _FILE_COPY.match(ln.folded)), None)
    if end is None:
        return None
    first = end
    for line in reversed(lines[after:end]):
        if line.blank or not (_ENTRY.match(line.text) or line.text.lstrip()[:1].islower()):
            break
        if _ENTRY.match(line.text):
            first = line.index
    return first


_NATION = _MOTTO[1]  # "... chủ nghĩa Việt Nam", the motto's first line


def _second_document(lines: list[Line], after: int) -> int | None:
    """The header of a document with its own recipients after the first one's: its
    issuing body's lines in capitals over the motto, or the motto's line."""
    motto = next((ln.index for ln in lines[after:]
                  if (m := _NATION.search(ln.folded)) and ln.text[m.start() : m.end()].isupper()),
                 None)
    if motto is None:
        return None
    first, i = motto, motto - 1
    while i > after and lines[i].blank:
        i -= 1
    while i > after and not lines[i].blank and is_upper_text(lines[i].text):
        first, i = i, i - 1
    return first


def _issuer_text(line: Line) -> str:
    """The line with motto pieces blanked out (same length)."""
    folded = line.folded
    for start, end in motto_spans(folded):
        folded = folded[:start] + " " * (end - start) + folded[end:]
    return folded.strip(" *_-–—=.")


def issuer_segments(line: Line) -> list[tuple[int, int]]:
    """Spans of `line.text` that remain once the motto is removed."""
    mask = [True] * len(line.text)
    for start, end in motto_spans(line.folded):
        for i in range(start, end):
            mask[i] = False
    spans, start = [], None
    for i, keep in enumerate([*mask, False]):
        if keep and start is None:
            start = i
        elif not keep and start is not None:
            if line.text[start:i].strip(" *_-–—=."):
                spans.append(_trimmed(line.text, start, i, cut=i < len(line.text)))
            start = None
    return spans


_EDGE_JUNK = re.compile(r"[\s:;,.|*_\-–—=]*")
# where the motto was cut out, an OCR's stroke of its column rule: "GIANG Ù -"
_CUT_JUNK = re.compile(r"(?:\s+[^\W\d])?[\s:;,.|*_\-–—=]*$")


def _trimmed(text: str, start: int, end: int, *, cut: bool) -> tuple[int, int]:
    start = _EDGE_JUNK.match(text, start, end).end()
    if cut and (junk := _CUT_JUNK.search(text, start, end)) and junk.start() > start:
        end = junk.start()
    return start, end


def _is_part_start(line: Line) -> bool:
    return bool(
        p.KINH_GUI.match(line.folded)
        or p.place_date(line.folded) or _bare_place_date(line.folded)
        # "Số: 12/UBND" starts a part; "số 3866/BGDĐT ..." continues a subject
        or (p.NUMBER_LINE.match(line.folded) and line.text.lstrip(" *_")[:1].isupper())
        or doc_type_of(line)
        or any(rx.match(line.text) for kind, rx in p.MARKERS if kind in ("roman", "decimal"))
        or line.folded.strip().startswith("can cu")
        or p.SIGNATURE_STAMP.match(line.folded)
    )


# A body's first paragraph where no blank line sets the title apart (a Word file's
# paragraphs): "Ngày 24/4/2026, đồng chí ...", "Thực hiện ...", "Theo đề nghị ..."
_BODY_OPENER = re.compile(
    r"^[\s*_]*(?:ng[a-z]{0,2}y\s+\d{1,2}\s*[/.-]\s*\d|thuc hien\s|theo de nghi|xet de nghi"
    r"|sau khi\s|vua qua|thoi gian qua)")


def _opens_a_body(line: Line) -> bool:
    """A paragraph, capitalised, that opens as a body does (a title's wrapped line that
    goes on "thực hiện một số nhiệm vụ ..." is in lower case)."""
    return line.text.strip(" *_")[:1].isupper() and bool(_BODY_OPENER.match(line.folded))


def _opens_a_request(line: Line) -> bool:
    """A capitalised line that opens with a request ("Đề nghị Sở ...") or as a body does."""
    if not line.text.strip(" *_")[:1].isupper():
        return False
    return _opens_a_body(line) or bool(phrase_at(line.folded.split(), 0, "request_verbs"))


_SENTENCE_ENDS = re.compile(r"\.(?:\s+(\w)|\s*$)")


def _a_paragraph(line: Line) -> bool:
    """A line that is a body's paragraph: long, and a sentence ends in it or with it (a
    subject's wrapped line is short, and no sentence: it ends with no period)."""
    text = line.text.rstrip(" *_")
    return len(text.strip()) > 160 and any(
        m.group(1) is None or m.group(1).isupper() for m in _SENTENCE_ENDS.finditer(text))


def _subject_lines(lines: list[Line], start: int, *, stop_blank_long: bool,
                   issuer: list[Line] | None = None) -> list[Line]:
    """The trích yếu: from `start` until a blank line, crossing a blank only to a short line,
    or up to the line that names the `issuer` (its header's lines) as the authority."""
    out = [lines[start]]
    i = start + 1
    while i < len(lines) and len(out) < 8:
        line = lines[i]
        if line.blank:
            nxt = next((ln for ln in lines[i + 1 : i + 3] if not ln.blank), None)
            # an OCR leaves blank lines between a title's lines; one that goes on in lower
            # case continues it ("Kết luận của Chủ tịch UBND / (blank) / tỉnh tại cuộc họp")
            goes_on = nxt is not None and (nxt.text.strip(" *_")[:1].islower()
                                           or _lone_title_line(lines, nxt, out[-1]))
            if goes_on and issuer and _names_the_issuer(nxt, issuer, any_case=True):
                break  # ("... ưu đãi / (blank) / bộ trưởng bộ tài chính": a legacy capitals
                # font's authority line, typed in small letters, under the subject)
            if (
                not (stop_blank_long or goes_on)
                or nxt is None
                or len(nxt.text.strip()) > (90 if goes_on else 50)
                or _is_part_start(nxt)
                or motto_spans(nxt.folded)
            ):
                break
            i += 1
            continue
        if _marks_only(line.text):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt is not None and not nxt.blank and not _opens_a_body(nxt) and (
                    not _is_part_start(nxt) and _lone_title_line(lines, nxt, out[-1])):
                i += 1  # a speck between a title's lines ("-"), the title going on after it
                continue
            break  # a pen's mark under the subject read "ca —": no words, no number
        if _is_part_start(line) or motto_spans(line.folded) or _opens_a_body(line):
            break
        if _a_paragraph(line):
            break  # a page's "V/v ..." over its body's paragraphs, no blank line between
        if issuer and _names_the_issuer(line, issuer):
            break
        if _is_upper(line.text) and not all(
                is_upper_text(ln.text, share=0.9) for ln in out):
            # "CHỦ TỊCH ỦY BAN NHÂN DÂN ..." under a subject whose blank line OCR lost (a
            # title's "VỀ" alone on its line is in capitals too: "VỀ" / "VIỆC CHUYỂN ...",
            # and so is a title an OCR left a small letter in)
            break
        out.append(line)
        i += 1
    return out


# Syllables of the titles an authority line opens with ("CHỦ TỊCH", "BỘ TRƯỞNG", "GIÁM ĐỐC",
# "TỔNG CỤC TRƯỞNG"): words before the issuer's name that make the line its authority
_TITLE_SYLLABLES = frozenset(["chu", "tich", "pho", "bo", "truong", "thu", "tuong", "giam",
                              "doc", "cuc", "tong", "chanh", "ban", "vien", "hieu"])
_WORDS = re.compile(r"[^\W_]+")


def _names_the_issuer(line: Line, header: list[Line], *, any_case: bool = False) -> bool:
    """Whether a line in capitals is a decision's authority, the issuer a title's words
    may open ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "GIÁM ĐỐC TRUNG TÂM ...", "THỦ TƯỚNG CHÍNH
    PHỦ"): it stands between the title and the "Căn cứ", and a copy with no blank line under
    the title ran it into the subject. A subject that names the issuer names it after other
    words ("... THUỘC PHẠM VI QUẢN LÝ CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ")."""
    if not any_case and not is_upper_text(line.text.strip(" *_"), share=0.9, at_least=4):
        return False
    words = _WORDS.findall(line.folded)
    # (the issuer's side of a header line the motto shares: "bộ tài chính    cộng hoà ...")
    heads = [head.folded[a:b] for head in header for a, b in issuer_segments(head)]
    for head in heads:
        named = _WORDS.findall(head)
        if len(named) < 2:
            continue
        for k in range(min(4, len(words) - len(named) + 1)):
            if words[k : k + len(named)] == named and _TITLE_SYLLABLES.issuperset(words[:k]):
                return True
    return False


def _marks_only(text: str) -> bool:
    """Whether a line holds fewer than three letters and no digit: a scan's marks, no
    part of a title (a title's last line may be a year alone: "2026")."""
    return sum(c.isalpha() for c in text) < 3 and not any(c.isdigit() for c in text)


def _subject_tail(lines: list[Line], last: Line, date_line: Line, kinh_gui: Line
                  ) -> list[Line]:
    """A letter's subject whose last lines a scan's reading order put after the place and
    date ("V/v ... đến Trung / Hà Nội, ngày ... / (a stamp) / tâm hành chính tỉnh ..."): the
    lines in lower case between the date and "Kính gửi" go on with it, where the subject
    ended no sentence."""
    if not last.index < date_line.index < kinh_gui.index or last.text.rstrip(" *_").endswith(
            (".", ":", ";")):
        return []
    tail: list[Line] = []
    for line in lines[date_line.index + 1 : kinh_gui.index]:
        text = line.text.strip(" *_")
        if not tail:
            # a stamp's debris may stand before it: the tail opens in lower case, in words
            if text[:1].islower() and len(text.split()) >= 3:
                tail.append(line)
        elif line.blank or not text[:1].isalpha() or _is_upper(text) or _is_part_start(line):
            break
        else:
            tail.append(line)
    return tail


def _lone_title_line(lines: list[Line], line: Line, before: Line) -> bool:
    """ "Phê chuẩn kết quả bầu chức vụ Chủ tịch / (blank) / Ủy ban nhân dân thành phố Đà
    Nẵng nhiệm kỳ 2026 - 2031 / (blank) / THỦ TƯỚNG CHÍNH PHỦ": a title's line set apart,
    capitalised as a name is, after a line that ended no sentence."""
    after = lines[line.index + 1] if line.index + 1 < len(lines) else None
    ends = (".", ":", ";")
    return (not before.text.rstrip(" *_").endswith(ends) and not _is_upper(line.text)
            and not line.text.rstrip(" *_").endswith(ends)
            and (after is None or after.blank or _is_upper(after.text)))


def _is_upper(text: str) -> bool:
    return is_upper_text(text, share=1.0, at_least=4)


def _bullet_follows(lines: list[Line], index: int) -> bool:
    following = next((ln for ln in lines[index : index + 2] if not ln.blank), None)
    return following is not None and following.text.strip()[:1] in "-–+•" and len(
        following.text.strip()) <= 90


# a legal basis opens the letter's body, bullet or not; no addressee is one
_LEGAL_BASIS = re.compile(r"^[\s\-–+•*]*can cu\b")


# A dashed entry that opens with a title or a body, as "Kính gửi" entries do: "- Bộ
# trưởng, ...", "- Chủ tịch Ủy ban nhân dân ...", "- Các Sở ...", "- Tỉnh ủy ..."
_ENTRY_CLASSES = ("requester_titles", "table_heads", "open_heads", "party_committees")
_GROUP_WORD = re.compile(r"^(?:cac|nhung)$")


def _opens_an_entry(line: Line) -> bool:
    words = line.folded.strip(" *_").split()
    if not words or words[0][:1] not in "-–+•":
        return False
    words = [words[0][1:], *words[1:]] if len(words[0]) > 1 else words[1:]
    at = 1 if words and _GROUP_WORD.match(words[0]) else 0
    return any(phrase_at(words, at, name) for name in _ENTRY_CLASSES)


_ENTRY_ENDS = (";", ".", ",")


def _addressees_unlabelled(lines: list[Line], start: int) -> list[Line] | None:
    """A letter's "Kính gửi:" an OCR lost (a received stamp pressed over it): under the
    header, past a line or two of the stamp's debris, the entries still stand dashed, each
    a title or a body, ";" between them ("- Bộ trưởng, Thủ trưởng cơ quan ngang Bộ;")."""
    k, debris = start, 0
    while k < len(lines) and (lines[k].blank or (
            debris < 2 and len(lines[k].text.split()) < 8
            and not _opens_an_entry(lines[k]))):
        debris += not lines[k].blank
        k += 1
    run: list[Line] = []
    for line in lines[k : k + 12]:
        stripped = line.text.strip(" *_")
        dashed = stripped[:1] in "-–+•"
        if line.blank or (dashed and not _opens_an_entry(line)):
            break
        if not dashed and (not run or len(stripped) > 70):
            break  # a wrapped entry's second line goes on; a paragraph does not
        run.append(line)
        if stripped.endswith("."):
            break
    if not run or not all(ln.text.rstrip(" *_").endswith(_ENTRY_ENDS)
                          for k, ln in enumerate(run) if _entry_ends_at(run, k)):
        return None
    return run


def _entry_ends_at(run: list[Line], k: int) -> bool:
    """Whether `run[k]` is its entry's last line (the run ends or another entry opens)."""
    return k + 1 == len(run) or run[k + 1].text.strip(" *_")[:1] in "-–+•"


def _addressee_lines(lines: list[Line], start: int) -> list[Line]:
    """The "Kính gửi" block: until the entry that ends with a full stop, or a paragraph."""
    out = [lines[start]]
    rest = lines[start].folded[p.KINH_GUI.match(lines[start].folded).end() :].strip()
    if rest.endswith("."):
        return out
    open_list = not rest  # "Kính gửi:" alone: the entries follow
    for k, line in enumerate(lines[start + 1 : start + 25], start + 1):
        if line.blank:
            out.append(line)
            continue
        stripped = line.text.strip()
        bullet = stripped[:1] in "-–+•"
        if not bullet and len(stripped) > 90:
            break
        # "Kính gửi: Trưởng các thôn" / (blank) / "Thực hiện ...": the letter has begun;
        # so it has, blank or not, at a capitalised "Đề nghị ..." or "Thực hiện ..."
        if not bullet and not open_list and (out[-1].blank or _opens_a_request(line)):
            break
        if sum(c.isalpha() for c in stripped) > 2:  # not OCR debris ("r")
            open_list = stripped.rstrip("*_ ").endswith((";", ",", ":"))
        if any(rx.match(line.text) for kind, rx in p.MARKERS if kind in ("roman", "decimal")):
            break
        if _LEGAL_BASIS.match(line.folded):  # "- Căn cứ Bộ luật ...": a notice's bases
            break
        out.append(line)
        # a full stop ends the list, unless another entry's bullet follows it (a slip)
        if stripped.rstrip("*_ ").endswith(".") and not _bullet_follows(lines, k + 1):
            break
    while out and out[-1].blank:
        out.pop()
    return out
