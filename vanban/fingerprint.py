"""A fingerprint of the rules and models a record was made with.

The version says which code ran; the data files under `vanban/data/` (rules, tables,
the restoration model) change between versions too, and a record read with other
tables may differ. The fingerprint is a hash of their names and bytes, so `batch`
can tell a record made by an older rule set without trusting the version alone.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
_LENGTH = 16  # hex digits: plenty to tell rule sets apart, short enough to read


def fingerprint_of(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name.startswith(".") or path.suffix == ".pyc":
            continue
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:_LENGTH]


@functools.cache
def rules_fingerprint() -> str:
    """The fingerprint of this installation's `vanban/data/` (computed once per process)."""
    return fingerprint_of(DATA)
