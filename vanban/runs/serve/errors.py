"""One place where an exception becomes an HTTP status, with the reason the CLI gives."""

from __future__ import annotations

from vanban.corpus.corrections import CorrectionError
from vanban.errors import (
    EmptyFileError,
    IngestError,
    MissingDependencyError,
    NotFoundError,
    QueryError,
    TooLargeError,
    UnsupportedFormatError,
    VanbanError,
)
from vanban.runs.serve.security import Forbidden

# First match wins: subclasses before their bases.
_STATUS: list[tuple[type[VanbanError], int]] = [
    (Forbidden, 403),
    (NotFoundError, 404),
    (CorrectionError, 422),
    (QueryError, 400),
    (TooLargeError, 413),
    (UnsupportedFormatError, 415),
    (EmptyFileError, 422),
    (IngestError, 422),
    (MissingDependencyError, 503),
]


def status_for(error: VanbanError) -> int:
    explicit = getattr(error, "status", None)
    if isinstance(explicit, int):
        return explicit
    return next((code for kind, code in _STATUS if isinstance(error, kind)), 400)


def body(error: VanbanError) -> dict:
    return {"error": type(error).__name__, "reason": str(error), "exit_code": error.exit_code}
