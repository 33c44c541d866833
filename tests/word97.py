"""The smallest Word 97 (.doc) file that Word readers accept, written for the tests.

An OLE2 compound file (512-byte sectors, one FAT sector, no mini stream: both streams
are padded past the 4096-byte cutoff) holding a "WordDocument" stream (the FIB, then
the text as UTF-16, one paragraph a line) and a "1Table" stream (an empty style
sheet, an empty font table, the document properties and the piece table that points
at the text). Enough for antiword; no formatting, tables or pictures.
"""

from __future__ import annotations

import struct

_END, _FREE, _FATSECT, _NONE = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR = 512
_FIB_SIZE = 1024
# indices of (fc, lcb) pairs in the FIB's FibRgFcLcb97, which starts at byte 154
_STSHF, _STTBFFFN, _DOP, _CLX = 1, 15, 31, 33


def word97(text: str) -> bytes:
    body = "\r".join(text.replace("\r\n", "\n").split("\n")) + "\r"
    encoded = body.encode("utf-16-le")
    fib = bytearray(_FIB_SIZE)
    # wIdent, nFib (Word 97), unused, lid (en-US), pnNext, flags: fWhichTblStm, fExtChar
    struct.pack_into("<HHHHHH", fib, 0, 0xA5EC, 0x00C1, 0, 0x0409, 0, 0x1200)
    struct.pack_into("<H", fib, 12, 0x00BF)  # nFibBack
    struct.pack_into("<II", fib, 0x18, _FIB_SIZE, _FIB_SIZE + len(encoded))  # fcMin, fcMac
    struct.pack_into("<H", fib, 32, 14)  # csw
    struct.pack_into("<H", fib, 62, 22)  # cslw
    struct.pack_into("<i", fib, 64, _FIB_SIZE + len(encoded))  # cbMac
    struct.pack_into("<i", fib, 76, len(body))  # ccpText
    struct.pack_into("<H", fib, 152, 93)  # cbRgFcLcb

    # one piece: CPs 0..len(body), its text uncompressed (UTF-16) right after the FIB
    pieces = struct.pack("<II", 0, len(body)) + struct.pack("<HIH", 0, _FIB_SIZE, 0)
    clx = b"\x02" + struct.pack("<I", len(pieces)) + pieces
    style_sheet = struct.pack("<H", 18) + struct.pack("<9H", 0, 10, 0, 0x0FFF, 0x0FFF, 0, 0, 0, 0)
    fonts = struct.pack("<HH", 0, 0)
    properties = bytearray(500)
    struct.pack_into("<H", properties, 0x0A, 720)  # default tab stop, half an inch
    table = bytearray()
    for index, blob in ((_STSHF, style_sheet), (_STTBFFFN, fonts), (_DOP, bytes(properties)),
                        (_CLX, clx)):
        struct.pack_into("<II", fib, 154 + 8 * index, len(table), len(blob))
        table += blob
    word = bytes(fib) + encoded
    return _compound({
        "WordDocument": word.ljust(max(4096, -(-len(word) // _SECTOR) * _SECTOR), b"\0"),
        "1Table": bytes(table).ljust(4096, b"\0"),
    })


def _compound(streams: dict[str, bytes]) -> bytes:
    """An OLE2 file: header, one FAT sector, the streams, one directory sector."""
    names = list(streams)
    counts = [-(-len(streams[n]) // _SECTOR) for n in names]
    starts, sector = [], 1
    for count in counts:
        starts.append(sector)
        sector += count
    directory = sector
    fat = [_FREE] * (_SECTOR // 4)
    assert directory < len(fat), "text too long for a one-sector FAT"
    fat[0] = _FATSECT
    for start, count in zip(starts, counts, strict=True):
        for i in range(count):
            fat[start + i] = start + i + 1 if i + 1 < count else _END
    fat[directory] = _END
    header = bytearray(_SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<9I", header, 40, 0, 1, directory, 0, 4096, _END, 0, _END, 0)
    struct.pack_into("<109I", header, 76, 0, *[_FREE] * 108)

    def entry(name: str, kind: int, left: int, child: int, start: int, size: int) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        raw[: len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)  # black node
        struct.pack_into("<III", raw, 68, left, _NONE, child)
        struct.pack_into("<IQ", raw, 116, start, size)
        return bytes(raw)

    sizes = [len(streams[n]) for n in names]
    entries = [
        entry("Root Entry", 5, _NONE, 1, _END, 0),
        # siblings ordered by name length: "1Table" sorts before "WordDocument"
        entry(names[0], 2, 2, _NONE, starts[0], sizes[0]),
        entry(names[1], 2, _NONE, _NONE, starts[1], sizes[1]),
        entry("", 0, _NONE, _NONE, 0, 0),
    ]
    out = bytes(header) + struct.pack(f"<{len(fat)}I", *fat)
    out += b"".join(streams[n].ljust(c * _SECTOR, b"\0") for n, c in zip(names, counts, strict=True))
    return out + b"".join(entries)
