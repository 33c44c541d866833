"""The compiled character passes (normalize/_chars.c) agree with the Python they replace.

`fold`, `strip_diacritics` (folding.py), the capitals count of `is_upper_text` and
`capitals_in` (normalize/text.py) and the agency readers' words (`_word_ends`,
`_known_reach`; the word lists of `match_organisation`, the head-word reader and
`_typo_reach`, `word_matches`; the glued-word scan's distinct words, `letter_runs`) call
`_chars` when it was built, `str.translate` and the pattern
otherwise. The extension is optional: where it was not built the comparisons are
skipped, except under CI, which installs the package with a C compiler.
"""

from __future__ import annotations

import itertools
import random
import re
import sys
from pathlib import Path

import pytest

from tests.compiled import on_ci, skip_unless_built
from vanban import folding
from vanban.extract import agency_phrases, organisations
from vanban.normalize import glued
from vanban.normalize import text as text_module
from vanban.normalize.garble import garble

_chars = folding._chars
needs_built = skip_unless_built(_chars is not None, "the C extension")

ROOT = Path(__file__).resolve().parents[1]
REAL = [ROOT / "tests" / "data" / "directives", ROOT / "tests" / "data" / "ocr",
        ROOT.parent / "shared" / "seeds", ROOT.parent / "shared" / "devset" / "text"]

# every kind of character the passes meet: ASCII, Latin-1, Vietnamese letters in both
# cases, the table's last code point and the first past it, punctuation, other scripts
# and a character outside the Basic Multilingual Plane
_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t\n.,;:/-()\"'&|@$"
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
    "©°ßÿĀſƀɏΣσЖж\u00a0\u2013\u2019\u2022\u21ff\u2200\u2212\u3000漢ｱ\U0001f600\U00010400"
)


def _generated(count: int = 3000) -> list[str]:
    rng = random.Random(17)
    texts = ["", "a", "Đ", "\U0001f600", "\u2200", "\u21ff"]
    for _ in range(count):
        size = rng.choice((1, 2, 5, 20, 200))
        texts.append("".join(rng.choice(_ALPHABET) for _ in range(size)))
    return texts


def _real() -> list[str]:
    texts = []
    for folder in REAL:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8-sig")
            texts += [text, folding.strip_diacritics(text), garble(text, seed=3)]
            texts += text.splitlines()
    return texts


def _python_is_upper(text: str, share: float, at_least: int) -> bool:
    letters, upper = text_module._letter_case(text)
    return letters >= at_least and (upper == letters if share >= 1 else upper > share * letters)


@on_ci
def test_ci_builds_the_character_passes() -> None:
    assert _chars is not None


@needs_built
@pytest.mark.parametrize("source", ["generated", "real"])
def test_folding_is_the_translate_it_replaces(source: str) -> None:
    texts = _generated() if source == "generated" else _real()
    assert texts
    for text in texts:
        assert folding.fold(text) == text.translate(folding._FOLD_LIST)
        assert folding.strip_diacritics(text) == text.translate(folding._STRIP_LIST)


@needs_built
@pytest.mark.parametrize("source", ["generated", "real"])
def test_capitals_count_is_the_translate_it_replaces(source: str) -> None:
    texts = _generated() if source == "generated" else _real()
    for text in texts:
        assert _chars.letter_case(text) == text_module._letter_case(text)
        assert text_module.capitals_in(text) == text_module._letter_case(text)[1]
        for share, at_least in ((0.8, 1), (1.0, 1), (0.5, 3)):
            assert text_module.is_upper_text(text, share=share, at_least=at_least) == \
                _python_is_upper(text, share, at_least)


@needs_built
def test_every_character_of_the_tables() -> None:
    """Each code point up to past the tables (and a sample beyond), alone and in a text."""
    codes = [*range(0x2400), *range(0xD7F0, 0xE010), 0x10FFFF, 0x1F600]
    chars = [chr(c) for c in codes]
    for char in chars:
        assert folding.fold(char) == char.translate(folding._FOLD_LIST)
        assert folding.strip_diacritics(char) == char.translate(folding._STRIP_LIST)
        assert _chars.letter_case(char) == text_module._letter_case(char)
    whole = "".join(chars)
    assert folding.fold(whole) == whole.translate(folding._FOLD_LIST)
    assert _chars.letter_case(whole) == text_module._letter_case(whole)


@needs_built
def test_wrong_arguments_raise() -> None:
    with pytest.raises(TypeError):
        _chars.translate(b"x", folding._FOLD_BYTES)
    with pytest.raises(TypeError):
        _chars.translate("x", folding._FOLD_LIST)
    with pytest.raises(TypeError):
        _chars.letter_case(None)


