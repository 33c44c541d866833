"""vanban: Vietnamese government directives to structured task records.

The public API is small::

    from vanban import process
    record = process("cong-van.pdf")      # -> vanban.models.Directive
    print(record.model_dump_json(indent=2))
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING


def _installed_version() -> str:
    # One version, pyproject.toml's: a checkout that was never installed says so.
    return _dist_info_version() or _metadata_version()


def _metadata_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("vanban")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _dist_info_version() -> str | None:
    """`importlib.metadata.version("vanban")` read directly where an install is plain: the
    first folder of `sys.path` that holds vanban's metadata (a `vanban-*.dist-info`, a
    checkout's `vanban.egg-info`) holds one, whose METADATA (or PKG-INFO) names the
    version. Importing importlib.metadata (it loads the email package) and its search
    cost 0.025 s of every command's start. None where anything is otherwise (an egg, a
    zip, two installs in one folder): importlib.metadata decides."""
    for entry in sys.path:
        if entry.lower().endswith(".egg"):
            return None  # an egg: importlib.metadata reads its egg-info
        try:
            names = os.listdir(entry or ".")
        except OSError:
            if os.path.isfile(entry):
                return None  # a zip on the path: importlib.metadata searches it
            continue
        # the names importlib.metadata takes for vanban's (its `Lookup`)
        found = [n for n in names if n.lower().endswith((".dist-info", ".egg-info"))
                 and n.lower().rpartition(".")[0].partition("-")[0] == "vanban"]
        if not found:
            continue
        if len(found) > 1:
            return None
        for file_name in ("METADATA", "PKG-INFO"):
            try:
                with open(os.path.join(entry or ".", found[0], file_name),
                          encoding="utf-8") as file:
                    for line in file:
                        if not line.strip():
                            break  # the headers end at the first blank line
                        key, _, value = line.partition(":")
                        if key.strip().lower() == "version":
                            return value.strip()
                return None
            except FileNotFoundError:
                continue
            except (OSError, UnicodeDecodeError):
                return None  # an egg-info that is a file, an unreadable one
        return None
    return None


__version__ = _installed_version()
__all__ = ["Options", "__version__", "process", "process_document", "process_text"]

if TYPE_CHECKING:
    from vanban.api import Options, process, process_document, process_text


def __getattr__(name: str):
    # Imported on first use, so `import vanban.normalize...` does not pull in the whole
    # pipeline (and one broken stage cannot break the others' imports).
    if name in __all__:
        from vanban import api

        return getattr(api, name)
    raise AttributeError(f"module 'vanban' has no attribute {name!r}")
