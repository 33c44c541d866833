"""What a compressed file inflates to, counted while inflating, never held in memory.

A 3 MB PDF whose content stream inflates to gigabytes, or a .docx whose XML does, is
refused before a reader sees it: the count stops at the limit.
"""

from __future__ import annotations

import io
import re
import zipfile

from vanban.errors import CorruptFileError, TooLargeError

try:  # zlib-ng inflates the same streams twice as fast: a text PDF's check 0.08 -> 0.04 s
    from zlib_ng import zlib_ng as zlib
except ImportError:  # pragma: no cover - a declared dependency; zlib answers the same
    import zlib  # type: ignore[no-redef]

_CHUNK = 1 << 20


def check_zip(data: bytes, *, name: str, limit: int) -> None:
    """Refuse a ZIP (a .docx) whose members inflate past `limit` bytes in all.

    zipfile never yields more than a member's declared size (a member that inflates
    further fails its check), so the declared sizes bound what reading can cost.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise CorruptFileError(f"{name}: damaged ZIP container ({error})") from None
    if total > limit:
        raise _bomb(name, f"its parts inflate to {total:,} bytes, more", limit)


def check_pdf(data: bytes, *, name: str, limit: int) -> None:
    """Refuse a PDF whose Flate streams inflate past `limit` bytes in all.

    The streams are found in the bytes, not through a PDF parser: after each `stream`
    keyword, what inflates as a zlib stream is counted (an image's JPEG, an uncompressed
    or encrypted stream inflates to nothing). So a damaged file is counted too, and a
    text PDF does not pay for a second parser (pikepdf: 0.06 s to import, then as long
    again to open the file as to inflate its streams).
    """
    view = memoryview(data)
    total = 0
    for match in STREAM.finditer(data):
        start = match.end()
        header = data[start : start + 2]
        # what no zlib stream starts with (deflate, a window, a check sum of the two
        # bytes) is passed over before an inflater is made: a file of "stream" keywords
        # costs a comparison each
        if len(header) < 2 or header[0] & 0x0F != 8 or int.from_bytes(header, "big") % 31:
            continue
        total += _stream_size(view, start, limit - total)
        if total > limit:
            raise _bomb(name, "its streams inflate to more", limit)


# The keyword that opens a stream's data, and the end of its line (CRLF, LF; a lone CR
# written by some tools), before a byte a zlib stream can start with (deflate: its low
# four bits are 8); "endstream" is no start. The keyword first, the lookbehind after it:
# the engine then skips to each "stream" (ten times faster over a file).
STREAM = re.compile(
    rb"stream(?<!endstream)(?:\r\n|\n|\r)(?=[" + bytes(range(8, 256, 16)) + rb"])", re.DOTALL)
_STREAM = STREAM  # (the name the speed tests know it by)
_FEED = 1 << 16  # bytes of the file given to the inflater at a time


def _stream_size(view: memoryview, start: int, room: int) -> int:
    """Bytes the zlib stream at `start` inflates to (up to its end, or to where the data
    stops being one), counted up to `room` + 1 at most."""
    inflater = zlib.decompressobj()
    total, at = 0, start
    try:
        while total <= room and not inflater.eof:
            pending = inflater.unconsumed_tail  # input held back when output hit _CHUNK
            if not pending:
                pending = view[at : at + _FEED]
                at += len(pending)
                if not pending:
                    break
            total += len(inflater.decompress(pending, _CHUNK))
    except zlib.error:
        pass  # no zlib stream, or a damaged one: what inflated so far counts
    return total


def _bomb(name: str, what: str, limit: int) -> TooLargeError:
    return TooLargeError(f"{name}: {what} than the limit of {limit:,} bytes (a compression bomb?)")
