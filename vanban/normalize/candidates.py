"""Candidate syllables for one written token: plain folding or OCR-confusion search.

A stripped token ("nang") has as candidates every syllable that folds to it. A garbled
token ("ndng", "x3", "céc") is read through the confusion table: a search over the
token's characters down a trie of real syllables, so it stays small.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from functools import cached_property

from vanban import user_cache
from vanban.normalize import ocr_confusions as oc
from vanban.normalize.language_model import NgramModel
from vanban.normalize.syllables import fold

MAX_COST = 3.6
MAX_KEEP = 14
# Tokens whose search result is remembered before the memo is emptied (~1.7 KB each at most).
SEARCH_MEMO = 20_000
_VIET_LETTERS = "".join(oc.FAMILIES.values()) + "đ"
_INSERTABLE = frozenset(_VIET_LETTERS)
_HAS_VOWEL = re.compile("[aeiouy" + "".join(oc.FAMILIES.values()) + "]")
_LOST = tuple((re.compile(pattern), letters, cost) for pattern, letters, cost in oc.ONE_ACCENT_LOST)

try:  # the search compiled (vanban/normalize/_trie.c); absent where it was not built
    from vanban.normalize import _trie
except ImportError:  # pragma: no cover - depends on the installation
    _trie = None


def _insert_cost(text: str) -> float:
    """What a letter the OCR lost costs in `text`: more where no vowel was read at all
    ("dng"), whose every reading is a guess."""
    return oc.INSERT_COST if _HAS_VOWEL.search(text) else oc.INSERT_COST_NO_VOWEL


@dataclass
class CandidateIndex:
    model: NgramModel
    one_accent: bool = False  # read as Tesseract's English model writes (`ocr_confusions`)
    _cache: dict[str, tuple[tuple[int, float], ...]] = field(default_factory=dict)

    @cached_property
    def syllables(self) -> dict[str, int]:
        # Only syllables common enough to be a candidate of their folded form: the rare
        # rest of the vocabulary is mostly typos of the source texts.
        vocab = self.model.vocab
        return {vocab[i]: i for ids in self.model.candidates.values() for i in ids}

    @cached_property
    def options(self) -> dict[str, list[tuple[str, float]]]:
        opts = oc.repair_options(one_accent=self.one_accent, strokes=not self.one_accent,
                                 glued=True)
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

    def one_accent_reader(self) -> CandidateIndex:
        """This index reading as Tesseract's English model writes, its syllables and
        compiled search shared."""
        other = CandidateIndex(self.model, one_accent=True)
        other.__dict__["syllables"] = self.syllables
        other.__dict__["native"] = self.native
        return other

    @cached_property
    def _max_key(self) -> int:
        return max(len(k) for k in self.options)

    def folded(self, token: str) -> tuple[tuple[int, float], ...]:
        """Candidates of a token that lost only its diacritics."""
        return tuple((i, 0.0) for i in self.model.candidates.get(fold(token), ()))

    def garbled(self, token: str) -> tuple[tuple[int, float], ...]:
        """Candidates of a token read by a foreign OCR model, with channel costs."""
        key = token.lower()
        hit = self._cache.get(key)
        if hit is None:
            hit = self._search(key)
            if self.one_accent:
                hit = self._with_lost_letters(key, hit)
            if len(self._cache) >= SEARCH_MEMO:
                self._cache.clear()
            self._cache[key] = hit
        return hit

    def _with_lost_letters(
        self, text: str, found: tuple[tuple[int, float], ...]
    ) -> tuple[tuple[int, float], ...]:
        """`found` with the readings of `text` as it was before Tesseract's English model
        ran letters together (`ocr_confusions.ONE_ACCENT_LOST`: "duc", "trong" for "được",
        "trường"), at their cost."""
        best = dict(found)
        for pattern, letters, cost in _LOST:
            for m in pattern.finditer(text):
                variant = text[: m.start()] + letters + text[m.end() :]
                for i, c in self._search(variant):
                    if c + cost < best.get(i, 99.0) and c + cost <= MAX_COST:
                        best[i] = c + cost
        if len(best) == len(found) and all(best[i] == c for i, c in found):
            return found
        uni = self.model.uni
        vocab = self.model.vocab
        ranked = sorted(best.items(), key=lambda kv: (kv[1], -uni[kv[0]], vocab[kv[0]]))
        return tuple(ranked[:MAX_KEEP])

    @cached_property
    def trie(self) -> dict:
        """The syllables as nested dicts of letters. In each node the key "" holds the
        syllable that ends there, and "#" a bit mask of the lengths of the syllable
        endings below it (bit k: k more letters), which prunes hopeless branches."""
        root: dict = {}
        for syllable in self.syllables:
            node = root
            for k, letter in enumerate(syllable):
                node["#"] = node.get("#", 0) | 1 << (len(syllable) - k)
                node = node.setdefault(letter, {})
            node[""] = syllable
            node["#"] = node.get("#", 0) | 1
        return root

    @cached_property
    def _wide_cost(self) -> float:
        """Cheapest confusion that reads two or more garbled characters as one letter."""
        return min(c for g, slot in self.options.items() if len(g) > 1 for _, c in slot)

    @cached_property
    def _costs(self) -> dict[str, dict[str, float]]:
        return {garbled: dict(slot) for garbled, slot in self.options.items()}

    @cached_property
    def _packed_costs(self) -> dict[str, tuple[bytes, bytes]]:
        """The confusion table as the compiled search reads it: code points and costs."""
        return {
            garbled: (array("I", (ord(letter) for letter, _ in slot)).tobytes(),
                      array("d", (cost for _, cost in slot)).tobytes())
            for garbled, slot in self.options.items()
        }

    @cached_property
    def native(self):
        """The trie flattened for the compiled search (nodes breadth first, each node's
        edges together), or None where it was not built. The shipped model's arrays
        (0.025 s to make) come from the command line's cache (`user_cache`)."""
        if _trie is None:
            return None
        if self.model.__dict__.get("_shipped"):
            return _trie.Trie(*user_cache.cached("garbled-trie", self._flattened))
        return _trie.Trie(*self._flattened())

    def _flattened(self) -> tuple[bytes, ...]:
        first, count, end, mask = array("i"), array("i"), array("i"), array("Q")
        letters, children, insertable = array("I"), array("i"), array("B")
        nodes = [self.trie]
        for node in nodes:  # grows as it goes: breadth first
            edges = [(k, child) for k, child in node.items() if k not in ("", "#")]
            first.append(len(letters))
            count.append(len(edges))
            syllable = node.get("")
            end.append(self.syllables[syllable] if syllable is not None else -1)
            mask.append(node.get("#", 0))
            for letter, child in edges:
                letters.append(ord(letter))
                children.append(len(nodes))
                insertable.append(letter in _INSERTABLE)
                nodes.append(child)
        # Ties in cost are broken as `_rank` breaks them: commoner syllable, then spelling.
        rank = array("i", [-1]) * self.model.size
        uni = self.model.uni
        for place, (_syllable, i) in enumerate(
            sorted(self.syllables.items(), key=lambda kv: (-uni[kv[1]], kv[0]))
        ):
            rank[i] = place
        return (first.tobytes(), count.tobytes(), end.tobytes(), mask.tobytes(),
                letters.tobytes(), children.tobytes(), insertable.tobytes(), rank.tobytes())

    def _search(self, text: str) -> tuple[tuple[int, float], ...]:
        """Every syllable within MAX_COST of `text`, cheapest first (at most MAX_KEEP)."""
        if len(text) > 9:
            return ()
        native = self.native
        if native is None:
            return self._rank(self._walk(text))
        if self._max_key == 2:
            slots = self._slots_of(text)
        else:
            packed = self._packed_costs
            n = len(text)
            max_key = self._max_key
            slots = tuple(
                tuple((w, *slot) for w in range(1, min(max_key, n - i) + 1)
                      if (slot := packed.get(text[i : i + w])) is not None)
                for i in range(n)
            )
        return tuple(native.search(
            slots, MAX_COST, oc.DELETE_COST, _insert_cost(text), self._wide_cost, MAX_KEEP))

    @cached_property
    def _slot_parts(self) -> tuple[dict[str, tuple], dict[str, tuple], frozenset[str]]:
        """The packed table split for `_slots_of`: one-character keys with their slot,
        two-character keys, and the characters that start one."""
        packed = self._packed_costs
        singles = {k: ((1, *v),) for k, v in packed.items() if len(k) == 1}
        pairs = {k: (2, *v) for k, v in packed.items() if len(k) == 2}
        return singles, pairs, frozenset(k[0] for k in pairs)

    def _slots_of(self, text: str) -> tuple[tuple, ...]:
        """What the compiled search reads at each position of `text` (the table's keys
        one or two characters long): the readings of its character, then of the pair it
        starts. The same tuples as the general comprehension in `_search`, with one
        lookup a character instead of a slice and a lookup per width."""
        singles, pairs, firsts = self._slot_parts
        out = []
        for i, char in enumerate(text):
            slot = singles.get(char, ())
            if char in firsts and (pair := pairs.get(text[i : i + 2])) is not None:
                slot = (*slot, pair)
            out.append(slot)
        return tuple(out)

    def _rank(self, found: dict[str, float]) -> tuple[tuple[int, float], ...]:
        uni = self.model.uni
        syllables = self.syllables
        # Ties in cost are common (a lost hat reads as any hatted letter): the commoner
        # syllables go first so the cut keeps them.
        ranked = sorted(found.items(), key=lambda kv: (kv[1], -uni[syllables[kv[0]]], kv[0]))
        return tuple((syllables[s], c) for s, c in ranked[:MAX_KEEP])

    def _walk(self, text: str) -> dict[str, float]:
        """The search in Python (the reference the compiled one must agree with): a walk
        down the syllable trie that reads the text through the confusion table, with one
        inserted letter at most; the cheapest cost of each syllable reached."""
        best: dict[str, float] = {}
        costs = self._costs
        insertable = _INSERTABLE
        n = len(text)
        max_key = self._max_key
        slices = [
            [(w, costs.get(text[i : i + w])) for w in range(1, min(max_key, n - i) + 1)]
            for i in range(n)
        ]
        delete_cost = oc.DELETE_COST
        insert_cost = _insert_cost(text)
        wide_cost = self._wide_cost

        def walk(i: int, node: dict, cost: float, inserted: bool) -> None:
            if i == n:
                syllable = node.get("")
                if syllable is not None and cost < best.get(syllable, 99.0):
                    best[syllable] = cost
            else:
                for width, slot in slices[i]:
                    if slot is None:
                        continue
                    if len(slot) <= len(node):
                        for letter, step in slot.items():
                            child = node.get(letter)
                            if child is not None and cost + step <= MAX_COST:
                                walk(i + width, child, cost + step, inserted)
                    else:
                        for letter, child in node.items():
                            step = slot.get(letter)
                            if step is not None and cost + step <= MAX_COST:
                                walk(i + width, child, cost + step, inserted)
                if i > 0 and cost + delete_cost <= MAX_COST:
                    walk(i + 1, node, cost + delete_cost, inserted)
            if not inserted and cost + insert_cost <= MAX_COST:
                # What is left after the insertion must still fit a syllable ending: with
                # `spare` left, at most `slack` written characters can go unread.
                spare = MAX_COST - cost - insert_cost
                slack = int(spare / delete_cost) + int(spare / wide_cost)
                rest = n - i
                fits = (1 << (rest + 1)) - (1 << max(0, rest - slack))
                for letter, child in node.items():
                    if letter in insertable and child["#"] & fits:
                        walk(i, child, cost + insert_cost, True)

        walk(0, self.trie, 0.0, False)
        return best
