"""The vocabulary of `vanban/data/vocabulary.toml`, folded and indexed once.

Each class is a set of phrases; a phrase is a tuple of folded words, so a rule asks
"which phrase of this class starts at word i?" in a dictionary look-up, whatever
state (clean, stripped, OCR-folded) the text is in. Where the text still has its
diacritics, a word must also be written as the vocabulary writes it: folding makes
"từ" (from) and "tư" (of "đầu tư") one word, and only the marks tell them apart.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from itertools import product
from pathlib import Path

from vanban.folding import fold, fold_ocr, has_diacritics
from vanban.normalize.ocr_confusions import repair_options
from vanban.normalize.text import typed_as_written

Phrase = tuple[str, ...]


@cache
def phrases(name: str) -> dict[Phrase, frozenset[Phrase]]:
    """The folded phrases of one keyword class, each with its written forms (lower case)."""
    out: dict[Phrase, set[Phrase]] = {}
    for entry in _classes()[name]:
        written = tuple(unicodedata.normalize("NFC", entry).lower().split())
        out.setdefault(tuple(fold(entry).split()), set()).add(written)
    return {key: frozenset(forms) for key, forms in out.items()}


@cache
def _data() -> dict:
    raw = resources.files("vanban.data").joinpath("vocabulary.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def _classes() -> dict[str, list[str]]:
    return _data()["classes"]


def class_names() -> list[str]:
    return list(_classes())


@cache
def _sizes(name: str) -> dict[str, tuple[int, ...]]:
    """Each first word of the class's phrases → their lengths, the longest first."""
    by_first: dict[str, set[int]] = {}
    for phrase in phrases(name):
        if phrase:
            by_first.setdefault(phrase[0], set()).add(len(phrase))
    return {first: tuple(sorted(sizes, reverse=True)) for first, sizes in by_first.items()}


@cache
def _longest(name: str) -> int:
    return max(len(phrase) for phrase in phrases(name))


def phrase_at(
    words: list[str], index: int, name: str, written: list[str] | None = None
) -> int:
    """How many words from `index` make the longest phrase of class `name` (0: none).

    `words` are folded; `written`, the same words as the text has them in lower case,
    where a word with diacritics must match the vocabulary's spelling too. A word is tried
    only at the lengths its class's phrases from it have (the name readers ask some ten
    classes at each word of a name).
    """
    if index >= len(words):
        return 0
    if index < 0:
        sizes: Iterable[int] = range(min(_longest(name), len(words) - index), 0, -1)
    elif (sizes := _sizes(name).get(words[index])) is None:
        return 0  # most words start no phrase of the class: one look-up says so
    known = phrases(name)
    room = len(words) - index
    for size in sizes:
        if size > room or (forms := known.get(tuple(words[index : index + size]))) is None:
            continue
        if written is None:
            return size
        span = written[index : index + size]
        if typed_as_written():  # (the words as the vocabulary has them: `_same_marks`)
            if tuple(span) in forms:
                return size
        elif any(_same_marks(span, form) for form in forms):
            return size
    return 0


@cache
def _comma_terms() -> list[tuple[Phrase, Phrase]]:
    halves = []
    for entry in _classes()["comma_terms"]:
        before, after = re.split(r",|\s[-–]\s", fold(entry), maxsplit=1)
        halves.append((tuple(before.split()), tuple(after.split())))
    return halves


def comma_term_across(before: list[str], after: list[str]) -> bool:
    """Whether the folded words `before` a comma end, and those `after` it begin, a term of
    the vocabulary's `comma_terms` ("phòng cháy" + "chữa cháy")."""
    return comma_term_rest(before, after) > 0


def comma_term_rest(before: list[str], after: list[str]) -> int:
    """How many of the words `after` a comma finish the term of `comma_terms` the words
    `before` it begin ("chữa cháy" after "phòng cháy,": 2), 0 if none."""
    return max((len(b) for a, b in _comma_terms()
                if tuple(before[-len(a):]) == a and tuple(after[: len(b)]) == b), default=0)


