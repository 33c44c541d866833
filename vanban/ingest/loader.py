"""One entry point from a path to a `Document`, dispatching on the file's content.

The first bytes decide the reader (PDF, PNG/JPEG/TIFF, DOCX, Word 97, plain text); a name
that says otherwise only earns a warning. Every failure leaves as an IngestError
subclass with a one-line message that names the file.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from vanban.errors import EmptyFileError, IngestError, TooLargeError, UnsupportedFormatError
from vanban.ingest import detect
from vanban.ingest.cleanup import clean_text
from vanban.ingest.text import decode_text
from vanban.models.document import Document, Page, Table

# The PDF, image and DOCX readers (pdfium, numpy, Pillow, python-docx) are imported when a
# file of their kind arrives, so a text-only run starts in a fraction of the time.


@dataclass(frozen=True)
class IngestOptions:
    ocr: Literal["auto", "always", "never"] = "auto"
    lang: str = "vie"
    dpi: int = 300
    ocr_timeout: float = 120.0  # seconds per page
    max_pages: int = 500
    max_pixels: int = 200_000_000
    max_bytes: int = 500_000_000


def load(path: str | Path, options: IngestOptions | None = None) -> Document:
    """Read a file into a Document; raise an IngestError subclass on bad input."""
    options = options or IngestOptions()
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            raise TooLargeError(f"{name}: {size:,} bytes, over the limit of {options.max_bytes:,}")
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(f"{name}: cannot read ({error.strerror or error})") from None
    if not data:
        raise EmptyFileError(f"{name}: empty file (0 bytes)")
    sha256 = hashlib.sha256(data).hexdigest()
    kind = detect.detect(data)
    if kind.startswith("other:"):
        raise UnsupportedFormatError(f"{name}: unsupported content ({kind[6:]})")
    warnings = []
    mismatch = detect.extension_warning(path, kind)
    if mismatch:
        warnings.append(mismatch)
    pages, doc_kind = _READERS[kind](data, name=name, options=options, warnings=warnings)
    return Document(pages=pages, kind=doc_kind, source=path, sha256=sha256, warnings=warnings)


def _text(data: bytes, *, name: str, options: IngestOptions, warnings: list[str]):
    text = clean_text(_unicode(decode_text(data, name=name, warnings=warnings), warnings))
    return [Page(number=1, text=text, method="text")], "text"


def _unicode(text: str, warnings: list[str]) -> str:
    """Lines typed in a legacy encoding (TCVN3, VNI) turned into Unicode, with a warning."""
    from vanban.ingest import legacy

    text, encodings = legacy.repair_text(text)
    if encodings:
        warnings.append(legacy.warning(encodings))
    return text


def _pdf(data: bytes, *, name: str, options: IngestOptions, warnings: list[str]):
    from vanban.ingest.pdf import PdfOptions, read_pdf

    pdf_options = PdfOptions(
        ocr=options.ocr, lang=options.lang, dpi=options.dpi, ocr_timeout=options.ocr_timeout,
        max_pages=options.max_pages, max_pixels=options.max_pixels,
    )
    pages, pdf_warnings = read_pdf(data, name=name, options=pdf_options)
    warnings.extend(pdf_warnings)
    return pages, "pdf"


def _image(data: bytes, *, name: str, options: IngestOptions, warnings: list[str]):
    from vanban.ingest import images, scan

    image = images.open_image(data, name=name, max_pixels=options.max_pixels)
    frames = images.pages(image, name=name, max_pixels=options.max_pixels,
                          max_pages=options.max_pages, warnings_out=warnings)
    if options.ocr == "never":
        warnings.append("image file and OCR disabled: no text")
        return [Page(number=n, text="", method="ocr", warnings=["OCR disabled"])
                for n, _ in frames], "image"
    pages = list(scan.ocr_pages(frames, lang=options.lang, dpi=options.dpi,
                                timeout=options.ocr_timeout))
    return pages, "image"


def _docx(data: bytes, *, name: str, options: IngestOptions, warnings: list[str]):
    from vanban.ingest.docx import cell_spans, read_docx_tables

    raw, table_lines = read_docx_tables(data, name=name)
    # cleaning keeps every line where it was, so each table's rows are found by line
    text = clean_text(_unicode(raw, warnings))
    lines = text.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    tables = []
    for rows in table_lines:
        cells = [cell_spans(lines[i], starts[i]) for i in rows if i < len(lines)]
        # rows with merged cells are narrower; one wider than the first held the separator
        if cells and max(len(row) for row in cells) == len(cells[0]):
            tables.append(Table(cells))
    return [Page(number=1, text=text, method="docx", tables=tables)], "docx"


def _doc(data: bytes, *, name: str, options: IngestOptions, warnings: list[str]):
    from vanban.ingest.msword import read_doc

    text = clean_text(_unicode(read_doc(data, name=name), warnings))
    return [Page(number=1, text=text, method="doc")], "doc"


_READERS = {
    "text": _text,
    "pdf": _pdf,
    "png": _image,
    "jpeg": _image,
    "tiff": _image,
    "docx": _docx,
    "doc": _doc,
}
