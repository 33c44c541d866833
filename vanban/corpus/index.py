"""The SQLite index beside the JSON records: a view of them, rebuilt from them at will.

Derived tables (documents, tasks, agencies, references, full text) hold nothing the
JSON files don't; only `journal` (what happened to each input file) is the index's
own, and losing it costs a rescan, never a record.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from vanban.corpus import sources
from vanban.corpus.fold import fold
from vanban.errors import StoreError
from vanban.keys import keys_of, read_quality
from vanban.models import Directive

INDEX_NAME = "index.sqlite"
# Bump when the derived tables change shape: an index of another version is rebuilt.
INDEX_VERSION = 4  # 4: document and task keys, rules fingerprint, sources

DERIVED_TABLES = (
    "documents",
    "tasks",
    "task_agencies",
    "addressees",
    "doc_references",
    "fts",
    "fts_rows",
    "reviews",
    "tasks_done",
    "sources",
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    number TEXT,
    date TEXT,
    place TEXT,
    doc_type TEXT,
    subject TEXT,
    issuer TEXT,
    issuer_folded TEXT,
    signer_name TEXT,
    signer_position TEXT,
    file_name TEXT,
    source TEXT,
    kind TEXT,
    text_state TEXT,
    confidence REAL,
    warnings INTEGER NOT NULL DEFAULT 0,
    task_count INTEGER NOT NULL DEFAULT 0,
    pipeline_version TEXT NOT NULL,
    processed_at TEXT NOT NULL,
    status TEXT NOT NULL,            -- success | partial (the record carries warnings)
    json_file TEXT NOT NULL,
    doc_key TEXT,                    -- issuer + number + date (vanban.keys)
    rules_fingerprint TEXT           -- the rules and models the record was made with
);
CREATE INDEX IF NOT EXISTS documents_key ON documents (doc_key);
{sources};
CREATE INDEX IF NOT EXISTS documents_version ON documents (sha256, pipeline_version);

CREATE TABLE IF NOT EXISTS tasks (
    sha256 TEXT NOT NULL,
    position INTEGER NOT NULL,       -- order of the task in the record
    task_id TEXT NOT NULL,
    parent TEXT,
    text TEXT NOT NULL,
    deadline_date TEXT,
    deadline_text TEXT,
    deadline_kind TEXT,
    recurrence TEXT,
    task_key TEXT,                   -- stable across rule changes (vanban.keys)
    PRIMARY KEY (sha256, position)
);
CREATE INDEX IF NOT EXISTS tasks_deadline ON tasks (deadline_date);

CREATE TABLE IF NOT EXISTS task_agencies (
    sha256 TEXT NOT NULL,
    position INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'co_owner')),
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    PRIMARY KEY (sha256, position, role, name)
);
-- (name, role) covers the owner filter's look-up of the names a role has
CREATE INDEX IF NOT EXISTS task_agencies_name ON task_agencies (name_folded, role);

CREATE TABLE IF NOT EXISTS addressees (
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    PRIMARY KEY (sha256, name)
);

CREATE TABLE IF NOT EXISTS doc_references (
    sha256 TEXT NOT NULL,
    number TEXT NOT NULL,
    doc_type TEXT,
    date TEXT,
    issuer TEXT
);
CREATE INDEX IF NOT EXISTS doc_references_sha ON doc_references (sha256);

-- Folded copies only: the accents are gone before FTS sees the text, and đ is d.
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    body, sha256 UNINDEXED, task_id UNINDEXED, kind UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Which FTS rows belong to a document: FTS5 cannot index its UNINDEXED columns, and
-- a delete by sha256 alone would scan the whole table on every re-put.
CREATE TABLE IF NOT EXISTS fts_rows (
    sha256 TEXT NOT NULL,
    fts_rowid INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS fts_rows_sha ON fts_rows (sha256);

CREATE VIEW IF NOT EXISTS owners AS
    SELECT sha256, position, name, name_folded FROM task_agencies WHERE role = 'owner';
CREATE VIEW IF NOT EXISTS co_owners AS
    SELECT sha256, position, name, name_folded FROM task_agencies WHERE role = 'co_owner';
CREATE VIEW IF NOT EXISTS deadlines AS
    SELECT sha256, position, task_id, deadline_date AS date, deadline_text AS text,
           deadline_kind AS kind, recurrence
    FROM tasks WHERE deadline_text IS NOT NULL;

-- A clerk's work on a document (corrections/<sha256>.json), for the review queue:
-- only documents that have such a file have a row.
CREATE TABLE IF NOT EXISTS reviews (
    sha256 TEXT PRIMARY KEY,
    reviewed_at TEXT,
    reviewed_by TEXT,
    corrections INTEGER NOT NULL DEFAULT 0,
    stale INTEGER NOT NULL DEFAULT 0      -- corrections whose field is gone
);

-- Tasks a clerk marked done (corrections/<sha256>.json): not open any more.
CREATE TABLE IF NOT EXISTS tasks_done (
    sha256 TEXT NOT NULL,
    task_id TEXT NOT NULL,
    done_at TEXT,
    done_by TEXT,
    PRIMARY KEY (sha256, task_id)
);

-- What happened to each input file, by path: the watcher's crash journal and the
-- batch's per-file status. state: pending | success | skipped | failure.
CREATE TABLE IF NOT EXISTS journal (
    path TEXT PRIMARY KEY,
    sha256 TEXT,
    state TEXT NOT NULL,
    reason TEXT,
    origin TEXT NOT NULL,            -- watch | batch | reindex
    moved_to TEXT,
    pipeline_version TEXT,
    updated_at TEXT NOT NULL
);
"""

