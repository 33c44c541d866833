"""Regular expressions over the folded view (lower case, no diacritics, OCR digits undone).

Tolerant on purpose: an English OCR model writes "tháng" as "thdng" and
"trước" as "trude", so vowels inside keywords are matched loosely.
"""

import re

from vanban.extract.vocabulary import abbreviations, phrase_patterns, phrases, tolerant
from vanban.regex_gate import gated, opened

# A công điện names its addressees after "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:", "VĂN
# PHÒNG CHÍNH PHỦ điện:": the sender and "điện:" on a line of their own.
# (a scan's specks may stand before it: "~ ”! Kính gửi:", and a received stamp's remains
# with a letter among them: "\"¬-...n\" Kính gửi:")
KINH_GUI = re.compile(
    r"^[^a-z0-9\n]*(?:[a-z][^a-z0-9\s]*[^a-z0-9\n]*?\s(?=[^a-z0-9\n]*k[a-z]{0,2}nh\s*g))?"
    r"[^a-z0-9\n]*(?:k[a-z]{0,2}nh\s*g(?:[a-z]{1,2}i\b\s*:?|i\s*:)"
    r"|[a-z][a-z ]{2,60}\bdi[a-z]n\s*:\s*$)"
)
# "Nơi nhận:" (a scanned italic "N" may come out as "X": "Xơi nhận", or not at all: "ơi
# nhận:", then with its colon)
NOI_NHAN = re.compile(r"^[\s*_]*(?:[nx][a-z0-9][' ]?[a-z]?i\s*nh[a-z]{1,2}n\s*:?"
                      r"|[a-z0-9]i\s*nh[a-z]{1,2}n\s*:)")
# "Số:" as OCR models read it: "So:", "S6:", "Sé:", "Sé6:", "Sd:".
# (a handwritten number an OCR misread still stands before its symbol's slash: "Só $9 /KCN")
# (an English OCR's "56:" for "Số:", before a symbol's slash on the line)
# (and its colon lost with a number the pen never wrote or the OCR lost: "Số /TTr-CAT-PC04")
NUMBER_LINE = re.compile(
    # (the National Assembly's and its Standing Committee's forms name the type before it:
    # "Luật số: 83/2025/QH15", "Nghị quyết số: 101/2025/UBTVQH15")
    r"^[\s*_]*(?:(?:luat|phap\s*lenh|lenh|nghi\s*quyet(?:\s*lien\s*tich)?)\s+(?=so\s*:))?"
    r"(?:s(?:[o6be0]{1,2}\s*(?:[:;,]\s*|(?=[\w$§©]{1,6}\s*/))|[da]\s*:\s*)"
    r"|s[o6]\s*(?=/\s*[a-z]{2,}[a-z0-9&]*\s*-\s*[a-z])"  # (not "Sở/ngành ...": no code's dash)
    # "Số:" and a handwritten number read as one run of marks ("só#3đj# /UBND-NC"): a
    # symbol with its dash after the slash says it is the number's line
    r"|s[o6](?=[^\s/a-z]\S{0,7}\s*/\s*[a-z]{2,}[a-z0-9&]*\s*-\s*[a-z])"
    # "Số970QĐ-Tg": the colon and the slash lost, the digits run into "Số" and the symbol
    r"|s[o6](?=\d{1,5}[a-z]{2,}[a-z0-9&]*\s*-\s*[a-z])"
    r"|5[6o0]\s*:(?=[^\n/]{0,12}/\s*[a-z]))")
