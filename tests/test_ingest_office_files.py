"""Files as offices send them: e-signed PDFs with stamped numbers and dates, text layers
that are not text, Word 97 and legacy encodings, and text PDFs on a machine without
Tesseract. Each fixture is made here; the devset's real files are checked where the
shared folder is checked out."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from vanban import process, process_text
from vanban.errors import CorruptFileError, MissingDependencyError
from vanban.ingest import IngestOptions, legacy, load, msword, ocr

sys.path.insert(0, str(Path(__file__).parent))
import office_files
import render
import states
import word97

DEVSET = render.SHARED / "devset" / "files"
needs_devset = pytest.mark.skipif(not DEVSET.is_dir(), reason="shared/devset not checked out")

# The draft as it goes to signing: number and day left blank, last month's month typed.
DRAFT = (render.SAMPLE.replace("Số: 1288/UBND-KTTH", "Số:          /UBND-KTTH")
         .replace("ngày 12 tháng 3 năm 2024", "ngày       tháng 2 năm 2024"))


def _signed(tmp_path: Path) -> Path:
    """The draft signed: number, day and month stamped as signature appearances, the
    month drawn over the draft's."""
    path = render.render_pdf(DRAFT, tmp_path / "signed.pdf")
    left, _, baseline = office_files.word_box(path, "Số:")
    _, day_right, date_baseline = office_files.word_box(path, "ngày", occurrence=0)
    month_left, _, _ = office_files.word_box(path, "2 năm")
    return office_files.stamp_signature_fields(path, [
        ("1288", left + 30, baseline),
        ("12", day_right + 8, date_baseline),
        ("3", month_left - 1, date_baseline),
    ])


def test_signature_appearances_give_the_number_and_date(tmp_path):
    path = _signed(tmp_path)
    document = load(path)
    assert document.pages[0].method == "text-layer"
    assert "Số: 1288 /UBND-KTTH" in document.text
    assert "Quảng Ngãi, ngày 12 tháng 3 năm 2024" in document.text  # the draft's "2" hidden
    record = process(path)
    assert record.number == "1288/UBND-KTTH"
    assert record.date == dt.date(2024, 3, 12)
    page = record.provenance.pages[0]
    assert (page.unit, page.dpi) == ("pt", 72)
    assert page.width == pytest.approx(595.3, abs=0.5) and page.height == pytest.approx(841.9, abs=0.5)
    word = document.pages[0].words[[w.text for w in document.pages[0].words].index("1288")]
    assert 0 < word.bbox[0] < word.bbox[2] < page.width  # the stamp's own box, in points


def test_unsigned_draft_keeps_its_blanks(tmp_path):
    record = process(render.render_pdf(DRAFT, tmp_path / "draft.pdf"))
    assert record.number is None and record.date is None


@needs_devset
@pytest.mark.parametrize(("name", "number", "date"), [
    ("hn-ubnd-qd-2280-2026.pdf", "Số: 2280 /QĐ-UBND", "Hà Nội, ngày 29 tháng 4 năm 2026"),
    ("lc-ubnd-qd-1696-2026.pdf", "Số: 1696 /QĐ-UBND", "Lào Cai, ngày 15 tháng 5 năm 2026"),
    ("vpcp-cd-2003-2025.pdf", "Số: 2003 /CĐ-VPCP", "Hà Nội, ngày 07 tháng 10 năm 2025"),
    ("nb-ubnd-cv-706-2024.pdf", "Số: 706 /UBND-VP7", "Ninh Bình, ngày 04 tháng 11 năm 2024"),
])
def test_real_e_signed_pdfs(name, number, date):
    text = load(DEVSET / name, IngestOptions(ocr="never")).text
    assert number in text and date in text