SCHEMA = SCHEMA.replace("{sources}", sources.SCHEMA)

def connect(path: Path) -> tuple[sqlite3.Connection, bool]:
    """Open (creating if needed) the index for writing.

    Returns the connection and whether the derived tables start empty (a new index, or
    one of another version that was reset), so the caller can refill them from JSON.
    """
    try:
        conn = sqlite3.connect(path, timeout=30.0, isolation_level=None)
        conn.row_factory = sqlite3.Row
        add_functions(conn)
        # WAL lets `vanban query` read while a watcher or batch writes.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        stale = version != INDEX_VERSION
        with transaction(conn):
            if stale:
                for name in ("owners", "co_owners", "deadlines"):
                    conn.execute(f"DROP VIEW IF EXISTS {name}")
                for name in DERIVED_TABLES:
                    conn.execute(f"DROP TABLE IF EXISTS {name}")
            _create(conn)
            conn.execute(f"PRAGMA user_version = {INDEX_VERSION}")
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: not a usable index ({error}); run `vanban reindex`") from None
    return conn, stale


def connect_readonly(path: Path, *, check_version: bool = False) -> sqlite3.Connection:
    """The index opened read-only: nothing is created, migrated or rebuilt, so a store on
    a read-only mount answers queries. With `check_version`, an index of another version
    is refused (only `reindex` or a writing command rebuilds it)."""
    if not path.exists():
        raise StoreError(f"{path}: no index here (is --store right?)")
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30.0)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.OperationalError:
        # a WAL index on a read-only mount cannot make its shared-memory file
        conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=30.0)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: not a usable index ({error}); run `vanban reindex`") from None
    if check_version and version != INDEX_VERSION:
        conn.close()
        raise StoreError(
            f"{path}: an index of another version ({version}, this one reads {INDEX_VERSION});"
            " run `vanban reindex` to rebuild it"
        )
    conn.row_factory = sqlite3.Row
    add_functions(conn)
    return conn


def add_functions(conn: sqlite3.Connection) -> None:
    """SQL functions for queries: fold(x) is the accent-free lower case of x."""
    conn.create_function("fold", 1, fold, deterministic=True)


