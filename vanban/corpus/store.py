"""The output store: `<sha256>.json` per document and `index.sqlite` beside them.

The JSON files are the truth; the index is derived from them (plus the journal of
input files), so a lost or stale index is rebuilt, never a lost record.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from vanban import __version__, fingerprint
from vanban.corpus import corrections, index, originals, query, sources
from vanban.errors import NotFoundError, StoreError
from vanban.fsutil import write_atomic
from vanban.models import Directive, Source

STORE_ENV = "VANBAN_STORE"
DEFAULT_STORE = "vanban-store"
CURRENT = "current"  # `Store.has`: the rules and models of this installation
_STALE_TMP_SECONDS = 3600  # a write_atomic temp file this old belongs to a killed process
_BULK_CHECKPOINT_PAGES = 4000  # 16 MB of WAL with 4 kB pages


def default_store() -> Path:
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


def record_sha256(record: Directive) -> str:
    """The key of a record: its source's content hash (the text's, for text given in memory)."""
    if record.provenance.sha256:
        return record.provenance.sha256
    return hashlib.sha256(record.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Prepared:
    """A record made ready for the store: its JSON text and its index rows.

    `prepare` is pure and runs where the record was made (a batch worker), so the
    process that owns the store only writes. `json` is None once the JSON file is
    written (`write_record`, by a worker that shares the store's disk).
    """

    sha256: str
    json: str | None
    rows: index.IndexRows
    doc_id: str
    pipeline_version: str
    tasks: int


def json_name(sha256: str) -> str:
    return f"{sha256}.json"


def prepare(record: Directive) -> Prepared:
    sha256 = record_sha256(record)
    return Prepared(
        sha256=sha256,
        json=record.model_dump_json(indent=2) + "\n",
        rows=index.rows(record, sha256=sha256, json_file=json_name(sha256)),
        doc_id=record.doc_id,
        pipeline_version=record.provenance.pipeline_version,
        tasks=len(record.tasks),
    )


def write_record(root: Path, prepared: Prepared) -> Prepared:
    """Write the record's JSON file into the store folder `root`, atomically.

    For a process that shares the store's disk but not its index (a batch worker): it
    returns the record without its JSON text, which need not travel any further. The
    index, written later by the store's owner, is what says the record is there; a JSON
    file the index does not know yet is made again, and replaced, by the next run.
    """
    if prepared.json is None:
        return prepared
    write_atomic(root / json_name(prepared.sha256), prepared.json)
    return dataclasses.replace(prepared, json=None)


@dataclass
class ReindexReport:
    indexed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)


class Store:
    """One output folder. Use as a context manager, or call `close()`."""

    def __init__(self, root: str | Path, *, create: bool = True, read_only: bool = False) -> None:
        """`read_only`: open the index with SQLite's mode=ro; nothing is created, cleaned
        or rebuilt (query, export, sql), and an index of another version is an error."""
        self.root = Path(root)
        self.index_path = self.root / index.INDEX_NAME
        self.read_only = read_only
        if read_only:
            if not self.root.is_dir():
                raise StoreError(f"{self.root}: no store here (is --store right?)")
            self.conn = index.connect_readonly(self.index_path, check_version=True)
            return
        if not self.root.is_dir():
            if not create:
                raise StoreError(f"{self.root}: no store here (is --store right?)")
            try:
                self.root.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"{self.root}: cannot create the store ({error})") from None
        self._clean_stale_temp_files()
        self.conn, fresh = index.connect(self.index_path)
        if fresh and any(self.json_files()):
            self.reindex()

    # -- lifecycle -------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def bulk(self) -> Iterator[Store]:
        """For a stream of writes (a batch): copy the WAL into the database file less often.

        Each checkpoint copies (and syncs) every page the WAL holds; every 16 MB instead
        of SQLite's 4 MB, pages that many records touch (index B-trees, the full-text
        index) are copied fewer times. Nothing about durability changes.
        """
        previous = self.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        self.conn.execute(f"PRAGMA wal_autocheckpoint = {max(previous, _BULK_CHECKPOINT_PAGES)}")
        try:
            yield self
        finally:
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {int(previous)}")

    # -- records ---------------------------------------------------------------------
    def json_path(self, sha256: str) -> Path:
        return self.root / json_name(sha256)

    def json_files(self) -> Iterator[Path]:
        for path in sorted(self.root.glob("*.json")):
            if not path.name.startswith("."):
                yield path

    def put(self, record: Directive, *, origin: str = "api", path: str | None = None) -> str:
        """Write the record's JSON atomically, then index it in one transaction."""
        return self.put_prepared(prepare(record), origin=origin, path=path)

    def put_prepared(
        self, prepared: Prepared, *, origin: str = "api", path: str | None = None
    ) -> str:
        self.put_many([(prepared, path)], origin=origin)
        return prepared.sha256

    def put_many(
        self,
        records: Sequence[tuple[Prepared, str | None]],
        *,
        origin: str = "api",
        failures: Sequence[tuple[str, str | None, str | None]] = (),
    ) -> None:
        """Store several records and journal their input files in one transaction.

        `records` are (record, input path or None); JSON not yet written is written
        first, atomically, so the index never names a file that is not there.
        `failures` are (input path, sha256, reason), journalled in the same transaction.
        """
        for prepared, path in records:
            write_record(self.root, prepared)
            if path is not None:
                # the review page shows the pages after the inbox has been emptied
                originals.keep_file(self.root, prepared.sha256, Path(path))
        if not records and not failures:
            return
        rows = [self._effective_rows(prepared.sha256, prepared.rows) for prepared, _ in records]
        with index.transaction(self.conn):
            index.write_many(self.conn, rows)
            done = [
                index.JournalEntry(
                    path,
                    state="success",
                    origin=origin,
                    sha256=prepared.sha256,
                    pipeline_version=prepared.pipeline_version,
                )
                for prepared, path in records
                if path is not None
            ]
            failed = [
                index.JournalEntry(path, state="failure", origin=origin, sha256=sha, reason=reason)
                for path, sha, reason in failures
            ]
            index.journal(self.conn, done + failed)

    def machine(self, sha256: str) -> Directive | None:
        """The record as the pipeline made it, without a clerk's corrections."""
        if not _is_sha256(sha256):
            return None  # also keeps a name from the outside from becoming a path
        path = self.json_path(sha256)
        if not path.exists():
            return None
        return Directive.model_validate_json(path.read_bytes())

    def get(self, sha256: str) -> Directive | None:
        """The effective record: the machine's, with the clerk's corrections applied."""
        record = self.machine(sha256)
        if record is None:
            return None
        record = corrections.effective(self.root, record, sha256).record
        primary = self.conn.execute(
            "SELECT primary_sha256 FROM sources WHERE sha256 = ?", (sha256,)).fetchone()
        if primary is not None:
            group = self.conn.execute(
                "SELECT sha256, primary_sha256, rank, file_name, kind FROM sources"
                " WHERE primary_sha256 = ? ORDER BY sha256 != primary_sha256, rank DESC, sha256",
                (primary[0],)).fetchall()
            record.sources = _sources(group)
        return record

    def records(self) -> Iterator[Directive]:
        """Every effective record, in the index's order (date, number); unreadable files are
        skipped."""
        rows = self.conn.execute(
            "SELECT sha256, json_file FROM documents ORDER BY date, number, sha256"
        ).fetchall()
        corrected = corrections.corrected(self.root)
        groups = sources.listed(self.conn)
        for row in rows:
            try:
                record = Directive.model_validate_json((self.root / row["json_file"]).read_bytes())
                if row["sha256"] in corrected:
                    record = corrections.effective(self.root, record, row["sha256"]).record
            except (OSError, ValidationError, StoreError):
                continue
            record.sources = _sources(groups.get(row["sha256"], []))
            yield record

    def done_tasks(self) -> set[tuple[str, str]]:
        """(sha256, task id) of every task a clerk marked done."""
        rows = self.conn.execute("SELECT sha256, task_id FROM tasks_done").fetchall()
        return {(row[0], row[1]) for row in rows}

    # -- a clerk's corrections -------------------------------------------------------------
    def correct(
        self, sha256: str, changes: list[tuple[str, Any]], *, by: str | None = None
    ) -> corrections.Layer:
        """Add corrections (field path, new value) to a document and index its new values."""
        machine = self._machine_or_fail(sha256)
        layer = corrections.correct(self.root, machine, sha256, changes, by=by)
        self.refresh(sha256)
        return layer

    def review(self, sha256: str, *, by: str | None = None, reviewed: bool = True) -> None:
        self._machine_or_fail(sha256)
        corrections.review(self.root, sha256, by=by, reviewed=reviewed)
        self.refresh(sha256)

    def mark_done(
        self, sha256: str, task_id: str, *, done: bool = True, by: str | None = None
    ) -> None:
        """Mark a task done (`tasks(open=True)` leaves it out) or open again."""
        machine = self._machine_or_fail(sha256)
        record = corrections.effective(self.root, machine, sha256).record
        if done and task_id not in {t.id for t in record.tasks}:
            raise NotFoundError(f"{sha256}: no task {task_id} in this document")
        corrections.mark_done(self.root, sha256, task_id, done=done, by=by)
        self.refresh(sha256)

    def layer(self, sha256: str) -> corrections.Layer | None:
        return corrections.load(self.root, sha256)

    def refresh(self, sha256: str) -> None:
        """Index one document again from its JSON file and its corrections."""
        machine = self._machine_or_fail(sha256)
        rows = index.rows(machine, sha256=sha256, json_file=json_name(sha256))
        with index.transaction(self.conn):
            index.write_many(self.conn, [self._effective_rows(sha256, rows, machine)])

    def _machine_or_fail(self, sha256: str) -> Directive:
        record = self.machine(sha256)
        if record is None:
            raise NotFoundError(f"{sha256}: no such document in the store")
        return record

    def _effective_rows(
        self, sha256: str, rows: index.IndexRows, machine: Directive | None = None
    ) -> index.IndexRows:
        """The index rows of the effective record: the machine's rows unless a clerk worked
        on the document (a stat per record: no layer is the usual case in a batch)."""
        try:
            layer = corrections.load(self.root, sha256)
        except StoreError:
            return rows  # a damaged corrections file must not stop a batch; `reindex` says so
        if layer is None:
            return rows
        if layer.corrections:
            machine = machine or self.machine(sha256)
            if machine is None:
                return rows
            applied = corrections.apply(machine, layer)
            rows = index.rows(applied.record, sha256=sha256, json_file=json_name(sha256))
            stale = len(applied.stale)
        else:
            stale = 0
        rows.done = [
            (sha256, task_id, mark.at.isoformat(timespec="seconds"), mark.by)
            for task_id, mark in layer.done.items()
        ]
        reviewed = layer.reviewed
        rows.review = (
            sha256,
            reviewed.at.isoformat(timespec="seconds") if reviewed else None,
            reviewed.by if reviewed else None,
            len(layer.corrections),
            stale,
        )
        return rows

    def has(
        self,
        sha256: str,
        pipeline_version: str | None = __version__,
        rules_fingerprint: str | None = CURRENT,
    ) -> bool:
        """Whether a record of this content is stored (as its document's record or as
        another source of it), made by this pipeline version and these rules and models
        (None: any version, any rules)."""
        sql, args = "SELECT 1 FROM sources WHERE sha256 = ?", [sha256]
        if pipeline_version is not None:
            sql += " AND pipeline_version = ?"
            args.append(pipeline_version)
        if rules_fingerprint is not None:
            current = fingerprint.rules_fingerprint()
            sql += " AND rules_fingerprint = ?"
            args.append(current if rules_fingerprint == CURRENT else rules_fingerprint)
        return self.conn.execute(sql, args).fetchone() is not None

    def reindex(self) -> ReindexReport:
        """Rebuild the derived tables from the JSON files, in one transaction."""
        report = ReindexReport()
        with index.transaction(self.conn):
            for table in index.DERIVED_TABLES:
                self.conn.execute(f"DELETE FROM {table}")
            for path in self.json_files():
                try:
                    record = Directive.model_validate_json(path.read_bytes())
                except (OSError, ValidationError, ValueError) as error:
                    report.errors.append((path.name, _one_line(error)))
                    continue
                sha256 = path.stem
                rows = index.rows(record, sha256=sha256, json_file=path.name)
                try:
                    corrections.load(self.root, sha256)
                except StoreError as error:
                    report.errors.append((f"{corrections.FOLDER}/{sha256}.json", str(error)))
                index.write(self.conn, self._effective_rows(sha256, rows, record))
                report.indexed += 1
        return report

    # -- journal of input files ----------------------------------------------------------
    def mark(self, path: str, *, state: str, origin: str, **fields: Any) -> None:
        with index.transaction(self.conn):
            index.journal(self.conn, [index.JournalEntry(path, state, origin, **fields)])

    def journal_entry(self, path: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM journal WHERE path = ?", (path,)).fetchone()

    def pending(self, origin: str | None = None) -> list[sqlite3.Row]:
        """Input files whose processing started and never finished (a crash, a kill)."""
        sql = "SELECT * FROM journal WHERE state = 'pending'"
        if origin is None:
            return self.conn.execute(sql).fetchall()
        return self.conn.execute(sql + " AND origin = ?", (origin,)).fetchall()

    # -- queries ---------------------------------------------------------------------
    def tasks(self, **filters: Any) -> list[query.TaskRow]:
        """Tasks matching the filters of `query.TaskFilter` (owner, due_before, text, ...)."""
        return query.tasks(self.conn, query.TaskFilter(**filters))

    def documents(self, **filters: Any) -> list[query.DocumentRow]:
        return query.documents(self.conn, query.TaskFilter(**filters))

    def sql(self, statement: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run one read-only SELECT on a separate read-only connection."""
        return query.read_only_sql(self.index_path, statement)

    # -- housekeeping ------------------------------------------------------------------
    def _clean_stale_temp_files(self) -> None:
        cutoff = time.time() - _STALE_TMP_SECONDS
        for tmp in self.root.glob(".*.tmp"):
            try:
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
            except OSError:
                continue


def _sources(rows: list[sqlite3.Row]) -> list[Source]:
    """The document's files, when it came as more than one (a lone file lists nothing)."""
    if len(rows) < 2:
        return []
    return [
        Source(sha256=r["sha256"], file_name=r["file_name"], kind=r["kind"],
               read_quality=min(max(r["rank"], 0.0), 1.0),
               primary=r["sha256"] == r["primary_sha256"])
        for r in rows
    ]


def _is_sha256(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}"