_WORD = re.compile(r"[a-z0-9&]+")
_NO_SPACE = re.compile(r"\S+")


def _as_read(words: list) -> list[tuple]:
    """What the readers ask of a word: where it starts and ends, and the word."""
    return [(w.start(), w.end(), w.span(), w.group(), w.group(0)) for w in words]


def _same_words(text: str, pos: int, endpos: int, count: int) -> None:
    expected = list(itertools.islice(_WORD.finditer(text, pos, endpos), count))
    assert _chars.word_ends(text, pos, endpos, count) == [m.end() for m in expected]
    assert _chars.words(text, pos, endpos, count) == [m.group() for m in expected]
    assert _as_read(_chars.word_matches(text, pos, endpos, count, False)) == _as_read(expected)
    spaced = list(itertools.islice(_NO_SPACE.finditer(text, pos, endpos), count))
    assert _as_read(_chars.word_matches(text, pos, endpos, count, True)) == _as_read(spaced)


@needs_built
@pytest.mark.parametrize("source", ["generated", "real"])
def test_words_are_the_patterns(source: str) -> None:
    """From every kind of place to every kind of limit, a word cut by either included."""
    # (the patterns they replace)
    assert agency_phrases._WORD.pattern == organisations._WORD.pattern == _WORD.pattern
    assert agency_phrases._NO_SPACE.pattern == _NO_SPACE.pattern
    rng = random.Random(5)
    texts = _generated(400) if source == "generated" else [
        folding.fold_ocr(t) for t in _real()[:400]]
    for text in texts:
        size = len(text)
        places = [0, size, -1, size + 3, *(rng.randrange(size + 1) for _ in range(8))]
        for m in itertools.islice(_WORD.finditer(text), 0, None, 7):
            places += [m.start(), m.end(), m.start() + 1]
        for pos in places[:60]:
            for endpos in (size, pos + 30, pos + 1, pos, pos - 2, rng.choice(places)):
                for count in (24, 1, 0, sys.maxsize):
                    _same_words(text, pos, endpos, count)


_LETTERS = re.compile(r"[^\W\d_]{3,}")


@needs_built
@pytest.mark.parametrize("source", ["generated", "real"])
def test_letter_runs_are_the_patterns(source: str) -> None:
    assert glued._WORD.pattern == _LETTERS.pattern  # (the pattern it replaces)
    texts = _generated() if source == "generated" else _real()
    for text in texts:
        for least in (3, 1):
            expected = set(re.findall(rf"[^\W\d_]{{{least},}}", text))
            assert _chars.letter_runs(text, least) == expected


@needs_built
def test_letter_runs_read_every_character_as_the_engine() -> None:
    """Every code point, a run of three of it: a letter to the engine is one here."""
    points = [chr(c) * 3 for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    text = " ".join(points)
    assert _chars.letter_runs(text, 3) == set(_LETTERS.findall(text))
    with pytest.raises(TypeError):
        _chars.letter_runs(b"abc", 3)


@needs_built
def test_a_word_has_no_other_group() -> None:
    word = _chars.word_matches("ab cd", 0, 5, 1, False)[0]
    with pytest.raises(IndexError):
        word.group(1)
    with pytest.raises(IndexError):
        word.group(0, 0)
    assert repr(word) == "<Word span=(0, 2), match='ab'>"


def test_name_words_without_the_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where `_chars` was not built the readers' word lists are the pattern's matches."""
    text = "các sở, ban, ngành  và UBND  huyện A&B 12"
    built = organisations.name_words(text, 2, len(text) - 1, 24)
    monkeypatch.setattr(organisations, "_chars", None)
    plain = organisations.name_words(text, 2, len(text) - 1, 24)
    assert all(isinstance(m, re.Match) for m in plain)
    assert _as_read(plain) == _as_read(list(_WORD.finditer(text, 2, len(text) - 1)))
    if _chars is not None:
        assert _as_read(built) == _as_read(plain)


@needs_built
def test_word_arguments() -> None:
    with pytest.raises(TypeError):
        _chars.word_ends(b"ab", 0, 2, 1)
    with pytest.raises(TypeError):
        _chars.words("ab", 0, 2)
    with pytest.raises(TypeError):
        _chars.words("ab", "0", 2, 1)
    with pytest.raises(TypeError):
        _chars.word_matches("ab", 0, 2, 1)
    with pytest.raises(TypeError):
        _chars.word_matches(None, 0, 2, 1, False)
