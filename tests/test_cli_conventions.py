"""The command line's conventions, in real processes: --version, exit codes (and the
README's table of them), -q and --debug, standard input, and no output overwritten."""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from vanban import errors
from vanban.cli import EXIT_INTERNAL, EXIT_USAGE, _register, app

ROOT = Path(__file__).resolve().parents[1]
LETTER = ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: {n}/UBND-NC\nV/v báo cáo\n"
          "Giao Sở Nội vụ chủ trì, báo cáo trước ngày 20/5/2024.\n")


def _run(*args: str, stdin: bytes | None = None, env: dict | None = None, cwd=None):
    env = {**(env or os.environ), "PYTHONPATH": str(ROOT)}  # this checkout, from any cwd
    return subprocess.run([sys.executable, "-m", "vanban", *args], input=stdin,
                          capture_output=True, timeout=120, env=env, cwd=cwd)


def _table() -> dict[str, int]:
    """README's exit-code table: each error class named in a row → that row's code."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("| exit code |"):]
    codes = {}
    for line in section.splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        for name in re.findall(r"`([A-Z]\w+)`", cells[-1]):
            codes[name] = int(cells[0])
    return codes


def _error_classes() -> list[type[errors.VanbanError]]:
    for module in ("vanban.corpus.store", "vanban.runs.worker", "vanban.runs.serve.settings",
                   "vanban.runs.serve.security"):  # where errors are defined outside errors.py
        importlib.import_module(module)
    found, todo = [], [errors.VanbanError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_version_names_the_package_version_and_tesseract():
    done = _run("--version")
    assert done.returncode == 0
    line = done.stdout.decode()
    assert line.startswith(f"vanban {importlib.metadata.version('vanban')} (rules ")
    assert re.search(r"tesseract \d+\.\d+", line)


def test_readme_documents_every_error_class_with_its_code():
    table = _table()
    for cls in _error_classes():
        assert table.get(cls.__name__) == cls.exit_code, cls.__name__


def test_exit_codes_of_real_failures(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _run("extract", str(empty)).returncode == errors.IngestError.exit_code
    missing_store = _run("export", "--store", str(tmp_path / "nowhere"))
    assert missing_store.returncode == errors.StoreError.exit_code
    assert _run("extract", "--ocr", "sometimes", str(empty)).returncode == EXIT_USAGE
    assert _run("no-such-command").returncode == EXIT_USAGE
    # an image and no tesseract on PATH: the dependency is missing, not the input bad
    scan = tmp_path / "scan.png"
    Image.new("L", (200, 100), 255).save(scan)
    no_tesseract = {**os.environ, "PATH": str(tmp_path)}
    done = _run("extract", str(scan), env=no_tesseract)
    assert done.returncode == errors.MissingDependencyError.exit_code, done.stderr
    assert b"tesseract" in done.stderr


def test_a_bug_exits_70_with_one_line_or_a_traceback_with_debug(tmp_path, monkeypatch):
    _register("extract")
    import vanban.cli.extract as command

    def broken(path, *, options=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(command, "process", broken)
    letter = tmp_path / "cv.txt"
    letter.write_text(LETTER.format(n=1), encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(app, ["extract", str(letter)])
    assert plain.exit_code == EXIT_INTERNAL
    assert "internal error: RuntimeError: boom" in plain.output
    assert "Traceback" not in plain.output and "--debug" in plain.output
    traced = runner.invoke(app, ["--debug", "extract", str(letter)])
    assert traced.exit_code == EXIT_INTERNAL
    assert "Traceback" in traced.output


def test_same_names_in_two_folders_are_both_kept(tmp_path):
    for folder, number in (("a", 12), ("b", 13)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "cv.txt").write_text(LETTER.format(n=number), encoding="utf-8")
    out = tmp_path / "out"
    done = _run("extract", "a/cv.txt", "b/cv.txt", "--out", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    numbers = {p.name: json.loads(p.read_text())["number"] for p in out.iterdir()}
    assert numbers == {"cv.json": "12/UBND-NC", "cv-2.json": "13/UBND-NC"}
    assert b"b/cv.txt: written as" in done.stderr
    quiet = _run("-q", "extract", "a/cv.txt", "b/cv.txt", "--out", str(out), cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == b""


def test_standard_input_is_read_with_a_dash():
    done = _run("extract", "-", stdin=LETTER.format(n=77).encode())
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["number"] == "77/UBND-NC"
    assert record["provenance"]["source"] == "-"
    twice = _run("extract", "-", "-", stdin=b"x")
    assert twice.returncode == EXIT_USAGE


def test_every_reading_command_takes_the_same_ingest_options():
    _register()
    runner = CliRunner()
    for command in ("extract", "explain", "batch", "watch"):
        shown = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        assert shown.exit_code == 0
        for option in ("--ocr", "--lang", "--dpi", "--no-restore"):
            assert option in shown.output, (command, option)


def test_dask_missing_is_a_missing_dependency(tmp_path, monkeypatch):
    from vanban import corpus
    from vanban.runs.batch import run_batch

    monkeypatch.setitem(sys.modules, "distributed", None)  # as without the cluster extra
    (tmp_path / "cv.txt").write_text(LETTER.format(n=1), encoding="utf-8")
    with corpus.open(tmp_path / "store") as store, pytest.raises(
            errors.MissingDependencyError, match=r"vanban\[cluster\]"):
        run_batch(tmp_path / "cv.txt", store, executor="dask")
