"""What a compressed file inflates to, counted while inflating, never held in memory.

A 3 MB PDF whose content stream inflates to gigabytes, or a .docx whose XML does, is
refused before a reader sees it: the count stops at the limit.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from vanban.errors import CorruptFileError, TooLargeError

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

    A PDF that pikepdf cannot open (encrypted, damaged) is left to the reader, which
    says why; its RLIMIT_AS budget is the limit then.
    """
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception:  # the reader reports what is wrong with it
        return
    total = 0
    with pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream):
                continue
            try:
                filters = obj.get("/Filter")
                if isinstance(filters, pikepdf.Array):
                    filters = filters[0] if len(filters) else None
                if filters != pikepdf.Name.FlateDecode:
                    continue
                raw = obj.read_raw_bytes()
            except Exception:
                continue
            total += _inflated_size(raw, limit - total)
            if total > limit:
                raise _bomb(name, "its streams inflate to more", limit)


def _inflated_size(raw: bytes, room: int) -> int:
    """Bytes `raw` inflates to, counted up to `room` + 1 at most."""
    inflater = zlib.decompressobj()
    total, pending = 0, raw
    try:
        while pending and total <= room:
            total += len(inflater.decompress(pending, _CHUNK))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # a damaged stream: the reader decides what is left of it
    return total


def _bomb(name: str, what: str, limit: int) -> TooLargeError:
    return TooLargeError(f"{name}: {what} than the limit of {limit:,} bytes (a compression bomb?)")
