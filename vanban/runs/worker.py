"""One file at a time in a child process with a budget: wall time and address space.

A hostile file (a pattern that backtracks, a compression bomb, a FIFO) must cost the
service one failed file, not the service. The child holds RLIMIT_AS, so a bomb ends in
a MemoryError or in the child's death, never the machine's swap; the parent waits at
most `seconds` for an answer and kills the child past that. Children die with their
parent (PR_SET_PDEATHSIG), so a `kill -9` of a watcher or batch leaves no one writing.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from vanban.errors import TooLargeError

_PR_SET_PDEATHSIG = 1


class OverBudgetError(TooLargeError):
    """A file that took more time or memory than its budget allows."""


@dataclass(frozen=True)
class Budget:
    seconds: float = 600.0  # wall time per file: a 500-page scan at 1 s a page fits
    memory: int = 4 * 2**30  # address space of the worker (RLIMIT_AS), tesseract's included


def die_with_parent(parent_pid: int) -> None:
    """End this process and its children (tesseract) when the parent dies, even by SIGKILL.

    The process leads its own group, so its children can be ended with it; Linux sends it
    SIGTERM when the parent dies (PR_SET_PDEATHSIG), whose handler kills the group, and a
    thread that watches the parent's pid does the same where no signal arrives (another
    system, or a main thread busy in C code).
    """
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    signal.signal(signal.SIGTERM, _end_group)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent_pid:  # the parent died before the call
        _end_group()
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True,
                     name="vanban-parent-watch").start()


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(0.5)
    _end_group()


def _end_group(*_args: object) -> None:
    if os.getpgid(0) == os.getpid():
        os.killpg(0, signal.SIGKILL)  # us and our children
    os._exit(1)


def kill_group(pid: int) -> None:
    """SIGKILL a worker and the children it started (it leads their process group)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def limit_memory(limit: int) -> None:
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        pass  # a limit already lower than ours stays


def _serve(conn: Connection, parent_pid: int, memory: int) -> None:
    die_with_parent(parent_pid)
    limit_memory(memory)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    while True:
        try:
            call = conn.recv()
        except (EOFError, OSError):
            return
        fn, args, kwargs = call
        try:
            result: tuple[str, Any] = ("ok", fn(*args, **kwargs))
        except MemoryError:
            limit = f"{memory / 2**30:.1f} GiB"
            result = ("raise", OverBudgetError(f"over the memory limit of {limit}"))
        except BaseException as error:  # every failure goes back as this file's
            result = ("raise", error)
        try:
            conn.send(result)
        except Exception as error:  # an exception or result that does not pickle
            conn.send(("raise", RuntimeError(f"{type(error).__name__}: {error}")))


class BudgetWorker:
    """A child process that runs one call at a time under a `Budget`.

    `call` returns the function's result or raises its exception; over the time budget
    the child is killed (wherever it is: Python code, a regex, a long C call in pdfium or
    a wait on tesseract), the call raises OverBudgetError, and the next call starts a
    fresh child. `send` and `receive` are its two halves, so that one process can keep
    several workers busy (a batch waits on their `connection`s and `deadline`s). The
    function and its arguments must pickle (module-level functions).

    `start_method` "fork" starts a child in milliseconds with what this process has
    imported: for a command that has started no threads (extract); "spawn" otherwise.
    """

    def __init__(self, budget: Budget | None = None, *, start_method: str = "spawn") -> None:
        self.budget = budget or Budget()
        self._context = multiprocessing.get_context(start_method)
        self._process: Any = None
        self._conn: Connection | None = None
        self.deadline: float | None = None  # of the call sent and not yet received

    @property
    def connection(self) -> Connection | None:
        return self._conn

    def _start(self) -> None:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(theirs, os.getpid(), self.budget.memory), daemon=True,
            name="vanban-worker",
        )
        try:
            with _children_allowed():
                process.start()
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self._process, self._conn = process, ours

    def send(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Start `fn(*args, **kwargs)` in the child; `receive` gives its outcome."""
        if self.deadline is not None:
            raise RuntimeError("the worker is still busy with a call")
        if self._process is None or not self._process.is_alive():
            self._kill()
            self._start()
        assert self._conn is not None
        call = (fn, args, kwargs)
        with contextlib.suppress(OSError, EOFError):  # the child is gone: receive says how
            self._conn.send(call)  # a call that does not pickle raises here, nothing sent
        self.deadline = time.monotonic() + self.budget.seconds

    def receive(self) -> Any:
        """The result of the call sent (or its exception), waiting at most until its
        deadline; past it the child is killed and OverBudgetError raised."""
        if self.deadline is None or self._conn is None:
            raise RuntimeError("no call was sent")
        deadline, self.deadline = self.deadline, None
        try:
            ready = self._conn.poll(max(deadline - time.monotonic(), 0.0))
        except (OSError, EOFError):
            ready = True  # the child is gone; recv says how
        if not ready:
            self._kill()
            raise OverBudgetError(f"took longer than the limit of {self.budget.seconds:g} s")
        try:
            status, value = self._conn.recv()
        except (EOFError, OSError):
            self._process.join(timeout=5)
            code = self._process.exitcode
            self._kill()
            raise OverBudgetError(_death(code, self.budget)) from None
        if status == "raise":
            raise value
        return value

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self.send(fn, *args, **kwargs)
        return self.receive()

    def _kill(self) -> None:
        if self._process is not None:
            if self._process.is_alive():
                kill_group(self._process.pid)  # and the tesseract it may be waiting for
            self._process.join(timeout=5)
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn, self.deadline = None, None, None

    def close(self) -> None:
        self._kill()

    def __enter__(self) -> BudgetWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_daemon_flag = threading.Lock()


@contextlib.contextmanager
def _children_allowed() -> Iterator[None]:
    """Let a daemonic process (a Dask worker is one) start a worker.

    multiprocessing refuses children to daemonic processes lest they outlive them; ours
    die with their parent (`die_with_parent`), so the refusal is lifted while one starts.
    """
    config = multiprocessing.current_process()._config  # the flag the refusal reads
    with _daemon_flag:
        daemon = config.pop("daemon", None)
        try:
            yield
        finally:
            if daemon is not None:
                config["daemon"] = daemon


def _death(code: int | None, budget: Budget) -> str:
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        return (f"the worker died of {name} (over the memory limit of "
                f"{budget.memory / 2**30:.1f} GiB, or a crash in a reader)")
    return f"the worker died (exit status {code})"

