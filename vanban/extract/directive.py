"""Assemble a Directive from a Document (placeholder until the extractors land)."""

from __future__ import annotations

from vanban.ingest import Document
from vanban.models import Directive, Provenance


def extract_directive(
    document: Document, *, doc_id: str, provenance: Provenance, restore: bool = True
) -> Directive:
    return Directive(doc_id=doc_id, provenance=provenance, text=document.text)
