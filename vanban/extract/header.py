"""Header fields: số ký hiệu, place and date, document type, subject, issuing body."""

from __future__ import annotations

import datetime as dt
import re

from vanban.extract import patterns as p
from vanban.extract.found import Found
from vanban.extract.layout import Layout, doc_type_of, issuer_segments
from vanban.extract.lines import Line
from vanban.folding import DIGIT_OF
from vanban.normalize.codes import FOLDED_DOC_TYPES, canonical_number, doc_type_from_code
from vanban.normalize.dates import make_date
from vanban.normalize.text import words_at

# After "Số:": digits, a separator an OCR may drop, and the symbol ("1043 UBND-KT"); a
# legal document's number has its year between them ("15/2010/QĐ-UBND", Nghị định 30)
# (before 2004 a symbol's parts stood apart by slashes too: "155/1998/TT/BTC",
# "144/2002/QĐ/BTC", "1141 TC/QĐ/CĐKT"; such a part is in capitals)
_NUMBER = re.compile(
    r"(?P<digits>\d{1,6})?\s*(?P<sep>[/|lI1]?)\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?"
    r"(?P<symbol>[A-ZĐa-zđ&][A-ZĐa-zđ0-9&¢§?]*(?:\s*[-–]\s*[A-ZĐa-zđ&][A-ZĐa-zđ0-9&¢§?]*"
    r"|/[A-ZĐ][A-ZĐ0-9&]+(?![a-zđà-ỹ]))*)"
)
# An OCR's "§" in a symbol is an "8" beside a digit ("PA§3" is PA83), else an "S"; its "?"
# is a speck, which no symbol holds ("VP?7")
_SECTION_SIGN = re.compile(r"§(?=\d)|(?<=\d)§")


# A number's digits in up to three pieces (strokes a pen left apart), a "1" read "l", "I" or
# "|", before a symbol in capitals, its slash lost or not
_SPACED_DIGITS = re.compile(
    r"\s*(?P<digits>[\dlI|]{1,3}(?:[ \t][\dlI|]{1,3}){1,2})[ \t]*/?[ \t]*"
    r"(?P<symbol>[A-ZĐ]{2}[A-ZĐ&]*(?:-[A-ZĐ][A-ZĐa-zđ0-9&]*)+)")
_ONES = str.maketrans("lI|", "111")
# The Party's documents are numbered so (Quy định 66-QĐ/TW): "Số 36-HD/VPTW", "Số
# 127-QĐ/TW", "Số 15-CV/TU" (the type's code after a dash, then the body's)
_PARTY_NUMBER = re.compile(r"\s*\d{1,5}\s*-\s*[A-ZĐ]{1,4}\s*/\s*[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9&]+)*"
                           r"(?:/[a-zđ]{1,4}\b)?")
# a code with its dash a few marks after a one-letter "symbol" ("2/J “€TI-CS")
_CODE_AFTER = re.compile(r"[^\w\n]{0,4}\S{0,3}[A-ZĐ]{1,6}-[A-ZĐ][A-ZĐ0-9]*")
_SYMBOL_AFTER = re.compile(r"/\s*[A-ZĐ][A-ZĐ&]+(?:-[A-ZĐ][A-ZĐa-zđ&]*)?")


# what may stand between "Số:" at a line's end and the number on the next: the markup of
# a page's cells and emphasis
_CELL_MARKS = " \t*_|"


def _number_start(layout: Layout, line: Line, after: int) -> tuple[Line, int]:
    """The line and the offset the number after "Số:" starts at: a page wrapped at its
    width may leave "Số:" alone at its line's end and write the number on the next line
    ("Số:" / "36/2025/QĐ-UBND")."""
    if line.text[after:].strip(_CELL_MARKS):
        return line, after
    below = next((ln for ln in layout.lines[line.index + 1 : line.index + 3] if not ln.blank),
                 None)
    if below is None:
        return line, after
    start = len(below.text) - len(below.text.lstrip(_CELL_MARKS))
    return (below, start) if below.text[start : start + 1].isdigit() else (line, after)


