"""Each kind of file a clerk receives, read by content, with the method recorded per page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
from PIL import Image

from vanban.ingest import load
from vanban.ingest.detect import detect

sys.path.insert(0, str(Path(__file__).parent))
import render

SEED_003 = render.seed_text("003")
needs_seed = pytest.mark.skipif(SEED_003 is None, reason="shared/seeds not checked out")


def _add_table(document, rows: list[tuple[str, ...]]) -> None:
    """A Word table of `rows`, each cell's text as given."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


def test_kind_comes_from_content_not_name(tmp_path):
    pdf = render.render_pdf(render.SAMPLE, tmp_path / "a.pdf")
    disguised = tmp_path / "cong-van.docx"
    disguised.write_bytes(pdf.read_bytes())
    document = load(disguised)
    assert detect(pdf.read_bytes()) == "pdf"
    assert document.kind == "pdf"
    assert document.warnings[0] == "file is named .docx but its content is PDF"
    assert "Số: 1288/UBND-KTTH" in document.text


def test_text_layer_pages_are_read_without_ocr(tmp_path):
    document = load(render.render_pdf(render.SAMPLE, tmp_path / "cv.pdf"))
    assert [p.method for p in document.pages] == ["text-layer"]
    assert document.text.startswith("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n\nCỘNG HÒA XÃ HỘI")
    offset = document.text.index("1288/UBND-KTTH")
    page, word = document.locate(offset)
    assert page == 1 and word.text == "1288/UBND-KTTH"


def test_annotation_and_form_field_text_is_kept(tmp_path):
    path = render.render_pdf(
        render.SAMPLE, tmp_path / "signed.pdf",
        annotations=[("Ngày ký: 12/03/2024", (120, 250))],
        form_fields=[("so_van_ban", "1288/UBND-KTTH", (120, 265, 50, 8))],
    )
    text = load(path).text
    assert "Ngày ký: 12/03/2024" in text
    assert text.count("1288/UBND-KTTH") == 2


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    document.add_paragraph("Kính gửi: Sở Nội vụ")
    _add_table(document, [("STT", "Nhiệm vụ", "Thời hạn"), ("1", "Báo cáo", "30/4/2024"),
                          ("2", "Tổng kết", "31/12/2024")])
    document.add_paragraph("Nơi nhận:")
    path = tmp_path / "cv.docx"
    document.save(path)
    result = load(path)
    assert result.kind == "docx" and result.pages[0].method == "docx"
    assert result.text == (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n\nKính gửi: Sở Nội vụ\n\n"
        "STT | Nhiệm vụ | Thời hạn\n1 | Báo cáo | 30/4/2024\n2 | Tổng kết | 31/12/2024\n\n"
        "Nơi nhận:"
    )
    # the data table is kept as its cells, each a span of that text
    (table,) = result.tables
    assert [[result.text[s:e] for s, e in row] for row in table.rows] == [
        ["STT", "Nhiệm vụ", "Thời hạn"], ["1", "Báo cáo", "30/4/2024"],
        ["2", "Tổng kết", "31/12/2024"]]


def test_a_word_task_table_is_read_from_its_cells(tmp_path):
    from vanban import process

    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG")
    document.add_paragraph("Số: 12/KH-UBND")
    document.add_paragraph("Lâm Đồng, ngày 10 tháng 4 năm 2026")
    document.add_paragraph("KẾ HOẠCH")
    _add_table(document, [
        ("STT", "Nhiệm vụ", "Thời gian hoàn thành", "Chủ trì thực hiện", "Phối hợp"),
        ("I", "Cải cách thể chế", "", "", ""),
        ("1", "Rà soát văn bản quy phạm", "Quý II/2026", "Sở Tư pháp", ""),
        ("2", "Công bố thủ tục\nhành chính", "Trong năm 2026", "Văn phòng UBND tỉnh",
         "Các sở, ban, ngành")])
    path = tmp_path / "kh.docx"
    document.save(path)
    record = process(path)
    tasks = {t.id: t for t in record.tasks}
    # a group's row names its rows; a cell of two paragraphs is one cell
    assert str(tasks["bảng.I.1"].deadline.date) == "2026-06-30"
    assert tasks["bảng.I.2"].owners[0].name == "Văn phòng UBND tỉnh"
    assert str(tasks["bảng.I.2"].deadline.date) == "2026-12-31"
    assert tasks["bảng.I.2"].co_owners[0].name == "Các sở, ban, ngành"


