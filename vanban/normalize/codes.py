"""Document types of Nghị định 30/2020/NĐ-CP and the codes used in số ký hiệu."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from rapidfuzz import fuzz

from vanban.folding import fold_ocr

# Tên loại văn bản → abbreviation (Phụ lục III, Nghị định 30/2020), plus legal documents
# that directives cite.
DOC_TYPES: dict[str, str] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công văn": "",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "GN",
    "Bản thỏa thuận": "TTh",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
    "Kết luận": "KL",
    "Nghị định": "NĐ",
    "Thông tư": "TT",
    "Thông tư liên tịch": "TTLT",
    "Luật": "",
    "Pháp lệnh": "",
    "Văn bản hợp nhất": "VBHN",
}
FOLDED_DOC_TYPES = {fold_ocr(name): name for name in DOC_TYPES}
CODE_TO_TYPE = {code: name for name, code in DOC_TYPES.items() if code}

# Symbol parts that an English OCR or plain typing spells without Đ.
_SYMBOL_FIXES = {
    "QD": "QĐ", "QP": "QĐ", "QB": "QĐ", "Q0": "QĐ", "ND": "NĐ", "NP": "NĐ", "CD": "CĐ",
    "QYD": "QyĐ", "HDND": "HĐND", "BCD": "BCĐ", "DA": "DA", "TTR": "TTr", "CTR": "CTr",
    "QDND": "QĐND", "DBQH": "ĐBQH", "VPDBQH": "VPĐBQH", "TTH": "TTh", "HD": "HD",
}
# Keys of _SYMBOL_FIXES that only an OCR writes (P or B for Đ), not a typist.
_OCR_ONLY = frozenset({"QP", "QB", "NP"})
# Đ lost inside a longer part: "SGDDT" (Sở Giáo dục và Đào tạo), "VPHDND"
_SYMBOL_INFIX_FIXES = {"GDDT": "GDĐT", "KHDT": "KHĐT", "HDND": "HĐND", "DBQH": "ĐBQH"}
# Letters OCR turns digits into inside a symbol ("UBND-TTHC" is letters only).
_SYMBOL_DIGITS = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B"})


# A unit's code is its name's initials, often after the kind of body: "SLĐTBXH" (Sở Lao
# động - Thương binh và Xã hội), "QLĐĐ" (Quản lý đất đai).
_UNIT_PREFIXES = ("", "S", "B", "VP", "UB", "BQL", "CC", "P", "TT")


def _initials(name: str) -> str:
    """"Sở Lao động - Thương binh và Xã hội" → "SLĐTBXH"."""
    words = re.findall(r"[^\W\d_]+", name)
    return "".join(w[0].upper() for w in words if w.lower() not in ("và", "các"))


@cache
def _unit_codes() -> dict[str, str]:
    """Initials with Đ of every run of 2+ words of a known name, by their bare spelling."""
    codes: dict[str, set[str]] = {}
    for table in ("agencies.txt", "admin_words.txt"):
        text = resources.files("vanban.data").joinpath(table).read_text("utf-8")
        for line in text.splitlines():
            if line.startswith(("#", "Các ")):  # a list of kinds of bodies has no code
                continue
            if "đ" not in line and "Đ" not in line:  # no initial Đ, no code kept (most lines)
                continue
            initials = _initials(line)
            for i in range(len(initials)):
                for j in range(i + 2, len(initials) + 1):
                    if "Đ" in initials[i:j]:
                        codes.setdefault(initials[i:j].replace("Đ", "D"), set()).add(initials[i:j])
    return {bare: marked.pop() for bare, marked in codes.items() if len(marked) == 1}


@cache
def _departments() -> dict[str, str]:
    """A province's departments by the code their numbers carry: "STP" → "Sở Tư pháp"."""
    names: dict[str, list[str]] = {}
    text = resources.files("vanban.data").joinpath("agencies.txt").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("Sở "):
            names.setdefault(_initials(line).replace("Đ", "D"), []).append(line)
    return {code: found[0] for code, found in names.items() if len(found) == 1}


def department_by_code(code: str) -> str | None:
    return _departments().get(code.replace("Đ", "D").upper())


def _unit_code(part: str) -> str | None:
    codes = _unit_codes()
    for prefix in _UNIT_PREFIXES:
        rest = part[len(prefix) :]
        if part.startswith(prefix) and len(rest) >= 3 and (marked := codes.get(rest)):
            return prefix + marked
    return None


