"""Patterns searched faster, finding the same matches.

`gated`: a lookahead of the characters a pattern's matches can start with.

A search tries its pattern at every position of the text. A pattern that opens with
`\\b`, a lookahead, optional space or an alternation of words with OCR-tolerant letters
("tr[a-z]{2,4}|ch[a-z]{1,2}m nh..."), costs a full attempt of its first branches there;
one that opens with a character class costs one test. `gated(p)` puts in front of `p` a
lookahead of the characters a match of `p` can start with, read from the pattern itself.
The matches are the same, at the same places, with the same groups: the lookahead is
zero-width and takes no group, and a position whose character is outside the set starts
no match of `p` anyway.

A pattern is returned as it is when gating would not help or could not be exact: it may
match the empty string, ignores case, is verbose or bytes, opens with what the reader
cannot bound (any character, a negated class, a back-reference, a word character), or
already opens with a character or class (the engine skips to those by itself).

A lookahead still costs a call into the matcher at every position; where the first
characters are rare in a text (no space, at most four lower-case letters), `gated` gives a
`Skipping` pattern, whose searches let the engine skip to them (see the class).

`union` and `matches_at`: many patterns searched over one text (the deadline rules over
a task's text) in one scan instead of one each. `union(patterns)` matches, zero-width, at
every position where one of them matches; `matches_at(p, text, starts)` is what
`p.finditer(text)` yields, trying `p` only at those positions: a search is a match tried
at each position in turn, and no other position can start one. Where every pattern opens
at a word's start (`\\b` and a word character, a line's start, a lookbehind of a non-word
character), the union is tried at word starts only.

`needing`: a pattern whose every match holds a character (a label's colon) or a part that
a cheaper search finds (a verb the pattern's optional space leads to): its searches over a
span without it end before the engine tries the pattern at every position.

`in_turn`: patterns matched one after another at a position, each where the last ended
when it matched (a name reader's titles and request verb before the name), in one match.

`FirstWords`: many patterns scanned over the same spans (the task readers'), each asking
first, in one pass over the span shared by all, whether the span holds one of the strings
every match of it holds (its first words read from the pattern, `first_strings`).
"""

from __future__ import annotations

import contextlib
import re
import struct
import sys
from array import array
from collections.abc import Iterator, Sequence
from re import _constants as sre  # the parsed form of a pattern (Python's own reader)
from re import _parser

# (original, gated) of every pattern gated, and (patterns, union) of every union, for the
# tests that compare their matches
GATED: list[tuple[re.Pattern[str], re.Pattern[str]]] = []
UNIONS: list[tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]] = []
NEEDING: list[tuple[re.Pattern[str], Needing]] = []
IN_TURN: list[tuple[tuple, re.Pattern[str]]] = []  # (parts, pattern) of every `in_turn`
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")

_CATEGORIES = {sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_DIGIT: r"\d"}
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def gated(pattern: re.Pattern[str]) -> re.Pattern[str] | Skipping:
    """`pattern`, or the same pattern behind a lookahead of its first characters."""
    if (not isinstance(pattern.pattern, str) or pattern.flags & (re.IGNORECASE | re.VERBOSE)
            or _INLINE_FLAGS.match(pattern.pattern)):
        return pattern
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    if parsed.getwidth()[0] == 0 or _opens_with_a_class(list(parsed)):
        return pattern
    first, empty = _first(list(parsed))
    if first is None or empty or not first:
        return pattern
    chars = "".join(sorted(first))
    out = re.compile(f"(?=[{chars}])(?:{pattern.pattern})", pattern.flags)
    if _rare(first):
        with contextlib.suppress(re.error):  # (what a lookbehind cannot hold: gated as it is)
            out = Skipping(out, chars)
    GATED.append((pattern, out))
    return out


def _rare(first: set[str]) -> bool:
    """Whether a text holds few of these first characters (class pieces, `_class`): no
    space and at most four lower-case letters. Skipping to each of many costs more than
    trying the gated pattern at every position (measured: "[bcdfgiprtuy]" or "[\\s-c]"
    slower, "[c]", "[bckr]", digits or capitals 1.3-2.2x faster)."""
    if r"\s" in first or any(piece.isspace() or piece == r"\ " for piece in first):
        return False
    lower = 0
    for piece in first:
        if len(piece) == 3 and piece[1] == "-":
            low, high = max(piece[0], "a"), min(piece[2], "z")
            lower += max(0, ord(high) - ord(low) + 1)
        elif len(piece) == 1 and "a" <= piece <= "z":
            lower += 1
    return lower <= 4


