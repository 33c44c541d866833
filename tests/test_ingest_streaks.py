"""A scanner's streak (a dirty sensor's line down every page) is painted out before OCR.

The fixture is a rendered letter with a black line drawn from the top of the page to
the bottom through the day of its date, scanned with a little noise; the real Tesseract
reads it through the real ingest.
"""

from __future__ import annotations

import numpy as np
import render
from PIL import Image, ImageDraw

from vanban import process
from vanban.ingest import image_rules

DPI = 300


def _streaked(tmp_path, width: int) -> tuple[Image.Image, float]:
    """The letter's page with a streak through the "1" of "ngày 12", and the streak's x."""
    pdf = render.render_pdf(render.SAMPLE, tmp_path / "cv.pdf")
    page = render.rasterise(pdf, dpi=DPI)[0]
    x0, _, x1, _ = render.text_box(pdf, "12 tháng", dpi=DPI)
    x = x0 + (x1 - x0) * 0.08
    ImageDraw.Draw(page).rectangle((x, 0, x + width - 1, page.size[1]), fill=0)
    return page, x


def test_a_streak_is_found_and_a_tables_border_is_not(tmp_path):
    page, x = _streaked(tmp_path, 4)
    (streak,) = image_rules.find(page, dpi=DPI).streaks
    assert abs(streak.at * 2 - x) < 6  # found on a half-size copy

    table = render.rasterise(render.table_pdf("KẾ HOẠCH", [("STT", "Nội dung"), ("1", "Báo cáo")],
                                              tmp_path / "t.pdf", rules=True), dpi=DPI)[0]
    rules = image_rules.find(table, dpi=DPI)
    assert rules.vertical and not rules.streaks


def test_a_painted_out_streak_leaves_paper_and_bridges_the_strokes_it_crossed(tmp_path):
    page, x = _streaked(tmp_path, 4)
    page.info["dpi"] = (DPI, DPI)
    clean = np.asarray(image_rules.without_streaks(page, image_rules.find(page, dpi=DPI)))
    column = clean[:, round(x) + 1]
    assert (column > 128).mean() > 0.97  # paper again, nearly all the way down
    assert (column < 128).any()  # but the strokes of the words it crossed are joined


def test_the_day_a_streak_ran_through_is_read(tmp_path):
    page, _ = _streaked(tmp_path, 5)
    path = tmp_path / "scan.png"
    render.degrade(page, noise=8, jpeg=70).save(path, dpi=(DPI, DPI))
    record = process(path)
    assert str(record.date) == "2024-03-12"  # before: no date (the streak read as "|")
    assert record.number == "1288/UBND-KTTH"
