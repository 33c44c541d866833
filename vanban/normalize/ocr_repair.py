"""Repair the look-alike mark confusions of our own Vietnamese OCR (Tesseract `vie`).

    >>> repair_ocr("Thành lập Tố công tác kiếm tra cải cách hành chính").text
    'Thành lập Tổ công tác kiểm tra cải cách hành chính'

Scanned text read by a Vietnamese model has diacritics, so `restore` passes it through as
clean, but marks that look alike at scan resolution get swapped: hỏi read as sắc
("Triển" → "Triến", "Tổ" → "Tố"), hỏi/ngã, huyền/sắc, a dropped tone, hat, horn or dot
below, now and then a lost thin vowel ("tịch" → "tch").

Every syllable keeps itself as a free candidate, and gets as rivals its look-alikes (the
syllables of the same folded form, each at a cost per mark changed); a word that is no
syllable of the model gets the nearest syllables of the garble search too, and may stay
as written. The trigram decoder of `restore` picks the sequence, so a syllable changes
only where the model prefers a look-alike by more than the cost of the change. Numbers,
codes, acronyms, punctuation, spacing and line breaks are never rewritten; letter case is
kept per word.
"""

from __future__ import annotations

import re
import unicodedata

from vanban.normalize.decoder import Candidates, decode
from vanban.normalize.diacritics import CANDIDATE_MEMO, Restored, _Tables, splice_lines
from vanban.normalize.diacritics import tables as diacritic_tables
from vanban.normalize.syllables import (
    apply_case,
    case_pattern,
    fold,
    looks_like_syllable,
    normalize_syllable,
    split_tone,
)
from vanban.normalize.tokens import GARBLE_SYMBOLS, UNK, memoised, spans

_X = 99.0  # not a look-alike
# Channel costs (natural log, against the language model) of reading the true tone
# (column) as the written one (row); 0 level, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng.
# Tuned on the held-out directive text damaged by `garble.ocr_confuse` at 10% of the
# syllables (bench/restore.py): odd lines to tune, even lines to check. Lower costs fix
# a few more syllables and start to rewrite rare-but-right ones ("truyền thông" →
# "truyền thống"); these sit where no clean held-out or test-directive line changes.
TONE_COST: tuple[tuple[float, ...], ...] = (
    # true: level sắc  huyền hỏi  ngã  nặng     written:
    (0.0, 4.5, 4.5, 4.5, 4.5, 4.5),  # level: a tone lost
    (6.0, 0.0, 7.0, 4.0, 7.0, 7.0),  # sắc: hỏi read as sắc is the commonest slip
    (6.0, 7.0, 0.0, 7.0, 7.0, 7.0),  # huyền
    (6.0, 7.0, 7.0, 0.0, 7.0, 7.0),  # hỏi
    (6.0, 7.0, 7.0, 7.0, 0.0, 7.0),  # ngã
    (6.0, 7.0, 7.0, 7.0, 7.0, 0.0),  # nặng
)
# A hat, breve or horn lost (written "a", true "â"), one added, one swapped (â/ă, ô/ơ);
# đ read as d or the reverse.
MARK_LOST = 5.0
MARK_ADDED = 6.0
MARK_SWAPPED = 6.0
D_SWAPPED = 7.0
# Look-alikes dearer than this are no candidates at all (fewer states to decode).
MAX_LOOKALIKE = 14.0
# A word the model has no syllable for (OCR debris or a foreign word): keeping it as
# written, an unknown token, costs this much against its look-alikes, and the garble
# search's costs weigh this much per unit.
KEEP_UNKNOWN = 7.0
GARBLE_WEIGHT = 2.5

_SYMBOLIC = re.compile(rf"[\d{re.escape(GARBLE_SYMBOLS)}]")
_SHAPE_MARKS = frozenset("\u0302\u0306\u031b")


def _letters(base: str) -> list[tuple[str, str]]:
    """(plain letter, shape mark or "") per letter of a toneless NFC syllable."""
    out = []
    for char in base:
        if char == "đ":
            out.append(("d", "đ"))
            continue
        parts = unicodedata.normalize("NFD", char)
        out.append((parts[0], "".join(c for c in parts[1:] if c in _SHAPE_MARKS)))
    return out


def lookalike_cost(written: str, true: str) -> float:
    """Channel cost of OCR writing the syllable `true` as `written` (same folded form,
    lower case, NFC); `_X` or more when they differ by more than look-alike marks."""
    wbase, wtone = split_tone(written)
    tbase, ttone = split_tone(true)
    cost = TONE_COST[wtone][ttone]
    wl, tl = _letters(wbase), _letters(tbase)
    if len(wl) != len(tl):
        return _X
    for (wc, wm), (tc, tm) in zip(wl, tl, strict=True):
        if wc != tc:
            return _X
        if wm == tm:
            continue
        if "đ" in (wm, tm):
            cost += D_SWAPPED
        elif not wm:
            cost += MARK_LOST
        elif not tm:
            cost += MARK_ADDED
        else:
            cost += MARK_SWAPPED
    return cost


def _one_lost(full: str, written: str) -> bool:
    """True when `written` is `full` with one letter left out."""
    if len(full) != len(written) + 1:
        return False
    i = 0
    while i < len(written) and full[i] == written[i]:
        i += 1
    return full[i + 1 :] == written[i:]


