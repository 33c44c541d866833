"""No pattern of the package backtracks catastrophically (issue 13: a run of capitals
followed by a letter cost the abbreviation pattern 8 s at 28 capitals, ×1.9 per capital).

Every compiled pattern held at module level (also inside tables) is searched, matched
and iterated over strings of 1,000 characters built to trip nested quantifiers. A
quadratic pattern takes a fraction of a second there; an exponential or cubic one takes
minutes. The patterns run in a child process, so one that never returns fails the test
with its name instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vanban.corpus.query import read_only_sql
from vanban.errors import QueryError
from vanban.normalize.agencies import canonical_agency, clean_agency_text, expand_abbreviations

AUDIT = Path(__file__).with_name("regex_audit.py")
LIMIT_SECONDS = 3.0  # per pattern and string; the slowest (quadratic) take ~0.3 s here


def test_every_pattern_is_fast_on_adversarial_strings():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    try:
        run = subprocess.run(
            [sys.executable, str(AUDIT), "1000", str(LIMIT_SECONDS + 0.5)],
            capture_output=True, text=True, timeout=300, env=env, check=False,
        )
        output, note = run.stdout, run.stderr[-2000:]
    except subprocess.TimeoutExpired as timeout:
        output = timeout.stdout.decode() if isinstance(timeout.stdout, bytes) else timeout.stdout
        note = "timed out"
    lines = [json.loads(line) for line in (output or "").splitlines()]
    assert lines and lines[0]["patterns"] > 100, note  # the walk found the package's patterns
    last = lines[-1]
    assert "start" not in last, f"{last['start']} never returned on input {last['input']}"
    slow = [(row["done"], row["input"], round(row["seconds"], 2))
            for row in lines if row.get("seconds", 0) > LIMIT_SECONDS]
    assert not slow, slow


def test_abbreviation_pattern_on_the_addressee_line_of_the_report():
    line = "- Thủ trưởng các Phòng: Nội vụ, " + "A" * 40 + "b, Tư pháp;"
    assert expand_abbreviations(line) == line  # and returns at once
    name, _ = canonical_agency("Phòng " + "A" * 60 + "b")
    assert name


@pytest.mark.parametrize(
    ("written", "spelled"),
    [
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("Sở KH&©CN tỉnh", "Sở Khoa học và Công nghệ tỉnh"),
        ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở NN&MIT", "Sở Nông nghiệp và Môi trường"),
        ("các trường THPT-", "các trường trung học phổ thông-"),
        ("UBND-Văn phòng", "UBND-Văn phòng"),
    ],
)
def test_abbreviations_still_spelled_out(written, spelled):
    assert expand_abbreviations(written) == spelled


def test_trailing_junk_is_still_stripped():
    assert clean_agency_text("Sở Nội vụ, a ;") == "Sở Nội vụ"
    assert clean_agency_text("Sở Tư pháp" + ", ;" * 2000 + "x") .endswith("x")


def test_sql_comment_prefix_with_a_long_run_of_spaces(tmp_path):
    # The statement check used to split the spaces in 2^n ways; now it answers at once.
    index = tmp_path / "index.sqlite"
    import sqlite3

    sqlite3.connect(index).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(QueryError, match="only SELECT"):
        read_only_sql(index, " " * 5000 + "DELETE FROM t")
    columns, rows = read_only_sql(index, "\n" * 5000 + "-- note\nSELECT 1 AS one")
    assert (columns, rows) == (["one"], [(1,)])
