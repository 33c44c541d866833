"""Repair of look-alike mark confusions of our own Tesseract `vie` OCR (ocr_repair)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

from tests.states import directive_like_text
from vanban.normalize.diacritics import Restored
from vanban.normalize.garble import ocr_confuse
from vanban.normalize.heldout import find_shared, heldout_lines
from vanban.normalize.ocr_repair import repair_ocr
from vanban.normalize.syllables import fold, split_tone

DATA = Path(__file__).parent / "data"
_WORDS = re.compile(r"[^\W\d_]+")


def _syllables(text: str) -> list[str]:
    return _WORDS.findall(text)


# Real slips of our scan path (tests/data/ocr), in directive sentences written for this test.
@pytest.mark.parametrize(
    ("scanned", "expected"),
    [
        (
            "Triến khai thực hiện chuyến đối số trong các cơ quan hành chính nhà nước.",
            "Triển khai thực hiện chuyển đổi số trong các cơ quan hành chính nhà nước.",
        ),
        (
            "Căn cứ Luật Tố chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        ),
        (
            "Thành lập Tố công tác kiếm tra cải cách hành chính năm 2024 của huyện.",
            "Thành lập Tổ công tác kiểm tra cải cách hành chính năm 2024 của huyện.",
        ),
        (
            "Văn phòng UBND tỉnh tống hợp, báo cáo Chủ tch UBND tỉnh trước ngày 15/12/2024.",
            "Văn phòng UBND tỉnh tổng hợp, báo cáo Chủ tịch UBND tỉnh trước ngày 15/12/2024.",
        ),
        (
            "Hoàn thiện thế chế, chính sách để đây mạnh phát triển kinh tế số.",
            "Hoàn thiện thể chế, chính sách để đẩy mạnh phát triển kinh tế số.",
        ),
        (
            "Phát triến nguồn nhân lực chất lượng cao phục vụ chuyến đối số.",
            "Phát triển nguồn nhân lực chất lượng cao phục vụ chuyển đổi số.",
        ),
        (
            "Các cơ quan, đơn vị thực hiện nghiêm các nội dung nều trên.",
            "Các cơ quan, đơn vị thực hiện nghiêm các nội dung nêu trên.",
        ),
        (
            "Giao Sở Nội vụ chủ trì, phối hợp kiếm tra, đôn đốc việc thực hiện.",
            "Giao Sở Nội vụ chủ trì, phối hợp kiểm tra, đôn đốc việc thực hiện.",
        ),
        ("QUYẾT ĐỊNH THÀNH LẬP TỐ CÔNG TÁC", "QUYẾT ĐỊNH THÀNH LẬP TỔ CÔNG TÁC"),
    ],
)
def test_real_scan_slips_repaired_in_context(scanned: str, expected: str) -> None:
    result = repair_ocr(scanned)
    assert isinstance(result, Restored)
    assert result.text == expected
    assert result.changed
    assert 0.0 <= result.confidence <= 1.0


def test_real_tesseract_page_gets_closer_to_its_source() -> None:
    scanned = (DATA / "ocr" / "quyet_dinh.tesseract.txt").read_text("utf-8")
    source = (DATA / "directives" / "quyet_dinh.txt").read_text("utf-8")
    out = repair_ocr(scanned).text
    assert out.count("\n") == scanned.count("\n")
    for slip in ("Tố chức", "kiếm tra"):
        assert slip in scanned and slip not in out
    assert set(_syllables(out)) <= set(_syllables(source)) | set(_syllables(scanned))


def test_clean_text_unchanged() -> None:
    text = "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành tỉnh triển khai thực hiện."
    result = repair_ocr(text)
    assert result.text == text
    assert not result.changed
    # Foreign words, names in mixed case and acronyms stay as written.
    for kept in ("Quét scan, gửi email qua Zalo", "Ứng dụng iPhone của VNPT", "HĐND, UBND"):
        assert repair_ocr(kept).text == kept


def test_clean_directives_unchanged() -> None:
    for path in sorted((DATA / "directives").glob("*.txt")):
        text = path.read_text("utf-8")
        assert repair_ocr(text).text == text, path.name


@pytest.mark.skipif(find_shared() is None,
                    reason="../shared/seeds not found: too little held-out text to measure")
def test_heldout_false_change_budget_and_fix_rate() -> None:
    gold = heldout_lines()
    changed = total = 0
    for line in gold:
        want, got = _syllables(line), _syllables(repair_ocr(line).text)
        assert len(want) == len(got)
        total += len(want)
        changed += sum(a != b for a, b in zip(want, got, strict=True))
    assert changed / total <= 0.003

    damaged = fixed = 0
    for i, line in enumerate(gold):
        noisy = ocr_confuse(line, seed=7 + i, rate=0.1)
        out = repair_ocr(noisy).text
        for g, n, o in zip(_syllables(line), _syllables(noisy), _syllables(out), strict=True):
            if g != n:
                damaged += 1
                fixed += g == o
    assert damaged > 300
    assert fixed / damaged >= 0.8  # 0.92 when measured


def test_ocr_confuse_is_seeded_and_only_swaps_marks() -> None:
    text = "\n".join(heldout_lines()[:30])
    once = ocr_confuse(text, seed=3, rate=0.2)
    assert once == ocr_confuse(text, seed=3, rate=0.2)
    assert once != ocr_confuse(text, seed=4, rate=0.2)
    assert ocr_confuse(text, seed=3, rate=0.0) == text
    assert once.count("\n") == text.count("\n")
    assert re.findall(r"\d+", once) == re.findall(r"\d+", text)
    before, after = _syllables(text), _syllables(once)
    assert len(before) == len(after)
    hits = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert 0.1 * len(before) < len(hits) < 0.3 * len(before)
    for a, b in hits:  # same letters give or take a lost thin vowel
        fa, fb = fold(a), fold(b)
        assert fa == fb or fb in {fa[:i] + fa[i + 1 :] for i in range(len(fa))}
    # A damaged hook above is most often read as an acute, as in the real scans.
    hooks = [(a, b) for a, b in hits if split_tone(a.lower())[1] == 3]
    as_acute = [a for a, b in hooks if split_tone(b.lower()) == (split_tone(a.lower())[0], 1)]
    assert len(as_acute) > 0.5 * len(hooks)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_DIGITS = re.compile(r"\d+")
_CODES = re.compile(r"\S*[\d/]\S*")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(directive_like_text)
@example("0\uf900 nang")  # a line it repairs comes back in NFC: "豈" of U+F900 is U+8C48
@example("a) /Ò")  # a word glued to a slash is a symbol's part, kept as written
def test_repair_keeps_digits_codes_and_lines(text: str) -> None:
    result = repair_ocr(text)
    out = result.text
    assert out.count("\n") == text.count("\n")
    assert _DIGITS.findall(out) == _DIGITS.findall(text)
    assert _CODES.findall(_nfc(out)) == _CODES.findall(_nfc(text))
    assert re.findall(r"\s+", out) == re.findall(r"\s+", text)
    assert 0.0 <= result.confidence <= 1.0
    assert result.changed == (out != text)
