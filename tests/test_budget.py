"""The per-file budget on every path that reads files: a local batch, a Dask batch and
`vanban extract` each stop a file past its time limit wherever it is, a C call included,
record it as failed with the reason, and still process the other files.

A long C call (pdfium on a hostile PDF) is stood in for by a worker that sleeps with
every signal it can block blocked: no alarm or Python handler can stop it, only a kill.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest
from test_batch import make_archive, run_cli

from vanban import corpus
from vanban.api import process
from vanban.runs.batch import run_batch
from vanban.runs.worker import Budget

STUCK = "stuck.txt"
UNSTOPPABLE = set(signal.valid_signals()) - {signal.SIGKILL, signal.SIGSTOP}


def stuck_in_c(path, *, options=None):
    """The real pipeline, except for a file named `STUCK`: a wait no signal handler ends."""
    if Path(path).name == STUCK:
        signal.pthread_sigmask(signal.SIG_BLOCK, UNSTOPPABLE)
        time.sleep(3600)
    return process(path, options=options)


def _archive_with_a_stuck_file(root: Path) -> dict[Path, str]:
    files = make_archive(root, 3, nested=False)
    (root / STUCK).write_text("Số: 1/CV\nKính gửi: Sở Nội vụ\n", encoding="utf-8")
    os.mkfifo(root / "pipe.txt")  # opening it would block the batch for good
    return files


def _assert_stuck_failed_and_others_stored(report, store: corpus.Store, files, seconds: float):
    assert report.done == len(files)
    reasons = {r.path.name: r.reason for r in report.failed}
    assert reasons == {STUCK: f"took longer than the limit of {seconds:g} s",
                       "pipe.txt": "not a regular file (a FIFO)"}
    assert sorted(p.stem for p in store.json_files()) == sorted(files.values())
    _, journal = store.sql("SELECT path, reason FROM journal WHERE state = 'failure'")
    assert {Path(p).name: r for p, r in journal} == reasons


def test_local_batch_kills_a_file_stuck_in_c_and_stores_the_others(tmp_path):
    archive = tmp_path / "archive"
    files = _archive_with_a_stuck_file(archive)
    started = time.monotonic()
    with corpus.open(tmp_path / "store") as store:
        report = run_batch(archive, store, workers=2, process_fn=stuck_in_c,
                           budget=Budget(seconds=5))
        _assert_stuck_failed_and_others_stored(report, store, files, 5)
    assert time.monotonic() - started < 60
    assert multiprocessing.active_children() == []  # the stuck worker is gone, not orphaned


@pytest.mark.slow
def test_dask_batch_kills_a_file_stuck_in_c_and_stores_the_others(tmp_path):
    archive = tmp_path / "archive"
    files = _archive_with_a_stuck_file(archive)
    with corpus.open(tmp_path / "store") as store:
        report = run_batch(archive, store, workers=1, executor="dask", process_fn=stuck_in_c,
                           budget=Budget(seconds=5))
        _assert_stuck_failed_and_others_stored(report, store, files, 5)


def test_extract_stops_a_file_over_its_time_limit_and_extracts_the_rest(tmp_path):
    # a real input far over 3 s: a directive repeated into 4 MB of text
    first, last = sorted(make_archive(tmp_path / "in", 2, nested=False))
    endless = tmp_path / "in" / "endless.txt"
    endless.write_text(first.read_text(encoding="utf-8") * 4000, encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    run = run_cli("extract", str(first), str(endless), str(last), "--out", str(out),
                  "--time-limit", "3")
    assert time.monotonic() - started < 60
    assert run.returncode == 2, run.stderr  # an ingest failure's code
    assert run.stderr.strip().splitlines() == [
        f"vanban: {endless}: took longer than the limit of 3 s"]
    assert sorted(p.name for p in out.iterdir()) == [f"{first.stem}.json", f"{last.stem}.json"]


def test_extract_takes_the_same_budget_options_as_batch_and_watch():
    helps = {command: run_cli(command, "--help").stdout for command in ("extract", "batch", "watch")}
    for text in helps.values():
        assert "--time-limit" in text and "--memory-limit" in text
        assert "600" in text  # the same default