# The box a signing service stamps on an e-signed page ("Ký bởi: Bộ Công Thương / Cơ quan:
# ... / Thời gian ký: 02.04.2026 14:24:26 +07:00"), however an OCR spelled it: no subject
# or issuer goes on into it.
SIGNATURE_STAMP = re.compile(
    r"^[\W\d_]*(?:k?[yi]\s*b[o0][il]\b|th[a-z]{1,2}i\s*gian\s*k[yi]\b|ng[a-z]{1,3}i\s*k[yi]\b"
    r"|gi[o0]\s*k[yi]\b)"  # ("Giờ ký: 30/09/2025 17:58:22")
    r"[^:\n]{0,3}:"
)
# OCR: "Viv", "V|v", "V/", and an italic "v" read "%" ("V/% Góp ý ...")
V_V = re.compile(r"^[\s*_]*v\s*(?:[/il|]\s*v\b\.?|/\s*%|/(?=\s))\s*:?\s*")
# (an OCR's "việt" for "việc", not the country's "Việt Nam")
VE_VIEC = re.compile(r"^[\s*_]*v[a-z&]{0,2}\s+vi[a-z]{0,2}(?:c|t(?!\s+nam\b))\b\s*:?\s*")
# "Đà Nẵng, ngày 02 tháng 01 năm 2025"; day and month may be blank in a draft.
# On a scan the day and month are handwritten or stamped: an OCR reads "11" as "II" (folded
# "ii") and leaves a stroke or two about them ("ngày0) thángh năm 2026").
# (a stroke or a slashed zero before a digit: "ngày |2", "ngày Ø3"; a low-resolution
# scan's "tháng" read "HNG")
# (but a stroke under a cross, "l†", is a pen's "4" read as two marks: no "1")
_DAY_OR_MONTH = r"\d{1,2}|[il|Øø]\d|[il|]{1,2}(?![a-z†‡+])"
# (a handwritten day read as marks and digits: "ngày4#4 tháng", "ngày J2 tháng"; "ngày" as
# "by"; a stroke through its "n" read as a letter apart: "r gày")
# (a handwritten day against its "y", which an OCR then reads "u": "ngàu2Š tháng")
_DATE_WORD = r",\s*(?:[a-z]\s)?(?:(?:ng[a-z]{0,2}|[a-z]{1,2})y|nga[uv](?=\d))"  # ", ngày"
# a year written by hand, one of its digits read as a mark or a letter and maybe one
# more glued on ("năm A0226" for a pen's "2026"): the line is still the place and date
# line, the year is for another source to tell (`directive._date_of_signing`)
_PEN_YEAR = (r"(?=[a-z\d§#]{4,5}(?![a-z\d]))"
             r"(?:[a-z§#]\d{3,4}|\d[a-z§#]\d{2,3}|\d\d[a-z§#]\d{1,2}|\d{3}[a-z§#]\d?)")
_DATE_REST = (
    # a stray mark glued before a month's one digit ("tháng Ÿ5"): only 3 to 9 can stand
    # alone there (a "1" or "2" before it may be the month's first digit)
    rf"(?P<day>{_DAY_OR_MONTH})?[^\n]{{0,4}}?[\s.…]*t?h[a-z]{{0,3}}ng\s*"
    # (a month the pen wrote over a slash-like stroke, "tháng/2năm", is past reading; the
    # line is still the place and date line)
    rf"(?:[/\\]\d{{1,2}}|(?:[a-z](?=[3-9]\s))?(?P<month>{_DAY_OR_MONTH})?)"
    r"[^\n\d]{0,3}?[\s.…]*n[a-z]{0,2}m\s*(?P<year>\d{4}|" + _PEN_YEAR + ")"
)
PLACE_DATE = re.compile(rf"(?P<place>[^\n,:]{{2,40}}?)\s*{_DATE_WORD}\s*{_DATE_REST}")
# The same line whose comma an OCR lost ("Hà Nội ngày 0Ÿ tháng 4 năm 2026"): the place
# opens the line, and the caller checks that the gazetteer knows it.
PLACE_DATE_BARE = re.compile(
    rf"^[\W_]*(?P<place>[a-z][a-z ]{{1,30}}?)\s+(?:ng[a-z]{{0,2}}y|nga[uv](?=\d))\s*{_DATE_REST}")
# PLACE_DATE tries its lazy place group from every position of a line; it can only match
# where its ", ngày" is, which this finds at once.
_PLACE_DATE_HINT = re.compile(_DATE_WORD)


def place_date(folded: str) -> re.Match[str] | None:
    """`PLACE_DATE.search(folded)`, quickly `None` on the lines that hold no date."""
    return PLACE_DATE.search(folded) if _PLACE_DATE_HINT.search(folded) else None


# The verbs that hand a task to the body named next: "đề nghị Sở X", "giao cho Sở Y"; as
# an OCR may leave them ("B€ nghi", "B& nghi"): the vocabulary's `request_verbs`.
REQUEST_VERB = rf"\b(?:{tolerant('request_verbs')})"
# the verb, and what may follow it before the body's name ("giao nhiệm vụ cho", "ủy quyền
# cho", "giao trách nhiệm Sở X", "đồng ý cho phép Công ty X")
# (not the first word of a name's compound: "Giáo dục", "giao thông" are no "giao")
_VERB_WORDS = {w[0] for w in phrases("request_verbs") if len(w) == 1}
# (each word's own compounds only: "giao viên" is a teacher, "đề nghị Viện ..." asks an
# institute)
_COMPOUND_TAILS = "".join(
    f"(?!(?<=\\b{verb})\\s+(?:{tails})\\b)" for verb in sorted(_VERB_WORDS)
    if (tails := "|".join(sorted({w[1] for w in phrases("name_compounds")
                                  if len(w) == 2 and w[0] == verb}))))
# (a comma may follow the verb: "Chủ tịch UBND tỉnh đề nghị, Sở X, các ngành ...", or a
# colon: "Ban Chỉ đạo X đề nghị: Đối với các tỉnh ...")
# (nor the last word of one: "Bộ Ngoại giao, Bộ Công an", "Bộ Dân tộc và Tôn giáo, Bộ Tài
# chính" hand no task to the body after them)
_COMPOUND_HEADS = "".join(
    f"(?<!\\b{w[0]} )(?<!\\b{w[0]}\\n)" for w in sorted(phrases("name_compounds"))
    if len(w) == 2 and w[1] in _VERB_WORDS)
