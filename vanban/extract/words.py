"""The words of the text the name readers ask about again and again, found once.

The agency and organisation readers read the words from a place up to a limit at some
hundred places of a document, each time by a search (`_WORD.finditer`) that makes the same
words again. The words of the text they ask about a second time are found once, in one
pass, and then sliced: the first from a place inside a word is read from that place, and
the last is cut at the limit, as a search from the place that stops at the limit reads
them (`words_from` gives the same matches, `word_ends` their ends). A text asked about
once (a name or a sentence read on its own) is searched as before, and the words of one
text are kept at a time.
"""

from __future__ import annotations

import bisect
import itertools
import re

WORD = re.compile(r"[a-z0-9&]+")  # (a folded text's words, as the readers read them)

# [the text, its words (matches), their starts, their ends], the words once it is asked
# about again
_INDEXED: list = [None, None, None, None]


def _index(folded: str) -> tuple[list[re.Match[str]], list[int], list[int]] | None:
    indexed = _INDEXED
    if indexed[0] is not folded:
        indexed[:] = [folded, None, None, None]
        return None
    if indexed[1] is None:
        words = list(WORD.finditer(folded))
        indexed[1:] = [words, [w.start() for w in words], [w.end() for w in words]]
    return indexed[1], indexed[2], indexed[3]


def _span(starts: list[int], ends: list[int], pos: int, limit: int, count: int
          ) -> tuple[int, int]:
    """Which words of the index (first, past the last) a search from `pos` to `limit`
    meets, at most `count`: those that end after `pos` and start before `limit`."""
    first = bisect.bisect_right(ends, pos)
    return first, min(bisect.bisect_left(starts, limit, first), first + count)


def words_from(folded: str, pos: int, limit: int, count: int) -> list[re.Match[str]]:
    """`list(itertools.islice(WORD.finditer(folded, pos, limit), count))`."""
    index = _index(folded)
    if index is None or pos >= limit:
        return list(itertools.islice(WORD.finditer(folded, pos, limit), count))
    words, starts, ends = index
    first, last = _span(starts, ends, pos, limit, count)
    out = words[first:last]
    if out and out[0].start() < pos:  # (a word `pos` falls inside: read from `pos`)
        out[0] = WORD.match(folded, pos, limit)
    if out and out[-1].end() > limit:  # (and the last, cut at the limit)
        out[-1] = WORD.match(folded, max(pos, out[-1].start()), limit)
    return out


def word_ends(folded: str, pos: int, limit: int, count: int) -> list[int]:
    """`[m.end() for m in words_from(folded, pos, limit, count)]`."""
    index = _index(folded)
    if index is None or pos >= limit:
        return [m.end() for m in itertools.islice(WORD.finditer(folded, pos, limit), count)]
    _words, starts, ends = index
    first, last = _span(starts, ends, pos, limit, count)
    out = ends[first:last]
    if out and out[-1] > limit:
        out[-1] = limit
    return out
