"""Tasks, owners, co-owners, deadlines and references from short snippets."""

import datetime as dt

import pytest

from tests.states import STATES, stripped
from vanban import process_text

LETTER = """Kính gửi:
- Các sở, ban, ngành tỉnh;
- Ủy ban nhân dân các huyện, thành phố.

Thực hiện Công văn số 245/UBND-KSTT ngày 24/02/2023 của UBND tỉnh, UBND tỉnh yêu cầu:

1. Các sở, ban, ngành tỉnh
- Rà soát thủ tục hành chính, hoàn thành trước ngày 20/5/2024.
- Báo cáo kết quả về Sở Nội vụ.

2. Sở Tư pháp
a) Chủ trì, phối hợp với Sở Tài chính và Văn phòng UBND tỉnh rà soát văn bản, hoàn thành trong tháng 9/2024.
b) Định kỳ hằng quý báo cáo UBND tỉnh.

3. Giao Sở Khoa học và Công nghệ chủ trì triển khai nền tảng số, thời hạn hoàn thành trước 30/6/2024.

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def _owners(record):
    return {o.name for t in record.tasks for o in t.owners}


def _deadlines(record):
    return {(t.deadline.date, o.name) for t in record.tasks if t.deadline and t.deadline.date
            for o in t.owners}


@pytest.mark.parametrize("state", STATES)
def test_owners_from_headings_and_verbs(state):
    record = process_text(STATES[state](LETTER))
    assert _owners(record) == {"Các sở, ban, ngành tỉnh", "Sở Tư pháp", "Sở Khoa học và Công nghệ"}


@pytest.mark.parametrize("state", STATES)
def test_deadlines_with_their_owners(state):
    record = process_text(STATES[state](LETTER))
    assert _deadlines(record) == {
        (dt.date(2024, 5, 20), "Các sở, ban, ngành tỉnh"),
        (dt.date(2024, 9, 30), "Sở Tư pháp"),
        (dt.date(2024, 6, 30), "Sở Khoa học và Công nghệ"),
    }


def test_task_ids_follow_the_outline():
    record = process_text(LETTER)
    ids = [t.id for t in record.tasks]
    assert ids == ["1.-1", "1.-2", "2.a", "2.b", "3"]
    assert record.tasks[2].parent == "2"


def test_co_owners_from_phoi_hop():
    record = process_text(LETTER)
    task = next(t for t in record.tasks if t.id == "2.a")
    assert [c.name for c in task.co_owners] == ["Sở Tài chính", "Văn phòng UBND tỉnh"]
    assert task.deadline.kind == "within-month"


def test_recurring_report_has_no_date():
    record = process_text(LETTER)
    task = next(t for t in record.tasks if t.id == "2.b")
    assert task.deadline.kind == "recurring"
    assert task.deadline.date is None
    assert task.deadline.recurrence == "quarterly"


@pytest.mark.parametrize("phrase", ["hằng năm, trước ngày 15/12", "trước ngày 15/12 hằng năm"])
def test_a_yearly_day_without_a_year_is_no_date(phrase):
    record = process_text(f"Ngày 02 tháng 3 năm 2025\n\n1. Sở Tư pháp báo cáo kết quả {phrase}.\n")
    (task,) = record.tasks
    assert (task.deadline.kind, task.deadline.date, task.deadline.recurrence) == (
        "recurring", None, "yearly")


@pytest.mark.parametrize("phrase", ["hướng dẫn các ngân hàng thương mại triển khai",
                                    "kiểm tra định kỳ thường xuyên"])
def test_thuong_is_no_month_of_a_recurrence(phrase):
    record = process_text(f"Ngày 02 tháng 3 năm 2025\n\n1. Sở Công Thương {phrase}.\n")
    (task,) = record.tasks
    assert task.deadline is None


def test_references_exclude_the_document_itself():
    record = process_text("Số: 12/UBND-VX\n\n" + LETTER)
    assert [r.number for r in record.references] == ["245/UBND-KSTT"]
    assert record.references[0].date == dt.date(2023, 2, 24)
    assert record.references[0].doc_type == "Công văn"


def test_reference_symbols_are_repaired():
    record = process_text("Căn cứ Quyết định số 273/QD-BNV, 272/Qb- BNV ngày 10/4/2024 và "
                          "Nghị quyết 19-NQ/TW ngày 25/10/2017; Nghị định số 30/2020/NĐ-CP.")
    assert [r.number for r in record.references] == [
        "273/QĐ-BNV", "272/QĐ-BNV", "19-NQ/TW", "30/2020/NĐ-CP"]


def test_reference_numbers_with_a_letter_and_a_doubled_dash():
    record = process_text("Thực hiện Nghị quyết số 05b/NQ-CP ngày 08/11/2027 và Quyết định số "
                          "417/QĐ- -TTg ngày 04/6/2027 của Thủ tướng Chính phủ.")
    assert [r.number for r in record.references] == ["05b/NQ-CP", "417/QĐ-TTg"]


def test_named_above_resolves_to_the_addressees():
    text = ("Kính gửi:\n- Phòng Nội vụ;\n- Phòng Y tế.\n\n"
            "1. Thủ trưởng các cơ quan nêu trên báo cáo kết quả trước ngày 17/5/2024.\n")
    record = process_text(text)
    assert _deadlines(record) == {(dt.date(2024, 5, 17), "Phòng Nội vụ"),
                                  (dt.date(2024, 5, 17), "Phòng Y tế")}


def test_distributive_addressees():
    text = "Kính gửi:\n- Thủ trưởng các Phòng: Nội vụ, Tư pháp, Tài chính - Kế hoạch;\n- Chánh Thanh tra huyện.\n"
    record = process_text(text)
    assert [a.name for a in record.addressees] == [
        "Phòng Nội vụ", "Phòng Tư pháp", "Phòng Tài chính - Kế hoạch", "Thanh tra huyện"]


def test_purpose_section_of_a_plan_has_no_tasks():
    text = ("KẾ HOẠCH\nCải cách hành chính\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n"
            "a) Các sở, ban, ngành nâng cao nhận thức.\n\nII. TỔ CHỨC THỰC HIỆN\n"
            "1. Sở Nội vụ\nChủ trì theo dõi, hoàn thành trong quý III/2025.\n")
    record = process_text(text)
    assert _owners(record) == {"Sở Nội vụ"}
    assert record.tasks[0].deadline.date == dt.date(2025, 9, 30)
    assert record.tasks[0].deadline.kind == "within-quarter"


def test_requester_is_not_an_owner_the_requested_are():
    record = process_text("1. UBND tỉnh yêu cầu các đơn vị thực hiện nghiêm.\n"
                          "2. Các cơ quan được giao chủ trì phải báo cáo.\n")
    assert _owners(record) == {"Các đơn vị"}


def test_closing_paragraph_is_not_a_task():
    text = ("1. Sở Y tế chủ trì thực hiện.\n\n"
            "Yêu cầu Thủ trưởng các cơ quan, đơn vị khẩn trương triển khai thực hiện./.\n")
    record = process_text(text)
    assert [t.id for t in record.tasks] == ["1"]


def test_paragraphs_without_markers_are_tasks():
    text = ("Kính gửi: Sở Xây dựng.\n\nỦy ban nhân dân tỉnh giao Sở Xây dựng chủ trì rà soát "
            "quy hoạch, báo cáo trước ngày 15/8/2025.\n")
    record = process_text(text)
    assert _deadlines(record) == {(dt.date(2025, 8, 15), "Sở Xây dựng")}


def test_letter_without_parenthesis_and_star_bullets():
    text = ("1. Sở Y tế\na. Rà soát cơ sở khám bệnh, hoàn thành trước ngày 10/10/2024.\n"
            "b. Báo cáo UBND tỉnh.\n* Định kỳ hằng tháng cập nhật số liệu.\n")
    record = process_text(text)
    assert [t.id for t in record.tasks] == ["1.a", "1.b", "1.b.+1"]
    assert record.tasks[0].deadline.date == dt.date(2024, 10, 10)
    assert {o.name for t in record.tasks for o in t.owners} == {"Sở Y tế"}


def test_letter_without_markers_reads_its_paragraphs():
    text = ("Kính gửi: Sở Giáo dục và Đào tạo.\n\n"
            "Thực hiện Công văn số 15/BGDĐT-GDTrH ngày 02/01/2024 của Bộ Giáo dục và Đào tạo, UBND tỉnh có ý kiến như sau:\n\n"
            "Giao Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính rà soát nhu cầu giáo viên, báo cáo UBND tỉnh trước ngày 30/9/2024.\n\n"
            "Sở Nội vụ thẩm định đề xuất biên chế trong tháng 10/2024.\n")
    record = process_text(text)
    assert _deadlines(record) == {(dt.date(2024, 9, 30), "Sở Giáo dục và Đào tạo"),
                                  (dt.date(2024, 10, 31), "Sở Nội vụ")}
    assert [r.number for r in record.references] == ["15/BGDĐT-GDTrH"]


def test_introduction_names_the_owners_of_unassigned_items():
    text = ("Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố.\n\n"
            "Thực hiện chỉ đạo của Chủ tịch UBND tỉnh, UBND tỉnh đề nghị UBND các huyện, thị xã, thành phố thực hiện các nội dung sau:\n\n"
            "1. Rà soát hồ sơ đất đai tồn đọng.\n\n2. Sở Tài nguyên và Môi trường hướng dẫn nghiệp vụ.\n")
    record = process_text(text)
    owners = {t.id: [o.name for o in t.owners] for t in record.tasks}
    assert owners == {"1": ["Ủy ban nhân dân các huyện, thị xã, thành phố"],
                      "2": ["Sở Tài nguyên và Môi trường"]}


@pytest.mark.parametrize(
    "sentence",
    ["UBND tỉnh đề nghị Sở Y tế báo cáo kết quả trước ngày 05/6/2024.",
     "Giao nhiệm vụ cho Sở Y tế báo cáo kết quả trước ngày 05/6/2024.",
     "Sở Y tế chịu trách nhiệm báo cáo kết quả trước ngày 05/6/2024.",
     "Phdi hop voi Cong an tinh, S& Y té chi tri bao cao két qua truée ngay 05/6/2024."],
)
def test_owner_verbs(sentence):
    record = process_text("1. " + sentence + "\n")
    assert _deadlines(record) == {(dt.date(2024, 6, 5), "Sở Y tế")}


def test_plan_labels_name_lead_co_owners_and_time():
    text = ("II. NHIỆM VỤ\n1. Nâng cao chất lượng phục vụ\n"
            "- Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: Sở Tài chính, Văn phòng UBND tỉnh.\n"
            "- Thời gian thực hiện: Quý III/2025.\n")
    record = process_text(text)
    (task,) = record.tasks  # the labels are the item's attributes: one task
    assert task.id == "II.1"
    assert [o.name for o in task.owners] == ["Sở Nội vụ"]
    assert [c.name for c in task.co_owners] == ["Sở Tài chính", "Văn phòng UBND tỉnh"]
    assert task.deadline.date == dt.date(2025, 9, 30)
    assert task.deadline.kind == "within-quarter"


def test_execution_clause_of_a_decision_is_no_task():
    text = ("Điều 1. Giao Sở Xây dựng chủ trì thẩm định, hoàn thành trước ngày 10/3/2025.\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
            "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tài chính chịu trách nhiệm thi hành "
            "Quyết định này./.\n")
    assert _owners(process_text(text)) == {"Sở Xây dựng"}


# Garble can turn the "và" between two owners into "vd", and the list ends there.
@pytest.mark.parametrize("state", ["clean", "stripped"])
def test_owner_names_as_a_plan_writes_them(state):
    text = STATES[state]("1. Phòng Tài chính - Kế hoạch huyện\nChủ trì thẩm định, hoàn thành trước ngày 15/8/2024.\n\n"
                 "2. Đề nghị Văn phòng Tỉnh ủy, Văn phòng Đoàn đại biểu Quốc hội và Hội đồng\n"
                 "nhân dân tỉnh và các sở, ban, ngành thuộc tỉnh:\nBáo cáo trước ngày 12/6/2025.\n\n"
                 "3. Giao Chi cục Quản lý đất đai chủ trì kiểm tra, hoàn thành trước ngày 20/12/2024.\n\n"
                 "4. Giao UBND các huyện: Gio Linh, Triệu Phong chủ trì giải phóng mặt bằng.\n")
    assert _owners(process_text(text)) == {
        "Phòng Tài chính - Kế hoạch huyện", "Văn phòng Tỉnh ủy",
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
        "Các sở, ban, ngành thuộc tỉnh", "Chi cục Quản lý đất đai",
        "Ủy ban nhân dân huyện Gio Linh", "Ủy ban nhân dân huyện Triệu Phong"}


def test_a_clean_name_the_table_knows_only_nearly_is_kept_as_written():
    record = process_text("Kính gửi:\n- Các sở, ban, ngành thuộc tỉnh;\n- Trưởng các thôn, tổ dân phố.\n")
    assert [a.name for a in record.addressees] == [
        "Các sở, ban, ngành thuộc tỉnh", "Trưởng các thôn, tổ dân phố"]


ANNEX = (
    "KẾ HOẠCH\nBảo đảm trật tự an toàn giao thông năm 2026\n\n"
    "1. Các sở, ngành triển khai Kế hoạch này.\n\n"
    "Nơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n"
    "PHỤ LỤC\n"
    "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
    "1\tTổ chức lễ ra quân\tCông an tỉnh\tSở Xây dựng\tTháng 02/2026\n"
    "2\tRà soát điểm đen tai nạn\tSở Xây dựng; Công an tỉnh\tUBND các xã, phường\tQuý II/2026\n"
    "3\tTuyên truyền trong trường học\tSở Giáo dục và Đào tạo\t\tThường xuyên\n"
)


def test_tasks_of_an_annex_table():
    record = process_text(ANNEX)
    rows = [t for t in record.tasks if t.id.startswith("bảng")]
    assert [t.text for t in rows] == [
        "Tổ chức lễ ra quân", "Rà soát điểm đen tai nạn", "Tuyên truyền trong trường học"]
    assert [[o.name for o in t.owners] for t in rows] == [
        ["Công an tỉnh"], ["Sở Xây dựng", "Công an tỉnh"], ["Sở Giáo dục và Đào tạo"]]
    assert [c.name for c in rows[1].co_owners] == ["Ủy ban nhân dân các xã, phường"]
    assert [t.deadline and t.deadline.date for t in rows] == [
        dt.date(2026, 2, 28), dt.date(2026, 6, 30), None]


def test_an_annex_table_with_cells_apart_by_spaces():
    record = process_text(ANNEX.replace("\t\t", "\tkhông\t").replace("\t", "   "))
    rows = [t for t in record.tasks if t.id.startswith("bảng")]
    assert [[o.name for o in t.owners] for t in rows] == [
        ["Công an tỉnh"], ["Sở Xây dựng", "Công an tỉnh"], ["Sở Giáo dục và Đào tạo"]]


# A table as a PDF's text layer lays it out (pdftotext -layout): columns in place under
# the header, cells wrapping onto the lines below their row's number.
LAID_OUT_TABLE = """KẾ HOẠCH
Chống khai thác hải sản bất hợp pháp năm 2024

