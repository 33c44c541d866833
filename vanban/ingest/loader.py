"""One entry point from a path to a `Document`, dispatching on the file's content.

The first bytes decide the reader (PDF, PNG/JPEG/TIFF, DOCX, Word 97, plain text); a name
that says otherwise only earns a warning. Every failure leaves as an IngestError
subclass with a one-line message that names the file.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from vanban.errors import EmptyFileError, IngestError, TooLargeError, UnsupportedFormatError
from vanban.ingest import detect, folios, inflation
from vanban.ingest.cleanup import clean_text, squeeze_runs
from vanban.ingest.pipe_tables import lay_out_pipe_tables
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
    max_bytes: int = 200_000_000
    # what a file may inflate to while read: a .docx's members, a text's characters
    max_inflated: int = 256_000_000


def load(path: str | Path, options: IngestOptions | None = None) -> Document:
    """Read a file into a Document; raise an IngestError subclass on bad input."""
    options = options or IngestOptions()
    path = Path(path)
    return load_data(read_regular(path, max_bytes=options.max_bytes), path, options)


def read_regular(path: Path, *, max_bytes: int, follow_symlinks: bool = True) -> bytes:
    """The bytes of a regular file. A FIFO, device or socket is refused before it is read
    (a FIFO would block forever); without `follow_symlinks`, so is a symbolic link."""
    name = str(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC
    if not follow_symlinks:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if not follow_symlinks and path.is_symlink():
            raise UnsupportedFormatError(f"{name}: a symbolic link, not read") from None
        raise IngestError(f"{name}: cannot read ({error.strerror or error})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsupportedFormatError(f"{name}: not a regular file ({file_type(info.st_mode)})")
        if info.st_size > max_bytes:
            raise TooLargeError(f"{name}: {info.st_size:,} bytes, over the limit of {max_bytes:,}")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise IngestError(f"{name}: cannot read ({error.strerror or error})") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew while we read
        raise TooLargeError(f"{name}: over the limit of {max_bytes:,} bytes")
    return data


def file_type(mode: int) -> str:
    """What a file that is not a regular one is, for its failure's reason."""
    for test, what in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return what
    return "not a plain file"


def load_data(data: bytes, path: Path, options: IngestOptions | None = None) -> Document:
    """A Document of bytes already read; `path` names them."""
    options = options or IngestOptions()
    name = str(path)
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
    # four bytes a character at most once decoded (UTF-32 in memory)
    if len(data) * 4 > options.max_inflated:
        raise TooLargeError(f"{name}: {len(data):,} bytes of text, over the limit of "
                            f"{options.max_inflated // 4:,}")
    text = clean_text(_unicode(decode_text(data, name=name, warnings=warnings), warnings))
    # a header and a foot a web page or a converter wrote as "| ... | ... |" rows
    text = squeeze_runs(lay_out_pipe_tables(text))
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

    inflation.check_pdf(data, name=name, limit=options.max_inflated)
    pdf_options = PdfOptions(
        ocr=options.ocr, lang=options.lang, dpi=options.dpi, ocr_timeout=options.ocr_timeout,
        max_pages=options.max_pages, max_pixels=options.max_pixels,
    )
    pages, pdf_warnings = read_pdf(data, name=name, options=pdf_options)
    warnings.extend(pdf_warnings)
    folios.blank_page_numbers(pages)
    folios.blank_running_heads(pages)
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

    inflation.check_zip(data, name=name, limit=options.max_inflated)
    raw, table_lines = read_docx_tables(data, name=name)
    # cleaning keeps every line where it was, so each table's rows are found by line (a
    # squeeze of blank runs would move them: then the tables are read from the text)
    cleaned = clean_text(_unicode(raw, warnings))
    text = squeeze_runs(cleaned)
    lines = text.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    tables = []
    for rows in table_lines if text == cleaned else ():
        cells = [cell_spans(lines[i], starts[i]) for i in rows if i < len(lines)]
        # rows with merged cells are narrower; one wider than the first held the separator
        if cells and max(len(row) for row in cells) == len(cells[0]):
            tables.append(Table(cells))
    return [Page(number=1, text=text, method="docx", tables=tables)], "docx"


def _doc(data: bytes, *, name: str, options: IngestOptions, warnings: list[str]):
    from vanban.ingest.msword import read_doc

    text = squeeze_runs(clean_text(_unicode(read_doc(data, name=name), warnings)))
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
