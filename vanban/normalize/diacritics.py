"""Restore Vietnamese diacritics in stripped text and repair English-model OCR garble.

    >>> restore("Giao So Noi vu chu tri").text
    'Giao Sở Nội vụ chủ trì'

Each line is judged on its own (clean, stripped or garbled). Clean lines pass through
byte for byte. In the others every word gets candidate syllables (by folding, or by
the OCR confusion table) and one trigram decoder picks the sequence; numbers, codes,
acronyms, punctuation and spacing are never rewritten, and letter case is kept per word.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache, partial
from itertools import islice, pairwise
from operator import itemgetter
from typing import Literal, NamedTuple

from vanban import user_cache
from vanban.folding import fold_ocr
from vanban.normalize.candidates import MAX_KEEP, CandidateIndex
from vanban.normalize.codes import restore_ocr_symbol_letters, restore_symbol_letters
from vanban.normalize.decoder import Candidates, decode
from vanban.normalize.domain import (
    BEFORE_ACRONYM,
    BEFORE_NAME,
    Unit,
    UnitLexicon,
    common_pairs,
    is_agency_acronym,
    name_syllables,
    unit_lexicon,
)
from vanban.normalize.language_model import NgramModel, get_model
from vanban.normalize.ocr_confusions import (
    FAMILIES,
    INSERT_COST_NO_VOWEL,
    TALL_A,
    TALL_E,
    TALL_G,
    TALL_I,
    garble_options,
)
from vanban.normalize.spelled_names import SpelledNames, name_edits, spelled_names
from vanban.normalize.syllables import (
    apply_case,
    case_pattern,
    fold,
    has_marks,
    looks_like_syllable,
    normalize_syllable,
)
from vanban.normalize.text import is_upper_text
from vanban.normalize.tokens import (
    BOS,
    GARBLE_SYMBOLS,
    NUM,
    PUNCT,
    UNK,
    Span,
    chunk_spans,
    forget_spans,
    memoised,
    span_memo,
    spans,
)

try:  # `_favour` compiled (vanban/normalize/_favour.c); absent where it was not built
    from vanban.normalize import _favour as _compiled_favour
except ImportError:  # pragma: no cover - a machine without a C compiler
    _compiled_favour = None
try:  # `_edits`' per-word loops compiled (vanban/normalize/_words.c)
    from vanban.normalize import _words as _compiled_words
except ImportError:  # pragma: no cover - a machine without a C compiler
    _compiled_words = None

State = Literal["clean", "stripped", "garbled"]

# A mark an English OCR wrote as a sign glued to a word (`_glued_marks`): "?", "’" for a
# hook ("st?", "sv’" for "sử"), "@" for a horned "o" with its tone ("s@", "g@" for "sở",
# "gỡ"), "!" for a dotted "i".
_GLUED = "?’'@"
_SYMBOLIC = re.compile(rf"[\d{re.escape(GARBLE_SYMBOLS + _GLUED)}]")

# A capital "U" as an English OCR splits it into two strokes ("LIBND" for "UBND").
_SPLIT_U = re.compile("L[IJ]|IJ")
_CROSSED_D = re.compile("[PB]")

# Acronyms whose đ a stripped text lost; only whole words, never inside a code.
ACRONYMS = {"HDND": "HĐND", "DBQH": "ĐBQH", "BCD": "BCĐ", "QD": "QĐ"}

# Weight of the OCR channel cost against the language model (natural log units).
CHANNEL_WEIGHT = 1.6
# The same in a text read as Tesseract's English model writes (`one_accent`), whose
# channel the table knows best (measured, `ONE_ACCENT_COSTS`): 2.2 against 1.6, its
# readings of the devset's PDFs +0.2 point and of held-out text set in type +0.03 to
# +0.07 (1.9 and 2.6 alike, 1.3 worse). Not for every garble: the devset's texts garbled
# restored +0.08 at 2.2, but their extraction lost owners in lists (.929 → .922).
ONE_ACCENT_CHANNEL = 2.2
# Log-score a syllable gains when its run of words spells a term of the domain lexicon
# (`domain.py`): strong enough to carry "của tỉnh" over a general-text "tính", weak enough
# that a context the lexicon never saw can still overrule it.
UNIT_BONUS = 6.0
# Log-score a syllable gains when two words spell a common word of the language
# (Viet22K's words of two syllables: "di động", "điều hòa", "duy tu"): a trigram model
# of 1.7 million tokens has not seen most pairs of a word's syllables after most
# contexts, and backs off to syllables alone ("đĩ đồng", "điệu hóa"). Weak, so that any
# context the model did see still decides: 1.0 against 0, 0.5 and 1.5 was best on the
# held-out sentences, the seeds and a code of law left out of the model (Viet74K's rarer
# words as well cost 0.1 point there).
WORD_BONUS = 1.0
# Log-score a reading gains as a syllable of a place or person name, when its word is
# capitalised inside a sentence: names the gazetteer lacks ("Tô Lịch", "Cầu Bây") still
# read as names. Both readings of "Thanh"/"Thành" are names: then it changes nothing.
NAME_BONUS = 1.5
# What a unit of the person-name table (family + middle name) gains beyond UNIT_BONUS when
# it and the given name after it are each capitalised: a model of more "đô thị" (the term)
# had read "Đồng chí Đỗ Thị Lan" as "Đô Thị Lấn". 2.0 and 3.0 changed nothing else.
NAME_UNIT_BONUS = 2.0
# In a garbled line no bonus tells names (the OCR's slips would meet them everywhere), but
# a capitalised word inside a sentence is likely one, and a name is what the model predicts
# worst: its readings' OCR costs count this many times over ("sông Nhué" is "Nhuệ", the
# reading as written, not the commoner "Như"). 2.0 against 1.5 and 3.0 on the devset's
# texts garbled, the wild passages garbled and Tesseract's readings alike.
NAME_CHANNEL = 2.0
# A garbled line's word written with a letter beyond Latin-1, which no English OCR model
# writes (ư, ơ, ă, đ, a dot below, a hook above), and a syllable as written, was read by
# something that knows Vietnamese: its other readings cost this many times over ("vừa"
# had read "và"). The synthetic garbles +0.02 to +0.09 point, real layers the same (4.0
# the same as 2.0).
WRITTEN_VIETNAMESE = 2.0
# A garbled line's word of plain letters that spells a syllable as written most often only
# lost its marks: its readings through the confusion table cost this many times over ("các
# chi s6" had read "các chữ số"). Not in a text read as Tesseract's English model writes
# (`one_accent`), which writes "i" for a toned "u" two times in three ("Chi tich" is "Chủ
# tịch"). 1.4 against 1.3 and 1.6: a real English OCR layer +0.3 point, the synthetic
# garbles +0.03 and +0.06.
PLAIN_SYLLABLE = 1.4
# Folds of a damaged word's cheapest readings that lexicon matching tries.
MAX_READINGS = 3
# A garbled word meets the lexicon through the folds of its readings up to this much
# dearer than its cheapest (channel cost): "Sé Thng tin" is "Sở Thông tin", though "sẽ"
# is the cheaper reading. 0.6 to 2.2 measured alike on held-out garble (+0.06 to +0.10 over
# the cheapest only), less gained nothing.
READING_MARGIN = 1.5
# Line classification thresholds (share of the line's words).
# A stripped text has a few OCR slips too ("vdi" for "với"); a garbled one has many.
GARBLED_DOC_SHARE = 0.15
GARBLED_LINE_SHARE = 0.08
CLEAN_SHARE = 0.25
SHORT_LINE = 4  # words; shorter lines inherit a garbled document's state
# Share of marked words a line of a garbled document needs to read as clean. Typed
# Vietnamese marks most of its syllables; 0.6 changed no clean line of the devset's texts
# set between garbled ones (0.7 changed one), and restored 0.2 point more of the garble.
CLEAN_IN_GARBLED = 0.6
# A garbled document's word respelled for the rules (`respelled`) needs this posterior, or
# a fold that reads as a syllable: 0.7 kept the owners and deadlines of the devset's texts
# as given (an English OCR's layer among them, which loses one with every word respelled),
# and of the devset's texts garbled kept .942 of the .948 that respelling every word gave
# (0.5–0.9 alike; the wild passages garbled the same within .01).
RESPELL_SURE = 0.7
# ... but only a capitalised word may be a name the rules read by likeness ("Huoai" of "xã
# Đạ Huoai" respelled "Hoài" hides the place from the table). A word in lower case, or
# the first of a sentence or list item, is a word of the sentence ("gwi" for "gửi", "P6i
# với", "Th tướng"), which left as written no rule reads: respelled however unsure (the
# wild passages garbled: owners +.03 to +.20; the devset's garble +.005).
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?;:]\s)[\W\d_]*(?:[a-zđ]\)\s*)?$")
# Words of a line that a paragraph's text wraps from: a shorter line ending in a word is
# a heading, a cell or a list item, and the next line starts anew.
WRAPPED_LINE = 8


@dataclass(frozen=True, slots=True)
class Restored:
    text: str
    confidence: float  # mean posterior of the restored syllables, 1.0 when none
    changed: bool


class _Counts(NamedTuple):  # (made once a line: a tuple is made in half a frozen class's time)
    words: int = 0
    marked: int = 0  # valid syllables written with diacritics
    invalid: int = 0  # no Vietnamese reading as written


# How a word counts towards a line's state (see `_classify`).
_SKIP, _PLAIN, _MARKED, _INVALID = range(4)



# Entries a per-word memo holds before it is emptied: a class or a case pattern is a few
# dozen bytes, a candidate list up to ~1.7 KB (14 syllables with costs), so 20,000 of
# those are ~35 MB at most. A varied archive of 200 documents meets ~15,000 words.
WORD_MEMO = 100_000
CANDIDATE_MEMO = 20_000
# Candidate lists `_favour` finds by identity (`_Tables.about`), each kept alive by its
# entry (~0.5 KB with its ids and boosts): a document meets its own lists again, a few
# hundred to a few thousand; 60 garbled documents meet 11,900.
ABOUT_MEMO = 8_192
# Runs of words favoured (`_favour_units`): a key of ~10 words and as many references to
# candidate lists the other memos mostly hold too.
RUN_MEMO = 8_192


class _Tables:
    """Per-model lookups and per-word memos: a document repeats its words, and the
    pipeline's documents repeat each other's, so each distinct word is judged once."""

    def __init__(self, model: NgramModel) -> None:
        self.model = model
        self.index = CandidateIndex(model)
        self.start = model.special(BOS)
        self.unk: Candidates = ((model.special(UNK), 0.0),)
        self.context: dict[str, Candidates] = {
            "num": ((model.special(NUM), 0.0),),
            "code": self.unk,
            "punct": ((model.special(PUNCT), 0.0),),
            "boundary": ((self.start, 0.0),),
        }
        self.words: dict[str, int] = {}  # word → class
        self.chunk_classes: dict[str, tuple[int, ...]] = {}  # chunk → its words' classes
        # chunk → (its spans, and its words, marked and invalid words as a line counts them)
        self.chunks: dict[str, tuple[tuple[Span, ...], int, int, int]] = {}
        self.plain: dict[str, tuple[Candidates, bool]] = {}
        self.garbled: dict[str, tuple[Candidates, bool]] = {}
        self.garbled_one: dict[str, tuple[Candidates, bool]] = {}  # `one_accent` texts'
        self.patterns: dict[str, str] = {}
        self.folds: dict[str, str] = {}
        self.boosts: dict[tuple[Candidates, int, float, bool], Candidates] = {}
        # id of a candidate list `_favour` met → (the list, its ids, its boosts by (target,
        # bonus, add)): a run's boosts find a list by identity instead of hashing its pairs
        # (a list of 14 pairs hashed per boost was a quarter of `_favour`); the entry keeps
        # the list alive, so its id is its own
        self.about: dict[int, tuple[Candidates, tuple[int, ...], dict]] = {}
        self.named: dict[Candidates, Candidates] = {}
        self.closer: dict[Candidates, Candidates] = {}
        # a run's key (`_favour_units`) → its rewritable words' candidates, favoured
        self.runs: dict[tuple, tuple[Candidates, ...]] = {}
        # a garbled word → (its candidates, how `_damaged_readings` reads it)
        self.damaged: dict[str, tuple[Candidates, tuple | None]] = {}

    # Built on first use: telling a text's state (all a clean text needs) uses neither,
    # and the unit lexicon is a tenth of a second of a one-file run's start.
    @cached_property
    def units(self) -> UnitLexicon:
        return unit_lexicon()

    @cached_property
    def spelled(self) -> SpelledNames:
        """Place names with syllables the model lacks (`spelled_names`): a damaged
        document's first line asks for them, and a one-file run of one waited 0.03 s; from
        the command line's cache (`user_cache`), where it is."""
        return user_cache.cached("spelled-names", lambda: spelled_names(self.model.index),
                                 encode=tuple, decode=lambda parts: SpelledNames(*parts))

    @cached_property
    def register_spelling(self) -> dict[int, int]:
        """A syllable spelled with a final "i" or "y" → its other spelling, where the terms
        of the register write only that one ("lí" → "lý", "kì" → "kỳ", "qui" → "quy"). The
        model's general text (a dictionary's newer spelling) writes both, and an English
        OCR's garble often tells neither ("quan lf"): its reading takes the register's."""
        used: dict[str, int] = {}
        for unit in self.units.terms.values():
            for syllable in unit.syllables:
                used[syllable] = used.get(syllable, 0) + 1
        index = self.model.index
        out: dict[int, int] = {}
        for syllable, i in index.items():
            other = _other_final_spelling(syllable)
            # towards "y" only: the register keeps the older spelling; a name's "Vy" stays
            if other and other[-1] in "yỳýỷỹỵ" and other in index and used.get(other) \
                    and not used.get(syllable):
                out[i] = index[other]
        return out

    def registered(self, cands: Candidates, written: int | None = None) -> Candidates:
        """`cands` with each syllable read in the register's spelling
        (`register_spelling`), each once, at its best weight; but `written`, the syllable
        the word spells as written ("ti" is read as written, not as "ty")."""
        spelling = self.register_spelling
        # (most lists hold none of its syllables: told without a Python step a pair)
        if spelling.keys().isdisjoint(map(itemgetter(0), cands)) or not any(
                c in spelling and c != written for c, _ in cands):
            return cands
        best: dict[int, float] = {}
        for c, w in cands:
            if c != written:
                c = spelling.get(c, c)
            if w > best.get(c, -1e30):
                best[c] = w
        return tuple(best.items())

    @cached_property
    def index_one_accent(self) -> CandidateIndex:
        return self.index.one_accent_reader()

    @cached_property
    def common_words(self) -> dict[tuple[str, str], tuple[int, int]]:
        """Folded syllables of a common word → the ids of its spelling."""
        index = self.model.index
        return {
            key: (index[a], index[b])
            for key, (a, b) in common_pairs().items()
            if a in index and b in index
        }

    @cached_property
    def vocab_folds(self) -> list[str]:
        """The model's syllables folded, by id (a damaged word's readings are folded)."""
        return [fold(syllable) for syllable in self.model.vocab]

    @cached_property
    def name_ids(self) -> frozenset[int]:
        index = self.model.index
        return frozenset(i for s in name_syllables() if (i := index.get(s)) is not None)

    @cached_property
    def lexicon_acronyms(self) -> frozenset[str]:
        """The acronyms the agency and term tables write ("UBND", "HĐND", "MTTQ")."""
        from importlib import resources

        found: set[str] = set()
        for table in ("agencies.txt", "domain_terms.txt", "admin_words.txt"):
            text = resources.files("vanban.data").joinpath(table).read_text("utf-8")
            found.update(re.findall(r"\b[A-ZĐ]{3,}\b", text))
        return frozenset(found)

    @cached_property
    def favour_context(self) -> tuple:
        """What the compiled `_favour` reads (`_favour.c`'s order): the memos themselves,
        emptied in place (`forget`), so the compiled and the Python steps share them."""
        units = self.units
        damaged_word = lambda word, folded, cands, one: _damaged_word(  # noqa: E731
            self, word, folded, cands, one)
        about = lambda cands: _about(self, cands)  # noqa: E731
        boosted = self.boosted
        if _compiled_favour is not None:  # the same steps compiled, called without a frame
            damaged_word = partial(_compiled_favour.damaged_word, self.vocab_folds,
                                   self.model.candidates, CHANNEL_WEIGHT, ONE_ACCENT_CHANNEL,
                                   READING_MARGIN, MAX_READINGS)
            about = partial(_compiled_favour.about_entry, self.about, ABOUT_MEMO)
            boosted = partial(_compiled_favour.boosted, self.boosts, CANDIDATE_MEMO)
        return (
            self.folds, self.folded, self.damaged, damaged_word,
            units.starts, units.longest, units.terms, units.names, units.reach, BEFORE_NAME,
            BEFORE_ACRONYM, is_agency_acronym, self.model.index, self.about,
            about, boosted, self.common_words,
            self.model.vocab, CANDIDATE_MEMO, UNIT_BONUS, NAME_UNIT_BONUS, WORD_BONUS,
        )

    @cached_property
    def words_context(self) -> tuple:
        """What `_read_spans` (and `_words.c`'s `read_spans`) reads, in that order."""
        # a run's favouring straight into the compiled `_favour_units` where it was built
        favour_units = partial(_compiled_favour.favour_units, self.favour_context, self.runs,
                               RUN_MEMO) if _compiled_favour is not None else (
            lambda positions, run, state, one: _favour_units(self, positions, run, state, one))
        return (
            self.candidates, self.patterns, self.pattern,
            lambda *args: _capitals(self, *args), is_agency_acronym, favour_units,
            lambda *args: _code(self, *args), self.context, self.as_name, self.read_closer,
            _a_point,
        )

    def split_u(self, word: str) -> str:
        """A word in capitals an English OCR wrote with its "U" split in two strokes
        ("LIBND", "LJBND" for "UBND") or its "Đ" as a "P" or "B" ("HPND" for "HĐND"), read
        as the lexicon's acronym it then spells; any other word as written."""
        fixed = _acronym_letters(_SPLIT_U.sub("U", word))
        if fixed not in self.lexicon_acronyms:
            fixed = _acronym_letters(_CROSSED_D.sub("D", fixed))
        return fixed if fixed in self.lexicon_acronyms else word

    def forget(self) -> None:
        """Empty the per-word memos (the model, the lexicon and the search tables stay),
        so the next text is read as a worker meets a document it has never seen."""
        for memo in (self.words, self.chunk_classes, self.chunks, self.plain, self.garbled,
                     self.patterns, self.folds, self.boosts, self.named, self.closer, self.runs,
                     self.damaged, self.about, self.index._cache):
            memo.clear()
        self.garbled_one.clear()
        _normal_lower.cache_clear()
        if "index_one_accent" in self.__dict__:
            self.index_one_accent._cache.clear()
        forget_spans()

    def classes_of(self, chunk: str) -> tuple[int, ...]:
        """The classes of the words of one whitespace-free chunk (see `_classify`)."""
        return memoised(self.chunk_classes, chunk, lambda c: tuple(
            self.word_class(c[lo:hi]) for kind, lo, hi in spans(c) if kind == "word"
        ), limit=WORD_MEMO)

    def chunk(self, chunk: str) -> tuple[tuple[Span, ...], int, int, int]:
        """(spans, words, marked, invalid) of one whitespace-free chunk (see `_parsed`)."""
        hit = self.chunks.get(chunk)
        if hit is None:
            rel = chunk_spans(chunk)
            hit = (rel, *_count_words(self, chunk, rel))
            if len(self.chunks) >= WORD_MEMO:
                self.chunks.clear()
            self.chunks[chunk] = hit
        return hit

    @cached_property
    def chunk_entry(self) -> Callable[[str], tuple[tuple[Span, ...], int, int, int]]:
        """`chunk`, compiled where `_words.c` was built (its spans and entry untracked)."""
        if _compiled_words is None:
            return self.chunk
        return partial(_compiled_words.chunk_entry, self.chunks, WORD_MEMO, span_memo(),
                       chunk_spans, self.words, self.word_class)

    def word_class(self, word: str) -> int:
        # `memoised`'s steps written out: asked of each new word, a closure and a call less
        hit = self.words.get(word)
        if hit is None:
            hit = _classify(self.model, word)
            if len(self.words) >= WORD_MEMO:
                self.words.clear()
            self.words[word] = hit
        return hit

    def candidates(self, word: str, state: State, one: bool = False) -> tuple[Candidates, bool]:
        """`word`'s candidates in a line of `state`; `one`: in a `one_accent` text."""
        # `memoised`'s steps written out: asked of each new word, a closure and a call less
        if state == "garbled":
            memo, index = (self.garbled_one, self.index_one_accent) if one else (
                self.garbled, self.index)
        else:
            memo = self.plain
        hit = memo.get(word)
        if hit is None:
            hit = self._garbled_candidates(index, word) if state == "garbled" else (
                _word_candidates(self.index, word, state))
            if len(memo) >= CANDIDATE_MEMO:
                memo.clear()
            memo[word] = hit
        return hit

    def _garbled_candidates(self, index: CandidateIndex, word: str) -> tuple[Candidates, bool]:
        cands, rewritable = _word_candidates(index, word, "garbled")
        if not rewritable:
            return cands, rewritable
        return self.registered(cands, _known_marked(self.model, word)), rewritable

    def pattern(self, word: str) -> str:
        return memoised(self.patterns, word, _case_of, limit=WORD_MEMO)

    def folded(self, word: str) -> str:
        return memoised(self.folds, word, fold, limit=WORD_MEMO)

    def as_name(self, cands: Candidates) -> Candidates:
        """`cands` with the syllables of names favoured by NAME_BONUS."""
        # `memoised`'s steps written out (a closure and a call less a capitalised word)
        hit = self.named.get(cands)
        if hit is None:
            names = self.name_ids
            hit = tuple([(c, w + NAME_BONUS if c in names else w) for c, w in cands])
            if len(self.named) >= CANDIDATE_MEMO:
                self.named.clear()
            self.named[cands] = hit
        return hit

    def read_closer(self, cands: Candidates) -> Candidates:
        """A garbled word's `cands` with their OCR costs NAME_CHANNEL times over."""
        hit = self.closer.get(cands)  # (`memoised`'s steps written out, as `as_name`'s)
        if hit is None:
            hit = tuple([(c, w * NAME_CHANNEL) for c, w in cands])
            if len(self.closer) >= CANDIDATE_MEMO:
                self.closer.clear()
            self.closer[cands] = hit
        return hit

    def boosted(self, cands: Candidates, target: int, bonus: float, add: bool) -> Candidates:
        """`cands` with `target` favoured by `bonus`; with `add`, gaining the target even
        when it was too rare to be a candidate."""
        return memoised(
            self.boosts, (cands, target, bonus, add), lambda key: _boost(*key),
            limit=CANDIDATE_MEMO,
        )