class _Repairer:
    """The restorer's model tables, plus a memo of each word's look-alike candidates."""

    def __init__(self, base: _Tables) -> None:
        self.base = base
        self.model = base.model
        self.index = base.index
        self.unk = base.unk
        self.words: dict[str, tuple[Candidates, str | None]] = {}

    def candidates(self, word: str) -> tuple[Candidates, str | None]:
        """(candidates, case pattern); the pattern is None when the word stays as is."""
        return memoised(self.words, word, self._candidates, limit=CANDIDATE_MEMO)

    def _candidates(self, word: str) -> tuple[Candidates, str | None]:
        model = self.model
        if _SYMBOLIC.search(word):
            return self.unk, None
        lower = word.lower()
        pattern = case_pattern(word)
        syllable = normalize_syllable(unicodedata.normalize("NFC", lower))
        own = model.index.get(syllable)
        if apply_case(lower, pattern) != word:  # "iPhone", "TPHCM" mixed: a name
            return ((own, 0.0),) if own is not None else self.unk, None
        if own is None and (len(word) == 1 or (pattern == "upper" and len(word) > 1)):
            return self.unk, None  # "điểm b", an acronym
        vocab = model.vocab
        found: dict[int, float] = {}
        for i in model.candidates.get(fold(syllable), ()):
            cost = lookalike_cost(syllable, vocab[i])
            if cost <= MAX_LOOKALIKE:
                found[i] = -cost
        if own is not None:
            found[own] = 0.0
        else:
            found[model.special(UNK)] = -KEEP_UNKNOWN
            if not looks_like_syllable(syllable) or len(found) == 1:
                # The garble search, kept to what a Vietnamese model does: the same
                # letters, or one letter lost ("tch" for "tịch"; never "scan" → "sản").
                key = fold(syllable)
                for i, cost in self.index.garbled(lower):
                    target = fold(vocab[i])
                    if target != key and not _one_lost(target, key):
                        continue
                    score = -GARBLE_WEIGHT * cost
                    if score > found.get(i, -1e9):
                        found[i] = score
        if len(found) == 1 and own is not None:
            return ((own, 0.0),), None
        ranked = tuple(sorted(found.items(), key=lambda kv: -kv[1]))
        return ranked, pattern


_REPAIRER: _Repairer | None = None


def _repairer() -> _Repairer:
    global _REPAIRER
    base = diacritic_tables()
    if _REPAIRER is None or _REPAIRER.base is not base:
        _REPAIRER = _Repairer(base)
    return _REPAIRER


_HAS_SYMBOL = re.compile(r"[\d/]")
_SYMBOL = re.compile(r"\S*[\d/]\S*")


def repair_ocr(text: str) -> Restored:
    """Undo look-alike mark confusions of a Vietnamese OCR; see the module docstring.

    `confidence` is the mean posterior of the syllables that had a rival candidate.
    """
    tables = _repairer()
    model = tables.model
    vocab = model.vocab
    unk = model.special(UNK)
    lines = text.split("\n")
    context = tables.base.context
    candidates = tables.candidates
    replacements: dict[int, list[tuple[int, int, str]]] = {}
    confidences: list[float] = []
    nfc_lines: list[str] = []

    positions: list[Candidates] = []
    slots: list[tuple[int, int, int, str] | None] = []

    def flush() -> None:
        if not positions:
            return
        best, post = decode(model, positions, tables.base.start)
        for k, syl in enumerate(best):
            slot = slots[k]
            if slot is None:
                continue
            confidences.append(post[k])
            li, at, end, pattern = slot
            if syl == unk:
                continue
            written = nfc_lines[li][at:end]
            new = vocab[syl]
            if normalize_syllable(written.lower()) == new:
                continue
            replacements.setdefault(li, []).append((at, end, apply_case(new, pattern)))
        positions.clear()
        slots.clear()

    for li, raw in enumerate(lines):
        line = raw if raw.isascii() else unicodedata.normalize("NFC", raw)
        nfc_lines.append(line)
        sp = spans(line)
        if not sp:  # a blank line ends a paragraph
            flush()
            continue
        # a word glued to a number or a slash is a symbol's part ("/Ò", "Ò/5"): as written
        symbols = [m.span() for m in _SYMBOL.finditer(line)] if _HAS_SYMBOL.search(line) else []
        for kind, lo, hi in sp:
            if kind == "word":
                cands, pattern = candidates(line[lo:hi])
                positions.append(cands)
                kept = pattern is None or any(a <= lo < b for a, b in symbols)
                slots.append(None if kept else (li, lo, hi, pattern))
            else:
                positions.append(context[kind])
                slots.append(None)
                if kind == "boundary":  # a sentence ends in two <s>, as in training
                    positions.append(context[kind])
                    slots.append(None)
    flush()

    mean = sum(confidences) / len(confidences) if confidences else 1.0
    if not replacements:
        return Restored(text=text, confidence=mean, changed=False)
    repaired = splice_lines(lines, nfc_lines, replacements)
    return Restored(text=repaired, confidence=mean, changed=repaired != text)
