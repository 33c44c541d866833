"""A black seal found by its rings, and the signature block under it read again where
the page's reading lost it: real Tesseract on a rendered page with a seal drawn (a grey
seal, whitened as lighter than the print, is in test_signature_block.py)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from vanban.ingest import ocr, seal, signature_block

sys.path.insert(0, str(Path(__file__).parent))
import render

DPI = 300


def _stamp(image: Image.Image, centre: tuple[int, int]) -> Image.Image:
    """A seal as a black-and-white scan keeps it: two rings, letters round between them."""
    stamped = image.convert("L").copy()
    draw = ImageDraw.Draw(stamped)
    cx, cy = centre
    for radius, width in ((225, 9), (165, 5)):
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=0,
                     width=width)
    font = ImageFont.truetype(str(render.FONT_DIR / "LiberationSerif-Bold.ttf"), 40)
    for k, letter in enumerate("ỦY BAN NHÂN DÂN TỈNH"):  # round its left side
        angle = math.radians(110 + k * 8)
        x, y = cx + 195 * math.cos(angle), cy + 195 * math.sin(angle)
        draw.text((x, y), letter, font=font, fill=0, anchor="mm")
    return stamped


def _page(tmp_path) -> Image.Image:
    return render.rasterise(render.render_pdf(render.SAMPLE, tmp_path / "cv.pdf"), dpi=DPI)[0]


def _word(words, text):
    return next(w for w in words if w.text == text)


def test_a_seals_rings_are_found_and_taken_out(tmp_path):
    page = _page(tmp_path)
    assert seal.find(page, dpi=DPI) is None  # print has no rings
    stamped = _stamp(page, (1500, 2000))
    found = seal.find(stamped, dpi=DPI)
    assert found is not None
    cx, cy, rings = found
    assert abs(cx - 1500) <= 8 and abs(cy - 2000) <= 8
    assert min(rings) <= 170 and max(rings) >= 220
    cleaned = seal.without(stamped, found)
    assert seal.find(cleaned, dpi=DPI) is None
    # the paper beyond the seal is untouched
    assert cleaned.getpixel((100, 100)) == stamped.getpixel((100, 100))


def test_a_signature_block_lost_under_a_black_seal_is_read_again(tmp_path):
    page = _page(tmp_path).convert("L")
    words = ocr.recognise(page, lang="vie", dpi=DPI, timeout=120).words
    label = _word(words, "nhận:")
    title = _word(words, "KT.")
    # a seal over the block's left edge, as a black-and-white scan keeps it
    stamped = _stamp(page, (title.left - 150, title.top + 200))
    # the page's reading lost everything right of the recipients from the label down
    lost = [w for w in words if w.top >= label.top - 60 and w.left > page.size[0] * 0.5]
    assert [w.text for w in lost][-3:] == ["Trần", "Phước", "Hiền"]
    kept = [w for w in words if w not in lost]
    again = signature_block.reread(stamped, kept, lang="vie", dpi=DPI, timeout=120)
    added = " ".join(w.text for w in again[len(kept):])
    # (the ring crosses the title's and the name's first letters: those may stay lost)
    assert "KT. CHỦ TỊCH" in added and "CHỦ TỊCH" in added.split("KT. CHỦ TỊCH", 1)[1]
    assert "Phước Hiền" in added
    # the words read again are a block of their own, each line ordered left to right
    assert len({w.block for w in again[len(kept):]}) == 1
    # a block read well on a page without a seal reads the same again
    again = signature_block.reread(page, words, lang="vie", dpi=DPI, timeout=120)
    assert sorted(w.text for w in again) == sorted(w.text for w in words)
