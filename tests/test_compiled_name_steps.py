"""The agency readers' compiled steps (extract/_name_steps.c) agree with what they replace.

The key loop's `_known_reach` (how many words a name of the table begins with),
`_typo_reach` (where the first word no slip of any name's word at its place ends) and
`_places_near` (a word's places in the names), and `_through_abbreviation`'s search for
capitals (`_CAPITALS_NEAR`), call `_name_steps` where it was built, their Python or the
pattern otherwise. The extension is optional: where it was not built the comparisons are
skipped, except under CI, which installs the package with a C compiler.
"""

from __future__ import annotations

import functools
import random
import re
from pathlib import Path

import pytest

from tests.compiled import on_ci, skip_unless_built
from tests.states import STATES
from vanban.extract import agency_phrases
from vanban.folding import fold_ocr

_compiled = agency_phrases._name_steps
needs_built = skip_unless_built(_compiled is not None, "the C extension")

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset" / "text"


@functools.cache
def _texts() -> list[str]:
    """Real directives in three states (the devset's where it is, the tests' own)."""
    paths = sorted((ROOT / "tests" / "data" / "directives").glob("*.txt"))
    paths += sorted(DEVSET.glob("*.txt"))[:6]
    return [make(path.read_text(encoding="utf-8-sig"))
            for path in paths for make in STATES.values()]


def _folded_texts() -> list[str]:
    return [fold_ocr(text) for text in _texts()]


def _generated() -> list[str]:
    """The table's names glued by every kind of gap (spaces `str.isspace` calls spaces, a
    dash, "và", "&"), their words slipped a letter, cut short, and stray characters."""
    rng = random.Random(11)
    names = sorted(agency_phrases._names()[0])
    gaps = [" ", "  ", "\t", "\n", "\u00a0", "\u3000", "\x1c", "\x85", " - ", " va ", " & ",
            ", ", "-", "&", "\u2013", "\U0001f600"]
    texts = []
    for _ in range(400):
        words = " ".join(rng.choice(names) for _ in range(rng.randint(1, 3))).split()
        for k, word in enumerate(words):
            if rng.random() < 0.2 and len(word) > 1:
                cut = rng.randrange(len(word))
                words[k] = word[:cut] + rng.choice(["", "x", "é", "0"]) + word[cut + 1 :]
        texts.append("".join(w + rng.choice(gaps) for w in words))
    return texts


def _places(folded: str, step: int) -> list[tuple[int, int]]:
    """Every `step`-th word start of `folded`, with no limit and one 40 characters on."""
    starts = [m.start() for m in re.finditer(r"\S+", folded)][::step]
    return [(pos, limit) for pos in starts for limit in (len(folded), pos + 40)]


def _answers(folded: str, pos: int, limit: int) -> tuple[int, ...]:
    ends = agency_phrases._word_ends(folded, pos, limit)
    if not ends:
        return ()
    answers = [agency_phrases._known_reach(folded, pos, ends)]
    answers += [agency_phrases._typo_reach(folded, pos, ends[-1], stop)
                for stop in (None, ends[min(1, len(ends) - 1)], ends[-1] - 1, pos)]
    return tuple(answers)


@on_ci
def test_ci_builds_the_key_loops_reaches() -> None:
    assert _compiled is not None


@needs_built
@pytest.mark.parametrize("source", ["real", "generated"])
def test_reaches_are_the_python_they_replace(source: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _folded_texts() if source == "real" else _generated()
    asked = [(folded, pos, limit) for folded in texts
             for pos, limit in _places(folded, 8 if source == "real" else 1)]
    assert len(asked) > (10_000 if source == "real" else 2_000)
    compiled = [_answers(*question) for question in asked]
    monkeypatch.setattr(agency_phrases, "_name_steps", None)
    python = [_answers(*question) for question in asked]
    assert compiled == python
    # (names were reached: the comparison walked the trie and found slips)
    assert sum(answer[0] >= 2 for answer in python if answer) > 200


@needs_built
def test_places_near_are_the_python_they_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every word of the texts, and the names' words slipped, its places as Python reads."""
    near = agency_phrases._near_anywhere()
    words = {w for folded in _folded_texts()[:9] for w in folded.split()}
    words |= {w for text in _generated() for w in text.split()}
    words |= {w[:k] + w[k + 1 :] for w in list(near[0])[:300] for k in range(len(w))}
    unwrapped = agency_phrases._places_near.__wrapped__
    compiled = {w: _compiled.places_near(w, near) for w in words}
    monkeypatch.setattr(agency_phrases, "_name_steps", None)
    assert compiled == {w: unwrapped(w) for w in words}
    assert sum(bits > 0 for bits in compiled.values()) > 500


@needs_built
def test_capitals_near_are_the_pattern_searched() -> None:
    """At every place of real texts and of generated ones with capitals, "&", "Đ", "UBND"
    and "HĐND" around other letters and marks, with the readers' 30 characters on and at a
    text's end."""
    rng = random.Random(13)
    pieces = ["UBND", "HĐND", "UBNDX", "HĐNDA", "UB", "Đ", "ĐT", "A&B", "&", "Ban", "QLDA", "x",
              "_", "1", "é", "Ă", "ÀB", " ", "\n", ",", "(", "-", "GD&ĐT", "TP", "Σ", "\u00a0"]
    texts = _texts() + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
                        for _ in range(3000)]
    searched = agency_phrases._CAPITALS_NEAR.search
    found = 0
    for text in texts:
        for pos in range(0, len(text) + 1, 1 if len(text) < 200 else 11):
            for end in (pos + 30, pos + 2, len(text)):
                expected = searched(text, pos, end) is not None
                assert _compiled.capitals_near(text, pos, end) == expected, (text, pos, end)
                found += expected
    assert found > 1000


@needs_built
def test_wrong_arguments_raise() -> None:
    """Arguments of the wrong kind, a trie whose node is no dictionary and a failing
    look-up of a word's places raise, as the Python fails there too (no answer made up)."""
    with pytest.raises(TypeError):
        _compiled.known_reach("so y te", 0, 7, ["not", "a dict"], frozenset())
    with pytest.raises(TypeError):
        _compiled.known_reach("so y te", 0, 7, {"so": "not a node"}, frozenset())
    with pytest.raises(TypeError):
        _compiled.typo_reach("so y te", 0, 7, 7, "not callable")
    with pytest.raises(TypeError):
        _compiled.places_near("so", ["not a tuple"])
    with pytest.raises(TypeError):
        _compiled.capitals_near(b"UB", 0, 2)

    def failing(word: str) -> int:
        raise KeyError(word)

    with pytest.raises(KeyError):
        _compiled.typo_reach("so y te", 0, 7, 7, failing)
    # (places past the text are clamped to it, as the engine clamps them)
    assert _compiled.known_reach("so", -5, 99, {"so": {}}, frozenset()) == 1
    assert _compiled.typo_reach("so", 0, 99, 99, lambda word: 1) == 100
