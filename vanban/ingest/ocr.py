"""Everything vanban knows about Tesseract: how to call it, read it, and fail.

The one module that starts Tesseract. It checks the version and the installed
languages once, runs recognition (TSV, so word boxes and confidences come back) and
orientation detection, turns stderr into warnings a user can act on, and translates
every failure into `OcrError` or `MissingDependencyError`. Recognition runs in helper
processes that keep the models loaded (`tesseract_helper.py`: a `tesseract` program
spends 0.13 s of CPU loading its model, and a scanned page asks for several readings),
each reading as the program would make it; where no helper can start, the program.

Threading: Tesseract's OpenMP build spins up one thread per core per process. Pages
are recognised in parallel, one process per core, so each process gets
OMP_THREAD_LIMIT=1; measured on 2 cores, one page took 2.9 s with the limit and 24 s
without it (the threads fight over the cores).
"""

from __future__ import annotations

import atexit
import csv
import functools
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from vanban.errors import MissingDependencyError, OcrError
from vanban.ingest.page_image import gray_of

MIN_VERSION = (4, 1)
_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}

# stderr lines that are Tesseract talking to itself, not about the page
_CHATTER = re.compile(
    r"^(Estimating resolution|Detected \d+ diacritics|Warning: Invalid resolution|"
    r"Page \d+|Tesseract Open Source|Warning\. Invalid resolution)"
)
_ADVICE = {
    "Empty page": "no text found on the page",
    "Too few characters": "too few characters to judge orientation",
    "Image too small": "image too small to recognise",
    "Error in pixGenHalftoneMask": "halftone detection failed (photo on the page?)",
}


# the least resolution orientation detection is given a page at
_OSD_DPI = 150


@dataclass(frozen=True)
class TsvWord:
    """One word as Tesseract's TSV reports it; boxes in pixels of the image given."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float  # 0..100
    block: int
    paragraph: int
    line: int
    page: int = 1  # of the images given at once (`recognise_pages`)


@dataclass
class Recognition:
    words: list[TsvWord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@functools.cache
def tesseract_version() -> tuple[int, ...]:
    """The installed Tesseract's version; MissingDependencyError when there is none."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise MissingDependencyError(
            "tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"
        )
    output = _run([exe, "--version"], timeout=30).stdout.decode(errors="replace")
    match = re.search(r"tesseract\s+v?(\d+)\.(\d+)", output)
    if not match:
        raise MissingDependencyError(f"cannot tell the version of tesseract from {output[:80]!r}")
    version = (int(match.group(1)), int(match.group(2)))
    if version < MIN_VERSION:
        raise MissingDependencyError(
            f"tesseract {version[0]}.{version[1]} is too old; vanban needs {MIN_VERSION[0]}."
            f"{MIN_VERSION[1]} or newer"
        )
    return version


@functools.cache
def languages() -> frozenset[str]:
    tesseract_version()
    result = _run(["tesseract", "--list-langs"], timeout=30)
    lines = result.stdout.decode(errors="replace").splitlines()
    return frozenset(line.strip() for line in lines[1:] if line.strip())


def require_language(lang: str) -> None:
    """Fail early, once per file, rather than once per page."""
    missing = [code for code in lang.split("+") if code not in languages()]
    if missing:
        raise MissingDependencyError(
            f"Tesseract language data {', '.join(missing)!s} not installed "
            f"(Debian: apt-get install {' '.join('tesseract-ocr-' + m for m in missing)})"
        )


def recognise(
    image: Image.Image, *, lang: str, dpi: int, timeout: float, psm: int = 3,
    whitelist: str | None = None,
) -> Recognition:
    """Words with boxes and confidences from one page image (or a crop of one, read
    with only the characters of `whitelist`)."""
    args = _recognise_args(lang=lang, dpi=dpi, psm=psm, whitelist=whitelist)
    gray = gray_of(image)
    helped = _helped([gray], lang=lang, dpi=dpi, psm=psm, whitelist=whitelist, timeout=timeout)
    result = helped if helped is not None else _run(args, stdin=_pnm(gray), timeout=timeout)
    return Recognition(words=parse_tsv(result.stdout), warnings=_warnings(result.stderr))


