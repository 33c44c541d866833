"""Diacritic restoration and OCR-garble repair (vanban.normalize.diacritics)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.states import directive_like_text
from vanban.normalize.diacritics import Restored, restore, text_state
from vanban.normalize.garble import garble
from vanban.normalize.heldout import find_shared, heldout_lines
from vanban.normalize.syllables import normalize_syllable, strip_marks

SHARED = find_shared()
needs_seeds = pytest.mark.skipif(SHARED is None, reason="shared/seeds not found")


def _seed(prefix: str) -> str:
    assert SHARED is not None
    return next((SHARED / "seeds").glob(f"{prefix}_*.txt")).read_text("utf-8")


def _syllables(text: str) -> list[str]:
    return [normalize_syllable(w.lower()) for w in re.findall(r"[^\W\d_]+", text)]


@pytest.mark.parametrize(
    ("stripped", "expected"),
    [
        (
            "Giao So Noi vu chu tri, phoi hop voi cac co quan lien quan.",
            "Giao Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan.",
        ),
        ("Kinh gui: Giam doc So Tai chinh", "Kính gửi: Giám đốc Sở Tài chính"),
        ("CONG HOA XA HOI CHU NGHIA VIET NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Uy ban nhan dan tinh Quang Ngai", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
        ("hoan thanh truoc ngay 30/6/2024.", "hoàn thành trước ngày 30/6/2024."),
        ("NANG CAO chat luong", "NÂNG CAO chất lượng"),
    ],
)
def test_restore_stripped_snippets(stripped: str, expected: str) -> None:
    result = restore(stripped)
    assert isinstance(result, Restored)
    assert result.text == expected
    assert result.changed
    assert 0.0 <= result.confidence <= 1.0


@pytest.mark.parametrize(
    ("garbled", "expected"),
    [
        ("ngay 06 thdng 5 nam 2024", "ngày 06 tháng 5 năm 2024"),
        (
            "V/v trién khai khic phuc, ndng cao chat luong",
            "V/v triển khai khắc phục, nâng cao chất lượng",
        ),
        ("- Céc s0, ban, nganh tinh;", "- Các sở, ban, ngành tỉnh;"),
        ("Bao hiém x3 héi tinh", "Bảo hiểm xã hội tỉnh"),
        ("don dbc viéc thuc hién dbi véi", "đôn đốc việc thực hiện đối với"),
        # Real foreign-OCR classes: "é" for a hatted vowel, "P" for "Đ", a Latin-1 accent
        # on a valid syllable that the context overrules.
        ("Céng thong tin dién tir tinh", "Cổng thông tin điện tử tỉnh"),
        ("Piéu 3. Té chirc thuc hién", "Điều 3. Tổ chức thực hiện"),
        ("Cuc Thué tinh va Cong an tinh", "Cục Thuế tỉnh và Công an tỉnh"),
        ("Pang uy, chinh quyén dia phuong", "Đảng ủy, chính quyền địa phương"),
        ("Bé Tai chinh, Sé Tu phap", "Bộ Tài chính, Sở Tư pháp"),
        ("Sé: 125 /QD-UBND", "Số: 125 /QD-UBND"),
    ],
)
def test_restore_garbled_snippets(garbled: str, expected: str) -> None:
    assert restore(garbled).text == expected


def test_codes_numbers_acronyms_and_layout_untouched() -> None:
    text = (
        "So 84/BC-SNV ngay 22/4/2024 (PAR INDEX), 19-NQ/TW;\n\n"
        "  dat 83,59 diem, UBND  va HDND tinh.\n"
    )
    out = restore(text).text
    assert out.count("\n") == text.count("\n")
    for kept in ("84/BC-SNV", "22/4/2024", "(PAR INDEX),", "19-NQ/TW;", "83,59", "UBND  và"):
        assert kept in out
    assert "HĐND" in out
    assert out.endswith("tỉnh.\n")
    assert strip_marks(out) == strip_marks(text).replace("HDND", "HDND")


def test_clean_text_passes_unchanged() -> None:
    text = "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành tỉnh triển khai thực hiện."
    result = restore(text)
    assert result.text == text
    assert not result.changed


@needs_seeds
@pytest.mark.parametrize("prefix", ["003", "004"])
def test_clean_seeds_pass_byte_identical(prefix: str) -> None:
    text = _seed(prefix)
    result = restore(text)
    assert result.text == text
    assert not result.changed


@needs_seeds
@pytest.mark.parametrize(
    ("prefix", "state"),
    [
        ("000", "garbled"),
        ("001", "stripped"),
        ("002", "garbled"),
        ("003", "clean"),
        ("004", "clean"),
    ],
)
def test_text_state_of_seeds(prefix: str, state: str) -> None:
    assert text_state(_seed(prefix)) == state


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Giao Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan.", "clean"),
        ("Giao So Noi vu chu tri, phoi hop voi cac co quan lien quan.", "stripped"),
        ("S6: 2268 UBND-TTHC Quadng Ngdi, ngay 06 thdng 5 nam 2024, Céc s0", "garbled"),
        ("", "clean"),
    ],
)
def test_text_state_snippets(text: str, state: str) -> None:
    assert text_state(text) == state


def _accuracy(gold: list[str], noisy: list[str]) -> float:
    total = correct = 0
    for g, n in zip(gold, noisy, strict=True):
        want, got = _syllables(g), _syllables(restore(n).text)
        total += len(want)
        if len(want) == len(got):
            correct += sum(a == b for a, b in zip(want, got, strict=True))
    return correct / total


def test_heldout_accuracy_stripped() -> None:
    gold = heldout_lines()
    assert _accuracy(gold, [strip_marks(g) for g in gold]) >= 0.97


def test_heldout_accuracy_garbled() -> None:
    gold = heldout_lines()
    assert _accuracy(gold, [garble(g, seed=7 + i) for i, g in enumerate(gold)]) >= 0.90


def test_text_state_of_stripped_text() -> None:
    # (its speed, ~1 ms a call, is bench/restore.py's to measure)
    text = "\n".join(strip_marks(g) for g in heldout_lines())[:2500]
    assert text_state(text) == "stripped"


def test_cli_restore(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from vanban.cli import _register, app

    _register()
    path = tmp_path / "in.txt"
    path.write_text("Giao So Noi vu chu tri\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["restore", str(path)])
    assert result.exit_code == 0, result.output
    assert "Giao Sở Nội vụ chủ trì" in result.output


_DIGITS = re.compile(r"(?<!\S)\d+(?!\S)")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(directive_like_text)
def test_restore_never_raises_and_keeps_lines_and_numbers(text: str) -> None:
    result = restore(text)
    assert result.text.count("\n") == text.count("\n")
    assert _DIGITS.findall(result.text) == _DIGITS.findall(text)
    assert 0.0 <= result.confidence <= 1.0
