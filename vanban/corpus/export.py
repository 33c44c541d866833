"""Exports for task trackers, each a view of the records (never of a parallel structure).

- JSON Lines: one `Directive` per line.
- CSV: one row per task × owner (a task without an owner still gets one row), keyed by
  the task's stable key, with a short title beside the full text.
- iCalendar (RFC 5545): one VTODO (or, for calendars that show only events, one all-day
  VEVENT) per task with a dated or recurring deadline; recurring duties carry an RRULE.
- edXML (QCVN 102:2016): one message header per document (`vanban.corpus.edxml`).

Every task is identified by its key (`vanban.keys`), so a tracker that imports the same
store twice updates its items instead of duplicating them.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from icalendar import Calendar, Event, Todo, vRecur

from vanban import __version__
from vanban.corpus.recurrence import recurrence
from vanban.corpus.store import record_sha256
from vanban.keys import keys_of
from vanban.models import Directive, Task

FORMATS = ("jsonl", "csv", "ics", "edxml")

CSV_COLUMNS = (
    "task_key",
    "title",
    "task_text",
    "status",
    "owner",
    "co_owners",
    "deadline_date",
    "deadline_text",
    "deadline_kind",
    "recurrence",
    "doc_key",
    "doc_number",
    "doc_date",
    "issuer",
    "doc_type",
    "subject",
    "urgency",
    "secrecy",
    "task_id",
    "sha256",
    "file_name",
)
TITLE_CHARS = 120  # Jira's and Redmine's summaries take 255; a title should read at a glance
_CLAUSE_END = re.compile(r"[.;:!?](?=\s|$)|\s[-–]\s")
_MIN_TITLE_WORDS = 4  # "Sở Nội vụ:" alone says who, not what


def title(text: str, limit: int = TITLE_CHARS) -> str:
    """The task's first clause, cut at a word to at most `limit` characters (with '…')."""
    text = " ".join(text.split())
    for match in _CLAUSE_END.finditer(text):
        head = text[: match.start()].strip()
        if len(head.split()) >= _MIN_TITLE_WORDS:
            text = head
            break
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–") + "…"


Done = set[tuple[str, str]]  # (sha256, task id) a clerk marked done: `Store.done_tasks()`


def status(task: Task, as_of: dt.date, *, done: bool = False) -> str:
    """done (a clerk said so) | recurring | overdue (a dated deadline before `as_of`) | open."""
    if done:
        return "done"
    deadline = task.deadline
    if deadline and deadline.kind == "recurring":
        return "recurring"
    if deadline and deadline.date and deadline.date < as_of:
        return "overdue"
    return "open"


def since(records: Iterable[Directive], moment: dt.datetime | dt.date | None
          ) -> Iterator[Directive]:
    """Records processed at or after `moment` (a date means its start, UTC)."""
    if moment is None:
        yield from records
        return
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time(), tzinfo=dt.UTC)
    cutoff = _utc(moment)
    for record in records:
        if _utc(record.provenance.processed_at) >= cutoff:
            yield record


