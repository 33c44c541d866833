"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

from vanban.names import fit_name


def write_atomic(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    # the temporary name must fit too: a 250-byte name plus our affixes would not
    prefix = f".{fit_name(path.name, '', 200)}."
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        # mkstemp makes it 0600; a record is as readable as any file the user writes (a
        # web server of the same group reads the store)
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@cache
def _umask() -> int:  # read once: setting it back and forth races other threads
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