def _create(conn: sqlite3.Connection) -> None:
    # executescript would COMMIT our transaction; run the statements one by one instead.
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def delete(conn: sqlite3.Connection, sha256: str) -> None:
    if conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is None:
        return  # the usual case in a batch: new content
    conn.execute(
        "DELETE FROM fts WHERE rowid IN (SELECT fts_rowid FROM fts_rows WHERE sha256 = ?)",
        (sha256,),
    )
    for table in DERIVED_TABLES:
        if table not in ("fts", "sources"):  # a source stays one when its document goes
            conn.execute(f"DELETE FROM {table} WHERE sha256 = ?", (sha256,))


@dataclass
class IndexRows:
    """Everything the index holds for one record, computed away from the connection.

    Building rows (folding text, walking tasks) is pure, so a batch worker does it and
    the one process that writes only runs the inserts.
    """

    sha256: str
    document: tuple
    fts: list[tuple[str, str, str | None]] = field(default_factory=list)  # body, kind, key
    addressees: list[tuple] = field(default_factory=list)
    references: list[tuple] = field(default_factory=list)
    tasks: list[tuple] = field(default_factory=list)
    agencies: list[tuple] = field(default_factory=list)
    review: tuple | None = None  # (sha256, reviewed_at, reviewed_by, corrections, stale)
    done: list[tuple] = field(default_factory=list)  # (sha256, task_id, done_at, done_by)
    # (sha256, doc_key, rank, file_name, kind, pipeline_version, rules_fingerprint, json_file)
    source: tuple = ()


def rows(record: Directive, *, sha256: str, json_file: str) -> IndexRows:
    prov = record.provenance
    issuer = record.issuer.name if record.issuer else None
    signer = record.signer
    warnings = len(record.quality.warnings)
    doc_key, task_keys = keys_of(record, sha256)
    out = IndexRows(
        sha256=sha256,
        document=(
            sha256,
            record.doc_id,
            record.number,
            _iso(record.date),
            record.place,
            record.doc_type,
            record.subject,
            issuer,
            fold(issuer),
            signer.name if signer else None,
            signer.position if signer else None,
            prov.file_name,
            prov.source,
            prov.kind,
            record.quality.text_state,
            record.quality.confidence,
            warnings,
            len(record.tasks),
            prov.pipeline_version,
            _iso(prov.processed_at),
            "partial" if warnings else "success",
            json_file,
            doc_key,
            prov.rules_fingerprint,
        ),
    )
    out.source = (sha256, doc_key, read_quality(record), prov.file_name, prov.kind,
                  prov.pipeline_version, prov.rules_fingerprint, json_file)
    parts = (record.number, issuer, record.doc_type, record.subject, record.text)
    out.fts.append((" ".join(fold(part) for part in parts), "document", None))
    out.addressees = [(sha256, a.name, fold(a.name)) for a in record.addressees]
    out.references = [
        (sha256, r.number, r.doc_type, _iso(r.date), r.issuer) for r in record.references
    ]
    for position, task in enumerate(record.tasks):
        deadline = task.deadline
        out.tasks.append(
            (
                sha256,
                position,
                task.id,
                task.parent,
                task.text,
                _iso(deadline.date) if deadline else None,
                deadline.text if deadline else None,
                deadline.kind if deadline else None,
                deadline.recurrence if deadline else None,
                task_keys[position],
            )
        )
        for role, agencies in (("owner", task.owners), ("co_owner", task.co_owners)):
            out.agencies += [(sha256, position, role, a.name, fold(a.name)) for a in agencies]
        names = " ".join(a.name for a in [*task.owners, *task.co_owners])
        out.fts.append((f"{fold(task.text)} {fold(names)}", "task", str(position)))
    return out


def write(conn: sqlite3.Connection, prepared: IndexRows) -> None:
    """Index one record's rows, replacing what the index held for the same content."""
    write_many(conn, [prepared])


