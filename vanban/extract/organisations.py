"""Organisation phrases by grammar: a head noun and its name up to a boundary.

Whoever a directive charges need not be a state agency the tables know: "Công ty cổ
phần Tư vấn đầu tư xây dựng Hà Thành", "Hiệp hội Du lịch tỉnh", "Nhà đầu tư dự án
đường bộ cao tốc Tân Phú – Bảo Lộc", "Các tổ chức, cá nhân được cấp giấy phép khai
thác khoáng sản". Such a phrase starts with a head noun of the vocabulary's
`open_heads` (or, after "các", a `group_nouns` kind) and runs to the sentence's main
verb (`name_enders`), a clause's punctuation, or "và" before another body. The
agency tables only spell what this finds; they do not decide it.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace

from vanban.extract.found import Found
from vanban.extract.name_ends import (
    LEVEL_AT,
    LEVEL_LAST_WORDS,
    LEVEL_LAST_WRITTEN,
    NAME_READINGS,
    abbreviation_ends,
    dash_sets_off_role,
    names_after_head,
    next_body_after_and,
    request_follows,
    where_or_why_ends,
)
from vanban.extract.vocabulary import (
    comma_term_across,
    comma_term_rest,
    phrase_at,
    phrases,
    tier_word,
)
from vanban.folding import fold
from vanban.normalize.agencies import TITLE_PREFIX
from vanban.normalize.domain import common_pairs
from vanban.normalize.syllables import looks_like_syllable
from vanban.normalize.text import capitalize_first, names_may_be_damaged
from vanban.normalize.titles import TITLES

MAX_WORDS = 24
# "các" and the longest head: the words that decide whether a phrase has a head at all
_HEAD_REACH = 1 + max(len(p) for c in ("open_heads", "group_nouns") for p in phrases(c))
_WORD = re.compile(r"[a-z0-9&]+")
try:  # `_WORD`'s words made without the engine (normalize/_chars.c); absent where not built
    from vanban.normalize import _chars
except ImportError:  # pragma: no cover - the extension is optional
    _chars = None
_HARD_STOP = re.compile(r"[;.:()\[\]!?\"“”]")
_DASH = re.compile(r"^\s*[-–—]\s*$")
_BLANK_LINE = re.compile(r"\n[ \t*_]*\n")
_LOOKAHEAD = 6  # words a weak ender looks ahead for a name going on ("... xây dựng Hà Thành")


def name_words(folded: str, pos: int, limit: int, count: int) -> list[re.Match[str]]:
    """The first `count` words of `_WORD` from `pos` to `limit`, as its `finditer` finds
    them: compiled, each word's start(), end(), span() and group() without a match
    object's making (the readers' word lists were over a tenth of a clean document's
    pattern time)."""
    if _chars is not None:
        return _chars.word_matches(folded, pos, limit, count, False)
    return list(itertools.islice(_WORD.finditer(folded, pos, limit), count))


def written_words(text: str, words: list[re.Match[str]]) -> list[str]:
    """Each of `words` as `text` writes it, composed (NFC) and in lower case: the span they
    cover made so once, where that makes each word's own (a composed span's parts are
    composed; no letter's lower case is longer, nor a final sigma's, which depends on the
    next letter), else word by word."""
    if not words:
        return []
    base = words[0].start()
    span = text[base : words[-1].end()]
    if "Σ" not in span and unicodedata.is_normalized("NFC", span):
        lower = span.lower()
        if len(lower) == len(span):
            return [lower[w.start() - base : w.end() - base] for w in words]
    return [unicodedata.normalize("NFC", text[w.start() : w.end()]).lower() for w in words]


@functools.cache
def _head_firsts(kinds: bool) -> frozenset[str]:
    """The first words of the vocabulary's `open_heads` (with `kinds`, of its `group_nouns`
    too): the words a head `match_organisation` reads with no "các" or count before it
    starts with."""
    classes = ("open_heads", "group_nouns") if kinds else ("open_heads",)
    return frozenset(p[0] for name in classes for p in phrases(name) if p)


def may_open_a_head(word: str, kinds: bool = False) -> bool:
    """Whether a folded first word may open the head of an organisation's name (no "các" or
    count before it): the first word of an `open_heads` phrase, or of a `group_nouns` one
    with `kinds`; no other word does (`phrase_at` finds no phrase of either class from it),
    so a reading that starts elsewhere says None at once."""
    return word in _head_firsts(kinds)


def _staff_named(text: str, folded: str, start: int, limit: int) -> bool:
    """ "cán bộ Mặt trận": a body's staff in lower case, the body's name capitalised after."""
    words = name_words(folded, start, limit, 4)
    size = phrase_at([w.group() for w in words], 0, "staff_heads")
    return bool(size) and size < len(words) and text[words[size].start()].isupper()


def match_organisation(
    text: str, folded: str, pos: int, limit: int, *, kinds: bool = False
) -> Found[str] | None:
    """The organisation named from `pos` (its head written there), or None; with `kinds` a
    group of kinds without its "các" too, as a request's object may name one ("yêu cầu cấp
    ủy, chính quyền các cấp ...", "đề nghị nhà trường ...")."""
    first = _WORD.search(folded, pos, limit)  # (a third of the calls end at it)
    if first is None or first.start() - pos > 3:
        return None
    count = _COUNT_OF_KIND.match(folded, first.start()) is not None
    if not count and first.group() != "cac" and not may_open_a_head(first.group(), kinds):
        return None  # (no head starts at the first word: no reading of it names a body)
    if not kinds and first.group() != "cac" and not count and not text[
            first.start()].isupper() and not _staff_named(text, folded, first.start(), limit):
        return None  # "hội đồng", "báo cáo": a noun or verb in running text
    # (the words a head can span first: the rest only for a phrase that has one)
    plain = [w.group() for w in name_words(folded, first.start(), limit, _HEAD_REACH)]
    # "08 Tổ dân phố": a count before a kind names the group as "các" does
    count = count and len(plain) > 1 and bool(phrase_at(plain, 1, "group_nouns"))
    group = plain[0] == "cac" or kinds or count
    at = 1 if plain[0] == "cac" or count else 0
    if kinds and plain[0] != "cac" and not phrase_at(plain, 0, "group_nouns"):
        return None
    if kinds and plain[0] != "cac" and _a_verb_then_another(plain, 0):
        return None  # "..., tổ chức phổ biến chính sách": the verbs after the list, no kind

    def head_with(find: Callable[[int, str], int]) -> int:
        return find(at, "open_heads") or (group and find(at, "group_nouns"))

    # no head among the folded words, none among the written ones: most calls end here,
    # before the written words are made
    if not head_with(lambda i, name: phrase_at(plain, i, name)):
        return None
    words = name_words(folded, first.start(), limit, MAX_WORDS + 2)
    plain = [w.group() for w in words]
    # an OCR's marks are noise: there only the folded words count
    written = None if names_may_be_damaged() else written_words(text, words)

    def at_phrase(i: int, name: str) -> int:
        return phrase_at(plain, i, name, written)

    head = head_with(at_phrase)
    if not head or at_phrase(at, "name_compounds") > head or (
            head == 1 and _unmarked_common_word(text, words, plain, at)):
        return None  # ("các trường hợp": the head's word begins a common noun)
    end_word = at + head  # words[:end_word] are in the name
    if end_word >= len(words):
        return None
    if not group and at_phrase(at, "ambiguous_heads") == head:
        # a head capitalised as a name is ("Ban Quản lý dự án ...") needs no capital after
        titled = any(text[w.start()].isupper() for w in words[at + 1 : end_word])
        if not (names_after_head(text, words[end_word]) or titled):
            return None
    i = end_word
    holes: list[tuple[int, int]] = []  # brackets the name passes over
    counted = False  # the name counts its objects: "Nhà đầu tư của 02 dự án ..."
    described = False  # a group's describing clause has begun: "... kinh doanh xăng dầu"
    comma_cut = None  # where the name ends if its objects' list finds no verb after it
    verb_stop = False
    objects_named = False  # ... and has begun naming them: "... cao tốc Tân Phú"
    # a body of every unit of some kinds: "Ban chỉ đạo các sở, ban, ngành" (its kinds'
    # list is its name's, as a group's is)
    units = False
    while i < len(words) and i < MAX_WORDS:
        after = max(words[i - 1].end(), holes[-1][1] if holes else 0)
        gap = folded[after : words[i].start()]
        word = text[words[i].start() : words[i].end()]
        if "(" in gap and (aside := _aside(text, folded, after + gap.index("("), limit)):
            # "(CNTT)", "(sau đây gọi là Bộ, ngành)": an aside inside a group's name
            holes.append(aside)
            while i < len(words) and words[i].start() < aside[1]:
                i += 1
            continue
        # (a blank line ends a paragraph, and the name with it: "*2.9. Đề / nghị Liên đoàn Lao
        # động tỉnh*" / "" / "Chủ trì, phối hợp ...")
        if _HARD_STOP.search(gap) or _BLANK_LINE.search(gap) or ("\n" in gap and (
                _starts_item(folded, words[i].start()) or _ended_short(folded, after))):
            break
        if word.isalpha() and word.islower() and not looks_like_syllable(word):
            break  # "... địa phương dir Hội nghị": an OCR's word of no syllable names nothing
        if request_follows(folded, words[i].start()):
            verb_stop = True
            break  # "... đề nghị Sở X": a request follows ("giao thông" is no "giao")
        counted = counted or bool(objects_at(plain, i))
        objects_named = objects_named or (counted and word[:1].isupper())
        if "," in gap and objects_named and word[:1].isupper():
            pass  # "Chủ đầu tư các dự án Khu đô thị A, Khu dân cư B": the objects' list
        elif gap.strip() == "," and (rest := comma_term_rest(plain[max(0, i - 3) : i],
                                                             plain[i : i + 3])):
            # "... phòng cháy, chữa cháy": a term's own comma; its words are the name's, a
            # verb among them too ("các Tổ kiểm tra, giám sát")
            i += rest
            end_word = i
            continue
        elif "," in gap and group and i > at + head and at_phrase(i, "kinds_apart"):
            break  # "Các sở, ban, ngành, tổ chức chính trị - xã hội": a group of its own
        elif gap.strip() == "," and not group and _lines_of_business(text, words, i, at_phrase(
                at, "firm_heads") > 0, at_phrase):
            i += 1  # "Công ty TNHH Đầu tư, Xây dựng và Kinh doanh ...": one firm's lines
            end_word = i
            continue
        elif "," in gap:
            # "Các tổ chức, cá nhân ...": a group of kinds, not two bodies; "... của các
            # tỉnh, thành phố": a group of levels
            # ("các sở, ban, ngành, huyện, thị xã": after kinds, the levels are kinds too)
            level = (plain[i - 1] in LEVEL_LAST_WORDS or ((group or units) and at_phrase(
                i - 1, "group_nouns"))) and LEVEL_AT.match(folded, words[i].start())
            kinds = at_phrase(i, "group_nouns") or (len(level.group().split()) if level else 0)
            if kinds and _a_verb_then_another(plain, i):
                kinds = 0  # "các thôn, tổ dân phố, tổ chức phổ biến ...": the verbs
            # "Các bệnh viện, Trung tâm Y tế huyện": a kind and a name is a body of its own
            # ("..., Ủy ban bầu cử các xã": a capitalised head longer than the kind is a body)
            named = word[:1].isupper() and (_capitalised(
                text, words[i + kinds : i + kinds + 1]) or at_phrase(i, "open_heads") > kinds
                # ("Các sở, ban, ngành, Ủy ban nhân dân các huyện": a council written in
                # full is a body of its own, as "UBND" is)
                or bool(_COUNCIL_NEXT.match(folded, words[i].start())))
            # ("..., Trưởng các ban, ngành": a title before the next body, however the
            # stripped "Truong" also reads "trường")
            # ("Các tổ chức chính trị - xã hội tỉnh, lực lượng vũ trang": a group its level
            # closed is whole; the kind after it is another body)
            # (typed with its marks: "cơ quan" is no "quận")
            # (stripped or garbled, "tinh" and "huyen" after a group are no other word)
            last = plain[i - 1] if written is None else written[i - 1]
            closed = (last in LEVEL_LAST_WRITTEN or last in _LEVEL_STRIPPED) and not level
            if (group or units) and kinds and not named and not closed and not _title_of_a_body(
                    folded, words[i]):
                i += kinds
                end_word = i
                continue
            # "... kinh doanh xăng dầu, khí đốt", "... hồ chứa thủy điện, thủy lợi": the
            # described objects' list (a lower-case word no kind, level, verb or title)
            # ("các chủ đầu tư bãi tập kết cát, sỏi khẩn trương ...": a group's objects listed
            # up to its verb, one word after the comma)
            listed = described or (group and i + 1 < len(words) and i > at + head and bool(
                at_phrase(i + 1, "name_enders")) and not _HARD_STOP.search(
                folded[words[i].end() : words[i + 1].start()]))
            if not (listed and word[:1].islower() and plain[i] not in ("cac", "va")
                    and not at_phrase(i, "name_enders") and not request_follows(
                        folded, words[i].start()) and not TITLE_PREFIX.match(
                        folded, words[i].start()) and not LEVEL_AT.match(
                        folded, words[i].start())):
                break
            comma_cut = end_word if comma_cut is None else comma_cut
        # "Sở NN & PTNT- Cơ quan thường trực ...": what the body is, set off by a dash
        if dash_sets_off_role(text, words, i, gap):
            break
        # "Tân Phú – Bảo Lộc": a dash inside a name joins two capitalised parts
        # ("COVID-19": a dash with no space and a number is a word's own)
        if any(d in gap for d in "-–—") and not (_DASH.match(gap) and word[:1].isupper()) and \
                not (gap == "-" and word[:1].isdigit()) and \
                not comma_term_across(plain[max(0, i - 3) : i], plain[i : i + 3]):
            break  # ("các tổ chức chính trị - xã hội": a term's own dash goes on)
        if objects_named and plain[i] != "va":
            # the objects' names ("Khu dân cư Bắc Sơn") run to where no capital follows
            if not _capitalised(text, words[i : i + 3]):
                break
            i += 1
            end_word = i
            continue
        in_aside = bool(holes) and holes[-1][1] > words[i - 1].start()
        if (not group and not in_aside and word[:1].islower()
                and abbreviation_ends(text, folded, words, i)
                # ("UBBC các huyện": an abbreviated head, its group of places after it;
                # "Công ty CP đầu tư ...": the abbreviation is the head's own word)
                and not (i == at + head and (plain[i] == "cac" or head > 1))):
            # "Vụ CNTT xem xét": an abbreviation is a whole name, the verb follows (but
            # "Trường THPT chuyên Lê Quý Đôn" goes on)
            break
        # a proper name's words are capitalised: after two of them ("Công ty Thủy điện Hòa
        # Bình"), a word in lower case is the sentence's verb ("... mở thêm 1 cửa xả"), not
        # the name going on (but its level, branch or number: "... Việt Nam chi nhánh tỉnh X")
        if (not group and not in_aside and word[:1].islower()
                and _proper_run(text, words, i, plain, written) >= 2
                and plain[i] not in _NAME_GOES_ON
                and not LEVEL_AT.match(folded, words[i].start())
                and not _second_syllable(plain, i)):
            break
        # "Công ty X tại xã Y", "Công ty X do không có giấy phép", "Đoàn liên ngành của tỉnh
        # Gia Lai sẽ kiểm tra ..." (a group's clause goes on describing: "các cơ sở tại xã Y")
        if not group and where_or_why_ends(text, folded, words, i):
            break
        # a group's body it belongs to goes on it: "các ban của Tỉnh ủy", "các đơn vị
        # thuộc Bộ" (in lower case, "của" ends it: "các cơ quan của tỉnh")
        if group and plain[i] == "cua" and i + 1 < len(words) and _capitalised(
                text, words[i + 1 : i + 2]) and not _HARD_STOP.search(
                folded[words[i].end() : words[i + 1].start()]):
            i += 2
            end_word = i
            continue
        # "các địa phương chịu ảnh hưởng của bão ...": inside a clause that describes the
        # group, "của" and a common noun go on describing it (a level ends it: "của tỉnh")
        if group and plain[i] == "cua" and i > at + head + 1 and i + 1 < len(words) \
                and text[words[i + 1].start()].islower() and plain[i + 1] != "cac" \
                and plain[i + 1] not in LEVEL_LAST_WORDS and not at_phrase(i + 1, "name_enders") \
                and not _HARD_STOP.search(folded[words[i].end() : words[i + 1].start()]) \
                and any(at_phrase(k, "name_enders") for k in range(i + 2, min(i + 5, len(words)))):
            # (the clause's verb close after: a damaged one is no end to wait for)
            i += 2
            end_word = i
            continue
        # "các tổ kiểm soát dịch bệnh ...": a team's verb right after its head is its name's
        if group and i == at + head and at_phrase(at, "team_heads") == head and (
                verb := at_phrase(i, "name_enders")) and word[:1].islower():
            i += verb
            end_word = i
            continue
        # "công trình" is no "trình" (submit)
        ends = max(at_phrase(i, "name_enders"), at_phrase(i, "group_enders") if group else 0)
        # (a word is in one compound at most: "Bộ Ngoại giao thông báo" holds no "giao thông")
        proper = (word[:1].isupper() and not word.isupper()) or (
            written is not None and written[i] in NAME_READINGS
            and at_phrase(i, "name_enders") == 1) or (
            (at_phrase(i - 1, "name_compounds") == 2
             and not (i >= 2 and at_phrase(i - 2, "name_compounds") == 2))
            or (ends == 1 and at_phrase(i, "name_compounds") == 2))  # "du lịch" is no "dự"
        # the longer reading wins: "có" describes ("các cơ quan có nguồn thu"), "có trách
        # nhiệm" is the group's own verb
        describes = at_phrase(i, "describing_verbs") if group else 0
        # ("Văn phòng Thường trực Ban chỉ đạo ...": a head of its own inside the name, however
        # it is typed)
        proper = proper or at_phrase(i - 1, "open_heads") > 2
        # "các cơ quan, đơn vị chủ trì tổ chức lễ hội phải chịu trách nhiệm ...": the units
        # that lead something, named by it, when the clause's own verb comes after
        if group and not proper and plain[i : i + 2] == ["chu", "tri"] and (
                later := _MAIN_VERB_LATER.match(folded, words[i].end())):
            while i < len(words) and words[i].start() < later.start("verb"):
                i += 1
            end_word = i
            verb_stop = True
            break
        if not proper and ends > describes:
            verb_stop = True
            break
        described = described or bool(describes)
        if describes > 1 and any(at_phrase(k, "name_enders") for k in range(i + 1, i + describes)):
            # "các doanh nghiệp có hoạt động liên quan đến VLNCN ...": a describing phrase's
            # later word ("đến") is its own, no main verb (rule described-group)
            i += describes
            end_word = i
            continue
        weak = at_phrase(i, "weak_enders")
        # ("Hiệp hội Nhà thầu xây dựng hoàn thành ...": after a trade its name spells out,
        # capitalised past the body's own head, the verb says the trade and goes on the
        # name when the clause's own verb follows it)
        trade = weak and bool(at_phrase(i + weak, "name_enders")) and any(
            i - n > at + head - 1 and at_phrase(i - n, "trade_heads") == n
            and text[words[i - n].start()].isupper() for n in (1, 2))
        if not proper and weak and not group and not trade and not _name_goes_on(
                text, words, i + weak - 1):
            break
        # "các nhà trường xây dựng thời khóa biểu": after a kind that has no trade to say, the
        # verb is the sentence's ("các doanh nghiệp xây dựng" says what they do)
        if not proper and weak and group and not described and not describes and (
                not at_phrase(at + 1, "trade_heads") and not at_phrase(at, "trade_heads")):
            verb_stop = True
            break
        # "Ban Quản lý Khu kinh tế Dung Quất và các KCN Quảng Ngãi": after a zone the board
        # is named by, "và (các) <zone>" goes on its name (rule a-board-of-zones)
        if plain[i] == "va" and i + 1 < len(words) and any(
                at_phrase(k, "zone_words") for k in range(at + head, i)):
            skip = 2 if plain[i + 1] == "cac" else 1
            if zone := at_phrase(i + skip, "zone_words"):
                i += skip + zone
                end_word = i
                continue
        # "... của 02 dự án A và B": "và" joins the objects, not two bodies
        # "... và Sở Y tế", "... và Chủ tịch UBND ..." start the next body; "... và phòng
        # cháy, chữa cháy" (in lower case) goes on with this one
        if plain[i] == "va" and (
            next_body_after_and(text, folded, words, i + 1, counted=counted)
            # "các trường THPT chuyên và trường THPT có lớp chuyên": the head again
            or (plain[i + 1 : i + 1 + head] == plain[at : at + head]
                and not comma_term_across(plain[i + 1 : i + 3], plain[i + 3 : i + 6]))
        ):
            verb_stop = True  # the next body starts: the list ended well
            break
        units = units or (plain[i] == "cac" and at_phrase(i + 1, "group_nouns") > 0)
        i += 1
        end_word = i
    if comma_cut is not None and not verb_stop:
        end_word = comma_cut  # the list ran on to no verb: it was the predicate's
    while end_word > at + head and plain[end_word - 1] in ("va", "cua", "cac", "voi"):
        end_word -= 1
    # a bare head of one word ("Công ty") names no one; "Đoàn kiểm tra", "các sở" do
    if end_word <= at + head and not (group or head >= 2):
        return None
    start, end = words[0].start(), words[end_word - 1].end()
    if holes and holes[-1][0] >= end and not folded[end : holes[-1][0]].strip():
        end = holes[-1][1]  # an aside after the name is the name's: "... Chính phủ (sau đây ...)"
    kept, pos = [], start
    for hole_start, hole_end in holes:
        if hole_end <= end:
            kept.append(text[pos:hole_start])
            pos = hole_end
    kept.append(text[pos:end])
    name = capitalize_first(" ".join("".join(kept).split()))
    return Found(name, start, end, text[start:end], 0.8)