def test_font_map_off_by_glyph_index_is_read_by_ocr(tmp_path):
    path = office_files.shift_tounicode(render.render_pdf(render.SAMPLE, tmp_path / "gs.pdf"))
    kept = load(path, IngestOptions(ocr="never"))
    assert "Số: 1288/UBND-KTTH" not in kept.text  # the layer really is garbage
    assert "text layer is not Vietnamese text" in kept.pages[0].warnings[0]
    document = load(path)
    assert [p.method for p in document.pages] == ["ocr"]
    assert document.warnings[0].startswith("page 1: text layer is not Vietnamese text (")
    record = process(path)
    assert record.number == "1288/UBND-KTTH"
    assert record.date == dt.date(2024, 3, 12)
    assert record.issuer.name == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    page = record.provenance.pages[0]
    assert (page.method, page.unit, page.dpi) == ("ocr", "px", 300)
    assert page.width == pytest.approx(2480, abs=3)


def test_foreign_ocr_layer_over_a_scan_is_read_again(tmp_path):
    image = render.rasterise(render.render_pdf(render.SAMPLE, tmp_path / "s.pdf"))[0]
    layer = states.garbled(render.strip_markup(render.SAMPLE))
    path = office_files.scan_under_text(render.degrade(image, **render.SCAN), layer,
                                        tmp_path / "scan.pdf")
    document = load(path)
    assert [p.method for p in document.pages] == ["ocr"]
    record = process(path)
    assert record.number == "1288/UBND-KTTH"
    assert record.date == dt.date(2024, 3, 12)


def test_scan_whose_only_text_is_its_signature_box_is_ocrd(tmp_path):
    image = render.rasterise(render.render_pdf(DRAFT.replace("Số:          /", "Số: 1288/")
                                               .replace("ngày       tháng 2", "ngày 12 tháng 3"),
                                               tmp_path / "s.pdf"))[0]
    path = render.images_to_pdf([render.degrade(image, **render.SCAN)], tmp_path / "scan.pdf")
    box = "Người ký: VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH Thời gian ký: 12.03.2024 09:15:02 +07:00"
    path = _with_free_text(path, box)
    document = load(path)
    assert [p.method for p in document.pages] == ["ocr"]
    assert process(path).number == "1288/UBND-KTTH"


def _with_free_text(path: Path, text: str) -> Path:
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        note = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FreeText,
            Rect=pikepdf.Array([300, 700, 580, 760]), Contents=pikepdf.String(text),
            DA=pikepdf.String("/Helv 9 Tf 0 g")))
        page.obj.Annots = pdf.make_indirect(pikepdf.Array([note]))
        pdf.save(path)
    return path


def test_a_font_that_maps_one_letter_wrong_reads_right(tmp_path):
    path = office_files.tounicode_letter(render.render_pdf(render.SAMPLE, tmp_path / "oi.pdf"),
                                         "ư", "ƣ")
    layer = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "cƣờng" in layer  # the layer really holds the wrong letter
    assert any("ƣ for ư" in w for w in load(path).pages[0].warnings)
    record = process(path)
    assert record.subject.startswith("Tăng cường phòng, chống")
    assert [t.deadline.date for t in record.tasks if t.deadline] == [dt.date(2024, 4, 30)]


@pytest.mark.parametrize(("typed", "meant"), [
    ("Tăng cƣờng kiểm tra trƣớc ngày 30/4", "Tăng cường kiểm tra trước ngày 30/4"),
    ("Thƣờng trực", "Thường trực"),  # one word mended is enough: no word holds ƣ
    ("TRƢỚC NGÀY", "TRƯỚC NGÀY"),
])
def test_oi_for_u_horn_in_unicode_text(typed, meant):
    assert legacy.repair_line(typed) == (meant, "ƣ for ư")