II. NHIỆM VỤ

STT  Nội dung công việc                     Cơ quan chủ trì     Cơ quan phối hợp      Thời gian hoàn thành
1    Rà soát, cập nhật dữ liệu tàu cá lên   Sở NN&PTNT          UBND các huyện, thị   Trước 15/6/2024
     Cơ sở dữ liệu nghề cá quốc gia                             xã, thành phố
2    Lập danh sách nhóm tàu cá có nguy cơ   BCH BĐBP tỉnh       Công an tỉnh          Tháng 6/2024
     cao vi phạm vùng biển nước ngoài
3    Kiểm soát tàu cá xuất, nhập bến        Ban Quản lý các     Sở NN&PTNT            Thường xuyên
                                            cảng cá tỉnh
4    Tổ chức ký cam kết không vi phạm vùng  UBND các huyện,     Hội Nghề cá tỉnh      Trước 31/7/2024
     biển nước ngoài                        thị xã, thành phố

III. TỔ CHỨC THỰC HIỆN

1. Sở Tài chính
Bố trí kinh phí thực hiện Kế hoạch.
"""


@pytest.mark.parametrize("state", STATES)
def test_a_table_laid_out_as_on_the_page_with_wrapped_cells(state):
    record = process_text(STATES[state](LAID_OUT_TABLE))
    rows = [t for t in record.tasks if t.id.startswith("bảng")]
    assert [[o.name for o in t.owners] for t in rows] == [
        ["Sở Nông nghiệp và Phát triển nông thôn"],
        ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"],
        ["Ban Quản lý các cảng cá tỉnh"],
        ["Ủy ban nhân dân các huyện, thị xã, thành phố"],
    ]
    assert [c.name for c in rows[0].co_owners] == ["Ủy ban nhân dân các huyện, thị xã, thành phố"]
    assert [t.deadline and t.deadline.date for t in rows] == [
        dt.date(2024, 6, 15), dt.date(2024, 6, 30), None, dt.date(2024, 7, 31)]
    if state == "clean":
        assert rows[0].text == (
            "Rà soát, cập nhật dữ liệu tàu cá lên Cơ sở dữ liệu nghề cá quốc gia")
    # the table ends at the next heading, whose paragraph is a task of its own
    assert "Sở Tài chính" in _owners(record)


@pytest.mark.parametrize("state", ["clean", "stripped"])
def test_a_heading_keeps_the_clause_that_says_which_of_a_group(state):
    record = process_text(STATES[state](
        "Điều 2. Giao nhiệm vụ\n\n"
        "5. Giao Ủy ban nhân dân các huyện, thị xã có dự án đi qua:\n\n"
        "a) Phê duyệt phương án bồi thường, hoàn thành trước ngày 31/8/2024.\n\n"
        "b) Bàn giao toàn bộ mặt bằng trước ngày 30/9/2024.\n"
    ))
    group = "Ủy ban nhân dân các huyện, thị xã có dự án đi qua"
    assert _deadlines(record) == {(dt.date(2024, 8, 31), group), (dt.date(2024, 9, 30), group)}


@pytest.mark.parametrize("state", ["clean", "stripped"])
def test_a_heading_without_a_colon_wraps_and_and_starts_the_next_body(state):
    record = process_text(STATES[state](
        "3. Bệnh viện Đa khoa tỉnh, Bệnh viện Đa khoa khu vực Hồng Ngự và Trung tâm\n"
        "Y tế các huyện, thành phố\n\n"
        "a) Chuẩn bị đầy đủ thuốc, dịch truyền, trang thiết bị, giường bệnh.\n\n"
        "b) Báo cáo số ca bệnh về Sở Y tế trước ngày 30/6/2024.\n"
    ))
    assert _owners(record) == {"Bệnh viện Đa khoa tỉnh", "Bệnh viện Đa khoa khu vực Hồng Ngự",
                               "Trung tâm Y tế các huyện, thành phố"}


@pytest.mark.parametrize("state", ["clean", "stripped"])
def test_the_investors_of_projects_are_owners(state):
    record = process_text(STATES[state](
        "2.1. Các chủ đầu tư; Ủy ban nhân dân các huyện, thị xã, thành phố\n\n"
        "a) Lập kế hoạch giải ngân chi tiết theo tháng, gửi Sở Kế hoạch và Đầu tư chậm nhất"
        " ngày 20/6/2024.\n"
    ))
    assert _deadlines(record) == {
        (dt.date(2024, 6, 20), "Các chủ đầu tư"),
        (dt.date(2024, 6, 20), "Ủy ban nhân dân các huyện, thị xã, thành phố"),
    }


def test_a_laid_out_table_whose_header_wraps_over_two_lines():
    record = process_text(
        "PHỤ LỤC\n"
        "STT  Nội dung nhiệm vụ                Cơ quan        Cơ quan         Thời gian\n"
        "                                      chủ trì        phối hợp        hoàn thành\n"
        "1    Vận hành hệ thống cống ngăn      Sở NN&PTNT     UBND các        Trước\n"
        "     mặn theo lịch triều                             huyện           15/12/2024\n"
        "2    Hỗ trợ bồn chứa nước cho hộ      Sở Y tế        Sở Tài chính    Tháng 12/2024\n"
        "     nghèo tại các xã ven biển\n"
    )
    rows = [t for t in record.tasks if t.id.startswith("bảng")]
    assert [(t.text, [o.name for o in t.owners], t.deadline.date) for t in rows] == [
        ("Vận hành hệ thống cống ngăn mặn theo lịch triều",
         ["Sở Nông nghiệp và Phát triển nông thôn"], dt.date(2024, 12, 15)),
        ("Hỗ trợ bồn chứa nước cho hộ nghèo tại các xã ven biển", ["Sở Y tế"],
         dt.date(2024, 12, 31)),
    ]


@pytest.mark.parametrize("state", STATES)
def test_owners_after_a_topic_and_in_a_later_sentence(state):
    record = process_text(STATES[state](
        "Kính gửi:\n- Sở Y tế;\n- Sở Nội vụ;\n- Sở Tài chính.\n\n"
        "2. Về ưu tiên bố trí cho y tế: Sở Y tế rà soát nhu cầu, đề xuất danh sách trụ sở"
        " tiếp nhận, gửi Sở Tài chính trước ngày 20/11/2025. Sở Nội vụ tham mưu bố trí trụ"
        " sở làm việc cho các cơ quan còn thiếu diện tích.\n"
    ))
    assert _deadlines(record) == {(dt.date(2025, 11, 20), "Sở Y tế")}
    assert _owners(record) == {"Sở Y tế", "Sở Nội vụ"}


def test_a_date_wrapped_to_the_start_of_a_line_is_no_outline_number():
    record = process_text(
        "2. Phòng Khảo thí\n"
        "b) Chủ trì vận hành thử phần mềm trước ngày 30/4/2024; công bố điểm thi trước ngày\n"
        "17.6.2024.\n\n"
        "8. Trường THPT chuyên Lê Quý Đôn, Trường THPT chuyên Chu Văn An\n"
        "Xây dựng đề án thi tuyển vào các lớp chuyên, trình Sở trước ngày 10/4/2024.\n"
    )
    assert _deadlines(record) == {
        (dt.date(2024, 4, 30), "Phòng Khảo thí"), (dt.date(2024, 6, 17), "Phòng Khảo thí"),
        # a school's "Trường" is not the title "Trưởng"
        (dt.date(2024, 4, 10), "Trường trung học phổ thông chuyên Lê Quý Đôn"),
        (dt.date(2024, 4, 10), "Trường trung học phổ thông chuyên Chu Văn An"),
    }


def test_the_subject_under_a_section_title_and_telecom_branches():
    record = process_text(
        "10. Viễn thông Phú Thọ, Viettel Phú Thọ\n"
        "Bảo đảm hạ tầng mạng di động tại các thôn vùng lõm sóng.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Các sở, ban, ngành tỉnh báo cáo kết quả về Sở Khoa học và Công nghệ trước ngày"
        " 05/12/2025.\n"
    )
    assert _owners(record) == {"Viễn thông Phú Thọ", "Viettel Phú Thọ", "Các sở, ban, ngành tỉnh"}
    assert _deadlines(record) == {(dt.date(2025, 12, 5), "Các sở, ban, ngành tỉnh")}


@pytest.mark.parametrize("state", ["clean", "stripped"])
def test_owners_in_brackets_wrapped_and_at_the_end_of_a_sentence(state):
    record = process_text(STATES[state](
        "III. NHIỆM VỤ\n"
        "1. Quản lý thuế đối với hộ kinh doanh trên nền tảng số, xử lý các trường hợp kê khai"
        " không đầy đủ (Thuế tỉnh\nHà Tĩnh chủ trì; hoàn thành trước 15/12/2025).\n"
        "2. Bảo đảm kinh phí cho các lực lượng chức năng thực hiện đợt cao điểm (Sở Tài\n"
        "chính chủ trì; hoàn thành trước 28/11/2025).\n"
        "3. Chống gian lận xuất xứ. Chi cục Hải quan khu vực XI chủ trì thực hiện; hoàn thành"
        " trước 20/12/2025.\n"
        "4. Văn phòng Thường trực Ban Chỉ đạo 389 tỉnh theo dõi, đôn đốc, báo cáo trước ngày"
        " 25/02/2026.\n"
    ))
    assert _deadlines(record) == {
        (dt.date(2025, 12, 15), "Thuế tỉnh Hà Tĩnh"),
        (dt.date(2025, 11, 28), "Sở Tài chính"),
        (dt.date(2025, 12, 20), "Chi cục Hải quan khu vực XI"),
        (dt.date(2026, 2, 25), "Văn phòng Thường trực Ban Chỉ đạo 389 tỉnh"),
    }


def test_an_undated_clause_between_dated_ones_gives_its_body_a_task():
    record = process_text(
        "Ủy ban nhân dân tỉnh giao: Sở Tài chính chủ trì bố trí kinh phí hỗ trợ, trình Ủy ban"
        " nhân dân tỉnh trước ngày 29/8/2025; Công an tỉnh chỉ đạo lực lượng chức năng kiểm"
        " soát chặt việc vận chuyển lợn; UBND các xã, phường thống kê thiệt hại, gửi Sở Tài"
        " chính trước ngày 20/8/2025.\n"
    )
    assert _deadlines(record) == {(dt.date(2025, 8, 29), "Sở Tài chính"),
                                  (dt.date(2025, 8, 20), "Ủy ban nhân dân các xã, phường")}
    assert "Công an tỉnh" in _owners(record)


def test_the_clause_holding_the_date_names_who_when_the_item_names_no_one():
    record = process_text(
        "Điều 2. Định kỳ trước ngày 20 hằng tháng, các cơ quan nêu tại Điều 1 báo cáo tiến độ"
        " về Sở Tài chính; Sở Tài chính tổng hợp, tham mưu Ủy ban nhân dân tỉnh báo cáo Kiểm"
        " toán nhà nước trước ngày 05/12/2025.\n"
    )
    assert _deadlines(record) == {(dt.date(2025, 12, 5), "Sở Tài chính")}


def test_bold_markdown_headings_of_a_converted_word_document():
    record = process_text(
        "**2. Ủy ban nhân dân các xã, phường:**\n\n"
        "a) Sửa đổi quy chế làm việc, hoàn thành trước ngày 28/02/2026.\n\n"
        "**3. Phòng Kinh tế, Hạ tầng và Đô thị (cơ quan thường trực)**\n\n"
        "a) Tham mưu kế hoạch kiểm tra, trình trước ngày 13/02/2026.\n"
    )
    assert _deadlines(record) == {
        (dt.date(2026, 2, 28), "Ủy ban nhân dân các xã, phường"),
        (dt.date(2026, 2, 13), "Phòng Kinh tế, Hạ tầng và Đô thị"),
    }


@pytest.mark.parametrize("state", ["clean", "stripped"])
def test_a_request_after_a_purpose(state):
    record = process_text(STATES[state](
        "1. Để kịp tổ chức lựa chọn nhà thầu trước khi các hợp đồng hết hiệu lực, đề nghị Sở"
        " Tài chính thẩm định dự toán gói thầu, gửi Sở Y tế trước ngày 31/10/2024.\n"
        "2. Để phấn đấu giải ngân trên 95% kế hoạch vốn, yêu cầu các cơ quan, đơn vị, địa"
        " phương tập trung thực hiện các nội dung sau:\n"
        "a) Sở Xây dựng rà soát hồ sơ, hoàn thành trước ngày 15/11/2024.\n"
    ))
    assert _deadlines(record) == {(dt.date(2024, 10, 31), "Sở Tài chính"),
                                  (dt.date(2024, 11, 15), "Sở Xây dựng")}


def test_a_department_hands_its_own_unit_a_task_but_a_passive_agent_does_not():
    record = process_text(
        "5. Để bảo đảm tiến độ chung của toàn ngành, Sở Y tế giao Phòng Nghiệp vụ Dược"
        " thực hiện các nhiệm vụ sau:\n"
        "a) Hoàn thiện hồ sơ mời thầu, trình Giám đốc Sở trước ngày 08/11/2024.\n\n"
        "6. Sở Tài nguyên và Môi trường giao Chi cục Bảo vệ môi trường tổ chức tập huấn,"
        " hoàn thành trước ngày 31/10/2024.\n\n"
        "7. Văn phòng UBND tỉnh theo dõi việc thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND"
        " tỉnh giao cho các cơ quan, đơn vị, địa phương, báo cáo trước ngày 20/12/2024.\n"
    )
    assert _deadlines(record) == {
        (dt.date(2024, 11, 8), "Phòng Nghiệp vụ Dược"),
        (dt.date(2024, 10, 31), "Chi cục Bảo vệ môi trường"),
        (dt.date(2024, 12, 20), "Văn phòng UBND tỉnh"),
    }


def test_a_name_of_eighteen_words():
    record = process_text(
        "5. Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh:\n"
        "a) Hoàn thiện hồ sơ quyết toán, hoàn thành trước ngày 30/10/2025.\n"
    )
    assert _owners(record) == {
        "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh"}


def test_a_decision_takes_the_tasks_of_the_plan_it_issues():
    text = ("QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch phòng, chống hạn hán\n\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống hạn hán.\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n"
            "Nơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n\n\n"
            "KẾ HOẠCH\nPhòng, chống hạn hán mùa khô năm 2024-2025\n"
            "(Ban hành kèm theo Quyết định số 2381/QĐ-UBND ngày 15/11/2024)\n\n"
            "I. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính\nBố trí kinh phí, hoàn thành trước ngày 31/12/2024.\n")
    assert _deadlines(process_text(text)) == {(dt.date(2024, 12, 31), "Sở Tài chính")}


def test_a_leaders_schedule_assigns_nothing():
    text = ("THÔNG BÁO\nLịch công tác tuần của Chủ tịch, các Phó Chủ tịch UBND tỉnh\n\n"
            "1. Thứ Hai (18/3/2024)\n- 8 giờ 30: Chủ tịch UBND tỉnh Phạm Quang Hưng chủ trì "
            "giao ban lãnh đạo UBND tỉnh.\n")
    record = process_text(text)
    assert record.tasks == []


def test_a_group_given_its_own_date_after_the_last_item_is_its_own_task():
    text = ("KẾ HOẠCH\nPhòng chống dịch\n\nIV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\nChủ trì theo dõi.\n\n"
            "2. Phòng Kế hoạch - Tài chính Sở Y tế\nTham mưu bố trí kinh phí.\n\n"
            "Các cơ quan, đơn vị báo cáo kết quả về Sở Y tế trước ngày 15/12/2024.\n"
            "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các đơn vị phản ánh về Sở Y tế./.\n")
    assert _deadlines(process_text(text)) == {(dt.date(2024, 12, 15), "Các cơ quan, đơn vị")}


def test_a_markdown_task_table_with_group_rows():
    record = process_text(
        "KẾ HOẠCH\nNâng cao Chỉ số DDCI năm 2024\n\n"
        "| TT | Nhóm nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "|---|---|---|---|---|\n"
        "| **I** | **Nhóm giải pháp về thủ tục hành chính** | | | |\n"
        "| 1 | Niêm yết thủ tục hành chính | VP HĐND và UBND huyện | UBND các xã | Trước 30/6/2024 |\n"
        "| 2 | Đối thoại với doanh nghiệp | Phòng TC-KH | Phòng Nội vụ | Tháng 8/2024 |\n"
    )
    rows = [t for t in record.tasks if t.id.startswith("bảng")]
    assert [[o.name for o in t.owners] for t in rows] == [
        ["Văn phòng HĐND và UBND huyện"], ["Phòng Tài chính - Kế hoạch"]]
    assert [t.deadline.date for t in rows] == [dt.date(2024, 6, 30), dt.date(2024, 8, 31)]


def test_an_owner_line_heads_the_lettered_items_after_it():
    # typed paragraphs, one per line, as converted documents have them
    record = process_text(
        "Nhằm cải thiện, nâng cao Chỉ số cải cách hành chính và Chỉ số hài lòng của người dân,"
        " tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước, UBND tỉnh ban hành"
        " Kế hoạch như sau:\n\nII. NHIỆM VỤ\n\n1. Nhiệm vụ chung\n\n"
        "Thủ trưởng các cơ quan, đơn vị; Chủ tịch UBND các xã, phường, đặc khu:\n\n"
        "a) Quán triệt đến cán bộ, công chức, viên chức về ý nghĩa, tầm quan trọng của Chỉ số"
        " PAR INDEX; nâng cao tinh thần, thái độ phục vụ người dân.\n\n"
        "b) Căn cứ Kế hoạch này, xây dựng kế hoạch triển khai cụ thể tại cơ quan, đơn vị, địa"
        " phương, gửi về Sở VH,TT&DL trước ngày 31/5/2026.\n"
    )
    assert _deadlines(record) == {
        (dt.date(2026, 5, 31), "Các cơ quan, đơn vị"),
        (dt.date(2026, 5, 31), "Ủy ban nhân dân các xã, phường, đặc khu"),
    }


def test_an_abbreviated_name_ends_before_its_verb():
    record = process_text("1. Sở VH,TT&DL xây dựng đề án, hoàn thành trước ngày 30/11/2025.\n")
    assert _owners(record) == {"Sở Văn hóa, Thể thao và Du lịch"}


def test_an_addressee_on_the_kinh_gui_line_ends_the_list_at_the_blank_line():
    record = process_text(
        "Kính gửi: Trưởng các thôn, tổ dân phố\n\n"
        "Thực hiện Công văn số 1524/UBND-TNMT ngày 10/9/2024 của UBND huyện, UBND xã\n"
        "đề nghị Trưởng các thôn, tổ dân phố thực hiện một số nội dung sau:\n"
    )
    assert [a.name for a in record.addressees] == ["Trưởng các thôn, tổ dân phố"]


def test_a_dated_closing_sentence_is_the_task_of_the_body_it_names():
    record = process_text(
        "Kính gửi: Các sở, ban, ngành tỉnh.\n\n3. Tổ chức thực hiện\n\n"
        "Thủ trưởng các sở, ban, ngành tỉnh, Chủ tịch UBND các huyện, thị xã, thành phố\n"
        "chịu trách nhiệm tổ chức triển khai thực hiện nghiêm Chỉ thị này. Giao Sở Tài\n"
        "chính theo dõi, đôn đốc việc thực hiện; tổng hợp, báo cáo UBND tỉnh kết quả thực\n"
        "hiện Chỉ thị trước ngày 15/12/2025./.\n"
    )
    assert _deadlines(record) == {(dt.date(2025, 12, 15), "Sở Tài chính")}


def test_a_request_to_every_body_means_the_addressees():
    record = process_text(
        "Kính gửi:\n- Các sở, ban, ngành tỉnh;\n- UBND các huyện, thành phố.\n\n"
        "Sở Thông tin và Truyền thông đề nghị các cơ quan, đơn vị, địa phương triển khai:\n\n"
        "1. Rà soát thủ tục hành chính, hoàn thành trước ngày 30/9/2024.\n"
    )
    assert _deadlines(record) == {
        (dt.date(2024, 9, 30), "Các sở, ban, ngành tỉnh"),
        (dt.date(2024, 9, 30), "Ủy ban nhân dân các huyện, thành phố"),
    }


def test_the_departments_of_a_city():
    record = process_text("1. Thủ trưởng các sở, ban, ngành Thành phố báo cáo trước ngày 15/4/2026.\n")
    assert _owners(record) == {"Các sở, ban, ngành thành phố"}


def test_a_date_given_to_the_bodies_listed_below():
    long = " nhằm phục vụ tự đánh giá Chỉ số cải cách hành chính của tỉnh năm 2025 theo quy định"
    record = process_text(
        f"Kính gửi: Các sở, ban, ngành tỉnh.\n\nNgoài nội dung trên, đề nghị các cơ quan sau cung"
        f" cấp tài liệu kiểm chứng{long}, gửi Sở Nội vụ trước ngày 25/12/2025:\n\n"
        f"- Văn phòng UBND tỉnh: lĩnh vực cải cách thủ tục hành chính{long};\n\n"
        f"- Sở Tư pháp: lĩnh vực xây dựng và thi hành pháp luật{long}.\n"
    )
    assert _deadlines(record) == {
        (dt.date(2025, 12, 25), "Văn phòng UBND tỉnh"), (dt.date(2025, 12, 25), "Sở Tư pháp")}


def test_a_document_cited_in_an_annex_table_is_a_reference():
    record = process_text(ANNEX.replace("Tổ chức lễ ra quân", "Triển khai Nghị quyết số 19-NQ/TW"))
    assert "19-NQ/TW" in [r.number for r in record.references]


def test_a_heading_that_names_its_bodies_in_brackets():
    record = process_text(
        "3. Đối với các cơ quan được giao chủ trì theo dõi các lĩnh vực cải cách hành chính"
        " (Văn phòng UBND tỉnh, Sở Tư pháp, Sở TT&TT)\n\n"
        "Tổng hợp, tự chấm điểm các tiêu chí, gửi về Sở Nội vụ trước ngày 06/01/2025.\n"
    )
    assert _owners(record) == {"Văn phòng UBND tỉnh", "Sở Tư pháp", "Sở Thông tin và Truyền thông"}


def test_a_page_break_before_the_articles_does_not_make_them_the_closing_paragraph():
    record = process_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 16/QĐ-UBND\nLào Cai, ngày 15 tháng 5 năm 2026\n\n"
        "QUYẾT ĐỊNH\nVề việc ủy quyền\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
        "                    2\n\n"
        "Theo đề nghị của Giám đốc Sở Công Thương.\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ủy quyền cho Giám đốc Sở Công Thương thực hiện một số nhiệm vụ.\n"
        "Điều 2. Giám đốc Sở Công Thương báo cáo Ủy ban nhân dân tỉnh trước ngày 30/6/2026.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n"
        "Chánh Văn phòng UBND tỉnh; Giám đốc Sở Công Thương chịu trách nhiệm thi hành Quyết"
        " định này./.\n"
        "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n"
        "PHỤ LỤC\nDANH MỤC NHIỆM VỤ ỦY QUYỀN CHO GIÁM ĐỐC SỞ CÔNG THƯƠNG THỰC HIỆN\n"
        "(Kèm theo Quyết định số 16/QĐ-UBND ngày 15/5/2026 của UBND tỉnh Lào Cai)\n"
    )
    assert _deadlines(record) == {(dt.date(2026, 6, 30), "Sở Công Thương")}
    assert {t.id for t in record.tasks} >= {"Điều 1", "Điều 2"}
    # the annex's title names no signer
    assert record.signer.position == "Chủ tịch"


@pytest.mark.parametrize("state", ["clean", "stripped"])
def test_reference_symbols_with_dots_slashes_and_the_partys_form(state):
    record = process_text(STATES[state](
        "Căn cứ Công văn số 27/CV.HH ngày 02/3/2026 của Hiệp hội; Hợp đồng số"
        " 12/2026/HĐKT/CV-XD; Thông báo số 3.5/TB-CTY; Kế hoạch số 25-KH/TU của Tỉnh ủy;"
        " Chương trình số 12-CTr/TU; Tờ trình số 148/TTr-STC của Sở Tài chính.\n"))
    numbers = [stripped(r.number) for r in record.references]
    assert numbers == [stripped(n) for n in ("27/CV.HH", "12/2026/HĐKT/CV-XD", "3.5/TB-CTY",
                                             "25-KH/TU", "12-CTr/TU", "148/TTr-STC")]


def test_items_numbered_past_99_are_items_of_their_own():
    items = "".join(f"{n}. Sở Nội vụ báo cáo việc {n} trước ngày 20/5/2026.\n" for n in range(98, 103))
    record = process_text(items)
    assert [t.id for t in record.tasks] == ["98", "99", "100", "101", "102"]


@pytest.mark.parametrize("state", STATES)
def test_an_assessment_and_an_introduction_are_no_tasks(state):
    record = process_text(STATES[state](
        "I. Đánh giá chung\n"
        "Qua kiểm tra cho thấy công tác chuẩn bị thi công trong tháng 4/2026 còn chậm.\n"
        "Nhà đầu tư lập hồ sơ thiết kế còn chậm.\n"
        "II. Nhiệm vụ, giải pháp trong thời gian tới\n"
        "Để bảo đảm thi công theo kế hoạch trong tháng 4/2026, Ủy ban nhân dân tỉnh yêu cầu"
        " Sở Xây dựng và Sở Tài chính tập trung triển khai các nhiệm vụ cụ thể như sau:\n"
        "1. Kiểm tra các công trình, báo cáo trước ngày 30/6/2026.\n"
        "2. Sở Nội vụ rà soát biên chế.\n"
    ))
    # the month dates a schedule the introduction speaks of; the items' owners are its
    assert _deadlines(record) == {(dt.date(2026, 6, 30), "Sở Xây dựng"),
                                  (dt.date(2026, 6, 30), "Sở Tài chính")}
    assert "Nhà đầu tư" not in _owners(record)


def test_a_document_type_is_no_body_to_a_fuzzy_search_of_ocr_text():
    from vanban.extract.agency_phrases import match_agency
    from vanban.folding import fold_ocr
    from vanban.normalize.text import names_read_from

    text = "Công văn này và tổng hợp, theo dõi, đôn đốc các địa phương."
    with names_read_from("garbled"):  # as an OCR'd page is read: names may be damaged
        found = match_agency(text, fold_ocr(text), 0)
    assert found is None or found.value != "Công an"


def test_typed_text_names_a_body_only_word_for_word():
    from vanban.extract.agency_phrases import match_agency
    from vanban.folding import fold_ocr
    from vanban.normalize.text import names_read_from

    text = "Công tác quản lý, vận hành, bảo dưỡng các công trình"
    with names_read_from("clean"):  # "tác" is no slip of "an": a fuzzy search must not say so
        found = match_agency(text, fold_ocr(text), 0)
    assert found is None or found.value != "Công an quận"


# A file's pages joined as `Document.text` joins them, each paragraph a line (a Word
# export's text layer): the page's number at the next page's top blanked in place.
PAGE_CUT = (
    "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị thực hiện các nhiệm vụ cụ thể như sau:"
    "\n\n1. Sở Xây dựng chủ trì rà soát quy hoạch hệ thống cây xanh đô thị, đề xuất danh mục"
    " các tuyến đường cần trồng bổ sung, hoàn thành trước ngày 30/6/2026."
    "\n\n2. Sở Nông nghiệp và Môi trường chủ trì hướng dẫn các địa phương lựa chọn loại cây"
    " phù hợp với điều kiện tự nhiên, tổ chức kiểm tra việc chăm sóc cây xanh trên các tuyến"
    " đường, tổng hợp những khó khăn, vướng mắc và báo cáo kết quả thực hiện về Ủy ban nhân"
    " dân tỉnh\n\f\n \n\ntrước ngày 30/9/2026."
    "\n\n3. Sở Tài chính bố trí kinh phí thực hiện các nhiệm vụ của Kế hoạch trong năm 2026"
    " theo quy định của pháp luật về ngân sách nhà nước, hoàn thành trước ngày 31/7/2026.\n"
)


@pytest.mark.parametrize("state", STATES)
def test_a_sentence_the_page_cut_is_one_task_across_the_page_break(state):
    # the form feed, the page's number (blanked) and the top margin's blank line: three
    # blank lines, more than a paragraph's break inside, but a page's break is one
    record = process_text(STATES[state](PAGE_CUT))
    assert [t.id for t in record.tasks] == ["1", "2", "3"]
    assert record.tasks[1].deadline.date == dt.date(2026, 9, 30)


# The same notice as a file's text gives it (each paragraph a line) and as a page's
# wrapped lines give it: the introduction before the items asks everyone at large.
INTRODUCED_ITEMS = (
    "II. Nhiệm vụ cụ thể trong thời gian tới\n\n"
    "Để đẩy nhanh tiến độ thực hiện các chương trình mục tiêu quốc gia trên địa bàn tỉnh, "
    "yêu cầu Thủ trưởng các sở, ban, ngành tỉnh, Chủ tịch Ủy ban nhân dân các huyện, thị xã, "
    "thành phố tập trung thực hiện các nhiệm vụ cụ thể:\n\n"
    "1. Sở Tài chính chủ trì rà soát, tham mưu bố trí vốn đối ứng cho các dự án của chương "
    "trình, hoàn thành trước ngày 30/6/2026.\n\n"
    "2. Sở Xây dựng hướng dẫn các chủ đầu tư hoàn thiện hồ sơ, thủ tục đầu tư các dự án khởi "
    "công mới trong năm 2026 theo đúng quy định của pháp luật về đầu tư công.\n"
)


@pytest.mark.parametrize("state", STATES)
def test_a_paragraph_that_introduces_the_items_after_it_is_no_task(state):
    # one paragraph a line (a file's text): the introduction is a paragraph of its own
    # beside the items, where a page's wrapped lines make it the heading's text
    record = process_text(STATES[state](INTRODUCED_ITEMS))
    assert [t.id for t in record.tasks] == ["II.1", "II.2"]


@pytest.mark.parametrize("state", STATES)
def test_an_introduction_under_a_heading_that_names_bodies_is_theirs(state):
    # "2. Các sở, ban, ngành tỉnh:" then the paragraph "Các sở, ban, ngành tỉnh ... các
    # nhiệm vụ cụ thể:" then its items: the paragraph is the heading's bodies' task, as
    # the heading's own text would be in a page's wrapped lines
    text = INTRODUCED_ITEMS.replace("II. Nhiệm vụ cụ thể trong thời gian tới",
                                    "2. Các sở, ban, ngành tỉnh:")
    record = process_text(STATES[state](text))
    assert len(record.tasks) == 3


def test_a_councils_place_wrapped_to_the_next_line():
    # a scan's text keeps the page's lines: "Ủy ban nhân dân tỉnh / Lào Cai chịu ..." (a
    # next line that is no place leaves the council named by its level)
    text = ("THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 12/QĐ-TTg\n\nHà Nội, ngày 05 tháng 3 năm 2027\n\n"
            "QUYẾT ĐỊNH\nVề việc hỗ trợ tỉnh Lào Cai\n\nQUYẾT ĐỊNH:\nĐiều 1.\n\n"
            "2. Bộ Tài chính xử lý cụ thể theo quy định. Ủy ban nhân dân tỉnh\n"
            "Lào Cai chịu trách nhiệm tiếp nhận, phân bổ kịp thời.\n\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n")
    owners = {o.name for t in process_text(text).tasks for o in t.owners}
    assert owners == {"Bộ Tài chính", "Ủy ban nhân dân tỉnh Lào Cai"}


_DECISION = ("THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 12/QĐ-TTg\n\nHà Nội, ngày 05 tháng 3 năm 2027\n\n"
             "QUYẾT ĐỊNH\nVề việc hỗ trợ các địa phương\n\nQUYẾT ĐỊNH:\n\n")


def test_a_list_of_provinces_ends_where_a_body_of_its_own_is_named():
    # "Ủy ban nhân dân các tỉnh: A, B và Bộ Y tế": the ministry is no province
    text = _DECISION + ("Điều 1. Ủy ban nhân dân các tỉnh: Lào Cai, Cao Bằng và Bộ Y tế tổ "
                        "chức hỗ trợ kịp thời.\n\nĐiều 2. Quyết định này có hiệu lực kể từ "
                        "ngày ký.\n")
    owners = {o.name for t in process_text(text).tasks for o in t.owners}
    assert owners == {"Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Cao Bằng"}


def test_a_scans_execution_clause_over_blank_lines_and_recipients_read_above_their_label():
    # OCR's blank lines inside the clause ("... có tên tại / (blank) / Điều 1 chịu trách
    # nhiệm ..."), and the recipients' first entries read above "Nơi nhận:" (a seal beside)
    text = _DECISION + (
        "Điều 1. Kiện toàn Ban Chỉ đạo.\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày "
        "ký.\n\nĐiều 3. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ\n\nquan "
        "thuộc Chính phủ và các đồng chí có tên tại\n\nĐiều 1 chịu trách nhiệm thi hành "
        "Quyết định này./.\n\n- Ban Bí thư Trung ương Đảng; - Thủ tướng Chính phủ;\nNơi "
        "nhận:\n- Văn phòng Quốc hội;\n- Lưu: VT.\n\nTHỦ TƯỚNG\n\nLê Văn An\n")
    assert [o.name for t in process_text(text).tasks for o in t.owners] == []


def test_words_typed_in_lower_case_after_a_topic_are_no_bodys_name_a_letter_away():
    # "Về quy hoạch ...: tính toán nhu cầu ...": no "Tỉnh đoàn" (read so on a scan's text)
    text = _DECISION + ("Điều 1. Nội dung như sau:\n\n- Về quy hoạch hạ tầng viễn thông: tính "
                        "toán nhu cầu và đề xuất giải pháp phát triển hạ tầng.\n\nĐiều 2. "
                        "Quyết định này có hiệu lực kể từ ngày ký.\n")
    assert [o.name for t in process_text(text).tasks for o in t.owners] == []
