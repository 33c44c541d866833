"""Questions a clerk asks of the index, answered without SQL, as typed rows.

"What is due for Sở Nội vụ before 30/6?" is `TaskFilter(owner="so noi vu",
due_before=date(2024, 6, 30))`. Agency names match accent-insensitively and
fuzzily; text matches through the folded full-text index.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process

from vanban.corpus.fold import fold, words
from vanban.corpus.index import connect_readonly
from vanban.errors import QueryError

FUZZY_CUTOFF = 88  # WRatio; below this "so tai chinh" starts to find "Sở Tư pháp"
_SEP = "\x1f"  # joins agency names inside one SQL value; no agency name contains it


class TaskFilter(BaseModel):
    """Every filter is optional; the ones given must all hold. Date bounds are inclusive."""

    model_config = ConfigDict(extra="forbid")

    owner: str | None = None
    include_co_owners: bool = False  # --owner also matches tasks the agency co-owns
    issuer: str | None = None
    due_before: dt.date | None = None
    due_after: dt.date | None = None
    overdue: bool = False  # deadline strictly before as_of (today unless given)
    open: bool = False  # only tasks no clerk has marked done
    as_of: dt.date | None = None
    doc_type: str | None = None
    text: str | None = None
    number: str | None = None
    limit: int | None = None


class TaskRow(BaseModel):
    sha256: str
    position: int
    task_id: str
    parent: str | None
    text: str
    owners: list[str]
    co_owners: list[str]
    deadline_date: dt.date | None
    deadline_text: str | None
    deadline_kind: str | None
    recurrence: str | None
    task_key: str | None = None
    doc_id: str
    number: str | None
    doc_date: dt.date | None
    issuer: str | None
    doc_type: str | None
    subject: str | None
    file_name: str | None


class DocumentSummary(BaseModel):
    """What a list of documents shows of each (a query's rows, the desk's queue)."""

    sha256: str
    doc_id: str
    number: str | None
    date: dt.date | None
    issuer: str | None
    doc_type: str | None
    subject: str | None
    file_name: str | None
    task_count: int


class DocumentRow(DocumentSummary):
    status: str
    pipeline_version: str
    processed_at: dt.datetime


def match_names(wanted: str, candidates: list[str]) -> list[str]:
    """Folded candidate names that `wanted` designates, best tier first.

    Tiers, first non-empty wins: the folded words appear in the name ("so noi vu" in
    "so noi vu tinh"), then rapidfuzz for typos. The first tier keeps "so noi vu" from
    also finding "so ngoai vu", which is only one edit away. Initials are no tier: "SNV"
    would be both; agency codes are normalize/'s job (a table of them).
    """
    target = fold(wanted)
    if not target:
        return []
    pattern = re.compile(rf"(?<!\w){re.escape(target)}(?!\w)")
    found = [name for name in candidates if pattern.search(name)]
    if found:
        return found
    scored = process.extract(
        target, candidates, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF, limit=None
    )
    if not scored:
        return []
    best = max(score for _, score, _ in scored)
    return [name for name, score, _ in scored if score >= best - 3]


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression: every folded word must occur (quoted, so no operators)."""
    tokens = words(text)
    return " ".join(f'"{token}"' for token in tokens) if tokens else None


