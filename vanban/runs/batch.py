"""Reprocess an archive: worker processes on this machine, or a Dask cluster.

Every input ends with a status (success, skipped, failure with a reason) instead of
an exception out of the loop. Workers compute the record and its index rows; this
process, the only one that writes the index, commits what finished in small groups
(every `_GROUP_SECONDS`). Each record's JSON file is written, atomically, before its
index rows: by the local workers themselves, which share our disk, or here for Dask's,
which may not. A kill therefore loses at most the files in flight and the last group:
their JSON may be on disk, but a rerun goes by the index, makes them again and
replaces the files, and skips everything the index knows.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import connection
from pathlib import Path
from typing import Literal

from vanban import __version__, api
from vanban.corpus.store import CURRENT, Prepared, Store, prepare, write_record
from vanban.errors import MissingDependencyError, UnsupportedFormatError, VanbanError
from vanban.ingest.loader import file_type
from vanban.models import Directive
from vanban.names import text_key
from vanban.runs.worker import Budget, BudgetWorker, OverBudgetError

Status = Literal["success", "skipped", "failure"]
Executor = Literal["local", "dask"]
ProcessFn = Callable[..., Directive]  # like vanban.api.process(path, *, options)

_IN_FLIGHT_PER_WORKER = 4  # enough to keep workers fed, few enough to lose little on a kill
# The index commits the files finished in the last 0.5 s together: a transaction (and
# the full-text index's segment it writes) per file costs the one writing process more
# than the inserts. A kill loses the index rows of at most that group; their JSON is
# there, and a rerun makes them again.
_GROUP_SECONDS = 0.5
_GROUP_MAX = 64


@dataclass(frozen=True)
class FileResult:
    path: Path
    status: Status
    sha256: str | None = None
    reason: str | None = None
    doc_id: str | None = None


@dataclass
class BatchReport:
    results: list[FileResult] = field(default_factory=list)
    elapsed: float = 0.0

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def done(self) -> int:
        return self.count("success")

    @property
    def skipped(self) -> int:
        return self.count("skipped")

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failure"]


@dataclass(frozen=True)
class _Job:
    path: Path
    sha256: str


# -- what workers run ---------------------------------------------------------------


def process_bytes(
    data: bytes,
    *,
    name: str,
    options: api.Options | None = None,
    process_fn: ProcessFn | None = None,
) -> Directive:
    """The record of a file given as bytes: for workers that don't share our disk.

    The bytes go to a temporary file of the same name (the record keeps the name),
    which is removed afterwards.
    """
    safe_name = Path(name).name or "document"
    with tempfile.TemporaryDirectory(prefix="vanban-") as folder:
        path = Path(folder) / safe_name
        path.write_bytes(data)
        return (process_fn or api.process)(path, options=options)


def _outcome(
    call: Callable[[], Directive], *, source: str, sha256: str
) -> tuple[Prepared | None, str | None]:
    # Catch everything here: an exception that does not pickle would otherwise come
    # back as a confusing error of the worker instead of this file's reason.
    try:
        record = call()
        # The worker saw a path of its own (a temp file, on Dask); the record names ours.
        record.provenance.source = text_key(source)
        record.provenance.file_name = text_key(Path(source).name)
        record.provenance.sha256 = record.provenance.sha256 or sha256
        # JSON and index rows are made here, in the worker, not in the one process that writes.
        return prepare(record), None
    except VanbanError as error:
        return None, short_reason(error, source)
    except MemoryError:
        raise  # the worker's boundary says which limit
    except Exception as error:
        return None, f"unexpected {type(error).__name__}: {short_reason(error, source)}"


def _work_path(
    path: str,
    sha256: str,
    options: api.Options | None,
    process_fn: ProcessFn | None,
    store_root: str | None = None,
) -> tuple[Prepared | None, str | None]:
    """A local worker's job: the record of a file on our disk.

    With `store_root`, the worker writes the record's JSON there itself and sends back
    only its index rows, not the tens of kB of JSON through the worker's pipe.
    """
    fn = process_fn or api.process
    prepared, reason = _outcome(lambda: fn(Path(path), options=options), source=path, sha256=sha256)
    if prepared is None or store_root is None:
        return prepared, reason
    try:
        return write_record(Path(store_root), prepared), None
    except OSError as error:
        return None, f"cannot write the record ({error.strerror or error})"


def _work_bytes(
    data: bytes,
    source: str,
    sha256: str,
    options: api.Options | None,
    process_fn: ProcessFn | None,
) -> tuple[Prepared | None, str | None]:
    return _outcome(
        lambda: process_bytes(data, name=Path(source).name, options=options, process_fn=process_fn),
        source=source,
        sha256=sha256,
    )


_dask_local = threading.local()


def _work_bytes_in_budget(
    data: bytes,
    source: str,
    sha256: str,
    options: api.Options | None,
    process_fn: ProcessFn | None,
    budget: Budget,
) -> tuple[Prepared | None, str | None]:
    """A Dask task: `_work_bytes` in a worker process of this Dask worker's thread, under
    the batch's budget, so a file stuck in a C call is killed there as it is locally."""
    worker = getattr(_dask_local, "worker", None)
    if worker is None or worker.budget != budget:
        if worker is not None:
            worker.close()
        worker = _dask_local.worker = BudgetWorker(budget)
    worker.send(_work_bytes, data, source, sha256, options, process_fn)
    return _received(worker)