def canonical_symbol(symbol: str) -> str:
    """Ký hiệu with its Đ restored and OCR digits undone: "QD-UBND" → "QĐ-UBND"."""
    parts = re.split(r"([-/])", re.sub(r"\s+", "", symbol))
    out = []
    for part in parts:
        part = part.replace("¢", "C")  # an OCR's C; never a symbol's
        if part in "-/":
            out.append(part)
            continue
        numbered = re.fullmatch(r"([^\W\d_]{2,})(\d+)", part)
        if numbered:  # "BCD389": a body's code and its number (Ban Chỉ đạo 389)
            out.append(canonical_symbol(numbered.group(1)) + numbered.group(2))
            continue
        key = part.upper().translate(_SYMBOL_DIGITS) if not part.isdigit() else part
        key = key.replace("Đ", "D")
        fixed = _SYMBOL_FIXES.get(key)
        if fixed is None and part.isascii() and part.isupper():
            fixed = _unit_letters(part)
        out.append(fixed or part)
    return "".join(out)


def restore_symbol_letters(code: str) -> str:
    """A code as typed without diacritics, its letters respelled from the type-code and
    agency tables: "30/2020/ND-CP" → "30/2020/NĐ-CP", "QD-UBND" → "QĐ-UBND". Only letters
    typing loses (Đ) are put back: no OCR digit is read as a letter, and a part no table
    knows stays as written."""
    fixed_whole = _typed_abbreviation(code)
    if fixed_whole is not None:
        return fixed_whole
    parts = re.split(r"([-/&])", code)
    out = []
    for part in parts:
        if not _letters(part) or len(part) < 2:
            out.append(part)
            continue
        fixed = _SYMBOL_FIXES.get(part) if part not in _OCR_ONLY else None
        out.append(fixed or _unit_letters(part))
    return "".join(_joined_groups(parts, out))


# Abbreviations of a directive's formulas that typing without marks spells with a "d": "Đ/c"
# (đồng chí, in the list of recipients), and the header's "Số:" glued to its number.
_ABBREVIATIONS = {"D/c": "Đ/c", "d/c": "đ/c", "D/C": "Đ/C"}
_GLUED_NUMBER = re.compile(r"(So|SO|so):(?=\d)")


def _typed_abbreviation(code: str) -> str | None:
    """The code as a formula's abbreviation spelled with its marks, or None."""
    if code in _ABBREVIATIONS:
        return _ABBREVIATIONS[code]
    m = _GLUED_NUMBER.match(code)
    if m:
        head = {"So": "Số", "SO": "SỐ", "so": "số"}[m.group(1)]
        return head + ":" + restore_symbol_letters(code[m.end():])
    return None


def restore_ocr_symbol_letters(code: str) -> str:
    """`restore_symbol_letters` for a code an English OCR read: its Đ may also have come out
    "P" or "B" and a "Q" "O" ("HPND", "OD-UBND" for "HĐND", "QĐ-UBND"), put back where the
    type codes and councils' letters then know the part with its Đ."""
    fixed = restore_symbol_letters(code)
    if fixed != code:
        return fixed
    parts = re.split(r"([-/&])", code)
    out = []
    for k, part in enumerate(parts):
        if part == "Q" and parts[k + 1 : k + 2] == ["-"]:
            part = "QĐ"  # a decision's type whose Đ the OCR lost: no type is "Q" alone
        out.append(_ocr_part(part) if _letters(part) and len(part) >= 2 else part)
    return "".join(out)


def _ocr_part(part: str) -> str:
    if part in _OCR_ONLY:
        return _SYMBOL_FIXES[part]
    # a short part may be a code as read ("CP" of "NĐ-CP"): only the O of a Q there
    variant = part.replace("P", "D").replace("B", "D") if len(part) > 2 else part
    if variant[0] == "O":
        variant = "Q" + variant[1:]
    if variant == part:
        return part
    # only the type codes and councils' letters: a unit's initials of three letters are
    # too many to tell a misread "P" in them ("CTP", "BTN" are codes as written)
    marked = _SYMBOL_FIXES.get(variant, part)
    return marked if "Đ" in marked else part


def _letters(part: str) -> bool:
    return part.isascii() and part.isalpha() and part.isupper()


def _unit_letters(part: str) -> str:
    fixed = _unit_code(part) or part
    for bare, marked in _SYMBOL_INFIX_FIXES.items():
        fixed = fixed.replace(bare, marked)
    return fixed