class Skipping:
    """A gated pattern whose searches skip to its first characters.

    The engine skips through a text to a pattern's first character by itself only when the
    pattern consumes it first (a literal or a class); behind a lookahead, as `gated` puts
    it, it tries the whole pattern at every position. `starts` consumes one of the first
    characters and then asserts, from behind, that the pattern matches where it stood:
    it finds the positions where the gated pattern matches, skipping between them as the
    engine does, and the pattern is matched there (with the same `endpos`). `finditer` and
    `search` find what the gated pattern's own do (it never matches the empty string: a
    match goes on from where the last ended); `match`, `fullmatch` and the rest are the
    pattern's own.
    """

    __slots__ = ("flags", "fullmatch", "gated", "groupindex", "groups", "match", "pattern",
                 "starts")

    def __init__(self, gated: re.Pattern[str], chars: str) -> None:
        self.gated = gated
        self.starts = re.compile(f"[{chars}](?<=(?={gated.pattern})[{chars}])", gated.flags)
        self.match, self.fullmatch = gated.match, gated.fullmatch
        self.pattern, self.flags = gated.pattern, gated.flags
        self.groups, self.groupindex = gated.groups, gated.groupindex

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        first = self.starts.search(string, pos, endpos)  # (most spans hold none)
        return iter(()) if first is None else self._found(string, first.start(), endpos)

    def _found(self, string: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        free = pos
        match = self.gated.match
        for start in self.starts.finditer(string, pos, endpos):
            at = start.start()
            if at >= free and (found := match(string, at, endpos)) is not None:
                free = found.end()
                yield found

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize
               ) -> re.Match[str] | None:
        start = self.starts.search(string, pos, endpos)
        return None if start is None else self.gated.match(string, start.start(), endpos)

    def __getattr__(self, name: str):  # findall, sub, split, ...: the gated pattern's own
        return getattr(self.gated, name)


class Needing:
    """A pattern whose `finditer` and `search` first ask whether the span holds what every
    match of it holds: a character, or a match of a part of it (`needing`).

    The task readers scan each sentence with a dozen patterns that find nothing in most
    (a label's colon, a lead verb are in few sentences), each a full attempt at every
    space; `str.find` or a search of the part that opens with its own letter (which the
    engine skips to) says so first. Where the span holds it, the pattern's own search runs
    as before: the same matches. `match`, `fullmatch` and the rest are the pattern's own.
    """

    __slots__ = ("char", "flags", "fullmatch", "groupindex", "groups", "match", "part",
                 "pattern", "scanned")

    def __init__(self, scanned: re.Pattern[str] | Skipping, char: str | None,
                 part: re.Pattern[str] | None) -> None:
        self.scanned, self.char, self.part = scanned, char, part
        self.match, self.fullmatch = scanned.match, scanned.fullmatch
        self.pattern, self.flags = scanned.pattern, scanned.flags
        self.groups, self.groupindex = scanned.groups, scanned.groupindex

    def _holds(self, string: str, pos: int, endpos: int) -> bool:
        if self.char is not None:
            return string.find(self.char, max(pos, 0), endpos) != -1
        return self.part.search(string, pos, endpos) is not None  # type: ignore[union-attr]

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        if not self._holds(string, pos, endpos):
            return iter(())
        return self.scanned.finditer(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize
               ) -> re.Match[str] | None:
        if not self._holds(string, pos, endpos):
            return None
        return self.scanned.search(string, pos, endpos)

    def __getattr__(self, name: str):  # findall, sub, split, ...: the pattern's own
        return getattr(self.scanned, name)


def needing(pattern: re.Pattern[str] | Skipping, *, char: str | None = None,
            part: str | None = None) -> Needing:
    """`pattern` (gated or not) whose searches first look for `char`, which every match of
    it consumes (read from the pattern: a literal outside any optional or alternative
    part, else ValueError), or for a match of `part`, which must be the pattern's last
    part, not optional (every match of the pattern ends with a match of it, found by a
    search from the same place to the same limit)."""
    if (char is None) == (part is None):
        raise ValueError("needing: a character or a part")
    text = pattern.pattern
    if char is not None:
        if pattern.flags & re.IGNORECASE or char not in _consumed(
                list(_parser.parse(text, pattern.flags))):
            raise ValueError(f"not every match of {text!r} holds {char!r}")
        out = Needing(pattern, char, None)
    else:
        # (read on the pattern before `gated` put its lookahead in front)
        text = next((o.pattern for o, fast in GATED if fast is pattern), text)
        prefix = text.removesuffix(f"(?:{part})")
        if prefix == text or not _parser.parse(part, pattern.flags).getwidth()[0] or (
                not _a_whole_sequence(prefix)):
            raise ValueError(f"{part!r} is not the last part of {text!r}")
        out = Needing(pattern, None, re.compile(part, pattern.flags))
    NEEDING.append((pattern, out))
    return out


