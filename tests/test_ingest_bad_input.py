"""Bad input: each kind fails with its own error and a message naming the problem,
and the other files of the same `vanban extract` run are still processed."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from PIL import Image

from vanban import errors
from vanban.ingest import IngestOptions, load

sys.path.insert(0, str(Path(__file__).parent))
import render


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _png(size=(40, 20), mode="L") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 255).save(buffer, "PNG")
    return buffer.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="secret")
    pdf.set_encryption(owner_password="owner", user_password="user")
    return bytes(pdf.output())


def _zero_page_pdf(tmp_path: Path) -> bytes:
    target = tmp_path / "zero-src.pdf"
    pdfium.PdfDocument.new().save(str(target))
    return target.read_bytes()


def _truncated_pdf(tmp_path: Path) -> bytes:
    source = render.render_pdf(render.SAMPLE, tmp_path / "whole.pdf")
    data = source.read_bytes()
    return data[: len(data) // 2]


CASES = [
    ("empty.pdf", lambda t: b"", errors.EmptyFileError, "empty file (0 bytes)"),
    ("garbage.pdf", lambda t: bytes(range(256)) * 8, errors.UnsupportedFormatError,
     "unsupported content (binary data of unknown format)"),
    ("scan.gif", lambda t: b"GIF89a" + b"\0" * 40, errors.UnsupportedFormatError,
     "unsupported content (GIF image)"),
    ("old.doc", lambda t: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
     errors.UnsupportedFormatError, "unsupported content (legacy Office document (.doc/.xls))"),
    ("files.zip", lambda t: _zip({"a.txt": b"x"}), errors.UnsupportedFormatError,
     "unsupported content (ZIP archive)"),
    ("sheet.docx", lambda t: _zip({"xl/workbook.xml": b"<x/>"}), errors.UnsupportedFormatError,
     "unsupported content (Excel workbook (.xlsx))"),
    ("broken.docx", lambda t: _zip({"word/document.xml": b"<not xml"}), errors.CorruptFileError,
     "DOCX cannot be read"),
    ("locked.pdf", lambda t: _encrypted_pdf(), errors.EncryptedPdfError,
     "PDF is encrypted and needs a password"),
    ("zero.pdf", _zero_page_pdf, errors.CorruptFileError, "PDF has no pages"),
    # cut inside the fonts every page needs: repair finds the pages but none can be read
    ("truncated.pdf", _truncated_pdf, errors.CorruptFileError,
     "not a readable PDF (data format error); no page could be recovered"),
    ("header-only.pdf", lambda t: b"%PDF-1.7\n%%EOF\n", errors.CorruptFileError,
     "not a readable PDF"),
    ("cut.png", lambda t: _png((400, 400))[:60], errors.CorruptFileError, "image cannot be decoded"),
    ("bomb.png", lambda t: _png((20000, 20000), mode="1"), errors.TooLargeError,
     "image has more pixels than the limit of 200,000,000 (decompression bomb?)"),
    ("legacy.txt", lambda t: b"Quy\xe9t \xf0inh \x81\x8d", errors.UndecodableTextError,
     "not UTF-8 or UTF-16 text"),
]


@pytest.mark.parametrize(("name", "make", "error", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_raises_its_own_error(tmp_path, name, make, error, message):
    path = _write(tmp_path, name, make(tmp_path))
    with pytest.raises(error) as caught:
        load(path)
    assert type(caught.value) is error
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


PAGES = [
    "Trang một: Quyết định số 12/QĐ-UBND về việc tăng cường phòng, chống dịch bệnh.",
    "Trang hai: Sở Nông nghiệp và Phát triển nông thôn báo cáo trước ngày 30/4/2024.",
    "Trang ba: Ủy ban nhân dân các huyện, thị xã, thành phố tổ chức thực hiện.",
]


def _cut_in_page_3(tmp_path: Path) -> Path:
    """A 3-page PDF truncated in the middle of its third page's content stream."""
    whole = render.paged_pdf(PAGES, tmp_path / "whole3.pdf")
    cut = render.content_offset(whole, 3) + 60
    return _write(tmp_path, "cut.pdf", whole.read_bytes()[:cut])


