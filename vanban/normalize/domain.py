"""The domain lexicon: multi-syllable terms of the administrative register, decoded as units.

A clerk never writes "phạm vi tính" or "vật liệu nó": the spelling of an agency, a place
or a term of the register is certain once its syllables are seen together, where a
trigram model trained mostly on general text only guesses. The lexicon is built from the
project's tables (vanban/data: agencies.txt, admin_words.txt, domain_terms.txt,
places.json, communes.txt, person_names.txt, the document types of Nghị định 30 in codes.py); the
restorer favours a term's spelling wherever its folded syllables occur, and the model
builder trains on the terms too.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from vanban import user_cache
from vanban.normalize.codes import DOC_TYPES
from vanban.normalize.syllables import fold, normalize_syllable

# The level words "{tỉnh}" stands for in the tables.
LEVELS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
# The level words of the register's short phrases ("địa bàn {tỉnh}"): not "quận", which
# would turn "địa bàn quản lý" into "địa bàn quận lý".
TERM_LEVELS = ("tỉnh", "thành phố", "huyện", "xã", "phường")
# Middle names that follow a family name often enough to make "Nguyen Van" a unit.
_MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Hồng", "Ngọc", "Xuân",
           "Anh", "Thế", "Công", "Đình", "Quốc", "Trọng", "Tiến", "Mạnh", "Kim", "Thu")
_SYLLABLE = re.compile(r"[^\W\d_]+")


def _table(name: str) -> list[str]:
    text = resources.files("vanban.data").joinpath(name).read_text("utf-8")
    return [s.strip() for s in text.splitlines() if s.strip() and not s.startswith("#")]


def _levels(line: str, levels: tuple[str, ...] = LEVELS) -> Iterator[str]:
    if "{tỉnh}" not in line:
        yield line
        return
    for level in levels:
        yield line.replace("{tỉnh}", level)


def term_phrases() -> list[str]:
    """Agencies, titles and terms of the register, with every level word filled in."""
    out: list[str] = []
    for table in ("agencies.txt", "admin_words.txt"):
        for line in _table(table):
            out.extend(_levels(line))
    for line in _table("domain_terms.txt"):
        out.extend(_levels(line, TERM_LEVELS))
    for name in DOC_TYPES:
        out.extend((name, f"{name} số"))
    return out + _group_nouns()


def _group_nouns() -> list[str]:
    """The kinds of body a group names, of two syllables or more, from the vocabulary the
    name reader knows them by ("chủ rừng", "hộ gia đình", "tổ dân phố"): a body the rules
    read is a unit to the restorer too ("Các chu rung" is no "chủ rộng")."""
    text = resources.files("vanban.data").joinpath("vocabulary.toml").read_text("utf-8")
    return [noun for noun in tomllib.loads(text)["classes"]["group_nouns"] if " " in noun]


def place_phrases() -> list[str]:
    """Province and district names, bare and after their kind ("tỉnh Lâm Đồng")."""
    raw = json.loads(resources.files("vanban.data").joinpath("places.json").read_text("utf-8"))
    out: list[str] = []
    for place in raw["provinces"] + raw["districts"]:
        name, kind = place["name"], place["kind"]
        if not _SYLLABLE.search(name) or name.isdigit():
            continue
        out.extend((name, f"{kind} {name}", f"Ủy ban nhân dân {kind} {name}"))
        if "province" in place:
            out.append(f"{kind} {name}, tỉnh {place['province']}")
    return out


def commune_names() -> list[str]:
    """The names of communes and wards (communes.txt): units of place names when written
    with capitals ("Cu Khoi" → "Cự Khối"). Not name syllables one by one: ten thousand
    names hold most syllables of the language."""
    return _table("communes.txt")


@cache
def person_name_sections() -> dict[str, tuple[str, ...]]:
    """person_names.txt's syllables by section: "family" names, "given" (middle and given
    names, the middle-only ones among them) and "middle only" (those that end no name of
    three words or more)."""
    sections: dict[str, list[str]] = {"family": [], "given": [], "middle only": []}
    into = [sections["family"]]
    for line in resources.files("vanban.data").joinpath("person_names.txt").read_text(
        "utf-8"
    ).splitlines():
        if line.startswith("# Middle names only"):
            into = [sections["given"], sections["middle only"]]
        elif line.startswith("# Middle and given"):
            into = [sections["given"]]
        elif not line.startswith("#"):
            for words in into:
                words.extend(line.split())
    return {name: tuple(words) for name, words in sections.items()}


def person_phrases() -> list[str]:
    """Family name + common middle name ("Nguyễn Văn"), from person_names.txt."""
    families = person_name_sections()["family"]
    return [f"{family} {middle}" for family in families for middle in _MIDDLE]


@dataclass(frozen=True, slots=True)
class Unit:
    syllables: tuple[str, ...]  # lower case, official tone placement
    proper: bool  # a name: only a unit when each of its words is written with a capital


# Nouns that head a name: "phuong Ba Dinh" is "phường", "song Nhue" "sông", "ba Tran"
# "bà", whether or not a table knows the name. Only those whose other readings never stand
# before a name ("cho Sở" is "cho", so "chợ" is not here; "họ Nguyễn", so not "hồ").
BEFORE_NAME = {
    fold(word): Unit((word,), proper=False)
    for word in (
        "tỉnh", "huyện", "quận", "xã", "phường", "thôn", "ấp", "đường", "sông", "kênh", "đập",
        "suối", "núi", "ông", "bà",
    )
}


# Nouns that head an agency's name before its acronym: "So TT&TT", "Phong TN&MT", "Bo CA"
# are "Sở", "Phòng", "Bộ" ("số", "phong", "bố" never stand capitalised before one); "Dai
# PT&TH" is "Đài" (a radio and television station), not "Đại".
BEFORE_ACRONYM = {
    fold(word): Unit((word,), proper=True)
    for word in ("sở", "bộ", "ban", "phòng", "cục", "viện", "đoàn", "đội", "vụ", "hội", "tổ",
                 "đài")
}
_ACRONYM = re.compile(r"[A-ZĐ]+(?:[&-][A-ZĐ]+)*")


def is_agency_acronym(word: str) -> bool:
    """An agency's acronym as written: capitals, maybe joined by "&" or a dash ("GTVT",
    "TN&MT", "LĐ-TB&XH")."""
    return len(word) > 1 and _ACRONYM.fullmatch(word) is not None


@cache
def _spelling(word: str) -> str:
    return normalize_syllable(word.lower())


@cache
def _fold(syllable: str) -> str:
    return fold(syllable)


def _syllables(phrase: str) -> list[list[str]]:
    """The phrase's runs of syllables between punctuation, each lower case."""
    runs = []
    for part in re.split(r"[,;:()\-–]", phrase):
        words = [_spelling(w) for w in _SYLLABLE.findall(part)]
        if words:
            runs.append(words)
    return runs