# a count of one to three digits before a village's or a team's kind, one space between:
# "08 Tổ dân phố", "12 thôn" (not "3. Sở"; "3 bộ, ngành nêu trên" stands for a list named
# before it, `tasks._counted_above`)
_COUNT_OF_KIND = re.compile(r"\d{1,3} (?=(?:to dan pho|khu pho|thon|ap|buon|to|doi|nhom)\b)")
_COUNCIL_NEXT = re.compile(r"(?:uy ban nhan dan|hoi dong nhan dan)\b")
# the clause's own verb a few words on, no comma between: "... chủ trì soạn thảo phải ..."
_LEAD_VERBS = "|".join(" ".join(v) for v in phrases("lead_verbs"))
_MAIN_VERB_LATER = re.compile(rf"(?:\s+[a-z]+){{1,8}}?\s+(?P<verb>phai|{_LEAD_VERBS})\b")
# a title in lower case before a body ("... và chủ tịch UBND các huyện", "và thủ trưởng
# các đơn vị") names the next body
_TITLED_BODY = re.compile(r"(?:cac|ubnd|uy ban|so|phong|ban|bo|trung tam)\b")


def _a_verb_then_another(plain: list[str], i: int) -> bool:
    """Whether a kind written without its "các" is a verb as well ("tổ chức") that another
    verb follows ("tổ chức phổ biến", "tổ chức thực hiện"): after a list's comma, the
    sentence's verbs (rule kind-that-is-a-verb-ends-a-list)."""
    n = phrase_at(plain, i, "group_nouns")
    # (but the lead verb or its partners' is no object of "tổ chức": "Các cơ quan, tổ chức
    # chủ trì soạn thảo ...", "Các đơn vị, tổ chức có trách nhiệm ..." list a kind)
    leads = any(phrase_at(plain, i + n, c) for c in ("lead_verbs", "help_verbs"))
    return bool(n) and phrase_at(plain, i, "name_enders") == n and phrase_at(
        plain, i + n, "name_enders") > 0 and not leads


