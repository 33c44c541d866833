"""Place names with syllables the restorer's model lacks (vanban.normalize.spelled_names)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.states import STATES
from vanban import process_text
from vanban.normalize.diacritics import restore

LETTER = """Kính gửi: Ủy ban nhân dân các tỉnh Tây Nguyên.

Đề nghị Ủy ban nhân dân tỉnh Đắk Lắk chủ trì, phối hợp với Ủy ban nhân dân tỉnh Gia Lai
rà soát các công trình thủy lợi, báo cáo kết quả trước ngày 20/4/2026.

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("Uy ban nhan dan tinh Dak Lak", "Ủy ban nhân dân tỉnh Đắk Lắk"),
        ("UY BAN NHAN DAN TINH DAK NONG", "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG"),
        ("huyen Krong Buk, huyen Cu M'gar", "huyện Krông Búk, huyện Cư M'gar"),
        # an English OCR's: a digit for a letter, one word of the name already right
        ("Ủy ban nhän dãn tinh Dắk L4k chü trï", "Ủy ban nhân dân tỉnh Đắk Lắk chủ trì"),
        ("lanh dao tinh Dak Lắk ve tình hình", "lãnh đạo tỉnh Đắk Lắk về tình hình"),
        # one marked vowel written as two letters ("ắ" read "ii")
        ("Giao Cuc Thué tinh Diik Lâk chû tri, phói hop voi Sö Tai chinh",
         "Giao Cục Thuế tỉnh Đắk Lắk chủ trì, phối hợp với Sở Tài chính"),
    ],
)
def test_a_name_the_model_cannot_spell_is_written_whole(damaged: str, expected: str) -> None:
    assert restore(damaged).text == expected


def test_words_that_only_fold_as_a_name_stay_words() -> None:
    # lower case: no name ("dak lak" is no word of prose either, but only capitals name)
    assert "Đắk" not in restore("cac don vi dak lak tiep tuc").text


@pytest.mark.parametrize("state", STATES)
def test_the_province_owns_its_task_in_every_state(state: str) -> None:
    record = process_text(STATES[state](LETTER))
    owners = {o.name for t in record.tasks for o in t.owners}
    assert "Ủy ban nhân dân tỉnh Đắk Lắk" in owners
    assert {(t.deadline.date, o.name) for t in record.tasks if t.deadline
            for o in t.owners} >= {(dt.date(2026, 4, 20), "Ủy ban nhân dân tỉnh Đắk Lắk")}


def test_a_garbled_documents_respelling_writes_the_name_however_unsure_the_model() -> None:
    from vanban.normalize.diacritics import respelled

    # the model is unsure of its own reading of "Diik" ("Đề"): the gazetteer's is sure
    text = "Giao Cuc Thué tinh Diik Lâk chû tri, phói hop voi Sö Tai chinh.\n"
    assert "Thuế tỉnh Đắk Lắk chủ trì" in respelled(text, document_state="garbled").text


def test_the_table_folds_the_models_syllables_without_filling_the_memo() -> None:
    """`spelled_names` folds the model's 7,800 syllables at once: as `fold_ocr` does, but
    past its memo (emptied when full, it would lose a document's words)."""
    from vanban import folding
    from vanban.normalize.diacritics import tables
    from vanban.normalize.spelled_names import spelled_names

    index = tables().model.index
    folding._REMEMBERED.clear()
    table = spelled_names(index)
    assert len(folding._REMEMBERED) < len(index) // 4
    assert table.words == frozenset(folding.fold_ocr(w) for w in index)
    assert table.exact[("dak", "lak")] == ("Đắk", "Lắk")
    for word in ("Đắk", "pháp", "3l/5/2026", "SO’", "Sở"):
        assert folding.fold_ocr(word, remember=False) == folding.fold_ocr(word)
