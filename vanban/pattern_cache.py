"""Compiled regular expressions kept between runs of the command, as `__pycache__` keeps
byte code.

A one-file `vanban extract` compiles some 300 patterns while its modules load (typer's,
the pipeline's: 0.08 s of a 0.39 s run), and Python's `re` parses and compiles each one
in Python, in every run. What the compiler hands to `_sre.compile` depends only on the
pattern, its flags and the interpreter, so it is kept in a file of the user's cache
folder, under the interpreter's tag and the regular-expression engine's version, and
handed to `_sre.compile` directly the next time; the engine checks the code it is given,
as it does any. A pattern the file lacks is compiled as usual and added at exit. No
file, an unreadable or foreign one, an unwritable folder: patterns are compiled as
without it. `VANBAN_NO_CACHE=1` leaves the file unwritten.

Only the command line installs it (`vanban.cli`): a program that imports vanban keeps
its own `re`.
"""

from __future__ import annotations

import _sre
import atexit
import contextlib
import marshal
import os
import sys
import tempfile
import threading
from pathlib import Path
from re import _compiler  # type: ignore[attr-defined]

# A file that grew past this many patterns (a program compiling patterns built from its
# input) is not added to any further.
_MAX_PATTERNS = 4000
_DEBUG = 128  # re.DEBUG: such a compile prints, and is never cached


def cache_file() -> Path:
    """Where the patterns are kept: the user's cache folder, one file per interpreter
    release (case folding follows its Unicode tables) and engine."""
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    name = f"patterns-{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}.bin"
    return Path(root) / "vanban" / name


class _Recorder:
    """`_sre` as `re._compiler` sees it once installed: every call goes to the engine; the
    arguments of the last `compile` are kept (per thread), to be stored."""

    def __init__(self, engine) -> None:
        self._engine = engine
        self.last = threading.local()

    def compile(self, *args):
        self.last.args = args
        return self._engine.compile(*args)

    def __getattr__(self, name: str):
        return getattr(self._engine, name)


def install(path: Path | None = None) -> None:
    """Compile through the cache file from now on (once a process; later calls do
    nothing)."""
    if isinstance(_compiler._sre, _Recorder):
        return
    path = path or cache_file()
    known = _read(path)
    added: dict[tuple, tuple] = {}
    recorder = _Recorder(_sre)
    compile_ = _compiler.compile

    def compile_cached(p, flags=0):
        if not isinstance(p, str | bytes) or flags & _DEBUG:
            return compile_(p, flags)
        key = (p, flags)  # a str and a bytes pattern never compare equal
        args = known.get(key)
        if args is not None:
            try:
                return _sre.compile(*args)
            except Exception:  # a damaged entry: compiled afresh, and stored again
                known.pop(key, None)
        pattern = compile_(p, flags)
        args = getattr(recorder.last, "args", None)
        if args is not None and args[0] is p:
            added[key] = args
        return pattern

    _compiler._sre = recorder
    _compiler.compile = compile_cached
    atexit.register(_save, path, known, added)


def _plain(value):
    """The code list with plain ints: the compiler writes named constants (an int
    subclass), which marshal cannot write; the engine reads either alike."""
    if isinstance(value, list):
        return [int(v) for v in value]
    return value


def _read(path: Path) -> dict[tuple, tuple]:
    try:
        table = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def _save(path: Path, known: dict[tuple, tuple], added: dict[tuple, tuple]) -> None:
    if not added or os.environ.get("VANBAN_NO_CACHE"):
        return
    if len(known) + len(added) > _MAX_PATTERNS:
        return
    try:
        data = marshal.dumps({**known, **{k: tuple(map(_plain, v)) for k, v in added.items()}})
    except (ValueError, TypeError):  # what marshal cannot write (a newer engine's): none
        return
    # atomically: another run may be reading the file, or writing its own
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".patterns-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