def _title_of_a_body(folded: str, word: re.Match[str]) -> bool:
    title = TITLE_PREFIX.match(folded, word.start())
    return bool(title and _TITLED_BODY.match(folded, title.end()))


_COUNT = re.compile(r"\d+|hai|ba|bon|nam|cac")


def objects_at(words: list[str], i: int) -> int:
    """How many words from `i` count objects ("02 dự án", "các công trình"); 0: none."""
    if i < len(words) and _COUNT.fullmatch(words[i]):
        size = phrase_at(words, i + 1, "object_nouns")
        return 1 + size if size else 0
    return 0


def share_objects(found: list[Found[str]]) -> list[Found[str]]:
    """ "Chủ đầu tư và các nhà thầu thi công các công trình khẩn cấp": a bare head listed
    before a body charged with some objects is charged with the same objects."""
    out = list(found)
    for k in range(len(out) - 1):
        bare = out[k].value
        words = _WORD.findall(fold(bare))
        if not words or phrase_at(words, 0, "open_heads") != len(words):
            continue
        following = out[k + 1].value
        folded = fold(following)
        spans = [m.span() for m in _WORD.finditer(folded)]
        plain = [folded[a:b] for a, b in spans]
        for j in range(2, len(plain) - 1):
            if objects_at(plain, j):
                out[k] = replace(out[k], value=f"{bare} {following[spans[j][0]:]}")
                break
    return out


