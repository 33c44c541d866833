"""The signature block (TM./KT./Q./TL. authority, title, name) and the "Nơi nhận" list.

Scans flatten the two-column foot of a page, so "Nơi nhận:" entries and the
signature's title lines can share a line: titles are found as upper-case runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from vanban.extract.found import Found
from vanban.extract.lines import Line
from vanban.extract.vocabulary import collective_head, phrases
from vanban.folding import LOWER, UPPER, fold, fold_ocr
from vanban.normalize.names import reads_as_family_name, spelled_as_family_name
from vanban.normalize.syllables import looks_like_syllable
from vanban.normalize.text import capitals_in, is_upper_text
from vanban.normalize.titles import TITLES, canonical_title
from vanban.regex_gate import gated

# the titles of normalize/titles.py (one list), folded; a body there ("Ủy ban nhân dân")
# is no title of a person
_TITLES = [fold(t) for t in TITLES if not t.startswith(("Ủy ban", "Hội đồng"))] + ["giam doc so"]
def _tolerant(title: str) -> str:
    """A title's pattern that survives an English OCR: any vowel, Đ read as P or B ("GIAM POC"),
    a space after a word's first letter ("PHÓ CHÁNH V ĂN PHÒNG")."""
    out = []
    for i, char in enumerate(title):
        first = i == 0 or title[i - 1] == " "
        if char in "aeiouy":
            out.append("[a-z0-9]")
        elif char == "d" and first:
            out.append("[dpb]")
        elif char == " ":
            out.append(r"\s+")
        else:
            out.append(char)
        if first and char not in "aeiouy" and i + 1 < len(title) and title[i + 1] != " ":
            out.append(" ?")
    return "".join(out)


def _headless(title: str) -> str | None:
    """A title of two words or more without its first letter, as a seal stamped over it
    leaves it ("HỦ TƯỚNG" for "THỦ TƯỚNG", "IÁM ĐỐC"), if that is no shorter word's."""
    first = title.split(" ")[0]
    if " " not in title or len(first) < 3:
        return None
    return _tolerant(title[1:])


# (not gated: reading this long pattern's first characters at import costs a one-file run
# more than the gate saves it)
_TITLE = re.compile(
    r"\b(?:" + "|".join(_tolerant(t) for t in sorted(_TITLES, key=len, reverse=True))
    + "".join(f"|{h}" for t in sorted(_TITLES, key=len, reverse=True) if (h := _headless(t)))
    # (a signature's stroke run into the title's last letter, read "Z": "HIỆU TRƯỞNGZZ";
    # no Vietnamese word has a "z")
    + r")(?=z*\b)"
)
# "T/M." as some type it; "KT." an OCR read under a seal's edge as "„5T," (a K read as a
# 5, the dot as a comma)
_AUTHORITY = gated(re.compile(r"\b(t/?m|k/?t|q|t/?l|tuq|5t)(?:\s*\.|(?<=t)\s*,)\s*"))
_AUTHORITY_NAMES = {"tm": "TM.", "kt": "KT.", "q": "Q.", "tl": "TL.", "tuq": "TUQ.",
                    "t/m": "TM.", "k/t": "KT.", "t/l": "TL.", "5t": "KT."}
# A person's name: 2-5 capitalised syllables, nothing else on the line.
# (a seal's specks before it, read as quotes, a colon or a dot: "': Lê Văn Tâm")
_NAME = re.compile(
    rf"^[\s*_:;.,'`‘’“”\"|]*((?:[{UPPER}][{LOWER}¢€$&0-9]{{0,6}}\s+){{1,4}}[{UPPER}][{LOWER}¢€$&0-9]{{0,6}})"
    r"[\s*_.]*$"
)
_NAME_AT_END = re.compile(
    rf"(?P<name>(?P<surname>[{UPPER}](?:[^\W_]|[¢€$&]){{0,6}})(?:\s+[{UPPER}][^\s,;.]{{0,7}}){{1,3}})\s*$"
)
_NON_NAME = re.compile(r"\b(?:nhu tren|luu|noi nhan|kinh gui|thanh pho|tinh|huyen)\b")