def _units(phrases: list[str], proper: bool) -> dict[tuple[str, ...], Unit]:
    """Folded syllable runs of two or more → their one spelling; a folded run two phrases
    spell differently is dropped (the context decides there)."""
    units: dict[tuple[str, ...], Unit | None] = {}
    for phrase in phrases:
        for run in _syllables(phrase):
            if len(run) < 2:
                continue
            key = tuple(_fold(s) for s in run)
            unit = Unit(tuple(run), proper)
            seen = units.setdefault(key, unit)
            if seen is not None and seen.syllables != unit.syllables:
                units[key] = None
    return {k: u for k, u in units.items() if u is not None}


class UnitLexicon:
    """Terms (any case) and names (capitalised words only), by their folded syllables.
    "do thi" is the term "đô thị" and the name "Đỗ Thị": the case of the text decides."""

    def __init__(self, terms: list[str], names: list[str]) -> None:
        self.terms = _units(terms, proper=False)
        self.names = _units(names, proper=True)
        # first two folded syllables → the longest unit that starts with them: most pairs of
        # a text start none, and are passed over with one lookup
        self.longest: dict[tuple[str, str], int] = {}
        for key in (*self.terms, *self.names):
            self.longest[key[:2]] = max(self.longest.get(key[:2], 0), len(key))
        # the words that start a unit, a name after a level or an agency before its
        # acronym: a word that starts none is passed over without building the pair
        self.starts = (frozenset(key[0] for key in self.longest) | frozenset(BEFORE_NAME)
                       | frozenset(BEFORE_ACRONYM))

    @cached_property
    def reach(self) -> int:
        """The most words a unit spans: a change to one word alters no match that starts
        this far before it."""
        return max(self.longest.values(), default=2)

    def parts(self) -> tuple:
        """Its tables as marshal writes them (`user_cache`); `from_parts` reads them."""
        return ({k: u.syllables for k, u in self.terms.items()},
                {k: u.syllables for k, u in self.names.items()}, self.longest, self.starts)

    @classmethod
    def from_parts(cls, parts: tuple) -> UnitLexicon:
        terms, names, longest, starts = parts
        lexicon = cls.__new__(cls)
        lexicon.terms = {k: Unit(s, False) for k, s in terms.items()}
        lexicon.names = {k: Unit(s, True) for k, s in names.items()}
        lexicon.longest, lexicon.starts = longest, starts
        return lexicon

    def matches(
        self, folded: list[str], capital: list[bool], acronym: list[bool] | None = None,
        within: range | None = None,
    ) -> Iterator[tuple[int, Unit]]:
        """(start, unit): the longest unit from each word of a run. Units may overlap:
        "trong phạm vi" and "phạm vi tỉnh" both hold in "trong phạm vi tỉnh". `acronym`
        marks the words written as an agency's acronym; `within`, the starts wanted (all)."""
        n = len(folded)
        terms, names, longest, starts = self.terms, self.names, self.longest, self.starts
        if starts.isdisjoint(folded):
            return
        at = range(n - 1) if within is None else range(max(within.start, 0),
                                                         min(within.stop, n - 1))
        for i in at:
            if folded[i] not in starts:
                continue
            most = longest.get((folded[i], folded[i + 1]))
            if most is None:
                continue
            for size in range(min(most, n - i), 1, -1):
                key = tuple(folded[i : i + size])
                unit = names.get(key) if all(capital[i : i + size]) else None
                unit = unit or terms.get(key)
                if unit is not None:
                    yield i, unit
                    break
        for i in at:
            level = BEFORE_NAME.get(folded[i])
            if level is not None and capital[i + 1] and not capital[i]:
                yield i, level
            if acronym is not None and acronym[i + 1] and capital[i]:
                head = BEFORE_ACRONYM.get(folded[i])
                if head is not None:
                    yield i, head