def _received(worker: BudgetWorker) -> tuple[Prepared | None, str | None]:
    """The outcome of the file `worker` was sent; over budget or dead, a failure."""
    try:
        return worker.receive()
    except OverBudgetError as error:
        return None, str(error)
    except Exception as error:  # an outcome that would not unpickle
        return None, f"unexpected {type(error).__name__}: {error}"


def short_reason(error: BaseException, path: str) -> str:
    """The error's first line, without the path it usually starts with."""
    text = str(error).strip() or type(error).__name__
    # "/tmp/vanban-x1/cv.txt: empty file" -> "empty file": the path is said elsewhere, and
    # on Dask it is a worker's temporary copy.
    text = re.sub(rf"^(?:.*[/\\])?{re.escape(Path(path).name)}: ", "", text)
    return text.splitlines()[0]


# -- walking the archive --------------------------------------------------------------


def find_inputs(archive: Path, *, exclude: Iterable[Path] = ()) -> list[Path]:
    # FIFOs, sockets and devices are listed too: each gets its failure line
    """Files under `archive`, sorted; hidden files and folders and `exclude` are left out."""
    excluded = {p.resolve() for p in exclude}
    if archive.is_file():
        return [archive]
    found: list[Path] = []
    for folder, dirs, files in os.walk(archive):
        base = Path(folder)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and (base / d).resolve() not in excluded
        )
        found += [base / f for f in sorted(files) if not f.startswith(".")]
    return found