# --- OCR spellings -----------------------------------------------------------------
#
# An English OCR model leaves a letter without marks as it is ("giao" stays "giao") and
# writes a marked one as one of the strings the confusion table lists for it ("ề" as "é",
# "&", "€", "d"), or drops it. A class's OCR spellings are those the table derives, less
# the ones that read another class's word or a common word ("đề nghị" derives "do nghi",
# which "do Nghị định" reads), plus the spellings actually met that it does not derive
# (the class's `[ocr_spellings]` in vocabulary.toml). Deriving checks every spelling
# against the language model's n-grams, a third of a second: the patterns are kept in
# data/ocr_spellings.json (`save()` rebuilds it; a test fails while it is stale) and
# used while their inputs are unchanged, else derived again in memory.

_SPELLINGS_FILE = "ocr_spellings.json"
_LEXICONS = ("admin_words.txt", "domain_terms.txt", "common_words.txt")
_VOWELS = frozenset("aeiouy")
Slots = list[frozenset[str]]


@cache
def _misreadings() -> dict[str, frozenset[str]]:
    """Each letter → the strings the confusion table says an OCR writes for it, folded as
    the text is folded inside a word ("&" → "o", "€" → "e")."""
    out: dict[str, set[str]] = {}
    for garbled, letters in repair_options().items():
        spelled = fold_ocr(f"a{garbled}a")[1:-1]
        for letter, _cost in letters:
            out.setdefault(letter, set()).add(spelled)
    return {letter: frozenset(spelled) for letter, spelled in out.items()}


def _syllable_variants(word: str, alone: bool = True) -> list[Slots]:
    """The ways an OCR may spell one written syllable, as rows of per-letter choices: all
    its letters, or one marked vowel lost (at most one, and a vowel left unless the word
    is not `alone` in its phrase: "d nghị" of "đề nghị", "t ngày" of "từ ngày", whose other
    word says what it is)."""
    word = unicodedata.normalize("NFC", word.lower())
    slots: Slots = []
    marked: list[int] = []
    for char in word:
        if char == "đ":  # an onset: the table's single letters for it ("p", "b")
            slots.append(frozenset(s for s in _misreadings()[char] if len(s) == 1))
        elif has_diacritics(char):
            slots.append(_misreadings().get(char, frozenset()) | {fold(char)})
            marked.append(len(slots) - 1)
        else:
            slots.append(frozenset(fold(char)))
    folded = fold(word)
    rows = [slots]
    for lost in marked:
        if any(c in _VOWELS for i, c in enumerate(folded) if i != lost) or (
                not alone and len(folded) > 1):
            rows.append(slots[:lost] + slots[lost + 1 :])
    return rows


def ocr_spellings(written: str) -> set[str]:
    """Every folded spelling the table derives for a written phrase ("đề nghị" → "de nghi",
    "be nghi", "pd nghi", ...)."""
    alone = len(written.split()) == 1
    per_word = [
        {"".join(letters) for row in _syllable_variants(w, alone) for letters in product(*row)}
        for w in written.split()
    ]
    return {" ".join(words) for words in product(*per_word)}


def _choice(letters: frozenset[str]) -> str:
    longer = sorted((s for s in letters if len(s) != 1), key=lambda s: (-len(s), s))
    single = "".join(sorted(s for s in letters if len(s) == 1))
    parts = [re.escape(s) for s in longer if s]
    if single:
        parts.append(re.escape(single) if len(single) == 1 else f"[{single}]")
    body = "|".join(parts)
    if len(parts) > 1 or (longer and single):
        body = f"(?:{body})"
    return f"{body}?" if "" in letters else body


def _phrase_pattern(written: str) -> str:
    # the regex of exactly `ocr_spellings(written)`, with any white space between words
    words = []
    alone = len(written.split()) == 1
    for word in written.split():
        rows = ["".join(_choice(letters) for letters in row)
                for row in _syllable_variants(word, alone)]
        words.append(rows[0] if len(rows) == 1 else f"(?:{'|'.join(rows)})")
    return r"\s+".join(words)


def _words_pattern(words: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)