@dataclass
class RawSigner:
    name: Found[str] | None
    position: Found[str] | None
    authority: str | None
    on_behalf_of: str | None
    body: str | None = None  # the collective after "TM." ("ỦY BAN NHÂN DÂN")


def _is_upper(text: str) -> bool:
    return is_upper_text(text, share=0.84, at_least=3)


# An authority mark an OCR read as an item's number ("KT. GIÁM ĐỐC" as "1. GIAM ĐỌC"):
# before nothing but a title in capitals (or two, a column's copy run in), it is no item
_AUTHORITY_MISREAD = re.compile(r"[1il|]\s*[.,]\s*")


def _titles_only(folded: str) -> bool:
    """Whether `folded` is a title, or two ("giam doc giam doc")."""
    first = _TITLE.match(folded)
    rest = folded[first.end() :].strip() if first else None
    return rest is not None and (not rest or bool(_TITLE.fullmatch(rest)))


def signature_start(lines: list[Line]) -> int | None:
    """Index (in `Document` lines) of the first line of a signature block among `lines`.

    A block starts with an authority ("KT. CHỦ TỊCH") or a title standing alone in capitals,
    or with the body in capitals over a title typed in lower case.
    """
    for line in lines:
        # (a table's cell bars around it, as a Word or web page's table sets the signature
        # apart: "| KT. BỘ TRƯỞNG, CHỦ NHIỆM |")
        stripped = line.folded.strip(" *_|\t")
        auth = _AUTHORITY.match(stripped)
        if auth and _is_upper(line.text):
            return line.index
        title = _TITLE.fullmatch(stripped)
        if title and _is_upper(line.text):
            return line.index
        misread = _AUTHORITY_MISREAD.match(stripped)
        if misread and _is_upper(line.text) and _titles_only(stripped[misread.end() :]):
            return line.index
    under = _title_under_a_body(lines)
    return under[0].index if under is not None else None


def find_signer(lines: list[Line], document: list[Line] | None = None) -> RawSigner | None:
    """Read the signature from the lines after the body (and the last lines of it); a
    name read there only in part is looked for whole in the `document`'s lines."""
    position: Found[str] | None = None
    authority = on_behalf = body = None
    settled = False  # the title under "KT. ..." is the signer's; a second block's is not
    authority_line = -1
    behalf_at: Found[str] | None = None  # the title after the authority, where it stands
    for line in lines:
        if capitals_in(line.text) < 3:
            continue  # (what is read below is in capitals, 3 letters at least: most lines)
        for m in _TITLE.finditer(line.folded):
            raw = line.text[m.start() : m.end()]
            if not _is_upper(raw):
                continue
            before = line.folded[max(0, m.start() - 6) : m.start()]
            auth = _AUTHORITY.search(before)
            if auth:
                if settled:
                    continue
                authority = _AUTHORITY_NAMES[auth.group(1)]
                on_behalf, authority_line = raw, line.index
                behalf_at = Found(raw, line.start + m.start(), line.start + m.end(), raw, 0.8)
                continue
            if settled:
                continue
            position = Found(raw, line.start + m.start(), line.start + m.end(), raw)
            # ("KT. BỘ TRƯỞNG, CHỦ NHIỆM": a title on the authority's line is whose)
            settled = authority is not None and line.index != authority_line
        auth = _AUTHORITY.search(line.folded)
        if auth and _is_upper(line.text[auth.end() :]) and not _TITLE.search(line.folded):
            authority = authority or _AUTHORITY_NAMES[auth.group(1)]
            body = line.text[auth.end() :].strip(" *_")
            on_behalf = on_behalf or body
    if position is not None:
        position = _title_over_the_name(lines, position) or position
    if position is None and on_behalf and _TITLE.fullmatch(fold_ocr(on_behalf).strip()):
        # the name is looked for under the authority's line, not from the page's top
        position = behalf_at or Found(on_behalf, 0, 0, on_behalf, 0.8)
    if position is not None and authority is None:
        # "KT." lost to the seal: a title over the signer's that is the same title
        # ("THỦ TƯỚNG" over "'HỦ TƯỚNG", its "PHÓ" gone too) is the head's, signed for
        authority, on_behalf = _head_over(lines, position) or (None, None)
    if position is not None and authority == "KT." and on_behalf:
        # the heads' titles: all those on the authority's line ("KT. BỘ TRƯỞNG, CHỦ NHIỆM")
        heads = next((line.text for line in lines if line.index == authority_line), on_behalf)
        position = _deputy(position, heads)
    if position is None and (under := _title_under_a_body(lines)) is not None:
        _, position, body = under
        on_behalf = on_behalf or body
    if position is None:
        position = _title_past_the_pattern(lines)
    if position is None and (small := _block_in_small_letters(lines)) is not None:
        authority, on_behalf, position = small
    if position is None:
        if body:
            return RawSigner(None, None, authority, on_behalf, body)
        name = _lone_name(lines)
        return RawSigner(name, None, None, None) if name is not None else None
    name = _find_name(lines, position, document or lines)
    return RawSigner(name, position, authority, on_behalf, body)


