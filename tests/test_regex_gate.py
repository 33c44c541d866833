"""Patterns searched faster (`vanban.regex_gate`) find what their originals find, where.

Every pattern the package gates is compared with its original over real directive text
(the seeds, tests/data, the devset's texts; as written, folded, stripped and damaged) and
random text: the same matches, spans and groups, by `finditer`, `search` from inside the
text and `match` at each position of a window. Every union's patterns, tried only where
the union matched, find what each finds alone. Every pattern whose searches first look for
what its matches hold (`needing`) finds what it finds without. Every pattern of parts
matched in turn (`in_turn`) ends where its parts, matched one after another, end. Every
pattern a span's first words mark (`FirstWords`) finds what it finds alone, and every match
of it holds one of its `first_strings` (random patterns and texts too).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

# (their patterns are gated as they load)
import vanban.extract.agency_phrases
import vanban.extract.deadlines
import vanban.extract.layout
import vanban.extract.mentions
import vanban.extract.patterns
import vanban.extract.references
import vanban.extract.signature
import vanban.extract.tasks
from tests.states import texts_and_lines
from vanban.regex_gate import (
    GATED,
    IN_TURN,
    MARKED,
    NEEDING,
    OPENED,
    UNIONS,
    FirstWords,
    first_strings,
    gated,
    in_turn,
    matches_at,
    needing,
    opened,
    opening_strings,
    union,
)

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT.parent / "shared" / "seeds", ROOT / "tests" / "data" / "directives",
           ROOT.parent / "shared" / "devset" / "text"]


def _texts() -> list[str]:
    out = texts_and_lines(FOLDERS)
    rng = random.Random(7)
    letters = "abcdehtgnoiuy  \n-–:;,.0123456789/"
    out += ["".join(rng.choice(letters) for _ in range(3000)) for _ in range(5)]
    return out


def _found(matches) -> list:
    return [(m.span(), m.groups(), m.groupdict()) for m in matches]


def _assert_same(original: re.Pattern[str], fast: re.Pattern[str], text: str) -> None:
    assert _found(fast.finditer(text)) == _found(original.finditer(text))
    for at in range(0, len(text), max(1, len(text) // 7)):
        end = min(len(text), at + 300)
        assert _found(fast.finditer(text, at, end)) == _found(original.finditer(text, at, end))
        one, two = fast.search(text, at, end), original.search(text, at, end)
        assert _found([one] if one else []) == _found([two] if two else [])
        for pos in range(at, min(end, at + 40)):
            one, two = fast.match(text, pos, end), original.match(text, pos, end)
            assert _found([one] if one else []) == _found([two] if two else [])


def test_the_package_gates_its_scanning_patterns() -> None:
    assert len(GATED) >= 6
    assert all(fast.pattern.startswith("(?=[") for _, fast in GATED)


@pytest.mark.parametrize("text", _texts())
def test_gated_patterns_find_what_their_originals_find(text: str) -> None:
    for original, fast in GATED:
        _assert_same(original, fast, text)


@pytest.mark.parametrize("text", _texts())
def test_patterns_needing_a_character_or_a_part_find_what_they_find(text: str) -> None:
    assert len(NEEDING) >= 3
    for pattern, fast in NEEDING:
        _assert_same(pattern, fast, text)


def test_needing_refuses_what_a_match_may_lack() -> None:
    for pattern, char in ((r"a:?b", ":"), (r"a|b:", ":"), (r"(?=:)a", ":"), (r"a[:;]", ":"),
                          (r"(?i)a:", "a")):
        with pytest.raises(ValueError):
            needing(re.compile(pattern), char=char)
    for pattern, part in ((r"x|(?:ab)", "ab"), (r"x(?:ab)?", "ab"), (r"(x(?:ab))", "ab"),
                          (r"x(?:a?)", "a?"), (r"[(]|(?:ab)", "ab")):
        with pytest.raises(ValueError):
            needing(re.compile(pattern), part=part)
    with pytest.raises(ValueError):
        needing(re.compile("a:"))
    spans = needing(re.compile(r"\s*(?:ab)"), part="ab")
    assert [m.span() for m in spans.finditer("x ab  ab", 0, 7)] == [(1, 4)]
    assert needing(re.compile(r"a+:"), char=":").search("aaa aa:", 0, 6) is None


@pytest.mark.parametrize("text", _texts())
def test_patterns_tried_where_their_union_matched_find_what_they_find(text: str) -> None:
    assert UNIONS
    for patterns, either in UNIONS:
        starts = [m.start() for m in either.finditer(text)]
        for pattern in patterns:
            assert _found(matches_at(pattern, text, starts)) == _found(pattern.finditer(text))


def test_a_union_refuses_a_pattern_that_may_match_nothing() -> None:
    with pytest.raises(ValueError):
        union([re.compile(r"ab"), re.compile(r"c?")])
    with pytest.raises(ValueError):
        union([re.compile(r"(a)b\1")])
    with pytest.raises(ValueError):
        union([re.compile(r"ab"), re.compile(r"cd", re.IGNORECASE)])


def test_overlapping_patterns_of_a_union() -> None:
    patterns = [re.compile(r"\bden (?P<d>\d+)"), re.compile(r"(?P<d>\d+)/(?P<m>\d+)"),
                re.compile(r"n (?:\d+ )+")]
    either = union(patterns)
    rng = random.Random(3)
    for _ in range(300):
        text = "".join(rng.choice(["den ", "1", "12", "/", " ", "n ", "a"]) for _ in range(30))
        starts = [m.start() for m in either.finditer(text)]
        for pattern in patterns:
            assert _found(matches_at(pattern, text, starts)) == _found(pattern.finditer(text))


@pytest.mark.parametrize("source", [
    r"\s*",  # may match nothing
    r"(?:ab)?c?",
    r"abc\b",  # the engine skips to a literal by itself
    r"[ab]c",
    r"(?i)\bfoo",  # case: not bounded by the letters written
    r".x",  # any character
    r"[^a]b",  # a negated class
    r"\wb",  # nearly any character
    r"(a)?\1b",  # a back-reference
])
def test_patterns_left_as_they_are(source: str) -> None:
    pattern = re.compile(source)
    assert gated(pattern) is pattern


@pytest.mark.parametrize(("source", "first"), [
    (r"\bfoo|\bbar", "[bf]"),
    (r"\s*(?:[-–]\s*)?(?:chu tri|ch[il]u)", r"[\-\sc–]"),
    (r"(?<![a-z])(?:x|y[0-9]+)", "[xy]"),
    (r"(?:\d{1,2}/)+\d{4}", r"[\d]"),
    (r"(?=\w)(?:a|b)+c", "[ab]"),
    (r"\b(?!sở\b)s[ởo]\s+(?P<name>[a-z ]+)", "[s]"),
])
def test_gated_patterns(source: str, first: str) -> None:
    pattern = re.compile(source)
    fast = gated(pattern)
    assert fast.pattern.startswith(f"(?={first})")
    rng = random.Random(source)
    for _ in range(200):
        text = "".join(rng.choice("abcfoxy sởchutrilu-–\n12/2024") for _ in range(60))
        _assert_same(pattern, fast, text)


def test_a_union_of_patterns_that_open_a_word_is_tried_at_word_starts_only() -> None:
    words = [re.compile(r"\bden (?P<d>\d+)"), re.compile(r"(?:^|(?<=[.;\n]))\s*ngay \d+"),
             re.compile(r"(?:\btrong|\bth[a-z]i) \d+")]
    assert union(words).pattern.startswith(r"(?<!\w)")
    # (a pattern that can start inside a word, or after a letter, keeps every position)
    for inside in (r"(?P<d>\d+)/\d+", r"\b\s*den", r"(?<=a)den", r"\b[^x]den"):
        assert not union([*words, re.compile(inside)]).pattern.startswith(r"(?<!\w)")
    rng = random.Random(5)
    alphabet = ["den ", "ngay ", "trong ", "thoi ", "12", "3 ", ".", ";", "\n", " ", "a", "x"]
    either = union(words)
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        starts = [m.start() for m in either.finditer(text)]
        for pattern in words:
            assert _found(matches_at(pattern, text, starts)) == _found(pattern.finditer(text))


def _end_in_turn(parts: tuple, text: str, pos: int) -> int:
    """Where matching `parts` one after another from `pos` ends (what `in_turn` replaces)."""
    for part in parts:
        for pattern in part if isinstance(part, tuple) else (part,):
            if m := pattern.match(text, pos):
                pos = m.end()
                break
    return pos


@pytest.mark.parametrize("text", _texts())
def test_patterns_in_turn_end_where_their_parts_end(text: str) -> None:
    assert IN_TURN  # (the name readers' titles before a name)
    for parts, one in IN_TURN:
        for pos in range(len(text) + 1):
            assert one.match(text, pos).end() == _end_in_turn(parts, text, pos), (text[pos : pos + 60])


def test_in_turn_takes_each_part_where_the_last_ended() -> None:
    verb, title = re.compile(r"\bde nghi\s+"), re.compile(r"(?:(?:pho )?chu tich\s+)+(?=\S)")
    whole, each = re.compile(r"toan\s+(?=cac\b)"), re.compile(r"(?P<u>to) truong\s+(?=cac (?P=u)\b)")
    one = in_turn(verb, (whole, each), title)
    for text, end in [("de nghi chu tich UBND", 17), ("chu tich pho chu tich ubnd", 22),
                      ("de nghi to truong cac to", 18), ("toan cac", 5), ("de nghi", 0),
                      ("chu tich", 0), ("ubnd", 0), ("xde nghi toan cac", 0)]:
        assert one.match(text).end() == end == _end_in_turn((verb, (whole, each), title), text, 0)
    assert one.match("x de nghi chu tich a", 2).end() == 19  # (from inside the text)
    assert one.match("xde nghi ", 1).end() == 1  # (`\b` sees what is before, as alone)


def test_in_turn_refuses_parts_it_cannot_join() -> None:
    with pytest.raises(ValueError):
        in_turn(re.compile(r"(a)\1"), re.compile("b"))  # (groups numbered otherwise)
    with pytest.raises(ValueError):
        in_turn(re.compile("a", re.IGNORECASE), re.compile("b"))
    with pytest.raises(re.error):
        in_turn(re.compile("(?P<x>a)"), re.compile("(?P<x>b)"))


def _collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("text", _texts())
def test_patterns_marked_by_first_words_find_what_they_find(text: str) -> None:
    assert len(MARKED) >= 10  # (the span readers')
    for pattern, fast in MARKED:
        _assert_same(pattern, fast, text)
        strings = first_strings(pattern)
        if strings is not None:  # every match holds one: the gate never says no to one
            for m in pattern.finditer(text):
                assert any(s in _collapsed(m.group()) for s in strings), (m.group(), pattern.pattern)


def test_the_span_readers_patterns_have_first_words() -> None:
    # (a reader whose strings are too short to tell is scanned everywhere: none is now)
    readers = vanban.extract.tasks._SPANS
    assert len(readers.strings()) >= 10 and all(each for each, _bit in readers.strings())


def _random_pattern(rng: random.Random, depth: int = 0) -> str:
    pieces = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice("llllccsaob" if depth < 2 else "llllccs")
        if kind == "l":
            pieces.append(rng.choice(["a", "b", "ab", "ba", " ", "-", ":", "\\n", "\\.", "\\b"]))
        elif kind == "c":
            pieces.append(rng.choice(["[ab]", "[a-c]", "[\\s-]", "[^a]", "\\d", "\\w", "."]))
        elif kind == "s":
            pieces.append(rng.choice(["\\s+", "\\s*", " ?", "\\s", "(?=a)", "(?!b)", "(?<=a)"]))
        elif kind == "a":
            pieces.append("(?:" + "|".join(_random_pattern(rng, depth + 1)
                                          for _ in range(rng.randint(2, 3))) + ")")
        elif kind == "o":
            pieces.append(f"(?:{_random_pattern(rng, depth + 1)})"
                          + rng.choice(["?", "*", "+", "{2}", "{1,3}", "{0,5}", "+?"]))
        else:
            pieces.append(f"({_random_pattern(rng, depth + 1)})")
    return "".join(pieces)


def _random_patterns_read(seed: int, read_strings):
    """3,000 random patterns with the strings `read_strings` reads of them (those it can
    read), six random texts to try them on, and the generator for the windows."""
    rng = random.Random(seed)
    texts = ["".join(rng.choice("aabbc -:\n\t.1\u00a0") for _ in range(400)) for _ in range(6)]
    for _ in range(3000):
        pattern = re.compile(_random_pattern(rng))
        strings = read_strings(pattern)
        if strings is not None:
            yield pattern, strings, texts, rng


def test_first_strings_are_in_every_match_of_random_patterns() -> None:
    read = 0
    for pattern, strings, texts, rng in _random_patterns_read(17, first_strings):
        read += 1
        words = FirstWords("test")
        marked = words.marked(pattern)
        for text in texts:
            for m in pattern.finditer(text):
                assert any(s in _collapsed(m.group()) for s in strings), (pattern.pattern, m)
            for at in range(0, len(text), 37):
                end = at + rng.randint(0, 80)
                assert _found(marked.finditer(text, at, end)) == _found(
                    pattern.finditer(text, at, end)), (pattern.pattern, at, end)
    assert read > 500


def test_first_strings() -> None:
    assert first_strings(re.compile(r"\bgiao\s+(?:nhiem vu|viec)\s+")) == {
        "giao nhiem ", "giao viec "}  # (two words at most)
    assert first_strings(re.compile(r"\s*(?:[-–]\s*)?chu\s+tri")) == {"chu tri"}
    assert first_strings(re.compile(r"ch[il]?\s+dao")) == {"ch dao", "chi dao", "chl dao"}
    for unread in (r"d\s", r"(?:ab|c)x?", r".abc", r"[^a]bc", r"\dabc", r"(?i)abc", r"a|bcd"):
        assert first_strings(re.compile(unread)) is None, unread
    assert first_strings(re.compile(r"abc(?:x|.)")) == {"abc"}  # (as far as it is spelled)
    assert first_strings(re.compile(r"ab\n\t c")) == {"ab c"}  # (spaces as one)


def test_first_words_mark_a_span_once_for_all_patterns() -> None:
    words = FirstWords("test")
    lead, help_, short = (words.marked(re.compile(p)) for p in (r"chu\s+tri", r"phoi hop", r"do"))
    text = "so x chu  tri, so y phoi\nhop; do"
    assert words.marks(text, 0, len(text)) == 0b111
    assert words.marks(text, 0, 14) == 0b101  # (a pattern without strings: always)
    assert words.marks(text, 5, 12) == 0b100
    assert [m.span() for m in lead.finditer(text, 0, 14)] == [(5, 13)]
    assert help_.search(text, 0, 14) is None and short.search(text, 29).span() == (30, 32)


def test_opening_strings_open_every_match_of_random_patterns() -> None:
    """Every match of a random pattern opens with one of its `opening_strings` (its runs of
    whitespace one space), and the pattern `opened` (tried only where they start) finds
    what it finds, at random windows."""
    from vanban.regex_gate import _compiled, _table_bytes

    read = 0
    for pattern, strings, texts, rng in _random_patterns_read(23, opening_strings):
        read += 1
        fast = opened(pattern, "test")
        if _compiled() is not None:
            fast._table = _table_bytes([(strings, 1)])  # (not the command line's cache)
        for text in texts:
            for m in pattern.finditer(text):
                assert any(_collapsed(m.group()).startswith(s) for s in strings), (
                    pattern.pattern, m)
            for at in range(0, len(text), 37):
                end = at + rng.randint(0, 200)
                assert _found(fast.finditer(text, at, end)) == _found(
                    pattern.finditer(text, at, end)), (pattern.pattern, at, end)
                one, two = fast.search(text, at, end), pattern.search(text, at, end)
                assert _found([one] if one else []) == _found([two] if two else [])
    assert read > 300


def test_opening_strings() -> None:
    assert opening_strings(re.compile(r"\bgiao\s+(?:nhiem vu|viec)\s+")) == {
        "giao nhiem ", "giao viec "}
    # (an optional opening spelled out, not passed over as `first_strings` does)
    assert opening_strings(re.compile(r"(?:hoac\s+)?truoc")) == {"hoac truoc", "truoc"}
    assert opening_strings(re.compile(r"(?<!\w)(?=t)truoc\b")) == {"truoc"}
    for unread in (r"\s*abc", r"\s?abc", r"(?:\s|x)abc", r"(?:ab)?c", r"(?=abc)", r".abc",
                   r"(?i)abc", r"a|bcd"):
        assert opening_strings(re.compile(unread)) is None, unread


@pytest.mark.parametrize("text", _texts())
def test_patterns_opened_find_what_they_find(text: str) -> None:
    vanban.extract.mentions._team_heads()  # (made at first use)
    assert len(OPENED) >= 3  # (the request verbs', a members' list's, a team's heads')
    for pattern, fast in OPENED:
        assert fast.table() or vanban.regex_gate._compiled() is None
        _assert_same(pattern, fast, text)
