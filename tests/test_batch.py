"""Batch reprocessing with real processes: resumable after kill -9, the same on Dask."""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vanban import corpus
from vanban.api import process
from vanban.runs.batch import find_inputs, process_bytes, run_batch

REPO = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
# the shared seeds when they are checked out beside the repository, else its own samples
SEEDS = sorted((Path(__file__).resolve().parents[2] / "shared" / "seeds").glob("*.txt")) or sorted(
    (Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))


def slow_process(path, *, options=None):
    """The real pipeline, made slow enough to kill a batch in the middle of it."""
    time.sleep(0.05)
    return process(path, options=options)


def make_archive(root: Path, count: int, *, nested: bool = True) -> dict[Path, str]:
    """`count` real directives, each varied so its content hash is its own."""
    files = {}
    for i in range(count):
        folder = root / (f"{2020 + i % 3}" if nested else "")
        folder.mkdir(parents=True, exist_ok=True)
        text = SEEDS[i % len(SEEDS)].read_text(encoding="utf-8") + f"\nGhi chú: bản số {i}.\n"
        path = folder / f"cv-{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        files[path] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vanban", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def comparable(record) -> dict:
    return record.model_dump(mode="json", exclude={"provenance": {"processed_at"}})


def differences(a, b, where: str = "") -> list[str]:
    """Where two dumped records differ, as field paths (an empty list when equal)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [
            d
            for k in sorted(a.keys() | b.keys())
            for d in differences(a.get(k), b.get(k), f"{where}.{k}")
        ]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in differences(x, y, f"{where}[{i}]")
        ]
    return [] if a == b else [f"{where}: {a!r} != {b!r}"]


def test_failures_are_reported_and_the_rest_still_runs(tmp_path):
    archive = tmp_path / "archive"
    files = make_archive(archive, 4, nested=False)
    (archive / "empty.txt").write_bytes(b"")
    (archive / "broken.txt").write_bytes(b"\xff\xfe\x00\xd8")
    (archive / ".DS_Store").write_bytes(b"hidden")
    result = run_cli("batch", str(archive), "--out", str(tmp_path / "store"), "--workers", "2")
    assert result.returncode == 1, result.stderr
    assert "done 4, skipped 0, failed 2" in result.stderr
    assert "empty.txt: empty file" in result.stderr
    with corpus.open(tmp_path / "store") as store:
        assert {p.stem for p in store.json_files()} == set(files.values())
        _, failed = store.sql("SELECT path, reason FROM journal WHERE state = 'failure'")
        assert sorted(Path(p).name for p, _ in failed) == ["broken.txt", "empty.txt"]
        assert all(reason for _, reason in failed)


def test_api_returns_a_status_per_file_and_a_second_run_processes_nothing(tmp_path):
    archive = tmp_path / "archive"
    files = make_archive(archive, 6)
    (archive / "2020" / "zz-copy.txt").write_bytes(next(iter(files)).read_bytes())
    with corpus.open(archive / "store") as store:  # a store inside the archive is not input
        first = run_batch(archive, store, workers=2)
        assert (first.done, first.skipped, first.failed) == (6, 1, [])
        copy = next(r for r in first.results if r.path.name == "zz-copy.txt")
        assert copy.status == "skipped" and "same content" in copy.reason
        again = run_batch(archive, store, workers=2)
        assert (again.done, again.skipped, again.failed) == (0, 7, [])
        assert {r.reason for r in again.results} == {"already in the store", copy.reason}
        forced = run_batch(archive, store, workers=2, force=True)
        assert forced.done == 6
        assert len(list(store.json_files())) == 6
    second = run_cli("batch", str(archive), "--out", str(archive / "store"), "--no-progress")
    assert second.returncode == 0, second.stderr
    assert "done 0, skipped 7, failed 0" in second.stderr


def slow_batch_script(workers: int) -> str:
    """A `python -c` program: a batch of ARCHIVE into STORE with `slow_process`, to kill."""
    return (
        "import sys; from test_batch import slow_process; from vanban import corpus;"
        "from vanban.runs.batch import run_batch;"
        f"run_batch(sys.argv[1], corpus.open(sys.argv[2]), workers={workers},"
        " process_fn=slow_process)"
    )


def test_kill_9_halfway_then_rerun_loses_and_duplicates_nothing(tmp_path):
    archive, store_dir = tmp_path / "archive", tmp_path / "store"
    files = make_archive(archive, 120)
    script = slow_batch_script(workers=1)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), str(REPO)])}
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(archive), str(store_dir)],
        cwd=REPO,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while len(list(store_dir.glob("*.json"))) < 15:
            assert proc.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline, "the batch made no progress"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        # The pool's workers are in the batch's session: end them too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    before = len(list(store_dir.glob("*.json")))
    assert 15 <= before < len(files), "the kill did not land halfway"
    conn = sqlite3.connect(store_dir / "index.sqlite")
    # every stored record is a source; copies of one seed share a key: one document
    indexed = conn.execute("SELECT count(*) FROM sources").fetchone()[0]
    conn.close()
    # The index knows no record without its JSON. What it does not know yet is at most the
    # last group (0.2 s of files, workers write JSON first) and the files in flight: the
    # rerun makes those again.
    assert before - 8 <= indexed <= before

    result = run_cli(
        "batch", str(archive), "--out", str(store_dir), "--workers", "2", "--no-progress"
    )
    assert result.returncode == 0, result.stderr
    assert "failed 0" in result.stderr
    with corpus.open(store_dir) as store:
        assert sorted(p.stem for p in store.json_files()) == sorted(files.values())
        _, docs = store.sql("SELECT sha256, file_name FROM sources ORDER BY sha256")
        assert [sha for sha, _ in docs] == sorted(files.values())
        by_sha = {sha: name for sha, name in docs}
        assert all(by_sha[sha] == path.name for path, sha in files.items())
        _, journal = store.sql("SELECT path, state FROM journal ORDER BY path")
        assert journal == sorted((str(p), "success") for p in files)
        for path, sha in files.items():
            assert store.get(sha).provenance.source == str(path)
    # What the first run committed was skipped, not redone.
    assert f"done {len(files) - indexed}, skipped {indexed}, failed 0" in result.stderr


def test_process_bytes_keeps_the_file_name(tmp_path):
    data = SEEDS[0].read_bytes()
    record = process_bytes(data, name="some/folder/cv.txt")
    assert record.provenance.file_name == "cv.txt"
    assert record.provenance.sha256 == hashlib.sha256(data).hexdigest()


def test_find_inputs_skips_hidden_files_and_the_store(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text("b")
    (tmp_path / ".c.txt").write_text("c")
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "x.json").write_text("{}")
    assert find_inputs(tmp_path, exclude=[tmp_path / "store"]) == [tmp_path / "a.txt"]


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_records_as_the_pool(tmp_path):
    archive = tmp_path / "archive"
    files = make_archive(archive, 8)
    (archive / "empty.txt").write_bytes(b"")
    with corpus.open(tmp_path / "pool") as pool_store:
        pool = run_batch(archive, pool_store, workers=2)
        pool_records = {sha: comparable(pool_store.get(sha)) for sha in files.values()}
    with corpus.open(tmp_path / "dask") as dask_store:
        dask = run_batch(archive, dask_store, workers=2, executor="dask")
        dask_records = {sha: comparable(dask_store.get(sha)) for sha in files.values()}
    assert [(r.path, r.status) for r in sorted(dask.results, key=lambda r: r.path)] == [
        (r.path, r.status) for r in sorted(pool.results, key=lambda r: r.path)
    ]
    assert dask.done == 8 and len(dask.failed) == 1
    assert [
        d
        for sha in files.values()
        for d in differences(pool_records[sha], dask_records[sha], sha[:8])
    ] == []


@pytest.mark.slow
def test_batch_command_on_an_existing_scheduler(tmp_path):
    from distributed import LocalCluster

    archive = tmp_path / "archive"
    files = make_archive(archive, 3, nested=False)
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        result = run_cli(
            "batch",
            str(archive),
            "--out",
            str(tmp_path / "store"),
            "--scheduler",
            cluster.scheduler_address,
            "--no-progress",
        )
    assert result.returncode == 0, result.stderr
    assert "done 3, skipped 0, failed 0" in result.stderr
    with corpus.open(tmp_path / "store") as store:
        for path, sha in files.items():
            assert store.get(sha).provenance.source == str(path)
