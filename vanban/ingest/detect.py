"""What a file is, by its first bytes; the name's extension is only checked against it."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

# (kind, signature) — kind is the reader that handles the content
_MAGIC = [
    ("pdf", b"%PDF-"),
    ("png", b"\x89PNG\r\n\x1a\n"),
    ("jpeg", b"\xff\xd8\xff"),
    ("tiff", b"II*\x00"),
    ("tiff", b"MM\x00*"),
    ("zip", b"PK\x03\x04"),
]
# An OLE2 compound file holds a Word 97 document when its directory names the stream
# "WordDocument" (directory names are UTF-16); .xls and .ppt files are OLE2 too.
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
# Formats people send that vanban does not read, named so the error can say what they are.
_KNOWN_OTHERS = [
    (b"GIF8", "GIF image"),
    (b"BM", "BMP image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document (.doc/.xls)"),
    (b"{\\rtf", "RTF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"RIFF", "RIFF media (WebP, WAV, AVI)"),
]
_PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
EXTENSIONS = {
    "pdf": {".pdf"},
    "png": {".png"},
    "jpeg": {".jpg", ".jpeg", ".jpe", ".jfif"},
    "tiff": {".tif", ".tiff"},
    "docx": {".docx"},
    "doc": {".doc", ".dot"},
    "text": {".txt", ".text", ".md", ""},
}


def detect(data: bytes) -> str:
    """'pdf', 'png', 'jpeg', 'tiff', 'docx', 'doc', 'text' or a description of something else.

    Anything else is returned as 'other:<description>'.
    """
    head = data[:1024]
    # a PDF may have junk before its header, which readers accept within the first KiB;
    # a text that mentions "%PDF-" there is no PDF: it has no end-of-file marker
    if data.startswith(b"%PDF-") or (_PDF_HEADER.search(head) and b"%%EOF" in data[-2048:]):
        return "pdf"
    for kind, magic in _MAGIC:
        if data.startswith(magic):
            return _zip_kind(data) if kind == "zip" else kind
    if data.startswith(_OLE2) and _WORD_STREAM in data:
        return "doc"
    for magic, description in _KNOWN_OTHERS:
        if data.startswith(magic):
            return f"other:{description}"
    if _looks_like_text(head):
        return "text"
    return "other:binary data of unknown format"


def extension_warning(path: Path, kind: str) -> str | None:
    """A note when the name says one thing and the content another."""
    suffix = path.suffix.lower()
    expected = EXTENSIONS.get(kind, set())
    if suffix in expected or kind.startswith("other:"):
        return None
    if kind == "text" and suffix not in {ext for exts in EXTENSIONS.values() for ext in exts}:
        return None  # .csv, .log and friends are text whatever they are called
    return f"file is named {suffix or 'without extension'} but its content is {kind.upper()}"


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "other:damaged ZIP archive"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "other:Excel workbook (.xlsx)"
    if "content.xml" in names:
        return "other:OpenDocument file"
    return "other:ZIP archive"


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if not head:
        return False
    if head.count(0) > len(head) // 4:  # UTF-16 without BOM: every other byte is zero
        # ... and the others are not (a file of zeros, a sparse file, is no text)
        odd, even = head[1::2].count(0), head[0::2].count(0)
        half = len(head) // 4
        return (odd > half and even < half // 2) or (even > half and odd < half // 2)
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls <= len(head) // 100

