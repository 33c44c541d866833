"""Candidate syllables for one written token: plain folding or OCR-confusion search.

A stripped token ("nang") has as candidates every syllable that folds to it. A garbled
token ("ndng", "x3", "céc") is read through the confusion table: a search over the
token's characters that only follows prefixes of real syllables, so it stays small.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from vanban.normalize import ocr_confusions as oc
from vanban.normalize.language_model import NgramModel
from vanban.normalize.syllables import fold

MAX_COST = 3.6
MAX_KEEP = 14
_VIET_LETTERS = "".join(oc.FAMILIES.values()) + "đ"


@dataclass
class CandidateIndex:
    model: NgramModel
    _cache: dict[str, tuple[tuple[int, float], ...]] = field(default_factory=dict)

    @cached_property
    def syllables(self) -> dict[str, int]:
        # Only syllables common enough to be a candidate of their folded form: the rare
        # rest of the vocabulary is mostly typos of the source texts.
        vocab = self.model.vocab
        return {vocab[i]: i for ids in self.model.candidates.values() for i in ids}

    @cached_property
    def prefixes(self) -> frozenset[str]:
        return frozenset(s[:k] for s in self.syllables for k in range(1, len(s) + 1))

    @cached_property
    def options(self) -> dict[str, list[tuple[str, float]]]:
        opts = oc.repair_options()
        # Every letter may stand for itself; a Vietnamese letter for its family nearby.
        for letter in "bcdfghjklmnpqrstvwxz" + _VIET_LETTERS:
            slot = dict(opts.get(letter, []))
            # A Latin-1 accent is no better evidence for itself than for its look-alikes.
            slot.setdefault(letter, 0.0)
            base = fold(letter)
            if base in oc.FAMILIES and letter != base:
                for other in oc.FAMILIES[base]:
                    slot.setdefault(other, 0.8)
            opts[letter] = sorted(slot.items(), key=lambda kv: kv[1])
        return opts

    @cached_property
    def _max_key(self) -> int:
        return max(len(k) for k in self.options)

    @cached_property
    def _inserts(self) -> tuple[str, ...]:
        return tuple(_VIET_LETTERS)

    def folded(self, token: str) -> tuple[tuple[int, float], ...]:
        """Candidates of a token that lost only its diacritics."""
        return tuple((i, 0.0) for i in self.model.candidates.get(fold(token), ()))

    def garbled(self, token: str) -> tuple[tuple[int, float], ...]:
        """Candidates of a token read by a foreign OCR model, with channel costs."""
        key = token.lower()
        hit = self._cache.get(key)
        if hit is None:
            hit = self._search(key)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = hit
        return hit

    def _search(self, text: str) -> tuple[tuple[int, float], ...]:
        if len(text) > 9:
            return ()
        best: dict[str, float] = {}
        prefixes = self.prefixes
        options = self.options
        syllables = self.syllables
        n = len(text)
        max_key = self._max_key

        def walk(i: int, prefix: str, cost: float, inserted: bool) -> None:
            if i == n:
                if prefix in syllables and cost < best.get(prefix, 99.0):
                    best[prefix] = cost
            else:
                for width in range(1, min(max_key, n - i) + 1):
                    for target, step in options.get(text[i : i + width], ()):
                        total = cost + step
                        if total > MAX_COST:
                            break
                        nxt = prefix + target
                        if nxt in prefixes:
                            walk(i + width, nxt, total, inserted)
                if cost + oc.DELETE_COST <= MAX_COST and i > 0:
                    walk(i + 1, prefix, cost + oc.DELETE_COST, inserted)
            if not inserted and cost + oc.INSERT_COST <= MAX_COST:
                for target in self._inserts:
                    nxt = prefix + target
                    if nxt in prefixes:
                        walk(i, nxt, cost + oc.INSERT_COST, True)

        walk(0, "", 0.0, False)
        uni = self.model.uni
        # Ties in cost are common (a lost hat reads as any hatted letter): the commoner
        # syllables go first so the cut keeps them.
        ranked = sorted(best.items(), key=lambda kv: (kv[1], -uni[syllables[kv[0]]]))[:MAX_KEEP]
        return tuple((syllables[s], c) for s, c in ranked)
