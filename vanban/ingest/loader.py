"""One entry point from a path to a `Document`, dispatching on the file's content."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from vanban.errors import EmptyFileError, IngestError
from vanban.ingest.cleanup import clean_text
from vanban.ingest.document import Document
from vanban.ingest.text import decode_text


@dataclass(frozen=True)
class IngestOptions:
    ocr: Literal["auto", "always", "never"] = "auto"
    lang: str = "vie"
    dpi: int = 300
    ocr_timeout: float = 120.0  # seconds per page
    max_pages: int = 500
    max_pixels: int = 200_000_000


def load(path: str | Path, options: IngestOptions | None = None) -> Document:
    """Read a file into a Document; raise an IngestError subclass on bad input."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(f"{path}: cannot read ({error.strerror or error})") from None
    if not data:
        raise EmptyFileError(f"{path}: empty file (0 bytes)")
    sha256 = hashlib.sha256(data).hexdigest()
    text = clean_text(decode_text(data, name=str(path)))
    return Document.from_text(text, source=path, sha256=sha256)