@pytest.mark.parametrize(("typed", "meant"), [
    # a simple font's WinAnsi codes read as Mac Roman (a Word file printed through
    # Ghostscript), beside letters the same layer holds right
    ("An Bình, ng‡y 12 th·ng 3 năm 2026", "An Bình, ngày 12 tháng 3 năm 2026"),
    ("- ‘ng Trần Văn An, PhÛ Giám đốc Sở NÙng nghiệp", "- Ông Trần Văn An, Phó Giám đốc Sở Nông nghiệp"),
    # its one wrong letter no letter: "B‡" reads as an initial, not as a broken word
    ("- B‡ Nguyễn Thị Mai, Chuyên viên Phòng Kinh tế", "- Bà Nguyễn Thị Mai, Chuyên viên Phòng Kinh tế"),
])
def test_winansi_codes_read_as_mac_roman_in_unicode_text(typed, meant):
    assert legacy.repair_line(typed, text_layer=True) == (meant, "Mac Roman for 1252")


def test_quotes_and_capitals_of_a_right_layer_are_no_mac_roman_codes():
    line = "Ông Nguyễn Văn An “trực tiếp theo dõi” CHÍNH SÁCH Ùn tắc"
    assert legacy.repair_line(line, text_layer=True) == (line, None)


def test_an_english_ocrs_marks_are_read_as_mac_roman_codes_in_no_text_file():
    # an English OCR's "CHÛ" for "CHỦ" is the Mac Roman "ó": "CHÓ" would be a word, wrong
    line = "CÒNG HOA XÉ HDI CHÛ NGHIA VI&T NAM"
    assert legacy.repair_line(line) == (line, None)
    assert legacy.repair_text("Gia Lai, ng‡y 26 th·ng 01") == ("Gia Lai, ng‡y 26 th·ng 01", [])


def test_a_day_stamped_into_a_blank_is_read_in_its_place():
    # the typed line's boxes stretch over the blanks ("tháng    năm 2026" one segment);
    # the signing software's "26" and "01", drawn later, sit inside its span
    from vanban.ingest.layout import Line, Token, reading_order

    typed = Line([Token("Gia", 310, 92, 328, 101), Token("Lai,", 331, 92, 353, 101),
                  Token("ngày", 356, 95, 405, 101), Token("tháng", 407, 93, 457, 101),
                  Token("năm", 459, 95, 481, 101), Token("2026", 485, 92, 508, 101)])
    stamped = Line([Token("26", 384, 91, 400, 101), Token("01", 440, 91, 454, 101)])
    lines = [line for block in reading_order([typed, stamped]) for line in block.lines]
    assert [[t.text for t in line.tokens] for line in lines] == [[
        "Gia", "Lai,", "ngày", "26", "tháng", "01", "năm", "2026"]]


