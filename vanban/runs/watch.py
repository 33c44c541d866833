"""The watched folder: files dropped into an inbox become records in a store.

A file is taken only once it has stopped changing (size and mtime stable for
`settle` seconds) and can be opened, so a scanner or a slow copy over a network
share is never read half-written. Each content is processed once (by hash). The
original is then moved, never changed: to processed/, or to failed/ beside a
`<name>.error.json` that says why. The index's journal marks a file pending
before work starts, so after a crash the next start finishes what was in flight
and repeats nothing that reached the store.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from vanban import __version__, api
from vanban.corpus.store import Store
from vanban.errors import StoreError, VanbanError, WatchError
from vanban.runs.batch import ProcessFn, Status, file_sha256, short_reason

log = logging.getLogger("vanban.watch")

PROCESSED = "processed"
FAILED = "failed"
# Names that copy tools and editors use while a file is still being written.
_PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", "~")
_RESCAN_SECONDS = 30.0  # safety net for events a file system never delivered
_TICK_SECONDS = 0.2

@dataclass(frozen=True)
class WatchEvent:
    path: Path
    status: Status
    sha256: str | None = None
    reason: str | None = None
    moved_to: Path | None = None
    tasks: int = 0
    seconds: float = 0.0


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    since: float


def check_layout(inbox: Path, store_root: Path) -> None:
    """Refuse an inbox that is missing, or a store inside the inbox (its files would be input)."""
    if not inbox.is_dir():
        raise WatchError(f"{inbox}: the folder to watch does not exist")
    inbox_real, store_real = inbox.resolve(), store_root.resolve()
    if store_real == inbox_real or store_real.is_relative_to(inbox_real):
        raise StoreError(
            f"--out {store_root} is inside the watched folder {inbox}: the store's files would "
            "be taken as input. Choose an output folder outside the inbox."
        )


def is_candidate(path: Path) -> bool:
    name = path.name
    return not name.startswith(".") and not name.lower().endswith(_PARTIAL_SUFFIXES)


def move_unique(source: Path, folder: Path) -> Path:
    """Move `source` into `folder` without ever replacing a file there: add -1, -2, ..."""
    folder.mkdir(parents=True, exist_ok=True)
    for target in _names(folder, source.name):
        try:
            # link() refuses an existing target atomically, which rename() does not.
            os.link(source, target)
        except FileExistsError:
            continue
        except OSError:
            # No hard links here (some network shares, another device): check, then move.
            if target.exists():
                continue
            shutil.move(source, target)
            return target
        source.unlink()
        return target
    raise AssertionError("unreachable")


def create_unique(folder: Path, name: str, data: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for target in _names(folder, name):
        try:
            with target.open("x", encoding="utf-8") as handle:
                handle.write(data)
            return target
        except FileExistsError:
            continue
    raise AssertionError("unreachable")


def _names(folder: Path, name: str):
    yield folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    if name.endswith(".error.json"):
        stem, suffix = name[: -len(".error.json")], ".error.json"
    n = 1
    while True:
        yield folder / f"{stem}-{n}{suffix}"
        n += 1


class _Inbox(FileSystemEventHandler):
    """Collects paths that events mention; the main loop decides what to do with them."""

    def __init__(self, inbox: Path) -> None:
        self.inbox = inbox
        self.lock = threading.Lock()
        self.paths: set[Path] = set()
        self.wake = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if not raw:
                continue
            path = Path(os.fsdecode(raw))
            if path.parent == self.inbox:
                with self.lock:
                    self.paths.add(path)
                self.wake.set()

    def drain(self) -> set[Path]:
        with self.lock:
            paths, self.paths = self.paths, set()
        return paths


class Watcher:
    def __init__(
        self,
        inbox: str | Path,
        store: Store,
        *,
        settle: float = 2.0,
        poll: bool = False,
        poll_interval: float = 1.0,
        keep: bool = False,
        options: api.Options | None = None,
        process_fn: ProcessFn | None = None,
        on_event: Callable[[WatchEvent], None] | None = None,
    ) -> None:
        self.inbox = Path(inbox).absolute()
        self.store = store
        check_layout(self.inbox, store.root)
        self.settle = settle
        self.poll = poll
        self.poll_interval = poll_interval
        self.keep = keep
        self.options = options
        self.process_fn = process_fn or api.process
        self.on_event = on_event
        self.events = _Inbox(self.inbox)
        self.tracked: dict[Path, _Seen] = {}
        # Files already handled, by (size, mtime): with --keep they stay in the inbox.
        self.handled: dict[Path, tuple[int, int]] = {}

    # -- the loop -----------------------------------------------------------------------
    def run(self, *, once: bool = False, stop: threading.Event | None = None) -> None:
        """Watch until `stop` is set; with `once`, take what is there now and return."""
        stop = stop or threading.Event()
        self._report_pending()
        observer = None if once else self._start_observer()
        log.info(
            "watching %s (store %s, settle %.1fs, %s)",
            self.inbox,
            self.store.root,
            self.settle,
            "once" if once else ("polling" if self._polling else "events"),
        )
        try:
            self._scan()
            last_scan = time.monotonic()
            while not stop.is_set():
                for path in self.events.drain():
                    self._track(path)
                if not once and time.monotonic() - last_scan > _RESCAN_SECONDS:
                    self._scan()
                    last_scan = time.monotonic()
                for path in self._ready():
                    if stop.is_set():
                        break
                    self._handle(path)
                if once and not self.tracked:
                    break
                self.events.wake.wait(_TICK_SECONDS)
                self.events.wake.clear()
        finally:
            if observer is not None:
                observer.stop()
                observer.join(timeout=5)
            log.info("stopped watching %s", self.inbox)

    _polling = False

    def _start_observer(self):
        if not self.poll:
            try:
                observer = Observer()
                observer.schedule(self.events, str(self.inbox), recursive=False)
                observer.start()
                return observer
            except OSError as error:  # inotify limits, a file system without events
                log.warning("file events unavailable (%s); polling instead", error)
        self._polling = True
        observer = PollingObserver(timeout=self.poll_interval)
        observer.schedule(self.events, str(self.inbox), recursive=False)
        observer.start()
        return observer

    def _scan(self) -> None:
        try:
            entries = list(os.scandir(self.inbox))
        except OSError as error:
            log.warning("cannot list %s: %s", self.inbox, error)
            return
        for entry in entries:
            if entry.is_file(follow_symlinks=False):
                self._track(Path(entry.path))

    def _track(self, path: Path) -> None:
        if path in self.tracked or not is_candidate(path):
            return
        try:
            stat = path.stat()
        except OSError:
            return
        if not path.is_file() or self.handled.get(path) == (stat.st_size, stat.st_mtime_ns):
            return
        self.tracked[path] = _Seen(stat.st_size, stat.st_mtime_ns, time.monotonic())

    def _ready(self) -> list[Path]:
        """Tracked files unchanged for `settle` seconds that can be opened, oldest first."""
        now = time.monotonic()
        ready = []
        for path, seen in list(self.tracked.items()):
            try:
                stat = path.stat()
            except OSError:
                del self.tracked[path]  # moved or deleted by someone else
                continue
            if (stat.st_size, stat.st_mtime_ns) != (seen.size, seen.mtime_ns):
                self.tracked[path] = _Seen(stat.st_size, stat.st_mtime_ns, now)
            elif now - seen.since >= self.settle and _can_open(path):
                ready.append(path)
        return sorted(ready, key=lambda p: self.tracked[p].since)

    # -- one file ------------------------------------------------------------------------
    def _handle(self, path: Path) -> None:
        seen = self.tracked.pop(path)
        self.handled[path] = (seen.size, seen.mtime_ns)
        key = str(path)
        started = time.monotonic()
        try:
            sha256 = file_sha256(path)
        except OSError as error:
            log.warning("%s: cannot read yet (%s); will retry", path.name, error)
            self.handled.pop(path, None)
            return
        entry = self.store.journal_entry(key)
        same = entry is not None and entry["sha256"] == sha256
        if self.keep and same and entry["state"] != "pending":
            return  # an original left in place by an earlier run: its outcome is known
        if self.store.has(sha256):
            # A record but no move: the last run stopped between the two. Finish it.
            resumed = same and entry["state"] in ("pending", "success")
            status: Status = "success" if resumed else "skipped"
            reason = None if resumed else f"already in the store ({sha256[:12]})"
            moved = None if self.keep else move_unique(path, self.inbox / PROCESSED)
            self.store.mark(
                key,
                state=status,
                origin="watch",
                sha256=sha256,
                reason=reason,
                moved_to=str(moved) if moved else None,
                pipeline_version=__version__,
            )
            self._emit(WatchEvent(path, status, sha256, reason, moved, 0, 0.0))
            return

        self.store.mark(key, state="pending", origin="watch", sha256=sha256)
        try:
            record = self.process_fn(path, options=self.options)
        except Exception as error:  # VanbanError or a bug: this file fails, the watcher goes on
            self._fail(path, sha256, error, started)
            return
        self.store.put(record, origin="watch", path=key)
        moved = None if self.keep else move_unique(path, self.inbox / PROCESSED)
        self.store.mark(
            key,
            state="success",
            origin="watch",
            sha256=sha256,
            moved_to=str(moved) if moved else None,
            pipeline_version=record.provenance.pipeline_version,
        )
        self._emit(
            WatchEvent(
                path, "success", sha256, None, moved, len(record.tasks), time.monotonic() - started
            )
        )

    def _fail(self, path: Path, sha256: str, error: Exception, started: float) -> None:
        reason = short_reason(error, str(path))
        if not isinstance(error, VanbanError):
            reason = f"unexpected {type(error).__name__}: {reason}"
        moved = None if self.keep else move_unique(path, self.inbox / FAILED)
        name = (moved or path).name
        details = {
            "file": path.name,
            "path": str(path),
            "moved_to": str(moved) if moved else None,
            "sha256": sha256,
            "error": type(error).__name__,
            "reason": reason,
            "pipeline_version": __version__,
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        create_unique(
            self.inbox / FAILED,
            f"{name}.error.json",
            json.dumps(details, ensure_ascii=False, indent=2) + "\n",
        )
        self.store.mark(
            str(path),
            state="failure",
            origin="watch",
            sha256=sha256,
            reason=reason,
            moved_to=str(moved) if moved else None,
            pipeline_version=__version__,
        )
        self._emit(
            WatchEvent(path, "failure", sha256, reason, moved, 0, time.monotonic() - started)
        )

    def _emit(self, event: WatchEvent) -> None:
        where = f" → {event.moved_to.parent.name}/{event.moved_to.name}" if event.moved_to else ""
        if event.status == "failure":
            log.warning("FAILED %s%s: %s", event.path.name, where, event.reason)
        elif event.status == "skipped":
            log.info("skipped %s%s: %s", event.path.name, where, event.reason)
        else:
            log.info(
                "processed %s%s (%s, %d tasks, %.2fs)",
                event.path.name,
                where,
                (event.sha256 or "")[:12],
                event.tasks,
                event.seconds,
            )
        if self.on_event:
            self.on_event(event)

    def _report_pending(self) -> None:
        pending = self.store.pending(origin="watch")
        if pending:
            log.info(
                "resuming: %d file(s) were in flight when the watcher last stopped", len(pending)
            )


def _can_open(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            handle.read(1)
        return True
    except OSError:
        return False


def install_stop_signals(stop: threading.Event) -> None:
    """SIGTERM or SIGINT: finish the file in hand, then stop. A second signal stops at once."""

    def handler(signum: int, _frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        log.info("received %s: stopping after the current file", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
