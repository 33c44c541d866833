"""The Python API: `process(path) -> Directive`, pure apart from reading the file.

Every entry point (the command line, the watched folder, batch, a Dask worker)
calls `process`; it never writes anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from vanban import __version__
from vanban.extract import extract_directive
from vanban.extract.marks import find_marks
from vanban.fingerprint import rules_fingerprint
from vanban.ingest import Document, IngestOptions, load
from vanban.ingest.cleanup import clean_text, squeeze_runs
from vanban.ingest.pipe_tables import lay_out_pipe_tables
from vanban.keys import assign_keys
from vanban.models import Directive, Evidence, PageProvenance, Provenance
from vanban.names import SURROGATES, text_key, valid_text


@dataclass(frozen=True)
class Options:
    """How to process a file. Defaults suit a clerk's office."""

    ingest: IngestOptions = field(default_factory=IngestOptions)
    restore: bool = True  # repair stripped or garbled diacritics in text fields


def process(path: str | Path, *, options: Options | None = None) -> Directive:
    """Read one file (text, PDF, image, DOCX) and return its record."""
    options = options or Options()
    document = load(path, options.ingest)
    return process_document(document, options=options)


def process_text(text: str, *, doc_id: str = "text", options: Options | None = None) -> Directive:
    """The record of directive text already in memory."""
    document = Document.from_text(squeeze_runs(lay_out_pipe_tables(clean_text(text))))
    return process_document(document, doc_id=doc_id, options=options)


def process_document(
    document: Document, *, doc_id: str | None = None, options: Options | None = None
) -> Directive:
    options = options or Options()
    document = _valid_document(document)
    source = document.source
    provenance = Provenance(
        source=text_key(source) if source else None,
        file_name=text_key(source.name) if source else None,
        sha256=document.sha256,
        kind=document.kind,
        pages=[
            PageProvenance(
                number=p.number,
                method=p.method,
                chars=len(p.text),
                width=p.size[0] if p.size else None,
                height=p.size[1] if p.size else None,
                unit=p.unit,
                dpi=p.dpi,
                confidence=p.confidence,
                warnings=list(p.warnings),
            )
            for p in document.pages
        ],
        pipeline_version=__version__,
        rules_fingerprint=rules_fingerprint(),
        processed_at=dt.datetime.now(dt.UTC),
    )
    record = extract_directive(
        document,
        doc_id=doc_id or (text_key(source.stem) if source else "text"),
        provenance=provenance,
        restore=options.restore,
    )
    record.quality.warnings[:0] = document.warnings
    _add_marks(record)
    content = document.sha256 or hashlib.sha256(record.text.encode("utf-8")).hexdigest()
    return assign_keys(record, content)


def _add_marks(record: Directive) -> None:
    marks = find_marks(record.text)
    for name, mark in (("urgency", marks.urgency), ("secrecy", marks.secrecy)):
        if mark is not None:
            setattr(record, name, mark.value)
            text = record.text[mark.start : mark.end]
            record.evidence[name] = Evidence(start=mark.start, end=mark.end, text=text)


def _valid_document(document: Document) -> Document:
    """The document with lone surrogates (a damaged PDF's text or repair warning, a name
    of undecodable bytes) replaced, so that its record can be written as JSON."""
    texts = [document.text, *document.warnings, *(w for p in document.pages for w in p.warnings)]
    if not any(SURROGATES.search(text) for text in texts):
        return document
    for page in document.pages:
        page.text = valid_text(page.text)
        page.warnings = [valid_text(w) for w in page.warnings]
    return Document(pages=document.pages, kind=document.kind, source=document.source,
                    sha256=document.sha256, warnings=[valid_text(w) for w in document.warnings])
