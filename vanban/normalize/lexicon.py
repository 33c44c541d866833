"""Restore the diacritics of names word by word from phrases whose spelling is known.

Agency, place and title vocabulary is a closed set: "cac so, ban, nganh" has
one reading. A phrase lexicon (longest match first, on the OCR-tolerant folded
form) restores it exactly, where a language model would only guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from vanban.folding import fold_ocr

_WORD = re.compile(r"[^\W_]+(?:[&$¢€§@|][^\W_]*)*|[&$][^\W_]+", re.UNICODE)
MAX_PHRASE = 8


def transfer_case(model: str, target: str) -> str:
    """Spell `target` (accented) with the letter case of `model` (as written). A word of one
    letter and an OCR's symbols for the others ("L¢" of "Lê") is capitalised, not in
    capitals, as `syllables.case_pattern` reads it."""
    if model.isupper() and sum(c.isalpha() for c in model) > 1:
        return target.upper()
    if model[:1].isupper():
        return target[:1].upper() + target[1:]
    if model.islower():
        return target.lower() if target[1:].islower() or len(target) == 1 else target
    return target


class PhraseLexicon:
    """Folded word sequences → their accented spelling."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
        folded: dict[str, str] = {}  # the table's thousands of words are a few hundred
        for phrase in phrases:
            words = tuple(_WORD.findall(phrase))
            if words:
                key = tuple(folded.get(w) or folded.setdefault(w, fold_ocr(w)) for w in words)
                self._phrases.setdefault(key, words)
        self._longest = min(MAX_PHRASE, max((len(k) for k in self._phrases), default=1))

    def parts(self) -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
        """Its table as marshal writes it (`user_cache`); `from_parts` reads it."""
        return self._phrases, self._longest

    @classmethod
    def from_parts(cls, parts: tuple[dict[tuple[str, ...], tuple[str, ...]], int]
                   ) -> PhraseLexicon:
        lexicon = cls.__new__(cls)
        lexicon._phrases, lexicon._longest = parts
        return lexicon

    def restore(self, text: str, *, alone: bool = True) -> tuple[str, float]:
        """The text with known phrases respelled, and the share of words that were known.
        `alone`: a word the table knows only on its own is respelled too past the first;
        without it, a phrase respells its words and the rest stay as written, for a
        model of context to read ("Bao ton" is no "Báo" of a newspaper's name, "Quan doi"
        no "Quận" of a district, which the table spells alone)."""
        matches = list(_WORD.finditer(text))
        folded = [fold_ocr(m.group()) for m in matches]
        replacements: dict[int, str] = {}
        known = 0
        for i, n, spelled in self._pieces(matches, folded):
            if n == 1 and i > 0 and not alone:
                continue
            for j in range(n):
                replacements[i + j] = transfer_case(matches[i + j].group(), spelled[j])
            known += n
        if not replacements:
            return text, 0.0 if matches else 1.0
        out, last = [], 0
        for index, match in enumerate(matches):
            if index in replacements:
                out.append(text[last : match.start()])
                out.append(replacements[index])
                last = match.end()
        out.append(text[last:])
        return "".join(out), known / len(matches)

    def _pieces(self, matches: list[re.Match[str]], folded: list[str]
                ) -> list[tuple[int, int, tuple[str, ...]]]:
        """The known phrases that cover the words best: the most words known, then the fewest
        words known alone (a lone "quan" is "quận" in the table, "cơ quan" is a phrase: "các
        bộ, cơ quan" is "các bộ" and "cơ quan", not "các bộ cơ" and "quận"), then the fewest
        pieces; from the left where they tie."""
        size = len(matches)
        # best[i]: (cost, pieces) for words i.. ; cost (unknown words, lone words, pieces)
        best: list[tuple[tuple[int, int, int], list[tuple[int, int, tuple[str, ...]]]]] = [
            ((0, 0, 0), [])] * (size + 1)
        for i in range(size - 1, -1, -1):
            (u, lone, count), rest = best[i + 1]
            choice = ((u + 1, lone, count), rest)
            for n in range(min(self._longest, size - i), 0, -1):
                spelled = self._phrases.get(tuple(folded[i : i + n]))
                if not spelled:
                    continue
                if n == 1 and i > 0 and spelled[0][:1].isupper() and (
                    not matches[i].group()[:1].isupper()
                ):
                    continue  # "Phòng" heads a name; "giải phóng" inside one is another word
                (u, lone, count), rest = best[i + n]
                cost = (u, lone + (n == 1), count + 1)
                if cost < choice[0]:
                    choice = (cost, [(i, n, spelled), *rest])
            best[i] = choice
        return best[0][1]
