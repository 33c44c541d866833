"""A Tesseract that stays loaded: the `tesseract` program's recognition, many requests.

Run by `ocr.py` as a child process (`python -I -S tesseract_helper.py`), never imported by
vanban. Each `tesseract` process spends about 0.13 s of CPU before it reads a pixel
(most of it sorting the universal ambiguity table every model loads), as much as reading
a header's digits takes, and a scanned page calls for several readings. This process
loads each model once (libtesseract through its C API, as the program does) and reads
request after request as the program would: the same settings (`--psm`, `--dpi`, a
whitelist, the TSV output), page after page as the program reads the pages of a TIFF.
What the library says on stderr is returned with each request, as the program's stderr
is. Only the standard library: it starts in a few hundredths of a second.

Requests on stdin, replies on the descriptor that was stdout (the library's own output
can reach neither): a line of JSON, then the bytes it announces.
    request: {"lang", "psm", "dpi", "whitelist", "sizes": [[width, height], ...]}, then
             each image's gray pixels, one byte each, row after row
    reply:   {"rc", "out", "err"}, then `out` bytes of TSV and `err` bytes of stderr
An exit code of 1 and "Error during processing." are the program's for a page that
failed. The first reply, before any request, says whether libtesseract was loaded
(`"rc": 0`) or not (`"rc": -1`, and why).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import sys
import tempfile

_L_SEVERITY_ERROR = 5  # leptonica: errors only, as the program sets it


def _library(*names: str) -> ctypes.CDLL:
    """The first of the shared libraries that loads (by its usual name first: asking
    `ctypes.util.find_library` runs ldconfig)."""
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    for name in names:
        found = ctypes.util.find_library(name.removeprefix("lib").split(".so")[0])
        if found:
            return ctypes.CDLL(found)
    raise OSError(f"none of {', '.join(names)} found")


def _bind(lib: ctypes.CDLL) -> None:
    p, s, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    for name, result, args in (
        ("TessBaseAPICreate", p, []),
        ("TessBaseAPIInit3", i, [p, s, s]),
        ("TessBaseAPISetVariable", i, [p, s, s]),
        ("TessBaseAPISetPageSegMode", None, [p, i]),
        ("TessBaseAPISetImage", None, [p, p, i, i, i, i]),
        ("TessBaseAPIRecognize", i, [p, p]),
        ("TessBaseAPIGetTsvText", p, [p, i]),
        ("TessDeleteText", None, [p]),
        ("TessBaseAPIClear", None, [p]),
        ("TessBaseAPIClearAdaptiveClassifier", None, [p]),
    ):
        function = getattr(lib, name)
        function.restype, function.argtypes = result, args


class _Reader:
    """Models loaded once each, by language string ("vie", "vie+eng")."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self.lib, self.apis = lib, {}

    def api(self, lang: str):
        if lang not in self.apis:
            handle = self.lib.TessBaseAPICreate()
            if self.lib.TessBaseAPIInit3(handle, None, lang.encode()) != 0:
                print("Could not initialize tesseract.", file=sys.stderr, flush=True)
                return None
            self.apis[lang] = handle
        return self.apis[lang]

    def read(self, request: dict, pixels: bytes) -> tuple[int, bytes]:
        """The program's exit code and stdout for the request's images."""
        handle = self.api(request["lang"])
        if handle is None:
            return 1, b""
        lib = self.lib
        settings = {"tessedit_char_whitelist": request.get("whitelist") or "",
                    "user_defined_dpi": str(request["dpi"]), "tessedit_create_tsv": "1"}
        for name, value in settings.items():
            lib.TessBaseAPISetVariable(handle, name.encode(), value.encode())
        lib.TessBaseAPISetPageSegMode(handle, int(request["psm"]))
        out, at = [], 0
        buffer = ctypes.create_string_buffer(pixels, len(pixels))
        base = ctypes.addressof(buffer)
        sizes = request["sizes"]
        code = 0
        for page, (width, height) in enumerate(sizes):
            lib.TessBaseAPISetImage(handle, base + at, width, height, 1, width)
            at += width * height
            if lib.TessBaseAPIRecognize(handle, None) < 0:
                print("Error during processing.", file=sys.stderr, flush=True)
                code = 1
                break
            text = lib.TessBaseAPIGetTsvText(handle, page)
            if text:
                out.append(ctypes.string_at(text))
                lib.TessDeleteText(text)
        lib.TessBaseAPIClear(handle)
        # what one page taught the model is not carried to the next request, as no
        # program run carries it to the next run
        lib.TessBaseAPIClearAdaptiveClassifier(handle)
        return code, b"".join(out)


def _read_exactly(stream, count: int) -> bytes:
    data = bytearray(count)
    view, got = memoryview(data), 0
    while got < count:
        n = stream.readinto(view[got:])
        if not n:
            raise EOFError
        got += n
    return bytes(data)


def main() -> None:
    requests = sys.stdin.buffer
    replies = os.fdopen(os.dup(1), "wb")
    errors = tempfile.TemporaryFile()  # noqa: SIM115 - stderr, for the process's life
    os.dup2(errors.fileno(), 1)  # the library prints nothing to the replies
    os.dup2(errors.fileno(), 2)
    sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115 - the process's own stderr
    try:
        lib = _library("libtesseract.so.5")
        _bind(lib)
        lept = _library("liblept.so.5", "libleptonica.so.6")
        lept.setMsgSeverity(_L_SEVERITY_ERROR)
    except (OSError, AttributeError) as error:
        _reply(replies, -1, b"", str(error).encode())
        return
    _reply(replies, 0, b"", b"")
    reader = _Reader(lib)
    try:  # glibc: a page's buffers handed back once read (80 MB kept per helper otherwise)
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        trim = None
    while True:
        line = requests.readline()
        if not line:
            return
        request = json.loads(line)
        pixels = _read_exactly(requests, sum(w * h for w, h in request["sizes"]))
        errors.seek(0)
        errors.truncate()
        code, out = reader.read(request, pixels)
        del pixels
        if trim is not None:
            trim(0)
        sys.stderr.flush()
        errors.seek(0)
        _reply(replies, code, out, errors.read())


def _reply(replies, code: int, out: bytes, err: bytes) -> None:
    replies.write(json.dumps({"rc": code, "out": len(out), "err": len(err)}).encode() + b"\n")
    replies.write(out)
    replies.write(err)
    replies.flush()


if __name__ == "__main__":
    main()
