"""The tone marks Tesseract's Vietnamese model drops beside a hat, put back.

Over "â", "ê", "ô" and "ă" the hỏi, sắc, huyền and ngã marks sit beside the hat, small, and
the `vie` model often reads the letter without them: "kiêm tra", "tô chức", "phôi hợp",
"cung câp", "Giám đôc" for "kiểm tra", "tổ chức", "phối hợp", "cung cấp", "Giám đốc".
Folded matching does not care, but a described owner ("Các đơn vị được kiêm tra") and a
task's text go to a tracker as read. A word read so is given the mark the syllable model
prefers in its line's context, only where the model prefers it by far (`_MARGIN`): a
word that is right without a mark ("kiêm nhiệm", "tô màu") keeps it.
"""

from __future__ import annotations

import re
import unicodedata

from vanban.normalize.language_model import NgramModel, get_model
from vanban.normalize.lexicon import transfer_case

_HATTED = re.compile(r"[âêôăÂÊÔĂ]")
_MARKS = ("\u0309", "\u0301", "\u0300", "\u0303")  # hỏi, sắc, huyền, ngã: beside the hat
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
# natural log: the marked reading must be this much likelier in its context (about 3,000
# times), as Tesseract is right about most unmarked hats ("nêu", "hôm", "trên"); at 7
# "truyền thông của tỉnh" of clean text became "truyền thống"
_MARGIN = 8.0
_UNMARKED = frozenset("âêôăÂÊÔĂ")
_STOP = re.compile(r"(?:p|t|c|ch)$")
_SAC = "\u0301"


def repaired(text: str) -> str:
    """`text` with dropped marks put back; every word keeps its length and place."""
    if not _HATTED.search(text):
        return text
    model = get_model()
    return "\n".join(_line(model, line) if _HATTED.search(line) else line
                     for line in text.split("\n"))


def _line(model: NgramModel, line: str) -> str:
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(line)]
    ids = [_id(model, word) for _, word in tokens]
    out = list(line)
    for k, (start, word) in enumerate(tokens):
        options = _marked(model, word)
        if not options:
            continue
        # a stop's one reading needs no context
        best, best_score = (options[0], 0.0) if _STOP.search(word.lower()) else (
            None, _score(model, ids, k, ids[k]) + _MARGIN)
        for option in options if best is None else ():
            score = _score(model, ids, k, model.index[option])
            if score > best_score:
                best, best_score = option, score
        marked = transfer_case(word, best) if best is not None else word
        if len(marked) == len(word):  # in place: the page's word offsets stand
            ids[k] = model.index[best] if best is not None else ids[k]
            out[start : start + len(word)] = marked
    return "".join(out)


def _marked(model: NgramModel, word: str) -> list[str]:
    """The syllables `word` is with a mark beside its hat, that the model knows."""
    lower = word.lower()
    if not any(c in _UNMARKED for c in word):
        return []
    stop = bool(_STOP.search(lower))
    if lower not in model.index and not stop:
        return []
    hat = next(i for i, c in enumerate(lower) if c in "âêôă")
    options = []
    for mark in (_SAC,) if stop else _MARKS:
        option = unicodedata.normalize("NFC", lower[: hat + 1] + mark) + lower[hat + 1 :]
        if option in model.index:
            options.append(option)
    return options


def _id(model: NgramModel, word: str) -> int:
    if word[0].isdigit():
        return model.special("<n>")
    if not word[0].isalpha():
        return model.special("<p>")
    return model.index.get(word.lower(), model.special("<u>"))


def _score(model: NgramModel, ids: list[int], k: int, candidate: int) -> float:
    """The log probability of the words from `k` to two after it, `k` being `candidate`."""
    start = model.special("<s>")
    seq = [start, start, *ids[:k], candidate, *ids[k + 1 : k + 3]]
    return sum(_logp(model, seq[i - 2], seq[i - 1], seq[i]) for i in range(k + 2, len(seq)))


def _logp(model: NgramModel, a: int, b: int, c: int) -> float:
    size = len(model.vocab)
    tri = model.tri.get((a * size + b) * size + c)
    if tri is not None:
        return tri
    bi = model.bi.get(b * size + c)
    if bi is None:
        bi = model.bo1[b] + model.uni[c]
    return model.bo2.get(a * size + b, 0.0) + bi