def recognise_pages(
    images: list[Image.Image], *, lang: str, dpi: int, timeout: float, psm: int = 3,
    whitelist: str | None = None,
) -> list[Recognition]:
    """`recognise` of each image, the images given to one Tesseract process as the pages
    of one TIFF: the model is loaded once for all (a tenth of a second each time, more
    than reading a small crop takes). `timeout` is per image."""
    if not images:
        return []
    args = _recognise_args(lang=lang, dpi=dpi, psm=psm, whitelist=whitelist)
    grays = [image.convert("L") for image in images]
    result = _helped(grays, lang=lang, dpi=dpi, psm=psm, whitelist=whitelist,
                     timeout=timeout * len(images))
    if result is None:
        first, *rest = grays
        buffer = io.BytesIO()
        first.save(buffer, "TIFF", save_all=True, append_images=rest, dpi=(dpi, dpi))
        result = _run(args, stdin=buffer.getvalue(), timeout=timeout * len(images))
    warnings = _warnings(result.stderr)
    out = [Recognition(warnings=list(warnings)) for _ in images]
    for word in parse_tsv(result.stdout):
        out[word.page - 1].words.append(word)
    return out


def _recognise_args(*, lang: str, dpi: int, psm: int, whitelist: str | None) -> list[str]:
    require_language(lang)
    args = ["tesseract", "stdin", "stdout", "-l", lang, "--psm", str(psm), "--dpi", str(dpi)]
    if whitelist:
        args += ["-c", f"tessedit_char_whitelist={whitelist}"]
    return [*args, "tsv"]


def orientation(image: Image.Image, *, dpi: int, timeout: float) -> tuple[int, float]:
    """Clockwise degrees the page is turned (0, 90, 180, 270) and OSD's confidence.

    Costs most of a second on a page at 300 dpi, so callers ask only when recognition
    went badly; the page is looked at at half that (about half the time: letters 20
    pixels high still show which way up they stand).
    """
    require_language("osd")
    if dpi >= 2 * _OSD_DPI:
        image, dpi = image.reduce(2), dpi // 2
    args = ["tesseract", "stdin", "stdout", "--psm", "0", "--dpi", str(dpi)]
    result = _run(args, stdin=_pnm(image), timeout=timeout, check=False)
    text = result.stdout.decode(errors="replace")
    rotate = re.search(r"Rotate:\s*(\d+)", text)
    confidence = re.search(r"Orientation confidence:\s*([\d.]+)", text)
    if result.returncode != 0 or not rotate:
        return 0, 0.0  # too little text to tell: leave the page as it is
    return int(rotate.group(1)), float(confidence.group(1)) if confidence else 0.0


def parse_tsv(data: bytes) -> list[TsvWord]:
    words = []
    reader = csv.reader(io.StringIO(data.decode("utf-8", errors="replace")), delimiter="\t",
                        quoting=csv.QUOTE_NONE)
    for row in reader:
        if len(row) < 12 or row[0] != "5" or not row[11].strip():
            continue
        try:
            words.append(
                TsvWord(
                    text=row[11].strip(),
                    left=int(row[6]),
                    top=int(row[7]),
                    width=int(row[8]),
                    height=int(row[9]),
                    confidence=max(float(row[10]), 0.0),
                    block=int(row[2]),
                    paragraph=int(row[3]),
                    line=int(row[4]),
                    page=int(row[1]),
                )
            )
        except ValueError:
            continue
    return words


def _pnm(image: Image.Image) -> bytes:
    # Uncompressed: PNG encoding a 300-dpi A4 page costs more than a tenth of recognising it.
    buffer = io.BytesIO()
    gray_of(image).save(buffer, "PPM")
    return buffer.getvalue()


def _warnings(stderr: bytes) -> list[str]:
    found = []
    for line in stderr.decode(errors="replace").splitlines():
        line = line.strip()
        if not line or _CHATTER.match(line):
            continue
        advice = next((text for key, text in _ADVICE.items() if key in line), None)
        message = f"tesseract: {advice or line}"
        if message not in found:
            found.append(message)
    return found


def _run(
    args: list[str], *, timeout: float, stdin: bytes | None = None, check: bool = True
) -> subprocess.CompletedProcess[bytes]:
    try:
        with tempfile.TemporaryFile() as given:
            # the image from a file, not a pipe: a page fed through a pipe is thousands
            # of turns of `communicate`'s loop, 4 KiB each (a hundredth of a second)
            if stdin is not None:
                given.write(stdin)
                given.seek(0)
            result = subprocess.run(
                args, stdin=given if stdin is not None else None, capture_output=True,
                timeout=timeout, env=_ENV, check=False,
            )
    except FileNotFoundError:
        raise MissingDependencyError(
            "tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"
        ) from None
    except subprocess.TimeoutExpired:
        raise OcrError(f"tesseract took longer than {timeout:g} s") from None
    if check:
        _checked(result)
    return result


