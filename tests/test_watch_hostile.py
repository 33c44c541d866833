"""A watcher that survives hostile files and races; a batch that leaves no orphans.

The watcher runs as the real command, with poison files among good ones; the batch is
killed with SIGKILL in the middle of a run, five times.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
import zlib
from pathlib import Path

import pikepdf
import pytest
from test_batch import make_archive, run_cli, slow_batch_script
from test_hostile_input import crafted_pdf, docx_bomb
from test_watch import WatcherProcess, files_in, seed_text, wait_for

from vanban import corpus
from vanban.api import process
from vanban.runs.watch import MAX_ATTEMPTS, Watcher

REPO = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent


def pdf_bomb(path: Path, inflated: int) -> Path:
    """A one-page PDF whose content stream inflates to `inflated` bytes, compressed here
    a megabyte at a time (the test never holds the inflated stream)."""
    packer = zlib.compressobj(9)
    chunk = b"q Q " * (2**20 // 4)
    packed = b"".join(packer.compress(chunk) for _ in range(inflated // len(chunk)))
    packed += packer.flush()
    pdf = pikepdf.new()
    pdf.add_blank_page()
    stream = pikepdf.Stream(pdf, b"")
    stream.write(packed, filter=pikepdf.Name.FlateDecode)
    pdf.pages[0].Contents = pdf.make_indirect(stream)
    pdf.save(path, compress_streams=False)
    return path


def test_running_watcher_survives_poison_names_links_and_fifos(tmp_path):
    inbox, store, outside = tmp_path / "inbox", tmp_path / "store", tmp_path / "outside"
    inbox.mkdir()
    outside.mkdir()
    secret = outside / "secret.txt"
    token = f"BÍ MẬT {uuid.uuid4().hex}"
    secret.write_text(seed_text(7) + token, encoding="utf-8")
    # a plain file where the watcher's processed/ folder goes
    (inbox / "processed").write_text(seed_text(8), encoding="utf-8")
    watcher = WatcherProcess(inbox, store, "--settle", "0.3")
    try:
        good = seed_text(1).encode("utf-8")
        (inbox / "good.txt").write_bytes(good)
        pdf_bomb(inbox / "bomb.pdf", 300 * 2**20)
        (inbox / "broken.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(600) + b"\n%%EOF\n")
        forged = os.fsencode(inbox) + b"/cv-\xff\nFAILED forged.txt"
        Path(os.fsdecode(forged)).write_bytes(seed_text(2).encode("utf-8"))
        long = inbox / ("đ" * 120 + ".bin")  # 245 bytes, failing
        long.write_bytes(os.urandom(2000))
        os.mkfifo(inbox / "pipe.txt")
        docx_bomb(inbox / "bomb.docx", 300 * 2**20)
        with (inbox / "sparse.txt").open("wb") as sparse:
            sparse.truncate(400 * 2**20)
        (inbox / "crafted.pdf").write_bytes(crafted_pdf())
        capitals = seed_text(9).replace("\n", "\n- Thủ trưởng các Phòng: Nội vụ, "
                                        + "A" * 40 + "b, Tư pháp;\n", 1)
        (inbox / "capitals.txt").write_text(capitals, encoding="utf-8")
        (inbox / "link.txt").symlink_to(secret)
        # the same link made after the drop: a file swapped for a link before it is read
        swapped = inbox / "swapped.txt"
        swapped.write_text(seed_text(3), encoding="utf-8")
        os.replace(_link_beside(swapped, secret), swapped)

        def settled() -> bool:
            reports = list((inbox / "failed").glob("*.error.json"))
            return len(files_in(inbox / "processed")) >= 5 and len(reports) >= 8

        wait_for(settled, 90, "5 files processed and 8 failed")
        assert watcher.proc.poll() is None, watcher.text()  # alive
        # a second watcher on the same inbox: cron's --once is told, and exits cleanly
        second = run_cli("watch", str(inbox), "--out", str(store), "--once")
        assert second.returncode == 0 and "another watcher" in second.stderr
        assert run_cli("watch", str(inbox), "--out", str(store), "--settle", "0").returncode == 4
        assert watcher.stop() == 0
    finally:
        watcher.kill()
    log = watcher.text()
    assert "Traceback" not in log
    assert "\\nFAILED forged" in log  # escaped: the name forged no log line
    failed = inbox / "failed"
    reasons = {}
    for report in failed.glob("*.error.json"):
        details = json.loads(report.read_text(encoding="utf-8"))
        reasons[details["file"]] = details["reason"]
    assert "compression bomb" in reasons["bomb.pdf"]
    assert "compression bomb" in reasons["bomb.docx"]
    assert "over the limit" in reasons["sparse.txt"]
    assert reasons["broken.pdf"]
    assert "FIFO" in reasons["pipe.txt"]
    assert "symbolic link" in reasons["link.txt"] and "symbolic link" in reasons["swapped.txt"]
    assert any(name.startswith("đđđ") for name in reasons)
    assert (failed / "link.txt").is_symlink()  # the link moved, its target untouched
    assert secret.read_text(encoding="utf-8").endswith(token)
    processed = files_in(inbox / "processed")
    assert {"good.txt", "processed.file", "crafted.pdf", "capitals.txt"} <= set(processed)
    assert any(name.startswith("cv-") for name in processed)
    with corpus.open(store) as opened:
        texts = [opened.get(p.stem).text for p in opened.json_files()]
        assert texts and not any(token in text for text in texts)  # the secret never read
        assert opened.pending(origin="watch") == []
    # a restart finds nothing pending and nothing to do
    again = run_cli("watch", str(inbox), "--out", str(store), "--once", "--settle", "0")
    assert again.returncode == 0, again.stderr
    assert "processed " not in again.stderr and "FAILED" not in again.stderr


def _link_beside(path: Path, target: Path) -> Path:
    link = path.with_name(".swap-" + path.name)
    link.symlink_to(target)
    return link


def vanish(path, *, options=None):
    """The pipeline, and someone deletes the file meanwhile."""
    record = process(path, options=options)
    path.unlink()
    return record


def test_file_deleted_while_processed_is_an_ordinary_outcome(tmp_path):
    inbox, store_dir = tmp_path / "inbox", tmp_path / "store"
    inbox.mkdir()
    (inbox / "cv.txt").write_text(seed_text(4), encoding="utf-8")
    with corpus.open(store_dir) as store:
        Watcher(inbox, store, settle=0, process_fn=vanish).run(once=True)
        _, journal = store.sql("SELECT state FROM journal")
        assert journal == [("success",)]
        assert len(list(store.json_files())) == 1


def test_full_store_disk_fails_the_file_after_bounded_attempts(tmp_path, monkeypatch):
    inbox, store_dir = tmp_path / "inbox", tmp_path / "store"
    inbox.mkdir()
    (inbox / "cv.txt").write_text(seed_text(5), encoding="utf-8")
    with corpus.open(store_dir) as store:

        def full(*_args, **_kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(store, "put", full)
        for _ in range(MAX_ATTEMPTS):
            Watcher(inbox, store, settle=0).run(once=True)  # never raises
    assert files_in(inbox / "failed") == ["cv.txt", "cv.txt.error.json"]
    details = json.loads((inbox / "failed" / "cv.txt.error.json").read_text(encoding="utf-8"))
    assert "No space left" in details["reason"]


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _left_after(marker: str, seconds: float) -> list[int]:
    """Processes still carrying `marker` after `seconds`; killed, not left to other tests."""
    deadline = time.monotonic() + seconds
    while _processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _processes_with(marker)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


@pytest.mark.slow
def test_kill_9_of_batch_leaves_no_process_and_loses_nothing(tmp_path):
    archive, store_dir = tmp_path / "archive", tmp_path / "store"
    files = make_archive(archive, 60)
    script = slow_batch_script(workers=2)
    for attempt in range(5):
        marker = f"VANBAN_KILL_TEST={uuid.uuid4().hex}"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), str(REPO)]),
               marker.split("=")[0]: marker.split("=")[1]}
        before = len(list(store_dir.glob("*.json")))
        proc = subprocess.Popen([sys.executable, "-c", script, str(archive), str(store_dir)],
                                cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len(list(store_dir.glob("*.json"))) < before + 3 and proc.poll() is None:
            assert time.monotonic() < deadline, "the batch made no progress"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        left = _left_after(marker, 5)
        assert not left, f"attempt {attempt}: processes of the killed batch still alive: {left}"
    result = run_cli("batch", str(archive), "--out", str(store_dir), "--workers", "2",
                     "--no-progress")
    assert result.returncode == 0, result.stderr
    with corpus.open(store_dir) as store:
        assert sorted(p.stem for p in store.json_files()) == sorted(files.values())
    conn = sqlite3.connect(store_dir / "index.sqlite")
    # every stored record is a source; copies of one directive share a key: one document
    shas = [row[0] for row in conn.execute("SELECT sha256 FROM sources")]
    conn.close()
    assert sorted(shas) == sorted(files.values())  # none lost, none twice


def test_worker_and_the_program_it_runs_die_with_their_parent(tmp_path):
    # a worker waiting for tesseract, as OCR does, when the watcher is killed with -9
    marker = f"VANBAN_KILL_TEST={uuid.uuid4().hex}"
    env = {**os.environ, "PYTHONPATH": str(REPO), marker.split("=")[0]: marker.split("=")[1]}
    script = ("import subprocess; from vanban.runs.worker import BudgetWorker;"
              "BudgetWorker().call(subprocess.run, ['sleep', '60'])")
    parent = subprocess.Popen([sys.executable, "-c", script], env=env, cwd=tmp_path)
    wait_for(lambda: len(_processes_with(marker)) >= 3, 30, "the worker's program")  # 3: us too
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    assert not _left_after(marker, 5)