def _per_phrase(table: str, name: str) -> dict[str, list[str]]:
    return {unicodedata.normalize("NFC", k).lower(): [fold_ocr(s).lower() for s in v]
            for k, v in _data().get(table, {}).get(name, {}).items()}


def abbreviations(name: str) -> dict[str, list[str]]:
    """A class's phrases as a clerk shortens them, written → folded ("thành phố" → "tp")."""
    return _per_phrase("abbreviations", name)


def collective_head(collective: str) -> str | None:
    """The title of who signs "TM." a collective ("ĐOÀN KIỂM TRA" → "Trưởng đoàn"), by
    the first words of its name, as an OCR may spell them."""
    folded = fold_ocr(collective).lower().split()
    heads = sorted(_data().get("collective_heads", {}).items(), key=lambda kv: -len(kv[0]))
    for words, head in heads:
        key = fold_ocr(words).lower().split()
        if folded[: len(key)] == key:
            return head
    return None


def level_tier(tier: str) -> list[str]:
    """The folded level words of one tier of government ("commune" → "xa", "phuong", ...),
    each a word of the class `level_words`."""
    return [fold(level) for level in _data()["level_tiers"][tier]]


def tier_word(tier: str) -> str:
    """The folded level word a tier of government is named by ("cấp huyện": "huyen"), the
    tier's first."""
    return level_tier(tier)[0]


def spellings_met(name: str) -> dict[str, list[str]]:
    """The OCR spellings actually met of a class's phrases, written → folded spellings."""
    return _per_phrase("ocr_spellings", name)


def derive(name: str, common: Callable[[str], bool]) -> list[tuple[str, str]]:
    """Each written phrase of a class with the regex of its OCR spellings (longest first)."""
    own = {" ".join(p) for p in phrases(name)}
    others = {" ".join(p) for other in class_names() if other != name
              for p in phrases(other)} - own
    met = spellings_met(name)
    for written, short in abbreviations(name).items():
        met[written] = met.get(written, []) + short

    def reads_another(spelled: str) -> bool:
        return spelled not in own and (spelled in others or common(spelled))

    written_forms = sorted({form for forms in phrases(name).values() for form in forms},
                           key=lambda f: (-len(f), f))
    return [(" ".join(form), phrase_pattern(" ".join(form), reads_another,
                                            met.get(" ".join(form), [])))
            for form in written_forms]


def phrase_pattern(written: str, reads_another: Callable[[str], bool],
                   met: Iterable[str] = ()) -> str:
    """The regex of a phrase's OCR spellings: those the table derives, less those that
    `reads_another` word ("thủ trưởng" → "thi truong", of "thị trường"), plus the
    spellings `met` (kept even where they read another word: they were seen)."""
    derived, met = ocr_spellings(written), set(met)
    taken = sorted(s for s in derived - met - {fold(written)} if reads_another(s))
    pattern = _phrase_pattern(written)
    if taken:
        pattern = rf"(?!(?:{_words_pattern(taken)})\b){pattern}"
    extra = sorted(met - derived, key=lambda s: (-len(s), s))
    if extra:
        pattern = f"{pattern}|{_words_pattern(extra)}"
    return pattern


def common_words() -> Callable[[str], bool]:
    """Whether a folded phrase is a common word: an n-gram (up to three syllables) of the
    language model, a common word of two syllables, or a phrase of the administrative
    lexicons."""
    from vanban.normalize.language_model import get_model

    model = get_model()
    ids: dict[str, list[int]] = {}
    for i, syllable in enumerate(model.vocab):
        if not syllable.startswith("<"):
            ids.setdefault(fold(syllable), []).append(i)
    said = set()
    for listed in _LEXICONS:
        for line in resources.files("vanban.data").joinpath(listed).read_text("utf-8").splitlines():
            words = fold(line.split("\t")[0]).split()
            if line.strip() and not line.startswith("#"):
                said |= {" ".join(words[i : i + n]) for n in range(1, 5)
                         for i in range(len(words) - n + 1)}
    size = model.size

    def common(phrase: str) -> bool:
        words = phrase.split()
        if phrase in said:
            return True
        if len(words) == 1:
            return words[0] in ids
        if len(words) == 2:
            return any(a * size + b in model.bi
                       for a in ids.get(words[0], ()) for b in ids.get(words[1], ()))
        if len(words) == 3:
            return any((a * size + b) * size + c in model.tri
                       for a in ids.get(words[0], ()) for b in ids.get(words[1], ())
                       for c in ids.get(words[2], ()))
        return False

    return common


