"""The output store: one JSON per document, a SQLite index beside them, and exports.

from vanban import corpus
with corpus.open("vanban-store") as store:
    for row in store.tasks(owner="so noi vu", due_before=date(2024, 6, 30)):
        print(row.deadline_date, row.owners, row.text)
"""

from __future__ import annotations

from pathlib import Path

from vanban.corpus.query import DocumentRow, TaskFilter, TaskRow
from vanban.corpus.store import DEFAULT_STORE, STORE_ENV, Store, default_store, record_sha256


def open(root: str | Path | None = None, *, create: bool = True, read_only: bool = False) -> Store:
    """The store at `root` (default: $VANBAN_STORE, else ./vanban-store); `read_only`
    for commands that only read it (nothing is created or rebuilt)."""
    return Store(default_store() if root is None else root, create=create, read_only=read_only)


__all__ = [
    "DEFAULT_STORE",
    "STORE_ENV",
    "DocumentRow",
    "Store",
    "TaskFilter",
    "TaskRow",
    "default_store",
    "open",
    "record_sha256",
]
