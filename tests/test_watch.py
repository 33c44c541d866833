"""The watched folder, run as a real process on real files, stopped with SIGTERM."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vanban import corpus
from vanban.api import process
from vanban.errors import StoreError
from vanban.runs.watch import Watcher, move_unique

REPO = Path(__file__).resolve().parents[1]
# the shared seeds when they are checked out beside the repository, else its own samples
SEEDS = sorted((Path(__file__).resolve().parents[2] / "shared" / "seeds").glob("*.txt")) or sorted(
    (Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))


def seed_text(i: int) -> str:
    """A real directive, varied so that each copy has its own content hash."""
    return SEEDS[i % len(SEEDS)].read_text(encoding="utf-8") + f"\nGhi chú: bản sao số {i}.\n"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class WatcherProcess:
    """`python -m vanban watch` in its own process, logging to a file."""

    def __init__(self, inbox: Path, store: Path, *args: str) -> None:
        self.log = store.parent / "watch.log"
        self.handle = self.log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "vanban", "watch", str(inbox), "--out", str(store), *args],
            cwd=REPO,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
        )
        wait_for(lambda: "watching" in self.text(), 30, "the watcher to start")

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=15)
        finally:
            self.handle.close()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.handle.close()


@pytest.fixture
def folders(tmp_path):
    inbox, store = tmp_path / "inbox", tmp_path / "store"
    inbox.mkdir()
    return inbox, store


def files_in(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != ".vanban-watch.lock")


def test_file_written_slowly_is_processed_once_when_complete(folders):
    inbox, store = folders
    watcher = WatcherProcess(inbox, store, "--settle", "1")
    try:
        content = seed_text(0).encode("utf-8")
        chunks = [
            content[i : i + len(content) // 10 + 1]
            for i in range(0, len(content), len(content) // 10 + 1)
        ]
        target = inbox / "slow.txt"
        with target.open("wb") as handle:
            for chunk in chunks:  # ~3 s in all, each pause shorter than --settle
                handle.write(chunk)
                handle.flush()
                time.sleep(3.0 / len(chunks))
        wait_for(lambda: files_in(inbox / "processed") == ["slow.txt"], 15, "slow.txt processed")
        assert watcher.stop() == 0
    finally:
        watcher.kill()
    log = watcher.text()
    assert log.count("processed slow.txt") == 1, log
    assert "stopped watching" in log
    assert files_in(inbox) == []
    assert (inbox / "processed" / "slow.txt").read_bytes() == content  # moved, not modified
    with corpus.open(store) as opened:
        assert [p.stem for p in opened.json_files()] == [sha(content)]  # no partial record
        record = opened.get(sha(content))
        assert record.provenance.file_name == "slow.txt"
        assert record.text.rstrip().endswith("Ghi chú: bản sao số 0.")
        _, journal = opened.sql("SELECT state, sha256 FROM journal")
        assert journal == [("success", sha(content))]


def test_twenty_files_at_once_and_bad_files_with_polling(folders):
    inbox, store = folders
    watcher = WatcherProcess(inbox, store, "--settle", "0.5", "--poll", "--poll-interval", "0.3")
    try:
        contents = {f"cv-{i:02d}.txt": seed_text(i).encode("utf-8") for i in range(20)}
        for name, data in contents.items():
            (inbox / name).write_bytes(data)
        (inbox / "empty.txt").write_bytes(b"")
        (inbox / "broken.txt").write_bytes(b"\xff\xfe\x00\xd8")  # half a UTF-16 surrogate
        wait_for(lambda: len(files_in(inbox / "processed")) == 20, 60, "20 files processed")
        wait_for(lambda: len(files_in(inbox / "failed")) == 4, 30, "2 files failed")
        # The watcher keeps going after failures.
        late = seed_text(99).encode("utf-8")
        (inbox / "late.txt").write_bytes(late)
        wait_for(lambda: "late.txt" in files_in(inbox / "processed"), 30, "late.txt processed")
        assert watcher.stop() == 0
    finally:
        watcher.kill()
    assert files_in(inbox) == []
    assert files_in(inbox / "failed") == [
        "broken.txt",
        "broken.txt.error.json",
        "empty.txt",
        "empty.txt.error.json",
    ]
    empty = json.loads((inbox / "failed" / "empty.txt.error.json").read_text(encoding="utf-8"))
    assert empty["file"] == "empty.txt" and "empty" in empty["reason"]
    broken = json.loads((inbox / "failed" / "broken.txt.error.json").read_text(encoding="utf-8"))
    assert broken["reason"] and broken["sha256"] == sha(b"\xff\xfe\x00\xd8")
    assert (inbox / "failed" / "broken.txt").read_bytes() == b"\xff\xfe\x00\xd8"
    with corpus.open(store) as opened:
        stored = {p.stem for p in opened.json_files()}
        assert stored == {sha(d) for d in contents.values()} | {sha(late)}
        _, states = opened.sql("SELECT state, count(*) FROM journal GROUP BY state ORDER BY 1")
        assert states == [("failure", 2), ("success", 21)]


def test_store_inside_the_inbox_is_refused(folders):
    inbox, _ = folders
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "vanban",
            "watch",
            str(inbox),
            "--out",
            str(inbox / "store"),
            "--once",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == StoreError.exit_code
    assert "inside the watched folder" in result.stderr


# -- recovery and bookkeeping, in process --------------------------------------------------


def refuse(path, *, options=None):
    raise AssertionError(f"{path} was processed a second time")


def test_crash_after_the_record_before_the_move_is_finished_not_redone(folders):
    inbox, store_dir = folders
    dropped = inbox / "cv.txt"
    dropped.write_text(seed_text(1), encoding="utf-8")
    with corpus.open(store_dir) as store:
        # What a watcher killed between writing the record and moving the file leaves.
        store.mark(str(dropped), state="pending", origin="watch", sha256=sha(dropped.read_bytes()))
        store.put(process(dropped), origin="watch", path=str(dropped))
        Watcher(inbox, store, settle=0.1, process_fn=refuse).run(once=True)
        assert files_in(inbox / "processed") == ["cv.txt"]
        entry = store.journal_entry(str(dropped))
        assert entry["state"] == "success" and entry["moved_to"].endswith("processed/cv.txt")
        assert len(list(store.json_files())) == 1


def test_file_in_flight_at_a_crash_is_processed_on_the_next_start(folders):
    inbox, store_dir = folders
    dropped = inbox / "cv.txt"
    dropped.write_text(seed_text(2), encoding="utf-8")
    with corpus.open(store_dir) as store:
        store.mark(str(dropped), state="pending", origin="watch", sha256=sha(dropped.read_bytes()))
        assert len(store.pending()) == 1
        Watcher(inbox, store, settle=0.1).run(once=True)
        assert store.pending() == []
        assert store.has(sha((inbox / "processed" / "cv.txt").read_bytes()))


def test_same_content_twice_is_processed_once_and_names_never_overwrite(folders):
    inbox, store_dir = folders
    (inbox / "processed").mkdir()
    (inbox / "processed" / "cv.txt").write_text("an older file of the same name")
    (inbox / "cv.txt").write_text(seed_text(3), encoding="utf-8")
    (inbox / "copy.txt").write_text(seed_text(3), encoding="utf-8")
    (inbox / ".hidden.txt").write_text("editors' temp file", encoding="utf-8")
    (inbox / "upload.txt.part").write_text("still copying", encoding="utf-8")
    calls = []

    def counting(path, *, options=None):
        calls.append(Path(path).name)
        return process(path, options=options)

    with corpus.open(store_dir) as store:
        Watcher(inbox, store, settle=0.1, process_fn=counting).run(once=True)
        assert len(calls) == 1 and len(list(store.json_files())) == 1
    assert (inbox / "processed" / "cv.txt").read_text() == "an older file of the same name"
    assert files_in(inbox / "processed") == ["copy.txt", "cv-1.txt", "cv.txt"]
    assert files_in(inbox) == [".hidden.txt", "upload.txt.part"]


def test_keep_leaves_originals_in_place(folders):
    inbox, store_dir = folders
    (inbox / "cv.txt").write_text(seed_text(4), encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    with corpus.open(store_dir) as store:
        Watcher(inbox, store, settle=0.1, keep=True).run(once=True)
        Watcher(inbox, store, settle=0.1, keep=True, process_fn=refuse).run(once=True)
        assert len(list(store.json_files())) == 1
    assert files_in(inbox) == ["cv.txt", "empty.txt"]
    assert files_in(inbox / "failed")[0] == "empty.txt.error.json"


def test_move_unique_adds_suffixes(tmp_path):
    target = tmp_path / "done"
    for i in range(3):
        source = tmp_path / "a.txt"
        source.write_text(str(i))
        move_unique(source, target)
    assert files_in(target) == ["a-1.txt", "a-2.txt", "a.txt"]
    assert (target / "a.txt").read_text() == "0"


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_sigint_stops_an_idle_watcher(folders):
    inbox, store = folders
    watcher = WatcherProcess(inbox, store)
    try:
        watcher.proc.send_signal(signal.SIGINT)
        assert watcher.proc.wait(timeout=15) == 0
    finally:
        watcher.kill()