def _joined_groups(parts: list[str], out: list[str]) -> list[str]:
    """A unit's initials written in short groups an "&" or a dash joins ("GD&DT", "GD-DT",
    "LD-TB&XH" for Giáo dục và Đào tạo, Lao động - Thương binh và Xã hội): no group is a
    code on its own, the run of them is. Where no group was respelled, the joined letters
    are looked up whole and their Đ put back group by group."""
    out = list(out)

    def short(i: int) -> bool:
        return _letters(parts[i]) and len(parts[i]) <= 3 and out[i] == parts[i]

    k = 0
    while k < len(parts):
        end = k
        while short(k) and end + 2 < len(parts) and parts[end + 1] in "-&" and short(end + 2):
            end += 2
        group = range(k, end + 1, 2)
        if end > k:
            joined = "".join(parts[i] for i in group)
            marked = _unit_letters(joined)
            if marked != joined:
                at = 0
                for i in group:
                    out[i] = marked[at : at + len(parts[i])]
                    at += len(parts[i])
        k = end + 1
    return out


def canonical_number(number: str) -> str:
    """'45 /KH-UBND' → '45/KH-UBND'; '57-NQ/TW' stays."""
    compact = re.sub(r"\s+", "", number)
    match = re.match(r"^(\d+)([-/])(.+)$", compact)
    if not match:
        return compact
    return match.group(1) + match.group(2) + canonical_symbol(match.group(3))


def symbol_for_type(symbol: str, doc_type: str | None) -> str:
    """The symbol with its type code respelled from the type named before it.

    "Công điện số 72/CP-TTg": an OCR read the Đ of "CĐ" as P; the word "Công điện" says
    which code it was. "Tờ trình số 252/TTYr-BNV": an OCR added a letter to the code.
    """
    code = DOC_TYPES.get(doc_type or "", "")
    first, sep, rest = symbol.partition("-")
    if not code or not sep or first == code:
        return symbol
    def bare(part: str) -> str:  # "CĐĐ", "TTrr": an OCR doubled a letter
        return re.sub(r"(.)\1+", r"\1",
                      part.upper().replace("Đ", "D").replace("P", "D").replace("B", "D"))
    written, wanted = bare(first), bare(code)
    return f"{code}-{rest}" if written == wanted or _one_added(wanted, written) else symbol


# The codes the Government's and the Prime Minister's documents end their symbols with
# (Nghị định 30, Phụ lục III): "…/QĐ-TTg", "…/NQ-CP"
_ISSUER_CODES = {"thu tuong chinh phu": "TTg", "chinh phu": "CP"}


def symbol_for_issuer(symbol: str, issuer: str | None) -> str:
    """The symbol with its issuer's code respelled from the issuer the header names: an
    OCR's "970/QĐ-Tg" under "THỦ TƯỚNG CHÍNH PHỦ" lost a letter of "TTg"."""
    code = _ISSUER_CODES.get(fold_ocr(issuer or "").strip())
    head, sep, last = symbol.rpartition("-")
    if not code or not sep or last == code:
        return symbol
    written, wanted = last.upper(), code.upper()
    close = written == wanted or _one_added(wanted, written) or _one_added(written, wanted)
    return f"{head}-{code}" if close else symbol


_CODE_ISSUERS = {"TTg": "Thủ tướng Chính phủ", "CP": "Chính phủ"}
# how close a header read unsurely must come to the body its symbol's code names
_CODE_ISSUER_CLOSE = 85


def issuer_of_symbol(symbol: str, issuer: str) -> str | None:
    """The body the code a symbol ends with names ("…/QĐ-TTg": "Thủ tướng Chính phủ"),
    where `issuer`, a header read unsurely, comes close to it: an English OCR's "THÛ TUNG
    CHÌNH PHÛ" lost the "ơ" of "TƯỚNG", and the restorer read a word of its own there."""
    name = _CODE_ISSUERS.get(symbol.rpartition("-")[2])
    if name is None:
        return None
    written = " ".join(fold_ocr(issuer).lower().split())
    return name if fuzz.ratio(written, fold_ocr(name).lower()) >= _CODE_ISSUER_CLOSE else None


def _one_added(code: str, written: str) -> bool:
    """Whether `written` is `code` with one letter more somewhere (not at its start)."""
    return (len(written) == len(code) + 1 and len(code) >= 2 and written[0] == code[0]
            and any(written[:k] + written[k + 1:] == code for k in range(1, len(written))))


def doc_type_from_code(symbol: str) -> str | None:
    first = canonical_symbol(symbol).split("-")[0].split("/")[0]
    return CODE_TO_TYPE.get(first)
