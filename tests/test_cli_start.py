"""A command imports only its own group: `vanban extract one.txt` does not pay for the store,
the watcher or the batch runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LETTER = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: 12/UBND-NC\nV/v báo cáo\nGiao Sở Nội vụ chủ trì.\n"

_PROBE = """
import sys
from vanban.cli import main
sys.argv = ["vanban", *sys.argv[1:]]
try:
    main()
except SystemExit as stop:
    code = stop.code
else:
    code = 0
loaded = [m for m in ("vanban.runs.watch", "vanban.runs.batch", "vanban.corpus.export",
                     "numpy", "PIL.Image", "vanban.ingest.scan", "pikepdf") if m in sys.modules]
print("LOADED", ",".join(loaded), "CODE", code, file=sys.stderr)
import gc
print("FROZEN", gc.get_freeze_count() > 1000, file=sys.stderr)
"""


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", _PROBE, *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_extract_loads_no_store_or_watcher(tmp_path: Path) -> None:
    letter = tmp_path / "cv.txt"
    letter.write_text(LETTER, encoding="utf-8")
    done = _run("extract", str(letter))
    assert '"number": "12/UBND-NC"' in done.stdout
    assert "LOADED  CODE 0" in done.stderr
    # the modules' objects are set aside from the collector (the worker and the exit
    # would walk them again)
    assert "FROZEN True" in done.stderr


def test_a_text_pdf_loads_no_ocr_path(tmp_path: Path) -> None:
    from tests.render import render_pdf

    pdf = render_pdf(LETTER, tmp_path / "cv.pdf")
    done = _run("extract", str(pdf))
    assert '"number": "12/UBND-NC"' in done.stdout
    assert '"method": "text-layer"' in done.stdout
    # neither numpy nor Pillow nor the scan path, nor pikepdf (the bomb check reads bytes)
    assert "LOADED  CODE 0" in done.stderr


def test_a_group_of_one_command_still_takes_its_name() -> None:
    done = _run("restore", stdin="Giao So Noi vu chu tri\n")
    assert done.stdout.startswith("Giao Sở Nội vụ chủ trì")


def test_help_lists_every_group() -> None:
    done = _run("--help")
    for command in ("extract", "restore", "batch", "watch", "query", "export", "reindex"):
        assert command in done.stdout


def test_the_version_is_the_installed_one_without_importlib_metadata() -> None:
    # read from the install's METADATA directly (importlib.metadata: 0.025 s of a start)
    from importlib import metadata

    import vanban

    try:
        installed = metadata.version("vanban")
    except metadata.PackageNotFoundError:
        installed = "0+unknown"
    assert vanban.__version__ == installed
    probe = "import sys, vanban; print(vanban.__version__, 'importlib.metadata' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == [installed, "False" if installed != "0+unknown" else "True"]


def test_the_version_is_left_to_importlib_metadata_where_installs_are_unusual(
        tmp_path: Path, monkeypatch) -> None:
    import vanban

    site = tmp_path / "site"
    for name, version in (("vanban-9.0.dist-info", "9.0"), ("Vanban-8.0.dist-info", "8.0")):
        (site / name).mkdir(parents=True)
        (site / name / "METADATA").write_text(f"Metadata-Version: 2.1\nName: vanban\n"
                                              f"Version: {version}\n\nabout\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(site), *sys.path])
    assert vanban._dist_info_version() is None  # two installs side by side
    (site / "Vanban-8.0.dist-info" / "METADATA").unlink()
    (site / "Vanban-8.0.dist-info").rmdir()
    assert vanban._dist_info_version() == "9.0"  # the first folder that holds one decides
    from importlib import metadata

    assert metadata.version("vanban") == "9.0"
    # a checkout's egg-info, before it on the path: its PKG-INFO
    checkout = tmp_path / "checkout"
    (checkout / "vanban.egg-info").mkdir(parents=True)
    (checkout / "vanban.egg-info" / "PKG-INFO").write_text(
        "Metadata-Version: 2.4\nName: vanban\nVersion: 7.1.dev0\n", encoding="utf-8")
    (checkout / "vanban_tools-1.0.dist-info").mkdir()  # another distribution: not vanban's
    monkeypatch.setattr(sys, "path", [str(checkout), *sys.path])
    assert vanban._dist_info_version() == "7.1.dev0" == metadata.version("vanban")
