"""The vocabulary's OCR spellings: derived from the confusion table, they read each class's
own words in all three text states and no other class's word nor a common one."""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources

import pytest

from tests.states import garbled, stripped
from vanban.extract import patterns as p
from vanban.extract.vocabulary import (
    _inputs,
    abbreviations,
    build,
    class_names,
    common_words,
    ocr_spellings,
    phrase_pattern,
    phrase_patterns,
    phrases,
    spellings_met,
    tolerant,
)
from vanban.folding import fold, fold_ocr, has_diacritics

_SEEDS = range(40)


@pytest.fixture(scope="module")
def common():
    return common_words()


def _written(name: str) -> list[str]:
    return sorted({" ".join(form) for forms in phrases(name).values() for form in forms})


def _recognisable(written: str, damaged: str, common, others: set[str]) -> bool:
    # the garble left every unmarked letter as written (a marked one may become anything or
    # nothing), a vowel in every word ("xã" read as "x" is no word any more), and no other
    # word: "báo" read as "béo" (fat), "quận" as "quén" (quen) say another word
    skeleton = "".join("[^aeiouy]" if c == "đ" else ".*" if has_diacritics(c) else re.escape(fold(c))
                       for c in unicodedata.normalize("NFC", written.lower()))
    said = fold_ocr(damaged)
    if said == fold(written):
        return True
    return (bool(re.fullmatch(skeleton, said))
            and all(re.search("[aeiouy]", word) for word in said.split())
            and said not in others and not common(said))


def _others(name: str) -> set[str]:
    own = {" ".join(phrase) for phrase in phrases(name)}
    return {" ".join(phrase) for other in class_names() if other != name
            for phrase in phrases(other)} - own


def test_the_stored_spellings_are_derived_from_todays_vocabulary_and_table():
    stored = json.loads(resources.files("vanban.data").joinpath("ocr_spellings.json")
                        .read_text(encoding="utf-8"))
    hint = ('rebuild: python -c "from vanban.extract.vocabulary import save; save()"')
    assert stored["inputs"] == _inputs(), hint
    assert stored["classes"] == json.loads(json.dumps(build()["classes"])), hint


@pytest.mark.parametrize("name", class_names())
def test_a_class_reads_its_own_words_in_all_three_states(name, common):
    pattern, others = re.compile(tolerant(name)), _others(name)
    for written in _written(name):
        assert pattern.fullmatch(fold_ocr(written)), written
        assert pattern.fullmatch(fold_ocr(stripped(written))), written
        for seed in _SEEDS:
            damaged = garbled(written, seed)
            if _recognisable(written, damaged, common, others):
                assert pattern.fullmatch(fold_ocr(damaged)), (written, damaged)


@pytest.mark.parametrize("name", class_names())
def test_a_derived_spelling_reads_no_other_class_and_no_common_word(name, common):
    pattern = re.compile(tolerant(name))
    own = {" ".join(phrase) for phrase in phrases(name)}
    met = {s for spelled in (*spellings_met(name).values(), *abbreviations(name).values())
           for s in spelled}
    others = _others(name)
    assert not [s for s in met if s in others]  # a spelling met is no other class's word
    for written in _written(name):
        for spelled in ocr_spellings(written) - own - met:
            if pattern.fullmatch(spelled):
                assert spelled not in others, (written, spelled)
                assert not common(spelled), (written, spelled)


@pytest.mark.parametrize(("said", "read"), [
    ("de nghi", True), ("b€ nghi", True), ("b& nghi", True), ("dé nghi", True),
    ("do nghi", False),  # "do Nghị định ..."
    ("da nghi", False),  # "đã nghỉ"
    ("giao", True), ("giai", False), ("gioi", False),  # no mark, no loosening
    ("yéu cdu", True), ("tiy quyen", True), ("y quyen", False),  # "ỷ quyền"
    ("phan céng", True),
    ("d nghì", True),  # "đề" lost its only vowel: the phrase's other word says what it is
])
def test_request_verbs(said, read):
    assert bool(re.fullmatch(rf"{p.REQUEST_VERB}", fold_ocr(said))) is read


@pytest.mark.parametrize(("said", "level"), [
    ("huy&n", "huyện"), ("phudng", "phường"), ("phirdng", "phường"), ("phung", "phường"),
    ("x3", "xã"), ("tp.", "thành phố"), ("tx", "thị xã"), ("thanh ph6", "thành phố"),
    ("quan", "quận"), ("tinh", "tỉnh"), ("phong", None), ("xe", None), ("quen", None),
])
def test_level_words(said, level):
    m = re.fullmatch(p.LEVEL_WORD_OCR, fold_ocr(said))
    assert (p.level_word(m) if m else None) == level


def test_a_lone_word_keeps_a_vowel():
    # "xã" read "x" would be any letter; in a phrase, "đề" read "d" is "đề nghị" still
    assert "x" not in ocr_spellings("xã")
    assert "d nghi" in ocr_spellings("đề nghị")


def test_thi_truong_is_no_thu_truong(common):
    # the example: the table lets "ủ" be read "i" and "ưở" "uo", so "thủ trưởng"
    # derives "thi truong", which a common word says: left out
    assert "thi truong" in ocr_spellings("thủ trưởng")
    pattern = re.compile(phrase_pattern("thủ trưởng", common))
    assert not pattern.fullmatch("thi truong")
    assert pattern.fullmatch("thu truong") and pattern.fullmatch("thti trirdng")
    assert "thu truong" not in ocr_spellings("thị trường")  # no "ị" is read "u"


def test_level_patterns_are_the_level_words():
    assert [w for w, _ in phrase_patterns("level_words")] == [w for w, _ in p.LEVEL_PATTERNS]
    assert set(p.LEVELS.values()) == set(_written("level_words"))
