"""A ruled task table on a scanned page reaches extraction as its cells.

The fixture is a plan's annex drawn with its grid as lines, rasterised at a scanner's
low resolution, tilted a little and speckled; the real Tesseract reads it through the
real ingest.
"""

from __future__ import annotations

import render
from PIL import Image, ImageDraw

from vanban import process
from vanban.ingest import image_rules, load, ruled_tables

DPI = 200
ROWS = [
    ("STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
    ("1", "Số hóa sổ hộ tịch lưu trữ tại cấp xã", "Sở Tư pháp", "UBND các huyện",
     "Tháng 9/2027"),
    ("2", "Tập huấn sử dụng chữ ký số cho công chức cấp xã", "Sở Nội vụ", "Sở Tài chính",
     "Quý IV/2027"),
    ("3", "Kiểm tra an toàn thực phẩm tại các chợ đầu mối", "Sở Y tế", "Công an tỉnh",
     "Trước 15/11/2027"),
]


def _page(tmp_path) -> Image.Image:
    pdf = render.table_pdf("KẾ HOẠCH\nCải cách hành chính năm 2027\n\nII. NHIỆM VỤ", ROWS,
                           tmp_path / "plan.pdf", rules=True)
    return render.rasterise(pdf, dpi=DPI)[0]


def _grids(image: Image.Image) -> list[ruled_tables.Grid]:
    rules = image_rules.find(image, dpi=DPI)
    return ruled_tables.rule_grids(*rules.segments(), near=ruled_tables.NEAR * DPI / 72)


def test_a_scanned_task_table_is_read_cell_by_cell(tmp_path):
    scan = render.degrade(_page(tmp_path), tilt=0.6, noise=10, dpi=DPI)
    path = tmp_path / "annex.png"
    scan.save(path, dpi=(DPI, DPI))

    (page,) = load(path).pages
    assert page.method == "ocr"
    (table,) = page.tables
    cells = [[page.text[c[0] : c[1]] if c else "" for c in row] for row in table.rows]
    assert len(cells) == 4 and {len(row) for row in cells} == {5}
    # the vertical rules were taken out before OCR: no "|" or "I" beside a cell's words
    assert [row[2] for row in cells[1:]] == ["Sở Tư pháp", "Sở Nội vụ", "Sở Y tế"]
    assert [row[4] for row in cells[1:]] == ["Tháng 9/2027", "Quý IV/2027", "Trước 15/11/2027"]

    rows = [t for t in process(path).tasks if t.id.startswith("bảng")]
    assert [([o.name for o in t.owners], t.deadline and str(t.deadline.date)) for t in rows] == [
        (["Sở Tư pháp"], "2027-09-30"),
        (["Sở Nội vụ"], "2027-12-31"),
        (["Sở Y tế"], "2027-11-15"),
    ]
    assert [c.name for c in rows[2].co_owners] == ["Công an tỉnh"]
    # evidence points at the cell's own words, not at the whole row
    xs = _grids(scan)[0].xs
    (box,) = rows[0].owners[0].evidence.boxes
    assert xs[2] < box[0] < box[2] < xs[3]


def test_a_mark_put_back_after_ocr_keeps_the_tables_cells(tmp_path, monkeypatch):
    # the cells are found by their rows' text as read: a mark put back must come after
    from vanban.normalize import tone_repair

    monkeypatch.setattr(tone_repair, "repaired", lambda text: text.replace("Nội vụ", "Nội vũ"))
    path = tmp_path / "annex.png"
    render.degrade(_page(tmp_path), noise=10, dpi=DPI).save(path, dpi=(DPI, DPI))
    (page,) = load(path).pages
    (table,) = page.tables
    assert page.text[slice(*table.rows[2][2])] == "Sở Nội vũ"


def test_broken_rules_and_a_scanner_streak_still_make_the_same_grid(tmp_path):
    page = _page(tmp_path)
    (clean,) = _grids(page)
    assert len(clean.xs) == 6 and len(clean.ys) == 5
    damaged = page.copy()
    draw = ImageDraw.Draw(damaged)
    # a dirty sensor's line through the whole page, across the task column's words
    streak = round((clean.xs[1] + clean.xs[2]) / 2)
    draw.line([(streak, 0), (streak, damaged.height)], fill=0, width=2)
    # every rule broken here and there, as a faint print or a 1-bit scan breaks them
    for x in clean.xs:
        for y in range(round(clean.ys[0]) + 20, round(clean.ys[-1]), 60):
            draw.line([(x - 3, y), (x + 3, y + 3)], fill=255, width=4)
    for y in clean.ys:
        for x in range(round(clean.xs[0]) + 25, round(clean.xs[-1]), 90):
            draw.line([(x, y - 3), (x + 3, y + 3)], fill=255, width=4)
    (grid,) = _grids(render.degrade(damaged, noise=10, dpi=DPI))
    assert len(grid.xs) == len(clean.xs) and len(grid.ys) == len(clean.ys)
    assert all(abs(a - b) <= 3 for a, b in zip(grid.xs + grid.ys, clean.xs + clean.ys,
                                                strict=True))


def test_underlines_a_signature_and_a_seal_are_no_table(tmp_path):
    page = render.rasterise(render.render_pdf(render.SAMPLE, tmp_path / "cv.pdf"), dpi=DPI)[0]
    draw = ImageDraw.Draw(page)
    width, height = page.size
    draw.line([(width * 0.6, 300), (width * 0.85, 300)], fill=0, width=2)  # under the motto
    draw.line([(width * 0.1, 330), (width * 0.3, 330)], fill=0, width=2)
    draw.ellipse([width * 0.55, height * 0.7, width * 0.8, height * 0.7 + width * 0.25],
                 outline=0, width=6)  # a seal's ring
    draw.line([(width * 0.6, height * 0.78), (width * 0.7, height * 0.76),
               (width * 0.68, height * 0.8), (width * 0.85, height * 0.77)], fill=0, width=3)
    draw.line([(width * 0.45, 0), (width * 0.45, height)], fill=0, width=2)  # a streak
    draw.rectangle([width * 0.1, height * 0.85, width * 0.4, height * 0.9], outline=0,
                   width=2)  # a box around a note: a frame, not a table
    assert _grids(page) == []


def test_a_cells_words_follow_the_ocr_lines_and_leave_the_grids_stubs_out():
    from vanban.ingest.layout import Line, Token

    grid = ruled_tables.Grid([0, 40, 400, 500, 600], [0, 30, 200])
    # two lines of a wide cell on a page tilted a little: the first line's last word sits
    # lower than the second line's first word; Tesseract read the rule as "|" and "—"
    first = Line([Token("1", 10, 60, 20, 80), Token("Rà", 50, 50, 80, 70),
                  Token("soát", 90, 53, 150, 73), Token("|", 398, 40, 402, 90),
                  Token("hồ", 300, 66, 340, 86), Token("sơ", 350, 67, 390, 87)])
    second = Line([Token("cấp", 50, 80, 90, 100), Token("xã", 100, 82, 130, 102)])
    owner = Line([Token("Sở", 410, 60, 440, 80), Token("Tư", 445, 60, 470, 80),
                  Token("—", 500, 25, 530, 40)])
    wrapped = Line([Token("pháp", 410, 90, 460, 110)])
    _, (rows,) = ruled_tables.tabulate_rows([first, second, owner, wrapped], [grid],
                                            read=True)
    assert rows == ["| 1 | Rà soát hồ sơ cấp xã | Sở Tư pháp |  |"]
