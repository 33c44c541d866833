"""The compiled favouring of units (normalize/_favour.c) leaves the positions the Python
`_favour` leaves, on the runs restoring real text hands it and on runs made of the
lexicon's units, stripped, damaged and capitalised at random.

An optional extension: where it was not built, the restorer runs the Python `_favour` and
these comparisons are skipped, except under CI, which must have built it.
"""

from __future__ import annotations

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
