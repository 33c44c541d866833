"""The PDF path's compiled loops (ingest/_pdfium_loops.c) read what the Python loops read.

The extension is optional: where it was not built, the readers run their Python loops
and the comparisons are skipped, except under CI, which installs the package with a C
compiler and must have built it. Each PDF is made here (a directive, a ruled table, an
e-signed draft whose stamps are signature appearances); the devset's files are compared
too where the shared folder is checked out.
"""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.compiled import on_ci, skip_unless_built
from vanban.ingest import IngestOptions, annotations, load, pdf, pdf_words, pdfium_calls

sys.path.insert(0, str(Path(__file__).parent))
import office_files
import render

NATIVE = pdfium_calls.loops
needs_built = skip_unless_built(NATIVE is not None, "the C extension")
DEVSET = render.SHARED / "devset" / "files"


@on_ci
def test_ci_builds_the_compiled_loops() -> None:
    assert NATIVE is not None


def _pdfs(tmp_path: Path) -> list[Path]:
    directive = render.render_pdf(render.SAMPLE, tmp_path / "directive.pdf")
    table = render.table_pdf("Phân công nhiệm vụ như sau:", [
        ("TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn"),
        ("1", "Rà soát, báo cáo kết quả thực hiện", "Sở Tài chính", "Các sở", "15/3/2024"),
        ("2", "Tổng hợp ý kiến", "Văn phòng", "", "Quý II"),
    ], tmp_path / "table.pdf", rules=True)
    signed = render.render_pdf(render.SAMPLE, tmp_path / "signed.pdf")
    left, _, baseline = office_files.word_box(signed, "Số:")
    office_files.stamp_signature_fields(signed, [
        ("1288", left + 30, baseline),
        ("Nguoi ky: Nguyen Van A\nCo quan: UBND tinh", left + 200, baseline - 300),
    ])
    return [directive, table, signed]


def _words(lines) -> list:
    return [[(t.text, t.x0, t.y0, t.x1, t.y1) for t in line.tokens] for line in lines]


def _read_each_way(path: Path, read, monkeypatch) -> tuple:
    monkeypatch.setattr(pdfium_calls, "loops", NATIVE)
    compiled = read(path)
    monkeypatch.setattr(pdfium_calls, "loops", None)
    plain = read(path)
    monkeypatch.setattr(pdfium_calls, "loops", NATIVE)
    return compiled, plain


def _page_reads(path: Path) -> list:
    """Per page: the words with boxes (stretched and as drawn), and the page's objects."""
    document = pdfium.PdfDocument(path)
    try:
        out = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            height = page.get_height()
            out.append((_words(pdf_words.lines(textpage, height)),
                        _words(pdf_words.lines(textpage, height, exact=True)),
                        pdf._objects(page)))
            textpage.close()
            page.close()
        return out
    finally:
        document.close()


def _document(path: Path) -> list:
    """The read document: each page's text, words with boxes, tables and warnings."""
    document = load(path, IngestOptions(ocr="never"))
    return [(page.text, [repr(w) for w in page.words],
             repr(page.tables), page.warnings) for page in document.pages]


@needs_built
def test_compiled_loops_read_the_pages_as_the_python_ones(tmp_path, monkeypatch) -> None:
    for path in _pdfs(tmp_path):
        compiled, plain = _read_each_way(path, _page_reads, monkeypatch)
        assert compiled == plain
        assert any(words for words, _, _ in compiled)
    # what the comparison covers: stretched boxes, a table's ruled lines as path boxes
    table = _page_reads(tmp_path / "table.pdf")[0]
    assert table[0] != table[1]
    assert len(table[2][2]) >= 4


@needs_built
def test_compiled_removal_leaves_the_appearances_alone(tmp_path, monkeypatch) -> None:
    signed = _pdfs(tmp_path)[2]
    compiled, plain = _read_each_way(signed, _document, monkeypatch)
    assert compiled == plain
    text = compiled[0][0]
    assert "Nguoi ky: Nguyen Van" in text  # the signature box, read before the page

    def appearance_lines(path: Path) -> list:
        document = pdfium.PdfDocument(path)
        page = document[0]
        try:
            return _words(annotations._appearance_lines(document, 0, page, page.get_height()))
        finally:
            page.close()
            document.close()

    compiled, plain = _read_each_way(signed, appearance_lines, monkeypatch)
    assert compiled == plain
    # only what the appearances draw: none of the page's own words is left
    assert {w[0] for line in compiled for w in line} == {
        "1288", "Nguoi", "ky:", "Nguyen", "Van", "A", "Co", "quan:", "UBND", "tinh"}