def write_jsonl(records: Iterable[Directive], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(record.model_dump_json() + "\n")
        count += 1
    return count


def task_rows(records: Iterable[Directive], *, as_of: dt.date | None = None,
              done: Done = frozenset()) -> Iterator[dict[str, str]]:
    as_of = as_of or dt.date.today()
    for record in records:
        sha256 = record_sha256(record)
        doc_key, keys = keys_of(record, sha256)
        base = {
            "doc_key": doc_key,
            "doc_number": record.number or "",
            "doc_date": record.date.isoformat() if record.date else "",
            "issuer": record.issuer.name if record.issuer else "",
            "doc_type": record.doc_type or "",
            "subject": record.subject or "",
            "urgency": record.urgency or "",
            "secrecy": record.secrecy or "",
            "sha256": sha256,
            "file_name": record.provenance.file_name or "",
        }
        for task, key in zip(record.tasks, keys, strict=True):
            deadline = task.deadline
            row = {
                **base,
                "task_key": key,
                "title": title(task.text),
                "task_text": task.text,
                "status": status(task, as_of, done=(sha256, task.id) in done),
                "task_id": task.id,
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


def write_csv(records: Iterable[Directive], out: TextIO, *, excel: bool = False,
              as_of: dt.date | None = None, done: Done = frozenset()) -> int:
    """`excel`: a byte-order mark first, so Excel reads the file as UTF-8, and CRLF lines."""
    if excel:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n" if excel else "\n")
    writer.writeheader()
    count = 0
    for row in task_rows(records, as_of=as_of, done=done):
        writer.writerow({key: neutral_cell(value) if isinstance(value, str) else value
                         for key, value in row.items()})
        count += 1
    return count


def task_uid(task_key: str) -> str:
    """The task's iCalendar UID: its key, so it survives rule changes that add other tasks."""
    return f"{hashlib.sha256(task_key.encode()).hexdigest()[:32]}@vanban"


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _source(record: Directive) -> str:
    return ", ".join(
        part
        for part in (
            f"số {record.number}" if record.number else None,
            f"ngày {record.date.isoformat()}" if record.date else None,
            record.issuer.name if record.issuer else None,
        )
        if part
    )


def to_ics(records: Iterable[Directive], *, events: bool = False,
           done: Done = frozenset()) -> bytes:
    """Tasks with a dated or recurring deadline; `events`: all-day VEVENTs, not VTODOs."""
    calendar = Calendar()
    calendar.add("prodid", f"-//vanban//vanban {__version__}//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for record in records:
        sha256 = record_sha256(record)
        _, keys = keys_of(record, sha256)
        # DTSTAMP from the record, not the clock, so two exports of one store are identical.
        stamp = _utc(record.provenance.processed_at)
        anchor = record.date or stamp.date()
        source = _source(record)
        for task, key in zip(record.tasks, keys, strict=True):
            deadline = task.deadline
            if deadline is None:
                continue
            rule = recurrence(deadline, anchor)
            due = deadline.date or (rule.start if rule else None)
            if due is None:
                continue
            owners = [a.name for a in task.owners]
            short = title(task.text)
            item = Event() if events else Todo()
            item.add("uid", task_uid(key))
            item.add("dtstamp", stamp)
            if events:
                item.add("dtstart", due)
                item.add("dtend", due + dt.timedelta(days=1))
                item.add("transp", "TRANSPARENT")
            else:
                item.add("dtstart", due)
                item.add("due", due)
                item.add("status", "COMPLETED" if (sha256, task.id) in done else "NEEDS-ACTION")
            if rule:
                item.add("rrule", vRecur(rule.rule))
            item.add("summary", f"{'; '.join(owners)}: {short}" if owners else short)
            lines = [
                task.text,
                "",
                f"Thời hạn: {deadline.text}",
                f"Nhiệm vụ {task.id}" + (f" — {source}" if source else ""),
                f"Mã: {key}",
            ]
            if record.subject:
                lines.append(f"V/v {record.subject}")
            if task.co_owners:
                lines.append("Phối hợp: " + "; ".join(a.name for a in task.co_owners))
            item.add("description", "\n".join(lines))
            if record.urgency:
                item.add("priority", 1)
            if owners:
                item.add("categories", owners)
            calendar.add_component(item)
    return calendar.to_ical()


def export(records: Iterable[Directive], fmt: str, out: TextIO, *, excel: bool = False,
           events: bool = False, done: Done = frozenset()) -> None:
    if fmt == "jsonl":
        write_jsonl(records, out)
    elif fmt == "csv":
        write_csv(records, out, excel=excel, done=done)
    elif fmt == "ics":
        out.write(to_ics(records, events=events, done=done).decode("utf-8"))
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of jsonl, csv, ics")
