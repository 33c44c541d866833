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
    _STATE["enabled"] = True


def enabled() -> bool:
    return _STATE["enabled"] and not os.environ.get("VANBAN_NO_CACHE")


def folder() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "vanban"


def read(name: str, key: Any) -> Any | None:
    """The value stored under `name` when it was stored with `key`, else None."""
    if not enabled():
        return None
    try:
        stored, value = marshal.loads((folder() / name).read_bytes())
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
        write_atomic(folder() / name, data)


def cached(name: str, build: Callable[[], T], *, encode: Callable[[T], Any] = lambda v: v,
           decode: Callable[[Any], T] = lambda v: v) -> T:
    """The table `build` makes from vanban's data, read from the cache when this very
    installation stored it (`encode` and `decode` turn it into marshal's types and back).

    The key is the interpreter's release and the size and modification time of every
    file of the package (its code and `data/`), as Python checks byte code against its
    source: any change to either builds the table afresh. One file per table and per
    place the package is installed at."""
    if not enabled():
        return build()
    file = f"{name}-{_installation()[0]}.bin"
    stored = read(file, _installation()[1])
    if stored is not None:
        try:
            return decode(stored)
        except Exception:  # a damaged value under the right key: built again below
            pass
    value = build()
    write(file, _installation()[1], encode(value))
    return value


@cache
def _installation() -> tuple[str, str]:
    """(a digest of where the package is, a digest of its files as they are now)."""
    files = []
    for root, dirs, names in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            path = os.path.join(root, name)
            info = os.stat(path)
            files.append(f"{os.path.relpath(path, _PACKAGE)}\0{info.st_size}\0{info.st_mtime_ns}")
    state = hashlib.blake2b("\n".join([str(sys.hexversion), *files]).encode(), digest_size=16)
    place = hashlib.blake2b(str(_PACKAGE).encode(), digest_size=4)
    return place.hexdigest(), state.hexdigest()
