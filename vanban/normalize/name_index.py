"""Fuzzy lookup in a fixed table of folded names, scoring only names that can reach the cut-off.

`fuzz.ratio` is 100·(1 − indel distance / (len a + len b)), and the indel distance is at
least the difference of the lengths, so a name scores at most 200·min/(len a + len b):
names much shorter or longer than the key can never reach the cut-off and are not
scored. The answers are exactly rapidfuzz's `extractOne` / `extract` over the whole
table (best score first, the earlier table entry on a tie), only cheaper: most calls
look at a few dozen names instead of a thousand.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from rapidfuzz import fuzz, process


class NameIndex:
    """Names grouped by first letter and sorted by length, with their table positions."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        self._all = self._bucket(range(len(self.names)))
        by_first: dict[str, list[int]] = {}
        for i, name in enumerate(self.names):
            by_first.setdefault(name[:1], []).append(i)
        self._by_first = {first: self._bucket(ids) for first, ids in by_first.items()}

    def _bucket(self, ids) -> tuple[list[int], list[str], list[int]]:
        order = sorted(ids, key=lambda i: (len(self.names[i]), i))
        return [len(self.names[i]) for i in order], [self.names[i] for i in order], order

    @staticmethod
    def _window(size: int, cutoff: float) -> tuple[int, int]:
        """Lengths a name needs to score `cutoff` against a key of `size` characters."""
        if cutoff <= 0:
            return 0, 1 << 30
        # one character of slack either way: float rounding must never drop a name
        low = int(size * cutoff / (200 - cutoff)) - 1
        high = int(size * (200 - cutoff) / cutoff) + 1
        return low, high

    def _hits(self, key: str, bucket, cutoff: float) -> list[tuple[float, int]]:
        """(score, table position) of every name of `bucket` scoring at least `cutoff`."""
        lengths, names, order = bucket
        low, high = self._window(len(key), cutoff)
        a, b = bisect_left(lengths, low), bisect_right(lengths, high)
        if a >= b:
            return []
        found = process.extract(
            key, names[a:b], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        )
        return [(score, order[a + k]) for _, score, k in found]

    def best(self, key: str, cutoff: float) -> tuple[str, float] | None:
        """`process.extractOne(key, names, scorer=fuzz.ratio, score_cutoff=cutoff)`."""
        hits = self._hits(key, self._all, cutoff)
        if not hits:
            return None
        score, i = min(hits, key=lambda hit: (-hit[0], hit[1]))
        return self.names[i], score

    def best_same_start(self, key: str, cutoff: float, limit: int) -> tuple[str, float] | None:
        """The first name in the top `limit` of `process.extract(key, names, ...)` that
        starts with the key's first letter.

        The best such name is the one, if fewer than `limit` names of other letters rank
        above it; those are counted only when there is a candidate at all.
        """
        bucket = self._by_first.get(key[:1])
        hits = self._hits(key, bucket, cutoff) if bucket else []
        if not hits:
            return None
        score, i = min(hits, key=lambda hit: (-hit[0], hit[1]))
        first = key[:1]
        # a margin below `score`: rapidfuzz's cut-off test rounds, an equal score may fail it
        ahead = sum(
            1 for s, j in self._hits(key, self._all, score - 1)
            if self.names[j][:1] != first and (s > score or (s == score and j < i))
        )
        return (self.names[i], score) if ahead < limit else None
