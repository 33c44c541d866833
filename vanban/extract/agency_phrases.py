"""Find agency names in running text: "Giao Sở Nội vụ chủ trì", "1. Các sở, ban, ngành; UBND ...".

Works on the folded view: at a position, the longest run of words that is a
known agency (fuzzy, so OCR damage is tolerated) wins; failing that, a name
that starts with a head word ("Sở", "Phòng", "Trung tâm", ...) and runs to the
next verb or punctuation.
"""

from __future__ import annotations

import bisect
import itertools
import re
import sys
import unicodedata
from dataclasses import replace
from functools import cache, lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from vanban import user_cache
from vanban.extract import patterns as p
from vanban.extract.found import Found
from vanban.extract.name_ends import (
    LEVEL_FIRST_WORDS,
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
from vanban.extract.organisations import match_organisation, name_words, share_objects
from vanban.extract.vocabulary import (
    abbreviations,
    comma_term_across,
    level_tier,
    phrase_at,
    phrase_patterns,
    phrases,
    tier_word,
    tolerant,
)
from vanban.folding import LOWER, UPPER, fold, fold_ocr
from vanban.normalize.agencies import (
    TITLE_PREFIX,
    _canonical_names,
    canonical_agency,
    expand_abbreviations,
    group_kept,
    name_index,
    spelling_of,
)
from vanban.normalize.codes import FOLDED_DOC_TYPES
from vanban.normalize.names import is_family_name
from vanban.normalize.places import match_place
from vanban.normalize.syllables import looks_like_syllable
from vanban.normalize.text import (
    capitalize_first,
    names_may_be_damaged,
    names_state,
    typed_as_written,
)
from vanban.regex_gate import gated, in_turn

MAX_WORDS = 20  # "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và ..."
_FUZZY_WORDS = 16  # longer typed names are looked up as written only: fuzzy search costs
FUZZY_CUTOFF = 88
_SHORTER_MARGIN = 1.5

# The vocabulary's classes (vanban/data/vocabulary.toml), as this reader looks them up.
HEAD_WORDS = frozenset(" ".join(p) for p in phrases("table_heads"))
_HEAD_FIRSTS = frozenset(p[0] for p in phrases("table_heads") if p)  # (what each begins with)
STOP_WORDS = frozenset(" ".join(p) for p in phrases("verb_syllables"))
NAME_COMPOUNDS = frozenset(p for p in phrases("name_compounds") if len(p) == 2)
VERB_PAIRS = frozenset(p for p in phrases("verb_pairs") if len(p) == 2)
# the lead and help verbs of two words ("chủ trì", "phối hợp") and "hướng dẫn" as an OCR may
# read them ("cht tri", "phéi hgp")
_VERB_PAIR_OCR = re.compile("|".join(
    [rx for name in ("lead_verbs", "help_verbs") for written, rx in phrase_patterns(name)
     if len(written.split()) == 2] + [r"h[uw][a-z]{0,2}ng d[a-z]{1,2}n"]))
# Names that, bare, are more often the verb: a body only with its level or unit after it.
_ALSO_VERBS = {"thanh tra"}  # as canonical names, lower case
_WORD = re.compile(r"[a-z0-9&]+")
try:  # `_WORD`'s words from a place, compiled (normalize/_chars.c); absent where not built
    from vanban.normalize import _chars
except ImportError:  # pragma: no cover - the build is optional
    _chars = None
try:  # the readers' per-word steps, compiled (extract/_name_steps.c); absent where not built
    from vanban.extract import _name_steps
except ImportError:  # pragma: no cover - the build is optional
    _name_steps = None
# ("..., cũng như Thủ trưởng các đơn vị có liên quan": a list's last member)
# (but "cung cấp" is "cung cấp" or "cùng cấp", never "with" a body: "các tổ chức, cá nhân
# cung cấp thông tin" named no body "Cấp thông tin")
_SEPARATOR = re.compile(r"\s*(?:(?:,\s*)?cung nhu\b|,|;|\bva\b|\bcung\b(?!\s+cap\b))\s*")
# "các cơ quan nêu trên / trên": those named above; not "trên cơ sở", "trên địa bàn"
_NAMED_HERE = re.compile(
    r"\s*(?:,\s*)?(?:neu tren|o tren|tren(?!\s+(?:co so|dia ban|toan|pham vi|tinh than"
    r"|linh vuc|mang|ca nuoc|moi truong|he thong)\b))\b")
_DISTRIBUTIVE = re.compile(
    r"(?:c[a-z]c\s+)?(?P<head>phong|s[o0b&dae6]{1,2}|ban|cuc|chi cuc|trung tam|bo|uy ban"
    r"|hat kiem lam|chi nhanh|benh vien|truong|tap doan|tong cong ty)"
    r"(?:\s*,\s*(?:ban|nganh|co quan))*\s*:\s*",  # "Các Sở, ngành: Tư pháp, Y tế"
    re.IGNORECASE
)


@cache
def _names() -> tuple[dict[str, str], tuple[str, ...], frozenset[str]]:
    names = _canonical_names()
    firsts = {key.split()[0] for key in names} | {head.split()[0] for head in HEAD_WORDS}
    return names, tuple(names), frozenset(firsts)


@cache
def dash_joins() -> frozenset[tuple[str, str]]:
    """The words on either side of a dash inside a known name, folded: ("dong", "thuong")
    of "Lao động - Thương binh và Xã hội"; a line that wraps at such a dash goes on."""
    pairs = set()
    for key in _names()[0]:
        for m in re.finditer(r"([a-z0-9]+) - ([a-z0-9]+)", key):
            pairs.add((m[1], m[2]))
    return frozenset(pairs)


@cache
def name_trigrams() -> frozenset[tuple[str, str, str]]:
    """Each run of three words inside a known name, folded: ("lien", "hiep", "phu") of "Hội
    Liên hiệp Phụ nữ"; a line that ends two words into such a run goes on after a blank
    line (rule a-name-wrapped-over-a-blank-line)."""
    runs = set()
    for key in _names()[0]:
        words = re.findall(r"[a-z0-9]+", key)
        runs.update(zip(words, words[1:], words[2:], strict=False))
    return frozenset(runs)


@cache
def proper_pairs() -> frozenset[tuple[str, str]]:
    """Each two capitalised words side by side inside a known name, folded: ("viet", "nam")
    of "Tập đoàn Điện lực Việt Nam", ("ho", "chi") of "... Hồ Chí Minh"; a page's wrap
    between them ("... quốc gia Việt / Nam báo cáo ...") is inside the name (rule
    a-name-wrapped-before-a-capital)."""
    pairs = set()
    for name in _names()[0].values():
        words = name.split()
        pairs.update((fold_ocr(a), fold_ocr(b)) for a, b in itertools.pairwise(words[1:])
                     if a[:1].isupper() and b[:1].isupper() and a.isalpha() and b.isalpha())
    return frozenset(pairs)


def name_runs_across(folded: str, end: int, after: int) -> bool:
    """Whether a line break at [end, after) falls inside a known name: the two words before
    it and the one after are a run of three inside one ("Ủy ban Mặt trận / Tổ quốc"), or
    the word before and the one after two capitalised words side by side in one ("Việt /
    Nam")."""
    last = re.findall(r"[a-z0-9]+", folded[max(0, end - 40) : end])[-2:]
    first = re.match(r"[ \t*_]*([a-z0-9]+)", folded[after : after + 40])
    if not last or first is None:
        return False
    return (len(last) == 2 and (last[0], last[1], first[1]) in name_trigrams()) or (
        last[-1], first[1]) in proper_pairs()


_OTHER_SEPARATORS = (" – ", " — ", " & ")


def _other_separator(key: str, names: dict[str, str]) -> str | None:
    """The table's name of a folded key written with another separator between its parts."""
    for sep in _OTHER_SEPARATORS:
        if sep in key:
            for table_sep in (" - ", " va "):
                if (name := names.get(key.replace(sep, table_sep))) is not None:
                    return name
    return None


@lru_cache(maxsize=4096)
def could_start_a_name(word: str) -> bool:
    """Whether a folded word is, or is one OCR slip from, the first word of a known name."""
    firsts = _names()[2]
    if word in firsts:
        return True
    return any(Levenshtein.distance(word, first, score_cutoff=1) <= 1 for first in firsts)


@lru_cache(maxsize=65536)
def _fuzzy(key: str) -> tuple[str, float] | None:
    """The closest known name that starts like `key` (extra leading words are not OCR noise)."""
    hit = name_index().best_same_start(key, FUZZY_CUTOFF, limit=3)
    if hit is not None:
        return hit
    if "ii" in key:  # no syllable has "ii": an OCR's "ư"/"ũ" ("Tii pháp", "Vii")
        return _fuzzy(key.replace("ii", "u"))
    return None


@cache
def _near_words() -> dict[int, tuple[dict[str, int], ...]]:
    """Per word count of the table's names (those the fuzzy search can answer), per
    position: the words there, and each of them less one letter, each with the names it
    is of (bit i: the i-th name of that count) (from the command line's cache,
    `user_cache`, where it is: 0.01 s of a one-file run)."""
    return user_cache.cached("near-words", _build_near_words)


def _build_near_words() -> dict[int, tuple[dict[str, int], ...]]:
    by_count: dict[int, list[dict[str, int]]] = {}
    counted: dict[int, int] = {}
    for name in name_index().names:
        words = name.split()
        near = by_count.setdefault(len(words), [{} for _ in words])
        bit = 1 << counted.get(len(words), 0)
        counted[len(words)] = counted.get(len(words), 0) + 1
        for k, word in enumerate(words):
            for form in {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}:
                near[k][form] = near[k].get(form, 0) | bit
    return {count: tuple(near) for count, near in by_count.items()}


@lru_cache(maxsize=65536)
def _less_a_letter(word: str) -> tuple[str, ...]:
    return tuple(word[:i] + word[i + 1 :] for i in range(len(word)))


@lru_cache(maxsize=65536)  # (keys repeat as `_fuzzy`'s do: a name's words at each mention)
def _may_be_a_typo(key: str) -> bool:
    """False where `_a_typo_of(key, name)` holds for no name of the table, so that typed
    text needs no fuzzy search (most keys: a sentence's words after a name's first).

    Two words a slip of a letter apart (an edit distance of 1) are equal, one is the other
    less a letter, or both are the same less a letter; so each word of `key`, or it less a
    letter, is among the words of its position, or those less a letter, in one name as
    long (`_near_words`: the names of each such word as bits, intersected word by word).
    The last words go first: a name ends in fewer ways than it starts."""
    words = key.split()
    near = _near_words().get(len(words))
    if near is None:
        return False
    names = -1  # (the names as long as the key that every word so far is near in, as bits)
    for word, known in zip(reversed(words), reversed(near), strict=True):
        here = known.get(word, 0)
        for less in _less_a_letter(word):
            here |= known.get(less, 0)
        names &= here
        if not names:
            return False  # (no one name is near the key in each of its words)
    return True


@cache
def _name_trie() -> dict:
    """The table's folded names as a trie of their words, "và" and "&" left out: the
    words every look-up of the key loop below reads as the same (its separators and a
    "và" for a dash or "&" aside; a name's level after it extends it)."""
    trie: dict = {}
    for key in _names()[0]:
        node = trie
        for word in _WORD.findall(key):
            if word not in _JOINING_WORDS:
                node = node.setdefault(word, {})
    return trie


_JOINING_WORDS = frozenset({"va", "&"})


def _known_reach(folded: str, start: int, ends: list[int]) -> int:
    """How many of the words from `start` (ending at `ends`) a name of the table begins
    with, so read: no key of more of them is the table's, however its separators read."""
    if _name_steps is not None:  # (the same walk, no word list nor turn of Python a word)
        return _name_steps.known_reach(folded, start, ends[-1], _name_trie(), _JOINING_WORDS)
    node, count = _name_trie(), 0
    words = (_WORD.findall(folded, start, ends[-1]) if _chars is None
             else _chars.words(folded, start, ends[-1], sys.maxsize))
    for word in words:
        if word not in _JOINING_WORDS:
            node = node.get(word)
            if node is None:
                break
        count += 1
    return count


@cache
def _near_anywhere() -> tuple[frozenset[str], ...]:
    """Per position, the words there in a name of any length, and each less a letter."""
    near: list[set[str]] = []
    for by_position in _near_words().values():
        for k, known in enumerate(by_position):
            if k == len(near):
                near.append(set())
            near[k].update(known)
    return tuple(map(frozenset, near))


@lru_cache(maxsize=65536)
def _places_near(word: str) -> int:
    """The places in a name (bit k: its k-th word) where `word`, or it less a letter, is
    a word of some name, or a name's word less a letter."""
    if _name_steps is not None:
        return _name_steps.places_near(word, _near_anywhere())
    less = _less_a_letter(word)
    return sum(1 << k for k, known in enumerate(_near_anywhere())
               if word in known or not known.isdisjoint(less))


def _typo_reach(folded: str, start: int, end: int, stop: int | None = None) -> int:
    """Where the first word from `start` that is no slip of any name's word at its place
    ends (`end` past it if none is): a key that holds it whole is no typo of a name
    (`_may_be_a_typo` tests each word against the names of the key's length). With `stop`
    (at most `end`), the words are read only as far as `stop`: where that first word ends
    if by `stop`, else some place past `stop` (its callers compare it with places up to
    `stop` alone: the key loop with the ends of the keys it may look up, `_may_start` with
    its second word's)."""
    stop = end if stop is None else stop
    if _name_steps is not None:  # (the same words and look-ups, no turn of Python a word)
        return _name_steps.typo_reach(folded, start, end, stop, _places_near)
    # (the words of a scan to `stop`: those that end before it are the whole scan's; the
    # last may be cut short there)
    words = (_NO_SPACE.finditer(folded, start, stop) if _chars is None  # (compiled: no match
             else _chars.word_matches(folded, start, stop, sys.maxsize, True))  # objects made)
    for k, m in enumerate(words):
        if m.end() == stop < end and _NO_SPACE.match(folded, stop, end):
            return stop + 1  # (a word that goes on past `stop`: it ends past it)
        if not _places_near(m.group()) >> k & 1:
            return m.end()
    return stop + 1


_NO_SPACE = re.compile(r"\S+")  # (the words `str.split` gives)


def _word_ends(folded: str, pos: int, limit: int) -> list[int]:
    if _chars is not None:  # (the same ends in one compiled pass, no match objects)
        return _chars.word_ends(folded, pos, limit, MAX_WORDS)
    return [m.end() for m in itertools.islice(_WORD.finditer(folded, pos, limit), MAX_WORDS)]




# "Các đồng chí Giám đốc Sở Tài chính, ...": the courtesy before a plural of titles
_COMRADES = re.compile(r"cac dong chi\s+(?=\S)")


# "toàn Ngành Y tế", "toàn thể các đơn vị": the whole of the body named next
_WHOLE = re.compile(r"toan(?:\s+the)?\s+(?=nganh\b|cac\b)")


# "Tổ trưởng các Tổ Công đoàn", "Đội trưởng các đội": the head of each names the group
_HEAD_OF_EACH = re.compile(r"(?P<unit>to|doi|nhom|khoi)\s+truong\s+(?=(?:cac|\d+)\s+(?P=unit)\b)")


# What a name may have before it, skipped in turn: a request verb, "toàn (thể)" or "Tổ
# trưởng các tổ", "các đồng chí", titles (one match where it was five: the readers ask
# at every place they read a name)
_BEFORE_A_NAME = in_turn(p.REQUEST, (_WHOLE, _HEAD_OF_EACH), _COMRADES, TITLE_PREFIX)


# Where the name starts after what `_BEFORE_A_NAME` skips, by place, for the last few texts
# asked about (kept with them: keyed by identity): the readers ask again at two places in
# three (each reader, each limit), and the readers switch between the document and short
# texts (a name's abbreviations spelled out), so one text's answers are not enough
# (bounded: 8 texts, 20,000 places a text, ~2 MB at most)
_SKIPPED: dict[int, tuple[str, dict[int, int]]] = {}
_SKIPPED_TEXTS = 8
_SKIPPED_PLACES = 20_000


def _skip_title(folded: str, pos: int) -> int:
    last = _LAST_SKIPPED  # (most questions are about the text asked about last)
    if last[0] is folded:
        places = last[1]
    else:
        places = _places_skipped(folded)
        last[:] = [folded, places]
    at = places.get(pos)
    if at is None:
        at = _BEFORE_A_NAME.match(folded, pos).end()  # type: ignore[union-attr]
        if len(places) < _SKIPPED_PLACES:
            places[pos] = at
    return at


# (the text `_skip_title` was asked about last and its places, one of `_SKIPPED`'s, which
# is kept in order of asking as it changes)
_LAST_SKIPPED: list = [None, {}]


def _places_skipped(folded: str) -> dict[int, int]:
    """The places `_SKIPPED` keeps for `folded`, which is now the text asked about last."""
    key = id(folded)
    kept = _SKIPPED.get(key)
    if kept is None or kept[0] is not folded:
        if len(_SKIPPED) >= _SKIPPED_TEXTS:
            del _SKIPPED[next(iter(_SKIPPED))]  # (the text asked about longest ago)
        kept = _SKIPPED[key] = (folded, {})
    elif next(reversed(_SKIPPED)) != key:
        _SKIPPED[key] = _SKIPPED.pop(key)  # (asked about again: kept longest)
    return kept[1]


def match_agency(text: str, folded: str, pos: int, limit: int | None = None, *,
                 localities: bool = True) -> Found[str] | None:
    """The agency name that starts at `pos` (after any title), or None; with `localities`
    localities named by their level too ("các huyện, thị xã", `match_localities`)."""
    answers = _answers(text, folded)
    key = (pos, limit, localities, names_state())  # (the state names are read from)
    if key not in answers:
        found = _match_agency(text, folded, pos, limit, localities)
        found = _through_abbreviation(text, folded, pos, limit, found, localities) or found
        found = _without_own_parent(found)
        answers[key] = None if found is not None and _a_person_honoured(folded, found) else found
    return answers[key]


# an honorific right before a name ("ông Đoàn Duy Đức"), skipped as a title or not
_HONOURED = re.compile(rf"(?:^|[\s,;(])(?:{tolerant('honorifics')})\s+$")
_HONOURED_AT = re.compile(rf"(?:{tolerant('honorifics')})\s+")


def _a_person_honoured(folded: str, found: Found[str]) -> bool:
    """ "... khiếu nại của bà A, ông Đoàn Duy Đức": after an honorific a family name that is
    also a body's head ("Đoàn") names a person, no team (rule an-honoured-name-is-a-person)."""
    words = found.value.split()
    return 2 <= len(words) <= 4 and is_family_name(words[0]) and bool(
        _HONOURED_AT.match(folded, found.start)
        or _HONOURED.search(folded, max(0, found.start - 16), found.start))


def _without_own_parent(found: Found[str] | None) -> Found[str] | None:
    """ "Phòng Khoáng sản thuộc Sở" as a clerk writes it: "Phòng Khoáng sản" (the writer's
    own department, a bare head, names nothing more; a group keeps it: "Các đơn vị thuộc Sở")."""
    if found is None or found.value.startswith("Các"):
        return found
    words = found.value.split()
    if len(words) < 3 or fold_ocr(words[-2]).lower() != "thuoc" \
            or fold_ocr(words[-1]).lower() not in _OWN_PARENTS:
        return found
    return Found(" ".join(words[:-2]), found.start, found.end, found.raw, found.confidence,
                 found.rule)


# the clause a name may run to, at most (its abbreviations spelled out, `_through_abbreviation`)
_CLAUSE_STOP = re.compile(r"[.;:()\n]")
_WORDS_AT = re.compile(r"[^\s,;]+")
# (gated: a search skips to the capitals, `regex_gate.Skipping`)
_CAPITALS_NEAR = gated(re.compile(r"\b(?!UBND\b|HĐND\b)[A-ZĐ][A-ZĐ&]+\b"))


def _through_abbreviation(text: str, folded: str, pos: int, limit: int | None,
                          found: Found[str] | None, localities: bool) -> Found[str] | None:
    """A name whose first words are abbreviated and whose field goes on after them ("Ban QLDA
    đầu tư xây dựng các công trình Nông nghiệp và PTNT", "BQL dự án đầu tư xây dựng huyện"):
    read as its words spelled out read it, where that goes further than the abbreviation
    alone ("Ban quản lý dự án")."""
    start = _skip_title(folded, _skip_space(folded, found.start if found else pos))
    if not (_CAPITALS_NEAR.search(text, start, start + 30) if _name_steps is None
            else _name_steps.capitals_near(text, start, start + 30)):
        return None  # (no abbreviation among the first words: nearly every name)
    end = len(text) if limit is None else limit
    stop = _CLAUSE_STOP.search(text, start, min(end, start + 200))
    clause = text[start : stop.start() if stop else min(end, start + 200)]
    words = _WORDS_AT.findall(clause)[:3]
    if not any(w.isupper() and len(w) >= 2 and expand_abbreviations(w) != w for w in words):
        return None
    spelled = expand_abbreviations(clause)
    kept = _ASKED[:]  # (the answers about the text itself stay: the spelled words are asked apart)
    try:
        read = _match_agency(spelled, fold_ocr(spelled).replace("*", " "), 0, len(spelled),
                             localities)
    finally:
        _ASKED[:] = kept
    if read is None or read.start != 0:
        return None
    # (where in the text as written the spelled-out name ends)
    ends = [m.end() for m in _WORDS_AT.finditer(clause)
            if len(expand_abbreviations(clause[: m.end()])) >= read.end]
    if not ends or start + ends[0] <= (found.end if found else start):
        return None
    return Found(read.value, found.start if found else start, start + ends[0],
                 text[found.start if found else start : start + ends[0]], read.confidence)


# The task readers ask again at a sixth of the places (a sentence's owners, its heading's,
# a table's cells), nearly always of the document's whole text: the answers about one
# text are kept until another is asked about, so the memo holds one text, however long.
_ASKED: list = [None, None, {}]


def _answers(text: str, folded: str) -> dict:
    """The answers kept about `text` (and its `folded` view), emptied for another text."""
    asked = _ASKED
    if asked[0] is not text or asked[1] is not folded:
        asked[:] = [text, folded, {}]
    return asked[2]


def _match_agency(text: str, folded: str, pos: int, limit: int | None,
                  localities: bool) -> Found[str] | None:
    limit = len(folded) if limit is None else limit
    while pos < limit and folded[pos] in " \t\n-–+•*\"“”'‘’":  # (quoted speech: “Sở X ...)
        pos += 1
    if not _may_start(folded, pos, limit):
        return None  # (two places in three the task readers offer)
    if text[pos : pos + 1].isupper() and (this := _THIS_BODY.match(folded, pos, limit)):
        # "Bộ này và UBND các cấp tăng cường ...": the ministry named before
        named = _named_before(text, folded, pos, this["head"], capitalised=True)
        # (its raw words the earlier mention's: a stripped text respells them as written)
        return named and Found(named[0], pos, this.end(), named[2], named[1])
    found = _match_agency_unresolved(text, folded, pos, limit, localities)
    if found is not None and found.start == pos and _BARE_HEAD.fullmatch(fold(found.value)):
        # "Ban chỉ đạo có nhiệm vụ ...": the one the text named in full before
        named = _named_before(text, folded, pos, fold(found.value), capitalised=False)
        if named is not None:
            return Found(named[0], found.start, found.end, named[2],
                         min(found.confidence, named[1]))
    return found


# The words the readers below can read a name from, besides the table's names' first words
# (`could_start_a_name`): the first words of the vocabulary's heads (a body's, a table
# head's, a group's kind, a body named again), and those the readers' own patterns open
# with: "các", a count or "cấp" before levels (`_LOCALITIES`, `organisations._COUNT_OF_KIND`,
# digits too), a council's head (`_COUNCIL`, `_COUNCIL_OCR`), a village head's "phó" and
# "trưởng" (`_VILLAGE_HEADS`). A test holds the patterns to these.
_PATTERN_FIRSTS = frozenset({"cac", "cap", "hai", "ba", "bon", "ubnd", "uy", "hdnd", "hoi",
                             "pho", "truong"})
_HEAD_CLASSES = ("open_heads", "table_heads", "group_nouns", "anaphoric_heads")


@cache
def head_firsts() -> frozenset[str]:
    """The words a name read by a head or a pattern starts with (`_PATTERN_FIRSTS`)."""
    return _PATTERN_FIRSTS | {p[0] for name in _HEAD_CLASSES for p in phrases(name) if p}


@cache
def _first_words() -> frozenset[str]:
    """The first word of each of the table's names as `_WORD` reads it ("tp" of "tp.hcm"):
    a name a key matches exactly, or with another separator or its level, begins so."""
    return frozenset(m.group() for key in _names()[0] if (m := _WORD.search(key)))


def _may_start(folded: str, pos: int, limit: int) -> bool:
    """False where none of `_match_agency`'s readers can read a name from `pos`: a word, no
    title before it, that opens no head, pattern or known name (a verb, a common noun:
    most places the task readers offer, each a dozen of readers' tests to say None)."""
    word = _WORD.match(folded, pos, limit)
    if word is None or word.group() in head_firsts() or word.group()[0].isdigit():
        return True
    if _skip_title(folded, pos) != pos:
        return True  # (the name after the title is the readers' to read)
    if not could_start_a_name(word.group()):
        return False
    if names_may_be_damaged() or word.group() in _first_words():
        return True
    # typed or stripped, a word a slip from a name's first word is read only as a typo of a
    # name of two words or more, all slips of its words (`_typo_reach`, as the key loop asks)
    ends = _word_ends(folded, pos, limit)
    return len(ends) >= 2 and _typo_reach(folded, pos, ends[-1], ends[1]) > ends[1]


# (the longest first: "tổng cục" before "cục")
_ANAPHORIC = sorted((" ".join(h) for h in phrases("anaphoric_heads")), key=len, reverse=True)
_THIS_BODY = re.compile(rf"(?P<head>{'|'.join(_ANAPHORIC)})\s+nay\b")
_BARE_HEAD = re.compile("|".join(h for h in _ANAPHORIC if " " in h))
_LOOK_BACK = 4000  # characters: the body named in full stands in the text before, not far


def named_before(text: str, folded: str, pos: int, head: str) -> tuple[str, float, str] | None:
    """The one longer name of a capitalised `head` the text gives before `pos` ("Cục Văn
    hóa cơ sở" for "..., Cục đề nghị ...")."""
    return _named_before(text, folded, pos, head, capitalised=True)


def _named_before(text: str, folded: str, pos: int, head: str, *, capitalised: bool
                  ) -> tuple[str, float, str] | None:
    """The one longer name of a `head` the text gives before `pos` ("Bộ Văn hóa, Thể thao
    và Du lịch" for "Bộ này"), or None: none, or two different ones. `capitalised`: only
    mentions that start with a capital (a bare "bộ" in running text is a common noun);
    else a lower-case mention is read as a name too ("Trưởng ban Chỉ đạo kiểm kê ...").
    With the name, how sure its reading was and its words as written."""
    names: dict[str, tuple[float, str]] = {}
    floor = max(0, pos - _LOOK_BACK)
    for m in re.finditer(rf"\b{head}\b", folded[floor:pos]):
        at = floor + m.start()
        if capitalised and not text[at].isupper():
            continue
        end = folded.find("\n", at, pos)
        end = pos if end == -1 else end
        if capitalised:
            found = _match_agency_unresolved(text, folded, at, end, False)
        else:  # (read as a name is written, with its capital)
            found = match_organisation(text[:at] + text[at].upper() + text[at + 1 :], folded,
                                       at, end)
        if found is None or found.start != at or len(fold(found.value)) <= len(head) + 1 \
                or not fold(found.value).startswith(head + " "):
            continue
        names[capitalize_first(found.value)] = (found.confidence, text[at : found.end])
    if len(names) != 1:
        return None
    name, (confidence, raw) = next(iter(names.items()))
    return name, confidence, raw


def _match_agency_unresolved(text: str, folded: str, pos: int, limit: int,
                             localities: bool) -> Found[str] | None:
    found = _match_agency_here(text, folded, pos, limit, localities)
    if found is None:
        return None
    name, end = _of_each_province(text, folded, found.value, found.end, limit)
    name, end = _with_scope(folded, name, end, limit) if end > found.end else (name, end)
    return found if end == found.end else Found(name, pos, end, text[pos:end], found.confidence)


def _match_agency_here(text: str, folded: str, pos: int, limit: int,
                       localities: bool) -> Found[str] | None:
    start = _skip_title(folded, pos)
    found = _match_agency_at(text, folded, pos, limit, start)
    if found is None and localities:
        found = _as_found_at(match_localities(text, folded, start, limit), text, pos)
    # "các Phòng Giáo dục và Đào tạo các huyện": the group of a body the tables know,
    # named longer than the group of a kind ("Các phòng") read without it
    kind = _match_agency_at(text, folded, start + 4, limit) if _GROUP_OF.match(
        folded, start, limit) else None
    # (a group read whole whose "các" the table's spelling dropped, as stripped text reads:
    # "cac So GDDT" is no one Sở)
    same = kind is not None and found is not None and kind.end == found.end and (
        kind.value == found.value)
    # ("các UBND huyện, thị xã, thành phố": the councils of a level, "các" said before
    # the head; the same group as "UBND các huyện, thị xã, thành phố")
    if kind is not None and (bare := _BARE_COUNCIL.match(kind.value)):
        name, end = f"{bare['head']} các {bare['level']}", kind.end
        if more := _more_levels(folded, end, limit):
            levels = [p.level_word(m) for m in re.finditer(p.LEVEL_WORD_OCR, more[0])]
            name, end = f"{name}, {', '.join(levels)}", more.end()
        return Found(name, pos, end, text[pos:end], kind.confidence)
    # ("các UBND các huyện": a group already, its first "các" said twice)
    if kind is not None and _COUNCILS_OF.match(kind.value) and kind.confidence >= 0.9 and (
            found is None or kind.end >= found.end):
        return Found(kind.value, pos, kind.end, text[pos : kind.end], kind.confidence)
    if kind is not None and not kind.value.startswith("Các") and (same or (
            kind.confidence >= 0.9 and (found is None or kind.end > found.end))):
        name, end = f"Các {kind.value[:1].lower()}{kind.value[1:]}", kind.end
        if (described := _DESCRIBED.match(folded, end, limit)) and _LIST_NEXT.match(
                folded, described.end(), limit):
            # "các sở Giao thông vận tải quản lý ủy thác quốc lộ, các Ban ...": the group
            # described, in a list that goes on after it
            words = " ".join(text[described.start(1) : described.end()].split())
            name, end = f"{name} {words}", described.end()
            if not typed_as_written():
                # (its description is no table's: a text without its marks has them
                # restored as an unknown name's words are, `directive.UNKNOWN_NAME`)
                return Found(name, pos, end, text[pos:end], min(kind.confidence, 0.87))
        return Found(name, pos, end, text[pos:end], kind.confidence)
    return found


_GROUP_OF = re.compile(r"cac (?=[a-z])")
_COUNCILS_OF = re.compile(r"(?:Ủy ban nhân dân|Hội đồng nhân dân) các ")
_BARE_COUNCIL = re.compile(r"(?P<head>Ủy ban nhân dân|Hội đồng nhân dân) "
                           r"(?P<level>tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)$")


def _as_found_at(found: Found[str] | None, text: str, pos: int) -> Found[str] | None:
    """`found` as read from `pos` (a title before it included)."""
    return found and Found(found.value, pos, found.end, text[pos : found.end], found.confidence)


def _match_agency_at(text: str, folded: str, pos: int, limit: int,
                     start: int | None = None) -> Found[str] | None:
    # (`start`: where the name starts after any title, `_skip_title`, if the caller has it)
    start = _skip_title(folded, pos) if start is None else start
    ends = _word_ends(folded, start, limit)
    if not ends:
        return None
    village = _VILLAGE_HEADS.match(folded, pos, limit)
    if village and re.search(r"\bban$", village[0]) and (
            (typed_as_written() and not re.search(r"\bbản\b", text[pos : village.end()],
                                                  re.IGNORECASE))
            or _BOARDS_NEXT.match(folded, village.end(), limit)
            # ("Phó Trưởng ban Thường trực Ban Chỉ đạo ...": a board's, its name after it)
            or _CAPITAL_NEXT.match(text, village.end(), limit)):
        village = None  # "Trưởng các ban, ngành": "ban" is no village ("bản") there
    if village:  # "Trưởng các thôn, bản": the heads of villages, no body to name instead
        words = re.findall(r"to dan pho|khu pho|[a-z]+|,", village[0])
        name = " ".join(_VILLAGE_WORDS.get(w, w) for w in words).replace(" ,", ",")
        return Found(capitalize_first(name), pos, village.end(),
                     text[pos : village.end()], 0.9)
    council = match_council(text, folded, start, limit)
    if council is not None:  # a named council, before any table entry with a level word
        return Found(council.value, pos, council.end, text[pos : council.end], council.confidence)
    organisation = match_organisation(text, folded, start, limit)
    if organisation is not None:
        name, confidence = canonical_agency(organisation.value)  # its asides left out
        # ("Ủy ban bầu cử các xã, thị trấn": all the levels of its units)
        name, end = _with_levels(folded, name or organisation.value, organisation.end, limit)
        organisation = Found(name, pos, end, text[pos:end],
                             min(confidence, organisation.confidence))
    first = folded[start : ends[0]].lstrip()
    if not could_start_a_name(first) or _names_a_document(folded, start, ends):
        return organisation
    names = _names()[0]
    best_end, best_name, best_score = 0, None, 0.0
    damaged = names_may_be_damaged()
    # (keys longer than these are no name of the table as written, nor a typo of one:
    # their look-ups are skipped, most of the loop's turns; a new way below of reading a
    # key as a table's name must be one `_name_trie`'s words read too)
    known = _known_reach(folded, start, ends)
    # the longest key the loop looks up: one the table has as written, or one fuzzy search
    # may read (`_FUZZY_WORDS` at most as typed, and no longer than a typo may reach); the
    # longer keys' turns would each pass over it (`continue`)
    fuzzy = len(ends) if damaged else min(len(ends), _FUZZY_WORDS)
    typo_end = ends[-1] + 1 if damaged else _typo_reach(folded, start, ends[-1],
                                                        ends[fuzzy - 1])
    longest = max(known, min(fuzzy, bisect.bisect_left(ends, typo_end)))
    if longest == 0:
        return _longer(_match_by_head(text, folded, pos, start, limit), organisation)
    # words one space apart, as typed text mostly has them: each key is a slice of the
    # text (what " ".join(... .split()) would give, at a word's end)
    whole = folded[start : ends[longest - 1]]
    spaced = whole == " ".join(whole.split())
    for n in range(longest, 0, -1):
        if best_name is not None and best_score + _SHORTER_MARGIN >= 100:
            break  # (no score passes 100: no shorter name can win now)
        exact = n <= known
        if not exact and not (n >= 2 and (n <= _FUZZY_WORDS or damaged)
                              and ends[n - 1] < typo_end):
            continue
        key = whole[: ends[n - 1] - start] if spaced else " ".join(
            folded[start : ends[n - 1]].split())
        if exact and key in names:
            score, name = 100.0, names[key]
        elif exact and " - " in key and (undashed := names.get(key.replace(" - ", " "))):
            # "Sở Giao thông - Vận tải": a dash some offices write inside a name the table
            # spells without one
            score, name = 100.0, undashed
        elif exact and (other := _other_separator(key, names)) is not None:
            # "Phòng Kinh tế – Hạ tầng", "Phòng Tài chính & kế hoạch": a typed en dash, an
            # em dash or "&" where the table has its hyphen (or "và")
            score, name = 100.0, other
        elif exact and ", " in key and (dashed := names.get(key.replace(", ", " - "))):
            # "Sở Lao động, Thương binh và Xã hội": a comma some offices write for the dash
            # inside a name the table spells with one
            score, name = 100.0, dashed
        elif exact and n >= 6 and "," not in key and not key.endswith((" cap", " thuoc")) and (
                levelled := names.get(f"{key} {tier_word('province')}")):
            # "Ban Quản lý dự án ... nông nghiệp và phát triển nông thôn" of the table's
            # "... nông thôn tỉnh": the body without the level the text leaves unsaid
            score, name = 100.0, levelled.rsplit(" ", 1)[0]
        elif n >= 2 and (n <= _FUZZY_WORDS or damaged):
            if not damaged and not _may_be_a_typo(key):
                continue  # (a hit is taken below only if it is a typo of the key)
            if _lower_words_as_typed(text[start : ends[n - 1]]):
                continue  # "tính toán nhu cầu": no "Tỉnh đoàn" a letter away
            hit = _fuzzy(key)
            # typed or stripped text has its letters, and so has an OCR's where every word
            # is a syllable as written ("Công tác quản"): a name differs from it by a slip
            if hit is None or (
                (not damaged or _all_syllables(text[start : ends[n - 1]]))
                and not _a_typo_of(key, hit[0])
            ):
                continue
            # ("UBND cac huy€n" is the group "các huyện", no "cấp huyện" a letter away)
            score, name = hit[1], group_kept(key, hit[0], names[hit[0]])
        else:
            continue
        # the best-scoring length wins; a shorter one (checked later) must win clearly: OCR
        # noise costs a longer name more points ("câc xa, phtrong" vs "cấp xã")
        if score > best_score + (_SHORTER_MARGIN if best_name is not None else 0):
            best_end, best_name, best_score = ends[n - 1], name, score
    if best_name is not None:
        if best_score < 100:
            best_name = spelling_of(text[start:best_end], best_name)
        best_name, best_end = _with_place(text, folded, best_name, best_end, limit)
        best_name, best_end = _with_area(text, folded, best_name, best_end, limit)
        best_name, best_end = _with_own_level(text, folded, best_name, best_end, limit)
        best_name, best_end = _with_branch(text, folded, best_name, best_end, limit)
        best_name, best_end = _with_levels(folded, best_name, best_end, limit)
        best_name, best_end = _with_scope(folded, best_name, best_end, limit)
        best_name, best_end = _with_whose_level(text, folded, best_name, best_end, limit)
        if " các " in best_name:
            best_name, best_end = _with_region(text, folded, best_name, best_end, limit)
        best_name, best_end = _with_parent(text, folded, best_name, best_end, limit)
        best_name, best_end = _with_owner_body(text, folded, best_name, best_end, limit)
        field_end = best_end
        best_name, best_end = _with_field(text, folded, best_name, best_end, limit)
        if best_end > field_end and not typed_as_written():
            best_score = min(best_score, 85.0)  # its field as written: to be respelled
        if numbered := _NUMBERED.match(folded, best_end, limit):  # "Ban QLDA ... số 1"
            best_name, best_end = f"{best_name} số {numbered[1]}", numbered.end()
        if spelled := _with_abbreviation(text, start, best_end, limit):
            best_name, best_end = spelled
        if best_name.lower() in _ALSO_VERBS:  # "c) Thanh tra, kiểm tra việc ..."
            return _longer(_match_by_head(text, folded, pos, start, limit), organisation)
        if organisation is not None and organisation.end > best_end and (
            best_name.startswith("Các") or _goes_on_by_name(text, best_end, organisation.end)
        ):
            # "Tổng công ty Điện lực" of the table, then "miền Nam"; "Các doanh nghiệp" of
            # the table, then what kind of them: "kinh doanh xăng dầu trên địa bàn tỉnh"
            return organisation
        return Found(best_name, pos, best_end, text[pos:best_end], best_score / 100)
    return _longer(_match_by_head(text, folded, pos, start, limit), organisation)


def _lower_words_as_typed(written: str) -> bool:
    """Whether words open in lower case and keep their marks as typed (each a syllable,
    one marked at least): running text, which a name only its letters resemble is not."""
    return (written[:1].islower() and any(unicodedata.normalize("NFD", c) != c for c in written)
            and _all_syllables(written))


_DESCRIBED = re.compile(
    rf"[ \t]+((?:{tolerant('describing_verbs')})\b[^,;.:()\n]{{0,50}}?)(?=[ \t]*,)")
_LIST_NEXT = re.compile(r"[ \t]*,[ \t]*(?:cac|va)\b")
_NUMBERED = re.compile(r"[ \t]+so[ \t]+(\d{1,3})(?![\w/-]|[.,]\d)")


_ABBREVIATION_NEXT = re.compile(r"[ \t]+(?:c[aá]c[ \t]+)?(?!UBND|HĐND|HDND)[A-ZĐ][A-ZĐ&]{1,7}\b")


def _with_abbreviation(text: str, start: int, end: int, limit: int) -> tuple[str, int] | None:
    """ "Ban Quản lý các KCN": a name the table knows spelled out, its last words
    abbreviated; the table's words stopped where the abbreviation begins."""
    m = _ABBREVIATION_NEXT.match(text, end, limit)
    if m is None:
        return None
    name, confidence = canonical_agency(text[start : m.end()])
    return (name, m.end()) if confidence >= 0.9 else None


def _a_typo_of(key: str, name: str) -> bool:
    """Whether typed text could mean `name`: word for word, each a slip of a letter at most
    ("Công tác quản" is no "Công an quận", though their letters are close)."""
    typed, known = key.split(), name.split()
    return len(typed) == len(known) and all(
        Levenshtein.distance(a, b, score_cutoff=1) <= 1 for a, b in zip(typed, known, strict=True))


def _all_syllables(written: str) -> bool:
    # (a dash between words is no word: "tổ chức chính trị - xã hội")
    return all(looks_like_syllable(word) for word in (
        w.strip(",.;:()-–—") for w in written.split()) if word)


def _names_a_document(folded: str, start: int, ends: list[int]) -> bool:
    """ "Công văn này", "Kế hoạch số ...": a document's type, which an OCR'd name may look
    like ("Công an") to a fuzzy search, names no body."""
    # a type's words are letters: its first is the text's first word, as written to its end
    # (most words open no type, and their three readings are not made)
    if folded[start : ends[0]].lstrip() not in _DOC_TYPE_FIRST_WORDS:
        return False
    return any(" ".join(folded[start:end].split()) in FOLDED_DOC_TYPES for end in ends[:3])


_DOC_TYPE_FIRST_WORDS = frozenset(t.split()[0] for t in FOLDED_DOC_TYPES)


def _longer(found: Found[str] | None, organisation: Found[str] | None) -> Found[str] | None:
    """The organisation phrase's reading, unless the head-word reading spans the same words
    (it knows how the gazetteer spells a place: "Báo Lào Cai")."""
    if organisation is None or (found is not None and found.end == organisation.end):
        return found
    return organisation


def _goes_on_by_name(text: str, end: int, further: int) -> bool:
    """Whether the words past a table's name up to `further` carry a proper name."""
    return further > end and any(w[:1].isupper() or w[:1].isdigit()
                                 for w in text[end:further].split())


_VILLAGE = r"(?:thon|ban|to dan pho|khu pho|ap|buon|khom)"
_VILLAGE_HEADS = re.compile(
    rf"(?:pho\s+)?truong\s+(?:cac\s+)?{_VILLAGE}(?:\s*,\s*{_VILLAGE})*\b"
)
_CAPITAL_NEXT = re.compile(rf"[ \t]+[{UPPER}]")
_BOARDS_NEXT = re.compile(r"\s*,\s*(?:ng[a-z]{1,2}nh|d[a-z]{1,2}n th[a-z]|d[a-z]n v[a-z])\b")
_VILLAGE_WORDS = {"pho": "Phó", "truong": "trưởng", "cac": "các", "thon": "thôn", "ban": "bản",
                  "to dan pho": "tổ dân phố", "khu pho": "khu phố", "ap": "ấp", "buon": "buôn",
                  "khom": "khóm"}
_LEVELS = p.LEVELS
_LEVEL = p.LEVEL
_LEVELS_JOINED = re.compile(rf"[-/](?=(?:{_LEVEL})\b)")
# ("UBND các địa phương": the councils of every locality the text concerns)
# ("Ủy ban tỉnh": the council, said short, before its level alone)
_COUNCIL = re.compile(
    r"(?P<head>ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan"
    rf"|uy ban(?=\s+(?:{_LEVEL})\b))"
    r"\s+(?:(?P<group>cac|hai|ba|bon|\d)\s+)?"
    # ("UBND TPHCM": the level's letters and the place's run together)
    rf"(?P<level>(?:{_LEVEL}|(?<=cac )d[a-z]{{1,2}}a ph[a-z]{{1,4}}ng)\b|tp(?=hcm\b))"
)
_IMPLICIT_COUNCIL = re.compile(rf"(?:(?P<group>cac)\s+)?(?P<level>{_LEVEL})\b")
# One council of a text an OCR read: "UBND phung Phi Lam" (the level word damaged too)
_COUNCIL_OCR = re.compile(
    rf"(?P<head>ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)\s+(?:(?P<group>cac)\s+)?"
    rf"(?P<level>{p.LEVEL_WORD_OCR})\b"
)
_HEADS = {"ubnd": "Ủy ban nhân dân", "uy ban nhan dan": "Ủy ban nhân dân",
          "uy ban": "Ủy ban nhân dân",
          "hdnd": "Hội đồng nhân dân", "hoi dong nhan dan": "Hội đồng nhân dân"}
# Capitalised words: a place name as written ("Đà Lạt", "Bảo Lộc", "Hoàn Kiếm"), maybe wrapped
# ("Tây Mỗ – Đại Mỗ": a dash between two capitalised parts is inside the name)
# (a council's place may wrap to the next line: "Ủy ban nhân dân tỉnh / Lào Cai chịu ...";
# `_one_council` takes it there only where the gazetteer knows it)
_PLACE_WORDS = re.compile(rf"(?:[ \t]+|[ \t]*\n[ \t]*|(?<=\.)(?=[{UPPER}]))"
                          rf"((?:[{UPPER}][^\s,;.:()*_]*[ \t]*(?:[-–][ \t]*(?=[{UPPER}]))?"
                          rf"(?:\n[ \t]*)?){{1,5}})"
                          # "xã Bảo Lâm 2:", a unit merged from others; not "... 2 tháng"
                          r"(?P<number>\d{1,2}(?=[ \t]*(?:[:;,)\n]|\.(?!\d)|$)))?")


def match_council(
    text: str, folded: str, start: int, limit: int, *, implicit: str | None = None
) -> Found[str] | None:
    """ "UBND thành phố Đà Lạt" → Ủy ban nhân dân thành phố Đà Lạt; with `implicit` (the
    council just named), "thành phố Bảo Lộc" in the same list means its council too."""
    m = (_IMPLICIT_COUNCIL if implicit else _COUNCIL).match(folded, start, limit)
    if not m and not implicit and names_may_be_damaged():
        m = _COUNCIL_OCR.match(folded, start, limit)
        if m and m.group("level") not in _LEVELS and m.group("group"):
            # "UBND các x3": the councils of a level an OCR damaged, named alone (a list
            # going on is the tables' to read, fuzzily)
            if _LIST_GOES_ON.match(folded, m.end(), limit):
                return None
            head = _HEADS[m.group("head")]
            return Found(f"{head} các {p.level_word(m)}", start, m.end(), text[start : m.end()],
                         0.8)
        if m and m.group("level") not in _LEVELS:
            return _one_council(text, _HEADS[m.group("head")], p.level_word(m), start, m.end(),
                                limit)
    if not m:
        return None
    head = implicit or _HEADS[m.group("head")]
    level = _LEVELS.get(m.group("level"), "địa phương")
    if m.group("group") and m.group("group") != "cac" and _PLACE_WORDS.match(text, m.end(), limit):
        # "UBND hai phường Lạc Viên và Máy Tơ": the first of the councils named
        return _one_council(text, head, level, start, m.end(), limit)
    if m.group("group"):  # "UBND các phường, xã": the councils of every unit named
        if implicit:
            return Found(f"{head} các {level}", start, m.end(), "", 0.8)
        units = _MORE_LEVELS.match(folded, m.end(), limit)
        named = units and _named_last_level(text, folded, m.end(), units, limit)
        if named:
            units = named  # "UBND các quận, huyện, TP Thủ Đức": the last a council named
        end = units.end() if units else m.end()
        if names_may_be_damaged() and not named and _LIST_GOES_ON.match(folded, end, limit):
            # the list may go on in level words an OCR damaged ("thi x3"): the tables'
            # to read, fuzzily; ended plainly ("các huyện, thị xã có dự án ...", "..., thành
            # phố hướng dẫn"), it is whole, as it is where its last level is a place's own
            # council ("..., đặc khu Cồn Cỏ": the levels before it are read)
            return None
        said = re.findall(rf"{_SHORT_LEVELS}|{_LEVEL}", units[0]) if units else []
        levels = [level] + [_LEVELS.get(u, "thành, thị") for u in said]
        name, end = _with_scope(folded, f"{head} các {', '.join(levels)}", end, limit)
        name, end = _with_region(text, folded, name, end, limit)
        return Found(name, start, end, text[start:end], 0.95)
    return _one_council(text, head, level, start, m.end(), limit)


def _named_last_level(text: str, folded: str, after: int, units: re.Match[str], limit: int
                      ) -> re.Match[str] | None:
    """The levels of a group up to its last one, where that one is a place's council named
    after it ("UBND các quận, huyện, TP Thủ Đức": the city's own council, not a level of
    the group): the match of the levels before it, or None."""
    place = _place_words(text, units.end(), limit)
    if place is None or match_place(place[0], cutoff=90) is None:
        return None
    seps = list(re.finditer(_LEVEL_SEP, folded[after : units.end()]))
    if not seps:
        return None
    return _MORE_LEVELS.match(folded, after, after + seps[-1].start()) if seps[-1].start() else None


_GLUED_PLACE = re.compile(r"[A-ZĐ]{2,5}(?![^\W\d_])")
# a level abbreviated in capitals ("TP", "TX") right before a council's place
_ABBREVIATED_LEVEL = re.compile(r"(?<![^\W\d_])(?:TP|TX|Tp|Tx)$")


def _one_council(
    text: str, head: str, level: str, start: int, after: int, limit: int
) -> Found[str] | None:
    """ "UBND" + level + the place named next: "Ủy ban nhân dân phường Phú Lâm"."""
    if _ABBREVIATED_LEVEL.search(text, max(start, after - 4), after) and text.startswith(
            ".", after):
        after += 1  # "UBND TP. Nha Trang": the abbreviated level's dot, the place after it
    place = _place_words(text, after, limit)
    if place is None and level in _NUMBERED_LEVELS and (
            numbered := _UNIT_NUMBER.match(text, after, limit)):
        # "UBND phường 11": a city's wards and districts are numbered
        return Found(f"{head} {level} {numbered[1]}", start, numbered.end(),
                     text[start : numbered.end()], 0.9)
    if place is None and (glued := _GLUED_PLACE.match(text, after, limit)) and (
            text[after - 1 : after] == "." or text[after - 2 : after] in ("TP", "Tp")):
        # "UBND TP.HCM": the place abbreviated, glued to the level's dot
        return Found(f"{head} {level} {expand_abbreviations(glued.group())}", start,
                     glued.end(), text[start : glued.end()], 0.8)
    if place is None:
        # "Chủ tịch UBND tỉnh quan tâm, chỉ đạo ...": the council of the document's own
        # province, named by its level alone
        return Found(f"{head} {level}", start, after, text[start:after], 0.9)
    written, end = place
    # "UBND thành phố Hà Tiên Nguyễn Văn A": the place ends where its head's name starts
    if (person := _head_named_after(written)) is not None:
        written = " ".join(written.split()[:person])
        end = text.index(written.split()[-1], after) + len(written.split()[-1])
    words, number = _numbered(written)
    found = match_place(words, prefer_province=level == "tỉnh", cutoff=85)
    if found is None and text[after:limit].lstrip(" \t").startswith("\n"):
        # the next line's words, no place the gazetteer knows: the council by its level
        return Found(f"{head} {level}", start, after, text[start:after], 0.9)
    # "Chủ tịch UBND tỉnh Phạm Quang Hưng": a person after the council, whom a place the
    # gazetteer spells only alike is not ("Nguyễn Bốn" is no "Nguyên Bình")
    if _is_person(words) and (found is None or fold_ocr(found.name) != fold_ocr(words)):
        # the council by its level alone, its head's name after it no part of its name
        # ("Phó Chủ tịch UBND tỉnh Nguyễn Thị Hoàng làm Trưởng ban ...")
        return Found(f"{head} {level}", start, after, text[start:after], 0.9)
    if found is None and level == "tỉnh":
        return None
    name = (found.name if found is not None else words) + number
    return Found(f"{head} {level} {name}", start, end, text[start:end], 0.9 if found else 0.7)


# Localities named by their level alone, no council written, charged themselves: "các
# huyện, thị xã", "18 xã, thị trấn", "28 tỉnh, thành phố trực thuộc Trung ương", "các quận
# huyện", "các tỉnh từ Nghệ An đến Quảng Ngãi" (not "các huyện ủy", "các huyện đoàn": the
# party's and the youth union's bodies there); after a request, one by its name: "đề
# nghị huyện Thường Tín rà soát ..." (`named`).
# ("cấp phường, xã phải hoàn thành ...": the levels themselves)
_LOCALITIES = re.compile(
    rf"(?P<count>cac|cap|\d{{1,3}}|hai|ba|bon)[ \t]+"
    rf"(?P<levels>(?:{_LEVEL})(?:(?:[ \t]*[,/][ \t]*|[ \t]+)(?:{_LEVEL}))*)\b"
    r"(?![ \t]*(?:uy|doan|vien|ve|khac)\b)")
_ONE_LOCALITY = re.compile(rf"(?P<level>{_LEVEL})\b")
# the words "phương" (a way, a means) is the first of, folded alike with "phường" (a ward):
# without marks, those no ward's sentence goes on with ("các phuong thuc phoi hop")
_WAY_WORDS = frozenset({"thuc", "huong", "phap", "cham", "an"})


def _a_way_not_a_ward(text: str, end: int, limit: int) -> bool:
    """Whether the "phương" ending at `end` is a way ("các phương thức phối hợp", "các
    phương tiện"), no ward (rule a-way-is-no-ward)."""
    said = unicodedata.normalize("NFC", text[max(0, end - 6) : end]).lower()
    if said == "phương":
        return True  # typed with its marks: "phường" is the ward
    after = re.match(r"[ \t]+([^\W\d_]+)", text[end:limit])
    return said == "phuong" and after is not None and after[1].islower() and (
        fold(after[1]) in _WAY_WORDS)
_LOCALITY_UNITS = "|".join(" ".join(u) for u in phrases("units_with_localities"))
_UNITS_WRITTEN = {" ".join(u): " ".join(sorted(w)[0]) for u, w in
                  phrases("units_with_localities").items()}
_UNITS_AFTER_LEVELS = re.compile(
    rf"[ \t]*,[ \t]*(?P<units>(?:{_LOCALITY_UNITS})(?:[ \t]*,[ \t]*(?:{_LOCALITY_UNITS}))*)\b"
    r"(?P<related>[ \t]+lien quan\b)?")


def match_localities(
    text: str, folded: str, start: int, limit: int, *, named: bool = False
) -> Found[str] | None:
    """Localities named by their level (`_LOCALITIES`), or with `named` one named by its
    level and its place: "huyện Thường Tín" → "Huyện Thường Tín"."""
    m = _LOCALITIES.match(folded, start, limit)
    if m is not None and _PLACE_WORDS.match(text, m.end(), limit):
        return None  # "1 Phường Hoàn Kiếm: 01 điểm": an item's number and a place named
    if m is not None and m["levels"].endswith("phuong") and _a_way_not_a_ward(text, m.end(), limit):
        return None  # "các phương thức", "các phương tiện", "các phương án": no wards
    if m is not None:
        count = {"cac": "Các", "cap": "Cấp"}.get(m["count"]) or text[m.start("count") :
                                                                  m.end("count")]
        levels = [_LEVELS[w] for w in re.findall(_LEVEL, m["levels"])]
        end = m.end()
        if units := _UNITS_AFTER_LEVELS.match(folded, end, limit):
            # "các xã, đơn vị liên quan": the localities and units at large, one group
            levels += [_UNITS_WRITTEN[u] for u in re.findall(_LOCALITY_UNITS, units["units"])]
            levels[-1] += " liên quan" if units["related"] else ""
            end = units.end()
        name, end = _with_scope(folded, f"Các {', '.join(levels)}", end, limit)
        places = _FROM_TO.match(text, end, limit)
        if places is not None:  # "các tỉnh từ Nghệ An đến Quảng Ngãi"
            a, b = (match_place(w.strip(), cutoff=85) for w in (places["a"], places["b"]))
            spelled = [f.name if f else w.strip()
                       for f, w in ((a, places["a"]), (b, places["b"]))]
            name, end = f"{name} từ {spelled[0]} đến {spelled[1]}", places.end()
        return Found(count + name[3:], start, end, text[start:end], 0.8)
    one = _ONE_LOCALITY.match(folded, start, limit) if named else None
    place = _place_words(text, one.end(), limit) if one else None
    if one is None or place is None or _is_person(place[0]):
        return None
    found = match_place(place[0], prefer_province=one["level"] == tier_word("province"),
                        cutoff=85)
    name = found.name if found is not None else place[0]
    return Found(capitalize_first(f"{_LEVELS[one['level']]} {name}"), start, place[1],
                 text[start : place[1]], 0.8 if found else 0.7)


def _numbered(place: str) -> tuple[str, str]:
    """ "Bảo Lâm 2" → ("Bảo Lâm", " 2"): a place's number is no part of its name's spelling."""
    words, _, last = place.rpartition(" ")
    return (words, f" {last}") if words and last.isdigit() else (place, "")


def _head_named_after(written: str) -> int | None:
    """Where a person's name starts among a council's place words, when the words before it
    are a place the gazetteer knows and the whole is none: "Hà Tiên Nguyễn Văn A"."""
    words = written.split()
    for k in range(1, len(words) - 1):
        if (_is_person(" ".join(words[k:])) and all(w.isalpha() for w in words[k:])
                and match_place(" ".join(words[:k]), cutoff=90) is not None):
            return k if match_place(written, cutoff=90) is None else None
    return None


def _is_person(written: str) -> bool:
    words = written.split()
    return 2 <= len(words) <= 4 and is_family_name(words[0])


def _place_words(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    m = _PLACE_WORDS.match(text, pos, limit)
    if not m:
        return None
    written = m.group(1).rstrip()
    if m.group("number"):
        return " ".join(written.split()) + " " + m.group("number"), m.end("number")
    return " ".join(written.split()), m.start(1) + len(written)


_ENDS_WITH_GROUP_LEVEL = re.compile(  # "... các huyện", "cdc huyện", "các huyện, thị xã"
    rf"\bc[a-z]c (?:{_LEVEL})(?:, (?:{_LEVEL}))*$"
)
_LIST_GOES_ON = re.compile(r"[ \t]*,(?![ \t]*\S+[ \t]+doan\b)")  # (no "..., Tỉnh đoàn")
# "UBND các huyện, thành, thị": an older letter's short "thành phố, thị xã"
_SHORT_LEVELS = r"thanh[ \t]*,[ \t]*thi(?![ \t]+(?:xa|tran)\b)"
# (a slash joins levels as a comma does: "UBND các tỉnh/thành phố", "các huyện/thành phố")
# (a typist's dropped comma before a level of two words, which no place begins: "UBND các
# xã thị trấn", "các huyện thị xã")
_LEVEL_SEP = r"(?:[ \t]*[,/][ \t]*|[ \t]+(?=thi[ \t]+(?:tran|xa)\b))"
# (not a body a level word opens: "UBND các huyện, thị xã, Tỉnh đoàn tiếp nhận ...")
_MORE_LEVELS = re.compile(rf"(?:{_LEVEL_SEP}(?:{_LEVEL}|{_SHORT_LEVELS})\b(?!\s+doan\b))+")
_MORE_LEVELS_OCR = re.compile(rf"(?:{_LEVEL_SEP}(?:{p.LEVEL_WORD_OCR})\b(?!\s+doan\b))+")
# ("Công an các đơn vị, địa phương", "Ban Thường vụ các tỉnh ủy, thành ủy": a body of each
# unit or committee, the vocabulary's units_below)
_UNIT_BELOW = "|".join(" ".join(u) for u in phrases("units_below"))
_UNIT_WORDS = {" ".join(u): " ".join(sorted(w)[0]) for u, w in phrases("units_below").items()}
# ("Sở Y tế một số tỉnh, thành phố": of some of them)
_LEVEL_LIST = re.compile(
    rf"[ \t]+(?P<some>cac|mot so)[ \t]+(?P<levels>(?:{_UNIT_BELOW}|{_LEVEL})"
    rf"(?:{_LEVEL_SEP}(?:cac[ \t]+(?=(?:nganh|cap)\b))?(?:{_UNIT_BELOW}|{_LEVEL}))*)\b"
)


def _more_levels(folded: str, end: int, limit: int) -> re.Match[str] | None:
    """ ", thị xã, thành phố" after "... các huyện"; with an OCR's damage ("thénh pho")."""
    return (_MORE_LEVELS_OCR if names_may_be_damaged() else _MORE_LEVELS).match(
        folded, end, limit)


def _with_levels(folded: str, name: str, end: int, limit: int) -> tuple[str, int]:
    """A body of each unit below: "Phòng Giáo dục và Đào tạo các huyện, thị xã"."""
    if " các " not in name and not name.startswith("Các"):
        m = _LEVEL_LIST.match(folded, end, limit)
        if not m:
            return name, end
        # ("Ban Chỉ huy ... các ngành, các cấp": "các" said again before each)
        levels = [_UNIT_WORDS.get(u) or _LEVELS[u] for u in (
            re.sub(r"^cac\s+", "", level.strip()) for level in re.split("[,/]", m.group("levels")))]
        some = "các" if m.group("some") == "cac" else "một số"
        joiner = ", các " if re.search(r"[,/]\s*cac\s", m.group("levels")) else ", "
        name, end = f"{name} {some} {joiner.join(levels)}", m.end()
    # the table knows "Trung tâm Y tế các huyện"; the text goes on ", thành phố", which an
    # OCR may have damaged ("thénh pho")
    if _ENDS_WITH_GROUP_LEVEL.search(fold(name)) and (more := _more_levels(folded, end, limit)):
        levels = [p.level_word(m) for m in re.finditer(p.LEVEL_WORD_OCR, more[0])]
        return f"{name}, {', '.join(levels)}", more.end()
    return name, end


def _of_each_province(text: str, folded: str, name: str, end: int,
                      limit: int) -> tuple[str, int]:
    """A body of every province named by the province tier's two words, no "các" before
    them: "Sở Văn hóa và Thể thao tỉnh, thành phố (trực thuộc Trung ương)", "Các Thuế
    tỉnh, thành phố" (rule a-body-of-each-province); not a city named after the comma
    ("Công an tỉnh, thành phố Đà Lạt": two bodies)."""
    if not name.endswith(" tỉnh") or " các " in name:
        return name, end
    more = _more_levels(folded, end, limit)
    if more is None or [p.level_word(m) for m in re.finditer(p.LEVEL_WORD_OCR, more[0])] != [
            "thành phố"] or _CAPITAL_NEXT.match(text, more.end(), limit):
        return name, end
    return f"{name}, thành phố", more.end()


# the tiers by the words they are named by: "cấp tỉnh, huyện, xã"; "trong tỉnh, huyện" (not
# the commune's "xã": "trong xa", far within, stripped)
_TIER_WORDS = "|".join(tier_word(tier) for tier in ("province", "district", "commune"))
_PROVINCE_OR_DISTRICT = "|".join(tier_word(tier) for tier in ("province", "district"))
# What bounds a group: "Các sở, ban, ngành thuộc tỉnh", "Các cơ quan, đơn vị thuộc UBND huyện".
# (a line may wrap inside it: "thành phố trực\nthuộc Trung ương")
_SCOPE = re.compile(
    rf"[ \t\n]+(?P<scope>truc\s+thuoc\s+trung\s+(?:uong|[a-z]{{1,3}}ng)\b"
    rf"|(?:truc\s+)?th[a-z]{{1,2}}c"
    rf"(?: (?:ubnd|uy ban nhan dan))?"
    rf"(?: (?:(?P<of>{_LEVEL})|so)\b)?|cap (?P<at>{_TIER_WORDS})\b"
    rf"|tren dia ban(?: (?P<in>{_LEVEL})\b)?"
    # "UBND các huyện, thị xã, thành phố trong tỉnh": the province's own
    rf"|trong (?P<within>{_PROVINCE_OR_DISTRICT})\b(?! (?:hinh|than|toan|trang|chinh)\b))"
)
_SCOPE_WORDS = {"truc": "trực", "cap": "cấp", "tren": "trên", "dia": "địa", "ban": "bàn",
                "ubnd": "UBND", "so": "Sở", "trung": "Trung", "uong": "ương", "trong": "trong"}


def _with_scope(folded: str, name: str, end: int, limit: int) -> tuple[str, int]:
    """A group and what it belongs to: "Các sở, ban, ngành" + "thuộc tỉnh"; "Ủy ban nhân dân
    các tỉnh, thành phố" + "trực thuộc Trung ương"."""
    group = name.startswith("Các") or " các " in name or name.endswith(" tỉnh, thành phố")
    if not group or (name.endswith((" tỉnh", " huyện", " xã")) and " các " not in name):
        return name, end
    m = _SCOPE.match(folded, end, limit)
    if not m:
        return name, end
    unit = next((g for g in ("of", "at", "in", "within") if m.group(g)), None)  # its level
    scope = folded[m.start("scope") : m.start(unit)] if unit else m.group("scope")
    scope = " ".join(scope.split()).replace("uy ban nhan dan", "ubnd")
    scope = re.sub(r"\bth[a-z]{1,2}c\b", "thuộc", scope)  # "thuéc": an OCR's "thuộc"
    scope = re.sub(r"\btrung [a-z]+$", "trung uong", scope)  # "Trung iiong": its "ương"
    words = [_SCOPE_WORDS.get(w, w) for w in scope.split()]
    if unit is None and words[-1] in ("bàn", "thuộc"):  # "trên địa bàn" of nothing named
        return name, end
    return " ".join([name, *words, *([_LEVELS[m.group(unit)]] if unit else [])]), m.end()


_REGION = re.compile(rf"[ \t]+(?:{tolerant('region_qualifiers')})")
# "... từ Quảng Ninh đến Bình Thuận": the places, capitalised
_FROM_TO = re.compile(rf"[ \t]+(?:từ|tu)[ \t]+(?P<a>(?:[{UPPER}][^\s,;.:()]*[ \t]+)+)(?:đến|den)"
                      rf"[ \t]+(?P<b>[{UPPER}][^\s,;.:()]*(?:[ \t]+[{UPPER}][^\s,;.:()]*)*)")
_REGION_WORDS = {" ".join(folded): sorted(written)[0] for folded, written in
                 phrases("region_qualifiers").items()}


# "các sở, ban, ngành của tỉnh": a group's level said with "của" and no place after it;
# whose it is may be two ("của tỉnh, Trung ương") and where they sit said after ("... đóng
# trên địa bàn huyện": the bodies of other levels seated in the asker's)
_WHOSE = rf"(?:{_LEVEL}|trung uong|tw)"
_OF_LEVEL = re.compile(
    rf"[ \t]+cua[ \t]+(?P<a>{_WHOSE})(?:[ \t]*(?:,|\bva\b)[ \t]*(?:cua[ \t]+)?(?P<b>{_WHOSE}))?"
    rf"(?![\w-])(?P<seated>[ \t]+dong[ \t]+tren[ \t]+dia[ \t]+ban"
    rf"(?:[ \t]+(?P<at>{_LEVEL})(?![\w-]))?)?")
_LEVEL_SPELT = {**p.LEVELS, "trung uong": "Trung ương", "tw": "TW"}


def _with_whose_level(text: str, folded: str, name: str, end: int, limit: int
                      ) -> tuple[str, int]:
    """A group that says whose level it is ("Các sở, ban, ngành của tỉnh") keeps it, as
    "Các sở, ban, ngành tỉnh" keeps "tỉnh", and where they sit ("Các cơ quan, đơn vị của
    tỉnh, TW đóng trên địa bàn huyện"); a place after the level is another matter."""
    if not name.startswith("Các ") or (m := _OF_LEVEL.match(folded, end, limit)) is None:
        return name, end
    if not m["seated"] and re.match(r"[ \t]+[^\W\d_]", text[m.end() : limit]) and (
            text[m.end() : limit].lstrip()[:1].isupper()):
        return name, end  # "các sở của tỉnh Lâm Đồng": a place (its capital), not its level
    whose = ", ".join(_LEVEL_SPELT[w] for w in (m["a"], m["b"]) if w)
    seated = ""
    if m["seated"]:
        seated = " đóng trên địa bàn" + (f" {_LEVEL_SPELT[m['at']]}" if m["at"] else "")
    return f"{name} của {whose}{seated}", m.end()


# "Kiểm toán nhà nước khu vực II", "Kho bạc Nhà nước khu vực XI", "Ngân hàng Nhà nước khu
# vực 8": a national body's regional unit, numbered after "khu vực"
# (a page may wrap the line before "khu vực" or its number; one way to read the spaces
# around a wrap, so a search over a run of spaces does not try every split of it)
_AREA = re.compile(r"[ \t]*(?:\n[ \t]*)?(?<=\s)khu[ \t]+vuc[ \t]*(?:\n[ \t]*)?(?<=\s)"
                   r"(?:[ivxl]{1,5}|\d{1,2})\b")
_AREA_NUMBER = re.compile(r"[ \t]*(?:\n[ \t]*)?(?<=\s)(?:[ivxl]{1,5}|\d{1,2})\b")


def _with_area(text: str, folded: str, name: str, end: int, limit: int) -> tuple[str, int]:
    """A body of the table and the numbered region of its unit, as written."""
    m = _AREA.match(folded, end, limit)
    if m is None:
        return name, end
    return f"{name} {' '.join(text[m.start() : m.end()].split())}", m.end()


def _with_region(text: str, folded: str, name: str, end: int, limit: int) -> tuple[str, int]:
    """Which councils of a group: "UBND các tỉnh, thành phố" + "ven biển từ Quảng Ninh đến
    Bình Thuận", "UBND các tỉnh" + "biên giới"."""
    m = _REGION.match(folded, end, limit)
    if m is None:
        return name, end
    written = _REGION_WORDS.get(" ".join(m.group().split()), text[m.start() : m.end()].split())
    region = " ".join(written)
    places = _FROM_TO.match(text, m.end(), limit)
    if places is None:
        return f"{name} {region}", m.end()
    # the places as the gazetteer spells them (a stripped text's "Quang Ninh")
    a, b = (match_place(w, cutoff=85) for w in (places["a"], places["b"]))
    spelled = [p.name if p else w for p, w in ((a, places["a"]), (b, places["b"]))]
    return f"{name} {region} từ {spelled[0]} đến {spelled[1]}", places.end()


_UNIT_OF_A_SO = re.compile(r"(?:phong|van phong|thanh tra|chi cuc|trung tam)\b")
_SO_NEXT = re.compile(r"[ \t]+(?=so\b)")


def _with_parent(text: str, folded: str, name: str, end: int, limit: int) -> tuple[str, int]:
    """A department's unit and the department: "Phòng Kế hoạch - Tài chính Sở Y tế"."""
    if name.endswith(" Sở"):  # "Thanh tra Sở" of the table, then "Xây dựng"
        parent = match_agency(text, folded, end - len("so"), limit)
        if parent is not None and parent.value.startswith("Sở") and parent.end > end:
            return f"{name[: -len(' Sở')]} {parent.value}", parent.end
        return name, end
    m = _SO_NEXT.match(folded, end, limit)
    if not m or not _UNIT_OF_A_SO.match(fold_ocr(name).lower()) or " Sở" in name:
        return name, end
    parent = match_agency(text, folded, m.end(), limit)
    if parent is None or not parent.value.startswith("Sở"):
        return name, end
    return f"{name} {parent.value}", parent.end


_BELONGS = re.compile(r"[ \t]+thuoc[ \t]+")
# the bare heads a unit's parent is said with, the writer's own (vocabulary own_parents)
_OWN_PARENTS = frozenset(" ".join(key) for key in phrases("own_parents"))
_LEVEL_AT = re.compile(rf"(?:{p.LEVEL})\b")
_CAPITALISED_WORDS = re.compile(rf"(?:[{UPPER}][^\W\d_]*(?:[ \t]+|$)){{1,3}}")


def _with_owner_body(text: str, folded: str, name: str, end: int, limit: int
                     ) -> tuple[str, int]:
    """A unit and whose it is, which the text does not repeat: "Ban Quản lý dự án đầu tư
    xây dựng thuộc Thành phố", "Phòng Quản lý đô thị thuộc Sở Xây dựng" (a bare "thuộc
    Sở", the writer's own, is read and not written)."""
    m = _BELONGS.match(folded, end, limit)
    if m is None or name.startswith("Các") or not text[m.end() : m.end() + 1].isupper():
        return name, end
    owner = match_agency(text, folded, m.end(), limit)
    if owner is not None and fold_ocr(owner.value).lower() in _OWN_PARENTS:
        # "Giao Phòng Khoáng sản thuộc Sở ...": the writer's own department, which names
        # nothing the unit's name does not: the name as a clerk writes it
        return name, owner.end
    if owner is not None:
        return f"{name} thuộc {owner.value}", owner.end
    stop = m.end()
    if level := _LEVEL_AT.match(folded, stop, limit):  # "thuộc Thành phố", "thuộc Tỉnh"
        stop = level.end()
    if words := _CAPITALISED_WORDS.match(text, _skip_space(folded, stop) if level else stop,
                                         limit):
        stop = words.start() + len(words.group().rstrip())
    said = " ".join(text[m.end() : stop].split())
    if fold_ocr(said).lower() in _OWN_PARENTS:
        # "Giao Phòng Khoáng sản thuộc Sở ...": the writer's own department, which names
        # nothing the unit's name does not: the name as a clerk writes it
        return name, stop
    return (f"{name} thuộc {said}", stop) if said else (name, end)


_FIELD_WORDS = 10


def _with_field(text: str, folded: str, name: str, end: int, limit: int) -> tuple[str, int]:
    """A known body whose name goes on in lower case with its field, up to its level:
    "Ban Quản lý dự án đầu tư xây dựng" + "công trình hạ tầng kỹ thuật và nông nghiệp
    Thành phố". Words that end a name (a verb, a preposition) mean no field follows."""
    if name.startswith("Các") or name.endswith(tuple(_LEVELS.values())):
        return name, end
    words = name_words(folded, end, limit, _FIELD_WORDS + 2)
    gap = folded[end : words[0].start()] if words else ""
    if not words or gap.strip() or not text[words[0].start()].islower():
        return name, end
    for i, word in enumerate(words[: _FIELD_WORDS + 1]):
        if word.group() in ("cac", "cua") or (i == 0 and word.group() == "va"):
            return name, end  # "Văn phòng Tỉnh ủy và các ban của Tỉnh ủy": other bodies
        level = _LEVEL_AT.match(folded, word.start(), limit)
        # (typed with its marks, "phương" of "phương án" is no "phường": "Sở Tài chính xây
        # dựng phương án ..." names no ward)
        if level and (not _a_level_as_typed(text, level) or phrase_at(
                [w.group() for w in words], i, "name_compounds") == 2):
            level = None  # (however typed, "phuong an" is a plan, no ward: a noun's word)
        if level and i >= 2 and not folded[words[i - 1].end() : word.start()].strip():
            return _with_place(text, folded, f"{name} {' '.join(text[end:level.end()].split())}",
                               level.end(), limit)
        if not text[word.start()].islower() or _ends_a_name(text, folded, words, i):
            return name, end
    return name, end


def _a_level_as_typed(text: str, level: re.Match[str]) -> bool:
    """Whether a level word read on the folded text is one as the text types it: with its
    marks "phương" is no "phường", "quan" no "quận" (stripped or OCR'd, any may be)."""
    written = text[level.start() : level.end()]
    if not typed_as_written() or written.isupper():  # ("TP", "TX": the abbreviations)
        return True
    return unicodedata.normalize("NFC", written).split()[-1].lower() in LEVEL_LAST_WRITTEN


def _ends_a_name(text: str, folded: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether the name read word by word ends before `words[i]`: punctuation before it,
    or a verb or preposition (not inside a noun of two words: "công trình", "hạ tầng")."""
    if i and folded[words[i - 1].end() : words[i].start()].strip():
        return True
    plain = [w.group() for w in words]
    if phrase_at(plain, max(i - 1, 0), "name_compounds") == 2 or \
            phrase_at(plain, i, "name_compounds") == 2:
        return False
    previous, following = (plain[i - 1] if i else ""), (plain[i + 1] if i + 1 < len(plain) else "")
    return bool(phrase_at(plain, i, "name_enders") or phrase_at(plain, i, "weak_enders")
                or _stops(text[words[i].start() : words[i].end()], words[i], previous, following))


# (an abbreviated level's dot may glue its place to it: "Phòng GD-ĐT TP.Thủ Đức")
# An office's own level (`level_tier("office")`) or its abbreviation ("TP", "TX"); as an OCR
# may spell them too ("tlnh", "huyén").
_OFFICE_LEVELS = level_tier("office")
_OFFICE_SHORT = [short for written, shorts in abbreviations("level_words").items()
                 if fold(written) in _OFFICE_LEVELS for short in shorts]
_OWN_LEVEL = re.compile(
    rf"[ \t]+(?P<level>{'|'.join(_OFFICE_LEVELS + _OFFICE_SHORT)})\b"
    rf"(?:(?:{'|'.join(f'(?<={short})' for short in _OFFICE_SHORT)})"
    r"\.(?=[ \t]*(?!cac\b|mot\b)[a-z]))?")
_OFFICE_LEVELS_OCR = [(written, rx) for written, rx in p.LEVEL_PATTERNS
                      if fold(written) in _OFFICE_LEVELS]
_OFFICE_OCR = "|".join(f"(?P<o{i}>{rx})" for i, (_, rx) in enumerate(_OFFICE_LEVELS_OCR))
_OWN_LEVEL_OCR = re.compile(rf"[ \t]+(?:{_OFFICE_OCR})\b")


def _with_own_level(text: str, folded: str, name: str, end: int, limit: int) -> tuple[str, int]:
    """A district office and its level, maybe its place: "Phòng Tài chính - Kế hoạch huyện";
    the departments of a city ("Các sở, ban, ngành thành phố")."""
    group = name.startswith("Các")
    if (group and not name.endswith("ngành")) or name.endswith(tuple(_LEVELS.values())):
        return name, end
    m = _OWN_LEVEL.match(folded, end, limit)
    if m:
        level = _LEVELS[m.group("level")]
    elif names_may_be_damaged() and (m := _OWN_LEVEL_OCR.match(folded, end, limit)):
        level = next(written for i, (written, _) in enumerate(_OFFICE_LEVELS_OCR)
                     if m.group(f"o{i}"))  # "tlnh", "huyén"
    else:
        return name, end
    if group:
        return f"{name} {level}", m.end()
    # ("TP.Thủ Đức": its place after the dot)
    return _with_place(text, folded, f"{name} {level}", m.end(), limit)


def _with_place(text: str, folded: str, name: str, end: int, limit: int) -> tuple[str, int]:
    """A known body followed by its place: "Kho bạc Nhà nước Quảng Trị", "Công an tỉnh X"."""
    place = _place_words(text, end, limit)
    if place is None:
        return name, end
    written, place_end = place
    # only as many words as the gazetteer recognises as one place
    words = written.split()
    if fold_ocr(words[0]) in ("cac", "mot"):
        return name, end  # ("... TP. Các xã ...": a group after a sentence's end, no place)
    for n in range(min(len(words), 3), 0, -1):
        candidate = " ".join(words[:n])
        found = match_place(candidate, cutoff=85)
        if found is not None and fuzz.ratio(
            fold_ocr(found.name), " ".join(fold_ocr(candidate).split())
        ) >= 85:
            place_end = text.index(words[n - 1], end) + len(words[n - 1])
            return f"{name} {found.name}", place_end
    return name, end


_BRANCH = re.compile(rf"[ \t]*[-–—][ \t]*(?:{tolerant('branch_heads')})")
_BRANCH_WRITTEN = {" ".join(folded): sorted(written)[0] for folded, written in phrases(
    "branch_heads").items()}


def _with_branch(text: str, folded: str, name: str, end: int, limit: int) -> tuple[str, int]:
    """A known body's branch set off by a dash, named by its place: "Ngân hàng Nhà nước Việt
    Nam - Chi nhánh tỉnh Quảng Ngãi" (a branch the place does not follow is left alone)."""
    branch = _BRANCH.match(folded, end, limit)
    if branch is None:
        return name, end
    # (spelled as the vocabulary and the levels are, whatever state the text is in)
    key = " ".join(folded[branch.start() : branch.end()].split()[-2:])
    head = " ".join(_BRANCH_WRITTEN.get(key) or next(iter(_BRANCH_WRITTEN.values())))
    named = f"{name} - {head[:1].upper()}{head[1:]}"
    after = branch.end()
    if (level := _OWN_LEVEL.match(folded, after, limit)) and level.group("level") in p.LEVELS:
        named, after = f"{named} {p.LEVELS[level.group('level')]}", level.end()
    placed, placed_end = _with_place(text, folded, named, after, limit)
    return (placed, placed_end) if placed_end > after else (name, end)


def _head_as_written(text: str, words: list[re.Match[str]]) -> bool:
    written = [text[w.start() : w.end()].lower() for w in words]
    return phrase_at([w.group() for w in words], 0, "table_heads", written) == len(words)


def _match_by_head(text: str, folded: str, pos: int, start: int, limit: int) -> Found[str] | None:
    # (the head and the word after it decide most calls: the words a head can span first)
    words = name_words(folded, start, limit, _HEAD_SPAN)
    if not words:
        return None
    # "các trường THPT", "các trung tâm ...": a group of bodies of one kind
    group = 1 if words[0].group() == "cac" and len(words) > 1 else 0
    if not (group or text[words[0].start()].isupper()):
        return None  # (a name not of a group is capitalised: tested before its head)
    if words[group].group() not in _HEAD_FIRSTS:
        return None  # (no head of the tables starts there: its words are not made)
    plain = [w.group() for w in words]
    head = next((n for n in (3, 2, 1) if len(plain) >= group + n
                 and " ".join(plain[group : group + n]) in HEAD_WORDS), 0)
    head_len = group + head
    if not head:
        return None
    if phrase_at(plain, group, "name_compounds") > head:
        return None  # "các trường hợp vi phạm": the head's word begins a common noun
    if typed_as_written() and not _head_as_written(text, words[group:head_len]):
        return None  # "BỐ CỤC VÀ NỘI DUNG ...": typed with its marks, "bố" is no "Bộ"
    end = words[head_len - 1].end()
    after_head = words[head_len] if len(words) > head_len else None
    if after_head is None or not (
        # a head of three words is a whole noun: "Tổ công tác giải phóng mặt bằng ...";
        # so is a group of one kind: "các bệnh viện tuyến tỉnh"
        head == 3 or group or names_after_head(text, after_head)
    ):
        return None  # "Báo cáo định kỳ" is a verb phrase, "Báo Nhân Dân" a name
    words = name_words(folded, start, limit, MAX_WORDS)
    previous = words[head_len - 1].group()
    plain_words = [w.group() for w in words]
    for i in range(head_len, len(words)):
        word = words[i]
        written = text[word.start() : word.end()]
        gap = folded[end : word.start()]
        following = words[i + 1].group() if i + 1 < len(words) else ""
        # a name wraps onto the next line mid-phrase ("Hội đồng / nhân dân tỉnh"); a line
        # that starts with a capital starts something else
        # (a place after a level word goes on: "Thuế tỉnh / Hà Tĩnh")
        wrapped = "\n" in gap and written[:1].isupper() and previous not in LEVEL_LAST_WORDS
        # "Sở VH,TT&DL": a comma inside an abbreviation, not between two names
        in_abbreviation = gap == "," and written.isupper() and text[end - 1].isupper()
        # "... phòng cháy, chữa cháy": a term's own comma (its words are the term's, however
        # a text stripped of its marks may read them: "tu tuong" is no "từ" there)
        in_term = gap.strip() == "," and comma_term_across(
            [w.group() for w in words[max(0, i - 3) : i]], [w.group() for w in words[i : i + 3]])
        # "Phòng GD-ĐT TP.Thủ Đức": an abbreviated level's dot before its place
        level_dot = gap.strip() == "." and previous in ("tp", "tx") and written[:1].isupper() \
            and word.group() not in ("cac", "mot")
        in_abbreviation = in_abbreviation or in_term or level_dot
        if not in_term and (
            wrapped
            or request_follows(folded, word.start())  # "UBND tỉnh đề nghị Sở X": a request
            or (any(c in gap for c in ",;.:()") and not in_abbreviation)
            or _stops(written, word, previous, following)
            # "chỉ đạo" is a verb, "Ban Chỉ đạo 389" a name (and "Ban chỉ đạo ..." too: a head
            # of three words, "ban chỉ đạo", is a noun however it is typed)
            or ((word.group(), following) in VERB_PAIRS and not written[:1].isupper()
                and phrase_at(plain_words, i - 1, "open_heads") < 3)
            or (names_may_be_damaged() and _VERB_PAIR_OCR.fullmatch(f"{word.group()} {following}"))
            or (word.group() == "va" and next_body_after_and(text, folded, words, i + 1))
            # "Sở GD&ĐT xây dựng": an abbreviated name is whole, the verb follows (a known
            # head's two abbreviations joined by "&" end it whatever follows)
            or ("&" in text[words[i - 1].start() : end] and written[:1].islower()
                and word.group() not in LEVEL_FIRST_WORDS)
            or (written[:1].islower() and abbreviation_ends(text, folded, words, i))
            # "Sở NN&PTNT- Cơ quan thường trực ...": what the body is, set off by a dash
            or dash_sets_off_role(text, words, i, gap)
            or (not group and where_or_why_ends(text, folded, words, i))
        ):
            break
        end, previous = word.end(), word.group()
    if len(_WORD.findall(folded[start:end])) < head_len + 1:
        return None
    if folded[start:end].endswith("khu vuc") and (number := _AREA_NUMBER.match(folded, end, limit)):
        end = number.end()  # "Chi cục Hải quan khu vực X": the region's number ends the name
    if _ENDS_WITH_GROUP_LEVEL.search(folded, start, end):
        more = _more_levels(folded, end, limit)  # "Ban CHQS các huyện, thành phố"
        end = more.end() if more else end
    # ("TP.Thủ Đức", "TP. Thủ Đức": the level's dot is no part of the name)
    name, confidence = canonical_agency(_LEVEL_DOT.sub(r"\1 ", text[start:end]))
    head_end = words[head_len - 1].end()
    if not group and head_end < end:
        # "Báo Lào Cai": a head and a place, spelled as the gazetteer spells the place
        head_name = canonical_agency(text[start:head_end])[0]
        placed, placed_end = _with_place(text, folded, head_name, head_end, end)
        if placed_end == end and head_name:
            return Found(placed, pos, end, text[pos:end], 0.9)
    return Found(name, pos, end, text[pos:end], min(confidence, 0.8)) if name else None


_HEAD_SPAN = 5  # "các", a head of up to three words, the word after it
_LEVEL_DOT = re.compile(r"\b(TP|TX|Tp|Tx)\.[ \t]*(?=[^\W\d_])")


def _stops(written: str, word: re.Match[str], previous: str = "", following: str = "") -> bool:
    """Whether a word ends a name: a verb or preposition, not a capitalised name word."""
    if written[:1].isupper() and not written.isupper():
        return False
    if (previous, word.group()) in NAME_COMPOUNDS or (word.group(), following) in NAME_COMPOUNDS:
        return False
    return word.group() in STOP_WORDS and written.lower() not in NAME_READINGS


def _kind_apart(name: str) -> bool:
    """Whether `name` opens with a kind a list of kinds does not absorb (`kinds_apart`)."""
    return bool(phrase_at(re.findall(r"[a-z0-9]+", fold_ocr(name)), 0, "kinds_apart"))


def match_agency_list(
    text: str, folded: str, pos: int, limit: int | None = None, *, named_here: list[str] = ()
) -> list[Found[str]]:
    """Agencies listed from `pos`: "Sở Nội vụ, Sở Tư pháp và UBND các huyện".

    "các cơ quan nêu trên" stands for `named_here` (the addressees).
    """
    # (kept with `match_agency`'s answers about the text: the task readers ask for the same
    # list again at a sixth of the places, a sentence's and its heading's, a table's cells)
    answers = _answers(text, folded)
    key = (_A_LIST, pos, limit, tuple(named_here), names_state())
    known = answers.get(key)
    if known is None:
        known = answers[key] = tuple(_read_agency_list(text, folded, pos, limit, named_here))
    return list(known)


_A_LIST = "list"  # (a list's key in `_answers`, apart from a name's)


def _read_agency_list(text: str, folded: str, pos: int, limit: int | None,
                      named_here: list[str]) -> list[Found[str]]:
    limit = len(folded) if limit is None else limit
    found: list[Found[str]] = []
    while pos < limit:
        name_at = _skip_title(folded, _skip_space(folded, pos))
        if ministers := _ministers(text, folded, _skip_space(folded, pos), limit):
            found += ministers
            pos = ministers[-1].end
            sep = _SEPARATOR.match(folded, pos, limit)
            if not sep or sep.end() == pos:
                break
            pos = sep.end()
            continue
        councils = _COUNCIL_LIST.match(folded, name_at)
        # (no place after the colon, the councils are the group: "UBND các huyện, thành phố:
        # Khẩn trương ...")
        if councils and (items := _council_items(text, folded, councils, limit)):
            found += items
            break
        bare = _COUNCIL_LIST_BARE.match(folded, name_at)
        if bare and text[bare.end() + 1 :].lstrip()[:1].isupper() and not _LEVEL_AT.match(
                folded, bare.end() + 1) and (
                items := _council_items(text, folded, bare, limit)) and len(items) >= 2 and all(
                f.confidence >= 0.9 for f in items):
            found += items
            break
        distributive = _DISTRIBUTIVE.match(folded, name_at)
        if distributive:
            found += _distributive_items(text, folded, distributive, limit)
            break
        agency = match_agency(text, folded, pos, limit, localities=False)
        if agency is not None and (each := _body_of_each_place(text, folded, agency, limit)):
            found += each  # "Sở Y tế các tỉnh: A, B": the Sở of each province named
            break
        members = _members(text, folded, agency, limit) if agency is not None else []
        if members:  # "Các cơ quan thuộc Chính phủ: Đài Truyền hình Việt Nam, ...": its members
            found += members
            break
        if agency is None and found and found[-1].value.startswith(tuple(_HEADS.values())):
            head = next(h for h in _HEADS.values() if found[-1].value.startswith(h))
            agency = match_council(text, folded, _skip_space(folded, pos), limit, implicit=head)
            # "UBND huyện Việt Yên, tỉnh Bắc Giang": where the council is, not another;
            # "UBND huyện, thị xã, thành phố": the councils of those levels, one group
            levels_only = agency is not None and _BY_LEVEL.fullmatch(agency.value) and bool(
                _BY_LEVEL.fullmatch(found[-1].value) or _GROUP_BY_LEVEL.fullmatch(found[-1].value))
            if agency is not None and (
                    levels_only or _rank(agency.value) > _rank(found[-1].value) > 0):
                last = found.pop()
                where = agency.value[len(head) + 1 :]
                # ("UBND các huyện, thị xã và thành phố": joined as written)
                joiner = " và " if levels_only and re.search(
                    r"\bva\b", folded[last.end : agency.start]) else ", "
                found.append(Found(f"{last.value}{joiner}{where}", last.start, agency.end,
                                   text[last.start : agency.end], last.confidence))
                pos = agency.end
                sep = _SEPARATOR.match(folded, pos, limit)
                if not sep or sep.end() == pos:
                    break
                pos = sep.end()
                continue
        if agency is None and found:
            # "Ủy ban bầu cử ở tỉnh, ở huyện, ở xã": the same body at the next level named
            agency = _same_body_other_level(text, folded, found[-1], _skip_space(folded, pos),
                                            limit)
        if agency is None and found:
            # "UBND huyện Quang Hà, Bắc Sơn": the next place named has a council of that level
            agency = _sibling_council(text, found[-1], _skip_space(folded, pos), limit)
        if agency is None and found:
            # "sở Nông nghiệp và Phát triển nông thôn, Thông tin và Truyền thông": the next
            # field named is a department of that kind too
            agency = _sibling_department(text, found[-1], _skip_space(folded, pos), limit)
        if agency is None:  # "các huyện, thị xã", "18 xã, thị trấn": localities by level
            agency = _as_found_at(match_localities(text, folded, name_at, limit), text,
                                  _skip_space(folded, pos))
        # (after the councils of a level too: "UBND các huyện, thành phố, cơ quan, đơn vị
        # có liên quan")
        # (or later in a list that has named a group: "Sở Tư pháp và các sở, ngành, Đài
        # Phát thanh và Truyền hình tỉnh, cơ quan thông tấn báo chí và ...")
        if agency is None and found and (any(f.value.startswith("Các ") for f in found) or (
                _COUNCILS_OF.match(found[-1].value))):
            # "Các tổ chức chính trị - xã hội tỉnh, lực lượng vũ trang, ...": a kind of body
            # without its "các" goes on the list of groups (an OCR's damaged words are no
            # kind to trust: "cấp máy"; a garbled text's words the restorer read are)
            kind = match_organisation(text, folded, _skip_space(folded, pos), limit, kinds=True)
            if kind and names_may_be_damaged() and not _all_syllables(kind.raw):
                kind = None
            agency = kind and replace(kind, value=canonical_agency(kind.value)[0] or kind.value)
            if agency and (_COUNCILS_OF.match(found[-1].value) or _kind_apart(
                    agency.value)) and not agency.value.startswith("Các "):
                # the "các" of the list's councils goes on: "Các cơ quan, ..."; so does a
                # group's for a kind of another sector ("Các sở, ban, ngành, tổ chức chính
                # trị - xã hội": "Các tổ chức chính trị - xã hội")
                agency = replace(agency, value=f"Các {agency.value[:1].lower()}{agency.value[1:]}")
        if found and found[-1].value.startswith("Phòng ") and (
                fields := _more_fields(text, folded, pos, limit, agency)):
            # "Phòng Bưu chính, Viễn thông": a department named by its fields
            last = found.pop()
            found.append(Found(f"{last.value}, {fields[0]}", last.start, fields[1],
                               text[last.start : fields[1]], last.confidence))
            break
        if agency is None:
            break
        here = _NAMED_HERE.match(folded, agency.end, limit)
        if _one_more_group(text, found, agency) or _parent_of_unit(text, found, agency):
            # "Các địa phương, các cơ quan có nguồn thu": groups naming no members, one
            # entry; "Phòng Cảnh sát kinh tế, Công an tỉnh": a unit and whose it is
            last = found.pop()
            found.append(Found(f"{last.value}, {text[agency.start:agency.end].strip()}",
                               last.start, agency.end, text[last.start : agency.end],
                               min(last.confidence, agency.confidence)))
            pos = agency.end
        elif here and named_here and agency.value.lower().startswith("các"):
            found += [Found(name, agency.start, here.end(), agency.raw, 0.9) for name in named_here]
            pos = here.end()
        else:
            found.append(agency)
            pos = agency.end
        # ("Ủy ban nhân dân quận-huyện, xã, ...": a dash or a slash glued between the
        # levels of councils named by their level joins them as a comma does)
        sep = _SEPARATOR.match(folded, pos, limit) or (_LEVELS_JOINED.match(
            folded, pos, limit) if found and _BY_LEVEL.fullmatch(found[-1].value) else None)
        # (a verb after "cũng" ends the list: "Phòng X cũng đề nghị các trường ...")
        if not sep or sep.end() == pos or p.REQUEST.match(folded, sep.end(), limit):
            break
        pos = sep.end()
    return share_objects(found)


# The Government's own words for those who head its ministries and agencies ("Các đồng chí
# Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch UBND
# các tỉnh ..."): a minister heads no named Bộ here, so the title stands for them all
_MINISTERS = re.compile(
    r"(?:cac\s+)?(?:dong chi\s+)?bo tr[uw][a-z]ng(?:\s+cac\s+bo)?"
    # (the title may be said once for both kinds: "Thủ trưởng cơ quan ngang Bộ, cơ quan
    # thuộc Chính phủ"; the ministries named after it: "Bộ trưởng các Bộ, ...")
    r"((?:\s*,\s*(?:thu tr[uw][a-z]ng\s+)?co quan (?:ngang bo|thuoc chinh phu))*)(?![a-z])")
_TITLES_GO_ON = re.compile(r"\s*[,;]|\s+va\b")
_OTHER_HEADED = re.compile(r"(?:thu tr[uw][a-z]ng\s+)?(co quan [a-z ]{3,60}?)(?=\s*[,;]|\s+va\b)")
_HEADED = {"co quan ngang bo": "cơ quan ngang Bộ",
           "co quan thuoc chinh phu": "cơ quan thuộc Chính phủ"}
def _ministers(text: str, folded: str, pos: int, limit: int) -> list[Found[str]]:
    """ "Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, ...": the bodies they head, one group, and
    a further "cơ quan ..." under the same title; a lone "Bộ trưởng" heads a list, not a Bộ
    or a person it names ("Bộ trưởng Bộ Xây dựng", "Bộ trưởng Trần Văn An")."""
    ministers = _MINISTERS.match(folded, pos, limit)
    if not ministers or not (ministers.group(1) or _TITLES_GO_ON.match(folded, ministers.end())):
        return []
    heads = [_HEADED[h] for h in re.findall(r"co quan (?:ngang bo|thuoc chinh phu)",
                                            ministers.group(1))]
    found = [Found(", ".join(["Các Bộ", *heads]), pos, ministers.end(),
                   text[pos : ministers.end()], 0.9)]
    end = ministers.end()
    while (sep := _SEPARATOR.match(folded, end, limit)) and (
            other := _OTHER_HEADED.match(folded, sep.end(), limit)):
        named = text[other.start(1) : other.end(1)]
        found.append(Found(f"Các {named}", other.start(1), other.end(1), named, 0.9))
        end = other.end(1)
    return found


# a council named by its level alone: "UBND huyện", "Ủy ban nhân dân thị xã"
_LEVEL_NAMES = "|".join(sorted(set(_LEVELS.values())))
_BY_LEVEL = re.compile(rf"(?:{'|'.join(sorted(set(_HEADS.values())))}) (?:{_LEVEL_NAMES})"
                       rf"(?:, (?:{_LEVEL_NAMES}))*")
# a group of them: "Ủy ban nhân dân các huyện, thị xã" (and "thành phố" after it)
_GROUP_BY_LEVEL = re.compile(rf"(?:{'|'.join(sorted(set(_HEADS.values())))}) các "
                             rf"(?:{_LEVEL_NAMES})(?:, (?:{_LEVEL_NAMES}))*")
_ONE_COUNCIL = re.compile(
    rf"({'|'.join(_HEADS.values())}) "
    rf"({'|'.join(sorted(set(_LEVELS.values()), key=len, reverse=True))}) (?!các )")
_BARE_PLACE = re.compile(rf"[{UPPER}][^\s,;.:()]*(?:[ \t]+[{UPPER}][^\s,;.:()]*){{0,3}}")


_DEPARTMENT_KINDS = ("Sở ", "Bộ ")


_AT_LEVEL = re.compile(rf"(?P<at>o|cap)\s+(?P<level>{p.LEVEL})(?![a-z])")


def _same_body_other_level(text: str, folded: str, last: Found[str], pos: int, limit: int
                           ) -> Found[str] | None:
    """ "Ủy ban bầu cử ở tỉnh, ở huyện": a body named with its level ("ở tỉnh", "cấp
    tỉnh"), then only another level: the same kind of body at that level (the Law's
    "Ủy ban bầu cử ở tỉnh, ở huyện, ở xã", "Ban Chỉ đạo cấp tỉnh, cấp huyện")."""
    at = _AT_LEVEL.match(folded, pos, limit)
    own = re.search(r"\s(?:ở|cấp|o|cap)\s+\S+(?:\s+\S+)?$", last.value)
    if at is None or own is None or not _AT_LEVEL.fullmatch(fold(own.group().strip())):
        return None
    written = text[pos : at.end()]
    # the level spelled as the vocabulary writes it: restored text may have read a damaged
    # "xã" as "xa" (its raw words with the head's, which restoration respells alike)
    said = f"{'ở' if at['at'] == 'o' else 'cấp'} {p.LEVELS[at['level']]}"
    return Found(f"{last.value[: own.start()]} {said}", pos, at.end(),
                 f"{last.raw} {written}", last.confidence)


def _sibling_department(text: str, last: Found[str], pos: int, limit: int) -> Found[str] | None:
    """A field named bare after a department of a kind (`_DEPARTMENT_KINDS`), capitalised,
    that the tables know as a department of that kind: that department."""
    kind = next((k for k in _DEPARTMENT_KINDS if last.value.startswith(k)), None)
    if kind is None or not text[pos : pos + 1].isupper():
        return None
    said = kind + text[pos:limit]
    found = _match_agency_at(said, fold(said), 0, len(said))
    if found is None or found.confidence < 0.9 or not found.value.startswith(kind):
        return None
    end = pos + found.end - len(kind)
    return Found(found.value, pos, end, text[pos:end], found.confidence)


_NUMBERED_LEVELS = ("phường", "quận")
_UNIT_NUMBER = re.compile(r"[ \t]+(\d{1,2})\b(?![/.,:-]?\d)")
_NEXT_NUMBER = re.compile(r"(\d{1,2})\b(?![/.,:-]?\d)")


def _sibling_council(text: str, last: Found[str], pos: int, limit: int) -> Found[str] | None:
    """A place the gazetteer knows, named bare after a council of one place: that level's
    council of it ("UBND huyện Quang Hà, Bắc Sơn" → the council of huyện Bắc Sơn too); a
    number after a numbered ward's ("UBND phường 11, 12")."""
    council = _ONE_COUNCIL.match(last.value)
    if council and council[2] in _NUMBERED_LEVELS and last.value[council.end() :].isdigit() and (
            number := _NEXT_NUMBER.match(text, pos, limit)):
        return Found(f"{council[1]} {council[2]} {number[1]}", pos, number.end(), number[0], 0.85)
    place = _BARE_PLACE.match(text, pos, limit) if council else None
    known = match_place(place[0], cutoff=90) if place else None
    if known is None or known.kind != council[2]:  # a place of that level ("Lâm Hà" no person)
        return None
    return Found(f"{council[1]} {council[2]} {known.name}", pos, place.end(), place[0], 0.85)


_MOST_FIELD_WORDS = 5


def _more_fields(text: str, folded: str, pos: int, limit: int, agency: Found[str] | None
                 ) -> tuple[str, int] | None:
    """The fields that go on a department's name after its comma ("Viễn thông", "Xuất
    bản"), where they name no body of their own (or only a bare head word): words from a
    capitalised one up to the name's end (a verb, punctuation)."""
    if agency is not None and fold(agency.value) not in HEAD_WORDS:
        return None
    start = _skip_space(folded, pos)
    if not text[start : start + 1].isupper():
        return None
    words = name_words(folded, start, limit, _MOST_FIELD_WORDS + 1)
    end = start
    for i, word in enumerate(words):
        if i and _ends_a_name(text, folded, words, i):
            break
        if i == _MOST_FIELD_WORDS:
            return None  # no department's field is that long
        end = word.end()
    return text[start:end], end


def _one_more_group(text: str, found: list[Found[str]], agency: Found[str]) -> bool:
    """Whether `agency` goes on the group before it: ", các ..." written in lower case."""
    if not found or not found[-1].value.startswith("Các ") or not agency.value.startswith("Các "):
        return False
    between = text[found[-1].end : agency.start]
    if between.strip() != "," or not text[agency.start].islower():
        return False
    # a group that says its own tier is another ("các sở, ban ngành, các cơ quan trung ương
    # trên địa bàn tỉnh": the province's offices, then the central ones)
    if _OWN_TIER.search(fold(agency.value)):
        return False
    # a kind of another sector is a group of its own (`kinds_apart`): the mass
    # organisations after "các sở, ban, ngành," as after "và"
    if _kind_apart(agency.value[4:]):
        return False
    # only after a bare group: "Các doanh nghiệp phần mềm, các doanh nghiệp ..." are two
    kinds = fold(found[-1].value).split()[1:]
    i = 0
    while i < len(kinds) and (n := phrase_at([k.strip(",") for k in kinds], i, "group_nouns")):
        i += n
    return i == len(kinds)


_OWN_TIER = re.compile(r"^cac [a-z ]{2,20}? trung uong\b")
_UNITS = ("Phòng ", "Đội ", "Trạm ")
_PARENTS = ("Cục ", "Chi cục ", "Tổng cục ", "Bộ ", "Công an ", "Sở ", "Bộ Chỉ huy ")


def _parent_of_unit(text: str, found: list[Found[str]], agency: Found[str]) -> bool:
    """Whether `agency` is the body the unit before it belongs to, after a comma."""
    return (bool(found) and found[-1].value.startswith(_UNITS)
            and agency.value.startswith(_PARENTS)
            and text[found[-1].end : agency.start].strip() == ",")


# the label may say whose they are before its colon: "Các cơ quan báo chí của tỉnh:"
# ("Các Bộ, ngành, đơn vị gồm Bộ Công an, Bộ Tài chính ...": "gồm" lists them as a colon does)
_LABEL_COLON = re.compile(
    r"(?:[ \t]+(?:cua|thuoc)[ \t]+[a-z ]{2,20}?)?(?:[ \t]*:|[ \t]+(?:bao[ \t]+)?gom\b)[ \t]*")


def _members(text: str, folded: str, group: Found[str], limit: int) -> list[Found[str]]:
    """The bodies a group's label lists after a colon, each a whole known name."""
    if not group.value.startswith("Các"):
        return []
    colon = _LABEL_COLON.match(folded, group.end, limit)
    if colon is None:
        return []
    listed = match_agency_list(text, folded, colon.end(), limit)
    # members are named bodies (a head and a place, "Báo Lâm Đồng", is one), not words;
    # after "gồm" the text says it lists them: bodies the tables lack are members too
    sure = 0.8 if ":" in colon.group() else 0.5
    return listed if len(listed) >= 2 and all(f.confidence >= sure for f in listed) and any(
        f.confidence >= 0.8 for f in listed) else []


_OF_EACH_LEVEL = re.compile(
    r"(?P<body>.+) các (?P<level>\S+(?: \S+)?)(?P<more>(?:, \S+(?: \S+)?)*)$")


def _body_of_each_place(text: str, folded: str, group: Found[str], limit: int
                        ) -> list[Found[str]]:
    """ "Ngân hàng Nhà nước chi nhánh các tỉnh: Bình Định, Cao Bằng" → the body of each
    place named after the colon, as "UBND các huyện: A, B" names each council."""
    m = _OF_EACH_LEVEL.match(group.value)
    colon = re.compile(r"[ \t]*:").match(folded, group.end, limit)
    # ("Sở Xây dựng các tỉnh, thành phố: Gia Lai, Huế": each place's own level)
    more = [w.strip() for w in m.group("more").split(",") if w.strip()] if m else []
    if m is None or colon is None or m.group("level") not in _LEVELS.values() \
            or any(w not in _LEVELS.values() for w in more) \
            or group.value.startswith(tuple(_HEADS.values())):
        return []
    found = _of_each_place(text, folded, f"{m.group('body')} {m.group('level')}", colon.end(),
                           limit, kinds=[m.group("level"), *more] if more else None)
    return found if len(found) >= 2 else []


_RANKS = {"xã": 1, "phường": 1, "thị trấn": 1, "đặc khu": 1, "huyện": 2, "quận": 2, "thị xã": 2,
          "thành phố": 2, "tỉnh": 3}


def _rank(council: str) -> int:
    """How high a single council stands (a group, "các ...", stands nowhere)."""
    words = council.split()
    if "các" in words or len(words) < 5:
        return 0
    level = " ".join(words[4:6]) if " ".join(words[4:6]) in _RANKS else words[4]
    return _RANKS.get(level, 0)


def _skip_space(folded: str, pos: int) -> int:
    while pos < len(folded) and folded[pos] in " \t\n-–+•*":
        pos += 1
    return pos


# ("UBND các địa phương: A, B": no level said, the councils of the places named)
_COUNCIL_LIST = re.compile(
    rf"(?P<head>ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)\s+cac\s+"
    # ("UBND các tỉnh, thành phố: Hải Phòng, Quảng Nam": levels, each place of its own)
    rf"(?P<level>{_LEVEL}|d[a-z]{{1,2}}a ph[a-z]{{1,4}}ng)(?P<more>(?:{_LEVEL_SEP}{_LEVEL})*)\s*:"
)
# ("Kính gửi: UBND các tỉnh, thành phố An Giang, Cần Thơ, ...": no colon, the places
# named straight after the levels, each one the gazetteer knows)
_COUNCIL_LIST_BARE = re.compile(_COUNCIL_LIST.pattern[: -len(r"\s*:")] + r"(?=[ \t]+\w)")
_NEXT_ITEM = re.compile(r"\s*(?:,|\bva\b)")


def lists_councils_by_place(folded: str, start: int, end: int) -> bool:
    """Whether the span holds "UBND các tỉnh, thành phố" with places named after it."""
    return bool(_COUNCIL_LIST_BARE.search(folded, start, end))


def _council_items(text: str, folded: str, m: re.Match[str], limit: int) -> list[Found[str]]:
    """ "UBND các huyện: Gio Linh, Triệu Phong" → the council of each place named."""
    head, level = _HEADS[m.group("head")], _LEVELS.get(m.group("level"))
    levels = [_LEVELS[w] for w in re.findall(_LEVEL, m.group("more"))] if m.group("more") else []
    return _of_each_place(text, folded, f"{head} {level}" if level else head, m.end(), limit,
                          kinds=[level, *levels] if level and levels else None)


# a lower-case word right after a capitalised one: a clause's start after a colon, no place
_LOWER_NEXT = re.compile(rf"[ \t]+[{LOWER}]")


def _of_each_place(text: str, folded: str, body: str, pos: int, limit: int,
                   kinds: list[str] | None = None) -> list[Found[str]]:
    """`body` (a head and its level) of each place listed from `pos`: "A, B và C"; where
    the list names several `kinds` ("tỉnh, thành phố"), each place's own as the gazetteer
    has it ("thành phố Hải Phòng", "tỉnh Quảng Nam")."""
    found: list[Found[str]] = []
    while (place := _place_words(text, pos, limit)) is not None:
        written, end = place
        known = match_place(written, cutoff=85)
        if not found and known is None and " " not in written and _LOWER_NEXT.match(text, end):
            return []  # "Chủ tịch UBND các huyện, thành phố: Khẩn trương chỉ đạo ...": a verb
        if found and known is None and _opens_a_body(written):
            break  # "UBND các tỉnh: Lào Cai, Cao Bằng và Bộ Y tế": a body of its own, no place
        start = text.index(written.split()[0], pos)
        named = body
        if kinds and known is not None and known.kind in kinds and known.kind != kinds[0]:
            named = f"{body.rsplit(' ', len(kinds[0].split()))[0]} {known.kind}"
        found.append(Found(f"{named} {known.name if known else written}", start, end,
                           text[start:end], 0.9 if known else 0.7))
        sep = _NEXT_ITEM.match(folded, end, limit)
        if sep is None:
            break
        pos = sep.end()
    return found


def _opens_a_body(written: str) -> bool:
    """Whether written words open with a body's head noun ("Bộ", "Sở", "Ban", ...)."""
    words = fold_ocr(written).split()
    return bool(phrase_at(words, 0, "table_heads") or phrase_at(words, 0, "open_heads"))


_DISTRIBUTIVE_HEADS = {"phong": "Phòng", "so": "Sở", "ban": "Ban", "cuc": "Cục", "bo": "Bộ",
                       "uy ban": "Ủy ban",
                       "chi cuc": "Chi cục", "trung tam": "Trung tâm",
                       # "các Hạt Kiểm lâm: Lạc Dương, Đam Rông", "các Bệnh viện: A, B"
                       "hat kiem lam": "Hạt Kiểm lâm", "chi nhanh": "Chi nhánh",
                       "benh vien": "Bệnh viện", "truong": "Trường",
                       # "các Tập đoàn: Dầu khí Việt Nam, Điện lực Việt Nam"
                       "tap doan": "Tập đoàn", "tong cong ty": "Tổng công ty"}


def _whole_names(head: str, pieces: list[str]) -> list[str]:
    """Pieces split at commas, put back together where a name holds a comma: "Các Bộ: ...,
    Văn hóa, Thể thao và Du lịch, ..." names one Bộ there, not two."""
    out: list[str] = []
    k = 0
    while k < len(pieces):
        for n in (3, 2):
            joined = ",".join(pieces[k : k + n])
            if k + n <= len(pieces) and _one_name(f"{head} {joined.strip()}"):
                out.append(joined)
                k += n
                break
        else:
            out.append(pieces[k])
            k += 1
    return out


def _one_name(combined: str) -> bool:
    """Whether a known name spans the commas of `combined`, a verb after it or not
    ("Sở Văn hóa, Thể thao và Du lịch thực hiện")."""
    if canonical_agency(combined)[1] >= 1.0:
        return True
    named = match_agency(combined, fold_ocr(combined), 0)
    return (named is not None and named.end > combined.rindex(",")
            and canonical_agency(named.raw)[1] >= 1.0)


def _whose_items(text: str, folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where each item of a list ends in the same "của ..." ("Quốc phòng, An ninh và Đối
    ngoại của Quốc hội, Văn hóa và Xã hội của Quốc hội"), the items end there, whatever
    commas they hold; [] for any other list."""
    flat = folded[start:end].replace("\n", " ")
    owners = list(re.finditer(r"\bcua\s+([a-z]+\s+[a-z]+)\b", flat))
    if len(owners) < 2 or len({m[1] for m in owners}) != 1:
        return []
    ends = [m.end() for m in owners]
    spans = []
    for a, b in itertools.pairwise([0, *ends]):
        item = text[start + a : start + b]
        lead = len(item) - len(item.lstrip(" ,\n"))
        # each a name, capitalised and short: not a sentence that says "của địa phương"
        # twice ("Quốc phòng, Tài chính kịp thời xuất cấp ... theo đề nghị của địa phương
        # để hỗ trợ ... khi có yêu cầu của địa phương")
        if not item[lead : lead + 1].isupper() or len(item.split()) > _MOST_ITEM_WORDS:
            return []
        spans.append((start + a + lead, start + b))
    return spans


_MOST_ITEM_WORDS = 12  # "Quốc phòng, An ninh và Đối ngoại của Quốc hội" has nine


_AND_ANOTHER = re.compile(r"\s+va\s+")


def _distributive_items(text: str, folded: str, m: re.Match[str], limit: int) -> list[Found[str]]:
    """ "các Phòng: Nội vụ, Tư pháp, Y tế" → Phòng Nội vụ, Phòng Tư pháp, Phòng Y tế."""
    head = _DISTRIBUTIVE_HEADS.get(m.group("head").lower(), "Sở")  # "Sb", "S0": an OCR's Sở
    end = limit
    # the list may wrap onto the next line; a bullet or a blank line ends it
    stop = re.search(r"[;.]|\n(?=[ \t]*(?:[-–+•]|\n))", folded[m.end() : limit])
    if stop:
        end = m.end() + stop.start()
    found, pos = [], m.end()
    if whose := _whose_items(text, folded, m.end(), end):
        # typed, each is as sure as its span; stripped, an unknown name is to be respelled
        sure = 0.9 if typed_as_written() else 0.7
        return [Found(f"{head} {' '.join(text[a:b].split())}", a, b, text[a:b], sure)
                for a, b in whose]
    for piece in _whole_names(head, text[m.end() : end].split(",")):
        raw = piece.strip()
        if not raw:
            continue
        if found and TITLE_PREFIX.match(fold_ocr(raw)):
            # "Giám đốc các Sở: Nội vụ, Tài chính, Chủ tịch UBND các huyện ...": a title
            # starts the next body, of another kind; the rest is read as any list is
            return found + match_agency_list(text, folded, text.index(raw, pos), limit)
        if found and _opens_a_body(raw) and not fold_ocr(raw).startswith(fold_ocr(head)):
            # "Các Bộ, cơ quan: Tài chính, Ngoại giao, Tập đoàn Điện lực Việt Nam": a member
            # that names its own kind takes none of the list's; the rest is read as any list
            return found + match_agency_list(text, folded, text.index(raw, pos), limit)
        # the list's last name ends where the sentence goes on: "..., Xây dựng có ý kiến"
        combined = f"{head} {raw}"
        named = match_agency(combined, fold_ocr(combined), 0)
        last = named is not None and len(head) < named.end < len(combined)
        # (what the name stopped at ends the piece, a verb with nothing after it that also
        # stands in names: "các Cục: ..., Kết cấu hạ tầng xây dựng;" names one Cục)
        rest = fold_ocr(combined[named.end :]).split() if last else []
        k = 0
        while k < len(rest) and (n := phrase_at(rest, k, "weak_enders")):
            k += n
        if last and k == len(rest):
            last = False
        if last:
            raw = raw[: named.end - len(head) - 1].rstrip()
        name, confidence = canonical_agency(f"{head} {raw}", cutoff=84)
        start = text.index(raw, pos)
        if confidence < 0.9:
            whole = match_agency(raw, fold_ocr(raw), 0)
            if whole is not None and whole.end == len(raw) and whole.confidence >= 0.9:
                if not whole.value.startswith(head):
                    # "các Bộ: Tài chính, Y tế, UBND các tỉnh, thành phố": a body of its own
                    # kind ends the kind's list; the rest is read as any list is
                    return found + match_agency_list(text, folded, start, limit)
                name, confidence = whole.value, whole.confidence
        found.append(Found(name, start, start + len(raw), raw, confidence))
        pos = start + len(raw)
        if last:
            # "các Bộ: Tài chính, Xây dựng và UBND các tỉnh, thành phố: A, B": the list goes on
            # with a body of another kind after its last member
            joined = _AND_ANOTHER.match(folded, pos, limit)
            more = match_agency_list(text, folded, joined.end(), limit) if joined else []
            if more and not more[0].value.startswith(head):
                found += more
            break
    return found
