"""The HTTP API for trackers and scripts: the same store, filters and exports as the CLI.

Every record it returns is the effective one (machine + corrections). OpenAPI at /docs.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from vanban import __version__
from vanban.corpus import export as exports
from vanban.corpus.corrections import Correction, Layer
from vanban.corpus.query import TaskFilter, TaskRow
from vanban.errors import NotFoundError
from vanban.models import Directive
from vanban.runs.serve import desk
from vanban.runs.serve.state import Desk, get_desk, process_upload, write_guard

router = APIRouter()
DeskDep = Annotated[Desk, Depends(get_desk)]


class ErrorBody(BaseModel):
    error: str = Field(description="The exception's name, as `vanban` reports it.")
    reason: str
    exit_code: int


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 413, 415, 422)
}


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    documents: int
    watching: str | None
    writes_need_token: bool


@router.get("/health", response_model=Health, tags=["health"])
async def health(d: DeskDep) -> Health:
    count = d.store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    return Health(status="ok", version=__version__, documents=count,
                  watching=str(d.settings.watch) if d.settings.watch else None,
                  writes_need_token=d.settings.token_required)


def _filters(
    owner: str | None = Query(None, description="Task owner, fuzzy: 'so noi vu'."),
    co_owners: bool = Query(False, description="--owner also matches co-owners."),
    issuer: str | None = Query(None, description="Issuing body, fuzzy."),
    due_before: dt.date | None = Query(None, description="Deadline on or before (ISO)."),
    due_after: dt.date | None = Query(None, description="Deadline on or after (ISO)."),
    overdue: bool = Query(False, description="Deadline before today (or as_of)."),
    as_of: dt.date | None = Query(None, description="'Today' for overdue."),
    type: str | None = Query(None, description="Document type: 'Kế hoạch', 'ke hoach', 'KH'."),
    text: str | None = Query(None, description="Full text, accent-insensitive."),
    number: str | None = Query(None, description="Số ký hiệu, or part of it."),
    open: bool = Query(False, description="Only tasks no clerk has marked done."),
) -> dict[str, Any]:
    return {
        "owner": owner, "include_co_owners": co_owners, "issuer": issuer,
        "due_before": due_before, "due_after": due_after, "overdue": overdue, "as_of": as_of,
        "doc_type": type, "text": text, "number": number, "open": open,
    }


Filters = Annotated[dict[str, Any], Depends(_filters)]


@router.get("/api/documents", response_model=desk.Queue, tags=["documents"], responses=ERRORS)
async def list_documents(
    d: DeskDep,
    filters: Filters,
    reviewed: bool | None = Query(None, description="Only reviewed (true) or unreviewed."),
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0),
) -> desk.Queue:
    """Documents in the review queue's order: unreviewed first, least certain first."""
    f = desk.QueueFilter(**filters, reviewed=reviewed, limit=limit, offset=offset)
    return desk.queue(d.store.conn, f)


@router.get("/api/documents/{sha256}", response_model=Directive, tags=["documents"],
            responses=ERRORS)
async def get_document(d: DeskDep, sha256: str) -> Directive:
    """The effective record: the machine's, with the clerk's corrections applied."""
    return d.effective(sha256)


@router.get("/api/documents/{sha256}/machine", response_model=Directive, tags=["documents"],
            responses=ERRORS)
async def get_machine_record(d: DeskDep, sha256: str) -> Directive:
    """The record as the pipeline made it, without corrections."""
    return d.machine(sha256)


class CorrectionsOut(BaseModel):
    layer: Layer
    stale: list[Correction] = Field(description="Corrections whose field no longer exists.")


@router.get("/api/documents/{sha256}/corrections", response_model=CorrectionsOut,
            tags=["corrections"], responses=ERRORS)
async def get_corrections(d: DeskDep, sha256: str) -> CorrectionsOut:
    layer, stale = d.layer(sha256)
    return CorrectionsOut(layer=layer, stale=stale)


class Change(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str = Field(examples=["tasks[II.1].owners"], description="The field to change.")
    value: Any = Field(description="New value; names as a list for owners, ISO for dates; "
                                   "null removes a task, an object adds one.")


class CorrectionsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    changes: list[Change] = Field(default_factory=list)
    reviewed: bool | None = Field(default=None, description="Mark reviewed (true) or not.")
    done: dict[str, bool] = Field(default_factory=dict, examples=[{"II.1": True}],
                                  description="Mark tasks done (true) or open again, by id.")
    by: str | None = Field(default=None, description="Who made them.")


@router.patch("/api/documents/{sha256}/corrections", response_model=Directive,
              tags=["corrections"], responses=ERRORS, dependencies=[Depends(write_guard)])
async def patch_corrections(d: DeskDep, sha256: str, body: CorrectionsIn) -> Directive:
    """Add corrections (kept as their own layer) and return the effective record."""
    d.correct(sha256, [(c.path, c.value) for c in body.changes], by=body.by,
              reviewed=body.reviewed)
    for task_id, done in body.done.items():
        d.store.mark_done(sha256, task_id, done=done, by=body.by)
    return d.effective(sha256)


@router.post("/api/documents", response_model=Directive, status_code=201, tags=["documents"],
             responses={200: {"model": Directive, "description": "Already in the store."},
                        **ERRORS},
             dependencies=[Depends(write_guard)])
async def upload_document(d: DeskDep, file: UploadFile = File(...)) -> Response:
    """Process a file as if dropped in the watched folder; the effective record comes back."""
    sha256, created = await process_upload(d, file)
    record = d.effective(sha256)
    return JSONResponse(record.model_dump(mode="json"), status_code=201 if created else 200,
                        headers={"Location": f"/api/documents/{sha256}"})


@router.get("/api/tasks", response_model=list[TaskRow], tags=["tasks"], responses=ERRORS)
async def list_tasks(
    d: DeskDep, filters: Filters, limit: int | None = Query(None, ge=1)
) -> list[TaskRow]:
    """Tasks matching every filter given: the filters of `vanban query`."""
    return d.store.tasks(**TaskFilter(**filters, limit=limit).model_dump())


_MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8",
          "ics": "text/calendar; charset=utf-8"}


@router.get("/api/export/{fmt}", tags=["exports"], responses={
    200: {"content": {m.split(";")[0]: {} for m in _MEDIA.values()}}, **ERRORS})
async def export(d: DeskDep, fmt: Literal["jsonl", "csv", "ics"]) -> Response:
    """Every effective record: JSON Lines, tasks as CSV, deadlines as iCalendar."""
    records, done = list(d.store.records()), d.store.done_tasks()  # done: as on the board
    if fmt == "ics":
        data = exports.to_ics(records, done=done)
    else:
        buffer = io.StringIO(newline="")
        exports.export(records, fmt, buffer, done=done)
        data = buffer.getvalue().encode("utf-8")
    return Response(data, media_type=_MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="vanban.{fmt}"'})


@router.get("/api/documents/{sha256}/pages/{number}.png", tags=["documents"],
            responses={200: {"content": {"image/png": {}}}, **ERRORS})
async def page_image(d: DeskDep, sha256: str, number: int, request: Request) -> Response:
    """A page of the original, as the review page shows it."""
    path = await d.page_png(sha256, number)
    if path is None:
        raise NotFoundError(f"{sha256}: no page {number} to show")
    return Response(path.read_bytes(), media_type="image/png",
                    headers={"Cache-Control": "private, max-age=3600"})
