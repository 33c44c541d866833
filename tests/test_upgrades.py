"""Upgrades: one version from the package's metadata, a fingerprint of the rules and
models in every record, and `batch` redoing what older rules made, keeping task keys."""

from __future__ import annotations

import importlib.metadata
import json
import shutil
from pathlib import Path

from vanban import __version__, corpus, fingerprint, process_text
from vanban.runs.batch import run_batch

LETTER = ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: {n}/UBND-NC\nQuảng Ngãi, ngày 06 tháng 5 năm "
          "2024\nV/v báo cáo kết quả\n\nKính gửi: Sở Nội vụ.\n\n"
          "1. Giao Sở Nội vụ chủ trì, báo cáo trước ngày 20/5/2024.\n"
          "2. Sở Tài chính báo cáo định kỳ hằng quý.\n")


def test_one_version_from_the_package_metadata():
    assert __version__ == importlib.metadata.version("vanban")
    record = process_text(LETTER.format(n=1))
    assert record.provenance.pipeline_version == __version__
    assert record.provenance.rules_fingerprint == fingerprint.rules_fingerprint()


def test_fingerprint_follows_the_data_files(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(fingerprint.DATA, data)
    assert fingerprint.fingerprint_of(data) == fingerprint.rules_fingerprint()
    rules = data / "rules.toml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# one more rule\n", encoding="utf-8")
    assert fingerprint.fingerprint_of(data) != fingerprint.rules_fingerprint()


def _age(store: corpus.Store) -> None:
    """Make every record look as if an older rule set had made it."""
    for path in store.json_files():
        record = json.loads(path.read_text(encoding="utf-8"))
        record["provenance"]["rules_fingerprint"] = "0123456789abcdef"
        record["provenance"]["pipeline_version"] = "0.1.0"
        for task in record["tasks"]:
            task["key"] = None  # records before keys had none
        record["key"] = None
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    store.reindex()


def _keys(store: corpus.Store) -> dict[str, list[str]]:
    return {r.number: [t.key for t in r.tasks] for r in store.records()}


def test_batch_reprocesses_records_of_older_rules_and_keeps_task_keys(tmp_path: Path):
    archive = tmp_path / "archive"
    archive.mkdir()
    for n in (1, 2, 3):
        (archive / f"cv-{n}.txt").write_text(LETTER.format(n=n), encoding="utf-8")
    with corpus.open(tmp_path / "store") as store:
        first = run_batch(archive, store, workers=1)
        assert first.done == 3
        keys = _keys(store)
        assert all(all(k for k in ks) for ks in keys.values()) and len(keys) == 3
        corrected = next(r for r in first.results if r.path.name == "cv-1.txt").sha256
        store.correct(corrected, [("tasks[1].owners", ["Sở Tư pháp"])], by="clerk")
        _age(store)
        index_keys = store.sql("SELECT task_key FROM tasks ORDER BY task_key")[1]
        assert [k for (k,) in index_keys] == sorted(k for ks in keys.values() for k in ks)
        kept = run_batch(archive, store, workers=1, keep_old=True)
        assert (kept.done, kept.skipped) == (0, 3)
        again = run_batch(archive, store, workers=1)
        assert (again.done, again.skipped) == (3, 0)
        assert _keys(store) == keys
        # the clerk's correction, kept apart from the machine's record, applies to the new one
        assert [a.name for a in store.get(corrected).tasks[0].owners] == ["Sở Tư pháp"]
        assert store.machine(corrected).provenance.rules_fingerprint == (
            fingerprint.rules_fingerprint())
        assert {r.provenance.rules_fingerprint for r in store.records()} == {
            fingerprint.rules_fingerprint()}
        assert run_batch(archive, store, workers=1).skipped == 3
