"""Where a body's name ends: the rules both readers of a name share.

A name is read from its head by one of two readers: the head-word reader of
`agency_phrases` (heads the agency tables know: Sở, Phòng, UBND, Ban ...) and the
organisation phrase reader of `organisations` (heads of any body: Công ty, Hiệp hội,
"các tổ chức, cá nhân ..."). What ends a name, declared here once from the vocabulary,
is the same for both; what they still read differently is said where they do.
"""

from __future__ import annotations

import re
import unicodedata

from vanban.extract.patterns import LEVEL, LEVELS, REQUEST
from vanban.extract.vocabulary import phrase_at, phrases
from vanban.normalize.agencies import TITLE_PREFIX
from vanban.normalize.text import names_may_be_damaged

# a name's own words as typed ("Tập đoàn Dầu khí": "khí" is no "khi", "Tư pháp" no "từ"):
# typed with their marks they end no name
NAME_READINGS = frozenset(w for forms in phrases("name_readings").values() for form in forms
                          for w in form)
# the levels' first and last words, folded ("thành phố": "thanh", "pho"; "TP": "tp")
LEVEL_FIRST_WORDS = frozenset(level.split()[0] for level in LEVELS)
LEVEL_LAST_WORDS = frozenset(level.split()[-1] for level in LEVELS)
# ... and as typed with their marks ("quận" is no "quan" of "cơ quan")
LEVEL_LAST_WRITTEN = frozenset(form[-1] for forms in phrases("level_words").values()
                               for form in forms)
LEVEL_AT = re.compile(rf"(?:{LEVEL})\b")  # a level starts here ("tỉnh", "thành phố", "TP")
# a body's head as a case's "thì" names who answers ("thì Ủy ban nhân dân cấp xã chịu ...")
_BODY_AFTER_THEN = re.compile(r"(?:uy ban|ubnd|co quan|so|bo|chi nhanh|van phong|phong|ban"
                              r"|cac|to chuc|don vi|cong an|thanh tra)\b")


def request_follows(folded: str, pos: int) -> bool:
    """ "... đề nghị Sở X", "UBND tỉnh giao Phòng Y": a request verb at `pos` hands a task
    to the next body; the name before it has ended ("giao thông" is no "giao")."""
    return REQUEST.match(folded, pos) is not None


def abbreviation_ends(text: str, folded: str, words: list[re.Match[str]], i: int) -> bool:
    """ "Vụ CNTT xem xét", "Phòng Văn hóa TT tuyên truyền": after an abbreviation in capitals
    the name is whole, a lower-case word (no level: "Phòng TN&MT huyện", "UBBC các huyện")
    is the sentence's; but where a capitalised word or a number follows close, in the same
    clause, the name goes on ("Trường THPT chuyên Lê Quý Đôn", "Đội CSGT số 2")."""
    before = text[words[i - 1].start() : words[i - 1].end()]
    if not (len(before) >= 2 and before.isupper() and text[words[i].start()].islower()):
        return False
    if words[i].group() in LEVEL_FIRST_WORDS or (
            # "UBBC các huyện", "Ban Chỉ huy PCTT&TKCN các huyện": its group of places
            words[i].group() == "cac" and i + 1 < len(words)
            and words[i + 1].group() in LEVEL_FIRST_WORDS):
        return False
    return not any(
        (text[w.start()].isupper() or text[w.start()].isdigit())
        and not _CLAUSE_MARK.search(folded, words[i].end(), w.start())
        for w in words[i + 1 : i + 3])


_CLAUSE_MARK = re.compile(r"[,;.:()]")


def head_at(words: list[str], j: int) -> int:
    """How many folded words from `j` make a body's head of either reader's vocabulary
    (`table_heads`: "sở", "phòng"; `open_heads`: "công ty", "hiệp hội"); 0: none."""
    return max(phrase_at(words, j, "table_heads"), phrase_at(words, j, "open_heads"))