# The rhymes a syllable may spell with either final letter ("lí"/"lý", "qui"/"quy").
_I_OR_Y = dict(zip("iìíỉĩịyỳýỷỹỵ", "yỳýỷỹỵiìíỉĩị", strict=True))


def _other_final_spelling(syllable: str) -> str | None:
    """"lý" for "lí", "qui" for "quy": a syllable whose rhyme is its one last letter, an
    "i" or a "y", spelled with the other; None for any other syllable."""
    if len(syllable) < 2 or syllable[-1] not in _I_OR_Y:
        return None
    onset = syllable[:-1]
    if onset != "qu" and (any(c in _VOWELS for c in onset) or onset in ("gi",)):
        return None
    return onset + _I_OR_Y[syllable[-1]]


def _case_of(word: str) -> str:
    """How to re-case a word's restored syllable. A word in capitals ends in one: an
    English OCR's capital inside a word is a mark ("NQi", "HQi" for "Nội", "Hội", the
    dot below read as "Q"), and such a word keeps the case of its first letter."""
    pattern = case_pattern(word)
    if pattern == "upper" and word[-1].islower():
        return "title" if word[0].isupper() else "lower"
    return pattern


def _boost(cands: Candidates, target: int, bonus: float, add: bool) -> Candidates:
    """`cands` with each entry of `target` gaining `bonus` (the others' pairs kept as they
    are), or `target` added at `bonus` with `add`."""
    for k, pair in enumerate(cands):
        if pair[0] == target:
            out = list(cands)
            for j in range(k, len(out)):
                if out[j][0] == target:
                    out[j] = (target, out[j][1] + bonus)
            return tuple(out)
    return (*cands, (target, bonus)) if add else cands


