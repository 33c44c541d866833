"""`vanban extract` and `vanban schema` as a user runs them: a real process, real files."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

DIRECTIVES = Path(__file__).parent / "data" / "directives"


def _run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "vanban", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd)


def test_one_file_prints_the_record():
    result = _run("extract", str(DIRECTIVES / "quyet_dinh.txt"))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["number"] == "215/QĐ-UBND"
    assert record["doc_type"] == "Quyết định"


def test_out_dir_gets_one_json_per_input_and_failures_do_not_stop_the_run(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa\x00\x81broken")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = DIRECTIVES / "cong_van_so.txt"
    out = tmp_path / "out"
    result = _run("extract", str(empty), str(good), str(bad), "--out", str(out))
    assert result.returncode == 2  # both are IngestErrors: their code
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "empty.txt: " in errors[0] and "empty file" in errors[0]
    assert "bad.txt: " in errors[1] and "not UTF-8 or UTF-16" in errors[1]
    assert sorted(p.name for p in out.iterdir()) == ["cong_van_so.json"]
    assert json.loads((out / "cong_van_so.json").read_text())["number"] == "1450/STP-HCTP"
    assert bad.read_bytes() == b"\xff\xfe\xfa\x00\x81broken"  # originals are never touched


def test_schema_validates_an_exported_record(tmp_path):
    schema = json.loads(_run("schema").stdout)
    result = _run("extract", str(DIRECTIVES / "cong_van_so.txt"))
    record = json.loads(result.stdout)
    jsonschema.validate(record, schema)
    assert record["schema_version"] == schema["properties"]["schema_version"]["default"]


def test_explain_names_the_rule_and_the_words_behind_each_owner_and_deadline(tmp_path):
    source = tmp_path / "kh.txt"
    source.write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/KH-UBND\nLâm Đồng, ngày 10 tháng 4 năm 2026\n\n"
        "KẾ HOẠCH\nRà soát thủ tục hành chính\n\n"
        "1. Giao Sở Tư pháp chủ trì, rà soát, báo cáo trước ngày 20/5/2026.\n", encoding="utf-8")
    result = _run("explain", str(source))
    assert result.returncode == 0, result.stderr
    assert "owner     Sở Tư pháp" in result.stdout
    assert "by request-object" in result.stdout and "Sở Tư pháp»" in result.stdout
    assert "deadline  2026-05-20" in result.stdout and "by before-date" in result.stdout


def test_explain_of_a_missing_file_is_a_clear_error(tmp_path):
    result = _run("explain", str(tmp_path / "none.pdf"))
    assert result.returncode != 0 and "vanban:" in result.stderr
