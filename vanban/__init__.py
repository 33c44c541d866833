"""vanban: Vietnamese government directives to structured task records.

The public API is small::

    from vanban import process
    record = process("cong-van.pdf")      # -> vanban.models.Directive
    print(record.model_dump_json(indent=2))
"""

from __future__ import annotations

from importlib import metadata
from typing import TYPE_CHECKING


def _installed_version() -> str:
    # One version, pyproject.toml's: a checkout that was never installed says so.
    try:
        return metadata.version("vanban")
    except metadata.PackageNotFoundError:
        return "0+unknown"


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