def next_body_after_and(text: str, folded: str, words: list[re.Match[str]], j: int, *,
                        counted: bool = False) -> bool:
    """After "và": whether words[j] starts another body ("... và Sở Y tế", "... và các
    huyện", "... và Thủ trưởng các đơn vị", "Phòng Đào tạo và 05 xã liên quan"); in lower
    case the name goes on ("Phòng Kiểm tra Xây dựng và phòng cháy, chữa cháy"). A name
    that `counted` its objects joins them with "và" ("Nhà đầu tư của 02 dự án A và B")."""
    if j >= len(words):
        return False
    plain = [w.group() for w in words[j : j + 4]]
    if plain[0] in ("cac", "ubnd") or plain[:2] == ["uy", "ban"]:
        return True
    capitalised = text[words[j].start()].isupper()
    # a title before the next body or a person ("... và Chủ tịch UBND", "và Ông X"); in
    # lower case a body's ("và thủ trưởng các đơn vị", not "và ông")
    title = TITLE_PREFIX.match(folded, words[j].start())
    if title and (capitalised or title.group().split()[0] not in ("ong", "ba", "dong")):
        after = _WORD.findall(folded, title.end(), title.end() + 40)[:3]
        if capitalised or (after and (after[0] in ("cac", "ubnd") or head_at(after, 0))):
            return True
    if counted:
        return False
    return plain[0].isdigit() or (capitalised and bool(head_at(plain, 0)))


_WORD = re.compile(r"[a-z0-9&]+")


def dash_sets_off_role(text: str, words: list[re.Match[str]], i: int, gap: str) -> bool:
    """ "Sở NN&PTNT- Cơ quan thường trực ...", "Sở NN & PTNT - cơ quan ...": a dash (`gap`)
    after an abbreviation in capitals sets off what the body is, not more of its name (but
    an abbreviation or a number after it is the name's: "Ban Chỉ huy PCTT - TKCN",
    "COVID-19")."""
    if gap.strip() not in _DASHES:
        return False
    before = text[words[i - 1].start() : words[i - 1].end()]
    word = text[words[i].start() : words[i].end()]
    return len(before) >= 2 and before.isupper() and word[:1].isalpha() and not word.isupper()


_DASHES = ("-", "–", "—")


def names_after_head(text: str, word: re.Match[str]) -> bool:
    """Whether `word`, right after a head that is also a common word ("báo", "hội", "bộ"),
    begins a body's name: capitalised ("Báo Lào Cai", "Hội Nông dân"), a number ("Phòng
    5", "Đội 2") or a level ("Thuế tỉnh"); "báo cáo định kỳ", "hội nghị" name no body."""
    first = text[word.start()]
    return first.isupper() or first.isdigit() or word.group() in LEVEL_FIRST_WORDS


def where_or_why_ends(text: str, folded: str, words: list[re.Match[str]], i: int) -> bool:
    """A body's name ends at where it is ("Công ty X tại xã Y"), why ("Công ty X do không có
    giấy phép"), before a case's "thì" ("Chi nhánh X thì Ủy ban nhân dân xã chịu ..."), by
    whose title ("Đoàn kiểm tra do Trưởng đoàn phân công") or whose it is in lower case
    ("Đoàn liên ngành của tỉnh Gia Lai": a proper name holds no "của tỉnh").
    (A group's clause goes on describing: "các cơ sở tại xã Y"; its callers ask this of one
    body's name.)"""
    if i + 1 >= len(words):
        return False
    word, after = words[i].group(), words[i + 1]
    if word == "tai":
        return bool(LEVEL_AT.match(folded, after.start()))
    if word == "cua":
        return text[after.start()].islower() and bool(LEVEL_AT.match(folded, after.start()))
    if word == "thi":
        # a case's "thì" before who answers for it: "... tại Chi nhánh Văn phòng đăng ký đất
        # đai thì Ủy ban nhân dân cấp xã chịu trách nhiệm" (lower case, a capital after it;
        # typed with its marks, only "thì": "Thi hành án", "thi đua" are no end)
        # (a body's head after it: "Đô thị Sơn Tây" restored as "độ thì Sơn Tây" goes on)
        said = unicodedata.normalize("NFC", text[words[i].start() : words[i].end()])
        return said.islower() and text[after.start()].isupper() and (
            names_may_be_damaged() or said in ("thì", "thi")) and bool(
            _BODY_AFTER_THEN.match(folded, after.start()))
    if word != "do" or not text[words[i].start()].islower():
        return False
    # typed with its marks, "đô", "độ" are no "do"; nor is the "đô" of "đô thị"
    written = None if names_may_be_damaged() else [
        unicodedata.normalize("NFC", text[w.start() : w.end()]).lower() for w in words[i : i + 2]]
    if written is not None and written[0] != "do":
        return False
    if text[after.start()].isupper():
        # by whom, a title: "Đoàn kiểm tra do Trưởng đoàn phân công" (a place keeps its
        # "đô": "Thủ đô Hà Nội")
        return bool(TITLE_PREFIX.match(folded, after.start()))
    return not phrase_at([word, after.group()], 0, "name_compounds", written) and \
        not LEVEL_AT.match(folded, after.start())