def _inputs() -> str:
    """A digest of what the derived patterns are made from."""
    from vanban.normalize import ocr_confusions

    digest = hashlib.sha256()
    data = resources.files("vanban.data")
    for listed in ("vocabulary.toml", *_LEXICONS):
        digest.update(data.joinpath(listed).read_bytes())
    digest.update(repr((ocr_confusions.CONFUSIONS, ocr_confusions.REPAIR_ONLY)).encode())
    digest.update(Path(__file__).read_bytes())
    with data.joinpath("restore_model.zip").open("rb") as fh, zipfile.ZipFile(fh) as zf:
        digest.update(repr([(i.filename, i.CRC) for i in zf.infolist()]).encode())
    return digest.hexdigest()


def build() -> dict[str, object]:
    """Every class's OCR spellings, derived now, with the digest of their inputs."""
    common = common_words()
    return {"inputs": _inputs(),
            "classes": {name: derive(name, common) for name in class_names()}}


@cache
def _derived() -> dict[str, list[tuple[str, str]]]:
    try:
        stored = json.loads(resources.files("vanban.data").joinpath(_SPELLINGS_FILE)
                            .read_text(encoding="utf-8"))
    except FileNotFoundError:
        stored = {}
    if stored.get("inputs") != _inputs():  # the vocabulary or the table changed since
        stored = build()
    return {name: [tuple(p) for p in pairs] for name, pairs in stored["classes"].items()}


def phrase_patterns(name: str) -> list[tuple[str, str]]:
    """Each written phrase of a class with the regex of its OCR spellings, longest first."""
    return _derived()[name]


@cache
def tolerant(name: str) -> str:
    """A regex alternation of a class's phrases as an English OCR may spell them: "đề nghị"
    also as "dé nghi", "B€ nghi", "pd nghi", but not as "do nghi" ("do Nghị định")."""
    return "|".join(f"(?:{pattern})\\b" for _, pattern in phrase_patterns(name))


@cache
def _words_spelled() -> dict[str, frozenset[str]]:
    """Each OCR spelling of a word of the vocabulary's phrases (folded as the text is) →
    the words it spells, folded ("hdng" → "huong", "hang")."""
    words = {word for name in class_names() for forms in phrases(name).values()
             for form in forms for word in form}
    spelled: dict[str, set[str]] = {}
    for word in words:
        for spelling in ocr_spellings(word) - {fold(word)}:
            spelled.setdefault(spelling, set()).add(fold(word))
    return {spelling: frozenset(folds) for spelling, folds in spelled.items()}


def spells_another_word(word: str, reading: str) -> bool:
    """Whether an OCR's `word` spells a word of the vocabulary and the restorer's `reading`
    is none of those it spells ("hdng" of "hướng dẫn" read "hỏng"): the rules read the
    word as written (`tolerant`), a wrong syllable would hide it."""
    words = _words_spelled().get(fold_ocr(word).lower())
    return words is not None and fold(reading).lower() not in words


def _same_marks(written: list[str], form: Phrase) -> bool:
    # a word without marks may have lost them, unless the text was typed as written
    # ("du lịch" is no "dự")
    lost = not typed_as_written()
    return all(word == expected or (lost and not has_diacritics(word))
               for word, expected in zip(written, form, strict=True))


def save() -> Path:
    """Derive every class's OCR spellings again and store them (after editing the
    vocabulary or the confusion table: `python -c "from vanban.extract.vocabulary import
    save; save()"`)."""
    target = Path(__file__).resolve().parents[1] / "data" / _SPELLINGS_FILE
    built = json.dumps(build(), ensure_ascii=False, indent=0) + "\n"
    temporary = target.with_suffix(".tmp")
    temporary.write_text(built, encoding="utf-8")
    temporary.replace(target)
    return target
