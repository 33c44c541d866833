"""The review page: queue, one document beside its pages, the task board, upload.

Server-rendered (Jinja2); forms post back here and redirect (303), so every action
works without script; `static/desk.js` adds the field ↔ box links and the keys.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData, UploadFile

from vanban.corpus import corrections
from vanban.corpus.query import TaskFilter
from vanban.runs.serve import desk, view
from vanban.runs.serve.page_images import SpanBoxes, geometry
from vanban.runs.serve.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    TOKEN_COOKIE,
    Unauthorized,
    check_origin,
    check_write,
    new_csrf,
    same_secret,
)
from vanban.runs.serve.state import Desk, get_desk, process_upload
from vanban.runs.serve.strings import FIELD_LABELS, T

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(T=T, FIELD_LABELS=FIELD_LABELS, show_date=view.show_date)
USER_COOKIE = "vanban_user"


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    csrf = request.cookies.get(CSRF_COOKIE) or new_csrf()
    d: Desk | None = getattr(request.app.state, "desk", None)
    response = templates.TemplateResponse(request, name, {
        **context,
        "csrf": csrf,
        "csrf_field": CSRF_FIELD,
        "needs_login": bool(d and d.settings.token_required
                            and TOKEN_COOKIE not in request.cookies),
        "user": request.cookies.get(USER_COOKIE, ""),
    }, status_code=status)
    if CSRF_COOKIE not in request.cookies:
        response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict")
    return response


def error_page(request: Request, reason: str, status: int) -> Response:
    return render(request, "error.html", {"reason": reason, "status": status}, status)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(view.parse_date(value)) if value and value.strip() else None


def _queue_filter(params: dict[str, str]) -> desk.QueueFilter:
    def text(name: str) -> str | None:
        return (params.get(name) or "").strip() or None

    return desk.QueueFilter(
        text=text("q"), issuer=text("issuer"), doc_type=text("type"), owner=text("owner"),
        due_after=_date(text("due_after")), due_before=_date(text("due_before")),
        overdue=params.get("overdue") == "1",
        offset=int(params.get("offset") or 0) if (params.get("offset") or "0").isdigit() else 0,
    )


@router.get("/", response_class=HTMLResponse)
async def queue_page(request: Request) -> Response:
    d = get_desk(request)
    params = dict(request.query_params)
    f = _queue_filter(params)
    result = desk.queue(d.store.conn, f)
    more = {**params, "offset": f.offset + f.limit}
    return render(request, "queue.html", {
        "queue": result, "params": params, "f": f,
        "more_url": "/?" + urlencode(more) if f.offset + f.limit < result.total else None,
        "low": d.settings.low_confidence,
    })


@router.get("/van-ban/{sha256}", response_class=HTMLResponse)
async def document_page(request: Request, sha256: str) -> Response:
    d = get_desk(request)
    machine = d.machine(sha256)
    layer = d.store.layer(sha256)
    record = corrections.apply(machine, layer).record
    pages = geometry(d.root, machine, sha256)
    with SpanBoxes(d.root, machine, sha256) as spans:
        shown = view.build(sha256, record, machine, layer, pages,
                           low_confidence=d.settings.low_confidence, locate=spans.boxes)
    previous, following = desk.neighbours(d.store.conn, sha256)
    return render(request, "document.html", {
        "doc": shown, "record": record, "layer": layer,
        "previous": previous, "next": following,
        "message": T.get(request.query_params.get("msg", ""), ""),
    })


@router.post("/van-ban/{sha256}")
async def save_document(request: Request, sha256: str) -> Response:
    d = get_desk(request)
    form = await request.form()
    check_write(request, d.settings.token, csrf=_field(form, CSRF_FIELD))
    machine = d.machine(sha256)
    record = corrections.apply(machine, d.store.layer(sha256)).record
    changes = _changes(form, record)
    action = _field(form, "action") or "save"
    by = (_field(form, "by") or "").strip()[:80] or None
    reviewed = {"review": True, "unreview": False}.get(action)
    added = d.correct(sha256, changes, by=by, reviewed=reviewed)
    message = "marked_reviewed" if action == "review" else ("saved" if added else "no_change")
    response = RedirectResponse(f"/van-ban/{sha256}?msg={message}", status_code=303)
    if by:
        response.set_cookie(USER_COOKIE, by, httponly=True, samesite="strict")
    return response


def _field(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) else None


def _changes(form: FormData, record) -> list[tuple[str, Any]]:
    """(path, value) for every field the form carries; unchanged ones are dropped later."""
    changes: list[tuple[str, Any]] = []
    task_ids = {t.id for t in record.tasks}
    for key, value in form.multi_items():
        if not isinstance(value, str):
            continue
        if key.startswith("f."):
            path = key[2:]
            if path.endswith("date"):
                value = view.parse_date(value)
            changes.append((path, value))
        elif key.startswith("remove.") and key[7:] in task_ids:
            changes.append((f"tasks[{key[7:]}]", None))
    removed = {path for path, value in changes if value is None and path.endswith("]")}
    changes = [(p, v) for p, v in changes if not any(p.startswith(r + ".") for r in removed)]
    text = (_field(form, "new.text") or "").strip()
    if text:
        new_id = _field(form, "new.id") or "+1"
        changes.append((f"tasks[{new_id}]", {
            "text": text,
            "owners": [n.strip() for n in (_field(form, "new.owners") or "").split(";")
                       if n.strip()],
            "deadline": view.parse_date(_field(form, "new.deadline") or ""),
        }))
    return changes


@router.get("/nhiem-vu", response_class=HTMLResponse)
async def board_page(request: Request) -> Response:
    d = get_desk(request)
    params = dict(request.query_params)
    owner = (params.get("owner") or "").strip() or None
    as_of = _date(params.get("as_of"))
    f = TaskFilter(owner=owner, overdue=params.get("overdue") == "1", as_of=as_of,
                   due_before=_date(params.get("due_before")))
    board = desk.board(d.store.conn, f)
    kept = {k: v for k, v in params.items() if k in ("owner", "as_of", "due_before", "overdue")}
    return render(request, "board.html", {
        "board": board, "params": params, "back": urlencode(kept),
        "just_done": params.get("xong", "").split(":", 1) if ":" in params.get("xong", "")
        else None,
    })


@router.post("/nhiem-vu/xong")
async def task_done(request: Request) -> Response:
    """A task marked done on the board (or open again, from the message after it)."""
    d = get_desk(request)
    form = await request.form()
    check_write(request, d.settings.token, csrf=_field(form, CSRF_FIELD))
    sha256, task_id = _field(form, "sha256") or "", _field(form, "task_id") or ""
    done = _field(form, "done") != "0"
    d.store.mark_done(sha256, task_id, done=done, by=request.cookies.get(USER_COOKIE))
    back = _field(form, "back") or ""
    if done:
        back += ("&" if back else "") + urlencode({"xong": f"{sha256}:{task_id}"})
    return RedirectResponse(f"/nhiem-vu?{back}", status_code=303)


@router.get("/tai-len", response_class=HTMLResponse)
async def upload_page(request: Request) -> Response:
    d = get_desk(request)
    return render(request, "upload.html", {"mb": d.settings.max_upload_bytes // 1_000_000})


@router.post("/tai-len")
async def upload_form(request: Request) -> Response:
    d = get_desk(request)
    form = await request.form()
    check_write(request, d.settings.token, csrf=_field(form, CSRF_FIELD))
    file = form.get("file")
    if not isinstance(file, UploadFile):
        return error_page(request, "no file in the form", 422)
    sha256, _ = await process_upload(d, file)
    return RedirectResponse(f"/van-ban/{sha256}", status_code=303)


@router.get("/dang-nhap", response_class=HTMLResponse)
async def login_page(request: Request) -> Response:
    return render(request, "login.html", {})


@router.post("/dang-nhap")
async def login(request: Request) -> Response:
    d = get_desk(request)
    form = await request.form()
    check_origin(request)
    token = _field(form, "token") or ""
    if d.settings.token is None or not same_secret(token, d.settings.token):
        raise Unauthorized("write refused: wrong token")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response