def test_a_glued_word_before_a_table_leaves_its_cells_in_place(tmp_path):
    # words parted before the rules read them ("Ủyban") lengthen the text: the cells'
    # spans move with it
    from vanban import process

    document = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Số: 12/KH-UBND",
                 "Lâm Đồng, ngày 10 tháng 4 năm 2026", "KẾ HOẠCH",
                 "Ủyban nhân dân tỉnh ban hành kế hoạch cải cách hành chính như sau:"):
        document.add_paragraph(line)
    _add_table(document, [
        ("STT", "Nhiệm vụ", "Thời gian hoàn thành", "Chủ trì thực hiện"),
        ("1", "Rà soát văn bản quy phạm", "Quý II/2026", "Sở Tư pháp"),
        ("2", "Công bố thủ tục hành chính", "Trong năm 2026", "Văn phòng UBND tỉnh")])
    path = tmp_path / "kh.docx"
    document.save(path)
    tasks = {t.id: t for t in process(path).tasks}
    assert tasks["bảng.1"].owners[0].name == "Sở Tư pháp"
    assert str(tasks["bảng.1"].deadline.date) == "2026-06-30"
    assert tasks["bảng.2"].owners[0].name == "Văn phòng UBND tỉnh"


def test_a_table_without_an_owner_column_is_its_headings(tmp_path):
    # a Sở's plan: each unit's tasks and times under a heading that names the unit; the
    # next table goes on without a header row
    from vanban import process

    document = docx.Document()
    for line in ("SỞ Y TẾ TỈNH LÂM ĐỒNG", "Số: 21/TB-SYT", "Lâm Đồng, ngày 10 tháng 2 năm 2027",
                 "THÔNG BÁO", "Nhiệm vụ trọng tâm năm 2027",
                 "1. Phòng Nghiệp vụ Y, Dược (2 nhiệm vụ):"):
        document.add_paragraph(line)
    tables = [[("TT", "Nhiệm vụ", "Chỉ tiêu", "Thời gian hoàn thành"),
               ("1", "Kiểm tra bệnh viện", "10 cơ sở", "Tháng 6/2027"),
               ("2", "Tổng kết công tác", "01 báo cáo", "Tháng 12/2027")],
              [("3", "Báo cáo số liệu", "12 kỳ", "Tháng 9/2027"),
               ("4", "Rà soát thuốc", "100%", "Tháng 10/2027"),
               ("5", "Tập huấn", "02 lớp", "Tháng 11/2027")]]
    for rows in tables:  # a page break between them, as a blank paragraph
        _add_table(document, rows)
        document.add_paragraph("")
    path = tmp_path / "tb.docx"
    document.save(path)
    record = process(path)
    dated = {(t.deadline.date.isoformat(), o.name) for t in record.tasks if t.deadline
             for o in t.owners}
    assert dated == {(f"2027-{day}", "Phòng Nghiệp vụ Y, Dược")
                     for day in ("06-30", "12-31", "09-30", "10-31", "11-30")}


@pytest.mark.slow
def test_mixed_pdf_text_page_and_scanned_page(tmp_path):
    scan = render.rasterise(render.render_pdf(render.SAMPLE, tmp_path / "s.pdf"))[0]
    path = render.mixed_pdf("Trang một có lớp chữ: Quyết định số 12/QĐ-UBND.",
                            render.degrade(scan, **render.SCAN), tmp_path / "mixed.pdf")
    document = load(path)
    assert [p.method for p in document.pages] == ["text-layer", "ocr"]
    assert "12/QĐ-UBND" in document.pages[0].text
    assert render.cer(document.pages[1].text, render.SAMPLE) < 0.01
    assert "page 2: no text layer; read by OCR" in document.warnings


@pytest.mark.slow
@pytest.mark.parametrize("turn", [90, 180])
def test_turned_pages_read_as_well_as_upright(tmp_path, turn):
    page = render.rasterise(render.render_pdf(render.SAMPLE, tmp_path / "s.pdf"))[0]
    path = render.images_to_pdf([render.degrade(page, rotate=turn, noise=8)], tmp_path / "t.pdf")
    document = load(path)
    assert document.pages[0].method == "ocr"
    assert render.cer(document.text, render.SAMPLE) < 0.01