@needs_built
@pytest.mark.skipif(not DEVSET.is_dir(), reason="shared/devset not checked out")
def test_compiled_loops_read_the_devset_files_as_the_python_ones(monkeypatch) -> None:
    for path in sorted(DEVSET.glob("*.pdf")):
        compiled, plain = _read_each_way(path, _document, monkeypatch)
        assert compiled == plain, path.name


def test_page_words_refuse_a_box_too_small() -> None:
    if NATIVE is None:
        pytest.skip("the C extension was not built")
    with pytest.raises(ValueError):
        NATIVE.page_words(1, 1, "một hai", 800.0, bytearray(8), 2.0)
    with pytest.raises(TypeError):
        NATIVE.page_words(1, 1, b"not text", 800.0, (ctypes.c_double * 4)(), 2.0)
    assert NATIVE.page_words(1, 1, "\n\r\ufffe \n", 800.0, (ctypes.c_double * 4)(), 2.0) == []


def _random_rows(rng) -> list:
    """Rows of words at random places, some on a few shared column starts (so runs of
    rows part into columns), some opening with a row number."""
    from vanban.ingest.layout import Line, Token

    starts = sorted(rng.sample(range(20, 500, 10), rng.randint(2, 6)))
    rows, y = [], 50.0
    for _ in range(rng.randint(1, 30)):
        tokens = []
        for x in starts if rng.random() < 0.7 else sorted(rng.sample(range(20, 500), 5)):
            if rng.random() < 0.2:
                continue
            text = rng.choice(["1", "2.", "IV", "a)", "Sở", "Tài", "15/3"])
            tokens.append(Token(text, float(x), y, x + rng.uniform(2, 40), y + 10))
        if tokens:
            rows.append([Line(tokens)])
        y += rng.choice([12.0, 14.0, 40.0])
    return rows


@needs_built
def test_compiled_table_search_finds_what_the_python_one_finds(monkeypatch) -> None:
    import random

    from vanban.ingest import open_tables

    rng = random.Random(7)
    found = 0
    for _ in range(100):
        rows = _random_rows(rng)
        for strip in (0.0, 0.6):
            monkeypatch.setattr(pdfium_calls, "loops", NATIVE)
            compiled = open_tables.bands(rows, 10.0, strip=strip)
            monkeypatch.setattr(pdfium_calls, "loops", None)
            assert open_tables.bands(rows, 10.0, strip=strip) == compiled
            found += bool(compiled)
    assert found > 30  # what the comparison covers: runs found, and not found


_PIECES = ["thuộcThành", "eKYC", "VNeID", "QĐ-TTg", "ĐÂY", "Số", "về", "việcXây", "ǅa", "x",
           "23/2024/TT-\ufffe", "\ufffe", " ", "  ", "\t", "\xa0", "\u2028", "\n", "\r\n", "12",
           "hộiDoanhNghiệp", "abcDe", "ỦY", "Ban"]


@needs_built
def test_compiled_page_words_cut_and_box_as_the_python_ones(monkeypatch) -> None:
    import random

    @ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, *[ctypes.c_void_p] * 4)
    def charbox(_page, index, left, right, bottom, top):  # a box of each character's own
        for at, value in zip((left, right, bottom, top), (
                5.0 * index + index % 3, 5.0 * index + 4 + index % 7, 700.0 - index // 40,
                710.0 - index // 40), strict=True):
            ctypes.c_double.from_address(at).value = value
        return index % 11 != 5  # a failed call leaves the box as it was

    class Page:
        def __init__(self, text: str) -> None:
            self.text = text

        def get_text_range(self) -> str:
            return self.text

    monkeypatch.setattr(pdfium_calls, "charbox", lambda: charbox)
    monkeypatch.setattr(pdfium_calls, "handle", lambda _page: ctypes.c_void_p(8))
    rng = random.Random(3)
    for _ in range(200):
        page = Page("".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40))))
        for exact in (False, True):
            compiled, plain = _read_each_way(
                page, lambda p, exact=exact: _words(pdf_words.lines(p, 842.0, exact=exact)),
                monkeypatch)
            assert compiled == plain, page.text
