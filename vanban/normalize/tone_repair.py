"""The marks above a vowel that Tesseract's Vietnamese model misreads, put right.

Over "â", "ê", "ô" and "ă" the hỏi, sắc, huyền and ngã marks sit beside the hat, small, and
the `vie` model often reads the letter without them: "kiêm tra", "tô chức", "phôi hợp",
"cung câp", "Giám đôc" for "kiểm tra", "tổ chức", "phối hợp", "cung cấp", "Giám đốc"; or
keeps the mark and loses the hat ("thành phó" for "thành phố"), or takes one mark for
another beside it ("phòng, chồng" for "phòng, chống"). Folded matching does not care,
but a described owner ("Các đơn vị được kiêm tra") and a task's text go to a tracker as
read. A word read so is given the marks above (a hat on a, e, o and a tone other than
the dot below; the horn, the breve and đ stay as read) that the syllable model prefers
in its line's context, only where the model prefers it by far (`_MARGIN`): a word that
is right as read ("kiêm nhiệm", "Phó Chủ tịch") keeps it.
"""

from __future__ import annotations

import re
import unicodedata

from vanban.folding import fold
from vanban.normalize.language_model import NgramModel, get_model
from vanban.normalize.lexicon import transfer_case
from vanban.normalize.syllables import split_tone

_ABOVE = frozenset("\u0309\u0301\u0300\u0303")  # hỏi, sắc, huyền, ngã
_HAT = "\u0302"
# a word an OCR may have read with its marks above wrong: a vowel that takes a hat or a mark
_MARKABLE = re.compile(r"[aeoăâêôáàảãấầẩẫắằẳẵéèẻẽếềểễóòỏõốồổỗ]")
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
# natural log: the marked reading must be this much likelier in its context (about 3,000
# times), as Tesseract is right about most unmarked hats ("nêu", "hôm", "trên"); at 7
# "truyền thông của tỉnh" of clean text became "truyền thống"
_MARGIN = 8.0
_STOP = re.compile(r"(?:p|t|c|ch)$")
_SAC = 1  # `split_tone`'s number of sắc


def repaired(text: str) -> str:
    """`text` with dropped marks put back; every word keeps its length and place."""
    model = get_model()
    return "\n".join(_line(model, line) for line in text.split("\n"))


def _line(model: NgramModel, line: str) -> str:
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(line)]
    ids = [_id(model, word) for _, word in tokens]
    out = list(line)
    for k, (start, word) in enumerate(tokens):
        best = _best(model, ids, k, word)
        marked = transfer_case(word, best) if best is not None else word
        if marked != word and len(marked) == len(word):  # in place: offsets stand
            ids[k] = model.index[best]
            out[start : start + len(word)] = marked
    return "".join(out)


def _best(model: NgramModel, ids: list[int], k: int, word: str) -> str | None:
    """The reading of the `k`th word the model prefers by far to the word as read."""
    options = _marked(model, word)
    if not options or word.lower() not in model.index:
        return options[0] if options else None  # a stop's one reading needs no context
    best, best_score = None, _score(model, ids, k, ids[k]) + _MARGIN
    for option in options:
        score = _score(model, ids, k, model.index[option])
        if score > best_score:
            best, best_score = option, score
    return best


def _marked(model: NgramModel, word: str) -> list[str]:
    """The syllables `word` may be with other marks above it (a hat on a, e, o; hỏi, sắc,
    huyền, ngã), that the model knows; the horn, the breve, đ and a dot below as read."""
    lower = word.lower()
    if not _MARKABLE.search(lower):
        return []
    below = _below(lower)
    stop = lower not in model.index and bool(_STOP.search(lower)) and _HAT in (
        unicodedata.normalize("NFD", lower))
    options = [model.vocab[i] for i in model.candidates.get(fold(lower), ())]
    options = [o for o in options if o != lower and _below(o) == below]
    if stop:  # no context needed: sắc is the one mark a stop takes beside a hat
        return [o for o in options if split_tone(o) == (lower, _SAC)][:1]
    return options if lower in model.index else []


def _below(syllable: str) -> str:
    """The syllable without the marks an OCR confuses above it: its hats on a, e, o and
    its tones but the dot below."""
    out = []
    for c in unicodedata.normalize("NFD", syllable):
        if c in _ABOVE or (c == _HAT and out and out[-1] in "aeo"):
            continue
        out.append(c)
    return "".join(out)


def _id(model: NgramModel, word: str) -> int:
    if word[0].isdigit():
        return model.special("<n>")
    if not word[0].isalpha():
        return model.special("<p>")
    return model.index.get(word.lower(), model.special("<u>"))


def _score(model: NgramModel, ids: list[int], k: int, candidate: int) -> float:
    """The log probability of the words from `k` to two after it, `k` being `candidate`."""
    start = model.special("<s>")
    before = [start, start, *ids[max(k - 2, 0) : k]][-2:]
    seq = [*before, candidate, *ids[k + 1 : k + 3]]
    return sum(_logp(model, seq[i - 2], seq[i - 1], seq[i]) for i in range(2, len(seq)))


def _logp(model: NgramModel, a: int, b: int, c: int) -> float:
    size = len(model.vocab)
    tri = model.tri.get((a * size + b) * size + c)
    if tri is not None:
        return tri
    bi = model.bi.get(b * size + c)
    if bi is None:
        bi = model.bo1[b] + model.uni[c]
    return model.bo2.get(a * size + b, 0.0) + bi
