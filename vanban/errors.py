"""The project's own exceptions: every failure a user can act on is one of these.

Each carries an exit code so the command line can tell failures apart; callers
never see a raw library exception for a problem with the input.
"""


class VanbanError(Exception):
    """Base class: a problem with the input or the environment, explained in one line."""

    exit_code = 1


class IngestError(VanbanError):
    """A file could not be turned into text."""

    exit_code = 2


class EmptyFileError(IngestError):
    """The file has no bytes."""


class UndecodableTextError(IngestError):
    """A text file whose bytes are not UTF-8, UTF-16 or a known Vietnamese legacy encoding."""


class UnsupportedFormatError(IngestError):
    """The content is not a kind of file vanban reads."""


class EncryptedPdfError(IngestError):
    """A PDF that needs a password other than the empty one."""


class CorruptFileError(IngestError):
    """A file whose structure is broken beyond the parts that could be read."""


class TooLargeError(IngestError):
    """A file over the configured page or pixel limits (a decompression bomb, say)."""


class OcrError(IngestError):
    """Tesseract failed or timed out."""


class MissingDependencyError(VanbanError):
    """A program vanban needs (tesseract, a language model) is not installed."""

    exit_code = 3


class StoreError(VanbanError):
    """The output store cannot be used as asked (an --out inside the inbox, say)."""

    exit_code = 4


class QueryError(StoreError):
    """A query the store refuses: not a SELECT, or SQL that SQLite rejects."""


class WatchError(StoreError):
    """The watched folder cannot be used as asked (missing, or the store inside it)."""


class NotFoundError(StoreError):
    """No record of that content in the store."""


class InboxBusyError(WatchError):
    """Another watcher holds the inbox's lock."""
