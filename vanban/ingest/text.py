"""Plain-text files: UTF-8 (with or without BOM), UTF-16, and the legacy 8-bit
Vietnamese encodings TCVN3 and VNI (see `legacy.py`), taken only when the file then
reads as Vietnamese."""

from __future__ import annotations

import codecs

from vanban.errors import UndecodableTextError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode_text(data: bytes, *, name: str = "input", warnings: list[str] | None = None) -> str:
    """Decode text bytes, or raise UndecodableTextError naming the first bad byte."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise UndecodableTextError(
                    f"{name}: not UTF-8 or UTF-16 text ({encoding} byte-order mark, "
                    f"but {error.reason} at offset {error.start})"
                ) from None
    if _looks_like_utf16(data):
        try:
            return data.decode("utf-16-le" if data[1] == 0 else "utf-16-be")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        from vanban.ingest import legacy

        decoded = legacy.decode_bytes(data)
        if decoded is not None:
            if warnings is not None:
                warnings.append(legacy.warning([decoded[1]]))
            return decoded[0]
        bad = data[error.start : error.start + 4]
        raise UndecodableTextError(
            f"{name}: not UTF-8 or UTF-16 text (byte {bad!r} at offset {error.start})"
        ) from None


def _looks_like_utf16(data: bytes) -> bool:
    """BOM-less UTF-16: every other byte of ASCII-heavy text is zero."""
    sample = data[:200]
    if len(sample) < 4 or len(sample) % 2:
        return False
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4
