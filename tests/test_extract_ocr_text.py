"""Extraction from text as our Tesseract path yields it for scanned pages (kept in tests/data/ocr).

These pages were rendered from tests/data/directives, degraded like a cheap scanner
(tilt, 150 dpi, noise, blur, JPEG 40) and read by `vanban extract --ocr always`:
the motto comes in pieces, the date wraps, blank lines are lost.
"""

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.states import STATES
from vanban import process, process_document, process_text
from vanban.models.document import Document, Page, Word

OCR = Path(__file__).parent / "data" / "ocr"
DIRECTIVES = Path(__file__).parent / "data" / "directives"


def _view(record):
    return {
        "issuer": record.issuer and record.issuer.name,
        "number": record.number,
        "date": record.date,
        "place": record.place,
        "addressees": [a.name for a in record.addressees],
        "owners": sorted({o.name for t in record.tasks for o in t.owners}),
        "deadlines": sorted({(t.deadline.date, o.name) for t in record.tasks
                             if t.deadline and t.deadline.date for o in t.owners}),
    }


def test_scan_of_a_department_letter_reads_like_its_text():
    scanned = process(OCR / "cong_van_so.tesseract.txt")
    typed = process(DIRECTIVES / "cong_van_so.txt")
    assert _view(scanned) == _view(typed)
    assert scanned.date == dt.date(2025, 8, 12)
    assert scanned.issuer.name == "Sở Tư pháp tỉnh Nghệ An"


def test_scan_of_a_decision_keeps_its_articles():
    scanned = process(OCR / "quyet_dinh.tesseract.txt")
    # Điều 3 is the clause that says who executes the decision: no task
    assert [t.id for t in scanned.tasks] == ["Điều 1", "Điều 2"]
    assert _view(scanned)["deadlines"] == [(dt.date(2024, 2, 28), "Phòng Nội vụ")]
    assert scanned.subject.startswith("Thành lập T")


# What an English-model OCR makes of a two-column page: header and footer columns share
# lines, marks become look-alike letters, blank lines fall inside paragraphs.
FOREIGN_OCR = """UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM
TINH HA NAM Doc lap - Tw do - Hanh phic
Sé6: 512/UBND-KT Ha Nam, ngay 14 thang 8 nam 2024
V/v tang cuong cong tac quan ly dat dai

Kinh gti:
- Gidm déc cac Sd: Tai chinh, Xay dung,
Giao thong van tai;
- UBND cac huyén, thanh phé.

I. MUC DICH, YEU CAU

Nang cao hiéu qua quan ly dat dai trén dia ban tinh.

Ill. TO CHUC THUC HIEN

1. Gidm déc SG Tai chinh chti tri, phéi hop véi cac co quan lién quan ra soat,

bao cao UBND tinh truéc ngay 15/9/2024.

2. UBND phung Lam Ha tuyén truyén, van dong nguoi dan, hoan thanh tru’éc ngay 30/9/2024.

Noi nhan: KT. CHU TICH
- Nhu trén; PHO CHU TICH
- CT, cac PCT UBND tinh; Dd Van Hai
- Luu: VT, KT.
"""


def test_text_an_english_model_read(tmp_path):
    path = tmp_path / "foreign-ocr.txt"
    path.write_text(FOREIGN_OCR, encoding="utf-8")
    record = process(path)
    view = _view(record)
    assert view["number"] == "512/UBND-KT"
    assert view["addressees"][:3] == ["Sở Tài chính", "Sở Xây dựng", "Sở Giao thông vận tải"]
    assert view["date"] == dt.date(2024, 8, 14)
    assert (dt.date(2024, 9, 15), "Sở Tài chính") in view["deadlines"]
    assert any(day == dt.date(2024, 9, 30) and owner.startswith("Ủy ban nhân dân phường")
               for day, owner in view["deadlines"])
    assert record.signer.name.startswith("Đỗ Văn")
    assert all("Đỗ" not in r for r in record.recipients)


def test_roman_numerals_as_a_scan_reads_them():
    # Tesseract's Vietnamese model reads a scanned "III." as "HI." and "II." as "H."
    body = ("I. Thời gian: 8 giờ ngày 12/9/2030.\n\nH. Địa điểm: Hội trường tầng 2.\n\n"
            "HI. Văn phòng đề nghị:\n\n1. Sở Nội vụ: chuẩn bị tài liệu, gửi trước ngày"
            " 10/9/2030.\n\n2. Sở Tài chính: bố trí kinh phí trước ngày 11/9/2030.\n")
    record = process_text("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 7/TB-UBND\n\n" + body)
    view = _view(record)
    assert view["deadlines"] == [(dt.date(2030, 9, 10), "Sở Nội vụ"),
                                 (dt.date(2030, 9, 11), "Sở Tài chính")]
    assert {t.id for t in record.tasks} >= {"III.1", "III.2"}


