"""A blank scanned page is recognised as blank from its pixels and never sent to Tesseract."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tests import render
from vanban import process
from vanban.ingest import scan
from vanban.ingest.blank import is_blank

A4_300DPI = (2480, 3508)
FONT = render.FONT_DIR / "LiberationSerif-Regular.ttf"


def _page(lines: list[str], *, ink: int = 0) -> Image.Image:
    page = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 54)  # 13 pt at 300 dpi
    for i, line in enumerate(lines):
        draw.text((300, 400 + 80 * i), line, fill=ink, font=font)
    return page


def test_white_pages_through_a_cheap_scanner_are_blank() -> None:
    for seed in range(3):
        assert is_blank(render.degrade(_page([]), **render.HARD, seed=seed))
        assert is_blank(render.degrade(_page([]), **render.SCAN, seed=seed))


def test_show_through_from_the_back_of_the_sheet_is_blank() -> None:
    faint = _page(["ỦY BAN NHÂN DÂN TỈNH", "Số: 12/UBND-NC"] * 10, ink=215)
    assert is_blank(render.degrade(faint, **render.SCAN))


def test_a_page_with_one_short_line_is_not_blank() -> None:
    for line in ("Trang 2", "Số: 12", "Nơi nhận:"):
        assert not is_blank(render.degrade(_page([line]), **render.HARD))


def test_blank_page_of_a_scan_is_skipped_and_said(tmp_path: Path) -> None:
    text = _page(["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 12/UBND-NC",
                  "Giao Sở Nội vụ chủ trì thực hiện."])
    pages = [render.degrade(text, **render.SCAN), render.degrade(_page([]), **render.SCAN)]
    record = process(render.images_to_pdf(pages, tmp_path / "scan.pdf"))
    first, second = record.provenance.pages
    assert first.chars > 20 and scan.BLANK_PAGE not in first.warnings
    assert second.chars == 0 and second.warnings == [scan.BLANK_PAGE]
    assert "12/UBND-NC" in record.text
