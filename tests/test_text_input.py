"""Plain-text input in the encodings clerks' machines produce."""

import codecs

import pytest

from vanban import process
from vanban.errors import EmptyFileError, UndecodableTextError

TEXT = "Số: 5/UBND-VP\nV/v họp giao ban\n\nĐà Nẵng, ngày 02 tháng 01 năm 2025\n"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-16-le"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "crlf"],
)
def test_encodings_give_the_same_record(tmp_path, encoded):
    path = tmp_path / "cv.txt"
    path.write_bytes(encoded)
    record = process(path)
    assert record.number == "5/UBND-VP"
    assert record.place == "Đà Nẵng"
    assert record.provenance.file_name == "cv.txt"
    assert len(record.provenance.sha256) == 64


def test_decomposed_unicode_is_composed(tmp_path):
    import unicodedata

    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", TEXT), encoding="utf-8")
    record = process(path)
    assert record.subject == "Họp giao ban"
    assert unicodedata.is_normalized("NFC", record.text)


def test_undecodable_bytes_name_the_offset(tmp_path):
    path = tmp_path / "cp.txt"
    path.write_bytes(b"S\xe1: 5/UBND \x81\x82")
    with pytest.raises(UndecodableTextError, match=r"cp.txt: not UTF-8 or UTF-16 text \(byte"):
        process(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError, match="empty file"):
        process(path)


def test_an_english_ocrs_debris_is_not_taken_for_a_legacy_encoding(tmp_path):
    from tests.states import garbled
    from vanban.ingest import load

    line = ("- C, PCVP UBND tỉnh, Hồ Tiến Thiệu\n- Các phòng, ban, ngành thuộc huyện;\n"
            "Chủ tịch Ủy ban nhân dân huyện yêu cầu Thủ trưởng các cơ quan thực hiện.\n")
    for seed in range(12):
        path = tmp_path / f"ocr{seed}.txt"
        path.write_text(garbled(line, seed=seed) + "Ho Tién Thi¢u\n", encoding="utf-8")
        document = load(path)
        assert not any("legacy" in w or "TCVN" in w for w in document.warnings), seed
        assert "Ho Tién Thi¢u" in document.text