def test_a_scans_dark_edge_does_not_turn_its_page(tmp_path):
    from vanban.ingest import deskew

    page = render.rasterise(render.render_pdf(render.SAMPLE, tmp_path / "s.pdf"))[0].convert("L")
    assert deskew.measure(page)[0] == 0
    edged = page.copy()
    edged.paste(0, (0, 0, 8, edged.height))  # the scanner lid's shadow down one side
    assert deskew.measure(edged)[0] == 0
    assert deskew.measure(page.rotate(90, expand=True))[0] == 90  # a page turned still is


@pytest.mark.slow
def test_only_a_page_read_as_no_words_is_asked_which_way_up(tmp_path, monkeypatch):
    from vanban.ingest import ocr, scan

    asked = []
    orientation = ocr.orientation
    monkeypatch.setattr(ocr, "orientation", lambda *a, **k: asked.append(1) or orientation(*a, **k))
    monkeypatch.setattr(scan, "_WEAK", 101.0)  # every page read unsurely
    page = render.rasterise(render.render_pdf(render.SAMPLE, tmp_path / "s.pdf"))[0]
    upright = render.images_to_pdf([render.degrade(page, noise=8)], tmp_path / "u.pdf")
    assert render.cer(load(upright).text, render.SAMPLE) < 0.01
    assert not asked  # unsure, but its words are Vietnamese: upright
    upside_down = render.images_to_pdf([render.degrade(page, rotate=180, noise=8)],
                                       tmp_path / "d.pdf")
    assert render.cer(load(upside_down).text, render.SAMPLE) < 0.01
    assert asked


@pytest.mark.slow
@needs_seed
def test_ocr_cer_and_columns_on_seed_003(tmp_path):
    pages = render.rasterise(render.render_pdf(SEED_003, tmp_path / "003.pdf"))
    path = render.images_to_pdf(pages, tmp_path / "003-scan.pdf")
    document = load(path)
    assert [p.method for p in document.pages] == ["ocr", "ocr"]
    assert render.cer(document.text, SEED_003) <= 0.005
    # the two-column header comes out column by column, not interleaved line by line
    # (the lone slash of the draft's blank number is a speck an OCR may drop)
    assert document.text.replace("Số: /", "Số: ").startswith(
        "ỦY BAN NHÂN DÂN\nHUYỆN BÌNH SƠN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n\nSố: UBND-TTHC\nV/v chuẩn bị nội dung"
    )
    assert "Nơi nhận:\n- Như trên;" in document.text
    assert document.text.rstrip().endswith("CHỦ TỊCH\nNguyễn Tường Duy")


@pytest.mark.slow
@needs_seed
def test_ocr_hard_scan_beats_bare_tesseract(tmp_path):
    pages = [render.degrade(p, **render.HARD)
             for p in render.rasterise(render.render_pdf(SEED_003, tmp_path / "003.pdf"))]
    path = render.images_to_pdf(pages, tmp_path / "hard.pdf")
    ours = render.cer(load(path).text, SEED_003)
    bare = ""
    for index, page in enumerate(pages):
        png = tmp_path / f"hard-{index}.png"
        page.save(png)
        bare += subprocess.run(["tesseract", str(png), "-", "-l", "vie"], capture_output=True,
                               text=True, env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin"},
                               check=True).stdout
    assert ours <= 0.01
    assert ours <= render.cer(bare, SEED_003)


@pytest.mark.slow
def test_multipage_tiff_and_exif_jpeg(tmp_path):
    page = render.rasterise(render.render_pdf(render.SAMPLE, tmp_path / "s.pdf"), dpi=200)[0]
    tiff = tmp_path / "scan.tif"
    page.save(tiff, save_all=True, append_images=[page.rotate(0)], dpi=(200, 200))
    document = load(tiff)
    assert document.kind == "image" and [p.number for p in document.pages] == [1, 2]
    assert all(render.cer(p.text, render.SAMPLE) < 0.01 for p in document.pages)
    # a phone photo stored sideways with EXIF orientation 6 ("turn 90° clockwise to view")
    exif = Image.Exif()
    exif[0x0112] = 6
    photo = tmp_path / "photo.txt"  # a clerk's mislabelled upload: the content decides
    page.rotate(90, expand=True).save(photo, "JPEG", quality=50, exif=exif, dpi=(200, 200))
    document = load(photo)
    assert document.warnings[0] == "file is named .txt but its content is JPEG"
    assert "page was sideways" not in " ".join(document.pages[0].warnings)
    assert render.cer(document.text, render.SAMPLE) < 0.015