def write_many(conn: sqlite3.Connection, records: list[IndexRows]) -> None:
    """Index several records' rows in the caller's transaction, one statement per table.

    Replaces what the index held for the same content. FTS rows get their rowids here
    (after the largest one in use), so they and `fts_rows` go in with `executemany`
    instead of two statements per task; the caller's transaction keeps them ours.
    """
    if not records:
        return
    # The last of two records of the same content wins, as two `write` calls would.
    latest = list({r.sha256: r for r in records}.values())
    latest, displaced = sources.resolve(conn, latest)
    _delete_existing(conn, [r.sha256 for r in latest] + displaced)
    conn.executemany(
        f"INSERT INTO documents VALUES ({','.join('?' * 24)})", [r.document for r in latest]
    )
    conn.executemany(
        "INSERT OR IGNORE INTO addressees VALUES (?,?,?)", [a for r in latest for a in r.addressees]
    )
    conn.executemany(
        "INSERT INTO doc_references VALUES (?,?,?,?,?)", [x for r in latest for x in r.references]
    )
    conn.executemany(
        "INSERT INTO tasks VALUES (?,?,?,?,?,?,?,?,?,?)", [t for r in latest for t in r.tasks]
    )
    conn.executemany(
        "INSERT OR IGNORE INTO task_agencies VALUES (?,?,?,?,?)",
        [a for r in latest for a in r.agencies],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO reviews VALUES (?,?,?,?,?)",
        [r.review for r in latest if r.review is not None],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO tasks_done VALUES (?,?,?,?)", [d for r in latest for d in r.done]
    )
    last = conn.execute("SELECT rowid FROM fts ORDER BY rowid DESC LIMIT 1").fetchone()
    rowid = last[0] if last else 0
    fts, owners = [], []
    for r in latest:
        for body, kind, key in r.fts:
            rowid += 1
            fts.append((rowid, body, r.sha256, key, kind))
            owners.append((r.sha256, rowid))
    conn.executemany("INSERT INTO fts (rowid, body, sha256, task_id, kind) VALUES (?,?,?,?,?)", fts)
    conn.executemany("INSERT INTO fts_rows VALUES (?,?)", owners)


def _delete_existing(conn: sqlite3.Connection, shas: list[str]) -> None:
    # One look-up for the whole group: in a batch the content is usually new.
    present: list[str] = []
    for start in range(0, len(shas), 500):  # under SQLite's bound-parameter limit
        chunk = shas[start : start + 500]
        marks = ",".join("?" * len(chunk))
        present += [
            row[0]
            for row in conn.execute(
                f"SELECT sha256 FROM documents WHERE sha256 IN ({marks})", chunk
            ).fetchall()
        ]
    for sha256 in present:
        delete(conn, sha256)


def insert(conn: sqlite3.Connection, record: Directive, *, sha256: str, json_file: str) -> None:
    write(conn, rows(record, sha256=sha256, json_file=json_file))


@dataclass(frozen=True)
class JournalEntry:
    path: str
    state: str
    origin: str
    sha256: str | None = None
    reason: str | None = None
    moved_to: str | None = None
    pipeline_version: str | None = None


def journal(conn: sqlite3.Connection, entries: Iterable[JournalEntry]) -> None:
    """Record what happened to input files; the latest word on a path replaces the last."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn.executemany(
        "INSERT INTO journal (path, sha256, state, reason, origin, moved_to, pipeline_version,"
        " updated_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (path) DO UPDATE SET"
        " sha256 = excluded.sha256, state = excluded.state, reason = excluded.reason,"
        " origin = excluded.origin, moved_to = excluded.moved_to,"
        " pipeline_version = excluded.pipeline_version, updated_at = excluded.updated_at",
        [
            (e.path, e.sha256, e.state, e.reason, e.origin, e.moved_to, e.pipeline_version, now)
            for e in entries
        ],
    )