_TABLES: _Tables | None = None


def tables() -> _Tables:
    """The restorer's per-model lookups, shared with `ocr_repair`."""
    return _tables()


def _tables() -> _Tables:
    global _TABLES
    model = get_model()
    tables = _TABLES
    if tables is None or tables.model is not model:
        tables = _TABLES = _Tables(model)
    return tables


@cache
def _acronym_letters(word: str) -> str:
    """An acronym kept as written, its Đ put back from the type-code and agency tables:
    "HDND", "GDDT", "GD&DT", "LDTBXH" are "HĐND", "GDĐT", "GD&ĐT", "LĐTBXH". Two letters
    are too few to tell a code ("CD", "ND") from a word of another language, but "QD"."""
    if word in ACRONYMS:
        return ACRONYMS[word]
    if not is_agency_acronym(word) or sum(c.isalpha() for c in word) < 3:
        return word
    return restore_symbol_letters(word)


# An agency's initials in groups an "&" joins ("TN&MT", "GD&DT"): no OCR garble, which
# puts an "&" for a letter of a word ("TRI&N", "Ngh&").
_JOINED_ACRONYM = re.compile(r"[A-ZĐ]{2,}(?:&[A-ZĐ]{2,})+")


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper() and word.isalpha()


# Letters whose small and capital forms differ only in size: an English OCR writes an
# acronym's first one small ("pCI", "sXD" for "PCI", "SXD").
_SIZE_ONLY = frozenset("copsuvwxz")


def _is_misread_acronym(word: str) -> bool:
    """An acronym some of whose capitals an English OCR wrote small ("pCI", "pApI"): every
    small letter one that differs from its capital only in size, and two capitals."""
    return (len(word) > 2 and word[0] in _SIZE_ONLY and word.isalpha()
            and sum(c.isupper() for c in word) >= 2
            and all(c.isupper() or c in _SIZE_ONLY for c in word))


def _known_marked(model: NgramModel, word: str) -> int | None:
    """Id of a word written with valid diacritics, else None."""
    return model.index.get(_normal_lower(word))


@lru_cache(maxsize=WORD_MEMO)
def _normal_lower(word: str) -> str:
    """`word` in lower case with its tone placed as the model spells it (asked two or
    three times of each new garbled word: remembered)."""
    return normalize_syllable(word.lower())


# A capital "S" between small letters is a mark an English OCR read as a "5" drawn taller
# ("lSnh", "phSp" for "lãnh", "pháp"), as a capital "Q" inside a word is a dot below.
_INNER_S = re.compile(r"(?<=[a-z])S(?=[a-z])")
# A capital "A" after a small letter is a hatted vowel with its tone drawn tall ("nAng",
# "dA" for "nâng", "đề"): read through `ocr_confusions.TALL_CAPITALS`.
_INNER_A = re.compile(r"(?<=[a-zđ])A")


# A capital "I" opening a word of small letters with a vowel: in a sans-serif it is drawn
# as an "l" is ("Iwong", "Iinh" for "lương", "lĩnh"), read through TALL_I.
_OPENING_I = re.compile(r"I(?=[a-zđ]*[aeiouy])")


# A capital "G" inside a word with small letters ("NGi", "thuGc") or before a consonant
# ("Gng"): a vowel with its marks (`ocr_confusions.TALL_CAPITALS`).
_VOWEL_G = re.compile(r"(?<=[^\W\d_])G|^G(?=[bcdgklmnpqrstvx])")


def _search_key(word: str, syllable: bool = False) -> str:
    """`word` as the garbled search reads it: its inner capitals that are marks (A, S, G), an
    opening "I" that may be an "l" and an opening "E" that may be a "Đ" where the word,
    `syllable`, is none as written ("Ia" of a place's name stays), written as the table's
    keys for them; "kn", which no syllable holds, as the "kh" an English OCR read so
    ("knu", "knoan" for "khu", "khoản")."""
    if "S" in word:
        word = _INNER_S.sub("5", word)
    if "A" in word:
        word = _INNER_A.sub(TALL_A, word)
    if word[0] in "IE" and len(word) > 1 and not syllable:
        if word[0] == "E":
            word = TALL_E + word[1:]
        elif word[1].islower():
            word = _OPENING_I.sub(TALL_I, word, count=1)
    if "G" in word and not word.isupper():
        word = _VOWEL_G.sub(TALL_G, word)
    if "kn" in word or "Kn" in word:
        word = word.replace("kn", "kh").replace("Kn", "Kh")
    return word


# A unit's or a post's code: capitals and a number ("VP2", "C06", "A05"), never an OCR's
# reading of a syllable, which puts a digit for one letter ("S6", "B6", "H6i", "c6c"); and
# an hour ("14h", "9h", "7h30", "15g"): a digit read for a vowel before a final "h" or
# "g" alone makes no rime ("trước 14h ngày" had read "trước lạ ngày", "lúc 9h" "lục ở").
_CODE_WORD = re.compile(r"[A-ZĐ]{2,}\d+|[A-ZĐ]\d{2,}|\d{1,2}[hg]\d{0,2}")


def _classify(model: NgramModel, word: str) -> int:
    if len(word) == 1 and word.lower() not in model.candidates:
        return _SKIP  # "điểm b", "Phụ lục C": a letter, not a syllable
    if _SYMBOLIC.search(word):  # (a code's digits are symbols: tried only then)
        return _SKIP if _CODE_WORD.fullmatch(word) else _INVALID
    if has_marks(word):
        return _INVALID if _known_marked(model, word) is None else _MARKED
    if word.lower() in model.candidates:
        return _PLAIN
    return _SKIP if _is_acronym(word) else _INVALID


def _count_words(tables: _Tables, line: str, spans: Iterable[Span]) -> _Counts:
    tally = [0, 0, 0, 0]
    known = tables.words
    for kind, lo, hi in spans:
        if kind == "word":
            word = line[lo:hi]
            cls = known.get(word)
            tally[tables.word_class(word) if cls is None else cls] += 1
    return _tally_counts(tally)


def _parsed(tables: _Tables, line: str) -> tuple[list[Span], _Counts]:
    """`spans(line)` and `_count_words` of them, in one pass over the line's chunks: each
    distinct chunk's spans and counts are remembered together (a line's words were split,
    then sliced out and looked up again one by one)."""
    if not line.isprintable():  # whitespace beyond " " (see `spans`)
        sp = spans(line)
        return sp, _count_words(tables, line, sp)
    if _compiled_words is not None:  # the same loop, compiled (`_words.c`)
        out, words, marked, invalid = _compiled_words.parse_line(line, tables.chunks,
                                                                 tables.chunk_entry)
        return out, _Counts(words, marked, invalid)
    return _parsed_chunks(tables, line)


def _parsed_chunks(tables: _Tables, line: str) -> tuple[list[Span], _Counts]:
    """`_parsed` of a line whose only whitespace is " ": its chunks are `split(" ")`'s."""
    out: list[Span] = []
    memo = tables.chunks
    start = words = marked = invalid = 0
    for text in line.split(" "):
        if text:
            hit = memo.get(text) or tables.chunk(text)
            rel = hit[0]
            if len(rel) == 1:
                kind, lo, hi = rel[0]
                out.append((kind, start + lo, start + hi))
            else:
                for kind, lo, hi in rel:
                    out.append((kind, start + lo, start + hi))
            words += hit[1]
            marked += hit[2]
            invalid += hit[3]
        start += len(text) + 1
    return out, _Counts(words, marked, invalid)


def _tally_counts(tally: list[int]) -> _Counts:
    _skip, plain, marked, invalid = tally
    return _Counts(plain + marked + invalid, marked, invalid)