def _a_whole_sequence(prefix: str) -> bool:
    """Whether what comes after `prefix` in a pattern follows all of it: its brackets all
    closed, and no alternation open at its top level ("a|" would make the rest one
    alternative)."""
    depth, i = 0, 0
    while i < len(prefix):
        char = prefix[i]
        if char == "\\":
            i += 1
        elif char == "[":  # a class: its brackets and bars are characters
            i += 2 if prefix[i + 1 : i + 2] == "^" else 1
            i += 1 if prefix[i : i + 1] == "]" else 0
            while i < len(prefix) and prefix[i] != "]":
                i += 2 if prefix[i] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        i += 1
    return depth == 0


def _consumed(items: list) -> set[str]:
    """The characters every match of the sequence consumes (literals outside optional,
    repeated-or-not and alternative parts, and a class of one character)."""
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            out.add(chr(av))
        elif op is sre.IN and len(av) == 1 and av[0][0] is sre.LITERAL:
            out.add(chr(av[0][1]))
        elif op is sre.SUBPATTERN and not av[1] & (re.IGNORECASE | re.LOCALE):
            out |= _consumed(list(av[3]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            out |= _consumed(list(av[2]))
        elif op is sre.BRANCH:
            each = [_consumed(list(alternative)) for alternative in av[1]]
            out |= set.intersection(*each) if each else set()
    return out


def union(patterns: Sequence[re.Pattern[str]]) -> re.Pattern[str]:
    """A zero-width pattern that matches where any of `patterns` would (see the module):
    at a position, those of them that can start with its character are tried (where
    their first characters are bounded; all of them, else)."""
    flags = {p.flags for p in patterns}
    if len(flags) != 1:
        raise ValueError("the patterns of a union share their flags")
    first: set[str] | None = set()
    firsts: list[set[str] | None] = []
    for p in patterns:
        parsed = _parser.parse(p.pattern, p.flags)
        if parsed.getwidth()[0] == 0 or "(?P=" in p.pattern or re.search(r"\\[1-9]", p.pattern):
            raise ValueError(f"a pattern that may match nothing or refers back: {p.pattern!r}")
        chars, _empty = _first(list(parsed))
        firsts.append(chars)
        first = None if first is None or chars is None else first | chars
    # (groups named alike in several patterns unnamed: only where they match counts here)
    unnamed = [f"(?:{_NAMED_GROUP.sub('(?:', p.pattern)})" for p in patterns]
    either = "|".join(unnamed)
    gate = f"(?=[{''.join(sorted(first))}])" if first else ""
    # (patterns that all open at a word's start, "\bden ...", are tried at word starts only:
    # the engine no longer tries their alternation inside every word)
    words = all(_opens_a_word(list(_parser.parse(p.pattern, p.flags))) for p in patterns)
    if first:
        # each first character tries only the patterns that can start with it: one class
        # consumed (the engine tests it alone), the patterns asserted from behind where it
        # stood; the rest are not tried ("den ..." at a "t" of the 23 deadline rules: 2.5x)
        by_piece: dict[str, list[str]] = {}
        for chars, source in zip(firsts, unnamed, strict=True):
            for piece in sorted(chars or ()):
                by_piece.setdefault(piece, []).append(source)
        either = "|".join(f"[{piece}](?<=(?={'|'.join(sources)})[{piece}])"
                          for piece, sources in by_piece.items())
        gate = ""
    if words:
        gate = rf"(?<!\w){gate}"
    out = re.compile(f"{gate}(?=(?:{either}))", flags.pop())
    UNIONS.append((tuple(patterns), out))
    return out


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Sequence[int]
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, `pattern` tried only at `starts` (sorted): the positions
    its `union` with others matched at. (A pattern of a union never matches nothing.)"""
    free = 0
    for at in starts:
        if at >= free and (m := pattern.match(text, at)) is not None:
            yield m
            free = m.end()


def _opens_a_word(items: list) -> bool:
    """Whether every match of the sequence starts where no word character is before it:
    each way in opens with `\\b` and a word character, the text's or a line's start, or a
    lookbehind of one character that is no word character."""
    if not items:
        return False
    op, av = items[0]
    if op is sre.SUBPATTERN:
        return not av[1] & (re.IGNORECASE | re.LOCALE) and _opens_a_word(list(av[3]))
    if op is sre.BRANCH:
        return all(_opens_a_word(list(alternative)) for alternative in av[1])
    if op is sre.AT and av is sre.AT_BOUNDARY:
        chars, empty = _first(items[1:])
        return chars is not None and not empty and bool(chars) and all(map(_a_word_piece, chars))
    if op is sre.AT:
        return av in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_BEGINNING_LINE)
    if op is sre.ASSERT and av[0] == -1:  # (?<=[.;:\n])
        behind = list(av[1])
        piece = _class(behind[0][1]) if len(behind) == 1 and behind[0][0] is sre.IN else (
            {_piece(behind[0][1])} if len(behind) == 1 and behind[0][0] is sre.LITERAL else None)
        return piece is not None and not any(map(_a_word_piece, piece)) and all(
            len(x) <= 2 and x not in (r"\d", "_") and not x[-1].isalnum() for x in piece)
    return False


def _a_word_piece(piece: str) -> bool:
    """Whether every character of a class piece (`_class`, `_piece`) is a word character."""
    if piece == r"\d":
        return True
    if len(piece) == 3 and piece[1] == "-":
        return any(a <= piece[0] <= piece[2] <= b for a, b in (("a", "z"), ("A", "Z"), ("0", "9")))
    return len(piece) == 1 and (piece.isalnum() or piece == "_")


def _opens_with_a_class(items: list) -> bool:
    """Whether the engine finds the pattern's first character by itself (a literal or a
    class first, as `re` reads a prefix)."""
    while items and items[0][0] is sre.SUBPATTERN:
        items = list(items[0][1][3])
    return bool(items) and items[0][0] in (sre.LITERAL, sre.IN)


def _first(items: list) -> tuple[set[str] | None, bool]:
    """(the class pieces a match of the sequence can start with, or None when they cannot
    be bounded; whether the sequence may match the empty string)."""
    chars: set[str] = set()
    for op, av in items:
        got, empty = _first_of(op, av)
        if got is None:
            return None, False
        chars |= got
        if not empty:
            return chars, False
    return chars, True


def _first_of(op, av) -> tuple[set[str] | None, bool]:
    if op is sre.LITERAL:
        return {_piece(av)}, False
    if op is sre.IN:
        return _class(av), False
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # zero-width: the next item starts it
        return set(), True
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & (re.IGNORECASE | re.LOCALE):
            return None, False
        return _first(list(sub))
    if op is sre.ATOMIC_GROUP:
        return _first(list(av))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, sub = av
        got, empty = _first(list(sub))
        return (got, empty or low == 0) if got is not None else (None, False)
    if op is sre.BRANCH:
        chars: set[str] = set()
        empty = False
        for alternative in av[1]:
            got, e = _first(list(alternative))
            if got is None:
                return None, False
            chars |= got
            empty = empty or e
        return chars, empty
    return None, False  # any character, a back-reference, a conditional: unbounded


def _class(items) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            out.add(_piece(av))
        elif op is sre.RANGE:
            out.add(f"{_piece(av[0])}-{_piece(av[1])}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            out.add(_CATEGORIES[av])
        else:  # a negated class, a word or non-space category: nearly every character
            return None
    return out


def _piece(code: int) -> str:
    """A character as written inside a class."""
    char = chr(code)
    return "\\" + char if char in "\\]^-[" else re.escape(char) if char.isspace() else char


def in_turn(*parts: re.Pattern[str] | Skipping | tuple[re.Pattern[str] | Skipping, ...]
            ) -> re.Pattern[str]:
    """One pattern whose `match` at a position ends where matching `parts` in turn would:
    each part matched where the last ended (a tuple's patterns tried in order, the first
    that matches taken), a part that does not match passed over.

    Each part is an optional group of the one pattern, in order: the engine takes a part's
    first way of matching (what the part's own `match` finds) or, failing that, none, and
    since every later part may match nothing it never comes back to try another. The
    parts see the text before where they start as their own `match` there does (`\\b`,
    lookbehinds). A name reader asks this at each place it reads a name (20,000 times over
    60 documents): one match where it was four or five."""
    flags = {p.flags for part in parts for p in (part if isinstance(part, tuple) else (part,))}
    if len(flags) != 1:
        raise ValueError("the parts of in_turn share their flags")
    pieces = []
    for part in parts:
        alternatives = part if isinstance(part, tuple) else (part,)
        for p in alternatives:
            # (a numbered back-reference or a conditional group counts groups: the one
            # pattern numbers them otherwise)
            if re.search(r"\\[1-9]|\(\?\(", p.pattern):
                raise ValueError(f"a pattern that refers back by number: {p.pattern!r}")
        pieces.append("(?:" + "|".join(f"(?:{p.pattern})" for p in alternatives) + ")?")
    out = re.compile("".join(pieces), flags.pop())  # (a group named twice: re.error)
    IN_TURN.append((parts, out))
    return out


# --- the readers' first words: one pass over a span for all of them -------------------

# (a pattern's opening read out as strings: at most this many at a step, each at most
# this long, a repeat unrolled this often; past them its strings stop growing, as the
# prefixes they are)
_MOST = 4096
_LONGEST = 12
_REPEATS = 3
_SHORTEST = 3  # a string of fewer characters ("d", "do") is in nearly every span
MARKED: list[tuple[object, Marked]] = []  # (pattern, marked) of every pattern marked


def first_strings(pattern: re.Pattern[str] | Skipping | Needing) -> frozenset[str] | None:
    """Strings, one of which every match of `pattern` holds (its runs of whitespace, any
    `str.isspace` character, read as one space): the pattern's opening read out (each
    alternative, class and repeat spelled out, zero-width parts passed over), each string
    as far as it is spelled out. None when a string would be shorter than `_SHORTEST`
    (a pattern opening with any character, a negated class, `\\d`, "d" alone), the
    pattern ignores case or is not of str."""
    text = pattern.pattern
    if not isinstance(text, str) or pattern.flags & re.IGNORECASE or _INLINE_FLAGS.match(text):
        return None
    state = _spelled(list(_parser.parse(text, pattern.flags)), {("", True)})
    strings = _shortest(s for s, _open in state)
    if not strings or min(map(len, strings)) < _SHORTEST:
        return None
    return strings


def opening_strings(pattern: re.Pattern[str] | Skipping | Needing) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` opens with (its runs of whitespace
    read as one space): read out as `first_strings` reads them, but where the pattern
    opens with what may match nothing or something (an optional word), both are spelled
    out. None as for `first_strings`, and when a match may open with a space, or nothing
    may be consumed (a match of no width)."""
    text = pattern.pattern
    if not isinstance(text, str) or pattern.flags & re.IGNORECASE or _INLINE_FLAGS.match(text):
        return None
    parsed = _parser.parse(text, pattern.flags)
    if not parsed.getwidth()[0]:
        return None
    state = _spelled(list(parsed), {("", True)}, opening=True)
    strings = _shortest(s for s, _open in state)
    if not strings or min(map(len, strings)) < _SHORTEST or any(
            s.startswith(" ") for s in strings):
        return None
    return strings


def _shortest(strings) -> frozenset[str]:
    """The strings none of whose beginnings is another of them (a span that holds a string
    holds its beginnings)."""
    kept: set[str] = set()
    for string in sorted(strings, key=len):
        if not any(string[:end] in kept for end in range(1, len(string))):
            kept.add(string)
    return frozenset(kept)


def _spelled(items: list, state: set[tuple[str, bool]], opening: bool = False
             ) -> set[tuple[str, bool]]:
    """The strings a sequence's matches open with after each of `state`'s (string, open)
    pairs: an open one is followed by each way the sequence spells; a closed one is done.
    Where nothing is spelled yet, what may match nothing is passed over; not when the
    strings are those the matches open with (`opening`), and there a space first is kept
    (see `_grown`)."""
    for op, av in items:
        opened = {s for s, is_open in state if is_open}
        if not opened:
            break
        if not opening and opened == {""} and not _parser.SubPattern(
                _parser.State(), [(op, av)]).getwidth()[0]:
            continue  # (an optional opening: what follows it is in every match all the same)
        state = {x for x in state if not x[1]} | _spelled_item(op, av, opened, opening)
    return state


def _closed(strings) -> set[tuple[str, bool]]:
    return {(s, False) for s in strings}


def _grown(string: str, char: str, opening: bool = False) -> tuple[str, bool]:
    """`string` followed by `char`, whitespace one space (none at the start: a match's
    opening spaces are dropped, the rest is still in it; kept, and the string closed, where
    the strings are those the matches open with), closed at `_LONGEST` and after its
    second word."""
    if len(string) >= _LONGEST:
        return string, False
    if opening and char == " " and not string:
        return char, False
    if char == " " and (not string or string.endswith(" ")):
        return string, True
    if char == " " and " " in string:  # two words: enough to tell a reader's
        return string + char, False
    return string + char, True


def _spelled_item(op, av, opened: set[str], opening: bool = False) -> set[tuple[str, bool]]:
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # zero-width: nothing consumed
        return {(s, True) for s in opened}
    if op is sre.LITERAL or op is sre.IN:
        chars = _spelled_chars(op, av)
        if chars is None or len(opened) * len(chars) > _MOST:
            return _closed(opened)
        return {_grown(s, c, opening) for s in opened for c in chars}
    start = {(s, True) for s in opened}
    if op is sre.SUBPATTERN:
        return _closed(opened) if av[1] & (re.IGNORECASE | re.LOCALE) else _spelled(
            list(av[3]), start, opening)
    if op is sre.ATOMIC_GROUP:
        return _spelled(list(av), start, opening)
    if op is sre.BRANCH:
        out: set[tuple[str, bool]] = set()
        for alternative in av[1]:
            out |= _spelled(list(alternative), start, opening)
            if len(out) > _MOST:
                return _closed(opened)
        return out
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, sub = av
        out, state = set(), start
        for count in range(_REPEATS + 1):
            out |= {x for x in state if not x[1]}
            state = {x for x in state if x[1]}
            if count >= high:
                return out | state  # (the repeat ends here)
            if count == _REPEATS:
                return out | _closed(s for s, _ in state)  # (it may go on, or not yet end)
            if count >= low:
                out |= state  # (it may end here)
            grown = _spelled(list(sub), state, opening)
            if grown == state:  # (more of it spells nothing new: "\\s+")
                return out | state
            state = grown
            if len(state) > _MOST:
                return out | _closed(opened)
        return out
    return _closed(opened)  # any character, a back-reference, a conditional: unspelled


def _spelled_chars(op, av) -> set[str] | None:
    """The characters a literal or a class matches, whitespace as one space; None for a
    negated class, a category but whitespace (`\\d` holds every script's digits), a range
    of more than 64."""
    if op is sre.LITERAL:
        return {" " if chr(av).isspace() else chr(av)}
    out: set[str] = set()
    for kind, value in av:
        if kind is sre.LITERAL:
            out.add(" " if chr(value).isspace() else chr(value))
        elif kind is sre.RANGE and value[1] - value[0] < 64:
            out |= {" " if chr(c).isspace() else chr(c) for c in range(value[0], value[1] + 1)}
        elif kind is sre.CATEGORY and value is sre.CATEGORY_SPACE:
            out.add(" ")
        else:
            return None
    return out


class Marked:
    """A pattern whose `finditer` and `search` first ask `FirstWords.marks` whether the span
    holds one of the strings every match of it holds (`first_strings`). Where it does, the
    pattern's own search runs as before: the same matches. `match`, `fullmatch` and the rest
    are the pattern's own."""

    __slots__ = ("bit", "flags", "fullmatch", "groupindex", "groups", "match", "pattern",
                 "scanned", "words")

    def __init__(self, scanned: re.Pattern[str] | Skipping | Needing, words: FirstWords,
                 bit: int) -> None:
        self.scanned, self.words, self.bit = scanned, words, bit
        self.match, self.fullmatch = scanned.match, scanned.fullmatch
        self.pattern, self.flags = scanned.pattern, scanned.flags
        self.groups, self.groupindex = scanned.groups, scanned.groupindex

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        if not self.words.marks(string, pos, endpos) & self.bit:
            return iter(())
        return self.scanned.finditer(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize
               ) -> re.Match[str] | None:
        if not self.words.marks(string, pos, endpos) & self.bit:
            return None
        return self.scanned.search(string, pos, endpos)

    def __getattr__(self, name: str):  # findall, sub, split, ...: the pattern's own
        return getattr(self.scanned, name)


OPENED: list[tuple[object, Opened]] = []  # (pattern, opened) of every pattern `opened`


class Opened:
    """A pattern scanned over whole texts, tried only where one of the strings every match
    of it opens with starts (`opening_strings`; `_candidates.starts` finds them in one
    pass): a search is the pattern tried at each position in turn, and no other position
    can start a match. `finditer` and `search` find what the pattern's own do; `match`,
    `fullmatch` and the rest are its own. Where the extension was not built, or the
    pattern's openings cannot be spelled out, its own searches run.

    The strings are read when the first text is (a few ms for a pattern of a thousand),
    and kept in the command line's cache (`user_cache.cached`)."""

    __slots__ = ("_table", "flags", "fullmatch", "groupindex", "groups", "match", "name",
                 "pattern", "scanned")

    def __init__(self, scanned: re.Pattern[str] | Skipping | Needing, name: str) -> None:
        self.scanned, self.name = scanned, name
        self.match, self.fullmatch = scanned.match, scanned.fullmatch
        self.pattern, self.flags = scanned.pattern, scanned.flags
        self.groups, self.groupindex = scanned.groups, scanned.groupindex
        self._table: bytes | None = None

    def table(self) -> bytes:
        """The trie of the pattern's opening strings (`_table_bytes`), b"" where there is
        none (the extension not built, the strings not spelled out)."""
        if self._table is None:
            if _compiled() is None:
                self._table = b""
            else:
                from vanban import user_cache  # (not at start: regex_gate is imported first)

                self._table = user_cache.cached(f"opening-{self.name}", self._build,
                                                decode=_checked_table)
        return self._table

    def _build(self) -> bytes:
        strings = opening_strings(self.scanned)
        return b"" if strings is None else _table_bytes([(strings, 1)])

    def starts(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[int]:
        """Where a match may start in `string[pos:endpos]` (the table's; `table()` first)."""
        return _compiled().starts(string, pos, endpos, self._table)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        if not self.table():
            return self.scanned.finditer(string, pos, endpos)
        return self._found(string, self.starts(string, pos, endpos), endpos)

    def _found(self, string: str, starts: list[int], endpos: int) -> Iterator[re.Match[str]]:
        free = 0
        match = self.scanned.match
        for at in starts:
            if at >= free and (found := match(string, at, endpos)) is not None:
                free = found.end()
                yield found

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize
               ) -> re.Match[str] | None:
        if not self.table():
            return self.scanned.search(string, pos, endpos)
        match = self.scanned.match
        for at in self.starts(string, pos, endpos):
            if (found := match(string, at, endpos)) is not None:
                return found
        return None

    def __getattr__(self, name: str):  # findall, sub, split, ...: the pattern's own
        return getattr(self.scanned, name)


def opened(pattern: re.Pattern[str] | Skipping | Needing, name: str) -> Opened:
    """`pattern`, its searches trying it only where its opening strings start (`Opened`);
    `name` names its table in the command line's cache."""
    out = Opened(pattern, name)
    OPENED.append((pattern, out))
    return out


def _checked_table(table: bytes) -> bytes:
    """An `Opened` table as the cache gave it, checked (b"": none)."""
    if table and (_candidates := _compiled()) is not None:
        _candidates.check(table)
    return table


_SPACES = re.compile(r"\s+")


class FirstWords:
    """One pass over a span for many readers' patterns: which of them could match in it.

    The task readers scan each sentence with a dozen patterns, each a full attempt of the
    engine at every position, most finding nothing. `marked(pattern)` gives the pattern a
    bit and its `first_strings`; `marks(text, pos, endpos)` reads the span once (compiled,
    `extract/_candidates.c`, where it was built) and sets the bit of every pattern one of
    whose strings it holds. The last two spans' marks are kept: the readers ask about the
    same span one pattern after another. The strings are read when the first span is (some
    50 ms of CPU), and kept in the command line's cache (`user_cache.cached`)."""

    def __init__(self, name: str) -> None:
        self.name = name  # (its tables' name in the command line's cache, `user_cache`)
        self._patterns: list[re.Pattern[str] | Skipping | Needing] = []
        self._table: bytes | None = None
        self._strings: list[tuple[frozenset[str], int]] = []
        # (the last two spans' marks: a reader asks about its sentence between its span's)
        self._last: tuple[tuple[str | None, int, int, int], ...] = ((None, 0, 0, 0),) * 2
        self._always = 0  # the bits of the patterns without strings

    def marked(self, pattern: re.Pattern[str] | Skipping | Needing) -> Marked:
        """`pattern`, its searches asking the pass first (at most 64 patterns a pass)."""
        if len(self._patterns) == 64:
            raise ValueError("a FirstWords marks 64 patterns at most")
        out = Marked(pattern, self, 1 << len(self._patterns))
        self._patterns.append(pattern)
        self._table = None
        MARKED.append((pattern, out))
        return out

    def strings(self) -> list[tuple[frozenset[str], int]]:
        """(strings, bit) of each pattern marked; a pattern whose strings are too short to
        tell (`first_strings` None) has none and its bit always set."""
        if self._table is None:
            from vanban import user_cache  # (not at start: regex_gate is imported first)

            self._strings, self._table = user_cache.cached(
                f"first-words-{self.name}", self._build, decode=_checked)
            self._always = sum(bit for each, bit in self._strings if not each)
        return self._strings

    def _build(self) -> tuple[list[tuple[frozenset[str], int]], bytes]:
        strings = [(first_strings(p) or frozenset(), 1 << i)
                   for i, p in enumerate(self._patterns)]
        return strings, _table_bytes(strings)

    def marks(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> int:
        """The bits of the patterns that may match in `string[pos:endpos]`."""
        for text, at, end, marks in self._last:
            if text is string and at == pos and end == endpos:
                return marks
        strings = self.strings()
        _candidates = _compiled()
        if _candidates is not None:
            marks = _candidates.marks(string, pos, endpos, self._table)
        else:
            marks = marks_in_python(strings, string, pos, endpos)
        marks |= self._always
        self._last = ((string, pos, endpos, marks), self._last[0])
        return marks


def marks_in_python(strings: list[tuple[frozenset[str], int]], string: str, pos: int,
                    endpos: int) -> int:
    """What `_candidates.marks` gives with the table of `strings` (where it was not built):
    the bits of those the span holds, its runs of whitespace one space."""
    span = _SPACES.sub(" ", string[max(pos, 0) : max(endpos, 0)])
    marks = 0
    for each, bit in strings:
        if any(s in span for s in each):
            marks |= bit
    return marks


def starts_in_python(strings: frozenset[str], string: str, pos: int, endpos: int) -> list[int]:
    """What `_candidates.starts` gives with the table of `strings` (for its tests): where
    in the span one of them starts, its runs of whitespace one space (a space standing
    where its run starts)."""
    at, span = [], []
    for m in re.finditer(r"\s+|\S", string[max(pos, 0) : max(endpos, 0)]):
        at.append(max(pos, 0) + m.start())
        span.append(" " if m.group().isspace() else m.group())
    collapsed = "".join(span)
    by_first: dict[str, list[str]] = {}
    for each in strings:
        by_first.setdefault(each[:1], []).append(each)
    return [at[i] for i, char in enumerate(span)
            if any(collapsed.startswith(s, i) for s in by_first.get(char, ()))]


def _table_bytes(strings: list[tuple[frozenset[str], int]]) -> bytes:
    """The strings as `_candidates.marks` reads them (see its header): a trie, its nodes
    numbered as first reached, each node's edges in order of their characters."""
    children: list[dict[str, int]] = [{}]
    masks = [0]
    for each, bit in strings:
        for s in each:
            node = 0
            for char in s:
                nxt = children[node].get(char)
                if nxt is None:
                    nxt = children[node][char] = len(children)
                    children.append({})
                    masks.append(0)
                node = nxt
            masks[node] |= bit
    first, chars, kids = [0], [], []
    for edges in children:
        for char in sorted(edges):
            chars.append(ord(char))
            kids.append(edges[char])
        first.append(len(chars))
    root = [children[0].get(chr(c), 0) for c in range(128)]
    every = 0
    for mask in masks:
        every |= mask
    out = b"".join((struct.pack("=IIQ", len(children), len(chars), every),
                    array("Q", masks).tobytes(), array("I", root).tobytes(),
                    array("I", first).tobytes(), array("I", chars).tobytes(),
                    array("I", kids).tobytes()))
    if (_candidates := _compiled()) is not None:
        _candidates.check(out)
    return out


def _checked(stored: tuple) -> tuple[list[tuple[frozenset[str], int]], bytes]:
    """A pass's strings and table as the cache gave them, the table checked."""
    strings, table = stored
    if (_candidates := _compiled()) is not None:
        _candidates.check(table)
    return [(frozenset(each), bit) for each, bit in strings], table


_COMPILED: list = []


def _compiled():
    """extract/_candidates.c's module, or None where it was not built (imported on first
    use: vanban.extract's modules import this one)."""
    if not _COMPILED:
        try:
            from vanban.extract import _candidates
        except ImportError:
            _candidates = None
        _COMPILED.append(_candidates)
    return _COMPILED[0]