# The helper (`tesseract_helper.py`): processes that keep the models loaded, one per
# thread reading at a time, kept for the life of this process. VANBAN_TESSERACT=program
# runs the `tesseract` program for every reading instead.
_HELPER = Path(__file__).with_name("tesseract_helper.py")
_idle: list[_Helper] = []
_started: list[_Helper] = []
_lock = threading.Lock()
_unhelped: list[str] = []  # why the helper cannot run here, once it could not


class _Helper:
    """One helper process and its pipes."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-S", str(_HELPER)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_ENV,
        )
        with _lock:
            _started.append(self)
        hello = self._exchange(None, [], timeout=30)
        if hello.returncode != 0:
            self.close()
            raise OSError(hello.stderr.decode(errors="replace") or "helper did not start")

    def read(self, request: dict, pixels: list[bytes], *, timeout: float
             ) -> subprocess.CompletedProcess[bytes]:
        return self._exchange(json.dumps(request).encode() + b"\n", pixels, timeout=timeout)

    def _exchange(self, head: bytes | None, pixels: list[bytes], *, timeout: float
                  ) -> subprocess.CompletedProcess[bytes]:
        """Send a request (none: read the greeting) and read its reply; the process is
        killed if the reply takes longer than `timeout`, as a program run would be."""
        expired = threading.Event()

        def kill() -> None:
            expired.set()
            self.process.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            if head is not None:
                pipe = self.process.stdin
                pipe.write(head)
                for chunk in pixels:
                    pipe.write(chunk)
                pipe.flush()
            reply = self.process.stdout
            line = reply.readline()
            if not line:
                raise EOFError
            header = json.loads(line)
            out = _read_exactly(reply, header["out"])
            err = _read_exactly(reply, header["err"])
        except (OSError, EOFError, ValueError):
            self.close()
            if expired.is_set():
                raise OcrError(f"tesseract took longer than {timeout:g} s") from None
            code = self.process.returncode
            raise OcrError(f"tesseract exited with {code}: helper process ended") from None
        finally:
            timer.cancel()
        return subprocess.CompletedProcess(["tesseract"], header["rc"], out, err)

    def close(self) -> None:
        with _lock:
            if self in _started:
                _started.remove(self)
        try:
            self.process.stdin.close()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


def _read_exactly(stream, count: int) -> bytes:
    data = stream.read(count) if count else b""
    if len(data) != count:
        raise EOFError
    return data


def _helped(images: list[Image.Image], *, lang: str, dpi: int, psm: int,
            whitelist: str | None, timeout: float
            ) -> subprocess.CompletedProcess[bytes] | None:
    """The program's result for the images (gray) as a helper reads them, or None where
    no helper can run (the program is run instead)."""
    if _unhelped or os.environ.get("VANBAN_TESSERACT") == "program":
        return None
    with _lock:
        helper = _idle.pop() if _idle else None
    if helper is None:
        try:
            helper = _Helper()
        except (OSError, OcrError) as error:
            _unhelped.append(str(error))
            return None
    request = {"lang": lang, "psm": psm, "dpi": dpi, "whitelist": whitelist or "",
               "sizes": [list(image.size) for image in images]}
    result = helper.read(request, [image.tobytes() for image in images], timeout=timeout)
    with _lock:
        _idle.append(helper)
    _checked(result)
    return result


def helper_cpu() -> float:
    """CPU seconds spent so far by the helper processes still running (a finished one's
    are its parent's children's, `resource.RUSAGE_CHILDREN`), for honest benchmarks."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for helper in list(_started):
        try:
            fields = Path(f"/proc/{helper.process.pid}/stat").read_text().rsplit(")", 1)[1]
        except OSError:
            continue
        user, system = fields.split()[11:13]
        total += (int(user) + int(system)) / ticks
    return total


def _forget_helpers() -> None:
    """In a forked child: the parent's helpers are the parent's (their pipes are shared;
    two processes talking over them would mix their readings)."""
    _idle.clear()
    _started.clear()


os.register_at_fork(after_in_child=_forget_helpers)


@atexit.register
def _close_helpers() -> None:
    for helper in list(_started):
        helper.close()


def _checked(result: subprocess.CompletedProcess[bytes]) -> None:
    """The errors `_run` raises for a program run that failed."""
    if result.returncode != 0:
        stderr = result.stderr.decode(errors="replace")
        if "Failed loading language" in stderr or "Error opening data file" in stderr:
            raise MissingDependencyError(f"tesseract: {_last_line(stderr)}")
        raise OcrError(f"tesseract exited with {result.returncode}: {_last_line(stderr)}")


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else "no message"