TABLE_ROWS = [
    ("STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
    ("1", "Rà soát, cập nhật dữ liệu tàu cá lên Cơ sở dữ liệu nghề cá quốc gia", "Sở NN&PTNT",
     "UBND các huyện, thị xã, thành phố", "Trước 15/6/2024"),
    ("2", "Lập danh sách nhóm tàu cá có nguy cơ cao vi phạm vùng biển nước ngoài",
     "BCH BĐBP tỉnh", "Công an tỉnh", "Tháng 6/2024"),
    ("3", "Tổ chức ký cam kết không vi phạm vùng biển nước ngoài",
     "UBND các huyện, thị xã, thành phố", "Hội Nghề cá tỉnh", "Trước 31/7/2024"),
]


@pytest.mark.parametrize("rules", [False, True], ids=["cell-rectangles", "ruled-lines"])
def test_a_bordered_task_table_in_a_text_layer_is_read_row_by_row(tmp_path, rules):
    from vanban import process

    path = render.table_pdf("KẾ HOẠCH\nChống khai thác hải sản bất hợp pháp năm 2024\n\n"
                            "II. NHIỆM VỤ", TABLE_ROWS, tmp_path / "plan.pdf", rules=rules)
    record = process(path)
    assert "| 2 | Lập danh sách nhóm tàu cá có nguy cơ cao vi phạm vùng biển nước ngoài |" \
        in record.text
    rows = [t for t in record.tasks if t.id.startswith("bảng")]
    assert [([o.name for o in t.owners], t.deadline and str(t.deadline.date)) for t in rows] == [
        (["Sở Nông nghiệp và Phát triển nông thôn"], "2024-06-15"),
        (["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"], "2024-06-30"),
        (["Ủy ban nhân dân các huyện, thị xã, thành phố"], "2024-07-31"),
    ]
    assert [c.name for c in rows[0].co_owners] == ["Ủy ban nhân dân các huyện, thị xã, thành phố"]
    # its evidence is the cell's words (the owner column is 35 mm, 99 pt, wide), not the row
    (box,) = rows[0].owners[0].evidence.boxes
    assert box[2] - box[0] < 99
    # the table reached extraction as cells: each owner points into its own cell
    from vanban.ingest import load
    (table,) = load(path).tables
    owner_cell = table.rows[1][2]
    assert record.text[owner_cell[0] : owner_cell[1]] == "Sở NN&PTNT"


def test_words_a_text_layer_ran_together_are_apart(tmp_path):
    # a word processor's two runs half a millimetre apart: pdfium's text leaves out the
    # space between them ("thuộcThành"), pdftotext keeps it
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("serif", "", str(render.FONT_DIR / "LiberationSerif-Regular.ttf"))
    pdf.add_page()
    pdf.set_font("serif", "", 13)
    first = "3. Ban Quản lý dự án thuộc"
    pdf.text(20, 30, first)
    pdf.text(20 + pdf.get_string_width(first) + 0.5, 30, "Thành phố chủ trì, VNeID và eKYC.")
    pdf.output(str(tmp_path / "runs.pdf"))
    document = load(tmp_path / "runs.pdf")
    assert "dự án thuộc Thành phố chủ trì, VNeID và eKYC." in document.text
    _, word = document.locate(document.text.index("Thành phố"))
    assert word.text == "Thành"


SHADED_ROWS = [
    ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"),
    ("1", "Rà soát quy hoạch hệ thống cây xanh đô thị đến năm 2030", "Sở Xây dựng",
     "- Các sở, ban, ngành có liên quan;\n- UBND các huyện", "Quý II/2026"),
    ("2", "Ứng dụng khoa học trong lựa chọn loại cây, vị trí trồng theo quy hoạch",
     "Các cơ quan, đơn vị, tổ chức, cá nhân được giao nhiệm vụ có liên quan đến trồng cây",
     "- Các sở, ban, ngành;\n- UBND các huyện", "Trước 30/9/2026"),
]


def test_shaded_lines_in_a_ruled_table_are_no_cells_and_a_cells_lines_keep_their_order(
        tmp_path):
    # Word fills a shaded paragraph's every line with a box of its own: read as cells,
    # those boxes cut each row into its lines and the shaded cell into columns, so an owner
    # cell wrapped over four lines lost all but its first ("Các cơ quan, đơn vị, tổ"). And
    # a cell's words are put in lines by their line, not by their glyphs' middles (a "-"
    # sits at mid-height: "- Các sở, ban, ngành" read "Các ban, - sở, ngành").
    from vanban import process

    path = render.table_pdf("KẾ HOẠCH\nTrồng và bảo vệ cây xanh năm 2026\n\nII. NHIỆM VỤ",
                            SHADED_ROWS, tmp_path / "plan.pdf", rules=True, shading=True)
    (table,) = load(path).tables
    text = load(path).text
    cells = [[text[c[0]:c[1]] if c else None for c in row] for row in table.rows]
    assert [len(row) for row in cells] == [5, 5, 5]
    assert cells[1][3] == "- Các sở, ban, ngành có liên quan; - UBND các huyện"
    assert cells[2][2] == ("Các cơ quan, đơn vị, tổ chức, cá nhân được giao nhiệm vụ có liên "
                           "quan đến trồng cây")
    record = process(path)
    rows = [t for t in record.tasks if t.id.startswith("bảng")]
    assert [t.deadline and str(t.deadline.date) for t in rows] == ["2026-06-30", "2026-09-30"]
    assert [o.name for o in rows[0].owners] == ["Sở Xây dựng"]


CENTRED_ROWS = [
    ("TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn"),
    ("1", "Rà soát quy hoạch hệ thống cây xanh đô thị đến năm 2030, tầm nhìn đến năm 2035 "
     "gắn với phát triển hạ tầng xanh", "Sở Xây dựng",
     "- Các sở, ban, ngành có liên quan;\n- UBND các huyện", "Quý II/2026"),
    ("2", "Thực hiện Tết trồng cây", "UBND các huyện, thành phố", "- Các sở, ban, ngành",
     "Hằng năm"),
    ("3", "Ứng dụng khoa học trong lựa chọn loại cây, vị trí trồng theo quy hoạch và đề án "
     "được phê duyệt phù hợp với tình hình thực tiễn",
     "Các cơ quan, đơn vị, tổ chức, cá nhân được giao nhiệm vụ có liên quan đến trồng cây",
     "- Các sở, ban, ngành;\n- UBND các huyện", "Trước 30/9/2026"),
    ("4", "Trình Ủy ban nhân dân tỉnh ban hành Đề án bảo vệ cây xanh",
     "Sở Nông nghiệp và Môi trường", "Sở Tài chính", "Tháng 11/2026"),
]
CENTRED_TASKS = [
    (["Sở Xây dựng"], "2026-06-30"),
    (["Ủy ban nhân dân các huyện, thành phố"], None),
    (["Các cơ quan, đơn vị, tổ chức, cá nhân được giao nhiệm vụ có liên quan đến trồng cây"],
     "2026-09-30"),
    (["Sở Nông nghiệp và Môi trường"], "2026-11-30"),
]


@pytest.mark.parametrize("state", ["clean", "stripped"])
def test_a_table_centred_in_its_rows_reads_the_same_from_the_file_and_its_layout_text(
        tmp_path, state):
    # Cells set in the middle of their rows' heights and headers centred over their
    # columns (Word's "centre" alignment). `pdftotext -layout` gives each row's task lines
    # above and below the line with its number, and the headers' words stand far right of
    # the tasks' starts: the columns are the runs the rows' text covers, between gutters
    # every row leaves blank, and a row runs as far below its number as it began above.
    from tests.states import STATES
    from vanban import process, process_text

    path = render.table_pdf("KẾ HOẠCH\nTrồng và bảo vệ cây xanh năm 2026\n\nII. NHIỆM VỤ",
                            CENTRED_ROWS, tmp_path / "plan.pdf", rules=True, centred=True)
    layout = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                            text=True, check=True).stdout
    for record in (process(path), process_text(STATES[state](layout))):
        rows = [t for t in record.tasks if t.id.startswith("bảng")]
        read = [([o.name for o in t.owners], t.deadline and str(t.deadline.date)) for t in rows]
        if state == "clean":
            assert read == CENTRED_TASKS
        else:
            assert [d for _, d in read] == [d for _, d in CENTRED_TASKS]
            assert len(rows) == 4 and all(len(t.owners) == 1 for t in rows)


