"""A file posted to the desk: checked, processed like a dropped file, stored.

The name it came with is only a label (`provenance.file_name`, cleaned): the bytes
go to a fresh temporary folder under a fixed name, and the store keeps them by
content hash.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import unicodedata
from pathlib import Path

from vanban import api
from vanban.corpus import originals
from vanban.corpus.store import Store
from vanban.errors import EmptyFileError, TooLargeError, UnsupportedFormatError, VanbanError
from vanban.ingest import detect
from vanban.models import Directive
from vanban.runs.batch import short_reason

_SUFFIX = {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg", "tiff": ".tif", "docx": ".docx",
           "text": ".txt"}
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")
UPLOAD_ORIGIN = "serve"


def safe_name(name: str | None) -> str:
    """A label for the file: its last path part, NFC, without control or path characters."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = _UNSAFE.sub("_", unicodedata.normalize("NFC", base)).strip(" .")
    return base[:120] or "document"


def check(data: bytes, name: str, *, max_bytes: int) -> str:
    """The file's kind; an IngestError (the CLI's reason) when it must be refused."""
    if len(data) > max_bytes:
        raise TooLargeError(f"{name}: {len(data):,} bytes, over the upload limit of {max_bytes:,}")
    if not data:
        raise EmptyFileError(f"{name}: empty file (0 bytes)")
    kind = detect.detect(data)
    if kind.startswith("other:"):
        raise UnsupportedFormatError(f"{name}: unsupported content ({kind[6:]})")
    return kind


def process_upload(data: bytes, name: str, kind: str) -> Directive:
    """The record of the bytes (slow: OCR); touches nothing but a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="vanban-upload-") as folder:
        path = Path(folder) / f"document{_SUFFIX[kind]}"
        path.write_bytes(data)
        try:
            record = api.process(path)
        except VanbanError as error:
            # the reason as the CLI gives it, naming the file as the clerk named it
            raise type(error)(f"{name}: {short_reason(error, str(path))}") from None
    record.doc_id = Path(name).stem or record.doc_id
    record.provenance.source = None
    record.provenance.file_name = name
    return record


def store_upload(store: Store, data: bytes, record: Directive) -> str:
    sha256 = hashlib.sha256(data).hexdigest()
    record.provenance.sha256 = sha256
    originals.keep_bytes(store.root, sha256, data)
    store.put(record, origin=UPLOAD_ORIGIN, path=journal_key(sha256))
    return sha256


def record_failure(store: Store, data: bytes, error: VanbanError) -> None:
    store.mark(journal_key(hashlib.sha256(data).hexdigest()), state="failure",
               origin=UPLOAD_ORIGIN, reason=str(error))


def journal_key(sha256: str) -> str:
    # not a path on disk: the journal's key for what came in over HTTP
    return f"upload:{sha256}"