def _state(counts: _Counts, *, document: bool = False) -> State:
    if counts.words == 0:
        return "clean"
    if document:
        if counts.invalid >= GARBLED_DOC_SHARE * counts.words:
            return "garbled"
    elif counts.invalid >= 2 and counts.invalid >= GARBLED_LINE_SHARE * counts.words:
        return "garbled"
    if counts.marked >= CLEAN_SHARE * counts.words:
        return "clean"
    return "stripped"


# Letters with a mark (Latin-1's and Vietnamese's; "đ" is counted out).
_MARKED_LETTER = re.compile(r"[À-ÖØ-öø-ỹ]")
# "é"s a text needs, and their share of its marked letters, to read as `one_accent`.
ONE_ACCENT_MIN = 3
ONE_ACCENT_SHARE = 0.9


def one_accent(text: str) -> bool:
    """Whether `text` was read by an OCR that writes every mark as "é" (Tesseract's English
    model, `ocr_confusions.ONE_ACCENT_COSTS`): "é" is nearly all its marked letters. A
    synthetic garble spreads over á, à, ô, ú ..., typed Vietnamese over all of them."""
    if text.isascii():
        return False
    e = text.count("é") + text.count("É")
    if e < ONE_ACCENT_MIN:
        return False
    marked = len(_MARKED_LETTER.findall(text)) - text.count("đ") - text.count("Đ")
    return e >= ONE_ACCENT_SHARE * marked


def _nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def text_state(text: str) -> State:
    """Classify a document or a line: clean Vietnamese, stripped ASCII, or OCR garble."""
    return _state(_text_counts(text), document=True)


def syllable_counts(text: str) -> tuple[int, int, int]:
    """(words, marked, invalid): the words judged (letters and acronyms aside), those that
    are valid syllables written with diacritics, and those with no Vietnamese reading."""
    counts = _text_counts(text)
    return counts.words, counts.marked, counts.invalid


def chunk_counts(chunk: str) -> tuple[int, int]:
    """(words, invalid) of one whitespace-free chunk, as `syllable_counts` counts them in
    a text (for callers that judge a line chunk by chunk)."""
    chunk = _nfc(chunk)
    tables = _tables()
    if " " not in chunk and chunk.isprintable():  # read as `_parsed` reads it, remembered
        hit = tables.chunks.get(chunk) or tables.chunk_entry(chunk)
        return hit[1], hit[3]
    classes = tables.classes_of(chunk)
    return len(classes) - classes.count(_SKIP), classes.count(_INVALID)


def _text_counts(text: str) -> _Counts:
    tables = _tables()
    # Line breaks are whitespace to `spans`: the whole text splits as its lines would, and
    # as `str.split` splits it. A chunk is read as `_parsed` reads it (its spans and
    # counts, remembered together): the lines respelled next find their chunks read.
    memo, entry = tables.chunks, tables.chunk_entry
    words = marked = invalid = 0
    for chunk in _nfc(text).split():
        hit = memo.get(chunk)
        if hit is None:
            if not chunk.isprintable():  # (`_parsed` reads no such chunk alone)
                classes = tables.classes_of(chunk)
                words += len(classes) - classes.count(_SKIP)
                marked += classes.count(_MARKED)
                invalid += classes.count(_INVALID)
                continue
            hit = entry(chunk)
        words += hit[1]
        marked += hit[2]
        invalid += hit[3]
    return _Counts(words, marked, invalid)


# A consonant alone in lower case, in a garbled text, is a syllable whose only vowel the
# OCR lost ("đơn v" of "đơn vị", "t ngày" of "từ ngày", "c thể" of "có thể"): read with a
# letter put back, as any word that lost one. A point's letter ("điểm b") and a unit after a
# number ("100 m", "500 đ") stay as written (`_a_letter_itself`).
LOST_VOWEL_LETTERS = frozenset("bcdđghklmnpqrstvx")
_POINT = frozenset({"diem"})


def _lost_vowel_readings(index: CandidateIndex, letter: str) -> Candidates:
    """The syllables of a lone consonant with its one vowel put back, the commonest first
    (at most as many as any word's readings), each at the cost of a letter lost where no
    vowel was read: "d" is "để", "đề", "đã" ..., not the "ở" it may also stand for."""
    syllables, uni = index.syllables, index.model.uni
    firsts = "dđ" if letter == "d" else letter
    found = sorted((s for s in syllables if len(s) == 2 and s[0] in firsts),
                   key=lambda s: (-uni[syllables[s]], s))[:MAX_KEEP]
    return tuple((syllables[s], -CHANNEL_WEIGHT * INSERT_COST_NO_VOWEL) for s in found)


def _a_letter_itself(line: str, sp: list[Span], k: int) -> bool:
    """Whether the lone letter at `sp[k]` is a letter, not a word that lost its vowel:
    first on its line, after a number, a code, a comma ("điểm a, b") or a point's noun
    ("điểm b"), or before a list's ")" or "." (a clause's end before it, as in "yêu cầu: t
    ngày", is no letter's place)."""
    if k == 0 or line[sp[k][2] : sp[k][2] + 1] in ").":
        return True
    kind, lo, hi = sp[k - 1]
    return kind in ("num", "code", "punct") or (kind == "word" and _a_point(line[lo:hi]))


def _a_point(word: str) -> bool:
    """Whether `word` is a point's noun, whose letter follows it ("điểm b")."""
    return fold(word).lower() in _POINT


# A heading's word in capitals that an English OCR wrote with two letters for one marked
# vowel ("TRIRC", "TRWC" for "TRỰC"): no acronym is four letters this close to a syllable
# (the acronyms of the devset, seeds and wild sets: "NQ", "TW", "BQP" are all shorter).
GARBLED_CAPITALS_LETTERS = 4
GARBLED_CAPITALS_COST = 1.0
# ... and one whose letters have a syllable's shape ("NHIIN", "DIIN" for "NHÂN", "DÂN" of a
# heading: an English OCR's "ii" for "â") at a dearer reading too: an acronym is initials,
# which no syllable spells ("KHTC", "TTTU", "UBND" of the same texts cost 1.2 to 1.6)
GARBLED_SHAPED_CAPITALS_COST = 1.6


def _capitals_cost(word: str) -> float:
    """The dearest reading a word in capitals, no syllable as written, may be read at
    (a shorter word of a syllable's shape is a numeral as often: "II" is no "Ừ")."""
    return GARBLED_SHAPED_CAPITALS_COST if len(word) >= GARBLED_CAPITALS_LETTERS and (
        looks_like_syllable(word.lower())) else GARBLED_CAPITALS_COST


def _garbled_capitals(index: CandidateIndex, word: str, state: State) -> bool:
    """True when `word`, in capitals and no syllable as written, is a garbled syllable."""
    if state != "garbled" or len(word) < GARBLED_CAPITALS_LETTERS:
        return False
    most = _capitals_cost(word)
    return any(cost <= most for _, cost in index.garbled(word))


def _word_candidates(index: CandidateIndex, word: str, state: State) -> tuple[Candidates, bool]:
    """(candidates, rewritable). Not rewritable: the word stays as written."""
    model = index.model
    # whether the word folds to a syllable (`index.folded(word)` is not empty), asked of
    # most words three or four times below
    syllable = bool(model.candidates.get(fold(word)))
    # ("q" has no syllable of two letters: it stays as written, below)
    if state == "garbled" and word in LOST_VOWEL_LETTERS and (
            readings := _lost_vowel_readings(index, word)):
        return readings, True
    # (a joined acronym's "&" and a code's digits are symbols: their patterns are tried
    # only on a word with one)
    has_symbols = _SYMBOLIC.search(word) is not None
    if (_is_acronym(word) and word in ACRONYMS) or (
        len(word) == 1 and word.isalpha() and not syllable
    ) or (has_symbols and (_JOINED_ACRONYM.fullmatch(word) or _CODE_WORD.fullmatch(word))):
        return ((model.special(UNK), 0.0),), False
    if has_symbols and state != "garbled" and any(c.isdigit() for c in word):
        # Only an English OCR writes digits for letters ("s0", "x3"): in typed text a word
        # with a digit is a code or a footnote mark ("C06", "40m", "Khánh3"), kept.
        return ((model.special(UNK), 0.0),), False
    if not has_symbols and has_marks(word):
        known = _known_marked(model, word)
        if known is not None and state != "garbled":
            return ((known, 0.0),), False
    elif not has_symbols:
        if syllable and state != "garbled":
            return index.folded(word), True
        if not syllable and (
            (_is_acronym(word) and not _garbled_capitals(index, word, state))
            or (state == "stripped" and word[0].isupper())
        ):
            # no syllable, and capitalised in a text that only lost its marks: a name of
            # another language ("Đạ Huoai", "Đạ Tẻh"), kept; an OCR slip is in lower case
            return ((model.special(UNK), 0.0),), False
    if state == "garbled" and _is_misread_acronym(word) and not syllable:
        # not "cONG" of a heading in capitals, a syllable whatever its case
        return ((model.special(UNK), 0.0),), False
    key = _search_key(word, syllable)
    found = index.garbled(key)
    if _is_acronym(word):
        found = tuple(c for c in found if c[1] <= max(1.5, _capitals_cost(word)))
    if not found:
        return ((model.special(UNK), 0.0),), False
    weight = ONE_ACCENT_CHANNEL if index.one_accent else CHANNEL_WEIGHT
    if not has_symbols and not word.isascii() and max(word) > "ÿ" and (
            _known_marked(model, word) is not None):
        weight *= WRITTEN_VIETNAMESE
    elif (not has_symbols and not index.one_accent and word.isascii() and key == word
          and syllable):
        weight *= PLAIN_SYLLABLE
    if _compiled_words is not None:  # the same pairs, which the collector need not walk
        return _compiled_words.weighted(found, weight), True
    return tuple((i, -weight * cost) for i, cost in found), True


# The heading every directive carries (Nghị định 30/2020, Phụ lục I): the national title
# and motto, which an English OCR garbles beyond the model's reach ("ceNG HoA xA ugr cuu
# xcuia vrET NAM"). A column of a garbled line whose letters are this close to one, and
# about as long, is it.
FORMULAS = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
FORMULA_LIKENESS = 0.65
# The issuer's heading, shorter, so closer and in capitals only, and about as long: "TM.
# ỦY BAN NHÂN DÂN" of a signature, "của Nhân dân" of a sentence are no heading of it.
HEADINGS = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")
HEADING_LIKENESS = 0.8
_FORMULA_KEYS = tuple((re.sub(r"[^a-z]", "", fold(f.lower())), f) for f in FORMULAS)
_HEADING_KEYS = tuple((re.sub(r"[^a-z]", "", fold(f.lower())), f) for f in HEADINGS)
_SHORTEST_FORMULA = min(len(key) for key, _ in _FORMULA_KEYS) * 7 // 10
_COLUMN = re.compile(r"\S+(?: {1,2}\S+)*")  # text between runs of three spaces or more