def test_shaded_lines_in_a_bordered_paragraph_are_no_table(tmp_path):
    # Word draws a bordered paragraph's sides as rules and fills each shaded line with a
    # box, a highlighted word with another: read as cells, they made a table of the whole
    # letter, one "row" a line, and its items' owners and deadlines came out in pieces. A
    # box that is only filled draws no border.
    from vanban import process

    first = [
        "Để triển khai thực hiện có hiệu quả Kế hoạch số 12/KH-UBND ngày 05/01/2026 của "
        "Ủy ban nhân dân tỉnh, Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị thực hiện "
        "các nhiệm vụ cụ thể như sau:",
        "1. Sở Xây dựng chủ trì rà soát quy hoạch hệ thống cây xanh đô thị, đề xuất danh "
        "mục các tuyến đường cần trồng bổ sung, hoàn thành trước ngày 30/6/2026.",
        "2. Sở Nông nghiệp và Môi trường chủ trì hướng dẫn các địa phương lựa chọn loại "
        "cây phù hợp với điều kiện tự nhiên, tổ chức kiểm tra việc chăm sóc cây xanh trên "
        "các tuyến đường, tổng hợp những khó khăn, vướng mắc của các địa phương và báo cáo "
        "kết quả thực hiện về Ủy ban nhân dân tỉnh, đồng thời gửi Sở Tài chính để",
    ]
    second = [
        "tổng hợp trước ngày 30/9/2026.",
        "3. Sở Tài chính bố trí kinh phí thực hiện, hoàn thành trước ngày 31/7/2026.",
    ]
    path = render.shaded_pages_pdf([first, second], tmp_path / "cv.pdf")
    document = load(path)
    assert document.tables == []
    assert "| " not in document.text
    record = process(path)
    due = {(t.deadline and str(t.deadline.date), tuple(o.name for o in t.owners))
           for t in record.tasks}
    assert due == {("2026-06-30", ("Sở Xây dựng",)),
                   ("2026-09-30", ("Sở Nông nghiệp và Môi trường",)),
                   ("2026-07-31", ("Sở Tài chính",))}


