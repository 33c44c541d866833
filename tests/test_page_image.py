"""A scanned page's own image is decoded instead of drawn again, only when it is the page."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from tests import render
from vanban.ingest.page_image import embedded_scan

LETTER = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/UBND-NC\nGiao Sở Nội vụ chủ trì.\n"


@pytest.fixture(scope="module")
def scan_page(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("scan")
    page = render.rasterise(render.render_pdf(LETTER, folder / "letter.pdf"))[0]
    image = render.degrade(page, **render.SCAN)
    return image, render.images_to_pdf([image], folder / "scan.pdf")


def _first_page(path: Path):
    return pdfium.PdfDocument(str(path))[0]


def test_a_scanners_page_gives_its_own_pixels(scan_page) -> None:
    source, pdf = scan_page
    image = embedded_scan(_first_page(pdf), dpi=300)
    assert image is not None and image.size == source.size
    assert image.info["dpi"] == (300, 300)
    difference = np.abs(np.asarray(image, np.int16) - np.asarray(source, np.int16))
    assert difference.mean() < 3  # only the JPEG the PDF stored it as


def test_another_resolution_is_left_to_rendering(scan_page) -> None:
    _, pdf = scan_page
    assert embedded_scan(_first_page(pdf), dpi=200) is None


def test_a_born_digital_page_is_drawn(tmp_path: Path) -> None:
    pdf = render.render_pdf(LETTER, tmp_path / "letter.pdf")
    assert embedded_scan(_first_page(pdf), dpi=300) is None


def test_a_bilevel_scan_is_drawn(scan_page, tmp_path: Path) -> None:
    source, _ = scan_page
    path = tmp_path / "bilevel.pdf"
    source.convert("1").save(path, "PDF", resolution=300)
    assert embedded_scan(_first_page(path), dpi=300) is None