def file_sha256(path: Path) -> str:
    """The content hash of a regular file; anything else is refused before it is read
    (opening a FIFO would block)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsupportedFormatError(f"{path}: not a regular file ({file_type(info.st_mode)})")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    finally:
        os.close(fd)


# -- the two executors --------------------------------------------------------------

Outcome = tuple[_Job, Prepared | None, str | None]


def _run_local(
    jobs: Iterator[_Job],
    *,
    workers: int,
    options: api.Options | None,
    fn: ProcessFn | None,
    store_root: Path | None = None,
    budget: Budget | None = None,
) -> Iterator[list[Outcome]]:
    """Groups of finished files: those of the last `_GROUP_SECONDS`, for one commit.

    Each worker holds one file at a time under the budget. Past the time limit it is
    killed wherever it is (a long C call in pdfium too) and replaced; a worker that dies
    costs only the file it held. A kill of the batch loses at most one file per worker.
    """
    budget = budget or Budget()
    root = str(store_root) if store_root is not None else None
    idle = [BudgetWorker(budget) for _ in range(workers)]
    busy: dict[BudgetWorker, _Job] = {}
    group: list[Outcome] = []
    since = 0.0  # when the oldest outcome of `group` arrived
    try:
        while True:
            for job in _take(jobs, len(idle)):
                worker = idle.pop()
                worker.send(_work_path, str(job.path), job.sha256, options, fn, root)
                busy[worker] = job
            now = time.monotonic()
            if group and (not busy or now - since >= _GROUP_SECONDS or len(group) >= _GROUP_MAX):
                yield group
                group = []
            if not busy:
                return
            waits = [w.deadline - now for w in busy if w.deadline is not None]
            if group:
                waits.append(since + _GROUP_SECONDS - now)
            try:
                ready = connection.wait([w.connection for w in busy if w.connection is not None],
                                        timeout=max(min(waits), 0.0))
            except KeyboardInterrupt:
                if group:
                    yield group  # what finished is committed before the interrupt goes on
                raise
            now = time.monotonic()
            for worker in [w for w in busy if w.connection in ready or now >= (w.deadline or now)]:
                if not group:
                    since = now
                prepared, reason = _received(worker)
                group.append((busy.pop(worker), prepared, reason))
                idle.append(worker)
    finally:
        for worker in [*idle, *busy]:
            worker.close()


def _run_dask(
    jobs: Iterator[_Job],
    *,
    workers: int,
    scheduler: str | None,
    options: api.Options | None,
    fn: ProcessFn | None,
    budget: Budget | None = None,
) -> Iterator[list[Outcome]]:
    try:  # an extra: 41 MB that only --executor dask uses
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise MissingDependencyError(
            "--executor dask needs Dask: pip install 'vanban[cluster]'") from None

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        size = len(client.scheduler_info().get("workers", {})) or workers
        window = max(size, 1) * _IN_FLIGHT_PER_WORKER
        pending: dict[object, _Job] = {}
        finished = as_completed()

        def submit(job: _Job) -> None:
            # Bytes, not paths: a worker on another machine does not see our disk.
            data = job.path.read_bytes()
            future = client.submit(
                _work_bytes_in_budget,
                data,
                str(job.path),
                job.sha256,
                options,
                fn,
                budget or Budget(),
                pure=False,
                key=f"vanban-{job.sha256[:16]}-{time.monotonic_ns()}",
            )
            pending[future] = job
            finished.add(future)

        for job in _take(jobs, window):
            submit(job)
        for future in finished:
            job = pending.pop(future)
            try:
                prepared, reason = future.result()
            except Exception as error:  # a worker lost, a cancelled task
                prepared, reason = None, f"dask: {type(error).__name__}: {error}"
            yield [(job, prepared, reason)]
            for more in _take(jobs, window - len(pending)):
                submit(more)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _take(jobs: Iterator[_Job], n: int) -> list[_Job]:
    taken = []
    for _ in range(max(n, 0)):
        job = next(jobs, None)
        if job is None:
            break
        taken.append(job)
    return taken


# -- the batch ------------------------------------------------------------------------


def run_batch(
    archive: str | Path,
    store: Store,
    *,
    workers: int | None = None,
    executor: Executor = "local",
    scheduler: str | None = None,
    force: bool = False,
    keep_old: bool = False,
    options: api.Options | None = None,
    process_fn: ProcessFn | None = None,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    budget: Budget | None = None,
) -> BatchReport:
    """Process every file under `archive` into `store`; one `FileResult` per file.

    `process_fn` replaces `vanban.api.process` (same signature); it must be importable
    by the workers (a module-level function). A file already in the store is skipped
    when its record was made by this version with these rules and models, or, with
    `keep_old`, by any; `force` processes every file again.
    """
    archive = Path(archive)
    workers = max(1, workers or os.cpu_count() or 1)
    started = time.monotonic()
    report = BatchReport()
    paths = find_inputs(archive, exclude=[store.root])
    if on_start:
        on_start(len(paths))

    def finish(result: FileResult) -> None:
        report.results.append(result)
        if on_result:
            on_result(result)

    def jobs() -> Iterator[_Job]:
        seen: dict[str, Path] = {}
        for path in paths:
            try:
                sha256 = file_sha256(path)
            except (OSError, VanbanError) as error:
                reason = (f"cannot read ({error.strerror or error})" if isinstance(error, OSError)
                          else short_reason(error, str(path)))
                store.mark(text_key(path), state="failure", origin="batch", reason=reason)
                finish(FileResult(path, "failure", reason=reason))
                continue
            if sha256 in seen:
                finish(FileResult(path, "skipped", sha256, f"same content as {seen[sha256]}"))
                continue
            seen[sha256] = path
            version, rules = (None, None) if keep_old else (__version__, CURRENT)
            if not force and store.has(sha256, version, rules):
                finish(FileResult(path, "skipped", sha256, "already in the store"))
                continue
            yield _Job(path, sha256)

    if executor == "dask":
        groups = _run_dask(
            jobs(), workers=workers, scheduler=scheduler, options=options, fn=process_fn,
            budget=budget,
        )
    elif executor == "local":
        groups = _run_local(
            jobs(), workers=workers, options=options, fn=process_fn, store_root=store.root,
            budget=budget,
        )
    else:
        raise ValueError(f"unknown executor {executor!r}: local or dask")

    with store.bulk():
        for group in groups:
            done = [(p, text_key(job.path)) for job, p, _ in group if p is not None]
            failures = [(text_key(job.path), job.sha256, why) for job, p, why in group if p is None]
            # JSON first (what Dask's workers sent), then the group's rows in one transaction.
            store.put_many(done, origin="batch", failures=failures)
            for job, prepared, reason in group:
                if prepared is None:
                    finish(FileResult(job.path, "failure", job.sha256, reason))
                else:
                    finish(FileResult(job.path, "success", prepared.sha256, doc_id=prepared.doc_id))
    report.elapsed = time.monotonic() - started
    return report
