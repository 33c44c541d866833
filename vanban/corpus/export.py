"""Exports for task trackers, each a view of the records (never of a parallel structure).

- JSON Lines: one `Directive` per line.
- CSV: one row per task × owner (a task without an owner still gets one row).
- iCalendar (RFC 5545): one VTODO per task with a dated deadline.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from typing import TextIO

from icalendar import Calendar, Todo

from vanban import __version__
from vanban.corpus.store import record_sha256
from vanban.models import Directive, Task

FORMATS = ("jsonl", "csv", "ics")

CSV_COLUMNS = (
    "doc_number",
    "doc_date",
    "issuer",
    "doc_type",
    "subject",
    "task_id",
    "task_text",
    "owner",
    "co_owners",
    "deadline_date",
    "deadline_text",
    "deadline_kind",
    "recurrence",
    "sha256",
    "file_name",
)
_SUMMARY_CHARS = 120


def write_jsonl(records: Iterable[Directive], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(record.model_dump_json() + "\n")
        count += 1
    return count


def task_rows(records: Iterable[Directive]) -> Iterator[dict[str, str]]:
    for record in records:
        base = {
            "doc_number": record.number or "",
            "doc_date": record.date.isoformat() if record.date else "",
            "issuer": record.issuer.name if record.issuer else "",
            "doc_type": record.doc_type or "",
            "subject": record.subject or "",
            "sha256": record_sha256(record),
            "file_name": record.provenance.file_name or "",
        }
        for task in record.tasks:
            deadline = task.deadline
            row = {
                **base,
                "task_id": task.id,
                "task_text": task.text,
                "co_owners": "; ".join(a.name for a in task.co_owners),
                "deadline_date": deadline.date.isoformat() if deadline and deadline.date else "",
                "deadline_text": deadline.text if deadline else "",
                "deadline_kind": deadline.kind if deadline else "",
                "recurrence": (deadline.recurrence or "") if deadline else "",
            }
            for owner in task.owners or [None]:
                yield {**row, "owner": owner.name if owner else ""}


# OWASP's rule against formula injection: a spreadsheet runs a cell that starts with
# one of these (=HYPERLINK(...), +cmd|...), so such a cell gets a leading apostrophe,
# which Excel and LibreOffice show as text and hide.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral_cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def write_csv(records: Iterable[Directive], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in task_rows(records):
        writer.writerow({key: neutral_cell(value) if isinstance(value, str) else value
                         for key, value in row.items()})
        count += 1
    return count


def todo_uid(sha256: str, position: int, task: Task) -> str:
    """Stable across exports: the same content and task give the same UID."""
    digest = hashlib.sha256(f"{sha256}:{position}:{task.id}".encode()).hexdigest()[:32]
    return f"{digest}@vanban"


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def to_ics(records: Iterable[Directive]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//vanban//vanban {__version__}//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for record in records:
        sha256 = record_sha256(record)
        # DTSTAMP from the record, not the clock, so two exports of one store are identical.
        stamp = _utc(record.provenance.processed_at)
        source = ", ".join(
            part
            for part in (
                f"số {record.number}" if record.number else None,
                f"ngày {record.date.isoformat()}" if record.date else None,
                record.issuer.name if record.issuer else None,
            )
            if part
        )
        for position, task in enumerate(record.tasks):
            if task.deadline is None or task.deadline.date is None:
                continue
            owners = [a.name for a in task.owners]
            title = (
                task.text
                if len(task.text) <= _SUMMARY_CHARS
                else (task.text[: _SUMMARY_CHARS - 1].rstrip() + "…")
            )
            todo = Todo()
            todo.add("uid", todo_uid(sha256, position, task))
            todo.add("dtstamp", stamp)
            todo.add("due", task.deadline.date)
            todo.add("summary", f"{'; '.join(owners)}: {title}" if owners else title)
            lines = [
                task.text,
                "",
                f"Thời hạn: {task.deadline.text}",
                f"Nhiệm vụ {task.id}" + (f" — {source}" if source else ""),
            ]
            if record.subject:
                lines.append(f"V/v {record.subject}")
            if task.co_owners:
                lines.append("Phối hợp: " + "; ".join(a.name for a in task.co_owners))
            todo.add("description", "\n".join(lines))
            todo.add("status", "NEEDS-ACTION")
            if owners:
                todo.add("categories", owners)
            calendar.add_component(todo)
    return calendar.to_ical()


def export(records: Iterable[Directive], fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        write_jsonl(records, out)
    elif fmt == "csv":
        write_csv(records, out)
    elif fmt == "ics":
        out.write(to_ics(records).decode("utf-8"))
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