def _formulas(line: str) -> list[tuple[int, int, str]]:
    """(start, end, formula) of each column of a garbled line that is a heading's formula,
    written in capitals where the column is."""
    found = []
    for m in _COLUMN.finditer(line):
        # (its letters are no more than its characters: `fold_ocr` keeps a text's length)
        if len(m.group()) < _FEWEST_LETTERS:
            continue
        letters = _NOT_A_LETTER.sub("", fold_ocr(m.group()).lower())
        if not _FEWEST_LETTERS <= len(letters) <= _MOST_LETTERS:
            continue  # (most columns are whole lines of a sentence: no key is as long)
        counts = None
        for key, formula, likeness, lowest, highest in _formula_keys(m.group(), len(letters)):
            if lowest <= len(letters) <= highest:
                # the letters both share, as `SequenceMatcher.quick_ratio` counts them,
                # bound its ratio from above: most lines share too few to be compared
                counts = counts or Counter(letters)
                shared = sum(min(n, counts[c]) for c, n in _LETTER_COUNTS[key])
                if 2.0 * shared / (len(letters) + len(key)) < likeness:
                    continue
                # their longest common subsequence bounds it closer (the matching blocks
                # are one), in a twentieth of its time: three lines in four stop here
                if 2.0 * _common_length(letters, key) / (len(letters) + len(key)) < likeness:
                    continue
                from difflib import SequenceMatcher  # (for the few columns that get here)

                if SequenceMatcher(None, letters, key, autojunk=False).ratio() < likeness:
                    continue
                text = m.group()
                upper = sum(c.isupper() for c in text) > sum(c.islower() for c in text)
                # from its first letter to its last: marks around it ("**") stay
                lo = next(k for k, c in enumerate(text) if c.isalpha())
                hi = max(k for k, c in enumerate(text) if c.isalpha()) + 1
                found.append((m.start() + lo, m.start() + hi,
                              formula.upper() if upper else formula))
                break
    return found


def _formula_keys(
    column: str, letters: int
) -> Iterator[tuple[str, str, float, float, float]]:
    """(key, formula, likeness, fewest letters, most letters) a column of `letters`
    letters is compared with: the formulas, then the headings if it is in capitals."""
    yield from _FORMULA_WINDOWS
    if any(lo <= letters <= hi for _, _, _, lo, hi in _HEADING_WINDOWS) and (
            sum(c.isupper() for c in column) > 2 * sum(c.islower() for c in column)):
        yield from _HEADING_WINDOWS


_FORMULA_WINDOWS = tuple((k, f, FORMULA_LIKENESS, (1 - 0.3) * len(k), (1 + 0.3) * len(k))
                         for k, f in _FORMULA_KEYS)
_HEADING_WINDOWS = tuple((k, f, HEADING_LIKENESS, (1 - 0.1) * len(k), (1 + 0.1) * len(k))
                         for k, f in _HEADING_KEYS)
_FEWEST_LETTERS = min(lo for *_, lo, _ in (*_FORMULA_WINDOWS, *_HEADING_WINDOWS))
_MOST_LETTERS = max(hi for *_, hi in (*_FORMULA_WINDOWS, *_HEADING_WINDOWS))
_NOT_A_LETTER = re.compile(r"[^a-z]")
_LETTER_COUNTS = {k: tuple(Counter(k).items()) for k, *_ in (*_FORMULA_WINDOWS, *_HEADING_WINDOWS)}


def _letter_masks(key: str) -> dict[str, int]:
    """Each letter of `key` with the bits of the places it stands at."""
    masks: dict[str, int] = {}
    for at, letter in enumerate(key):
        masks[letter] = masks.get(letter, 0) | 1 << at
    return masks


_KEY_MASKS = {key: _letter_masks(key) for key in _LETTER_COUNTS}


def _common_length(letters: str, key: str) -> int:
    """The length of the longest common subsequence of `letters` and a formula's or
    heading's `key`, counted a letter at a time over the bits of the key's places
    (Hyyrö's bit-parallel reading of the table of lengths): a zero bit is a place the
    subsequence has reached."""
    masks, full = _KEY_MASKS[key], (1 << len(key)) - 1
    row = full
    for letter in letters:
        matched = row & masks.get(letter, 0)
        row = ((row + matched) | (row - matched)) & full
    return len(key) - row.bit_count()


def _in_capitals(line: str, sp: list[Span]) -> bool:
    """Whether a line is words in capitals ("PHAN" / "CAP THAM QUYEN QUYET DINH ..."): a
    title in capitals is set over short lines that break its phrases anywhere, and a line
    of it goes on with the one before whatever its length ("PHÂN" alone, read as a sentence
    of its own, was "PHẦN"; "ĐỊNH MỨC DIỆN" / "TÍCH" was "ĐIỆN")."""
    return bool(sp) and sp[0][0] == "word" and is_upper_text(line)


def _ends_in_a_name(line: str, sp: list[Span]) -> bool:
    """Whether a line ends in a capitalised word after others ("**Điều 2. **So" /
    "Cong Thuong co trach nhiem ..."): a name's head the line broke from the rest of the
    name, however short the line ("So" read alone was "Số")."""
    if len(sp) < 2 or sp[-1][0] != "word":
        return False
    word = line[sp[-1][1] : sp[-1][2]]
    return word[0].isupper() and not (len(word) > 1 and word.isupper())


def _wraps(line: str, first: Span | None) -> bool:
    """Whether a line goes on with the sentence of a long line that ended in a word: it
    opens with a word written in lower case or capitalised ("giữa Sở" / "Nông nghiệp
    và Môi trường ..."), not a dash, a number or a word in capitals."""
    if first is None or first[0] != "word":
        return False
    word = line[first[1] : first[2]]
    return not (len(word) > 1 and word.isupper())


_VOWELS = frozenset("aeiouy" + "".join(FAMILIES.values()))


_HAS_GLUED = re.compile(r"[^\W\d_]&?[?’'@]|[a-zđ][.,]i|[^\W\d_]#[^\W\d_]")


def _has_glued(line: str) -> bool:
    """`_HAS_GLUED.search(line)`: asked only of a line that holds one of the signs each of
    its matches holds (the pattern, which opens with a letter, is tried at every letter:
    15 µs a line, most of a garbled document's lines holding none)."""
    return ("?" in line or "@" in line or "’" in line or "'" in line or "#" in line
            or ".i" in line or ",i" in line) and _HAS_GLUED.search(line) is not None


_GOES_ON = re.compile(r"[ ,;]*[a-zà-ỹđ]")
# and a hatted "e" with its tone drawn as a dot or a comma and an "i" ("k.it", "ch.i",
# "d,i" for "kết", "chế", "để"), as the other strokes of `ocr_confusions.SPLIT_STROKES`,
# and a horned "u" with its tone as "t#" ("cht#c" for "chức")
_GLUED_CODE = re.compile(
    r"[^\W\d_]+@[^\W\d_]*|[a-zđ]{1,3}[.,]i[a-z]{0,2}|[^\W\d_]+#[^\W\d_]+")


def _glued_marks(line: str, sp: list[Span]) -> list[Span]:
    """An English OCR reads "ị" as "!" ("don v!", "dinh k!"): a "!" glued to a word of
    letters and no vowel ends that word, not a sentence. A hook above a vowel comes out as
    "?" or "’" glued after its word ("st?", "sv’" for "sử"), a horned "o" with its tone as
    "@" inside or after it ("s@", "phu@ng", "nh@n"): each is a letter of that word (read
    through the table, `ocr_confusions.GLUED_MARKS`). So is a bar opening a word, an "l"
    ("phap |uat")."""
    out: list[Span] = []
    for span in sp:
        kind, lo, hi = span
        if out and out[-1][0] == "word" and out[-1][2] == lo and _joins(line, out[-1][1], span):
            out[-1] = ("word", out[-1][1], hi)
        elif (kind == "word" and out and out[-1][2] == lo and line[lo - 1] == "|"
              and (lo == 1 or line[lo - 2].isspace())):
            out[-1] = ("word", lo - 1, hi)  # "|uat": a bar opening a word is its "l"
        elif kind == "code" and _GLUED_CODE.fullmatch(line[lo:hi]):
            out.append(("word", lo, hi))
        else:
            out.append(span)
    return out


# A number and the word after it an OCR ran together, the space after the comma lost:
# "2025,b5o" for "2025, báo". (Not a word before a number: "Km112" is one.)
# So are a word and the year after it ("ndm2026" for "năm 2026").
# (as two patterns that open with a digit, which the engine skips to: one that opens with
# an alternation or a letter is tried at every position)
_NUMBER_THEN_WORD = re.compile(r"\d[,;:][^\W\d_]")
_WORD_THEN_YEAR = re.compile(r"(?:19|20)(?<=[a-zđ]..)\d\d\b")


def _runs_together(line: str) -> bool:
    """Whether `line` holds a number and a word, or a word and a year, run together."""
    return _NUMBER_THEN_WORD.search(line) is not None or (
        _WORD_THEN_YEAR.search(line) is not None)


@cache
def _lone_at_spellings() -> frozenset[str]:
    """What an English OCR writes for a lone "ở" that reads as no word of its own ("&",
    "0", "d", "b"): the confusion table's spellings of it with no vowel, a count's digit
    aside ("6 huyện" is six districts)."""
    return frozenset(s for s, _ in garble_options().get("ở", [])
                     if not re.search(r"[1-9aeiouyà-ỹ]", s.lower()))


@cache
def _lone_at_shape() -> tuple[int, frozenset[str]]:
    """The longest of `_lone_at_spellings` and their first characters."""
    spellings = _lone_at_spellings()
    return max(map(len, spellings), default=0), frozenset(s[0] for s in spellings if s)


@cache
def _lone_at_spaced() -> tuple[str, ...]:
    """`_lone_at_spellings` as a line holds them alone: a space before and after."""
    return tuple(f" {spelling} " for spelling in sorted(_lone_at_spellings()))


# the levels "ở" places a body at: "Ủy ban bầu cử ở tỉnh, ở huyện, ở xã"
_LEVEL_AFTER_AT = re.compile(r"(?:tinh|huyen|xa|phuong|quan|thon|thi (?:xa|tran)|thanh pho)\b")