# an authority mark before a title, in any case and with a slash as well as a dot ("kT/bộ
# trưởng bộ tài chính": typed in small letters for a capitals font, .VnTimeH, to draw)
_AUTHORITY_TYPED = re.compile(r"\s*(t/?m|k/?t|t/?l)\s*[./]\s*")


def _block_in_small_letters(lines: list[Line]) -> tuple[str, str, Found[str]] | None:
    """(authority, the head's title, the signer's title) of a block a legacy capitals font
    drew, its letters typed small: "kT/bộ trưởng bộ tài chính / Thứ trưởng / Trần Văn A"
    (the titles in capitals the other readings ask for are the font's, not the text's)."""
    for at, line in enumerate(lines):
        auth = _AUTHORITY_TYPED.match(line.folded)
        head = _TITLE.match(line.folded, auth.end()) if auth is not None else None
        if head is None:
            continue
        below = next((ln for ln in lines[at + 1 :] if ln.text.strip()), None)
        if below is None or not _TITLE.fullmatch(below.folded.strip(" *_")):
            return None
        raw = below.text.strip(" *_")
        offset = below.text.index(raw)
        position = Found(raw, below.start + offset, below.start + offset + len(raw), raw, 0.8)
        return _AUTHORITY_NAMES[auth.group(1)], line.text[head.start() : head.end()], position
    return None


def _head_over(lines: list[Line], position: Found[str]) -> tuple[str, str] | None:
    """("KT.", the head's title) where the line over the signer's title is a title alone,
    the same one: Nghị định 30's "KT. THỦ TRƯỞNG / PHÓ THỦ TRƯỞNG" read without its
    "KT." and its "PHÓ"."""
    at = next((k for k, line in enumerate(lines) if line.start <= position.start < line.end),
              None)
    above = next((line for line in reversed(lines[:at]) if line.text.strip()), None) if at else None
    if above is None or not _is_upper(above.text):
        return None
    head = _TITLE.fullmatch(fold_ocr(above.text.strip(" *_")))
    title = canonical_title(position.value)
    if head is None or title is None or canonical_title(head.group()) != title:
        return None
    return "KT.", above.text.strip(" *_")


# Who signs for ("ký thay", KT.) a head holding one of these titles: the deputy's title.
_DEPUTY = {"Bộ trưởng": "Thứ trưởng"}


def _deputy(position: Found[str], heads: str) -> Found[str]:
    """Under "KT. CHỦ NHIỆM" the one who signs is a deputy (Nghị định 30: ký thay the
    head), so a title read as the head's own ("“HỦ NHIỆM" for "PHÓ CHỦ NHIỆM", the seal
    over its first word) is the deputy's."""
    title = canonical_title(position.value)
    signed_for = {canonical_title(_TITLE.search(fold_ocr(part)).group())
                  for part in heads.split(",") if _TITLE.search(fold_ocr(part))}
    if title is None or title not in signed_for:
        return position
    deputy = _DEPUTY.get(title, f"Phó {title}")
    if canonical_title(deputy) != deputy:
        return position
    return Found(deputy, position.start, position.end, position.raw, 0.7)


