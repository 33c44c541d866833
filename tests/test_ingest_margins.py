"""Notes in a scan's left margin kept out of the text: real Tesseract on a rendered page,
its reading given the weak words a reader's handwriting leaves beside the lines."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from vanban import process_document
from vanban.ingest import ocr
from vanban.ingest.margins import drop_margin_notes
from vanban.models.document import Document, Page

sys.path.insert(0, str(Path(__file__).parent))
import render


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    pdf = render.render_pdf(render.SAMPLE, tmp_path_factory.mktemp("margins") / "cv.pdf")
    image = render.rasterise(pdf)[0]
    return image.size[0], ocr.recognise(image, lang="vie", dpi=300, timeout=120).words


def _first(words, text):
    return next(w for w in words if w.text == text)


def _note(beside, text, *, left, confidence=30.0):
    """A weak word on the line of `beside`, at `left` pixels from the page's edge."""
    return replace(beside, text=text, left=left, width=60, confidence=confidence)


def _text(words):
    lines: dict[tuple[int, int, int], list[str]] = {}
    for w in sorted(words, key=lambda w: (w.block, w.paragraph, w.line, w.left)):
        lines.setdefault((w.block, w.paragraph, w.line), []).append(w.text)
    return "\n".join(" ".join(line) for line in lines.values())


def test_notes_glued_before_the_number_and_the_addressees_are_dropped(page):
    width, words = page
    number, kinh = _first(words, "Số:"), _first(words, "Kính")
    noted = [_note(number, "zÌ", left=8), _note(kinh, "tạ", left=10, confidence=45),
             _note(kinh, "sử", left=90, confidence=20), *words]
    kept = drop_margin_notes(noted, width)
    assert kept == words
    record = process_document(Document(kind="image", pages=[
        Page(number=1, text=_text(kept), method="ocr")]))
    assert record.number == "1288/UBND-KTTH"
    assert [a.name for a in record.addressees][:1] == ["Sở Nông nghiệp và Phát triển nông thôn"]


def test_without_the_filter_the_notes_hide_the_header_parts(page):
    """The failure the filter exists for, so the test above can fail."""
    _, words = page
    number = _first(words, "Số:")
    noted = [_note(number, "zÌ", left=8), *words]
    record = process_document(Document(kind="image", pages=[
        Page(number=1, text=_text(noted), method="ocr")]))
    assert record.number != "1288/UBND-KTTH"


def test_print_read_weakly_stays_in_the_margin_too(page):
    """A last page's foot stands left of its body: "Như" read at 60 is still print."""
    width, words = page
    number = _first(words, "Số:")
    syllable = _note(number, "Như", left=8, confidence=60)
    assert syllable in drop_margin_notes([syllable, *words], width)


def test_a_page_with_too_few_sure_lines_is_left_as_read(page):
    width, words = page
    weak = [replace(w, confidence=40.0) for w in words]
    noted = [_note(weak[0], "zÌ", left=8), *weak]
    assert drop_margin_notes(noted, width) == noted
