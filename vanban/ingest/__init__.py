"""Files to text: `load(path)` returns a `Document` whatever the file is."""

from vanban.ingest.loader import IngestOptions, load
from vanban.models.document import PAGE_BREAK, Document, Page, Word

__all__ = ["PAGE_BREAK", "Document", "IngestOptions", "Page", "Word", "load"]