_ASIDE_OPENS = re.compile(
    r"\(\s*(?:sau day (?:goi|viet) (?:tat )?(?:la|chung la)|goi tat (?:la )?)")
# the levels that, stripped or garbled, read no other word after a group: the province's and
# the district's ("tinh", "huyen"; the commune's "xa" is also "far")
_LEVEL_STRIPPED = {tier_word("province"), tier_word("district")}


def _aside(text: str, folded: str, opens: int, limit: int) -> tuple[int, int] | None:
    """The span of a bracketed aside at `opens` that a name passes over: an abbreviation
    ("(CNTT)", "(Sở TT&TT)") or a definition ("(sau đây gọi là tỉnh, thành phố)")."""
    closes = folded.find(")", opens, min(limit, opens + 80))
    if closes == -1:
        return None
    inside = text[opens + 1 : closes].strip()
    abbreviation = len(inside) <= 16 and any(c.isupper() for c in inside) and \
        sum(c.isupper() or not c.isalpha() for c in inside.split()[-1]) == len(inside.split()[-1])
    if abbreviation or _ASIDE_OPENS.match(folded, opens):
        return opens, closes + 1
    return None


# lower-case words that go on a proper name: "... Việt Nam chi nhánh tỉnh X", "... số 2"
_NAME_GOES_ON = {"chi", "so", "thuoc", "va", "khu", "mien", "tai"}


