"""`vanban query`, `vanban sql`, `vanban export`, `vanban reindex`: reading the store."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from vanban import corpus
from vanban.cli import app, say
from vanban.corpus import export as exports
from vanban.errors import VanbanError
from vanban.fsutil import write_atomic
from vanban.names import printable

STORE_HELP = "The output store (default: $VANBAN_STORE, else ./vanban-store)."
OUTPUT_FORMATS = ("table", "json", "csv")


# One option object shared by every command that reads the store.
STORE_OPTION = typer.Option(
    Path(corpus.DEFAULT_STORE), "--store", envvar=corpus.STORE_ENV, help=STORE_HELP
)


def fail(error: VanbanError) -> NoReturn:
    print(f"vanban: {error}", file=sys.stderr)
    raise typer.Exit(code=error.exit_code)


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        message = f"{value!r} is not an ISO date (YYYY-MM-DD)"
        raise typer.BadParameter(message, param_hint=option) from None


def _check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise typer.BadParameter(f"choose one of {', '.join(allowed)}", param_hint="--format")
    return fmt


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def emit_rows(columns: list[str], rows: list[list[Any]], fmt: str, *, title: str = "") -> None:
    if fmt == "json":
        print(
            json.dumps(
                [dict(zip(columns, row, strict=True)) for row in rows],
                ensure_ascii=False,
                indent=2,
                default=_cell,
            )
        )
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[exports.neutral_cell(_cell(v)) for v in row] for row in rows])
    else:
        table = Table(title=title or None, show_lines=False)
        for column in columns:
            # Dates, numbers and ids stay on one line; prose wraps.
            wide = column in ("task", "subject")
            table.add_column(
                column, overflow="fold", no_wrap=column in _NO_WRAP, ratio=3 if wide else None
            )
        for row in rows:
            # record text may hold terminal escapes; rich markup is not read from it
            table.add_row(*(Text(printable(_cell(v), newlines=True)) for v in row))
        Console().print(table)


_NO_WRAP = {"due", "document", "date", "number", "tasks"}


@app.command()
def query(
    store: Path = STORE_OPTION,
    owner: str | None = typer.Option(None, help="Task owner, fuzzy: 'so noi vu' finds Sở Nội vụ."),
    co_owners: bool = typer.Option(False, "--co-owners", help="--owner also matches co-owners."),
    issuer: str | None = typer.Option(None, help="Issuing body, fuzzy."),
    due_before: str | None = typer.Option(None, help="Deadline on or before DATE (ISO)."),
    due_after: str | None = typer.Option(None, help="Deadline on or after DATE (ISO)."),
    overdue: bool = typer.Option(False, help="Deadline before today (or --as-of)."),
    open_only: bool = typer.Option(False, "--open", help="Only tasks no clerk marked done."),
    as_of: str | None = typer.Option(None, help="'Today' for --overdue (ISO date)."),
    doc_type: str | None = typer.Option(None, "--type", help="Document type: 'Kế hoạch', ..."),
    text: str | None = typer.Option(None, help="Full text, accent-insensitive."),
    number: str | None = typer.Option(None, help="Document number (số ký hiệu), or part of it."),
    documents: bool = typer.Option(False, "--documents", help="List documents, not tasks."),
    limit: int | None = typer.Option(None, min=1, max=10_000_000, help="At most N rows."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json | csv"),
) -> None:
    """Tasks (or --documents) matching every filter given, without writing SQL."""
    _check_format(fmt, OUTPUT_FORMATS)
    filters = {
        "owner": owner,
        "include_co_owners": co_owners,
        "issuer": issuer,
        "due_before": _date(due_before, "--due-before"),
        "due_after": _date(due_after, "--due-after"),
        "overdue": overdue,
        "open": open_only,
        "as_of": _date(as_of, "--as-of"),
        "doc_type": doc_type,
        "text": text,
        "number": number,
        "limit": limit,
    }
    try:
        with corpus.open(store, read_only=True) as opened:
            rows = opened.documents(**filters) if documents else opened.tasks(**filters)
    except VanbanError as error:
        fail(error)
    title = f"{len(rows)} {'documents' if documents else 'tasks'}"
    if fmt == "table":
        columns, table = _readable(rows, documents=documents)
        emit_rows(columns, table, fmt, title=title)
        return
    model = corpus.DocumentRow if documents else corpus.TaskRow
    columns = list(model.model_fields)
    emit_rows(columns, [[getattr(row, c) for c in columns] for row in rows], fmt)


def _readable(rows: list[Any], *, documents: bool) -> tuple[list[str], list[list[Any]]]:
    """Few, wide columns for a terminal; json and csv carry every field."""
    if documents:
        return ["date", "number", "type", "subject", "tasks"], [
            [r.date, r.number, r.doc_type, r.subject or r.file_name, r.task_count] for r in rows
        ]
    return ["due", "owners", "task", "document"], [
        [
            r.deadline_date or r.deadline_text or "",
            "\n".join(r.owners),
            f"{r.task_id}. {r.text}",
            # a draft has no number yet: its file name says which document it is
            "\n".join(_cell(v) for v in (r.number or r.file_name or r.doc_id, r.doc_date) if v),
        ]
        for r in rows
    ]


@app.command()
def sql(
    statement: str = typer.Argument(..., help="One SELECT statement."),
    store: Path = STORE_OPTION,
    fmt: str = typer.Option("table", "--format", "-f", help="table | json | csv"),
) -> None:
    """Run a read-only SELECT on the index (tables: documents, tasks, owners, co_owners,
    deadlines, addressees, doc_references, task_agencies, journal, fts)."""
    _check_format(fmt, OUTPUT_FORMATS)
    try:
        with corpus.open(store, read_only=True) as opened:
            columns, rows = opened.sql(statement)
    except VanbanError as error:
        fail(error)
    emit_rows(columns, [list(row) for row in rows], fmt)


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    ics = "ics"
    edxml = "edxml"


def _since(value: str | None) -> dt.datetime | dt.date | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    except ValueError:
        message = f"{value!r} is not an ISO date or time (2024-05-06, 2024-05-06T08:00)"
        raise typer.BadParameter(message, param_hint="--since") from None


@app.command("export")
def export_command(
    store: Path = STORE_OPTION,
    fmt: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f",
                                     help="jsonl | csv | ics | edxml (QCVN 102:2016 headers)"),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help="Write FILE (a folder for edxml), not stdout."),
    since: str | None = typer.Option(None, "--since", help="Only documents processed on or "
                                     "after DATE (ISO; a time too: 2024-05-06T08:00)."),
    excel: bool = typer.Option(False, "--excel", help="CSV for Excel: UTF-8 with a BOM, CRLF."),
    events: bool = typer.Option(False, "--events", help="ICS: all-day VEVENTs, not VTODOs."),
) -> None:
    """Records as JSON Lines, tasks as CSV (one row per task × owner), deadlines as iCalendar,
    documents as edXML message headers (one file per document)."""
    cutoff = _since(since)
    try:
        with corpus.open(store, read_only=True) as opened:
            records = list(exports.since(opened.records(), cutoff))
            done = opened.done_tasks()
    except VanbanError as error:
        fail(error)
    if fmt is ExportFormat.edxml:
        _export_edxml(records, output)
        return
    if fmt is ExportFormat.ics:
        data = exports.to_ics(records, events=events, done=done)  # CRLF, as RFC 5545 wants
    else:
        buffer = io.StringIO(newline="")
        exports.export(records, fmt.value, buffer, excel=excel, done=done)
        data = buffer.getvalue().encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_atomic(output, data)
    say(f"vanban: wrote {output} ({len(records)} documents)")


def _export_edxml(records: list[Any], output: Path | None) -> None:
    from vanban.corpus import edxml
    from vanban.keys import keys_of

    if output is None:
        if len(records) != 1:
            raise typer.BadParameter("edxml writes one file per document: give a folder",
                                     param_hint="--output")
        sys.stdout.buffer.write(edxml.to_edxml(records[0]))
        return
    if output.exists() and not output.is_dir():
        raise typer.BadParameter(f"{output} is a file; edxml needs a folder",
                                 param_hint="--output")
    output.mkdir(parents=True, exist_ok=True)
    for record in records:
        key, _ = keys_of(record, corpus.record_sha256(record))
        write_atomic(output / f"{key}.xml", edxml.to_edxml(record))
    say(f"vanban: wrote {len(records)} edXML headers to {output}")


@app.command()
def reindex(store: Path = STORE_OPTION) -> None:
    """Rebuild the SQLite index from the JSON records (the journal of inputs is kept)."""
    try:
        with corpus.open(store, create=False) as opened:
            report = opened.reindex()
    except VanbanError as error:
        fail(error)
    say(f"vanban: indexed {report.indexed} records in {store}")
    for name, reason in report.errors:
        print(f"vanban: skipped {name}: {reason}", file=sys.stderr)
    if report.errors:
        raise typer.Exit(code=1)