def find_number(layout: Layout) -> Found[str | None] | None:
    if layout.number is None:
        return None
    line, marker = layout.number
    line, after = _number_start(layout, line, marker.end())
    party = _PARTY_NUMBER.match(line.text, after)
    if party:  # "Số 36-HD/VPTW": a Party body's number, its type's code after a dash
        return Found(re.sub(r"\s+", "", party.group()), line.start + party.start(),
                     line.start + party.end(), party.group(), 0.95)
    m = _NUMBER.match(line.text, after)
    if (m is None or not m.group("digits")) and (
            spaced := _SPACED_DIGITS.match(line.text, after)):
        # a handwritten number read in pieces, its "1" as "l", its slash lost: "Số:l1 45TB-ĐHTĐ"
        digits = re.sub(r"\s", "", spaced.group("digits")).translate(_ONES)
        if 2 <= len(digits) <= 5 and sum(c.isdigit() for c in spaced.group("digits")) >= 2:
            value = canonical_number(f"{digits}/{spaced.group('symbol')}")
            return Found(value, line.start + spaced.start("digits"),
                         line.start + spaced.end(), spaced.group().strip(), 0.7)
    if not m:
        # digits past reading ("]+9-} /TB-UBND"): the symbol still says the type
        m = _SYMBOL_AFTER.search(line.text, after, after + 16)
        return Found(None, line.start + m.start(), line.start + m.end(), m.group(), 0.5) \
            if m else None
    late = _SYMBOL_AFTER.search(line.text, m.end(), m.end() + 8)
    if not m.group("sep") and len(m.group("symbol")) <= 2 and late:
        # the digits run into marks before the real symbol's slash ("4J|2 /CAT-PC04"):
        # a number past reading, not a number "4/J"
        return Found(None, line.start + late.start(), line.start + late.end(), late.group(),
                     0.5)
    symbol = m.group("symbol")
    if len(symbol) == 1 and (code := _CODE_AFTER.match(line.text, m.end())):
        # "Số: 2/J “€TI-CS": a handwritten "191" read as a slash and a letter, the real
        # symbol after it: a number past reading, not "2/J"
        return Found(None, line.start + code.start(), line.start + code.end(), code.group(),
                     0.5)
    following = line.text[m.end() : m.end() + 1]
    if following.islower() and symbol[-1:].isupper():
        symbol = symbol[:-1]  # "KH-UBNDLâm Đồng": the place's first letter, glued on
    # the symbol is upper case; stop before the place name that may follow on the line
    parts = re.split(r"(\s*[-–]\s*)", symbol)
    kept = [parts[0]]
    for sep, part in zip(parts[1::2], parts[2::2], strict=False):
        kept += [sep, part]
    symbol = re.sub(r"\s+", "", "".join(kept)).replace("–", "-")
    symbol = _SECTION_SIGN.sub("8", symbol).replace("§", "S").replace("?", "")
    # ("KH-UBNDLâm Đồng": a place glued on; "TTr", "TTg" are codes of their own)
    symbol = re.split(r"(?<=[A-ZĐ0-9])(?=[A-ZĐ][a-zđà-ỹ]{2,})", symbol)[0]
    if not m.group("digits"):
        return Found(None, line.start + m.start(), line.start + m.end(), m.group(), 0.9)
    year = f"{m.group('year')}/" if m.group("year") else ""
    digits = m.group("digits")
    if year and m.end("digits") == m.start("year") and len(digits) > 1 and digits[-1] == "1":
        digits = digits[:-1]  # "0112025 /QĐ-TTg": the slash before the year read as a "1"
    value = canonical_number(f"{digits}/{year}{symbol}")
    return Found(value, line.start + m.start(), line.start + m.end(), m.group(), 0.95)


# A legal document's number carries its year ("3/2025/QĐ-UBND"): an OCR may read the
# slash between the two as a "1" ("312025/QĐ-UBND"). Six digits or more are no number a
# body reaches in a year, so the run is the number, the slash and the year.
def year_read_in(number: str, year: int) -> str:
    """`number` with its year parted off again where the slash before it was read "1"."""
    digits, sep, symbol = number.partition("/")
    m = re.fullmatch(rf"(\d{{1,4}})1{year}", digits)
    if not sep or m is None or re.match(r"\d{4}/", symbol):
        return number
    return f"{m.group(1)}/{year}/{symbol}"


def find_place_date(layout: Layout) -> tuple[Found[str] | None, Found[dt.date | None] | None]:
    if layout.place_date is None:
        return None, None
    line, m = layout.place_date
    place_start, place_end = m.span("place")
    raw_place = line.text[place_start:place_end]
    # on a flattened line the number precedes the place: keep the trailing words only
    number = layout.number
    if number is not None and number[0].index == line.index:
        after_number = _NUMBER.match(line.text, number[1].end()) or _SYMBOL_AFTER.search(
            line.text, number[1].end(), number[1].end() + 16)
        if after_number and after_number.end() <= place_end:
            place_start = max(place_start, after_number.end())
            raw_place = line.text[place_start:place_end]
    raw_place = raw_place.strip(" *_")
    place = Found(raw_place, line.start + place_start, line.start + place_end, raw_place)
    day, month, year = m.group("day"), m.group("month"), m.group("year")
    day, month = (v.translate(DIGIT_OF) if v else v for v in (day, month))
    stroked = (_with_a_stroke(line.folded, m, "day", day),
               _with_a_stroke(line.folded, m, "month", month))
    guessed = stroked != (day, month)
    day, month = stroked
    date = make_date(day, month, year) if day and month else None
    # (a stroke taken for a 1 is a guess a signing box's date may overrule)
    confidence = (_STROKED if guessed else 0.95) if date else 0.9
    found_date = Found(date, line.start + m.start("day") if day else line.start + m.end("place"),
                       line.start + m.end(), line.text[m.end("place"):m.end()], confidence)
    return place, found_date