@cache
def name_syllables() -> frozenset[str]:
    """Syllables of place and person names (lower case): a capitalised word inside a
    sentence is more likely one of them ("sông Tô Lịch", not "Tố")."""
    return user_cache.cached("name-syllables", _name_syllables)


def _name_syllables() -> frozenset[str]:
    out: set[str] = set()
    for phrase in place_phrases() + person_phrases():
        for word in _SYLLABLE.findall(phrase):
            if word[:1].isupper():
                out.add(_spelling(word))
    for section in person_name_sections().values():
        out.update(_spelling(w) for w in section)
    return frozenset(out)


@cache
def common_pairs() -> dict[tuple[str, str], tuple[str, str]]:
    """Common words of two syllables (common_words.txt), a weaker kind of unit: folded
    syllables → their spelling; a pair two words spell differently is dropped."""
    return user_cache.cached("common-pairs", _common_pairs)


def _common_pairs() -> dict[tuple[str, str], tuple[str, str]]:
    pairs: dict[tuple[str, str], tuple[str, str] | None] = {}
    for word in _table("common_words.txt"):
        first, second = word.split()
        key = (_fold(first), _fold(second))
        if pairs.setdefault(key, (first, second)) != (first, second):
            pairs[key] = None
    return {k: v for k, v in pairs.items() if v is not None}


@cache
def unit_lexicon() -> UnitLexicon:
    # 0.1 s to build: a one-file run of the command line reads it from its cache
    return user_cache.cached("unit-lexicon", _build_unit_lexicon, encode=UnitLexicon.parts,
                             decode=UnitLexicon.from_parts)


def _build_unit_lexicon() -> UnitLexicon:
    return UnitLexicon(term_phrases(), place_phrases() + commune_names() + person_phrases())