TCVN3_KNOWN = [
    ("B¶o Th¾ng", "Bảo Thắng"),
    ("M\xadêng Kh\xad¬ng", "Mường Khương"),  # ư is the soft hyphen's code
    ("Ninh B×nh", "Ninh Bình"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
]


@pytest.mark.parametrize("garbled", [
    "Trong nåm 2026 hoàn thành",  # an English OCR's "å" for "ă": no TCVN3 "ồ"
    "Cäc sô, ban, ngành",
    "Sở Tài chính båo cáo",  # beside a letter TCVN3 never shows ("ở"), Unicode
])
def test_an_english_ocrs_accents_are_no_legacy_codes(garbled):
    from vanban.ingest import legacy

    assert legacy.repair_text(garbled) == (garbled, [])


def test_a_legacy_documents_short_lines_are_legacy_too():
    from vanban.ingest import legacy

    text, found = legacy.repair_text("Uû ban nh©n d©n tØnh\nCHñ TÞCH\nKh¸nh")
    assert (text, found) == ("Uỷ ban nhân dân tỉnh\nCHỦ TỊCH\nKhánh", ["TCVN3"])


def test_a_garbled_documents_one_chance_mend_makes_it_no_legacy_document():
    from vanban.ingest import legacy

    # an English OCR's debris: one line reads as TCVN3 by chance, the rest would only
    # turn into other debris ("TÎNH LÉM DÖNG" into "TẺNH LẪM DỆNG")
    lines = ["tuyen chon nhãp ngu nåm 2025", "UY BAN NHAN DAN TÎNH LÉM DÖNG",
             "Cäc sô, ban, ngành", "Båo cåo kÕt quå", "Thöc hien nhiem vu"]
    assert legacy.repair_line(lines[0])[1] == "TCVN3"
    repaired, _ = legacy.repair_lines(lines)
    assert [line for line, _ in repaired[1:]] == lines[1:]


def test_a_garbled_documents_chance_mend_is_undone():
    from vanban.ingest import legacy

    # an English OCR's umlauts read as TCVN3 mend the line's broken words and spoil its good
    # ones ("Công" as "Cụng", "Tåi chinh" as "Tồi chinh"); a Unicode document keeps it
    lines = ["3. Ban Công täc Mät tran cãc", "Giao So Tåi chinh chû tri theo doi",
             "Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã", "Thực hiện nhiệm vụ"]
    assert legacy.repair_line(lines[0])[1] == "TCVN3"
    assert legacy.repair_text("\n".join(lines)) == ("\n".join(lines), [])
    # a header's line in .VnTime in a Unicode document holds codes no OCR writes: converted
    assert legacy.repair_text("Uû ban nh©n d©n tØnh\n" + "\n".join(lines[2:]))[1] == ["TCVN3"]


@pytest.mark.parametrize(("typed", "meant"), TCVN3_KNOWN)
def test_tcvn3_table(typed, meant):
    assert legacy.repair_line(typed) == (meant, "TCVN3")


def test_a_tcvn3_pdfs_u_horn_and_a_tilde_read_by_their_glyph_names():
    # Acrobat Distiller's copy of a .VnTime decision: its codes as 1252, but ư (code AD) as
    # the minus sign and ã (code B7) as the bullet operator (a real 2004 decision's PDF)
    assert legacy.repair_line("cña Thñ t\u2212íng ChÝnh phñ", text_layer=True) == (
        "của Thủ tướng Chính phủ", "TCVN3")
    assert legacy.repair_line("Quü b¶o l\u2219nh tÝn dông", text_layer=True) == (
        "Quỹ bảo lãnh tín dụng", "TCVN3")
    assert legacy.repair_line("THñ T\u2212íNG", text_layer=True)[0] == "THỦ TƯỚNG"


def test_vni_and_unicode_lines():
    assert legacy.repair_line("Xin chaøo caùc baïn, ngöôøi ñöôïc giao") == (
        "Xin chào các bạn, người được giao", "VNI")
    line = "Ủy ban nhân dân tỉnh Quảng Ngãi; nhiệt độ 5 µm"  # Unicode with a stray µ
    assert legacy.repair_line(line) == (line, None)


def _tcvn3_docx(path: Path) -> Path:
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    left, right = render.SAMPLE.split("\n\n")[:2]
    header.cell(0, 0).text = office_files.tcvn3(left.strip("*"))
    header.cell(0, 1).text = office_files.tcvn3(right.strip("*"))
    for block in render.SAMPLE.split("\n\n")[2:]:
        for line in block.splitlines():
            paragraph = document.add_paragraph()
            paragraph.add_run(office_files.tcvn3(line)).font.name = ".VnTime"
    document.save(path)
    return path


def test_tcvn3_docx(tmp_path):
    path = _tcvn3_docx(tmp_path / "vntime.docx")
    assert any("Qu¶ng Ng·i" in p.text for p in docx.Document(path).paragraphs)
    document = load(path)
    assert document.warnings == ["text in the legacy TCVN3 (ABC) encoding converted to Unicode"]
    assert "Quảng Ngãi, ngày 12 tháng 3 năm 2024" in document.text
    record = process(path)
    assert record.number == "1288/UBND-KTTH"
    assert record.date == dt.date(2024, 3, 12)
    assert record.issuer.name == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert [a.name for a in record.addressees] == [
        "Sở Nông nghiệp và Phát triển nông thôn", "Ủy ban nhân dân các huyện, thị xã, thành phố"]


NUMBERED = [
    (None, "ỦY BAN NHÂN DÂN"), (None, "TỈNH NGHỆ AN"), (None, "Số: 21/KH-UBND"),
    (None, "Nghệ An, ngày 2 tháng 3 năm 2026"), (None, "KẾ HOẠCH"),
    (None, "Phòng, chống dịch bệnh trên gia súc"), (None, "I. TỔ CHỨC THỰC HIỆN"),
    (0, "Sở Nông nghiệp và Môi trường:"),
    (1, "Tổ chức tiêm phòng đợt 1, hoàn thành trước ngày 30/4/2026."),
    (1, "Tổng hợp, báo cáo kết quả trước ngày 15/5/2026."),
    (0, "Sở Tài chính:"), (1, "Bố trí kinh phí trước ngày 20/3/2026."),
    (2, "kinh phí tiêm phòng;"), (None, "Nơi nhận:"), (None, "- Lưu: VT."),
]


def test_a_docx_lists_labels_are_read_as_word_draws_them(tmp_path):
    path = office_files.numbered_docx(NUMBERED, tmp_path / "numbered.docx")
    assert "1." not in "".join(p.text for p in docx.Document(path).paragraphs)
    text = load(path).text
    for label in ("1. Sở Nông nghiệp", "a) Tổ chức", "b) Tổng hợp", "2. Sở Tài chính",
                  "a) Bố trí", "- kinh phí"):
        assert f"\n{label}" in text
    owners = {t.deadline.date: [o.name for o in t.owners] for t in process(path).tasks
              if t.deadline}
    assert owners == {dt.date(2026, 4, 30): ["Sở Nông nghiệp và Môi trường"],
                      dt.date(2026, 5, 15): ["Sở Nông nghiệp và Môi trường"],
                      dt.date(2026, 3, 20): ["Sở Tài chính"]}


def test_a_docxs_words_in_content_controls_smart_tags_and_revisions(tmp_path):
    path = office_files.wrapped_docx(tmp_path / "wrapped.docx")
    text = load(path).text
    assert "Số: 21/UBND-KT" in text
    assert "Nghệ An, ngày 2 tháng 3 năm 2026" in text
    assert "trước ngày 30/4/2026." in text and "10/4/2026" not in text
    assert text.count("DỰ THẢO LẦN 2") == 1  # the drawing's, not again its fallback's
    record = process(path)
    assert (record.number, record.place, record.date) == ("21/UBND-KT", "Nghệ An",
                                                          dt.date(2026, 3, 2))
    assert [t.deadline.date for t in record.tasks if t.deadline] == [dt.date(2026, 4, 30)]


def test_tcvn3_text_file(tmp_path):
    path = tmp_path / "vntime.txt"
    path.write_bytes(office_files.tcvn3(render.strip_markup(render.SAMPLE)).encode("cp1252"))
    document = load(path)
    assert document.warnings == ["text in the legacy TCVN3 (ABC) encoding converted to Unicode"]
    record = process(path)
    assert record.number == "1288/UBND-KTTH"
    assert record.signer.name == "Trần Phước Hiền"


def test_windows_1258_text_file(tmp_path):
    path = tmp_path / "cp1258.txt"
    path.write_bytes(office_files.windows_1258(render.strip_markup(render.SAMPLE)))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    document = load(path)
    assert document.warnings == ["text in the Windows-1258 code page converted to Unicode"]
    record = process(path)
    assert record.number == "1288/UBND-KTTH"
    assert record.signer.name == "Trần Phước Hiền"
    assert [t.deadline.date for t in record.tasks if t.deadline] == [dt.date(2024, 4, 30)]


@needs_devset
def test_real_word97_documents():
    document = load(DEVSET / "btttt-ct-07-2008.doc")
    assert document.kind == "doc" and document.pages[0].method == "doc"
    assert "CỦA BỘ THÔNG TIN VÀ TRUYỀN THÔNG SỐ 07/2008/CT-BTTTT" in document.text
    assert "Chậm nhất đến ngày 30/6/2009" in document.text


def test_text_pdf_needs_no_tesseract(tmp_path, monkeypatch):
    text_pdf = render.render_pdf(render.SAMPLE, tmp_path / "text.pdf")
    image = render.rasterise(text_pdf, dpi=100)[0]
    scan = render.images_to_pdf([image], tmp_path / "scan.pdf", dpi=100)
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on it
    for cached in (ocr.tesseract_version, ocr.languages):
        cached.cache_clear()
    try:
        for mode in ("auto", "never"):
            assert "Số: 1288/UBND-KTTH" in load(text_pdf, IngestOptions(ocr=mode)).text
        assert load(scan, IngestOptions(ocr="never")).pages[0].text == ""
        with pytest.raises(MissingDependencyError, match="tesseract is not installed"):
            load(scan)
    finally:
        for cached in (ocr.tesseract_version, ocr.languages):
            cached.cache_clear()


def test_red_stamp_over_the_date_is_taken_out_before_ocr(tmp_path):
    source = render.render_pdf(render.SAMPLE, tmp_path / "cv.pdf")
    path = office_files.red_stamp_scan(source, "ngày 12", tmp_path / "stamped.pdf")
    record = process(path)
    assert record.provenance.pages[0].method == "ocr"
    assert record.date == dt.date(2024, 3, 12)  # the stamp's own "13/3/2024" is gone too
    assert record.number == "1288/UBND-KTTH"
    assert "1234" not in record.text


def test_red_ink_reads_as_paper_black_and_blue_stay():
    from PIL import Image

    from vanban.ingest import ink

    page = Image.new("RGB", (200, 100), "white")
    page.paste((200, 30, 40), (0, 0, 200, 50))  # a seal's red over the top half
    page.paste((0, 0, 0), (10, 10, 30, 30))  # print under the seal
    page.paste((20, 40, 160), (50, 60, 70, 80))  # blue handwriting
    gray = ink.gray(page)
    assert gray.getpixel((100, 25)) == 255
    assert gray.getpixel((20, 20)) == 0
    assert gray.getpixel((60, 70)) < 60


def test_word97_document(tmp_path):
    path = tmp_path / "cong-van.doc"
    path.write_bytes(word97.word97(render.strip_markup(render.SAMPLE)))
    document = load(path)
    assert (document.kind, document.pages[0].method, document.warnings) == ("doc", "doc", [])
    assert "Quảng Ngãi, ngày 12 tháng 3 năm 2024" in document.text
    record = process(path)
    assert record.number == "1288/UBND-KTTH"
    assert record.date == dt.date(2024, 3, 12)
    assert record.issuer.name == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert record.signer.name == "Trần Phước Hiền"


def test_word97_document_typed_in_tcvn3(tmp_path):
    path = tmp_path / "vntime.doc"
    path.write_bytes(word97.word97(office_files.tcvn3(render.strip_markup(render.SAMPLE))))
    document = load(path)
    assert document.warnings == ["text in the legacy TCVN3 (ABC) encoding converted to Unicode"]
    assert process(path).date == dt.date(2024, 3, 12)


def test_word97_named_as_docx_and_a_damaged_one(tmp_path):
    disguised = tmp_path / "cong-van.docx"
    disguised.write_bytes(word97.word97("Số: 12/UBND"))
    document = load(disguised)
    assert document.kind == "doc"
    assert document.warnings == ["file is named .docx but its content is DOC"]
    damaged = tmp_path / "cut.doc"
    data = bytearray(word97.word97("Số: 12/UBND"))
    data[1024:1024 + 512] = bytes(512)  # the FIB, first in the WordDocument stream, wiped
    damaged.write_bytes(bytes(data))
    with pytest.raises(CorruptFileError, match=r"cut.doc: Word 97 document cannot be read"):
        load(damaged)


def test_tcvn3_text_layer_of_a_pdf(tmp_path):
    # the .VnTime font's codes as the PDF's text: "Sè: 1288", "Qu¶ng Ng·i, ngµy 12 ..."
    path = render.render_pdf(office_files.tcvn3(render.SAMPLE), tmp_path / "vntime.pdf")
    document = load(path)
    assert document.pages[0].method == "text-layer"
    assert document.pages[0].warnings == [
        "text in the legacy TCVN3 (ABC) encoding converted to Unicode"]
    assert "Số: 1288/UBND-KTTH" in document.text  # no telling code on the line: by context
    record = process(path)
    assert record.date == dt.date(2024, 3, 12)
    assert record.issuer.name == "Ủy ban nhân dân tỉnh Quảng Ngãi"


BOX = "Ky boi: UBND tinh Quang Ngai\nCo quan: Tinh Quang Ngai\nThoi gian ky: 12.03.2024 09:15"


def test_e_signed_scan_stamps_join_the_words_read_and_the_box_stays_out(tmp_path):
    # a scanned draft (number and day blank), signed: the number, the day and a signature
    # box stamped as annotations over the scan, the box across the header's columns
    draft = render.render_pdf(DRAFT, tmp_path / "draft.pdf")
    left, _, baseline = office_files.word_box(draft, "Số:")
    _, day_right, date_baseline = office_files.word_box(draft, "ngày")
    month_left, _, _ = office_files.word_box(draft, "2 năm")
    image = render.rasterise(draft)[0]  # scanned flat: the stamps are placed on the scan
    path = render.images_to_pdf([render.degrade(image, noise=12, jpeg=60)], tmp_path / "scan.pdf")
    path = office_files.stamp_signature_fields(path, [
        ("1288", left + 30, baseline),
        ("12", day_right + 8, date_baseline),
        ("3", month_left - 1, date_baseline),
        (BOX, 200, 841.9 - 70),  # from the page's foot: near the top
    ])
    document = load(path)
    page = document.pages[0]
    assert page.method == "ocr"
    assert page.text.startswith(BOX + "\n\n")  # exact, and before the page's own text
    assert "Ky boi" not in page.text[len(BOX):]  # not read again from the image
    record = process(path)
    assert record.number == "1288/UBND-KTTH"
    assert record.date == dt.date(2024, 3, 12)
    assert record.issuer.name == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    stamped = next(w for w in page.words if w.text == "1288")
    scale = 300 / 72  # the stamp's box, from points to the scan's pixels
    assert stamped.bbox[0] == pytest.approx((left + 31) * scale, abs=20)


def test_a_signing_boxs_rows_run_into_one_line_are_parted():
    # pdfium ran a real box's two rows, set close in a small font, into one line of text
    from vanban.ingest import annotations
    from vanban.ingest.layout import Token

    def row(words, top):
        return [Token(w, 100 + 30 * i, top, 125 + 30 * i, top + 4.2) for i, w in enumerate(words)]

    office, signed = row(["Cơ", "quan:", "Tỉnh", "X"], 10.8), row(["Thời", "gian", "ký:"], 16.9)
    joined = [office[0], signed[0], office[1], signed[1], office[2], signed[2], office[3]]
    assert annotations._rows(joined) == [office, signed]


def test_a_signing_boxs_row_keeps_its_words_of_every_shape():
    from vanban.ingest import annotations
    from vanban.ingest.layout import Token

    # glyph boxes: "gian" (no capital, a descender) hangs lower than "Thời" beside it
    row = [Token("Thời", 100, 16.9, 115, 20.9), Token("gian", 118, 18.1, 130, 22.2),
           Token("ký:", 133, 16.7, 141, 20.9)]
    assert annotations._rows(row) == [row]


def test_a_word97_layout_tables_columns_are_read_one_after_the_other():
    # antiword's rows of a two-column header and signature table (invented text): each
    # column read whole, as a .docx's layout table is; a data table keeps its rows
    from vanban.ingest.msword import layout_by_column

    header = ["|ỦY BAN NHÂN DÂN |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
              "|TỈNH AN BÌNH |Độc lập - Tự do - Hạnh phúc |",
              "|Số: 15/UBND-VX |An Bình, ngày 3 tháng 5 năm 2024 |",
              "|V/v tăng cường quản lý | |", "|chợ truyền thống | |"]
    table = ["|STT |Chợ |Xã |", "|1 |Chợ Đông |Xã Bình Minh |", "|2 |Chợ Tây |Xã Bình An |"]
    foot = ["|Nơi nhận: |CHỦ TỊCH |", "|- Như trên; | |", "|- Lưu: VT. |Trần Văn An |"]
    body = ["", "Kính gửi: Sở Công Thương", "",
            "Giao Sở Công Thương kiểm tra các chợ sau, báo cáo trước ngày 30/6/2024:", *table,
            "Sở Công Thương báo cáo kết quả về Ủy ban nhân dân tỉnh./."]
    lines = layout_by_column([*header, *body, *foot])
    assert lines[:5] == ["ỦY BAN NHÂN DÂN", "TỈNH AN BÌNH", "Số: 15/UBND-VX",
                         "V/v tăng cường quản lý", "chợ truyền thống"]
    assert all(row in lines for row in table)
    record = process_text("\n".join(lines))
    assert record.subject == "Tăng cường quản lý chợ truyền thống"
    assert record.place == "An Bình" and record.number == "15/UBND-VX"
    assert record.signer is not None and record.signer.name == "Trần Văn An"
    assert record.signer.position == "Chủ tịch"


def test_a_header_table_with_an_empty_column_between_its_two_is_read_as_two(tmp_path):
    # three columns made it a data table, its rows joined by " | ": the place read "|  |
    # Nghệ An", the subject and the issuer run into the motto
    record = process(office_files.spacer_header_docx(tmp_path / "spacer.docx"))
    assert (record.issuer.name, record.parent_issuer.name) == (
        "Sở Công Thương tỉnh Nghệ An", "Ủy ban nhân dân tỉnh Nghệ An")
    assert (record.number, record.date, record.place) == (None, None, "Nghệ An")
    assert record.subject == "Kiểm tra kho vật liệu nổ công nghiệp"
    assert (record.signer.name, record.signer.position) == ("Lê Văn Hùng", "Phó Giám đốc")


def test_a_word97_header_table_with_an_empty_column_is_laid_out_by_column():
    # antiword's rows of such a table; the subject's rows have a merged cell, one short
    rows = ["|UBND TỈNH NGHỆ AN | |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
            "|SỞ CÔNG THƯƠNG | |Độc lập - Tự do - Hạnh phúc |",
            "|Số: /SCT-CN | |Nghệ An, ngày tháng 6 năm 2026 |",
            "|V/v kiểm tra kho vật liệu | |", "|nổ công nghiệp | |"]
    assert msword.layout_by_column(rows) == [
        "UBND TỈNH NGHỆ AN", "SỞ CÔNG THƯƠNG", "Số: /SCT-CN", "V/v kiểm tra kho vật liệu",
        "nổ công nghiệp", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Nghệ An, ngày tháng 6 năm 2026", ""]
    # a data table keeps its rows, its empty column too
    table = ["|STT |Nội dung |Chủ trì |Ghi chú |", "|1 |Kiểm tra |Sở Công Thương | |",
             "|2 |Báo cáo |Sở Tài chính | |"]
    assert msword.layout_by_column(table) == table