# A handwritten "1" after a digit, as an OCR reads it: "ngày 3| tháng" is the 31st,
# "ngày 2l" the 21st, "ngày 1] tháng 9" the 11th.
_STROKED = 0.8
_STROKE = re.compile(r"[|l\]!i](?=[\s.…]|th)")


def _with_a_stroke(folded: str, m: re.Match[str], group: str, digits: str | None
                   ) -> str | None:
    """One digit followed, with no space, by a stroke an OCR did not take for a "1"."""
    if digits is None or len(digits) != 1 or not digits.isdigit():
        return digits
    if _S_SHAPED.match(folded, m.end(group)):
        return None  # "ngày 2Š tháng": its second digit, an "8" or a "5", read as a letter
    return digits + "1" if _STROKE.match(folded, m.end(group)) else digits


# A handwritten digit an OCR read as the S-shaped letter or sign it looks like, glued to
# the digit before it and followed by the next word: the day or month is not read whole
_S_SHAPED = re.compile(r"[s§$&](?=[\s.…]|th)")


def find_doc_type(layout: Layout, number: Found[str | None] | None) -> Found[str]:
    if layout.doc_type is not None:
        line = layout.doc_type
        return Found(layout.doc_type_name or doc_type_of(line), line.start, line.end,
                     line.text.strip())
    if layout.subject and layout.subject_prefix:
        first = layout.subject[0]
        return Found("Công văn", first.start, first.start + layout.subject_prefix, "V/v")
    # (the symbol says the type where the digits were past reading: "]+9-} /TB-UBND")
    if number is not None and "/" in (number.value or number.raw):
        symbol = (number.value or number.raw).split("/", 1)[1].strip()
        by_code = doc_type_from_code(symbol)
        if by_code:
            return Found(by_code, number.start, number.end, number.raw, 0.8)
    # a letter without a type name is a công văn (Nghị định 30/2020, Phụ lục III)
    return Found("Công văn", 0, 0, "", 0.6)


def find_subject(layout: Layout) -> Found[str] | None:
    if not layout.subject:
        return None
    first, last = layout.subject[0], layout.subject[-1]
    start = first.start + layout.subject_prefix
    pieces = [first.text[layout.subject_prefix :]] + [ln.text for ln in layout.subject[1:]]
    text = " ".join(piece.strip(" *_") for piece in pieces if piece.strip(" *_"))
    # (an OCR's "|" is a rule or a box's edge read as a letter: no subject holds one)
    text = re.sub(r"\s+", " ", text.replace("|", " ")).strip(" .;:")
    opening = _OPENING.search(text)
    before = _LETTERS.findall(text[: opening.start()]) if opening is not None else []
    if opening is not None and not any(len(word) >= 3 and word.islower() for word in before):
        # a scan's debris before the subject's own opening ("^ ,À ” Về việc ...", the signing
        # box's "TRUNG TÂM CÔNG BÁO |" run in, ",Vềviệc"): no word a subject is made of
        text = text[opening.end() :]
    # a chỉ thị's or quyết định's "Về tăng cường ...": the subject is what it is about
    text = _ABOUT.sub("", text)
    return Found(text, start, last.end, text) if text else None


# "Về việc" or "V/v" capitalised or in capitals ("VỀ" / "VIỆC ..." over two lines), as a
# subject opens; a subject that goes on to one ("Kết luận của Chủ tịch về việc ...") has
# words in lower case before it
_OPENING = re.compile(r"(?<![^\W\d_])(?:V\s*/\s*v|V[ềeéỀEÉ]\s*(?:vi[ệeé]|VI[ỆEÉ])"
                      r"(?:c|t(?!\s+Nam)|C))(?![^\W\d_])\s*:?\s*")
_LETTERS = re.compile(r"[^\W\d_]+")
_ABOUT = re.compile(r"^(?:Về|VỀ)\s+(?=[^\W\d_])")


