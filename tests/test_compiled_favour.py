"""The compiled favouring of units (normalize/_favour.c) leaves the positions the Python
`_favour` leaves, on the runs restoring real text hands it and on runs made of the
lexicon's units, stripped, damaged and capitalised at random.

An optional extension: where it was not built, the restorer runs the Python `_favour` and
these comparisons are skipped, except under CI, which must have built it.
"""

from __future__ import annotations

import gc
import random
from pathlib import Path

import pytest

from tests.compiled import on_ci, skip_unless_built
from vanban.folding import strip_diacritics
from vanban.normalize import diacritics
from vanban.normalize.garble import garble
from vanban.normalize.heldout import heldout_lines
from vanban.normalize.syllables import strip_marks

COMPILED = diacritics._compiled_favour
PYTHON = diacritics._favour
needs_built = skip_unless_built(COMPILED is not None, "_favour.c")
DATA = Path(__file__).parent / "data" / "directives"


@on_ci
def test_ci_builds_the_compiled_favour() -> None:
    assert COMPILED is not None


def _compare(tables, positions: list, run: list, state: str, one: bool = False) -> bool:
    """Both on copies of `positions`; asserts the same lists; whether any changed."""
    python, compiled = list(positions), list(positions)
    PYTHON(tables, python, list(run), state, one)
    COMPILED.favour(compiled, list(run), state == "garbled", one, tables.favour_context)
    assert compiled == python, (state, run)
    return compiled != positions


def _restore_comparing(texts: list[str]) -> tuple[int, int]:
    """Restore `texts`, each run `_favour_units` favours compared: (runs, runs changed)."""
    seen = [0, 0]
    real_favour, real_compiled = diacritics._favour, diacritics._compiled_favour

    def both(tables, positions, run, state, one=False):
        seen[0] += 1
        seen[1] += _compare(tables, positions, run, state, one)
        PYTHON(tables, positions, run, state, one)

    tables = diacritics.tables()
    diacritics._favour, diacritics._compiled_favour = both, None
    tables.__dict__.pop("words_context", None)  # made again with the Python `_favour_units`
    try:
        for text in texts:
            tables.forget()  # each text's runs met anew
            diacritics.restore(text)
    finally:
        diacritics._favour, diacritics._compiled_favour = real_favour, real_compiled
        tables.__dict__.pop("words_context", None)
    return seen[0], seen[1]


@needs_built
def test_compiled_favour_equals_the_python_one_on_real_text() -> None:
    lines = heldout_lines()[:150]
    documents = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))[:6]]
    texts = [strip_marks(line) for line in lines] + [
        garble(line, seed=k) for k, line in enumerate(lines)
    ]
    texts += [strip_diacritics(d) for d in documents]
    texts += [garble(d, seed=k + 1) for k, d in enumerate(documents)]
    runs, changed = _restore_comparing(texts)
    assert runs > 1000 and changed > 200


def _made_runs(tables, count: int, seed: int) -> list[list[str]]:
    """Runs of words spelling the lexicon's units and common words, with other words
    around, stripped or damaged, in lower case, capitalised or in capitals."""
    rng = random.Random(seed)
    units = tables.units
    phrases = [u.syllables for u in units.terms.values()]
    phrases += [u.syllables for u in units.names.values()]
    phrases += [(a, b) for a, b in diacritics.common_pairs().values()]
    phrases = sorted(phrases)
    heads = ["tỉnh", "phường", "ông", "bà", "sở", "phòng", "bộ", "và", "của", "các"]
    runs = []
    for _ in range(count):
        words: list[str] = []
        while len(words) < rng.randint(2, 12):
            words += rng.choice(phrases) if rng.random() < 0.7 else [rng.choice(heads)]
            if rng.random() < 0.15:
                words.append(rng.choice(["UBND", "TN&MT", "LĐ-TB&XH", "GTVT", "HĐND"]))
        case = rng.random()
        if case < 0.3:
            words = [w.capitalize() for w in words]
        elif case < 0.4:
            words = [w.upper() for w in words]
        elif case < 0.6:
            words = [w.capitalize() if rng.random() < 0.3 else w for w in words]
        runs.append(words)
    return runs


@needs_built
@pytest.mark.parametrize("state", ["stripped", "garbled"])
def test_compiled_favour_equals_the_python_one_on_made_runs(state: str) -> None:
    tables = diacritics.tables()
    tables.forget()
    changed = 0
    for k, words in enumerate(_made_runs(tables, 600, seed=7 if state == "garbled" else 3)):
        text = " ".join(words)
        text = garble(text, seed=k) if state == "garbled" else strip_diacritics(text)
        positions, run = [], []
        for word in text.split():
            cands, rewritable = tables.candidates(word, state, k % 5 == 0)
            run.append((len(positions) if rewritable else None, word))
            positions.append(cands)
        if len(run) >= 2:
            changed += _compare(tables, positions, run, state, k % 5 == 0)
    assert changed > 100


