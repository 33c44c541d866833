"""The original files, kept in the store by content hash.

A clerk's inbox is emptied (files move to processed/, then away); the review page
still has to show a document's pages beside its fields. So the store keeps each
original as `originals/<sha256>`: named by its content, never by the name it came
with, and written atomically.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

FOLDER = "originals"


def original_path(root: Path, sha256: str) -> Path:
    return root / FOLDER / sha256


def has(root: Path, sha256: str) -> bool:
    return original_path(root, sha256).is_file()


def keep_bytes(root: Path, sha256: str, data: bytes) -> Path:
    target = original_path(root, sha256)
    if target.is_file():
        return target
    from vanban.fsutil import write_atomic

    write_atomic(target, data)
    return target


def keep_file(root: Path, sha256: str, source: Path) -> Path | None:
    """Copy `source` in, if it still holds the content `sha256` names; None when it does not.

    The file is copied to a temporary name and checked while copying, so a file changed
    since it was processed is not kept under the wrong hash.
    """
    target = original_path(root, sha256)
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{sha256[:16]}.", suffix=".tmp")
    try:
        digest = hashlib.sha256()
        with source.open("rb") as reader, os.fdopen(fd, "wb") as writer:
            while chunk := reader.read(1 << 20):
                digest.update(chunk)
                writer.write(chunk)
        if digest.hexdigest() != sha256:
            Path(tmp).unlink(missing_ok=True)
            return None
        os.replace(tmp, target)
        return target
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

