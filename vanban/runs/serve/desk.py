"""The two lists a clerk works from: the review queue and the task board.

Both are read from the index (the effective records), with the same filters as
`vanban query`; the filters that need agencies or full text go through
`corpus.query`, the ordering is the desk's own.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import OrderedDict

from pydantic import BaseModel, ConfigDict

from vanban.corpus import query
from vanban.corpus.query import DocumentSummary, TaskFilter, TaskRow


class QueueFilter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str | None = None
    issuer: str | None = None
    doc_type: str | None = None
    number: str | None = None
    owner: str | None = None
    include_co_owners: bool = False
    due_before: dt.date | None = None
    due_after: dt.date | None = None
    overdue: bool = False
    as_of: dt.date | None = None
    open: bool = False
    reviewed: bool | None = None  # None: both, unreviewed first
    limit: int = 50
    offset: int = 0

    def task_filter(self) -> TaskFilter:
        return TaskFilter(**self.model_dump(exclude={"reviewed", "limit", "offset"}))

    def narrows(self) -> bool:
        return any(
            getattr(self, name)
            for name in ("text", "issuer", "doc_type", "number", "owner", "due_before",
                         "due_after", "overdue", "open")
        )


class QueueRow(DocumentSummary):
    confidence: float | None
    text_state: str | None
    status: str
    reviewed_at: dt.datetime | None
    reviewed_by: str | None
    corrections: int
    stale: int


class Queue(BaseModel):
    total: int
    rows: list[QueueRow]


_QUEUE_ORDER = "(r.reviewed_at IS NOT NULL), d.confidence, d.date DESC, d.sha256"


def queue(conn: sqlite3.Connection, f: QueueFilter) -> Queue:
    """Unreviewed documents first, the least certain first among them."""
    where, args = ["1"], []
    if f.narrows():
        condition, args = query.document_where(conn, f.task_filter())
        where.append(f"({condition})")
    if f.reviewed is not None:
        where.append("r.reviewed_at IS NOT NULL" if f.reviewed else "r.reviewed_at IS NULL")
    joined = (
        " FROM documents d LEFT JOIN reviews r ON r.sha256 = d.sha256"
        f" WHERE {' AND '.join(where)}"
    )
    # With a filter, the total comes with the page of rows (a window count), so a search
    # runs once, not again for a count; without one, counting apart is cheaper.
    window = f.narrows()
    rows = conn.execute(
        "SELECT d.sha256, d.doc_id, d.number, d.date, d.issuer, d.doc_type, d.subject,"
        " d.file_name, d.task_count, d.confidence, d.text_state, d.status, r.reviewed_at,"
        " r.reviewed_by, coalesce(r.corrections, 0) AS corrections, coalesce(r.stale, 0)"
        f" AS stale, {'count(*) OVER ()' if window else 'NULL'} AS total"
        + joined + f" ORDER BY {_QUEUE_ORDER} LIMIT ? OFFSET ?",
        [*args, max(f.limit, 0), max(f.offset, 0)],
    ).fetchall()
    if rows and window:
        total = rows[0]["total"]
    else:
        total = conn.execute("SELECT count(*)" + joined, args).fetchone()[0]
    return Queue(total=total, rows=[QueueRow.model_validate(dict(row)) for row in rows])


def neighbours(conn: sqlite3.Connection, sha256: str) -> tuple[str | None, str | None]:
    """The documents before and after this one in the queue's order."""
    order = [
        row[0]
        for row in conn.execute(
            "SELECT d.sha256 FROM documents d LEFT JOIN reviews r ON r.sha256 = d.sha256"
            f" ORDER BY {_QUEUE_ORDER}"
        )
    ]
    if sha256 not in order:
        return None, None
    at = order.index(sha256)
    return (order[at - 1] if at > 0 else None), (order[at + 1] if at + 1 < len(order) else None)


class BoardTask(BaseModel):
    task: TaskRow
    days_overdue: int  # > 0 overdue, 0 due today, < 0 days left; 0 without a date


class BoardGroup(BaseModel):
    owner: str | None
    overdue: int
    tasks: list[BoardTask]


class Board(BaseModel):
    as_of: dt.date
    total: int
    overdue: int
    groups: list[BoardGroup]


def board(conn: sqlite3.Connection, f: TaskFilter, *, limit: int = 300) -> Board:
    """Open tasks by owner, each owner's in date order; owners with overdue tasks first.

    The index gives the tasks in deadline order (undated last), so the `limit` nearest
    deadlines are taken, overdue ones first, and then grouped.
    """
    as_of = f.as_of or dt.date.today()
    rows = query.tasks(conn, f.model_copy(update={"limit": limit, "as_of": as_of, "open": True}))
    groups: OrderedDict[str | None, list[BoardTask]] = OrderedDict()
    for row in rows:
        late = (as_of - row.deadline_date).days if row.deadline_date else 0
        for owner in row.owners or [None]:
            groups.setdefault(owner, []).append(BoardTask(task=row, days_overdue=late))
    built = [
        BoardGroup(owner=owner, overdue=sum(1 for t in tasks if t.days_overdue > 0), tasks=tasks)
        for owner, tasks in groups.items()
    ]
    # owners with the most overdue work first; then the one whose next deadline is nearest
    built.sort(key=lambda g: (-g.overdue, _first_due(g)))
    return Board(
        as_of=as_of,
        total=len(rows),
        overdue=sum(1 for r in rows if r.deadline_date and r.deadline_date < as_of),
        groups=built,
    )


def _first_due(group: BoardGroup) -> str:
    dates = [t.task.deadline_date for t in group.tasks if t.task.deadline_date]
    return min(dates).isoformat() if dates else "9999"