@needs_built
def test_compiled_favour_units_equals_the_python_one() -> None:
    """`_favour_units` (each run favoured once, then remembered) compiled and in Python,
    each with its own memo of runs, over real text: the same positions after each run."""
    tables = diacritics.tables()
    python_units = diacritics._favour_units
    own_runs: dict = {}
    seen = [0, 0]

    def both(positions, run, state, one=False):
        python, compiled = list(positions), list(positions)
        diacritics._compiled_favour = None
        try:
            python_units(tables, python, list(run), state, one)
        finally:
            diacritics._compiled_favour = COMPILED
        COMPILED.favour_units(tables.favour_context, own_runs, diacritics.RUN_MEMO, compiled,
                              list(run), state, one)
        assert compiled == python, (state, run)
        seen[0] += 1
        seen[1] += compiled != positions
        positions[:] = python

    lines = heldout_lines()[150:300]
    documents = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))[:4]]
    texts = [strip_marks(line) for line in lines] + [garble(d, seed=k + 2)
                                                     for k, d in enumerate(documents)]
    texts += [strip_diacritics(d) for d in documents] * 2  # the second time from the memo
    tables.forget()
    contexts = tables.words_context
    tables.__dict__["words_context"] = (*contexts[:5], both, *contexts[6:])
    diacritics._favour_units = lambda _tables, *args: both(*args)
    try:
        for text in texts:
            diacritics.respelled(text)
    finally:
        diacritics._favour_units = python_units
        tables.__dict__.pop("words_context", None)
    assert seen[0] > 1000 and seen[1] > 200


def _favour_calls(texts: list[str]) -> dict[str, list[tuple]]:
    """The arguments `_favour` (in Python) hands `_damaged_word`, `_about` and
    `_Tables.boosted` while `texts` are restored."""
    tables = diacritics.tables()
    calls: dict[str, list[tuple]] = {"damaged": [], "about": [], "boosted": []}
    real = diacritics._damaged_word, diacritics._about, diacritics._compiled_favour
    real_boosted = diacritics._Tables.boosted

    def damaged(tables_, word, folded, cands, one=False):
        calls["damaged"].append((word, folded, cands, one))
        return real[0](tables_, word, folded, cands, one)

    def about(tables_, cands):
        calls["about"].append((cands,))
        return real[1](tables_, cands)

    def boosted(self, cands, target, bonus, add):
        calls["boosted"].append((cands, target, bonus, add))
        return real_boosted(self, cands, target, bonus, add)

    diacritics._damaged_word, diacritics._about = damaged, about
    diacritics._Tables.boosted = boosted
    diacritics._compiled_favour = None
    tables.__dict__.pop("words_context", None)
    try:
        for text in texts:
            tables.forget()
            diacritics.restore(text)
    finally:
        diacritics._damaged_word, diacritics._about, diacritics._compiled_favour = real
        diacritics._Tables.boosted = real_boosted
        tables.__dict__.pop("words_context", None)
    return calls


def _made_candidates(rng: random.Random, size: int) -> tuple:
    """A candidate list as the restorer makes them: ids of the vocabulary, weights falling
    (ties and an id given twice among them), numbers-only pairs."""
    weight = -rng.random()
    out = []
    for _ in range(rng.randint(1, 16)):
        out.append((rng.randrange(size), weight))
        weight -= rng.choice([0.0, 0.05, 0.4, 1.3, 2.5])
    if rng.random() < 0.2:
        out.append(out[0])
    return tuple(out)


@needs_built
def test_compiled_damaged_word_about_and_boosted_equal_the_python_ones() -> None:
    """The steps `_favour.c` calls for a damaged word's readings, a list's entry among the
    lists met and a boosted list, compiled, against the Python they replace: on every call
    restoring real text in two damaged states makes, and on lists made at random."""
    tables = diacritics.tables()
    lines = heldout_lines()[:120]
    documents = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))[:4]]
    texts = [garble(line, seed=k) for k, line in enumerate(lines)]
    texts += [garble(d, seed=k + 1) for k, d in enumerate(documents)]
    texts += [strip_diacritics(d) for d in documents]
    calls = _favour_calls(texts)
    assert len(calls["damaged"]) > 500 and len(calls["about"]) > 500
    assert len(calls["boosted"]) > 300
    rng = random.Random(5)
    vocab = tables.model.vocab
    for _ in range(3000):  # made at random: readings of any fold, either weight, any word
        cands = _made_candidates(rng, len(vocab))
        word = rng.choice([vocab[cands[0][0]], "d6", "hdi", "Bao", "ngay", "x3", "UBND"])
        folded = rng.choice([tables.vocab_folds[cands[-1][0]], tables.folded(word), "zzq"])
        calls["damaged"].append((word, folded, cands, rng.random() < 0.3))
        calls["about"].append((cands,))
        target = cands[rng.randrange(len(cands))][0] if rng.random() < 0.6 else rng.randrange(
            len(vocab))
        calls["boosted"].append((cands, target, rng.choice([0.5, 1.0, 2.25]),
                                 rng.random() < 0.5))
    damaged_word = tables.favour_context[3]
    for word, folded, cands, one in calls["damaged"]:
        python = diacritics._damaged_word(tables, word, folded, cands, one)
        assert damaged_word(word, folded, cands, one) == python, (word, folded, cands, one)
    memo: dict = {}
    for (cands,) in calls["about"]:
        python = (cands, tuple(c for c, _ in cands), {})
        made = COMPILED.about_entry(memo, 4, cands)
        assert made == python and memo[id(cands)] is made and len(memo) <= 4
    memo = {}
    untracked = 0
    for cands, target, bonus, add in calls["boosted"]:
        python = diacritics._boost(cands, target, bonus, add)
        made = COMPILED.boosted(memo, 64, cands, target, bonus, add)
        assert made == python and len(memo) <= 64, (cands, target, bonus, add)
        assert [type(w) for _, w in made] == [type(w) for _, w in python]
        assert memo[(cands, target, bonus, add)] is made
        assert COMPILED.boosted(memo, 64, cands, target, bonus, add) is made
        if made is cands:
            continue
        untracked += not gc.is_tracked(made)
        assert not any(gc.is_tracked(pair) for pair in made if pair not in cands)
    assert untracked > 1000
