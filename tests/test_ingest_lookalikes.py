"""Small letters an OCR read as capitals of the same shape ("các SỞ, CƠ quan")."""

from vanban import process_text
from vanban.ingest.lookalikes import lowered


def test_lookalike_capitals_between_small_letters_are_small_again():
    read = "Sở X đề nghị Giám đốc các SỞ, CƠ quan trực thuộc UBND tỉnh báo cáo trước ngày 15/02/2027."
    fixed = lowered(read)
    assert fixed == read.replace("SỞ, CƠ", "sở, cơ")
    assert len(fixed) == len(read)  # offsets and word boxes stand
    # acronyms, Roman numerals, a header in capitals and a run at a line's end stay
    for kept in ("Quốc hội khóa XV nhiệm kỳ", "UBND TỈNH LÀO CAI", "gửi văn bản COVID cho",
                 "đề nghị các SỞ"):
        assert lowered(kept) == kept


def test_the_body_asked_is_one_owner_not_two_spellings():
    text = ("UBND TỈNH LÀO CAI\nSỞ TÀI CHÍNH\n\nSố: 12/STC-TH\nV/v báo cáo tình hình\n\n"
            "Lào Cai, ngày 03 tháng 02 năm 2027\n\nKính gửi: Các sở, cơ quan trực thuộc UBND tỉnh\n\n"
            "Sở Tài chính đề nghị Giám đốc các SỞ, CƠ quan trực thuộc UBND tỉnh báo cáo kết "
            "quả. Thời gian trước ngày 15 tháng 02 năm 2027.\n\nRất mong sự phối hợp của Giám "
            "đốc các sở, cơ quan.\n\nGIÁM ĐỐC\n\nLê Văn An\n")
    owners = {o.name for t in process_text(lowered(text)).tasks for o in t.owners}
    assert owners == {"Các sở, cơ quan trực thuộc UBND tỉnh"}
