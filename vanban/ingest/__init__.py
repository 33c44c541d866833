"""Files to text: `load(path)` returns a `Document` whatever the file is."""

from vanban.models.document import PAGE_BREAK, Document, Page, Word
from vanban.ingest.loader import IngestOptions, load

__all__ = ["PAGE_BREAK", "Document", "IngestOptions", "Page", "Word", "load"]
