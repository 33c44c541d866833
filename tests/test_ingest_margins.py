"""Notes in a scan's left margin kept out of the text: real Tesseract on a rendered page,
its reading given the weak words a reader's handwriting leaves beside the lines."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from vanban import process_document
from vanban.ingest import ocr
from vanban.ingest.ghosts import drop_doubled_letters
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


def test_a_stamps_box_read_as_one_run_of_marks_past_the_edge_is_dropped(page):
    # a received stamp in the margin beside the subject, read as one word of no confidence
    # that reaches into the text column ("_sảcỗleLBENHJG0MPM" on a real scan)
    width, words = page
    kinh = _first(words, "Kính")
    stamp = replace(kinh, text="_sảcỗleLBENH", left=8, width=kinh.left + 200, confidence=0.0)
    assert drop_margin_notes([stamp, *words], width) == words
    # a weak word the OCR read as letters, reaching into the column, stays
    worded = replace(stamp, confidence=20.0)
    assert worded in drop_margin_notes([worded, *words], width)


def test_letters_read_twice_beside_their_word_are_dropped(page):
    # "trợ" with a second "ợ" over its end, and "C" alone touching "Cai" (whose box then
    # holds "ai"): a real scan's subject line read "hỗ trợ tỉnh Lào ợ / C Cai"
    _, words = page
    kinh = _first(words, "Kính")
    height = kinh.height
    tail = replace(kinh, text="h", left=kinh.left + kinh.width - 15, width=18, confidence=70.0)
    head = replace(kinh, text="K", left=kinh.left - 30, width=28, confidence=70.0)
    assert drop_doubled_letters([tail, head, *words]) == words
    # a letter set apart by a space, as print sets words, stays
    apart = replace(head, left=kinh.left - 28 - height)
    assert apart in drop_doubled_letters([apart, *words])
