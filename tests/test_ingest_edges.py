"""A scan's dark edge read as strokes, and where a signature block begins (the eighteenth
round's real scans: a copy whose paper edge Tesseract read as "|" at the end of every
line, "phòng, chống |" in an addressee; recipients' lines that run past the page's
middle, and a signer's name an OCR put in a recipient's line)."""

from __future__ import annotations

from PIL import ImageDraw

from tests import render
from vanban import process
from vanban.ingest import margins, signature_block
from vanban.ingest.ocr import TsvWord


def _word(text: str, left: int, top: int, width: int = 0, line: int = 1) -> TsvWord:
    return TsvWord(text, left, top, width or 40 * len(text), 50, 95.0, 1, 1, line)


def test_strokes_on_the_papers_edge_are_dropped_and_strokes_inside_it_kept():
    size = (2480, 3508)
    words = [_word("chống", 2200, 500), _word("|", 2478, 500, 2),  # the right edge
             _word("|", 0, 900, 3), _word("l", 1200, 3506, 2),      # left edge, foot
             _word("|", 1240, 1200, 3), _word("1", 300, 1500, 20)]  # a rule, a digit
    kept = [w.text for w in margins.drop_edge_strokes(words, size)]
    assert kept == ["chống", "|", "1"]


def test_a_scans_dark_edge_gives_no_stroke_in_an_addressee(tmp_path):
    page = render.rasterise(render.render_pdf(render.SAMPLE, tmp_path / "cv.pdf"))[0]
    page = page.convert("L")
    width, height = page.size
    ImageDraw.Draw(page).rectangle((width - 3, 0, width, height), fill=0)  # the dark edge
    record = process(render.images_to_pdf([page], tmp_path / "scan.pdf"))
    names = [a.name for a in record.addressees]
    assert names[0] == "Sở Nông nghiệp và Phát triển nông thôn"
    assert not any("|" in name for name in names)
    assert "|" not in record.text


def test_the_block_begins_past_a_recipients_line_that_runs_past_the_middle():
    size = (2513, 3530)
    label = _word("Nơi", 388, 814)
    # "- Các Phó Chủ tịch UBND tỉnh (để chỉ đạo các sở, ngành phụ trách);": its last
    # words stand right of the middle, on the recipients' line
    texts = ["Các", "Phó", "Chủ", "tịch", "UBND", "tỉnh", "(để", "chỉ", "đạo", "các", "sở,",
             "ngành", "phụ", "trách);"]
    line = [_word("-", 390, 976, 12, line=3)] + [
        _word(t, 415 + 93 * k, 976, 80, line=3) for k, t in enumerate(texts)]
    left = signature_block._block_left([label, *line], label, 1520, size[0])
    assert left == round(0.6 * size[0])  # past the line, as far as a block may begin


def test_a_name_the_ocr_put_in_a_recipients_line_stays_in_the_block():
    size = (2482, 3449)
    label = _word("Nơi", 300, 2400)
    # "- Lưu: VT, P6." and, far right on the same line, the signer's rank and name
    line = [_word("-", 300, 2700, 12, line=5), _word("Lưu:", 330, 2700, line=5),
            _word("VT,", 500, 2700, line=5), _word("Thiếu", 1480, 2700, line=5),
            _word("tướng", 1700, 2700, line=5)]
    assert signature_block._block_left([label, *line], label, 3100, size[0]) < 1480
