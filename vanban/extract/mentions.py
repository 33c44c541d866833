"""One body, named several ways in one document, comes out under one name.

A directive names a body in full once and shortly after that: "Nhà đầu tư của 02 dự án
đường bộ cao tốc Tân Phú – Bảo Lộc và Bảo Lộc – Liên Khương" charges two investors;
"Nhà đầu tư Dự án cao tốc Tân Phú - Bảo Lộc" later is the first of them, "Nhà đầu tư 02
dự án" and a bare "Nhà đầu tư" are both. A tracker must see each body once, under the
name the document gives it in full, so each owner is read against the names the
document itself writes out: its owners, co-owners and addressees.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from vanban.extract.found import Found
from vanban.extract.organisations import match_organisation, objects_at
from vanban.extract.patterns import LEVEL
from vanban.extract.vocabulary import comma_term_rest, phrase_at, phrases
from vanban.folding import fold_ocr
from vanban.normalize.text import names_state
from vanban.regex_gate import Opened, opened

_WORD = re.compile(r"\w+")
_ITEM_SEPARATOR = re.compile(r"\s*(?:,|\bva\b)\s*")
_A_PLACE = re.compile(rf"\s*(?:{LEVEL})\b")
_LEVEL_ONLY = re.compile(rf"(?:cap\s+)?(?:{LEVEL})")


@dataclass(frozen=True)
class _Name:
    text: str
    words: tuple[str, ...]  # folded
    head: int  # words of its open head ("nhà đầu tư"), 0 if none


_Siblings = dict[str, tuple[str, ...]]  # each name split from one phrase: all its pieces


def _read(text: str) -> _Name:
    # (a name is read again by each test below: read once per naming state, whose marks
    # `phrase_at` reads)
    return _read_in(text, names_state())


@lru_cache(maxsize=4096)
def _read_in(text: str, state: str) -> _Name:
    folded = fold_ocr(text)
    words = tuple(_WORD.findall(folded))
    written = [w.lower() for w in _WORD.findall(text)]
    same = len(written) == len(words)
    head = phrase_at(list(words), 0, "open_heads", written if same else None)
    return _Name(text, words, head)


def split_over_objects(name: str) -> list[str]:
    """ "Nhà đầu tư của 02 dự án đường bộ cao tốc A và B" → the investor of each project:
    "Nhà đầu tư dự án đường bộ cao tốc A", "... B". Any other name → itself."""
    read = _read(name)
    if not read.head:
        return [name]
    folded = fold_ocr(name)
    spans = [m.span() for m in _WORD.finditer(folded)]
    i, size = _counted(read)
    if size < 1:
        return [name]
    # the kind runs in lower case up to the first name: "đường bộ cao tốc"
    first_name = next((s for s, _ in spans[i + size + 1 :] if name[s].isupper()), None)
    if first_name is None:
        return [name]
    items = [piece.strip(" –-") for piece in _split(name, folded, first_name)]
    if len(items) < 2 or not all(item[:1].isupper() or item[:1].isdigit() for item in items):
        return [name]
    head_text = name[: spans[read.head - 1][1]]
    object_and_kind = name[spans[i + 1][0] : first_name].strip()
    return [f"{head_text} {object_and_kind} {item}" for item in items]


def _counted(read: _Name) -> tuple[int, int]:
    """Where a head's counted objects start ("[của] 02 dự án ...") and how many words name
    their kind (0: it counts none)."""
    i = read.head + (read.words[read.head : read.head + 1] == ("cua",))
    return i, objects_at(list(read.words), i) - 1


def _split(name: str, folded: str, start: int) -> list[str]:
    pieces, at = [], start
    for sep in _ITEM_SEPARATOR.finditer(folded, start):
        pieces.append(name[at : sep.start()])
        at = sep.end()
    pieces.append(name[at:])
    return [p for p in pieces if p.strip()]


# "thành lập 4 Tổ kiểm tra, giám sát ...", "thành lập các Đoàn kiểm tra liên ngành": teams
# the document sets up, by their count
_SET_UP = re.compile(r"\bthanh lap\s+(?:\d{1,2}|cac)\s+")
_COMMA = re.compile(r"\s*,\s*")


def teams_set_up(text: str, folded: str) -> list[Found[str]]:
    """The kinds of team the document sets up several of ("thành lập 4 Tổ kiểm tra, giám sát
    tình hình ..." → "Tổ kiểm tra, giám sát"): its open head, and a comma term it goes on
    with."""
    teams = []
    for m in _SET_UP.finditer(folded):
        words = list(_WORD.finditer(folded, m.end(), m.end() + 120))
        plain = [w.group() for w in words]
        written = [text[w.start() : w.end()].lower() for w in words]
        head = phrase_at(plain, 0, "open_heads", written)
        if not head:
            continue
        end = words[head - 1].end()
        if head < len(words) and _COMMA.fullmatch(folded[end : words[head].start()]) and (
                rest := comma_term_rest(plain[max(0, head - 3) : head], plain[head : head + 3])):
            end = words[head + rest - 1].end()
        teams.append(Found(text[m.end() : end], m.end(), end, text[m.end() : end], 0.8))
    return teams


# where a team's name ends at the latest: a stop, a bracket, a quote, a line's end
_NAME_STOP = re.compile(r"[,.;:()\n“”\"]")
_SET_UP_BEFORE = re.compile(r"\bthanh lap\s+$")


@lru_cache(maxsize=1)
@cache
def _team_heads() -> Opened:
    """The heads of a team's name, tried only where the strings they open with start (the
    pattern scans a whole text)."""
    heads = sorted((" ".join(h) for h in phrases("anaphoric_heads") if len(h) > 1),
                   key=len, reverse=True)
    return opened(re.compile(rf"\b(?:{'|'.join(heads)})\b"), "team-heads")


_VOWELS = re.compile(r"[aeiouy]")


def _skeleton(word: str) -> str:
    """A folded word as an English OCR's damage leaves it alike from one mention to the
    next: its consonants, "đ" read as d, b or p one ("Đề án" / "d án", "đô thị" / "bi thi")."""
    return _VOWELS.sub("", word).translate(_ONSETS)


_ONSETS = str.maketrans("bp", "dd")


def teams_named_in_full(text: str, folded: str) -> list[Found[str]]:
    """The teams the document sets up, named in full as it writes them ("Thành lập Ban Chỉ
    đạo thực hiện hỗ trợ nhà ở cho người có công:", "Ban Chỉ đạo thực hiện hỗ trợ nhà ở
    cho người có công tổ chức kiểm tra ..."): a team's head, capitalised as a name, and the
    words most of its mentions go on with, the whole of one mention up to a stop and the
    start of the one after "thành lập" (rule team-named-as-set-up). Each mention so
    written, with its span."""
    mentions: dict[str, list[tuple[int, list[re.Match[str]], bool]]] = {}
    for m in _team_heads().finditer(folded):
        written = text[m.start() : m.end()]
        if not written[:1].isupper() or written == written.upper():
            continue  # running text's noun, or a heading in capitals
        stop = _NAME_STOP.search(folded, m.end(), m.end() + 160)
        words = list(_WORD.finditer(folded, m.end(), stop.start() if stop else m.end() + 160))
        mentions.setdefault(m.group(), []).append((m.start(), words, stop is not None))
    teams = []
    for said in mentions.values():
        goes_on = [tuple(_skeleton(w.group()) for w in words) for _, words, _ in said]
        set_up = [g for (at, _, _), g in zip(said, goes_on, strict=True)
                  if _SET_UP_BEFORE.search(folded, max(0, at - 20), at)]
        whole = {g for (_, _, ends), g in zip(said, goes_on, strict=True)
                 if ends and 2 <= len(g) <= 16 and any(s[: len(g)] == g for s in set_up)}
        counted = [(sum(g[: len(c)] == c for g in goes_on), len(c), c) for c in whole]
        if not counted or (best := max(counted))[0] < max(2, (len(said) + 1) // 2):
            continue
        name = best[2]
        for (at, words, _), g in zip(said, goes_on, strict=True):
            if g[: len(name)] == name:
                end = words[len(name) - 1].end()
                # (a name the tables do not know: respelled where the text lost its marks)
                teams.append(Found(" ".join(text[at:end].split()), at, end, text[at:end], 0.87,
                                   "team-named-as-set-up"))
    return teams


# a count or "các" before a kind, what describes them, the colon their names follow:
# "03 đơn vị thi công 05 công trình ..., gồm:", "của các đơn vị:"
# (`\b(?:cac|\d{1,3})\s+(?=[a-z])` over the whole text, written with its first character
# consumed first and the word's start asserted behind it: the engine skips to each "c" or
# digit instead of trying the boundary at every position)
_COUNTED_KIND = re.compile(r"[c\d](?<!\w[c\d])(?:(?<=c)ac|(?<=\d)\d{0,2})\s+(?=[a-z])")
_UP_TO_COLON = re.compile(r"[^.;:\n]{0,200}?:[^\S\n]*")
_LIST_GOES_ON = re.compile(r"\s*(?:[,;]|\bva\b)\s*")


@cache
def _group_noun_firsts() -> frozenset[str]:
    """The first words of the kinds a count or "các" goes on with (`group_nouns`)."""
    return frozenset(phrase[0] for phrase in phrases("group_nouns") if phrase)


def bodies_listed(text: str, folded: str) -> list[Found[str]]:
    """The bodies a document names after a count or "các" and their kind ("... kiểm tra
    đối với 03 đơn vị thi công ..., gồm: Công ty A, Tổng công ty B, Công ty C"; "của các đơn
    vị: Công ty A (Gói thầu số 13 ...); Công ty B (...)"), each named in full by its head:
    the members a bare kind said later stands for (rule bare-kind-is-the-listed-bodies)."""
    listed: list[Found[str]] = []
    firsts = _group_noun_firsts()
    for m in _COUNTED_KIND.finditer(folded):
        # (most counts and "các" go on with no kind: the first word tells, before the
        # words after it are read)
        first = _WORD.match(folded, m.end(), m.end() + 40)
        if first is None or first.group() not in firsts:
            continue
        words = _WORD.findall(folded[m.end() : m.end() + 40])
        if not phrase_at(words, 0, "group_nouns"):
            continue
        colon = _UP_TO_COLON.match(folded, m.end())
        if colon is None:
            continue
        listed += _names_in_a_list(text, folded, colon.end())
    return list({found.value: found for found in listed}.values())


def _names_in_a_list(text: str, folded: str, pos: int) -> list[Found[str]]:
    """Bodies named one after another from `pos`, each with its open head, apart by commas,
    semicolons or "và", an aside in brackets after each passed over; fewer than two: none."""
    names: list[Found[str]] = []
    while len(names) < 20:
        found = match_organisation(text, folded, pos, min(len(text), pos + 300))
        if found is None or not text[found.start : found.start + 1].isupper() \
                or not _read(found.value).head:
            break
        names.append(found)
        pos = found.end
        if re.match(r"\s*\(", folded[pos:]) and (closes := _closing(folded, pos)) != -1:
            pos = closes + 1
        goes_on = _LIST_GOES_ON.match(folded, pos)
        if goes_on is None:
            break
        pos = goes_on.end()
    return names if len(names) >= 2 else []


def _closing(folded: str, pos: int) -> int:
    """Where the bracket opened after `pos` closes, brackets inside it passed over ("(Gói
    thầu số 13: ... (IC14) ...)"), within 600 characters; -1 if it does not."""
    depth = 0
    for k in range(folded.index("(", pos), min(len(folded), pos + 600)):
        depth += {"(": 1, ")": -1}.get(folded[k], 0)
        if depth == 0:
            return k
    return -1


def _the_listed(read: _Name, listed: list[str]) -> list[str]:
    """A bare kind ("Công ty", "Các Công ty", "Đơn vị", "các đơn vị") where the document
    listed bodies after a count of a kind: those of its kind ("công ty" the firms, a tổng
    công ty too), or all of them for a kind that is no body's head ("đơn vị")."""
    words = read.words[1:] if read.words[:1] == ("cac",) else read.words
    if not listed or not words or phrase_at(list(words), 0, "group_nouns") != len(words):
        return []
    if phrase_at(list(words), 0, "open_heads") != len(words):
        return listed
    size = len(words)
    of_kind = [n for n in listed if any(_read(n).words[k : k + size] == words
                                        for k in range(len(_read(n).words)))]
    return of_kind if len(of_kind) == len(listed) else []


def read_mentions(names: Iterable[str], addressees: Iterable[str] = (),
                  teams: Iterable[str] = (), listed: Iterable[str] = ()
                  ) -> dict[str, list[str]]:
    """What each name stands for: the names the document writes in full that it mentions
    again, and a group by its bare head ("các Tổ") the teams it set up (`teams_set_up`). A
    name that stands for itself is left out of the answer."""
    names = list(dict.fromkeys(names))
    teams = list(dict.fromkeys(teams))
    addressees = list(dict.fromkeys(addressees))
    groups = {name: split_over_objects(name) for name in names}
    defined = [_read(n) for n in dict.fromkeys(
        [piece for pieces in groups.values() for piece in pieces] + addressees)]
    siblings = {piece: tuple(pieces) for pieces in groups.values() if len(pieces) > 1
                for piece in pieces}
    meaning: dict[str, list[str]] = {}
    for name in names:
        if len(groups[name]) > 1:
            meaning[name] = groups[name]
        elif found := (_named_by_count(_read(name), siblings)
                       or _written_short(_read(name), defined)
                       or _prefix_of_addressee(name, addressees)
                       or _group_with_its_level(name, names)
                       or _honoured_addressee(name, addressees)):
            meaning[name] = found
    for name in names:
        if name not in meaning and (found := _teams_by_head(name, teams)):
            meaning[name] = found
    # a bare head stands for the bodies of its kind that remain named in full
    full = [d for d in defined if d.text not in meaning]
    for name in names:
        if name not in meaning and (found := _bare_head(_read(name), full, siblings)):
            meaning[name] = found
    # a bare kind, the bodies the document listed after a count of their kind
    listed = list(listed)
    for name in names:
        if name not in meaning and (found := _the_listed(_read(name), listed)):
            meaning[name] = found
    return meaning


def _teams_by_head(name: str, teams: list[str]) -> list[str]:
    """ "Các Tổ": the one kind of team the document set up several of that starts so."""
    words = _WORD.findall(fold_ocr(name))
    if len(words) < 2 or words[0] != "cac" or not name[4:5].isupper():
        return []
    kinds = {fold_ocr(t): t for t in teams if (w := _WORD.findall(fold_ocr(t)))
             and len(w) > len(words) - 1 and w[: len(words) - 1] == words[1:]}
    if len(kinds) != 1:
        return []
    # the group's own words as spelled, then the rest of the team's kind
    rest = next(iter(kinds.values())).split()[len(name.split()) - 1 :]
    return [" ".join([name, *rest])]


def _named_by_count(read: _Name, siblings: _Siblings) -> list[str]:
    """ "Nhà đầu tư 02 dự án": the projects' investors the document named, if that many."""
    if not read.head:
        return []
    i, size = _counted(read)
    if size < 1 or i + 1 + size != len(read.words):
        return []
    count = read.words[i]
    wanted = read.words[:read.head] + read.words[i + 1 : i + 1 + size]
    for group in dict.fromkeys(siblings.values()):
        first = _read(group[0])
        if first.words[: len(wanted)] != wanted:
            continue
        if count == "cac" or _number(count) == len(group):
            return list(group)
    return []


def _number(word: str) -> int:
    return int(word) if word.isdigit() else {"hai": 2, "ba": 3, "bon": 4, "nam": 5}[word]


def _bare_head(read: _Name, defined: list[_Name], siblings: _Siblings) -> list[str]:
    """A bare "Nhà đầu tư": the one body of that kind the document named, or the bodies
    one phrase named together."""
    if not read.head or len(read.words) != read.head:
        return []
    longer = [d.text for d in defined if len(d.words) > read.head
              and d.words[: read.head] == read.words and _proper_after_head(d)]
    if len(longer) == 1:
        return longer
    together = {siblings.get(text) for text in longer}
    if len(together) == 1 and None not in together:
        return longer
    return []


def _proper_after_head(read: _Name) -> bool:
    """ "Nhà đầu tư dự án ... Tân Phú": a name, where "Chủ đầu tư các khu đô thị" describes."""
    written = _WORD.findall(read.text)
    return any(word[:1].isupper() or word[:1].isdigit() for word in written[read.head :])


def _written_short(read: _Name, defined: list[_Name]) -> list[str]:
    """ "Nhà đầu tư Dự án cao tốc Tân Phú - Bảo Lộc" for "Nhà đầu tư dự án đường bộ cao tốc
    Tân Phú – Bảo Lộc": every word of the short name in the long one, in order, the long
    one the only such. A place appended ("Sở Y tế" / "Sở Y tế tỉnh") is no other name."""
    if len(read.words) < 3 or len(read.words) == read.head or "cac" in read.words:
        return []  # a bare head is no short name (`_bare_head`), a group no body's name
    # (nor is a group of its kind, parting from it at "các", a body's full name: "Công an
    # Thành phố" is not "Công an các tỉnh, thành phố")
    longer = [d for d in defined if len(d.words) > len(read.words)
              and d.words[:2] == read.words[:2] and _in_order(read.words, d.words)
              and not _a_group_of_it(read, d)
              and not _only_a_place_added(read, d) and not _another_level(read, d)]
    return [longer[0].text] if len(longer) == 1 else []


def _a_group_of_it(short: _Name, long: _Name) -> bool:
    """Whether the long name parts from the short one at "các": a group of its kind (not
    the same group written without its "các": "UBND xã, phường")."""
    k = next((i for i, (a, b) in enumerate(zip(short.words, long.words, strict=False))
              if a != b), len(short.words))
    return long.words[k : k + 1] == ("cac",) and long.words[:k] + long.words[k + 1 :] \
        != short.words


def _another_level(short: _Name, long: _Name) -> bool:
    """ "Ủy ban nhân dân tỉnh" is no short "Ủy ban nhân dân huyện Sơn Tịnh" ("tinh" of
    "Tịnh"): the long name has another level where the short one has its own."""
    n = len(short.words) - 1
    return bool(_LEVEL_ONLY.fullmatch(short.words[-1]) and long.words[:n] == short.words[:n]
                and _LEVEL_ONLY.fullmatch(long.words[n]) and long.words[n] != short.words[-1])


def _in_order(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    rest = iter(long)
    return all(word in rest for word in short)


def _only_a_place_added(short: _Name, long: _Name) -> bool:
    if long.words[: len(short.words)] != short.words:
        return False
    tail = " ".join(long.words[len(short.words) :])
    return bool(_A_PLACE.match(tail))


def _prefix_of_addressee(name: str, addressees: list[str]) -> list[str]:
    """A name written short ("các sở, ban, ngành") is the addressee it abbreviates by its
    level ("... tỉnh", "... cấp tỉnh"); a longer qualifier ("... trực thuộc Trung ương")
    says no more than the short name does."""
    key = name.lower() + " "
    longer = [a for a in addressees if a.lower().startswith(key)
              and _LEVEL_ONLY.fullmatch(fold_ocr(a[len(key) :]).strip())]
    return longer if len(longer) == 1 else []


def _group_with_its_level(name: str, names: list[str]) -> list[str]:
    """A group written short ("Các Sở, Ban, ngành, đoàn thể") where the document names it
    again with its level ("các sở, ban, ngành, đoàn thể tỉnh") is that one group: a news
    page's lead names the bodies its next paragraph asks in full."""
    if not fold_ocr(name).startswith("cac "):
        return []
    return _prefix_of_addressee(name, [n for n in names if n != name])


_HONORIFIC = re.compile(r"qu[yi]\s+(?P<kind>.+)$")
_ANY_KIND = {"co quan", "don vi", "co quan, don vi", "dia phuong"}


def _honoured_addressee(name: str, addressees: list[str]) -> list[str]:
    """ "Quý Sở", "Quý cơ quan", "Quý đơn vị": the letter's addressees (of that kind)."""
    m = _HONORIFIC.match(fold_ocr(name).strip())
    if m is None or not addressees:
        return []
    kind = m["kind"]
    if kind in _ANY_KIND:
        return list(addressees)
    return [a for a in addressees if fold_ocr(a).startswith(kind + " ")]
