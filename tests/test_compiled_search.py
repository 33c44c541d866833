"""The compiled searches (normalize/_beam.c, _trie.c) agree with the Python ones.

Both are optional extensions: where they were not built, the restorer runs the Python
searches and these comparisons are skipped, except under CI, which installs the package
with a C compiler and must have built them.
"""

from __future__ import annotations

import random
import re

import pytest

from tests.compiled import on_ci, skip_unless_built
from vanban.normalize import candidates, decoder, diacritics, language_model
from vanban.normalize.diacritics import restore
from vanban.normalize.garble import garble
from vanban.normalize.heldout import heldout_lines
from vanban.normalize.language_model import get_model
from vanban.normalize.syllables import strip_marks

BUILT = language_model._beam is not None and candidates._trie is not None
needs_built = skip_unless_built(BUILT, "the C extensions")


@on_ci
def test_ci_builds_the_compiled_searches() -> None:
    assert BUILT


def _assert_same_decoding(model, positions: list, start: int) -> None:
    ids, confidences = model.native.decode(positions, start, decoder.BEAM, decoder.MARGIN)
    ref_ids, ref_confidences = decoder.decode_python(model, positions, start)
    assert ids == ref_ids
    assert confidences == pytest.approx(ref_confidences, abs=1e-12)


def _recorded_positions(texts: list[str]) -> list[tuple[list, int]]:
    """The candidate lattices `restore` hands to the decoder for these texts."""
    calls: list[tuple[list, int]] = []
    real = diacritics.decode

    def record(model, positions, start):
        calls.append((list(positions), start))
        return real(model, positions, start)

    diacritics.decode = record
    try:
        for text in texts:
            restore(text)
    finally:
        diacritics.decode = real
    return calls


@needs_built
def test_compiled_beam_search_equals_the_python_one() -> None:
    lines = heldout_lines()[:120]
    texts = [strip_marks(line) for line in lines]
    texts += [garble(line, seed=i) for i, line in enumerate(lines)]
    model = get_model()
    calls = _recorded_positions(texts)
    assert sum(len(p) for p, _ in calls) > 2000
    for positions, start in calls:
        _assert_same_decoding(model, positions, start)


@needs_built
def test_compiled_beam_search_keeps_a_dict_s_first_place_for_a_repeated_candidate() -> None:
    model = get_model()
    index = model.index
    tinh, tinh2 = index["tỉnh"], index["tính"]
    positions = [((index["của"], 0.0),), ((tinh, 0.0), (tinh2, 0.0), (tinh, 2.0))]
    start = model.special("<s>")
    assert model.native.decode(positions, start, 6, 10.0)[0] == decoder.decode_python(
        model, positions, start)[0]


def test_beam_search_refuses_malformed_positions() -> None:
    model = get_model()
    if model.native is None:
        pytest.skip("the C extensions were not built")
    with pytest.raises(ValueError):
        model.native.decode([()], 0, 6, 10.0)
    with pytest.raises(ValueError):
        model.native.decode([((model.size + 5, 0.0),)], 0, 6, 10.0)
    with pytest.raises(TypeError):
        model.native.decode([[(1, 0.0)]], 0, 6, 10.0)


@needs_built
def test_compiled_garble_search_equals_the_python_walk() -> None:
    index = diacritics.tables().index
    tokens = sorted({
        word.lower()
        for i, line in enumerate(heldout_lines()[:150])
        for word in re.findall(r"\S+", garble(line, seed=i))
        if len(word) <= 9
    })
    assert len(tokens) > 300
    for token in tokens:
        assert index._search(token) == index._rank(index._walk(token)), token


@needs_built
def test_restore_reads_the_same_with_either_search(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = heldout_lines()[:40]
    texts = [strip_marks(line) for line in lines] + [garble(line, seed=3) for line in lines]
    compiled = [restore(text).text for text in texts]
    # the Python searches: no compiled tables, a fresh candidate index
    monkeypatch.setattr(language_model, "_beam", None)
    monkeypatch.setattr(candidates, "_trie", None)
    monkeypatch.setattr(diacritics, "_TABLES", None)
    model = get_model()
    monkeypatch.delitem(model.__dict__, "native", raising=False)
    try:
        assert [restore(text).text for text in texts] == compiled
    finally:
        model.__dict__.pop("native", None)


@needs_built
def test_compiled_beam_search_equals_the_python_one_on_random_lattices() -> None:
    # candidate sets of every size, repeated ids, context positions, wide and narrow scores
    model = get_model()
    rng = random.Random(15)
    start = model.special("<s>")
    common = [model.index[s] for s in ("của", "tỉnh", "tính", "các", "sở", "số", "xã", "và")]
    for _ in range(300):
        positions = []
        for _ in range(rng.randint(1, 25)):
            pool = common if rng.random() < 0.5 else range(model.size)
            cands = tuple((rng.choice(pool), rng.choice((0.0, -1.6 * rng.random() * 3, 6.0)))
                          for _ in range(rng.randint(1, 14)))
            positions.append(cands)
        _assert_same_decoding(model, positions, start)


@needs_built
def test_compiled_garble_search_equals_the_python_walk_on_random_tokens() -> None:
    index = diacritics.tables().index
    rng = random.Random(17)
    alphabet = "abcdeghiklmnopqrstuvxyđéèáàăâêôơưĩ0135$&|€¢.-"
    for _ in range(400):
        token = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
        assert index._search(token) == index._rank(index._walk(token)), token


@needs_built
def test_compiled_beam_search_prunes_ties_as_a_stable_sort() -> None:
    # more states of one score than the beam holds: the search keeps the earliest of them,
    # as the Python search's stable sort does (the compiled one picks them by insertion)
    model = get_model()
    rng = random.Random(21)
    start = model.special("<s>")
    lowest = min(model.uni)
    rare = [i for i, p in enumerate(model.uni) if p == lowest]
    assert len(rare) > 3 * decoder.BEAM
    for _ in range(100):
        positions = [tuple((c, rng.choice((0.0, 0.0, -1.0))) for c in rng.sample(rare, 40))
                     for _ in range(rng.randint(1, 6))]
        _assert_same_decoding(model, positions, start)