@pytest.mark.parametrize("centred", [False, True], ids=["top", "centred"])
def test_a_table_without_borders_in_a_text_layer_is_read_row_by_row(tmp_path, centred):
    # No rules drawn: read as blocks, its columns came one after another (the numbers,
    # then the tasks, then the owners) and no row kept its owner and time. The strips
    # that no word of any row covers part its columns; each row is written as a line with
    # each column's words where the column starts, as `pdftotext -layout` lays it out.
    from vanban import process

    rows = CENTRED_ROWS if centred else [("TT", *TABLE_ROWS[0][1:]), *TABLE_ROWS[1:]]
    path = render.table_pdf("KẾ HOẠCH\nTrồng cây và chống khai thác hải sản năm 2026\n\n"
                            "II. NHIỆM VỤ", rows, tmp_path / "plan.pdf", rules=True,
                            centred=centred, borders=False)
    record = process(path)
    read = [([o.name for o in t.owners], t.deadline and str(t.deadline.date))
            for t in record.tasks if t.id.startswith("bảng")]
    assert read == (CENTRED_TASKS if centred else [
        (["Sở Nông nghiệp và Phát triển nông thôn"], "2024-06-15"),
        (["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"], "2024-06-30"),
        (["Ủy ban nhân dân các huyện, thị xã, thành phố"], "2024-07-31")])
    # every word keeps its own box: the owner's evidence is the cell's, not the row's
    owner = next(t for t in record.tasks if t.id.startswith("bảng")).owners[0]
    (box,) = owner.evidence.boxes
    assert box[2] - box[0] < 100