def _where(conn: sqlite3.Connection, f: TaskFilter, *, on_tasks: bool) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if f.issuer:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT issuer_folded FROM documents WHERE issuer_folded != ''"
            )
        ]
        hits = match_names(f.issuer, names)
        clauses.append(f"d.issuer_folded IN ({','.join('?' * len(hits)) or 'NULL'})")
        args += hits
    if f.doc_type:
        # "ke hoach" finds "Kế hoạch"; "KH" (the code in a number) finds it too.
        clauses.append("(instr(fold(d.doc_type), ?) > 0 OR instr(fold(d.number), ?) > 0)")
        args += [fold(f.doc_type), f"/{fold(f.doc_type)}-"]
    if f.number:
        clauses.append("instr(fold(d.number), ?) > 0")
        args.append(fold(f.number))
    expression = fts_query(f.text) if f.text else None
    if f.text and expression is None:
        clauses.append("0")
    if not on_tasks:
        if expression:
            clauses.append(
                "d.sha256 IN (SELECT sha256 FROM fts WHERE fts MATCH ? AND kind = 'document')"
            )
            args.append(expression)
        return " AND ".join(clauses) or "1", args

    if f.owner:
        roles = ("owner", "co_owner") if f.include_co_owners else ("owner",)
        marks = ",".join("?" * len(roles))
        names = [
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT name_folded FROM task_agencies WHERE role IN ({marks})", roles
            )
        ]
        hits = match_names(f.owner, names)
        # IN, not a correlated EXISTS: SQLite then starts from the name index (a few
        # hundred rows) instead of probing it once per task (10x faster on 40k tasks).
        clauses.append(
            "(t.sha256, t.position) IN (SELECT a.sha256, a.position FROM task_agencies a"
            f" WHERE a.role IN ({marks})"
            f" AND a.name_folded IN ({','.join('?' * len(hits)) or 'NULL'}))"
        )
        args += [*roles, *hits]
    if f.open:
        clauses.append(
            "NOT EXISTS (SELECT 1 FROM tasks_done x WHERE x.sha256 = t.sha256"
            " AND x.task_id = t.task_id)"
        )
    if f.due_before:
        clauses.append("t.deadline_date <= ?")
        args.append(f.due_before.isoformat())
    if f.due_after:
        clauses.append("t.deadline_date >= ?")
        args.append(f.due_after.isoformat())
    if f.overdue:
        clauses.append("t.deadline_date < ?")
        args.append((f.as_of or dt.date.today()).isoformat())
    if expression:
        clauses.append(
            "(t.sha256, CAST(t.position AS TEXT)) IN "
            "(SELECT sha256, task_id FROM fts WHERE fts MATCH ? AND kind = 'task')"
        )
        args.append(expression)
    return " AND ".join(clauses) or "1", args


def _agencies(role: str) -> str:
    return (
        f"(SELECT group_concat(name, char(31)) FROM (SELECT name FROM task_agencies a"
        f" WHERE a.sha256 = t.sha256 AND a.position = t.position AND a.role = '{role}'"
        f" ORDER BY a.rowid))"
    )


def tasks(conn: sqlite3.Connection, f: TaskFilter) -> list[TaskRow]:
    """Matching tasks by deadline (undated last), then the document's date and number.

    Dated tasks are read in the deadline index's order, then the undated ones: the order
    of one `ORDER BY deadline IS NULL, deadline, ...` without sorting every task first,
    so a LIMIT reads little more than the rows it keeps (the desk's board: 1 ms instead
    of 140 on 40,000 tasks).
    """
    where, args = _where(conn, f, on_tasks=True)
    rows: list[TaskRow] = []
    for dated in (True, False):
        remaining = None if f.limit is None else int(f.limit) - len(rows)
        if remaining is not None and remaining <= 0:
            break
        rows += _tasks_part(conn, where, args, dated=dated, limit=remaining)
    return rows