def _lone_at(line: str, sp: list[Span]) -> set[int]:
    """The starts of the spans of `sp` that are a garbled lone "ở" before a level ("Ủy ban
    bầu cử & tỉnh, 0 huyện, d xã"): the model reads them as the stripped "o", which its
    context then reads as "ở" (as written, "&" is "và", "0" a number, "d" no word)."""
    out: set[int] = set()
    spellings = _lone_at_spellings()
    # (a lone "ở" has a space on either side: a line without one so is read no further)
    if not any(spaced in line for spaced in _lone_at_spaced()):
        return out
    longest, firsts = _lone_at_shape()
    for k in range(1, len(sp) - 1):
        _, lo, hi = sp[k]
        if hi - lo > longest or line[lo] not in firsts:  # (most spans are none of them)
            continue
        before, after = sp[k - 1], sp[k + 1]
        if line[lo:hi] in spellings and after[0] == "word" and (
                before[0] == "word" or line[before[1] : before[2]] == ",") and (
                line[hi:after[1]] == " " and line[before[2] : lo] == " ") and (
                _LEVEL_AFTER_AT.match(fold_ocr(line[after[1] : after[1] + 12].lower()))):
            out.add(lo)
    return out


_NUMBER_WORD = re.compile(r"(\d+)([,;:])([^\W\d_][^\W_]*)")
_WORD_YEAR = re.compile(r"([^\W\d_]*[a-zđ])((?:19|20)\d\d)")


def _apart(line: str, sp: list[Span]) -> list[Span]:
    """`sp` with each number and word an OCR ran together split apart."""
    out: list[Span] = []
    for kind, lo, hi in sp:
        text = line[lo:hi]
        if kind == "code" and (m := _NUMBER_WORD.fullmatch(text)) and any(
                c.isalpha() for c in m.group(3)):
            num, mark = lo + m.end(1), lo + m.end(2)
            out += [("num", lo, num), ("punct", num, mark), ("word", mark, hi)]
        elif kind == "word" and (m := _WORD_YEAR.fullmatch(text)):
            out += [("word", lo, lo + m.end(1)), ("num", lo + m.end(1), hi)]
        else:
            out.append((kind, lo, hi))
    return out


def _joins(line: str, start: int, span: Span) -> bool:
    """Whether `span` goes on with the word from `start` that it is glued to."""
    kind, lo, hi = span
    text, word = line[lo:hi], line[start:lo]
    if kind == "boundary" and text == "!":  # a dotted "i" of a short word of no vowel
        return lo - start <= 3 and word.isalpha() and _VOWELS.isdisjoint(word.lower())
    if kind in ("boundary", "punct") and text in ("?", "’", "'"):
        # a hook, not a question's end: the sentence goes on, or the word reads as none
        ends = hi == len(line) or not line[hi].isalnum()
        return word.isalpha() and hi - start <= 6 and ends and (
            _GOES_ON.match(line, hi) is not None or fold(word) not in _tables().model.candidates)
    if kind == "punct" and text == "@":  # "s@", and "S&@" of a sans-serif's "Sở"
        return word.replace("&", "").isalpha()
    return kind == "word" and line[lo - 1] == "@"  # "phu@" + "ng"


def _starts_anew(line: str, first: Span) -> bool:
    kind, lo, _hi = first
    return kind != "word" or line[lo].isupper()


def _favour_units(
    tables: _Tables, positions: list[Candidates], run: list[tuple[int | None, str]], state: State,
    one: bool = False,
) -> None:
    """Favour the spelling of the domain lexicon's terms found along a run of words, and
    weakly that of common words (`_favour`), once per run: a garbled document's runs are
    read again in its fields, and fields of one document overlap."""
    if _compiled_favour is not None:  # the same steps, compiled (`_favour.c`)
        _compiled_favour.favour_units(tables.favour_context, tables.runs, RUN_MEMO, positions,
                                      run, state, one)
        return
    if len(run) < 2:
        return
    # What decides the run's candidates: its words, their state, which are kept as written;
    # and the first word's candidates, read as a name's (or closer to as written, garbled)
    # only away from a sentence's start (`_edits`)
    first = run[0][0]
    key = (state, one, tuple([word for _, word in run]), tuple([at is None for at, _ in run]),
           None if first is None else positions[first])
    favoured = tables.runs.get(key)
    at = [at for at, _ in run if at is not None]
    if favoured is None:
        _favour(tables, positions, run, state, one)
        favoured = tuple([positions[k] for k in at])
        if len(tables.runs) >= RUN_MEMO:
            tables.runs.clear()
        tables.runs[key] = favoured
    else:
        for k, cands in zip(at, favoured, strict=True):
            positions[k] = cands


def _favour(
    tables: _Tables, positions: list[Candidates], run: list[tuple[int | None, str]], state: State,
    one: bool = False,
) -> None:
    folds = tables.folds
    folded = [folds.get(word) or tables.folded(word) for _, word in run]
    changes: list[tuple[int, str]] = []
    ties: dict[int, dict[str, float]] = {}
    if state == "garbled":
        folded, changes, ties = _damaged_readings(tables, positions, run, folded, one)
    capital = [word[:1].isupper() for _, word in run]
    # a word in capitals (a heading's) is no sign of a name: "VỀ ĐẨY MẠNH SỬ DỤNG"
    titled = [cap and not word.isupper() for cap, (_, word) in zip(capital, run, strict=True)]
    # A stripped word gains a unit's syllable even when it was too rare to be a
    # candidate, a garbled one only if it reads so (`ties`).
    add = state != "garbled"
    index = tables.model.index
    about = tables.about
    units = tables.units
    # most runs: no term starts (in the run as first read, or in a word's other reading)
    if not units.starts.isdisjoint(folded) or any(f in units.starts for _, f in changes):
        # an agency's acronym is a word kept as written: most runs have none
        acronym = None
        if any(at is None for at, _ in run):
            acronym = [at is None and is_agency_acronym(word) for at, word in run]
        matches = _variant_matches(units, folded, changes, capital, acronym) if changes \
            else units.matches(folded, capital, acronym)
        for w, syllable, bonus in _resolve_overlaps(matches, capital, titled):
            target = index.get(syllable)
            at = run[w][0]
            if target is None or at is None:
                continue
            cands = positions[at]
            known = about.get(id(cands)) or _about(tables, cands)
            tie = ties.get(w)
            if tie is not None and target not in known[1]:
                # a reading too rare to be a candidate ("đô" of "d6 thi"), at the cost of
                # the word's cheapest reading that folds as it does
                weight = tie.get(tables.folded(syllable))
                if weight is not None:
                    positions[at] = (*cands, (target, weight + bonus))
                continue
            key = (target, bonus, add)
            boosted = known[2].get(key)
            if boosted is None:
                boosted = known[2][key] = tables.boosted(cands, target, bonus, add)
            positions[at] = boosted
    # A common word counts in lower case or capitalised in part: "Đỗ Thị Lan" is a name,
    # not the "đô thị" of "Do thi" at a sentence's start. Like a term, it gives a word
    # its syllable where the model keeps too few readings of the fold to have it
    # ("thử" of "thử nghiệm", "đỡ" of "giúp đỡ").
    words = tables.common_words
    vocab = tables.model.vocab
    for k, pair in enumerate(pairwise(folded)):
        ids = words.get(pair)
        if ids is None or (titled[k] and titled[k + 1]):
            continue
        for w, target in ((k, ids[0]), (k + 1, ids[1])):
            at = run[w][0]
            if at is None:
                continue
            cands = positions[at]
            known = about.get(id(cands)) or _about(tables, cands)
            tie = ties.get(w)
            if tie is not None and target not in known[1]:
                weight = tie.get(tables.folded(vocab[target]))  # as a term's syllable joins
                if weight is not None:
                    positions[at] = (*cands, (target, weight + WORD_BONUS))
                continue
            key = (target, WORD_BONUS, add)
            boosted = known[2].get(key)
            if boosted is None:
                boosted = known[2][key] = tables.boosted(cands, target, WORD_BONUS, add)
            positions[at] = boosted


def _about(tables: _Tables, cands: Candidates) -> tuple[Candidates, tuple[int, ...], dict]:
    """`tables.about`'s entry for `cands`, made on first meeting."""
    about = tables.about
    if len(about) >= ABOUT_MEMO:
        about.clear()
    known = about[id(cands)] = (cands, tuple([c for c, _ in cands]), {})
    return known


def _variant_matches(
    units: UnitLexicon, first: list[str], changes: list[tuple[int, str]], capital: list[bool],
    acronym: list[bool] | None,
) -> dict[tuple[int, Unit], None]:
    """The matches of `first` and of each variant of it that reads word k as f, for each
    (k, f) of `changes`, in that order, each once: `dict.fromkeys(m for v in variants for m
    in units.matches(v, capital, acronym))`. A variant is read only from where a unit
    could reach its word k up to it. A match starting further before, or after the word,
    reads none of it: it is the first's, and there."""
    found = dict.fromkeys(units.matches(first, capital, acronym))
    reach, starts, longest = units.reach, units.starts, units.longest
    variant = list(first)  # each variant in turn, one word changed and changed back
    for k, f in changes:
        # the first start whose units can be long enough to read word k: a unit from
        # i < k - 1 starts with the same two words in both, and is no longer than the
        # longest unit that starts with them (the lexicon's longest is 20 words, most 2)
        lo = k - 1
        for i in range(max(k - reach + 1, 0), k - 1):
            if first[i] in starts and longest.get((first[i], first[i + 1]), 0) > k - i:
                lo = i
                break
        variant[k] = f
        for m in units.matches(variant, capital, acronym, within=range(lo, k + 1)):
            found.setdefault(m)
        variant[k] = first[k]
    return found


def _resolve_overlaps(
    matches: Iterable[tuple[int, Unit]], capital: list[bool], titled: list[bool]
) -> list[tuple[int, str, float]]:
    """(word, syllable, bonus) of every matched unit. Where two units spell one word
    differently ("báo cáo số" and "Sở Xây dựng" in "bao cao So Xay dung"), a capitalised
    word that heads its unit goes with that unit: a capital inside a run starts a name.
    A name written as one, each word capitalised and not in capitals ("Do Thi Lan"), gains
    NAME_UNIT_BONUS more: the model of prose predicts a name worst ("Đô Thị Lấn")."""
    spelled: dict[int, list[tuple[bool, str, float]]] = {}
    for start, unit in matches:
        size = len(unit.syllables)
        # a family and middle name go on with a given name ("Lễ Quốc khánh" is no "Lê Quốc")
        bonus = UNIT_BONUS + (NAME_UNIT_BONUS if unit.proper and start + size < len(titled)
                              and all(titled[start : start + size + 1]) else 0.0)
        for k, syllable in enumerate(unit.syllables):
            spelled.setdefault(start + k, []).append(
                (k == 0 and capital[start], syllable, bonus))
    out = []
    for w, readings in spelled.items():
        if len(readings) > 1 and len({s for _, s, _ in readings}) > 1 and any(
                head for head, _, _ in readings):
            readings = [r for r in readings if r[0]]
        out.extend((w, s, b) for _, s, b in readings)
    return out


