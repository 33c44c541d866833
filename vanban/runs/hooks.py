"""Telling a tracker that a record arrived: a command to run, a URL to POST to.

`watch` and `batch` call `Hooks.record_stored` for each record they store. A hook runs
in a thread of its own, one at a time and in order, so a slow tracker neither slows the
pipeline nor sees records out of order; its failure is logged, never raised: the
record is in the store whatever the tracker does with the news.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import logging
import os
import shlex
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vanban.keys import keys_of
from vanban.models import Directive

log = logging.getLogger("vanban.hooks")

COMMAND_TIMEOUT = 60.0  # seconds for --on-record
POST_TIMEOUT = 10.0  # seconds per --notify attempt
RETRIES = 3  # --notify attempts in all
BACKOFF = 0.5  # seconds before the second attempt, doubled after each


def summary(record: Directive) -> str:
    """One line a person reads in a chat or a tracker's feed."""
    head = " ".join(p for p in (record.doc_type, record.number and f"số {record.number}",
                                record.date and f"ngày {record.date:%d/%m/%Y}") if p)
    issuer = record.issuer.name if record.issuer else None
    parts = [p for p in (head, issuer) if p]
    text = ", ".join(parts) or (record.provenance.file_name or record.doc_id)
    if record.subject:
        text += f": {record.subject}"
    return f"{text} ({len(record.tasks)} nhiệm vụ)"


def payload(record: Directive, sha256: str, path: Path) -> dict[str, Any]:
    key, task_keys = keys_of(record, sha256)
    return {
        "event": "record",
        "key": key,
        "sha256": sha256,
        "summary": summary(record),
        "number": record.number,
        "date": record.date.isoformat() if record.date else None,
        "issuer": record.issuer.name if record.issuer else None,
        "subject": record.subject,
        "urgency": record.urgency,
        "tasks": task_keys,
        "record": str(path),
    }


def run_command(command: str, path: Path, data: dict[str, Any]) -> bool:
    """Run COMMAND with the record's path as its last argument; False (logged) on failure."""
    argv = [*shlex.split(command), str(path)]
    env = {**os.environ, "VANBAN_KEY": data["key"], "VANBAN_SHA256": data["sha256"]}
    try:
        done = subprocess.run(argv, env=env, capture_output=True, timeout=COMMAND_TIMEOUT,
                              check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as error:
        log.warning("--on-record %s: %s", argv[0], error)
        return False
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-1:]
        log.warning("--on-record %s exited %d for %s%s", argv[0], done.returncode, path.name,
                    f": {tail[0]}" if tail else "")
        return False
    return True


def post(url: str, data: dict[str, Any], *, retries: int = RETRIES,
         backoff: float = BACKOFF) -> bool:
    """POST `data` as JSON; retried on connection errors, 5xx and 429, never on other 4xx."""
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    delay = backoff
    for attempt in range(1, retries + 1):
        request = urllib.request.Request(
            url, data=body, method="POST",
            headers={"Content-Type": "application/json; charset=utf-8",
                     "User-Agent": "vanban"})
        try:
            with urllib.request.urlopen(request, timeout=POST_TIMEOUT) as response:
                response.read()
            return True
        except urllib.error.HTTPError as error:
            reason = f"HTTP {error.code}"
            if error.code < 500 and error.code != 429:
                log.warning("--notify %s: %s for %s; not retried", url, reason, data["key"])
                return False
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = str(getattr(error, "reason", error))
        if attempt < retries:
            time.sleep(delay)
            delay *= 2
    log.warning("--notify %s: %s for %s after %d attempts", url, reason, data["key"], retries)
    return False


@dataclass
class Hooks:
    """The hooks of one run; `close()` waits for those still running."""

    on_record: str | None = None
    notify: str | None = None
    _pool: cf.ThreadPoolExecutor | None = field(default=None, init=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.on_record or self.notify)

    def record_stored(self, record: Directive, sha256: str, path: Path) -> None:
        if not self:
            return
        if self._pool is None:
            self._pool = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="vanban-hook")
        self._pool.submit(self._fire, payload(record, sha256, path), path)

    def _fire(self, data: dict[str, Any], path: Path) -> None:
        try:
            if self.on_record:
                run_command(self.on_record, path, data)
            if self.notify:
                post(self.notify, data)
        except Exception:  # a hook must never take the watcher down
            log.exception("hook failed for %s", path.name)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def __enter__(self) -> Hooks:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