# A name in title case ("Văn Khải" with a damaged family name before it), and the run
# of words in capitals a line ends with ("1 S) ƠNG ĐOÀN": a title the signature crossed).
_TITLE_CASE = re.compile(rf"(?:^|\s)[{UPPER}][{LOWER}]+\s+[{UPPER}][{LOWER}]+\s*$")
# (a letter's stroke a streak or a seal cut off reads as a lone "1" or "|": "GIÁI 1 ĐÓC")
_CAPITALS_AT_END = gated(re.compile(rf"(?:[{UPPER}]{{2,}}\s+(?:[1|!]\s+)?)+[{UPPER}]{{2,}}\s*$"))
_STROKE_PIECE = re.compile(r"\s[1|!](?=\s)")
# Lines over the name a title may stand in where no authority mark was read: the title's
# own and the body's (a signature's strokes read as a line between them)
_OVER_THE_NAME = 3


def _title_over_the_name(lines: list[Line], position: Found[str]) -> Found[str] | None:
    """The signer's title where a signature or a seal damaged it past the title pattern
    ("T/M. ĐOÀN KIỂM TRA / 1 S) ƠNG ĐOÀN / ... / Hoàng Văn Lợi / PHÓ GIÁM ĐỐC"): the
    title found was printed under the name (the signer's office, not the title signed
    as), so a line in capitals between the authority and the name that reads as a title
    is the signer's; where none is left, the head of the collective "TM." names."""
    at = next((k for k, line in enumerate(lines) if line.start <= position.start < line.end
               or line.start == position.start), None)
    if at is None or at == 0 or not _TITLE_CASE.search(lines[at - 1].text):
        return None
    authority = max((k for k, line in enumerate(lines[:at])
                     if _AUTHORITY.match(line.folded.strip(" *_"))), default=None)
    # (the authority's line lost to the seal too, "À ĐOÀN KIỂM TRA" for "T/M. ĐOÀN KIỂM
    # TRA": the title is looked for in the few lines over the name)
    first = authority + 1 if authority is not None else max(0, at - 1 - _OVER_THE_NAME)
    for line in lines[first : at - 1]:
        m = _CAPITALS_AT_END.search(line.text)
        if m and canonical_title(m.group().strip()) is not None:
            raw = m.group().strip()
            start = line.start + m.start() + (len(m.group()) - len(m.group().lstrip()))
            return Found(raw, start, start + len(raw), raw, 0.7)
    if authority is None:
        return None
    # the title line lost whole: who signs "TM." a collective is its head
    line = lines[authority]
    signed_for = _AUTHORITY.match(line.folded.strip(" *_"))
    if signed_for and _AUTHORITY_NAMES[signed_for.group(1)] == "TM.":
        head = collective_head(line.text.strip(" *_")[signed_for.end() :])
        if head is not None:
            return Found(head, line.start, line.end, line.text, 0.6)
    return None


def _title_past_the_pattern(lines: list[Line]) -> Found[str] | None:
    """A title a seal or a signature damaged past the pattern ("TRƯỞNG BẠX"), as the
    capitals a foot's line ends with, where no title was found at all: two or three
    words that read as a title."""
    for line in lines:
        m = _CAPITALS_AT_END.search(line.text)
        if m is None or not 2 <= len(m.group().split()) <= 3:
            continue
        raw = m.group().strip()
        read = _STROKE_PIECE.sub("", raw)
        # (closer than a title read whole need be: "TỔNG CỤC THUẾ" is no "Tổng Cục trưởng")
        if process.extractOne(fold_ocr(read), _TITLES, scorer=fuzz.ratio, score_cutoff=85):
            start = line.start + line.text.index(raw, m.start())
            return Found(read, start, start + len(raw), raw, 0.6)
    return None


def _title_under_a_body(lines: list[Line]) -> tuple[Line, Found[str], str] | None:
    """(body line, title, body) of a title on a line of its own, as typed ("Chủ tịch"),
    under its body in capitals ("UBND THỊ TRẤN NẾNH"): a signature without "TM." (a
    table's cells, "|" kept)."""
    above: Line | None = None
    for line in lines:
        stripped = line.text.strip(" *_|\t")
        if not stripped:
            continue
        if above is not None and _TITLE.fullmatch(fold_ocr(stripped)):
            start = line.start + line.text.index(stripped)
            title = Found(stripped, start, start + len(stripped), stripped)
            return above, title, above.text.strip(" *_|\t")
        above = line if _is_upper(stripped) and not _TITLE.search(fold_ocr(stripped)) else None
    return None