def test_dates_an_english_model_read_with_letters_for_digits():
    from vanban.folding import fold_ocr

    # the slash read as one more "l", "1" as "l" or "I", "0" as "O"; lengths kept
    for damaged, read in [("l5lll/2030", "15/11/2030"), ("1O/5/2030", "10/5/2030"),
                          ("tháng I2/2030", "thang 12/2030"),
                          # a quarter and a document's number are no damaged dates
                          ("Quý III/2030", "quy iii/2030"), ("số 115/2030", "so 115/2030"),
                          # a month's two digits split by a space: not January
                          ("20/1 1/2030", "20/11/2030 "), ("tháng 1 2, tháng", "thang 12 , thang"),
                          ("tháng I 1 , tháng", "thang 11  , thang"),
                          # after "tháng": letters alone are a month, a slash read as "1"
                          ("tháng ll/2030", "thang 11/2030"), ("ll/2030", "ll/2030"),
                          ("tháng I112030", "thang 11/2030"), ("tháng 112030", "thang 112030"),
                          # an "O" or "l" at a number's end, in the year too; a digit before
                          # a letter in a date is no letter ("3l" is 31, not "al")
                          ("ngày 2O/5/2O30", "ngay 20/5/2030"), ("ngày 3l/5/2030", "ngay 31/5/2030"),
                          ("15/6/2O30", "15/6/2030"), ("tháng 1O/2030", "thang 10/2030"),
                          # a date told in words
                          ("ngày 2O tháng 5 năm 2O30", "ngay 20 thang 5 nam 2030"),
                          ("ngày l5 tháng 6 năm 2030", "ngay 15 thang 6 nam 2030"),
                          ("số 1O/2030/QĐ", "so lo/2030/qd")]:
        assert fold_ocr(damaged) == read
    record = process_text("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 7/TB-UBND\n\n8. Giao Sd NQi vq:"
                          " tổng hợp, b5o c5o UBND tinh tru6c ngdy 20lll/2030.\n")
    assert _view(record)["deadlines"] == [(dt.date(2030, 11, 20), "Sở Nội vụ")]


@pytest.mark.parametrize("state", STATES)
def test_a_deadline_whose_digits_an_ocr_read_as_letters(state):
    # as an English model leaves a typed date: "O" for 0, "l" for 1, in day, month and year
    body = ("Kính gửi: Các sở, ban, ngành tỉnh.\n\n1. Sở Tài chính chủ trì tổng hợp, báo cáo "
            "trước ngày 3O/6/2O30.\n\n2. Sở Nội vụ rà soát, hoàn thành trước ngày 2O tháng 5 năm "
            "2O30.\n\n3. Sở Tư pháp thẩm định, xong trong tháng 1O/2030.\n")
    record = process_text(STATES[state]("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 7/UBND-VX\n"
                                        "Hà Nam, ngày 2 tháng 4 năm 2030\n\n" + body))
    assert set(_view(record)["deadlines"]) == {(dt.date(2030, 6, 30), "Sở Tài chính"),
                                               (dt.date(2030, 5, 20), "Sở Nội vụ"),
                                               (dt.date(2030, 10, 31), "Sở Tư pháp")}


def test_a_stray_mark_before_a_stamped_month():
    header = "SỞ TƯ PHÁP\nSố: 31/STP-HC\nGia Lai, ngày 16 tháng {} năm 2030\n\nKính gửi: Sở Nội vụ\n"
    assert process_text(header.format("Ÿ5")).date == dt.date(2030, 5, 16)
    # before a 1 or a 2 the mark may be the month's first digit: no guess
    assert process_text(header.format("Ÿ2")).date is None


def test_an_ocr_text_of_real_syllables_names_a_body_only_by_a_slip():
    from vanban.extract.agency_phrases import match_agency
    from vanban.folding import fold_ocr
    from vanban.normalize.text import names_read_from

    def read(text: str) -> str | None:
        found = match_agency(text, fold_ocr(text), 0)
        return found and found.value

    with names_read_from("garbled"):  # as our own OCR's text is read
        # every word a syllable as printed: "Công tác quản" is no "Công an quận"
        assert read("Công tác quản lý, vận hành các trạm bơm") is None
        assert read("Sở Giao thòng vận tải chủ trì") == "Sở Giao thông vận tải"
        # an English model's debris still reads by likeness
        assert read("S& Tdi chinh chủ trì") == "Sở Tài chính"


