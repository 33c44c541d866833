"""What the command line keeps between runs to start faster, in the user's cache folder
($XDG_CACHE_HOME/vanban, else ~/.cache/vanban): compiled patterns and code
(`start_cache`), and tables built from vanban's own data (`cached`). Never a record,
never anything a document gave.

A file holds one marshalled (key, value): one whose key differs from the one asked for,
or that cannot be read, counts as no file, and is written afresh (atomically: another
run may be reading it). Only the command line turns this on (`enable`): a program that
imports vanban reads and writes nothing here. `VANBAN_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent
_STATE = {"enabled": False}


def enable() -> None:
    """Read and write the cache from now on. The package's files are looked at now, as
    the process starts with them: a long-running one that outlives an upgrade keeps
    building its tables under the key of the code it runs."""
    _STATE["enabled"] = True
    _installation()


def enabled() -> bool:
    return (_STATE["enabled"] and not os.environ.get("VANBAN_NO_CACHE")
            and folder() is not None)


def folder() -> Path | None:
    """The cache folder; None where there is no home to put it in."""
    root = os.environ.get("XDG_CACHE_HOME")
    if not root:
        try:
            root = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no $HOME and no password entry
            return None
    return Path(root) / "vanban"


def read(name: str, key: Any) -> Any | None:
    """The value stored under `name` when it was stored with `key`, else None."""
    if not enabled():
        return None
    try:
        stored, value = marshal.loads((folder() / name).read_bytes())  # type: ignore[operator]
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return value if stored == key else None


def write(name: str, key: Any, value: Any) -> None:
    """Store `value` under `name` with `key`; quietly nothing where it cannot be."""
    if not enabled():
        return
    try:
        data = marshal.dumps((key, value))
    except ValueError:  # what marshal cannot write
        return
    from vanban.fsutil import write_atomic  # not at start: its imports compile patterns

    with contextlib.suppress(OSError):  # a folder that cannot be written: no cache
        write_atomic(folder() / name, data)  # type: ignore[operator]


def cached(name: str, build: Callable[[], T], *, encode: Callable[[T], Any] = lambda v: v,
           decode: Callable[[Any], T] = lambda v: v) -> T:
    """The table `build` makes from vanban's data, read from the cache when this very
    installation stored it (`encode` and `decode` turn it into marshal's types and back).

    The key is the interpreter's release and the size and modification time of every
    file of the package (its code and `data/`), as Python checks byte code against its
    source: any change to either builds the table afresh. One file per table and per
    place the package is installed at."""
    installation = _installation()
    if not enabled() or installation is None:
        return build()
    place, state = installation
    file = f"{name}-{place}.bin"
    stored = read(file, state)
    if stored is not None:
        try:
            return decode(stored)
        except Exception:  # a damaged value under the right key: built again below
            pass
    value = build()
    write(file, state, encode(value))
    return value


@cache
def _installation() -> tuple[str, str] | None:
    """(a digest of where the package is, a digest of its files as they are now); None
    where they cannot be looked at (a package in a zip file): then nothing is cached."""
    files = []
    try:
        for root, dirs, names in os.walk(_PACKAGE, onerror=_raise):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                path = os.path.join(root, name)
                info = os.stat(path)
                files.append(f"{os.path.relpath(path, _PACKAGE)}\0{info.st_size}\0"
                             f"{info.st_mtime_ns}")
    except OSError:
        return None
    if not files:
        return None
    state = hashlib.blake2b("\n".join([str(sys.hexversion), *files]).encode(), digest_size=16)
    place = hashlib.blake2b(str(_PACKAGE).encode(), digest_size=4)
    return place.hexdigest(), state.hexdigest()


def _raise(error: OSError) -> None:
    raise error
