"""A directive copied from a web page or a converter with its header and its foot as
pipe tables (invented text): read as a Word file's layout table is, column by column."""

from __future__ import annotations

from tests.states import STATES
from vanban import process_text
from vanban.ingest.pipe_tables import lay_out_pipe_tables

_MARKDOWN = """\
| BỘ NỘI VỤ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |
|---|---|
| Số: 215/BNV-TCBC V/v rà soát biên chế công chức năm 2026 | Hà Nội, ngày 12 tháng 3 năm 2026 |

Kính gửi: Sở Nội vụ các tỉnh, thành phố trực thuộc Trung ương

Đề nghị Sở Nội vụ các tỉnh, thành phố rà soát biên chế công chức, báo cáo về Bộ trước ngày 30/4/2026.

| Nơi nhận: - Như trên; - Bộ trưởng (để b/c); - Các Bộ: TC, TP; - Lưu: VT, TCBC. | KT. BỘ TRƯỞNG THỨ TRƯỞNG Trần Văn Bình |
|---|---|
"""

_TASK_TABLE = """\
| STT | Nhiệm vụ | Đơn vị chủ trì | Thời hạn |
|---|---|---|---|
| 1 | Rà soát biên chế | Sở Nội vụ | 30/4/2026 |
| 2 | Bố trí kinh phí | Sở Tài chính | 15/5/2026 |"""


def test_a_layout_table_is_read_column_by_column_and_a_data_table_is_left_as_it_is():
    lines = lay_out_pipe_tables(_MARKDOWN + "\n" + _TASK_TABLE).split("\n")
    assert lines[:2] == ["BỘ NỘI VỤ -------", "Số: 215/BNV-TCBC V/v rà soát biên chế công chức năm 2026"]
    assert "Hà Nội, ngày 12 tháng 3 năm 2026" in lines
    assert "KT. BỘ TRƯỞNG THỨ TRƯỞNG Trần Văn Bình" in lines
    assert _TASK_TABLE.split("\n") == lines[-4:]  # a data table as it is
    assert "|---|---|" not in lines


def test_a_markdown_header_and_foot_give_number_place_subject_and_signer():
    for state in STATES:
        record = process_text(STATES[state](_MARKDOWN))
        assert record.number == "215/BNV-TCBC", state
        assert record.date is not None and record.date.isoformat() == "2026-03-12"
        # (the English-OCR garble damages the signing box's capitals past reading:
        # "BỘ TRLRONG THII TRƯỜNG")
        if state != "garbled":
            assert record.signer is not None and record.signer.position == "Thứ trưởng"
        owners = {o.name for t in record.tasks for o in t.owners}
        assert not any(name.split()[0] == "Bộ" for name in owners), owners  # the foot's
        if state == "clean":
            assert record.place == "Hà Nội"
            assert record.subject == "Rà soát biên chế công chức năm 2026"
            assert record.signer is not None and record.signer.name == "Trần Văn Bình"


def test_a_row_without_its_closing_pipe_is_still_a_row():
    text = "| BỘ XÂY DỰNG -------\n|---|---\n| Số: 40/BXD-QLN | Hà Nội, ngày 2 tháng 6 năm 2026\n"
    lines = lay_out_pipe_tables(text).split("\n")
    assert lines[:2] == ["BỘ XÂY DỰNG -------", "Số: 40/BXD-QLN"]
    assert "Hà Nội, ngày 2 tháng 6 năm 2026" in lines


def test_a_line_that_only_opens_with_a_pipe_is_left_alone():
    text = "| ghi chú: xem phụ lục\nSở Tài chính bố trí kinh phí."
    assert lay_out_pipe_tables(text) == text


def test_a_table_of_barred_cells_becomes_rows():
    # a web page's table copied as text: each cell between lines of a lone "|", two bars
    # together between rows, a cell wrapped over lines, a group's title a row of one cell
    text = ("|\n**STT**\n|\n**Nhiệm vụ**\n|\n**Cơ quan chủ trì**\n|\n**Thời gian**\n|\n|\n"
            "**I. TUYÊN TRUYỀN**\n|\n|\n1\n|\nTổ chức tập huấn cho\ncán bộ cấp xã.\n|\n"
            "Sở Tư pháp\n|\nQuý III/2026\n|\n|\n2\n|\nRà soát hồ sơ.\n|\nSở Nội vụ\n|\n|\n|\n\nHết.")
    assert lay_out_pipe_tables(text).split("\n") == [
        "| **STT** | **Nhiệm vụ** | **Cơ quan chủ trì** | **Thời gian** |",
        "| **I. TUYÊN TRUYỀN** |  |  |  |",
        "| 1 | Tổ chức tập huấn cho cán bộ cấp xã. | Sở Tư pháp | Quý III/2026 |",
        "| 2 | Rà soát hồ sơ. | Sở Nội vụ |  |",
        "", "Hết."]


def test_a_header_of_barred_cells_is_left_to_the_layout():
    text = "|\n**ỦY BAN NHÂN DÂN**\nTỈNH A\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n|\nSố: 1/UBND\n|"
    assert "| **ỦY BAN" not in lay_out_pipe_tables(text)


def test_a_header_cell_keeps_its_wrapped_emphasis_on_one_line():
    # a web page's copy wraps a cell's bold or italic text where the width ends
    text = ("|\n**ỦY BAN NHÂN\nDÂN **\nTỈNH AN GIANG\n--------\n|\n**CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA "
            "VIỆT NAM**\n|\n|\nSố: 12/UBND-VX\n|\n*An Giang, ngày 02\ntháng 3 năm 2026*\n|")
    out = lay_out_pipe_tables(text)
    assert "**ỦY BAN NHÂN DÂN **" in out
    assert "*An Giang, ngày 02 tháng 3 năm 2026*" in out
    assert "TỈNH AN GIANG" in out.split("\n")


def test_a_second_task_under_a_merged_number_takes_the_rows_time():
    # a row's second task whose number, time and product cells the page merged with the
    # row's: only its task, lead and partner come out between the bars
    text = ("|\n**TT**\n|\n**Nhiệm vụ**\n|\n**Cơ quan chủ trì**\n|\n**Cơ quan phối hợp**\n|\n"
            "**Thời gian hoàn thành**\n|\n**Sản phẩm**\n|\n|\n1\n|\nVận hành cổng dữ liệu.\n|\n"
            "Sở Nội vụ\n|\nCác sở, ngành\n|\nQuý III/2026\n|\nCổng dữ liệu\n|\n|\n"
            "Sao lưu dữ liệu định kỳ.\n|\nSở Tư pháp\n|\nSở Nội vụ\n|\n|\n2\n|\n"
            "Tập huấn cán bộ.\n|\nSở Y tế\n|\nCác xã\n|\nQuý IV/2026\n|\nLớp tập huấn\n|\n|\n")
    assert "| 1 | Sao lưu dữ liệu định kỳ. | Sở Tư pháp | Sở Nội vụ | Quý III/2026 | Cổng dữ liệu |" \
        in lay_out_pipe_tables(text).split("\n")
    for state in STATES:
        record = process_text(STATES[state](text))
        due = {(o.name, t.deadline and t.deadline.date.isoformat())
               for t in record.tasks for o in t.owners}
        assert ("Sở Tư pháp", "2026-09-30") in due, (state, due)
        assert "Sở Nội vụ" in {o.name for t in record.tasks for o in t.owners}
