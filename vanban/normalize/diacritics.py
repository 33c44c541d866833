"""Restore Vietnamese diacritics in stripped text and repair English-model OCR garble.

    >>> restore("Giao So Noi vu chu tri").text
    'Giao Sở Nội vụ chủ trì'

Each line is judged on its own (clean, stripped or garbled). Clean lines pass through
byte for byte. In the others every word gets candidate syllables (by folding, or by
the OCR confusion table) and one trigram decoder picks the sequence; numbers, codes,
acronyms, punctuation and spacing are never rewritten, and letter case is kept per word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from vanban.normalize.candidates import CandidateIndex
from vanban.normalize.decoder import Candidates, decode
from vanban.normalize.language_model import NgramModel, get_model
from vanban.normalize.syllables import apply_case, case_pattern, has_marks, normalize_syllable
from vanban.normalize.tokens import BOS, GARBLE_SYMBOLS, NUM, PUNCT, UNK, Unit, units

State = Literal["clean", "stripped", "garbled"]

_SYMBOLIC = re.compile(rf"[\d{re.escape(GARBLE_SYMBOLS)}]")

# Acronyms whose đ a stripped text lost; only whole words, never inside a code.
ACRONYMS = {"HDND": "HĐND", "DBQH": "ĐBQH", "BCD": "BCĐ", "QD": "QĐ"}

# Weight of the OCR channel cost against the language model (natural log units).
CHANNEL_WEIGHT = 1.6
# Line classification thresholds (share of the line's words).
# A stripped text has a few OCR slips too ("vdi" for "với"); a garbled one has many.
GARBLED_DOC_SHARE = 0.15
GARBLED_LINE_SHARE = 0.08
CLEAN_SHARE = 0.25
SHORT_LINE = 4  # words; shorter lines inherit a garbled document's state


@dataclass(frozen=True, slots=True)
class Restored:
    text: str
    confidence: float  # mean posterior of the restored syllables, 1.0 when none
    changed: bool


@dataclass(frozen=True, slots=True)
class _Counts:
    words: int = 0
    marked: int = 0  # valid syllables written with diacritics
    invalid: int = 0  # no Vietnamese reading as written


_INDEX: CandidateIndex | None = None


def _index() -> CandidateIndex:
    global _INDEX
    model = get_model()
    if _INDEX is None or _INDEX.model is not model:
        _INDEX = CandidateIndex(model)
    return _INDEX


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper() and word.isalpha()


def _known_marked(model: NgramModel, word: str) -> int | None:
    """Id of a word written with valid diacritics, else None."""
    return model.index.get(normalize_syllable(word.lower()))


def _count(model: NgramModel, line: str, spans: list[Unit]) -> _Counts:
    words = marked = invalid = 0
    for unit in spans:
        if unit.kind != "word":
            continue
        word = unit.text(line)
        if len(word) == 1 and word.lower() not in model.candidates:
            continue  # "điểm b", "Phụ lục C": a letter, not a syllable
        if _SYMBOLIC.search(word):
            words += 1
            invalid += 1
        elif has_marks(word):
            words += 1
            if _known_marked(model, word) is None:
                invalid += 1
            else:
                marked += 1
        elif word.lower() in model.candidates:
            words += 1
        elif not _is_acronym(word):
            words += 1
            invalid += 1
    return _Counts(words, marked, invalid)


def _state(counts: _Counts, *, document: bool = False) -> State:
    if counts.words == 0:
        return "clean"
    if document:
        if counts.invalid >= GARBLED_DOC_SHARE * counts.words:
            return "garbled"
    elif counts.invalid >= 2 and counts.invalid >= GARBLED_LINE_SHARE * counts.words:
        return "garbled"
    if counts.marked >= CLEAN_SHARE * counts.words:
        return "clean"
    return "stripped"


def text_state(text: str) -> State:
    """Classify a document or a line: clean Vietnamese, stripped ASCII, or OCR garble."""
    model = get_model()
    total = _Counts()
    for line in unicodedata.normalize("NFC", text).splitlines():
        c = _count(model, line, units(line))
        total = _Counts(total.words + c.words, total.marked + c.marked, total.invalid + c.invalid)
    return _state(total, document=True)


@dataclass(slots=True)
class _Slot:
    line: int
    unit: Unit
    pattern: str


def _word_candidates(index: CandidateIndex, word: str, state: State) -> tuple[Candidates, bool]:
    """(candidates, rewritable). Not rewritable: the word stays as written."""
    model = index.model
    if (_is_acronym(word) and word in ACRONYMS) or (
        len(word) == 1 and word.isalpha() and not index.folded(word)
    ):
        return ((model.special(UNK), 0.0),), False
    has_symbols = _SYMBOLIC.search(word) is not None
    if not has_symbols and has_marks(word):
        known = _known_marked(model, word)
        if known is not None and state != "garbled":
            return ((known, 0.0),), False
    elif not has_symbols:
        folded = index.folded(word)
        if folded and state != "garbled":
            return folded, True
        if _is_acronym(word) and not folded:
            return ((model.special(UNK), 0.0),), False
    found = index.garbled(word)
    if _is_acronym(word):
        found = tuple(c for c in found if c[1] <= 1.5)
    if not found:
        return ((model.special(UNK), 0.0),), False
    return tuple((i, -CHANNEL_WEIGHT * cost) for i, cost in found), True


def restore(text: str) -> Restored:
    """Restore diacritics and repair OCR garble; see the module docstring."""
    model = get_model()
    index = _index()
    lines = text.split("\n")
    nfc_lines = [unicodedata.normalize("NFC", line) for line in lines]
    parsed = [units(line) for line in nfc_lines]
    counts = [_count(model, line, spans) for line, spans in zip(nfc_lines, parsed, strict=True)]
    doc_state = _state(
        _Counts(
            sum(c.words for c in counts),
            sum(c.marked for c in counts),
            sum(c.invalid for c in counts),
        ),
        document=True,
    )
    states: list[State] = []
    for c in counts:
        state = _state(c)
        # In a garbled document a line reads as stripped or clean by chance ("ché", "dé"
        # are real syllables): only a line with no doubtful word at all keeps its state.
        if doc_state == "garbled" and (c.invalid or c.words < SHORT_LINE or state != "clean"):
            state = "garbled"
        states.append(state)

    start = model.special(BOS)
    ctx = {"num": model.special(NUM), "code": model.special(UNK), "punct": model.special(PUNCT)}
    positions: list[Candidates] = []
    slots: list[_Slot | None] = []
    segments: list[tuple[int, int]] = []  # [start, end) ranges of positions decoded together
    seg_start = 0
    replacements: dict[tuple[int, int], str] = {}

    def close_segment() -> None:
        nonlocal seg_start
        if len(positions) > seg_start:
            segments.append((seg_start, len(positions)))
        seg_start = len(positions)

    for li, (line, spans, state) in enumerate(zip(nfc_lines, parsed, states, strict=True)):
        if state == "clean" or not line.strip():
            close_segment()
            continue
        for unit in spans:
            if unit.kind == "word":
                word = unit.text(line)
                cands, rewritable = _word_candidates(index, word, state)
                if word in ACRONYMS and _is_acronym(word):
                    replacements[(li, unit.start)] = ACRONYMS[word]
                positions.append(cands)
                slots.append(_Slot(li, unit, case_pattern(word)) if rewritable else None)
            elif unit.kind == "boundary":
                positions.append(((start, 0.0),))
                slots.append(None)
            else:
                positions.append(((ctx[unit.kind], 0.0),))
                slots.append(None)
    close_segment()

    confidences: list[float] = []
    for lo, hi in segments:
        seg = positions[lo:hi]
        best, post = decode(model, seg, start)
        for k, syl in enumerate(best):
            slot = slots[lo + k]
            if slot is None:
                continue
            confidences.append(post[k])
            new = apply_case(model.vocab[syl], slot.pattern)
            old = slot.unit.text(nfc_lines[slot.line])
            if new != old:
                replacements[(slot.line, slot.unit.start)] = new

    if not replacements:
        return Restored(text=text, confidence=_mean(confidences), changed=False)
    out_lines = list(lines)
    by_line: dict[int, list[tuple[int, str]]] = {}
    for (li, at), new in replacements.items():
        by_line.setdefault(li, []).append((at, new))
    for li, edits in by_line.items():
        line = nfc_lines[li]
        ends = {u.start: u.end for u in parsed[li]}
        pieces: list[str] = []
        pos = 0
        for at, new in sorted(edits):
            pieces.append(line[pos:at])
            pieces.append(new)
            pos = ends[at]
        pieces.append(line[pos:])
        out_lines[li] = "".join(pieces)
    restored = "\n".join(out_lines)
    return Restored(text=restored, confidence=_mean(confidences), changed=restored != text)


def restore_line(line: str) -> str:
    """Restored text of one line (convenience for field values)."""
    return restore(line).text


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 1.0