# A police or army rank before the name: "Đại tá", "Thượng úy", "Thiếu tướng".
_RANK = re.compile(
    r"^(?:[dpb][a-z0-9]{1,2}i|th[a-z0-9]{1,3}ng|trung|thi[a-z0-9]{1,2}u)\s+"
    r"(?:t[a-z0-9]|[a-z0-9]y|t[a-z0-9]{1,3}ng)\s+(?=\S+\s+\S)"
)


def _without_rank(found: Found[str]) -> Found[str]:
    m = _RANK.match(fold_ocr(found.value))
    if not m:
        return found
    name = found.value[m.end() :]
    return Found(name, found.start + m.end(), found.end, name, found.confidence)


def _find_name(lines: list[Line], position: Found[str], document: list[Line]
               ) -> Found[str] | None:
    found = _name_after(lines, position)
    found = _without_rank(found) if found is not None else None
    if found is None or not _is_whole_name(found.value):
        found = _named_elsewhere(lines, position, document) or found
    return found


def _is_whole_name(name: str) -> bool:
    """Whether a name read has its family name first ("Văn Khải" lost its "Đặng"; "Tlồ
    Đức Phớc", a seal's edge over the H of "Hồ", has a first word that is no syllable)."""
    words = name.split()
    return (len(words) >= 2 and fold_ocr(words[0]) not in ("van", "thi")
            and looks_like_syllable(words[0])
            and (reads_as_family_name(words[0]) or len(words) >= 3))


# The last two words of a line under the title, as a signature and a seal leave a name
# ("‘. lạnh Cường", "*săng Văn Khải"): the given name whole, a word before it.
_NAME_TAIL = re.compile(rf"(?P<before>[^\W\d_]+)\s+(?P<last>[{UPPER}][{LOWER}]{{1,6}})[\s.]*$")
_HONORIFICS = {phrase[0] for phrase in phrases("honorifics") if len(phrase) == 1}
_PERSON = re.compile(rf"\b(?:[{UPPER}][{LOWER}]{{0,6}}\s+){{1,3}}[{UPPER}][{LOWER}]{{0,6}}\b")


def _named_elsewhere(lines: list[Line], position: Found[str], document: list[Line]
                     ) -> Found[str] | None:
    """The signer's whole name as the document writes it elsewhere (the recipients'
    "PCN Phạm Mạnh Thắng", a team's list "Ông Đặng Văn Khải - Trưởng đoàn"), where the
    name under the title was read only in part: the same given name, the word before it
    alike, a family name first, and one such."""
    after = [ln for ln in lines if ln.end > position.end and _has_three_letters(ln.text)]
    damaged = next((m for ln in after[:_NAME_WITHIN] if (m := _NAME_TAIL.search(ln.text))), None)
    if damaged is None:
        return None
    last, before = fold_ocr(damaged.group("last")), fold_ocr(damaged.group("before"))
    # a seal's speck read as letters ("XS Cường") says nothing of the word before
    speck = damaged.group("before").isupper() and len(before) <= 2
    found: dict[str, Found[str]] = {}
    for line in document:
        for m in _PERSON.finditer(line.text):
            name = m.group()
            if len(name.split()) > 3 and fold(name.split()[0]) in _HONORIFICS:
                name = name.split(None, 1)[1]
            words = name.split()
            if (fold_ocr(words[-1]) != last or len(words) < 3
                    or not reads_as_family_name(words[0])
                    or (not speck and _alike(fold_ocr(words[-2]), before) < 0.6)):
                continue
            start = line.start + m.end() - len(name)
            found.setdefault(name, Found(name, start, start + len(name), name, 0.6))
    return next(iter(found.values())) if len(found) == 1 else None


