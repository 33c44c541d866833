"""The clerk's desk: review page and HTTP API in one FastAPI app over one store.

`create_app(settings)` builds it (tests call it directly); `run(settings)` serves it
with uvicorn, and with `settings.watch` also watches an inbox in a thread of the same
process, so a clerk runs one command.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from vanban import __version__, corpus
from vanban.errors import TooLargeError, VanbanError
from vanban.runs.serve import api, errors, pages
from vanban.runs.serve.settings import ServeSettings
from vanban.runs.serve.state import Desk

HERE = Path(__file__).parent
log = logging.getLogger("vanban.serve")

DESCRIPTION = """Directives in a vanban store, as trackers need them.

Every record returned is the *effective* one: the pipeline's record with the clerk's
corrections applied. Writes (upload, corrections) need `Authorization: Bearer TOKEN`
when the server was started with a token (always when it listens beyond this machine).
Errors come back as `{"error", "reason", "exit_code"}`, the reason as `vanban` prints it.
"""


def create_app(settings: ServeSettings) -> FastAPI:
    settings.check()
    if settings.watch is not None:
        from vanban.runs.watch import check_layout

        check_layout(settings.watch, settings.store)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Opened here, on the event loop's thread, where every handler uses it.
        store = corpus.open(settings.store)
        app.state.desk = Desk(settings=settings, store=store)
        watcher = _start_watcher(settings) if settings.watch else None
        try:
            yield
        finally:
            if watcher is not None:
                watcher()
            store.close()

    app = FastAPI(title="vanban", version=__version__, description=DESCRIPTION,
                  lifespan=lifespan)
    if settings.local:
        # A DNS name rebound to 127.0.0.1 must not reach a server that trusts its origin.
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=[
            "127.0.0.1", "localhost", "[::1]", "::1"])

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        length = request.headers.get("content-length")
        limit = settings.max_upload_bytes + 1_000_000  # the form's own bytes
        if request.method in ("POST", "PUT", "PATCH") and length and length.isdigit() \
                and int(length) > limit:
            error = TooLargeError(f"request of {int(length):,} bytes, over the upload limit of "
                                  f"{settings.max_upload_bytes:,}")
            return _error_response(request, error)
        return await call_next(request)

    @app.exception_handler(VanbanError)
    async def vanban_error(request: Request, error: VanbanError) -> Response:
        return _error_response(request, error)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": "HTTPError", "reason": str(error.detail),
                                 "exit_code": 1}, status_code=error.status_code,
                                headers=getattr(error, "headers", None))
        return pages.error_page(request, str(error.detail), error.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        reason = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        if _wants_json(request):
            return JSONResponse({"error": "RequestValidationError", "reason": reason,
                                 "exit_code": 2}, status_code=422)
        return pages.error_page(request, reason, 422)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/health"


def _error_response(request: Request, error: VanbanError) -> Response:
    status = errors.status_for(error)
    if _wants_json(request):
        return JSONResponse(errors.body(error), status_code=status)
    return pages.error_page(request, str(error), status)


def _start_watcher(settings: ServeSettings):
    """Watch the inbox in a thread with its own store connection; returns a stopper."""
    from vanban.runs.watch import Watcher

    stop = threading.Event()

    def run() -> None:
        try:
            with corpus.open(settings.store) as store:
                Watcher(settings.watch, store).run(stop=stop)
        except VanbanError as error:
            log.error("vanban: watch: %s", error)

    thread = threading.Thread(target=run, name="vanban-watch", daemon=True)
    thread.start()

    def stopper() -> None:
        stop.set()
        thread.join(timeout=30)

    return stopper


def run(settings: ServeSettings) -> None:
    import uvicorn

    app = create_app(settings)
    log.info("vanban serve: http://%s:%d/ (store %s)", settings.host, settings.port,
             settings.store)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info",
                proxy_headers=False, server_header=False)