def test_truncated_pdf_keeps_the_pages_before_the_cut(tmp_path):
    path = _cut_in_page_3(tmp_path)
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(str(path))  # pdfium alone refuses the file
    document = load(path)
    assert [p.number for p in document.pages] == [1, 2]
    assert "Trang một" in document.pages[0].text and "Trang hai" in document.pages[1].text
    assert "Trang ba" not in document.text
    assert document.warnings[0].startswith("repaired: xref reconstructed")
    assert "page 3 unreadable: no content recovered" in document.warnings
    assert all(p.warnings[0].startswith("repaired: xref reconstructed") for p in document.pages)
    offset = document.text.index("12/QĐ-UBND")
    assert document.locate(offset)[1].text == "12/QĐ-UBND"


def test_pdf_without_xref_table_is_read_whole_with_a_warning(tmp_path):
    whole = render.paged_pdf(PAGES, tmp_path / "whole3.pdf").read_bytes()
    path = _write(tmp_path, "noxref.pdf", whole[: whole.rindex(b"xref")])
    document = load(path)
    assert [p.number for p in document.pages] == [1, 2, 3]
    assert "Trang ba" in document.pages[2].text
    assert document.warnings[0].startswith("repaired: xref reconstructed")


def test_pixel_limit_checked_before_decoding(tmp_path):
    path = _write(tmp_path, "big.png", _png((2000, 1000)))
    with pytest.raises(errors.TooLargeError, match="image is 2000x1000 = 2,000,000 pixels, over "
                       "the limit of 1,000,000"):
        load(path, IngestOptions(max_pixels=1_000_000))


def test_page_limit(tmp_path):
    path = render.render_pdf(render.seed_text("003") or render.SAMPLE * 3, tmp_path / "long.pdf")
    with pytest.raises(errors.TooLargeError, match="pages, over the limit of 1"):
        load(path, IngestOptions(max_pages=1))


def test_missing_file_is_an_ingest_error(tmp_path):
    with pytest.raises(errors.IngestError, match="cannot read"):
        load(tmp_path / "nowhere.pdf")


@pytest.mark.slow
def test_missing_language_is_a_dependency_error(tmp_path):
    path = _write(tmp_path, "scan.png", _png())
    with pytest.raises(errors.MissingDependencyError, match="language data xyz not installed"):
        load(path, IngestOptions(lang="xyz"))


@pytest.mark.slow
def test_ocr_timeout_gives_an_empty_page_with_a_warning(tmp_path):
    image = render.rasterise(render.render_pdf(render.SAMPLE, tmp_path / "s.pdf"), dpi=150)[0]
    path = tmp_path / "slow.png"
    image.save(path)
    document = load(path, IngestOptions(ocr_timeout=0.01))
    assert document.pages[0].text == ""
    assert document.pages[0].warnings == ["OCR failed: tesseract took longer than 0.01 s"]


def test_extract_run_goes_on_past_bad_files(tmp_path):
    from typer.testing import CliRunner

    from vanban.cli import _register, app

    _register()
    good = tmp_path / "good.txt"
    good.write_text(render.strip_markup(render.SAMPLE), encoding="utf-8")
    pdf = render.render_pdf(render.SAMPLE, tmp_path / "good2.pdf")
    empty = _write(tmp_path, "empty.txt", b"")
    garbage = _write(tmp_path, "garbage.bin", bytes(range(256)) * 4)
    locked = _write(tmp_path, "locked.pdf", _encrypted_pdf())
    cut = _cut_in_page_3(tmp_path)
    out = tmp_path / "out"
    files = [str(p) for p in (empty, good, garbage, cut, locked, pdf)]
    result = CliRunner().invoke(app, ["extract", *files, "--out", str(out)])
    assert result.exit_code == 2  # every failure is an IngestError: its exit code
    assert sorted(p.name for p in out.iterdir()) == ["cut.json", "good.json", "good2.json"]
    stderr = result.stderr if hasattr(result, "stderr") else result.output
    assert f"{empty}: empty file (0 bytes)" in stderr
    assert f"{garbage}: unsupported content" in stderr
    assert f"{locked}: PDF is encrypted" in stderr
