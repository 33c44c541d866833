"""File names of any bytes, made safe for the journal, the logs and the file system.

A POSIX name is bytes; Python hands the undecodable ones over as lone surrogates
(surrogateescape), which SQLite, JSON and a UTF-8 terminal all refuse. A name may also
hold control characters that forge log lines or move a terminal's cursor.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

SURROGATES = re.compile(r"[\ud800-\udfff]")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAME_MAX = 255  # bytes, on every file system we expect


def text_key(path: str | Path) -> str:
    """The path as valid UTF-8 text: itself when it decodes, its bytes as \\xNN otherwise."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def printable(text: str, *, newlines: bool = False) -> str:
    """`text` for a log line or a terminal: control characters and lone surrogates escaped
    (line ends kept with `newlines`)."""
    if newlines:
        return "\n".join(_UNPRINTABLE.sub(_escape, line) for line in text.split("\n"))
    return _UNPRINTABLE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    char = m.group()
    if 0xDC80 <= ord(char) <= 0xDCFF:  # a byte that surrogateescape kept
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii") if ord(char) < 0x10000 else char


def fit_name(name: str, suffix: str = "", limit: int = _NAME_MAX) -> str:
    """`name` + `suffix`, the name shortened (on a character boundary) to fit `limit` bytes."""
    room = limit - len(os.fsencode(suffix))
    encoded = os.fsencode(name)
    if len(encoded) <= room:
        return name + suffix
    cut = encoded[: max(room - 9, 1)]
    short = os.fsdecode(cut.decode("utf-8", "ignore").encode("utf-8") or cut)
    digest = hashlib.sha256(encoded).hexdigest()[:8]  # names cut alike stay apart
    return f"{short}~{digest}{suffix}"


def valid_text(text: str) -> str:
    """`text` with lone surrogates as U+FFFD: the same length, so offsets still hold."""
    return SURROGATES.sub("\ufffd", text)
