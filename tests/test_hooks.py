"""--on-record and --notify against a real script and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from vanban import process_text
from vanban.runs import hooks

ROOT = Path(__file__).resolve().parents[1]
LETTER = ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: {n}/UBND-NC\nQuảng Ngãi, ngày 06 tháng 5 năm "
          "2024\nV/v báo cáo kết quả\n\nKính gửi: Sở Nội vụ.\n\n"
          "1. Giao Sở Nội vụ chủ trì, báo cáo trước ngày 20/5/2024.\n")


class Tracker:
    """A tracker's web hook: records each POST; the first `fail` requests get a 503."""

    def __init__(self, fail: int = 0) -> None:
        self.posts: list[dict] = []
        self.fail = fail
        self.requests = 0
        tracker = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                tracker.requests += 1
                if tracker.requests <= tracker.fail:
                    self.send_response(503)
                else:
                    tracker.posts.append(json.loads(body))
                    self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def tracker() -> Iterator[Tracker]:
    server = Tracker(fail=1)
    yield server
    server.close()


def _script(tmp_path: Path, *, exit_code: int = 0) -> tuple[str, Path]:
    """A hook script that appends its argument and $VANBAN_KEY to a file."""
    seen = tmp_path / "seen.txt"
    script = tmp_path / "hook.py"
    script.write_text(
        "import os, sys\n"
        f"with open({str(seen)!r}, 'a') as f:\n"
        "    f.write(sys.argv[1] + ' ' + os.environ['VANBAN_KEY'] + '\\n')\n"
        f"sys.exit({exit_code})\n", encoding="utf-8")
    return f"{sys.executable} {script}", seen


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "vanban", *args], capture_output=True,
                          text=True, timeout=240, env=env)


def _archive(folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(1, count + 1):
        (folder / f"cv-{n}.txt").write_text(LETTER.format(n=n), encoding="utf-8")


def test_post_retries_a_server_error_and_gives_up_on_a_refusal(tracker):
    record = process_text(LETTER.format(n=5))
    data = hooks.payload(record, "0" * 64, Path("/store/x.json"))
    assert hooks.post(tracker.url, data, backoff=0.01)
    assert tracker.requests == 2  # a 503, then the POST that landed
    assert tracker.posts[0]["key"] == record.key
    assert tracker.posts[0]["summary"].startswith("Công văn số 5/UBND-NC ngày 06/05/2024")
    closed = Tracker()
    closed.close()
    assert not hooks.post(closed.url, data, retries=2, backoff=0.01)


def test_batch_runs_the_script_and_notifies_once_per_record(tmp_path, tracker):
    _archive(tmp_path / "archive", 3)
    command, seen = _script(tmp_path)
    store = tmp_path / "store"
    done = _run("batch", str(tmp_path / "archive"), "--out", str(store), "--no-progress",
                "-j", "1", "--on-record", command, "--notify", tracker.url)
    assert done.returncode == 0, done.stderr
    lines = seen.read_text().splitlines()
    assert len(lines) == 3
    for line in lines:
        path, key = line.split()
        record = json.loads(Path(path).read_text(encoding="utf-8"))
        assert Path(path).parent == store and record["key"] == key
    assert sorted(p["number"] for p in tracker.posts) == [f"{n}/UBND-NC" for n in (1, 2, 3)]
    assert {p["key"] for p in tracker.posts} == {line.split()[1] for line in lines}
    assert all(p["tasks"] and p["summary"] for p in tracker.posts)


def test_failing_hooks_do_not_stop_the_watcher(tmp_path):
    inbox = tmp_path / "inbox"
    _archive(inbox, 2)
    command, seen = _script(tmp_path, exit_code=3)
    dead = Tracker()
    dead.close()  # nothing listens there any more
    done = _run("watch", str(inbox), "--out", str(tmp_path / "store"), "--once",
                "--settle", "0", "--on-record", command, "--notify", dead.url)
    assert done.returncode == 0, done.stderr
    assert len(seen.read_text().splitlines()) == 2  # it ran for both, and failed for both
    assert sorted(p.name for p in (inbox / "processed").iterdir()) == ["cv-1.txt", "cv-2.txt"]
    assert "--on-record" in done.stderr and "exited 3" in done.stderr
    assert "--notify" in done.stderr and "after 3 attempts" in done.stderr


def test_notify_takes_only_http_urls(tmp_path):
    done = _run("watch", str(tmp_path), "--out", str(tmp_path / "s"), "--once",
                "--notify", "file:///etc/passwd")
    assert done.returncode == 64
