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

import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
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
from vanban.errors import InboxBusyError, StoreError, VanbanError, WatchError
from vanban.ingest.loader import IngestOptions, read_regular
from vanban.names import fit_name, printable, text_key
from vanban.runs.batch import ProcessFn, Status, process_bytes, short_reason
from vanban.runs.worker import Budget, BudgetWorker

log = logging.getLogger("vanban.watch")

PROCESSED = "processed"
FAILED = "failed"
# Names that copy tools and editors use while a file is still being written.
_PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", "~")
_RESCAN_SECONDS = 30.0  # safety net for events a file system never delivered
_TICK_SECONDS = 0.2
LOCK_NAME = ".vanban-watch.lock"
# A file whose handling broke this often (a full disk, a file that killed the watcher
# while it was in flight) goes to failed/ instead of being tried first forever.
MAX_ATTEMPTS = 3

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
    stem, suffix = Path(name).stem, Path(name).suffix
    if name.endswith(".error.json"):
        stem, suffix = name[: -len(".error.json")], ".error.json"
    yield folder / fit_name(stem, suffix)
    n = 1
    while True:
        yield folder / fit_name(stem, f"-{n}{suffix}")
        n += 1


@contextlib.contextmanager
def inbox_lock(inbox: Path):
    """One watcher per inbox: a second one (cron's `--once` next to the service) is told."""
    path = inbox / LOCK_NAME
    try:
        handle = path.open("a")
    except OSError as error:
        raise WatchError(f"{inbox}: cannot create the lock file ({error.strerror})") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InboxBusyError(f"{inbox}: another watcher is running on this folder") from None
        yield
    finally:
        handle.close()


