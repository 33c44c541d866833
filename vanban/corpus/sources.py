"""Files that are one document: the same letter received as a PDF, a scan and a photo.

Records whose document key (issuer, number, date: `vanban.keys`) is the same are sources
of one document. Each is kept (its JSON file is evidence of what that file said) and
listed in the index's `sources` table; only the best-read one (`keys.read_quality`)
gives the document its row and its tasks, so the tasks are counted once. A newcomer
replaces the document's record only if it was read better, and on a tie only if its
content hash sorts first: a total order, so any order of arrival (a pool, Dask, a
watcher, a rebuilt index) gives the same document.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vanban.corpus.index import IndexRows

SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    sha256 TEXT PRIMARY KEY,          -- one stored record, one input file's content
    doc_key TEXT NOT NULL,
    primary_sha256 TEXT NOT NULL,     -- the source whose record is the document's
    rank REAL NOT NULL,               -- how well it was read (vanban.keys.read_quality)
    file_name TEXT,
    kind TEXT,
    pipeline_version TEXT NOT NULL,
    rules_fingerprint TEXT,
    json_file TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_key ON sources (doc_key);
CREATE INDEX IF NOT EXISTS sources_primary ON sources (primary_sha256)"""


def resolve(conn: sqlite3.Connection, records: Sequence[IndexRows]
            ) -> tuple[list[IndexRows], list[str]]:
    """Record each source in `sources`; return the records to index as their documents
    and the contents whose document rows must go (a source read better took over)."""
    chosen: dict[str, IndexRows] = {}
    displaced: list[str] = []
    for rows in records:
        sha256, key, rank = rows.source[0], rows.source[1], rows.source[2]
        incumbent = conn.execute(
            "SELECT primary_sha256 AS sha, (SELECT rank FROM sources WHERE sha256 ="
            " s.primary_sha256) AS rank FROM sources s WHERE doc_key = ? AND sha256 != ?"
            " LIMIT 1", (key, sha256)).fetchone()
        conn.execute("DELETE FROM sources WHERE sha256 = ?", (sha256,))
        wins = (incumbent is None or incumbent[0] == sha256 or incumbent[1] is None
                or (rank, incumbent[0]) > (incumbent[1], sha256))
        primary = sha256 if wins else incumbent[0]
        conn.execute("INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?)",
                     (sha256, key, primary, *rows.source[2:]))
        if wins:
            conn.execute("UPDATE sources SET primary_sha256 = ? WHERE doc_key = ?", (sha256, key))
            if incumbent is not None and incumbent[0] != sha256:
                displaced.append(incumbent[0])
            chosen[key] = rows
        else:
            displaced.append(sha256)
    return list(chosen.values()), displaced


def listed(conn: sqlite3.Connection) -> dict[str, list[sqlite3.Row]]:
    """Every document's sources (primary first, then best read first), by primary."""
    out: dict[str, list[sqlite3.Row]] = {}
    for row in conn.execute(
        "SELECT sha256, primary_sha256, rank, file_name, kind FROM sources"
        " ORDER BY primary_sha256, sha256 != primary_sha256, rank DESC, sha256"
    ):
        out.setdefault(row["primary_sha256"], []).append(row)
    return out
