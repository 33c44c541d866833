"""What every request shares: the settings, the store (one SQLite connection, used only
on the event loop's thread), and the one upload processed at a time."""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request, UploadFile
from starlette.concurrency import run_in_threadpool

from vanban.corpus import corrections
from vanban.corpus.store import Store
from vanban.errors import NotFoundError, VanbanError
from vanban.models import Directive
from vanban.runs.serve import page_images, upload
from vanban.runs.serve.security import check_write
from vanban.runs.serve.settings import ServeSettings


@dataclass
class Desk:
    settings: ServeSettings
    store: Store
    # OCR takes the cores; a second upload waits rather than halving the first one's speed
    processing: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(1))

    @property
    def root(self) -> Path:
        return self.store.root

    def machine(self, sha256: str) -> Directive:
        record = self.store.machine(sha256)
        if record is None:
            raise NotFoundError(f"{sha256}: no such document in the store")
        return record

    def effective(self, sha256: str) -> Directive:
        machine = self.machine(sha256)
        return corrections.effective(self.root, machine, sha256).record

    def layer(self, sha256: str) -> tuple[corrections.Layer, list[corrections.Correction]]:
        machine = self.machine(sha256)
        layer = self.store.layer(sha256) or corrections.Layer(sha256=sha256)
        return layer, corrections.apply(machine, layer).stale

    def correct(self, sha256: str, changes: list[tuple[str, Any]], *, by: str | None,
                reviewed: bool | None = None) -> int:
        """Add the corrections that change something; how many that was."""
        self.machine(sha256)
        added = 0
        if changes:
            before = len((self.store.layer(sha256) or corrections.Layer(sha256=sha256))
                         .corrections)
            added = len(self.store.correct(sha256, changes, by=by).corrections) - before
        if reviewed is not None:
            self.store.review(sha256, by=by, reviewed=reviewed)
        return added

    async def page_png(self, sha256: str, number: int) -> Path | None:
        self.machine(sha256)
        return await run_in_threadpool(page_images.page_png, self.root, sha256, number,
                                       dpi=self.settings.page_dpi)


def get_desk(request: Request) -> Desk:
    return request.app.state.desk


async def write_guard(request: Request) -> None:
    """A dependency of every API write: origin, CSRF (from the page), token."""
    check_write(request, get_desk(request).settings.token)


async def process_upload(d: Desk, file: UploadFile) -> tuple[str, bool]:
    """Store the posted file's record; (sha256, whether it is new)."""
    name = upload.safe_name(file.filename)
    data = await file.read(d.settings.max_upload_bytes + 1)
    upload.check(data, name, max_bytes=d.settings.max_upload_bytes)
    sha256 = hashlib.sha256(data).hexdigest()
    if d.store.has(sha256):
        return sha256, False  # as the watcher does: each content is processed once
    async with d.processing:
        try:
            kind = upload.check(data, name, max_bytes=d.settings.max_upload_bytes)
            record = await run_in_threadpool(upload.process_upload, data, name, kind)
        except VanbanError as error:
            upload.record_failure(d.store, data, error)
            raise
    upload.store_upload(d.store, data, record)
    return sha256, True