def ensure_folder(inbox: Path, name: str) -> Path:
    """INBOX/name as a real folder: a file or link of that name is moved aside first
    (it is input like any other), so nothing is ever moved through a link."""
    folder = inbox / name
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        for target in _names(inbox, f"{name}.file"):
            try:
                os.link(folder, target, follow_symlinks=False)
            except FileExistsError:
                continue
            folder.unlink()
            log.warning("moved %s aside to %s to make its folder", name, target.name)
            break
    folder.mkdir(exist_ok=True)
    return folder


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
        budget: Budget | None = None,
    ) -> None:
        """`budget`: each file is processed in a worker process under these limits (the
        command line always gives one); without it, here, as a library call."""
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
        self.attempts: dict[str, int] = {}  # failures of the error boundary, by file
        self.worker = BudgetWorker(budget) if budget is not None else None
        self.max_bytes = (options.ingest if options else IngestOptions()).max_bytes

    # -- the loop -----------------------------------------------------------------------
    def run(self, *, once: bool = False, stop: threading.Event | None = None) -> None:
        """Watch until `stop` is set; with `once`, take what is there now and return."""
        stop = stop or threading.Event()
        with inbox_lock(self.inbox):
            try:
                self._run(once, stop)
            finally:
                if self.worker is not None:
                    self.worker.close()

    def _run(self, once: bool, stop: threading.Event) -> None:
        for name in (PROCESSED, FAILED):
            if not self.keep:
                ensure_folder(self.inbox, name)
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
                    self._guarded(path)
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
            # links are tracked too, to be refused and moved to failed/ like live ones
            if entry.is_file(follow_symlinks=False) or entry.is_symlink():
                self._track(Path(entry.path))

    def _track(self, path: Path) -> None:
        if path in self.tracked or not is_candidate(path):
            return
        try:
            stat = path.lstat()  # a link is judged as a link, never by its target
        except OSError:
            return
        if path.is_dir() and not path.is_symlink():
            return
        if self.handled.get(path) == (stat.st_size, stat.st_mtime_ns):
            return
        self.tracked[path] = _Seen(stat.st_size, stat.st_mtime_ns, time.monotonic())

    def _ready(self) -> list[Path]:
        """Tracked files unchanged for `settle` seconds that can be opened, oldest first."""
        now = time.monotonic()
        ready = []
        for path, seen in list(self.tracked.items()):
            try:
                stat = path.lstat()
            except OSError:
                del self.tracked[path]  # moved or deleted by someone else
                continue
            if (stat.st_size, stat.st_mtime_ns) != (seen.size, seen.mtime_ns):
                self.tracked[path] = _Seen(stat.st_size, stat.st_mtime_ns, now)
            elif now - seen.since >= self.settle and _can_open(path):
                ready.append(path)
        return sorted(ready, key=lambda p: self.tracked[p].since)

    # -- one file ------------------------------------------------------------------------
    def _guarded(self, path: Path) -> None:
        """One file's error boundary: whatever breaks (a full disk, a race, a bug), the
        watcher logs it and goes on; a file that breaks MAX_ATTEMPTS times goes to failed/."""
        try:
            self._handle(path)
        except Exception as error:  # the watcher outlives every file
            key = text_key(path)
            attempts = self.attempts.get(key, 0) + 1
            with contextlib.suppress(Exception):  # and the journal's count, across restarts
                entry = self.store.journal_entry(key)
                if entry is not None and entry["state"] == "pending":
                    attempts = max(attempts, _attempt(entry))
            self.attempts[key] = attempts
            log.error("%s: %s: %s (attempt %d of %d)", printable(path.name),
                      type(error).__name__, printable(str(error)), attempts, MAX_ATTEMPTS)
            if attempts < MAX_ATTEMPTS:
                self.handled.pop(path, None)  # tried again when it is next seen
                return
            with contextlib.suppress(Exception):
                self._fail(path, None, error, time.monotonic())

    def _handle(self, path: Path) -> None:
        seen = self.tracked.pop(path)
        self.handled[path] = (seen.size, seen.mtime_ns)
        key = text_key(path)
        started = time.monotonic()
        try:
            data = read_regular(path, max_bytes=self.max_bytes, follow_symlinks=False)
            self._check_inside(path)
        except FileNotFoundError:
            return
        except VanbanError as error:
            if not path.exists() and not path.is_symlink():
                return  # deleted meanwhile: nothing to do
            self._fail(path, None, error, started)
            return
        sha256 = hashlib.sha256(data).hexdigest()
        entry = self.store.journal_entry(key)
        same = entry is not None and entry["sha256"] == sha256
        if self.keep and same and entry["state"] != "pending":
            return  # an original left in place by an earlier run: its outcome is known
        if self.store.has(sha256):
            # A record but no move: the last run stopped between the two. Finish it.
            resumed = same and entry["state"] in ("pending", "success")
            status: Status = "success" if resumed else "skipped"
            reason = None if resumed else f"already in the store ({sha256[:12]})"
            moved = None if self.keep else self._move(path, PROCESSED)
            self.store.mark(
                key,
                state=status,
                origin="watch",
                sha256=sha256,
                reason=reason,
                moved_to=text_key(moved) if moved else None,
                pipeline_version=__version__,
            )
            self._emit(WatchEvent(path, status, sha256, reason, moved, 0, 0.0))
            return

        tries = _attempt(entry) + 1 if same and entry["state"] == "pending" else 1
        if tries > MAX_ATTEMPTS:
            # in flight at every one of the last crashes: this file is what kills us
            self._fail(path, sha256, WatchError(
                f"the watcher stopped while processing it {MAX_ATTEMPTS} times"), started)
            return
        self.store.mark(key, state="pending", origin="watch", sha256=sha256,
                        reason=f"attempt {tries}")
        try:
            record = self._process(path, data)
        except Exception as error:  # VanbanError or a bug: this file fails, the watcher goes on
            self._fail(path, sha256, error, started)
            return
        self.store.put(record, origin="watch", path=key)
        moved = None if self.keep else self._move(path, PROCESSED)
        self.store.mark(
            key,
            state="success",
            origin="watch",
            sha256=sha256,
            moved_to=text_key(moved) if moved else None,
            pipeline_version=record.provenance.pipeline_version,
        )
        self._emit(
            WatchEvent(
                path, "success", sha256, None, moved, len(record.tasks), time.monotonic() - started
            )
        )

    def _process(self, path: Path, data: bytes):
        """The record of the bytes read from `path`: in the worker when there is a budget.

        The worker reads a private copy of the bytes checked here, never the inbox's path,
        which someone could have swapped for a link meanwhile."""
        if self.worker is None:
            return self.process_fn(path, options=self.options)
        record = self.worker.call(process_bytes, data, name=path.name, options=self.options,
                                  process_fn=self.process_fn)
        record.provenance.source = text_key(path)
        record.provenance.file_name = text_key(path.name)
        return record

    def _check_inside(self, path: Path) -> None:
        real = path.resolve()
        if real.parent != self.inbox.resolve():
            raise WatchError(f"{path.name}: its real path lies outside the inbox; not read")

    def _move(self, path: Path, folder: str) -> Path | None:
        try:
            return move_unique(path, ensure_folder(self.inbox, folder))
        except FileNotFoundError:
            log.warning("%s: gone before it could be moved to %s/", printable(path.name), folder)
            return None

    def _fail(self, path: Path, sha256: str | None, error: Exception, started: float) -> None:
        reason = short_reason(error, str(path))
        if not isinstance(error, VanbanError):
            reason = f"unexpected {type(error).__name__}: {reason}"
        reason = text_key(reason)
        moved = None if self.keep else self._move(path, FAILED)
        name = (moved or path).name
        details = {
            "file": text_key(path.name),
            "path": text_key(path),
            "moved_to": text_key(moved) if moved else None,
            "sha256": sha256,
            "error": type(error).__name__,
            "reason": reason,
            "pipeline_version": __version__,
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        create_unique(
            ensure_folder(self.inbox, FAILED),
            f"{name}.error.json",
            json.dumps(details, ensure_ascii=False, indent=2) + "\n",
        )
        self.store.mark(
            text_key(path),
            state="failure",
            origin="watch",
            sha256=sha256,
            reason=reason,
            moved_to=text_key(moved) if moved else None,
            pipeline_version=__version__,
        )
        self._emit(
            WatchEvent(path, "failure", sha256, reason, moved, 0, time.monotonic() - started)
        )

    def _emit(self, event: WatchEvent) -> None:
        where = (f" → {event.moved_to.parent.name}/{printable(event.moved_to.name)}"
                 if event.moved_to else "")
        name = printable(event.path.name)  # a name must not forge a log line
        if event.status == "failure":
            log.warning("FAILED %s%s: %s", name, where, printable(event.reason or ""))
        elif event.status == "skipped":
            log.info("skipped %s%s: %s", name, where, printable(event.reason or ""))
        else:
            log.info(
                "processed %s%s (%s, %d tasks, %.2fs)",
                name,
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
    """Whether a writer still holds the file exclusively; links and FIFOs are ready (to be
    refused), and are never opened here: O_NOFOLLOW, O_NONBLOCK."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        return error.errno in (errno.ELOOP, errno.ENXIO)  # a link; a FIFO with no writer
    os.close(fd)
    return True


def _attempt(entry) -> int:
    reason = entry["reason"] or ""
    return int(reason.split()[-1]) if reason.startswith("attempt ") else 1


def install_stop_signals(stop: threading.Event) -> None:
    """SIGTERM or SIGINT: finish the file in hand, then stop. A second signal stops at once."""

    def handler(signum: int, _frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        log.info("received %s: stopping after the current file", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