def _damaged_readings(
    tables: _Tables, positions: list[Candidates], run: list[tuple[int | None, str]],
    folded: list[str], one: bool = False,
) -> tuple[list[str], list[tuple[int, str]], dict[int, dict[str, float]]]:
    """The folded run as lexicon matching reads it in a garbled line. A damaged word
    ("d6", "hdi") spells no term as written: it reads as its cheapest readings fold
    ("do"; "hoi" or "hai"), so "d6 thi", "dai hdi" still meet "đô thị", "đại hội". The
    first list takes each word's commonest such fold; one more list per other fold of
    a word, so that "Bao Ldc" meets "Bảo Lộc" and "Bảo Lạc" alike and the model decides
    (a unit only favours readings the word has, or readings of those folds): (the first
    list, (word, fold) of each other, and per damaged word the weight of its cheapest
    readings and their folds)."""
    first = list(folded)
    others: list[tuple[int, str]] = []
    ties: dict[int, dict[str, float]] = {}
    memo = tables.damaged
    for k, (at, word) in enumerate(run):
        if at is None:
            continue
        cands = positions[at]
        if not cands:
            continue
        hit = memo.get(word)
        if hit is None or hit[0] is not cands:
            hit = (cands, _damaged_word(tables, word, folded[k], cands, one))
            if len(memo) >= CANDIDATE_MEMO:
                memo.clear()
            memo[word] = hit
        read = hit[1]
        if read is None:
            continue
        first[k], folds, other = read
        ties[k] = folds
        others += [(k, f) for f in other]
    return first, others, ties


def _damaged_word(
    tables: _Tables, word: str, folded: str, cands: Candidates, one: bool = False
) -> tuple[str, dict[str, float], tuple[str, ...]] | None:
    """How `_damaged_readings` reads one word of its candidates `cands`: (the fold its
    run's first reading takes, the folds of its readings with their weights, its other
    folds), or None where it reads as written and no term's syllable can join."""
    # the folds of the word's readings nearly as cheap as its cheapest, each with the
    # weight of its cheapest reading
    vocab_folds = tables.vocab_folds
    folds: dict[str, float] = {}
    weight = ONE_ACCENT_CHANNEL if one else CHANNEL_WEIGHT
    floor = cands[0][1] - weight * READING_MARGIN - 1e-9
    for c, weight in cands:
        if weight < floor:
            break
        folds.setdefault(vocab_folds[c], weight)
    if word.isalpha() and folded in tables.model.candidates:
        # read as written: a term's syllable of the same fold joins at the cost of
        # the word's cheapest reading, though the model keeps too few readings of
        # that fold to have it ("dõi" of "theo dõi" is the eighth of "doi")
        if folded not in folds:
            return None
        kept = folded
    else:
        kept = next(iter(folds))
    return kept, folds, tuple(f for f in islice(folds, MAX_READINGS) if f != kept)


def restore(text: str, *, document_state: State | None = None,
            line_state: State | None = None) -> Restored:
    """Restore diacritics and repair OCR garble; see the module docstring.

    `document_state` is the state of the document a field comes from: a short field of a
    garbled document ("Tri&n khai tiem chung") can read as clean on its own. `line_state`,
    where given, is every line's: a name whose head the vocabulary spelled ("Hội Tin hoc")
    has too few words to show that its others lost their marks, and its marked words stay
    as written, the context of the rest.
    """
    lines, nfc_lines, by_line, confidences, _ = _edits(text, document_state, posteriors=False,
                                                       line_state=line_state)
    if not by_line:
        return Restored(text=text, confidence=_mean(confidences), changed=False)
    restored = splice_lines(lines, nfc_lines, by_line)
    return Restored(text=restored, confidence=_mean(confidences), changed=restored != text)




def _name_line(line: str) -> bool:
    """A line of two to four capitalised words and nothing else: a person's name (a
    signer's), which the model of prose reads as prose ("Minh Hiếu" → "Mình Hiểu"); the
    table of names respells it (`names.restore_person_name`)."""
    words = line.split(None, 4)  # (five pieces: more than four words; not split further)
    return 2 <= len(words) <= 4 and all(
        w[0].isupper() and w[0].isalpha() and (len(w) == 1 or not w[1:].isupper())
        and w[-1] not in ",.;:" for w in words)


@dataclass(frozen=True, slots=True)
class Respelled:
    """A text restored whole, and the way back from an offset in it to one in its source."""

    text: str
    # (start, end) in `text` and (start, end) in the source of each changed word, in order
    edits: tuple[tuple[int, int, int, int], ...]

    def source_offset(self, pos: int) -> int:
        """The offset in the source of offset `pos` of `text` (inside a respelled word, as
        far into the word as written, up to its end)."""
        return _across(self.edits, pos, here=0, there=2)

    def text_offset(self, pos: int) -> int:
        """The offset in `text` of offset `pos` of the source (the way `source_offset`
        goes back): where a span of the source (a table's cell) lies in the text."""
        return _across(self.edits, pos, here=2, there=0)


def _across(edits: tuple[tuple[int, int, int, int], ...], pos: int, *, here: int, there: int
            ) -> int:
    """`pos` on one side of the edits (their columns `here`, `here + 1`: (start, end) in
    that text) as the offset on the other (`there`, `there + 1`)."""
    k = bisect_right(edits, pos, key=lambda edit: edit[here]) - 1
    if k < 0:
        return pos
    at, end, other_at, other_end = (edits[k][here], edits[k][here + 1], edits[k][there],
                                    edits[k][there + 1])
    if pos < end:
        return other_at + min(pos - at, other_end - other_at)
    return other_end + pos - end


def respelled(text: str, *, document_state: State | None = None,
              read_as_written: Callable[[str, str], bool] = lambda word, reading: False,
              ) -> Respelled:
    """`text` restored as `restore` reads it, with the way back to its offsets: for rules
    that read a garbled document as restored and point into the document. A word the model
    is unsure of (`RESPELL_SURE`) that an OCR's fold reads as no syllable ("titin", "EAu")
    stays as written: the rules read such garble loosely (an agency's name by likeness),
    and a wrong syllable would hide it; but only a name is read so (`_may_be_a_name`): a
    word of the sentence is respelled however unsure, unless `read_as_written(word,
    reading)` (the rules read it as written, the reading is another word). Lines not in
    NFC stay whole (their offsets are not the text's), and so does a line that is a name
    (`_name_line`: the table of names')."""
    # The collector held off until the edits and their lines are dropped too: resumed with
    # them alive, its first pass walked each edit and each key of the posteriors.
    with _collector_paused():
        return _respelled(text, document_state, read_as_written)


def _respelled(text: str, document_state: State | None,
               read_as_written: Callable[[str, str], bool]) -> Respelled:
    """`respelled`'s steps, the collector held off by the caller."""
    lines, nfc_lines, by_line, _, posteriors = _edits(text, document_state)
    known = _tables().model.candidates

    def keep_unsure(line: str, at: int, end: int, new: str) -> bool:
        return fold_ocr(line[at:end]) in known or not (
            _may_be_a_name(line, at) or read_as_written(line[at:end], new))

    edits: list[tuple[int, int, int, int]] = []
    kept: dict[int, list[tuple[int, int, str]]] = {}
    shift = line_start = 0
    for li, line in enumerate(lines):
        if li in by_line and line == nfc_lines[li] and not _name_line(line):
            kept[li], shift = kept_edits(li, line, line_start, shift, sorted(by_line[li]),
                                         posteriors, RESPELL_SURE, keep_unsure, edits)
        line_start += len(line) + 1
    return Respelled(splice_lines(lines, lines, kept), tuple(edits))


def _kept_edits(
    li: int, line: str, line_start: int, shift: int, line_edits: list[tuple[int, int, str]],
    posteriors: dict[tuple[int, int], float], sure: float,
    keep_unsure: Callable[[str, int, int, str], bool], edits: list[tuple[int, int, int, int]],
) -> tuple[list[tuple[int, int, str]], int]:
    """`respelled`'s steps over the (start, end, new) edits of line `li`, which starts at
    `line_start` of the text, `shift` characters into the respelling: those the model is
    sure of (`sure`) or `keep_unsure` keeps, and the shift after them; each one's (start,
    end) in the respelled text and in the source appended to `edits`. (`_words.c`'s
    `kept_edits` does the same, compiled.)"""
    kept = [(at, end, new) for at, end, new in line_edits
            if posteriors.get((li, at), 1.0) >= sure or keep_unsure(line, at, end, new)]
    for at, end, new in kept:
        start = line_start + at
        edits.append((start + shift, start + shift + len(new), start, line_start + end))
        shift += len(new) - (end - at)
    return kept, shift