def _tasks_part(
    conn: sqlite3.Connection, where: str, args: list[Any], *, dated: bool, limit: int | None
) -> list[TaskRow]:
    if dated:
        part, order = "t.deadline_date IS NOT NULL", "t.deadline_date, "
    else:
        part, order = "t.deadline_date IS NULL", ""
    # The tasks are chosen and ordered first, their agencies gathered after: a LIMIT then
    # spares the two subqueries for every task it leaves out.
    chosen = (
        "SELECT t.sha256, t.position, t.task_id, t.parent, t.text,"
        " t.deadline_date, t.deadline_text, t.deadline_kind, t.recurrence, t.task_key,"
        " d.doc_id, d.number, d.date AS doc_date, d.issuer, d.doc_type, d.subject, d.file_name"
        " FROM tasks t JOIN documents d ON d.sha256 = t.sha256"
        f" WHERE ({where}) AND {part}"
        f" ORDER BY {order}d.date, d.number, t.sha256, t.position"
    )
    if limit is not None:
        chosen += f" LIMIT {limit}"
    sql = (
        f"SELECT t.*, {_agencies('owner')} AS owners, {_agencies('co_owner')} AS co_owners"
        f" FROM ({chosen}) t ORDER BY {order}t.doc_date, t.number, t.sha256, t.position"
    )
    rows = []
    for row in conn.execute(sql, args):
        data = dict(row)
        data["owners"] = data["owners"].split(_SEP) if data["owners"] else []
        data["co_owners"] = data["co_owners"].split(_SEP) if data["co_owners"] else []
        rows.append(TaskRow.model_validate(data))
    return rows


def document_where(conn: sqlite3.Connection, f: TaskFilter) -> tuple[str, list[Any]]:
    """The condition on `documents d` that `documents` applies, for other views of them
    (the review queue orders them its own way)."""
    where, args = _where(conn, f, on_tasks=False)
    task_filters = (f.owner, f.due_before, f.due_after, f.overdue, f.open)
    if any(task_filters):
        # A document qualifies when one of its tasks does.
        task_where, task_args = _where(conn, f.model_copy(update={"text": None}), on_tasks=True)
        where += (
            " AND d.sha256 IN (SELECT t.sha256 FROM tasks t JOIN documents d"
            f" ON d.sha256 = t.sha256 WHERE {task_where})"
        )
        args += task_args
    return where, args


def documents(conn: sqlite3.Connection, f: TaskFilter) -> list[DocumentRow]:
    where, args = document_where(conn, f)
    sql = (
        "SELECT sha256, doc_id, number, date, issuer, doc_type, subject, file_name, task_count,"
        " status, pipeline_version, processed_at FROM documents d"
        f" WHERE {where} ORDER BY d.date, d.number, d.sha256"
    )
    if f.limit is not None:
        sql += f" LIMIT {int(f.limit)}"
    return [DocumentRow.model_validate(dict(row)) for row in conn.execute(sql, args)]


# Possessive: "(\s+|...)*" splits a run of n spaces in 2^n ways before it gives up.
_LEADING_COMMENTS = re.compile(r"^(?:\s++|--[^\n]*+\n?|/\*.*?\*/)*+", re.S)


SQL_SECONDS = 30.0  # a recursive CTE without an end must not run forever
SQL_MAX_ROWS = 1_000_000


def read_only_sql(
    index_path: Path, statement: str, *, seconds: float = SQL_SECONDS, max_rows: int = SQL_MAX_ROWS
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one SELECT (or WITH ... SELECT) on a connection SQLite itself keeps read-only,
    for at most `seconds` and `max_rows` rows."""
    body = _LEADING_COMMENTS.sub("", statement)
    keyword = body.split(None, 1)[0].upper() if body.strip() else ""
    if keyword not in ("SELECT", "WITH"):
        raise QueryError("only SELECT statements are allowed (the index is opened read-only)")
    conn = connect_readonly(index_path)
    deadline = time.monotonic() + seconds
    # SQLite calls this every 10,000 steps; a true answer interrupts the statement
    conn.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    try:
        conn.execute("PRAGMA query_only = ON")
        cursor = conn.execute(statement)
        columns = [d[0] for d in cursor.description or []]
        rows = [tuple(row) for row in cursor.fetchmany(max_rows + 1)]
    except (sqlite3.Error, sqlite3.Warning) as error:
        if time.monotonic() > deadline:
            raise QueryError(f"the query ran past its limit of {seconds:g} s") from None
        raise QueryError(f"SQL error: {error}") from None
    finally:
        conn.close()
    if len(rows) > max_rows:
        raise QueryError(f"more than {max_rows:,} rows; narrow the query or add a LIMIT")
    return columns, rows