def _proper_run(text: str, words: list[re.Match[str]], i: int, plain: list[str],
                written: list[str] | None) -> int:
    """How many capitalised words (no abbreviation, no body's head: "Đảng đoàn Hội Nông
    dân"; a dash starts a part of its own: "Than - Khoáng sản") stand right before words[i]."""
    run = 0
    for k in range(i - 1, -1, -1):
        said = text[words[k].start() : words[k].end()]
        if not (said[:1].isupper() and not said.isupper()) or phrase_at(
                plain, k, "open_heads", written):
            break
        run += 1
        if any(d in text[words[k - 1].end() : words[k].start()] for d in "-–—") if k else False:
            break
    return run


def _second_syllable(plain: list[str], i: int) -> bool:
    """Whether the lower-case plain[i] ends the word the capitalised one before it begins, a
    name typed in sentence case ("Ban quản lý Khu Nông nghiệp ứng dụng Công nghệ cao"):
    the two are a common word, and plain[i] begins none with the word after it ("... Hòa
    Bình thường xuyên kiểm tra": "thường xuyên" goes on the sentence)."""
    pairs = common_pairs()
    return (plain[i - 1], plain[i]) in pairs and (
        i + 1 >= len(plain) or (plain[i], plain[i + 1]) not in pairs)