def test_recipients_under_a_label_whose_n_a_scan_read_as_x_or_lost():
    for label in ("Xơi nhận:", "ơi nhận:"):
        record = process_text("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 7/QĐ-UBND\n\nĐiều 1. Giao Sở Y"
                              f" tế kiểm tra.\n\n{label}\n- Như Điều 1;\n- Trung tâm Y tế huyện;"
                              "\n- Lưu: VT.\n")
        assert record.recipients[:2] == ["Như Điều 1", "Trung tâm Y tế huyện"]
        assert _view(record)["owners"] == ["Sở Y tế"]


def test_a_doubled_d_in_a_cited_type_code():
    record = process_text("Thực hiện Công điện số 27/CĐÐ-TTg ngày 29/3/2024 của Thủ tướng Chính"
                          " phủ, UBND tỉnh yêu cầu:\n\n1. Sở Nội vụ rà soát.\n")
    assert [r.number for r in record.references] == ["27/CĐ-TTg"]


def test_a_letter_an_ocr_added_to_a_cited_code_or_doubled_in_a_citation_read_before():
    record = process_text(
        "Thực hiện Quyết định số 318/QĐ-SXD ngày 02/3/2027 của Sở Xây dựng và Tờ trình số"
        " 77/TTYr-SXD ngày 05/3/2027 của Sở Xây dựng, UBND tỉnh yêu cầu:\n\n1. Theo khoản 2"
        " Điều 1 Quyết định số 318/QĐĐ-SXXD, Sở Nội vụ rà soát.\n")
    assert [r.number for r in record.references] == ["318/QĐ-SXD", "77/TTr-SXD"]


def test_a_group_of_councils_read_whole_from_ocr_text_only_when_it_ends_plainly():
    from vanban.extract.agency_phrases import match_agency
    from vanban.folding import fold_ocr
    from vanban.normalize.text import names_read_from

    def read(text: str) -> str | None:
        found = match_agency(text, fold_ocr(text), 0)
        return found and found.value

    with names_read_from("garbled"):
        # "có dự án đi qua" after it: the list has ended, as typed
        assert read("UBND các huyện, thị xã có dự án đi qua:") == \
            "Ủy ban nhân dân các huyện, thị xã"
        # a level word the OCR damaged may follow: the tables read the whole list
        assert read("UBND các huyện, thi x3, thanh phé triển khai") == \
            "Ủy ban nhân dân các huyện, thị xã, thành phố"


def test_a_title_whose_d_an_english_ocr_read_as_p():
    # "Giám p9c Sô Công Thudng:" heads the items below it: the title's "Đ" read as "p"
    from vanban.extract.agency_phrases import match_agency
    from vanban.folding import fold_ocr
    from vanban.normalize.text import names_read_from

    text = "Giám p9c Sô Công Thudng:"
    with names_read_from("garbled"):
        found = match_agency(text, fold_ocr(text), 0)
    assert found is not None and found.value == "Sở Công Thương"


def test_evidence_of_an_english_models_text_points_at_its_own_words():
    # the rules read the garble restored whole, whose words are longer or shorter; the
    # evidence's page and word boxes are still those of the words the OCR wrote
    words = [Word(m.group(), m.start(), m.end(), (m.start(), 0.0, m.end(), 10.0))
             for m in re.finditer(r"\S+", FOREIGN_OCR)]
    page = Page(number=1, text=FOREIGN_OCR, method="text-layer", words=words)
    record = process_document(Document(pages=[page], kind="pdf"))
    assert record.text != FOREIGN_OCR  # restored, not in place
    found = [record.evidence[name] for name in ("number", "date") if name in record.evidence]
    found += [owner.evidence for task in record.tasks for owner in task.owners
              if owner.evidence is not None]
    assert len(found) > 3
    for evidence in found:
        # the box is that of the source word as many words in as the evidence starts
        nth = len(record.text[: evidence.start].split())
        x0 = int(evidence.bbox[0])
        assert len(FOREIGN_OCR[:x0].split()) == nth
        assert evidence.page == 1
    # each restored field is noted with the words the OCR wrote
    noted = [r for r in record.quality.restored if r.method == "model"]
    assert any(r.field == "subject" for r in noted)
    assert all(r.original in FOREIGN_OCR and r.original != r.restored for r in noted)
