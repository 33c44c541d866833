"""The Tesseract helper (`ingest/tesseract_helper.py`) reads as the `tesseract` program does.

A helper process keeps each model loaded from one reading to the next; every reading
must be the program's own: the same words, boxes, confidences and stderr, a page read
alone or among the pages of one request, with a whitelist or without, and a timeout
still ends the reading with the same error.
"""

from __future__ import annotations

import pytest
import render

from vanban.errors import OcrError
from vanban.ingest import ocr

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    pdf = render.render_pdf(render.SAMPLE, tmp_path_factory.mktemp("helper") / "s.pdf")
    image = render.rasterise(pdf, dpi=200)[0]
    return render.degrade(image, **render.SCAN, seed=3)


def _both(monkeypatch, read):
    monkeypatch.setenv("VANBAN_TESSERACT", "program")
    program = read()
    monkeypatch.delenv("VANBAN_TESSERACT")
    return program, read()


def test_a_page_reads_as_the_program_reads_it(page, monkeypatch):
    program, helped = _both(monkeypatch, lambda: ocr.recognise(page, lang="vie", dpi=200,
                                                               timeout=60))
    assert program.words and helped.words == program.words
    assert helped.warnings == program.warnings
    assert not ocr._unhelped


def test_crops_read_together_with_a_whitelist_as_the_program_reads_them(page, monkeypatch):
    crops = [page.crop((0, 0, 800, 300)), page.crop((600, 200, 1400, 500)), page]
    program, helped = _both(monkeypatch, lambda: ocr.recognise_pages(
        crops, lang="vie", dpi=200, timeout=60, psm=6, whitelist="0123456789"))
    assert [r.words for r in helped] == [r.words for r in program]
    assert any(r.words for r in helped)
    # and the whitelist is not left behind for the next reading
    again = ocr.recognise(page, lang="vie", dpi=200, timeout=60)
    assert any(not w.text.isdigit() for w in again.words)


def test_a_reading_past_its_time_is_a_timeout_and_the_next_one_reads(page):
    with pytest.raises(OcrError, match=r"took longer than 0\.01 s"):
        ocr.recognise(page, lang="vie", dpi=200, timeout=0.01)
    assert ocr.recognise(page, lang="vie", dpi=200, timeout=60).words
    assert ocr.helper_cpu() > 0


def test_a_scanned_pdf_loads_the_same_either_way(tmp_path, monkeypatch):
    from vanban.ingest import IngestOptions, load

    pdf = render.render_pdf(render.SAMPLE, tmp_path / "s.pdf")
    pages = [render.degrade(p, **render.SCAN, seed=n)
             for n, p in enumerate(render.rasterise(pdf)[:2])]
    scan = render.images_to_pdf(pages, tmp_path / "scan.pdf")

    def pages_of():
        document = load(scan, IngestOptions())
        return [(p.text, [(w.text, w.bbox) for w in p.words], p.warnings, p.tables)
                for p in document.pages]

    program, helped = _both(monkeypatch, pages_of)
    assert program[0][0] and helped == program
