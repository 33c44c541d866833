"""Hostile input and ordinary accidents (issue 13): each bad input gets a clear error,
the other files of the same run are processed, and nothing hangs or dies.

All inputs are made here: bombs from runs of zeros, FIFOs, sparse files, names of any
bytes, links out of the inbox.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pikepdf
import pytest
from fuzz_targets import text_pdf

from vanban import corpus
from vanban.api import process, process_document
from vanban.corpus.export import neutral_cell
from vanban.corpus.query import read_only_sql
from vanban.errors import QueryError, StoreError, TooLargeError, UnsupportedFormatError
from vanban.ingest import IngestOptions, detect
from vanban.ingest.loader import load, load_data
from vanban.models.document import Document
from vanban.names import fit_name, printable, text_key
from vanban.runs.worker import Budget, BudgetWorker, OverBudgetError

REPO = Path(__file__).resolve().parents[1]
GOOD = (
    "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/KH-UBND\n"
    "Quảng Ngãi, ngày 6 tháng 5 năm 2024\nKẾ HOẠCH\nVề việc rà soát hồ sơ\n"
    "1. Sở Nội vụ chủ trì rà soát hồ sơ, hoàn thành trước ngày 20/5/2024.\n"
)
SMALL = IngestOptions(max_inflated=8_000_000)


def docx_bomb(path: Path, inflated: int) -> Path:
    """A .docx whose document part inflates to `inflated` bytes, written a megabyte at a
    time (the test never holds it)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b"<w:document>")
            for _ in range(inflated // 2**20):
                part.write(b" " * 2**20)
    return path


def crafted_pdf() -> bytes:
    """About a kilobyte: a directive's text layer, a font name of bytes that are not
    UTF-8 (what the repair reports of the page), and a cross-reference table that points
    nowhere, so the file is read through qpdf's repair."""
    lines = [b"UY BAN NHAN DAN TINH QUANG NGAI", b"So: 12/KH-UBND",
             b"Quang Ngai, ngay 6 thang 5 nam 2024", b"KE HOACH", b"Ve viec ra soat ho so",
             b"1. So Noi vu chu tri ra soat ho so, hoan thanh truoc ngay 20/5/2024."]
    whole = text_pdf(lines, then=b"BT /F\xff\xfe 12 Tf 72 500 Td (x) Tj ET\n")
    return re.sub(rb"startxref\s+\d+", b"startxref\n999999", whole)


def pdf_bomb(path: Path, inflated: int) -> Path:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    content = pikepdf.Stream(pdf, b"q " * (inflated // 2) + b"Q")  # compressed on save
    pdf.pages[0].Contents = pdf.make_indirect(content)
    pdf.save(path, compress_streams=True)
    return path


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vanban", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=timeout, check=False)


# -- the loader -------------------------------------------------------------------------


def test_zip_bomb_docx_is_refused_before_it_inflates(tmp_path):
    bomb = docx_bomb(tmp_path / "bomb.docx", 20_000_000)
    assert bomb.stat().st_size < 100_000
    with pytest.raises(TooLargeError, match="compression bomb"):
        load(bomb, SMALL)


def test_pdf_stream_bomb_is_refused_while_counting(tmp_path):
    bomb = pdf_bomb(tmp_path / "bomb.pdf", 20_000_000)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(TooLargeError, match="streams inflate"):
        load(bomb, SMALL)
    # with its cross-reference table broken too: qpdf's repair reads every stream
    broken = re.sub(rb"startxref\s+\d+", b"startxref\n999999", bomb.read_bytes())
    with pytest.raises(TooLargeError, match="streams inflate"):
        load_data(broken, Path("bomb.pdf"), SMALL)


def test_sparse_file_is_refused_before_it_is_read(tmp_path):
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as handle:
        handle.truncate(400_000_000)
    with pytest.raises(TooLargeError, match="over the limit"):
        load(sparse)
    zeros = tmp_path / "zeros.txt"
    zeros.write_bytes(b"\0" * 100_000)
    with pytest.raises(UnsupportedFormatError, match="binary"):
        load(zeros)


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnsupportedFormatError, match=r"not a regular file \(a FIFO"):
        load(fifo)


def test_text_mentioning_pdf_header_is_text(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Tệp PDF bắt đầu bằng %PDF-1.7 trong 1 KiB đầu.\n" + GOOD, encoding="utf-8")
    assert detect.detect(note.read_bytes()) == "text"
    assert process(note).number == "12/KH-UBND"
    assert detect.detect(b"junk\n%PDF-1.4\n1 0 obj\nendobj\n%%EOF\n") == "pdf"


def test_crafted_pdf_with_a_name_of_bad_bytes_is_repaired_and_read():
    document = load_data(crafted_pdf(), Path("crafted.pdf"), IngestOptions(ocr="never"))
    assert document.pages[0].warnings == [
        "repaired: xref reconstructed", "damaged (font F#ff#fe missing): text may be incomplete"]
    record = process_document(document)
    assert record.number == "12/KH-UBND"
    record.model_dump_json()  # the warnings and text are JSON


def test_lone_surrogates_in_a_document_still_give_a_json_record():
    # what a damaged PDF's repair warning or an undecodable name bring along
    document = Document.from_text(GOOD + "Ghi chú \udcff.\n", source=Path("cv\udcfe.pdf"))
    document.warnings.append("repaired: object \ud800 damaged")
    record = process_document(document)
    dumped = record.model_dump_json()
    assert "\\ufffd" in dumped or "\ufffd" in dumped
    assert record.provenance.file_name == "cv\\xfe.pdf"


def test_names_of_any_bytes():
    bad = os.fsdecode(b"cv-\xff\xfe.txt")
    assert text_key(bad) == "cv-\\xff\\xfe.txt"
    assert printable("a\nFAILED forged\x1b[2J" + bad) == "a\\nFAILED forged\\x1b[2J" + "cv-\\xff\\xfe.txt"
    long = "đ" * 250
    fitted = fit_name(long, ".error.json")
    assert len(os.fsencode(fitted)) <= 255 and fitted.endswith(".error.json")
    assert fit_name(long, ".error.json") != fit_name("đ" * 249 + "x", ".error.json")


# -- the per-file budget ------------------------------------------------------------------


# spawn for watch, batch and Dask tasks; fork for extract
METHODS = pytest.mark.parametrize("method", ["spawn", "fork"])


@METHODS
def test_worker_over_time_is_killed_and_replaced(method):
    with BudgetWorker(Budget(seconds=1.0), start_method=method) as worker:
        started = time.monotonic()
        with pytest.raises(OverBudgetError, match="longer than the limit of 1 s"):
            worker.call(time.sleep, 30)
        assert time.monotonic() - started < 10
        assert worker.call(len, "abc") == 3  # a fresh worker takes the next call


@METHODS
def test_worker_over_memory_fails_the_call_not_the_caller(method):
    with BudgetWorker(Budget(memory=1 * 2**30), start_method=method) as worker:
        with pytest.raises(OverBudgetError, match="memory"):
            worker.call(bytearray, 3 * 2**30)
        assert worker.call(sum, [1, 2]) == 3


# -- the command line ---------------------------------------------------------------------


def test_extract_reports_each_bad_file_in_one_line_and_carries_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    bad_name = tmp_path / os.fsdecode(b"cv-\xff.txt")
    bad_name.write_text(GOOD + "\n", encoding="utf-8")
    long = tmp_path / ("d" * 250 + ".txt")
    long.write_text(GOOD + "\n\n", encoding="utf-8")
    out = tmp_path / "out"
    run = run_cli("extract", str(fifo), str(good), str(bad_name), str(long), "--out", str(out))
    assert run.returncode == 2, run.stderr  # the one failure is an IngestError: its code
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "FIFO" in lines[0], run.stderr
    assert sorted(p.suffix for p in out.iterdir()) == [".json"] * 3
    # an existing file as --out: each record fails to be written, one line each
    blocker = tmp_path / "file"
    blocker.write_text("x")
    run = run_cli("extract", str(good), str(long), "--out", str(blocker))
    assert run.returncode == 5 and "Traceback" not in run.stderr  # records not written
    assert len(run.stderr.strip().splitlines()) == 2, run.stderr


def test_numeric_options_are_bounded(tmp_path):
    run = run_cli("query", "--store", str(tmp_path), "--limit", "99999999999999999999")
    assert run.returncode == 64 and "Traceback" not in run.stderr  # a usage error
    assert "--limit" in run.stderr


# -- the store ------------------------------------------------------------------------------


@pytest.fixture
def store_root(tmp_path):
    root = tmp_path / "store"
    with corpus.open(root) as store:
        store.put(process(_write(tmp_path / "a.txt", GOOD)))
    return root


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_sql_time_and_row_limits(store_root):
    index = store_root / "index.sqlite"
    endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"past its limit of 0\.5 s"):
        read_only_sql(index, endless, seconds=0.5)
    assert time.monotonic() - started < 5
    many = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 50) SELECT x FROM c"
    with pytest.raises(QueryError, match="more than 10 rows"):
        read_only_sql(index, many, max_rows=10)
    assert len(read_only_sql(index, many)[1]) == 50


def test_reading_commands_never_write_the_index(store_root):
    index = store_root / "index.sqlite"
    conn = sqlite3.connect(index)
    conn.execute("PRAGMA user_version = 1")  # an index of an older version
    conn.commit()
    conn.close()
    before = index.read_bytes()
    for args in (["query"], ["export", "-f", "csv"], ["sql", "SELECT 1"]):
        run = run_cli(*args, "--store", str(store_root))
        assert run.returncode == 4, run.stderr
        assert "vanban reindex" in run.stderr and "Traceback" not in run.stderr
    assert index.read_bytes() == before
    with pytest.raises(StoreError):
        corpus.open(store_root, read_only=True)
    assert run_cli("reindex", "--store", str(store_root)).returncode == 0
    assert run_cli("query", "--store", str(store_root)).returncode == 0


def _in_read_only_mount(folder: Path, *command: str) -> subprocess.CompletedProcess:
    """`command` in a mount namespace of its own where `folder` is a read-only bind mount
    (as root; nothing outside the namespace sees the mount)."""
    remount = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    return subprocess.run(["unshare", "--mount", "sh", "-c", remount, str(folder), *command],
                          cwd=REPO, capture_output=True, text=True, timeout=120, check=False)


def _tree(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_reading_commands_work_on_a_read_only_mount_and_write_nothing(store_root, tmp_path):
    if shutil.which("unshare") is None:
        pytest.skip("no read-only bind mount here: unshare (util-linux) is not installed")
    probe = _in_read_only_mount(store_root, "touch", str(store_root / "probe"))
    if "Read-only file system" not in probe.stderr:
        pytest.skip("no read-only bind mount here (needs root and unshare --mount: "
                    f"{probe.stderr.strip() or 'the mount was writable'})")
    before = _tree(store_root)
    out = tmp_path / "out"
    out.mkdir()
    vanban = (sys.executable, "-m", "vanban")
    for args, written in (
        (("query", "--owner", "so noi vu"), None),
        (("query", "--format", "json"), None),
        (("sql", "SELECT number FROM documents"), None),
        (("export", "-f", "csv", "-o", str(out / "tasks.csv")), out / "tasks.csv"),
        (("export", "-f", "jsonl", "-o", str(out / "records.jsonl")), out / "records.jsonl"),
        (("export", "-f", "ics", "-o", str(out / "cal.ics")), out / "cal.ics"),
    ):
        run = _in_read_only_mount(store_root, *vanban, *args, "--store", str(store_root))
        assert run.returncode == 0, (args, run.stderr)
        assert "Traceback" not in run.stderr
        assert "12/KH-UBND" in (written.read_text(encoding="utf-8") if written else run.stdout)
    assert _tree(store_root) == before  # not a byte, not an mtime, no new file


def test_csv_cells_cannot_start_a_formula(store_root):
    assert [neutral_cell(v) for v in ("=1+1", "+1", "-x", "@SUM(A1)", "Sở")] == [
        "'=1+1", "'+1", "'-x", "'@SUM(A1)", "Sở"]
    run = run_cli("sql", "SELECT '=HYPERLINK(\"http://x\")' AS c", "--store", str(store_root),
                  "-f", "csv")
    assert run.stdout.splitlines()[1].startswith('"\'=HYPERLINK'), run.stdout


def test_terminal_escapes_in_records_are_shown_escaped(store_root):
    run = run_cli("sql", "SELECT char(27) || '[2J' AS c", "--store", str(store_root))
    assert "\x1b" not in run.stdout and "\\x1b[2J" in run.stdout
