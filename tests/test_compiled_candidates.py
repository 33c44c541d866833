"""The compiled pass over a span's words (extract/_candidates.c) agrees with the Python it
replaces (`regex_gate.marks_in_python`).

`FirstWords.marks` calls `_candidates.marks` when it was built and the Python otherwise:
both say which patterns' strings a span holds, its runs of whitespace read as one space.
Compared here on the span readers' own table and on generated tables, over generated text
(every kind of character, runs of every kind of space) and real directives in three
states, folded and not, at random spans. The extension is optional: where it was not built
the comparisons are skipped, except under CI, which installs the package with a C compiler.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.compiled import on_ci, skip_unless_built
from tests.states import texts_and_lines
from vanban import regex_gate
from vanban.extract import tasks

_candidates = regex_gate._compiled()
needs_built = skip_unless_built(_candidates is not None, "the C extension")

ROOT = Path(__file__).resolve().parents[1]
REAL = [ROOT / "tests" / "data" / "directives", ROOT.parent / "shared" / "seeds",
        ROOT.parent / "shared" / "devset" / "text"]
# letters the readers' strings hold, spaces of every kind (str.isspace), what is not
_ALPHABET = ("abcdghinoptuy  ,.:;-–\t\n\r\x0b\x0c\x1c\u0085\u00a0\u2003\u3000"
             "đĐàệ\u200b\U0001f600")


def _generated(count: int = 800) -> list[str]:
    rng = random.Random(17)
    texts = ["", " ", "a", "\n\n", "\U0001f600"]
    for _ in range(count):
        size = rng.choice((1, 2, 5, 40, 300, 1200))
        texts.append("".join(rng.choice(_ALPHABET) for _ in range(size)))
    return texts


def _spans(text: str, rng: random.Random, count: int = 40) -> list[tuple[int, int]]:
    out = [(0, len(text)), (-5, len(text) + 5), (3, 1), (len(text) + 2, len(text) + 9)]
    for _ in range(count):
        at = rng.randint(0, max(0, len(text) - 1))
        out.append((at, at + rng.choice((0, 1, 3, 60, 400, 900))))
    return out


def _generated_strings(rng: random.Random) -> list[tuple[frozenset[str], int]]:
    letters = "abcdghinoptuy ,:–đ\U0001f600"
    out = []
    for i in range(rng.randint(1, 64)):
        each = {"".join(rng.choice(letters) for _ in range(rng.randint(2, 6)))
                for _ in range(rng.randint(0, 30))}
        out.append((frozenset(s for s in each if "  " not in s), 1 << i))
    return out


def _assert_same(strings, table: bytes, text: str, spans) -> None:
    for pos, endpos in spans:
        assert _candidates.marks(text, pos, endpos, table) == regex_gate.marks_in_python(
            strings, text, pos, endpos), (text[max(pos, 0) : endpos], pos, endpos)


@needs_built
def test_the_span_readers_marks_agree_on_generated_and_real_text() -> None:
    strings = tasks._SPANS.strings()
    table = regex_gate._table_bytes(strings)
    rng = random.Random(3)
    for text in _generated(300):
        _assert_same(strings, table, text, _spans(text, rng, 20))
    for text in texts_and_lines(REAL):  # (long: a few spans each, and the whole)
        _assert_same(strings, table, text, _spans(text, rng, 3))


@needs_built
def test_generated_tables_agree() -> None:
    rng = random.Random(5)
    texts = _generated(80)
    for _ in range(30):
        strings = _generated_strings(rng)
        table = regex_gate._table_bytes(strings)
        for text in texts:
            _assert_same(strings, table, text, _spans(text, rng, 5))


@needs_built
def test_a_table_that_is_not_one_is_refused() -> None:
    table = regex_gate._table_bytes([(frozenset({"abc", "de"}), 1)])
    for broken in (b"", table[:-4], table[:20], b"\x03" + table[1:]):
        with pytest.raises(ValueError):
            _candidates.check(broken)
    with pytest.raises(TypeError):
        _candidates.marks("abc", 0, 3, "not bytes")


@on_ci
def test_the_extension_was_built() -> None:
    assert _candidates is not None


def _assert_same_starts(strings: frozenset[str], table: bytes, text: str, spans) -> None:
    for pos, endpos in spans:
        assert _candidates.starts(text, pos, endpos, table) == regex_gate.starts_in_python(
            strings, text, pos, endpos), (text[max(pos, 0) : endpos], pos, endpos)


@needs_built
def test_the_places_strings_start_agree_on_generated_and_real_text() -> None:
    """`_candidates.starts` (where a pattern scanned over a whole text may start) against
    the Python that collapses the span and compares each string at each place: the request
    verbs' and a team's heads' strings and generated ones, over generated and real text."""
    from vanban.extract import mentions, patterns

    rng = random.Random(9)
    tables = [regex_gate.opening_strings(patterns.REQUEST),
              regex_gate.opening_strings(mentions._team_heads().scanned)]
    tables += [each for each, _bit in _generated_strings(rng)[:20] if each]
    real = texts_and_lines(REAL)
    for k, strings in enumerate(tables):
        table = regex_gate._table_bytes([(strings, 1)])
        for text in _generated(100) + (real if k < 2 else real[:6]):
            _assert_same_starts(strings, table, text, _spans(text, rng, 2))
    with pytest.raises(TypeError):
        _candidates.starts("abc", 0, 3, "not bytes")