# (searched over whole texts and long spans: each position an attempt of its lookbehinds and
# nine ways; tried only where the strings its matches open with start, `regex_gate.Opened`)
REQUEST = opened(gated(re.compile(
    rf"{_COMPOUND_HEADS}{REQUEST_VERB}{_COMPOUND_TAILS}"
    r"(?:\s+(?:nhiem vu|trach nhiem))?(?:\s+cho)?(?:\s+phep)?\s*[,:]?\s+")), "request-verbs")
# Outline markers, tried in this order on the start of a line.
MARKERS = [
    # matched on the folded line ("Điều", "Dieu", OCR's "Piều" all fold to "dieu")
    # ("Điều 2." may stand alone on its line, its text on the next)
    ("article", re.compile(r"^[\s*]*di[a-z]{0,2}u\s+(?P<label>\d{1,3})\s*[.:]\s*(?=\S|$)")),
    # OCR lowers the letters after the first, reads I as l and a scanned II as H: "Iv.",
    # "Ill.", "HI." (III)
    ("roman", re.compile(r"^\s*(?P<label>[IVXH][IVXHivl]{0,4})\s*[.)]\s*(?=\S)")),
    # not a date that wrapped to the start of a line: "17.6.2024."
    # (an OCR reads a lone "8." as "§.")
    # ("6.2 Đối với ...": a sub-item's number may go without its last dot)
    # (and a 5 as "$" before a sub-item's dot: "$.2. Phòng Đào tạo")
    # (a scan's specks before an item's number, ": §. Chủ động ...", "._8. Hiệp hội ...",
    # are no text: the number a capital follows is the item's)
    ("decimal", re.compile(r"^\s*(?:[:._]{1,2}[ \t]*(?=(?:\d{1,2}|§)[.)][ \t]*[A-ZĐ]))?"
                           r"(?P<label>\d{1,3}(?:\.\d{1,2}){0,3}|§|\$(?:\.\d{1,2}){1,3})"
                           r"\s*[.)](?!\d)\s*(?=\S)"
                           r"|^\s*(?P<label2>\d{1,3}(?:\.\d{1,2}){1,3})[ \t]+(?=[^\W\d])")),
    ("letter", re.compile(r"^\s*(?P<label>[a-zđ¢])\s*(?:\)|\.(?=\s))\s*\??\s*(?=\S)")),
    # (a conclusion's requests may count in small roman numerals: "(ii) Chủ đầu tư ...")
    ("paren", re.compile(r"^\s*\((?P<label>\d{1,2}|[a-zđ]|i{2,3}|i?[vx]|vi{1,3})\)\s*(?=\S)")),
    # a procedure's steps ("Bước 1: Sở Nội vụ cung cấp ...", an OCR's "Btroc 1:"), bulleted
    # or not, on the folded line (before the dash: "- Bước 2:" is a step)
    ("step", re.compile(r"^[\s*]*(?:[-–—+]\s*)?b[a-z]{0,2}[ou][a-z]?c\s+(?P<label>\d{1,2})"
                        r"\s*[:.)]\s*(?=\S)")),
    ("dash", re.compile(r"^\s*(?P<label>[-–—~])\s*(?=\S)")),
    ("plus", re.compile(r"^\s*(?P<label>[+•·▪]|\*(?!\*))\s*(?=\S)")),
]
# "./." ends a directive's text; an OCR may read it as "..", "..." or ".1.". (An ellipsis
# a comma follows ends a list inside a sentence: "như Chùa Hương, Yên Tử...,")
CLOSING = re.compile(r"\.\s*[/|l1]?\s*\.(?!\.?\s*,)")

# The levels of administrative units, folded → as written: one declaration (the
# vocabulary's `level_words`) for every rule that reads "UBND tỉnh", "các huyện, thị xã",
# "Phòng Tài chính huyện".
LEVELS = {" ".join(folded): " ".join(sorted(written)[0])
          for folded, written in phrases("level_words").items()}
LEVELS |= {short: written for written, shorts in abbreviations("level_words").items()
           for short in shorts}
LEVEL = "|".join(LEVELS)

# Level words as an OCR may spell them ("HUY&N" folds to "huyon", "phung" is "phường").
LEVEL_PATTERNS = phrase_patterns("level_words")
LEVEL_WORD_OCR = "|".join(f"(?P<l{i}>{rx})" for i, (_, rx) in enumerate(LEVEL_PATTERNS))


def level_word(m: re.Match[str]) -> str:
    """The level a match of LEVEL_WORD_OCR names."""
    return next(word for i, (word, _) in enumerate(LEVEL_PATTERNS) if m.group(f"l{i}"))