def _lines_of_business(text: str, words: list[re.Match[str]], i: int, firm: bool,
                       at_phrase: Callable[[int, str], int]) -> bool:
    """Whether the comma before words[i] is inside a firm's name that lists its lines of
    business: "Công ty TNHH MTV Đầu tư, Xây dựng và Kinh doanh dịch vụ Quảng Ngãi". A
    capitalised word after a capitalised line ("Đầu tư"), no body's head, and within three
    words "và" and a capitalised word that heads no body ("..., Xây dựng và Sở Y tế": two)."""
    if not firm or i < 2 or not any(_title_case(text, w) for w in words[i - 2 : i]) or not \
            _title_case(text, words[i]) or at_phrase(i, "open_heads"):
        return False
    for k in range(i + 1, min(i + 4, len(words) - 1)):
        between = text[words[k - 1].end() : words[k].start()]
        if between.strip():
            return False  # (a comma or a stop before "và": a list of bodies, or the end)
        if words[k].group() == "va":
            return _title_case(text, words[k + 1]) and not at_phrase(k + 1, "open_heads")
    return False


def _title_case(text: str, word: re.Match[str]) -> bool:
    written = text[word.start() : word.end()]
    return written[:1].isupper() and not written.isupper()


def _capitalised(text: str, words: list[re.Match[str]]) -> bool:
    return any(text[w.start()].isupper() or text[w.start()].isdigit() for w in words)