# Marks on how to handle the letter, and a draft's mark ("DỰ THẢO")
_URGENCY = re.compile(
    r"(?:h[o0]a t[o0]c|th[u]?[o0]ng kh[a]n|kh[a]n|t[o0]i m[a]t|m[a]t|d[u]? th[a]o)\W*"
)


# A signing box's fields ("Người ký: ...", "Email: ...", "Cơ quan: ...", "Thời gian ký:
# ..."): the box a portal or the signing service stamps over the header names who signed
# or republished the copy, not the body in the header's column
_BOX_FIELD = re.compile(r"^[\W\d_]*(?:e-?mail|c[a-z]{1,2}[ \t]*quan)[ \t]*:")
# a certified copy's box opens with its kind ("SAO Y", "SAO LỤC", "TRÍCH SAO") over the
# copying body's name and the signing time
_COPY_MARK = re.compile(r"^[\W\d_]*(?:sao[ \t]*(?:y|luc)|trich[ \t]*sao)[\W\d_]*$")


def _signing_box(lines: list[Line]) -> set[int]:
    """Indexes of `lines` that belong to a signing box: its fields, and a field's value
    wrapped onto a line of its own between two fields."""
    fields = {i for i, ln in enumerate(lines)
              if p.SIGNATURE_STAMP.match(ln.folded) or _BOX_FIELD.match(ln.folded)
              or _COPY_MARK.match(ln.folded)}
    return fields | {i for i in range(1, len(lines) - 1)
                     if i - 1 in fields and i + 1 in fields}


def find_issuer_lines(layout: Layout) -> list[Found[str]]:
    """Header lines naming the issuing body (and its parent), motto removed."""
    out = []
    box = _signing_box(layout.header)
    for index, line in enumerate(layout.header):
        if index in box:
            continue
        for start, end in issuer_segments(line):
            # an OCR's "|" is the rule between the header's two columns: the motto's side
            # ("|xã Hội") is no part of the issuer
            raw = line.text[start:end].split("|")[0].strip(" *_")
            # "HỎA TỐC", "KHẨN", "MẬT", "DỰ THẢO": about the letter, not who sent it
            if raw and not _URGENCY.fullmatch(line.folded[start:end].strip(" *_")):
                offset = line.text.index(raw, start)
                out.append(Found(raw, line.start + offset, line.start + offset + len(raw), raw))
    return out



# A directive as the official gazette and law portals print it, with no two-column header:
# "CHỈ THỊ / CỦA BỘ NỘI VỤ SỐ 05/2020/CT-BNV / NGÀY 15 THÁNG 3 NĂM
# 2020 / VỀ TĂNG CƯỜNG ..." (matched on the folded view, the title's lines joined)
_GAZETTE_TITLE = re.compile(
    r"\bcua\s+(?P<issuer>[a-z ,&-]{3,120}?)\s+so\s*:?\s*(?P<number>\d{1,5}(?:/\d{4})?/[a-z0-9&.-]+)"
    r"\s+ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s+nam\s+(?P<y>\d{4})"
    r"(?:\s+ve\s+(?:viec\s+)?(?P<subject>[^\n]*?))?\s*$"
)


def find_gazette_title(text: str, folded: str, start: int, end: int
                       ) -> dict[str, Found[str]] | None:
    """Issuer, number, date and subject from a gazette's title block in `text[start:end]`.

    The block's lines are joined with spaces of the same length, so spans stay offsets
    into the document.
    """
    joined = re.sub(r"\s", " ", folded[start:end])
    m = _GAZETTE_TITLE.search(" ".join(joined.split()))
    if m is None:
        return None
    # the match was on a view with runs of spaces collapsed: find its pieces again in place
    found: dict[str, Found[str]] = {}
    for key in ("issuer", "number", "subject"):
        value = m.group(key)
        if not value:
            continue
        where = words_at(value.split(), joined)
        if where is None:
            continue
        s, e = start + where[0], start + where[1]
        raw = " ".join(text[s:e].split())
        if key == "number":
            raw = raw.upper().replace("Đ", "Đ")
        found[key] = Found(raw, s, e, text[s:e])
    # the type named before "của" ("Quyết định / của Thủ tướng Chính phủ số ...")
    before = " ".join(joined.split())[: m.start()].split()[-3:]
    for k in range(len(before)):
        if (kind := FOLDED_DOC_TYPES.get(" ".join(before[k:]))) is not None:
            found["type"] = Found(kind, start, start, kind)
            break
    date = make_date(m.group("d"), m.group("m"), m.group("y"))
    if date is not None and "number" in found:
        n = found["number"]
        found["date"] = Found(date.isoformat(), n.start, n.end, n.raw)
    return found