def _may_be_a_name(line: str, at: int) -> bool:
    """Whether the word at `at` may be part of a name: capitalised, not opening a sentence."""
    return line[at].isupper() and not _SENTENCE_OPENS.search(line[:at])


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off while a whole document is restored. The
    restoration makes no cycles, but hundreds of thousands of short-lived tuples (candidate
    lists, runs, spans), each 700 of which set off a collection that walks the young ones
    left and promotes them towards full collections of every memo: over a garbled
    document's respelling, 7% of its CPU, halved when the survivors are walked once after.
    (Process-wide; left off where the caller had turned it off.)"""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _edits(
    text: str, document_state: State | None, *, posteriors: bool = True,
    line_state: State | None = None,
) -> tuple[list[str], list[str], dict[int, list[tuple[int, int, str]]], list[float],
           dict[tuple[int, int], float]]:
    """(lines, their NFC forms, each line's (start, end, new word) edits, the model's
    confidence in each word it read, and with `posteriors` that of each word it changed,
    by (line, start): `respelled` reads them, `restore` does not.)"""
    tables = _tables()
    model = tables.model
    lines = text.split("\n")
    nfc_lines = [_nfc(line) for line in lines]
    parsed, counts = [], []
    for line in nfc_lines:
        sp, c = _parsed(tables, line)
        parsed.append(sp)
        counts.append(c)
    doc_state = document_state or _state(
        _Counts(
            sum(c.words for c in counts),
            sum(c.marked for c in counts),
            sum(c.invalid for c in counts),
        ),
        document=True,
    )

    one = one_accent(text)
    context = tables.context
    positions: list[Candidates] = []
    # Per position: (line, start, end, case pattern) of a rewritable word, else None.
    slots: list[tuple[int, int, int, str] | None] = []
    segments: list[tuple[int, int]] = []  # [start, end) ranges of positions decoded together
    seg_start = 0
    replacements: dict[tuple[int, int], tuple[int, str]] = {}
    # (line, start, end, spelling) of the words of names the model cannot spell
    named: list[tuple[int, int, int, str]] = []
    # The words ending the last line read, with its state, while its sentence may go on.
    carry: list[tuple[int | None, str]] = []
    carry_state: State = "clean"
    # the carried line in capitals (`_in_capitals`), short, ending in a name's first word
    carry_caps = carry_short = carry_name = False

    for li, (line, sp, c) in enumerate(zip(nfc_lines, parsed, counts, strict=True)):
        state = _state(c)
        # In a garbled document a line reads as stripped or clean by chance ("ché", "dé"
        # are real syllables): only a line with no doubtful word at all, and with marks on
        # most of its words, keeps its state ("quy dình, dam bào thời gian" has an
        # English OCR's Latin-1 accents on three words of five).
        if doc_state == "garbled" and (c.invalid or c.words < SHORT_LINE or state != "clean"
                                       or c.marked < CLEAN_IN_GARBLED * c.words):
            state = "garbled"
        # In a clean document an English OCR is no explanation for words without a reading:
        # they are foreign names and codes ("Resco, Ecohome", "C06, C08", "PTTg"), and a
        # line of a word or two ("I") has no context to restore from. Both stay as written.
        if doc_state == "clean" and (state == "garbled" or c.words < SHORT_LINE):
            state = "clean"
        if line_state is not None:
            state = line_state
        wrapped = bool(carry) and state == carry_state and (
            (carry_caps and _in_capitals(line, sp))
            or ((not carry_short or carry_name) and _wraps(line, sp[0] if sp else None)))
        if carry and not wrapped:
            _favour_units(tables, positions, carry, carry_state, one)
        if state == "clean" or not sp:
            carry = []
            if len(positions) > seg_start:
                segments.append((seg_start, len(positions)))
            seg_start = len(positions)
            continue
        name_line = _name_line(line)  # a signer's: every word a name's, the first too
        if state == "garbled" and ("!" in line or "|" in line or _has_glued(line)):
            sp = _glued_marks(line, sp)
        if state == "garbled" and _runs_together(line):
            sp = _apart(line, sp)
        lone_at = _lone_at(line, sp) if state == "garbled" else set()
        if lone_at:
            sp = [("word", lo, hi) if lo in lone_at else (kind, lo, hi) for kind, lo, hi in sp]
        if state == "garbled" and len(line) >= _SHORTEST_FORMULA:
            for lo, hi, formula in _formulas(line):
                replacements[(li, lo)] = (hi, formula)
                sp = [span for span in sp if span[2] <= lo or span[1] >= hi]
            if not sp:  # the line was its formulas: it ends what went before, as a clean one
                if carry and wrapped:
                    _favour_units(tables, positions, carry, carry_state, one)
                carry = []
                if len(positions) > seg_start:
                    segments.append((seg_start, len(positions)))
                seg_start = len(positions)
                continue
        if len(positions) > seg_start and not wrapped and _starts_anew(line, sp[0]):
            # A line that opens with a capital, a dash or a number starts a sentence, a list
            # item or a table cell: "Thường xuyên trong năm" / "Sở Nội vụ" is no trigram.
            positions.extend((context["boundary"],) * 2)
            slots.extend((None, None))
        # (position or None when kept as written, word) of consecutive words: "UBND tinh"
        # is a unit of the lexicon though only "tinh" is rewritten.
        run: list[tuple[int | None, str]] = carry if wrapped else []
        carry = []
        known = (tables.garbled_one if one else tables.garbled) if state == "garbled" \
            else tables.plain
        run = read_spans(line, li, sp, lone_at, state, state == "garbled", one, name_line,
                         known, positions, slots, run, seg_start, replacements,
                         tables.words_context)
        named.extend((li, *edit) for edit in name_edits(line, tables.spelled,
                                                        state == "garbled"))
        caps, name = _in_capitals(line, sp), _ends_in_a_name(line, sp)
        if run and (sp[-1][0] != "word" or (c.words < WRAPPED_LINE and not (caps or name))):
            _favour_units(tables, positions, run, state, one)
        elif run:
            carry, carry_state, carry_caps, carry_name = run, state, caps, name
            carry_short = c.words < WRAPPED_LINE  # carried only as a title's or a name's
    if carry:
        _favour_units(tables, positions, carry, carry_state, one)
    if len(positions) > seg_start:
        segments.append((seg_start, len(positions)))

    vocab = model.vocab
    confidences: list[float] = []
    changed: dict[tuple[int, int], float] = {}  # a respelled word's, by (line, start)
    for lo, hi in segments:
        best, post = decode(model, positions[lo:hi], tables.start)
        spell_segment(best, post, slots, lo, vocab, nfc_lines, apply_case, replacements,
                      confidences, changed if posteriors else None)

    _write_names(replacements, named, changed)
    by_line: dict[int, list[tuple[int, int, str]]] = {}
    for (li, at), (end, new) in replacements.items():
        by_line.setdefault(li, []).append((at, end, new))
    return lines, nfc_lines, by_line, confidences, changed


def _write_names(replacements: dict[tuple[int, int], tuple[int, str]],
                 named: list[tuple[int, int, int, str]],
                 changed: dict[tuple[int, int], float]) -> None:
    """Each word of a name the model cannot spell written as the gazetteer does, over any
    reading of the model's that starts inside it; sure, whatever the model's posterior of
    its own reading there (a garbled document's respelling kept "Diik" of "Đắk" as
    written, the model unsure of its "Đề")."""
    for li, lo, hi, new in named:
        for key in [key for key in replacements if key[0] == li and lo <= key[1] < hi]:
            del replacements[key]
            changed.pop(key, None)
        replacements[(li, lo)] = (hi, new)


def _read_spans(
    line: str, li: int, sp: list[Span], lone_at: set[int], state: State, garbled: bool,
    one: bool, name_line: bool, known: dict[str, tuple[Candidates, bool]],
    positions: list[Candidates], slots: list[tuple[int, int, int, str] | None],
    run: list[tuple[int | None, str]], seg_start: int,
    replacements: dict[tuple[int, int], tuple[int, str]], context: tuple,
) -> list[tuple[int | None, str]]:
    """`_edits`' steps over the spans of line `li`: each word's candidates and case, its
    position and slot appended, each run of words favoured where a non-word ends it; the
    run the line leaves open. (`_words.c`'s `read_spans` does the same, compiled; `context`
    is `_Tables.words_context`.)"""
    (candidates, patterns, pattern_of, capitals, is_acronym, favour_units, code_of, kinds,
     as_name, read_closer, _point) = context
    boundary = kinds["boundary"]
    unknown = kinds["code"]  # `_Tables.unk`: a code reads as the unknown word
    for k, (kind, lo, hi) in enumerate(sp):
        if kind == "word":
            word = "o" if lo in lone_at else line[lo:hi]
            cands, rewritable = known.get(word) or candidates(word, state, one)
            if rewritable and len(word) == 1 and word in LOST_VOWEL_LETTERS and (
                    _a_letter_itself(line, sp, k)):
                cands, rewritable = unknown, False
            pattern = patterns.get(word) or pattern_of(word)
            if not rewritable and word.isupper():
                word = capitals(replacements, garbled, word, li, lo, hi)
            run.append((len(positions) if rewritable else None, word))
            # a capitalised word inside a sentence, or any of a line that is a name
            named = rewritable and pattern == "title" and (name_line or not (
                len(positions) == seg_start or positions[-1] is boundary))  # its start
            if named and (not garbled or name_line):
                cands = as_name(cands)
            if named and garbled:
                cands = read_closer(cands)
            positions.append(cands)
            slots.append((li, lo, hi, pattern) if rewritable else None)
        else:
            if kind == "code":
                code = line[lo:hi]
                if run and is_acronym(code):  # "So LD-TB&XH": "Sở" heads it
                    run.append((None, code))
            if run:
                favour_units(positions, run, state, one)
                run = []
            if kind == "code":
                code_of(replacements, garbled, code, li, lo, hi)
            positions.append(kinds[kind])
            slots.append(None)
            if kind == "boundary":  # a sentence ends in two <s>, as in training
                positions.append(kinds[kind])
                slots.append(None)
    return run


def _capitals(tables: _Tables, replacements: dict[tuple[int, int], tuple[int, str]],
              garbled: bool, word: str, li: int, lo: int, hi: int) -> str:
    """A word in capitals kept as written, as the lexicon reads it ("LIBND tinh" is "UBND
    tỉnh"), its new letters among the `replacements` where they changed."""
    letters = _acronym_letters(word)
    if garbled and letters == word:
        letters = tables.split_u(word)
    if letters != word:
        replacements[(li, lo)] = (hi, letters)
    return letters


def _code(tables: _Tables, replacements: dict[tuple[int, int], tuple[int, str]],
          garbled: bool, code: str, li: int, lo: int, hi: int) -> None:
    """A code's letters put back ("So LD-TB&XH"), among the `replacements` where changed."""
    fixed = restore_symbol_letters(code) if not garbled else "".join(
        tables.split_u(part) if part.isupper() else part
        for part in re.split(r"([-/&])", restore_ocr_symbol_letters(code)))
    if fixed != code:
        replacements[(li, lo)] = (hi, fixed)


def _spell_segment(
    best: list[int], post: list[float], slots: list[tuple[int, int, int, str] | None], lo: int,
    vocab: list[str], nfc_lines: list[str], case: Callable[[str, str], str],
    replacements: dict[tuple[int, int], tuple[int, str]], confidences: list[float],
    changed: dict[tuple[int, int], float] | None,
) -> None:
    """`_edits`' steps over a segment decoded from position `lo`: each rewritable word's
    confidence kept, and its syllable, in its case, among the `replacements` where it
    differs from the word (with its confidence in `changed`). (`_words.c`'s
    `spell_segment` does the same, compiled.)"""
    for k, syl in enumerate(best):
        slot = slots[lo + k]
        if slot is None:
            continue
        confidences.append(post[k])
        li, at, end, pattern = slot
        new = vocab[syl]
        if pattern != "lower":
            new = case(new, pattern)
        if new != nfc_lines[li][at:end]:
            replacements[(li, at)] = (end, new)
            if changed is not None:
                changed[(li, at)] = post[k]


if _compiled_words is not None:
    read_spans, spell_segment = _compiled_words.read_spans, _compiled_words.spell_segment
    kept_edits = _compiled_words.kept_edits
else:  # pragma: no cover - a machine without a C compiler
    read_spans, spell_segment, kept_edits = _read_spans, _spell_segment, _kept_edits


def splice_lines(
    lines: list[str], nfc_lines: list[str], edits: dict[int, list[tuple[int, int, str]]]
) -> str:
    """The text with each line's (start, end, new) edits made in its NFC form."""
    out_lines = list(lines)
    for li, line_edits in edits.items():
        line = nfc_lines[li]
        pieces: list[str] = []
        pos = 0
        for at, end, new in sorted(line_edits):
            pieces.append(line[pos:at])
            pieces.append(new)
            pos = end
        pieces.append(line[pos:])
        out_lines[li] = "".join(pieces)
    return "\n".join(out_lines)


def restore_line(line: str) -> str:
    """Restored text of one line (convenience for field values)."""
    return restore(line).text


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 1.0