def _name_goes_on(text: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether a capitalised word or a number follows within a few words of the clause."""
    for word in words[i + 1 : i + 1 + _LOOKAHEAD]:
        written = text[word.start() : word.end()]
        if written[:1].isupper() or written[:1].isdigit():
            return True
    return False


_ITEM = re.compile(r"\s*(?:[-–+•]|\d{1,2}[.)]|[a-zđ]\)|[ivx]{1,4}\.)")


def _starts_item(folded: str, pos: int) -> bool:
    """Whether the line holding `pos` opens a list item (a name does not wrap onto one)."""
    return bool(_ITEM.match(folded, folded.rfind("\n", 0, pos) + 1))


_FULL_LINE = 8  # words of a line the text's paragraphs fill (a wrapped one is as long)


def _ended_short(folded: str, pos: int) -> bool:
    """Whether the line ending at `pos` is a paragraph's last, less than half as long as the
    full line before it: a name does not wrap from it ("... Hiệp hội Nước mắm Phan" /
    "Thiết và Hội Tin học" / "Qua theo dõi, ...")."""
    start = folded.rfind("\n", 0, pos) + 1
    if not start:
        return False
    before = folded[folded.rfind("\n", 0, start - 1) + 1 : start - 1].strip()
    line = folded[start:pos].strip()
    return len(before.split()) >= _FULL_LINE and 2 * len(line) < len(before)


# The classes whose words open a body's name: the open reader's heads and kinds, the
# head-word reader's heads, and the heads a text names a body by again.
_HEAD_CLASSES = ("open_heads", "group_nouns", "table_heads", "anaphoric_heads")
_LETTERS = re.compile(r"^(\W*)(\w+)(\W*)$")


@functools.cache
def _head_spellings() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each head's folded words → the vocabulary's spelling of them, where the classes spell
    it one way and no title opens with its first word spelled otherwise: "trường" (a school)
    folds as the "Trưởng" of "Trưởng phòng", a person who heads no name."""
    titles = {fold(t.split()[0]).lower(): t.split()[0].lower() for t in TITLES}
    spelled: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for name in _HEAD_CLASSES:
        for key, forms in phrases(name).items():
            spelled.setdefault(key, set()).update(forms)
    return {key: next(iter(forms)) for key, forms in spelled.items()
            if len(forms) == 1 and titles.get(key[0], next(iter(forms))[0])
            == next(iter(forms))[0]}


def _in_case_of(written: str, spelling: str) -> str:
    """`spelling` in the case `written` has: "HOI" → "HỘI", "Hoi" → "Hội", "hoi" → "hội"."""
    if len(written) > 1 and written.isupper():
        return spelling.upper()
    return capitalize_first(spelling) if written[:1].isupper() else spelling


def _begins_a_common_word(plain: list[str], at: int, spelling: str) -> bool:
    """Whether the folded plain[at], a head of one word spelled `spelling`, begins with the
    word after it a common word spelled otherwise ("bo tri" is "bố trí", "so luong" "số
    lượng", "vien chuc" "viên chức": no "Bộ", "Sở", "Viện")."""
    common = common_pairs().get(tuple(plain[at : at + 2]))
    return common is not None and common[0] != spelling


def _unmarked_common_word(text: str, words: list[re.Match[str]], plain: list[str],
                          at: int) -> bool:
    """Whether a head of one word, in lower case and without marks, begins a common word
    spelled otherwise: where the marks are lost, "phân công, bo tri, sắp xếp" is "bố trí",
    no ministry ("Bộ trí") a request hands its work to; a name's head is capitalised or
    typed with its marks."""
    word = text[words[at].start() : words[at].end()]
    spelling = _head_spellings().get((plain[at],))
    # (an English OCR's marks are noise: there the folded words alone count)
    return (spelling is not None and word.islower()
            and (fold(word) == word or names_may_be_damaged())
            and _begins_a_common_word(plain, at, spelling[0]))


def head_spelled(words: list[str]) -> list[str]:
    """The words a body's name opens with ("các" and a head of the vocabulary), spelled as
    the vocabulary writes them, in the case and with the punctuation the name has them
    ("Cac Ban" → "Các Ban", "Hoi" → "Hội", "To" → "Tổ"); [] when it opens with no head.
    A stripped or damaged name's head is certain where the model of prose guesses: "Hội Tin
    học" is no "Hồi Tín học", "Các Ban của ..." no "Các Bạn"."""
    parts = [_LETTERS.match(word) for word in words[: _HEAD_REACH]]
    plain = []
    for part in parts:  # the words up to the first that is not letters alone
        if part is None or not part[2].isalpha():
            break
        plain.append(fold(part[2]).lower())
        if part[3]:  # "Các sở," — a comma ends the head
            break
    at = 1 if plain[:1] == ["cac"] else 0
    spellings = _head_spellings()
    size = next((n for n in range(min(len(plain) - at, _HEAD_REACH), 0, -1)
                 if tuple(plain[at : at + n]) in spellings), 0)
    if not size:
        return []
    spelling = ("các",) * at + spellings[tuple(plain[at : at + size])]
    if size == 1 and _begins_a_common_word(plain, at, spelling[at]):
        return []  # the head's word begins a common word: "Bo tuc van hoa" is "Bổ túc"
    return [f"{part[1]}{_in_case_of(part[2], word)}{part[3]}"
            for part, word in zip(parts, spelling, strict=False)]