def _alike(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100


# The name sits a few lines under the title (room for the signature and the seal), or at
# the end of a flattened foot's line; an annex or a table may follow further down, with
# names of places alone on a line. Counted without blank lines, which OCR multiplies.
_NAME_WITHIN = 12
_LETTER = re.compile(r"[^\W\d_]")
# three letters ("[^\W\d_]" each), whatever lies between: a line with them is found at its
# third letter, not by listing all its letters
_THREE_LETTERS = re.compile(r"[^\W\d_](?:[\W\d_]*[^\W\d_]){2}")


def _has_three_letters(text: str) -> bool:
    """`len(_LETTER.findall(text)) >= 3`, read no further than the third letter."""
    return _THREE_LETTERS.search(text) is not None


def _name_after(lines: list[Line], position: Found[str]) -> Found[str] | None:
    if (same := _name_beside(lines, position)) is not None:
        return same
    after = [ln for ln in lines if ln.end > position.end] if position.end else lines
    # (an OCR's specks about a seal, "' `", ";", are no lines either)
    after = [ln for ln in after if _has_three_letters(ln.text)][:_NAME_WITHIN]
    for line in after:
        text = _without_office(_without_degree(line.text))
        m = _NAME.match(text) or _NAME.match(_capital_mended(text))
        if m and not _NON_NAME.search(line.folded) and not _is_upper(m.group(1)):
            raw = text[m.start(1) : m.end(1)]
            start = line.start + m.start(1)
            return Found(m.group(1), start, start + len(raw), raw)
    # a flattened two-column foot puts the name at the end of a "Nơi nhận" line
    # (tried from each word on: "- Lưu: VT, TH(2). H        Trần Văn An" has debris first)
    for line in after:
        for word in re.finditer(r"\S+", line.text):
            m = _NAME_AT_END.match(line.text, word.start())
            if m and _is_person_name(m):
                raw = m.group("name")
                start = line.start + m.start("name")
                return Found(raw, start, start + len(raw), raw, 0.7)
    return None


# Academic degrees and titles a signer puts before the name ("GS.TS. Trần Văn A", "TS-LS.
# Nguyễn Văn B", "ThS. Lê C"): blanked, so the name keeps its place on the line
_DEGREE = re.compile(r"^[\s*_]*(?:(?:P?GS|TS|ThS|BS|CKI{1,2}|LS|KS|DS|NGND|NG[ƯU]T)[.\-]\s*)+"
                     r"(?=[^\W\d_])")


def _without_office(text: str) -> str:
    """`text` without the office printed under the name where an OCR ran the two lines
    into one ("Hoàng Văn Thuần PHÓ GIÁM ĐỐC": a seal's block read again as one column);
    blanked, so the name keeps its place on the line."""
    m = _CAPITALS_AT_END.search(text)
    if m is None or not text[: m.start()].strip() or canonical_title(m.group().strip()) is None:
        return text
    return text[: m.start()] + " " * (len(text) - m.start())


def _without_degree(text: str) -> str:
    m = _DEGREE.match(text)
    return " " * m.end() + text[m.end() :] if m else text


def _name_beside(lines: list[Line], position: Found[str]) -> Found[str] | None:
    """The name after the title on the title's own line, and nothing else there: a web
    page's copy of the signing box runs its lines into one ("KT. BỘ TRƯỞNG THỨ TRƯỞNG
    Lê Văn An")."""
    line = next((ln for ln in lines if ln.start <= position.start < ln.end), None)
    if line is None or not position.end:
        return None
    at = position.end - line.start
    m = _NAME.match(line.text[at:])
    if m is None or _is_upper(m.group(1)) or not _is_whole_name(m.group(1)):
        return None
    start = position.end + m.start(1)
    return Found(m.group(1), start, start + len(m.group(1)), m.group(1))


def _lone_name(lines: list[Line]) -> Found[str] | None:
    """The signer's name where a seal took the title over it: the one line of the foot
    that is a whole person's name alone (a recipient's line starts with "-")."""
    found = []
    for line in lines:
        text = _without_degree(line.text)
        m = _NAME.match(text) or _NAME.match(_capital_mended(text))
        if (m and len(m.group(1).split()) >= 3 and _is_whole_name(m.group(1))
                and not _is_upper(m.group(1)) and not _NON_NAME.search(line.folded)):
            start = line.start + m.start(1)
            found.append(Found(m.group(1), start, start + len(m.group(1)), m.group(1), 0.6))
    return found[0] if len(found) == 1 else None


# A capital a seal's ring cut into a stroke: "1ông Quang Thìn" (Tống), "|ê Văn An" (Lê)
_CAPITAL_OF = {"1": "TL", "7": "T", "|": "LI", "!": "I"}


def _capital_mended(text: str) -> str:
    """`text` with its first word's first character, a stroke, read as the capital that
    makes the word a family name; as it is where none does."""
    stripped = text.lstrip()
    at = len(text) - len(stripped)
    word = stripped.split(" ", 1)[0]
    for capital in _CAPITAL_OF.get(word[:1], ""):
        if reads_as_family_name(capital + word[1:]):
            return f"{text[:at]}{capital}{text[at + 1 :]}"
    if word[:1] in _SPECKS and word[1:2].islower():
        # the capital lost under a signature's stroke, a speck left in its place ("„rân
        # Duy Đông"): the one capital that makes the word a family name
        capital = _the_capital(word[1:])
        if capital:
            return f"{text[:at]}{capital}{text[at + 1 :]}"
    if word[:1].islower() and len(word) > 1:
        # the capital lost whole at a seal's edge ("rần Ngọc Căng"): the one capital that
        # makes the word a family name
        capital = _the_capital(word)
        if capital:
            return f"{text[:at]}{capital}{text[at:]}"
    return text


def _the_capital(rest: str) -> str | None:
    """The one capital that makes `rest` a family name; of several, the one whose family
    name has `rest`'s marks ("ê" is "Lê", not "Bế")."""
    fits = [c for c in _CAPITALS if reads_as_family_name(c + rest)]
    spelled = [c for c in fits if spelled_as_family_name(c + rest)]
    return fits[0] if len(fits) == 1 else spelled[0] if len(spelled) == 1 else None


_SPECKS = frozenset("„‚,.'`‘’“”\"")
_CAPITALS = "ABCDĐGHKLMNPQSTVXY"


def _is_person_name(m: re.Match[str]) -> bool:
    """A family name first, or "Thị"/"Văn" second ("Vii Thi Lan Anh": a damaged "Vũ")."""
    words = m.group("name").split()
    if _is_upper(m.group("name")):  # "CHỦ NGHĨA VIỆT NAM" of a motto: "Chu" is a surname
        return False
    if len(m.group("surname")) > 1 and m.group("surname").isupper():
        return False  # a title's last word in capitals before the name ("TRƯỞNG Lê Văn An")
    return reads_as_family_name(m.group("surname")) or (
        len(words) >= 3 and fold_ocr(words[1]) in ("thi", "van")
    )


def find_recipients(lines: list[Line], prefix_end: int) -> list[Found[str]]:
    """The "Nơi nhận" entries, without signature words that share their lines."""
    out = []
    for i, line in enumerate(lines):
        text = line.text[prefix_end:] if i == 0 else line.text
        offset = line.start + (prefix_end if i == 0 else 0)
        stripped = text.strip()
        if not stripped.startswith(("-", "–", "+", "•")):
            continue
        cut = len(text)
        # (a title, and what an authority heads, is cut only in capitals, 3 at least: a
        # line with fewer holds neither)
        capitals = capitals_in(text) >= 3
        for m in _TITLE.finditer(fold_ocr(text)) if capitals else ():
            if _is_upper(text[m.start() : m.end()]):
                cut = min(cut, m.start())
        auth = _AUTHORITY.search(fold_ocr(text)) if capitals else None
        if auth and _is_upper(text[auth.end() :]):
            cut = min(cut, auth.start())
        # "- CT, các PCT UBND tỉnh; Đỗ Minh Tuấn": the signer's name from the other column
        name = _NAME_AT_END.search(text[:cut])
        if name and text[: name.start()].rstrip().endswith(";") and _is_person_name(name):
            cut = name.start()
        entry = text[:cut].strip().lstrip("-–+• ").rstrip(" ;,.")
        if entry:
            start = offset + text.index(entry)
            out.append(Found(entry, start, start + len(entry), entry))
    return out
