"""Corrections as their own layer: the effective record everywhere, the machine's untouched."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests import test_corpus
from tests.test_corpus import PLAN
from vanban import corpus
from vanban.corpus import corrections, export
from vanban.corpus.corrections import CorrectionError
from vanban.corpus.store import record_sha256

SHA = record_sha256(PLAN)
store = test_corpus.store  # the same fixture: a store holding PLAN and LETTER


def test_a_correction_changes_the_effective_record_not_the_machine_one(store):
    before = store.json_path(SHA).read_bytes()
    store.correct(SHA, [("tasks[1].owners", ["Sở Tư pháp"]), ("number", "127/KH-UBND")], by="an")
    assert store.json_path(SHA).read_bytes() == before
    record = store.get(SHA)
    assert record.number == "127/KH-UBND"
    assert [a.name for a in record.tasks[0].owners] == ["Sở Tư pháp"]
    assert store.machine(SHA).number == "126/KH-UBND"
    layer = json.loads((store.root / "corrections" / f"{SHA}.json").read_text())
    first = layer["corrections"][0]
    assert (first["path"], first["old"], first["new"], first["by"]) == (
        "tasks[1].owners", ["Sở Nội vụ"], ["Sở Tư pháp"], "an")


def test_query_and_exports_see_the_corrections(store):
    store.correct(SHA, [("tasks[2.a].owners", "Sở Tư pháp; Sở Y tế"),
                        ("tasks[2.a].deadline.date", "2024-10-15")])
    rows = store.tasks(owner="so tu phap")
    assert [(r.task_id, str(r.deadline_date)) for r in rows] == [("2.a", "2024-10-15")]
    assert "2.a" not in {r.task_id for r in store.tasks(owner="so ngoai vu")}
    out = io.StringIO()
    export.write_csv(store.records(), out)
    got = [(r["task_id"], r["owner"], r["deadline_date"])
           for r in csv.DictReader(io.StringIO(out.getvalue())) if r["task_id"] == "2.a"]
    assert got == [("2.a", "Sở Tư pháp", "2024-10-15"), ("2.a", "Sở Y tế", "2024-10-15")]
    assert "20241015" in export.to_ics(store.records()).decode()


def test_add_and_remove_tasks(store):
    store.correct(SHA, [("tasks[2.b]", None),
                        ("tasks[+1]", {"text": "Tổng kết", "owners": ["Sở Nội vụ"],
                                       "deadline": "2024-12-31"})])
    record = store.get(SHA)
    assert [t.id for t in record.tasks] == ["1", "2.a", "+1"]
    assert record.tasks[-1].deadline.date.isoformat() == "2024-12-31"
    assert {r.task_id for r in store.tasks(text="tong ket")} == {"+1"}


def test_reprocessing_keeps_corrections_and_flags_the_ones_whose_field_is_gone(store):
    store.correct(SHA, [("subject", "Chỉ số PAR INDEX 2024"), ("tasks[2.b].owners", ["Sở Y tế"])])
    store.review(SHA, by="an")
    newer = PLAN.model_copy(deep=True)
    newer.tasks = newer.tasks[:2]  # the newer pipeline no longer finds task 2.b
    store.put(newer)
    record = store.get(SHA)
    assert record.subject == "Chỉ số PAR INDEX 2024"
    assert any("tasks[2.b].owners" in w for w in record.quality.warnings)
    applied = corrections.effective(store.root, store.machine(SHA), SHA)
    assert [c.path for c in applied.stale] == ["tasks[2.b].owners"]
    row = store.conn.execute("SELECT * FROM reviews WHERE sha256 = ?", (SHA,)).fetchone()
    assert (row["corrections"], row["stale"], row["reviewed_by"]) == (2, 1, "an")
    # a rebuilt index applies them too
    store.reindex()
    assert store.documents(text="chi so par index 2024")[0].subject == "Chỉ số PAR INDEX 2024"


def test_undoing_a_correction_restores_the_machine_value_and_keeps_history(store):
    store.correct(SHA, [("number", "999/KH-UBND")])
    store.correct(SHA, [("number", "126/KH-UBND")])
    assert store.get(SHA).number == "126/KH-UBND"
    assert len(store.layer(SHA).corrections) == 2


@pytest.mark.parametrize(
    ("path", "value", "reason"),
    [
        ("provenance.sha256", "x", "not a field a correction can change"),
        ("tasks[9].owners", ["Sở Y tế"], "no such field"),
        ("date", "30/6/2024", "not an ISO date"),
        ("tasks[1].colour", "red", "a task has no field"),
    ],
)
def test_bad_corrections_are_refused_with_a_reason(store, path, value, reason):
    with pytest.raises(CorrectionError, match=reason):
        store.correct(SHA, [(path, value)])
    assert store.layer(SHA) is None


def test_a_blank_issuer_means_none_and_a_missing_signer_is_made(store):
    store.correct(SHA, [("issuer.name", ""), ("signer.name", "Trần Văn An")])
    record = store.get(SHA)
    assert record.issuer is None and record.signer.name == "Trần Văn An"


def test_a_task_marked_done_is_no_longer_open(store):
    store.mark_done(SHA, "2.a", by="an")
    assert {r.task_id for r in store.tasks(number="126", open=True)} == {"1", "2.b"}
    assert {r.task_id for r in store.tasks(number="126")} == {"1", "2.a", "2.b"}
    store.reindex()  # the mark lives in the layer: a rebuilt index has it too
    assert "2.a" not in {r.task_id for r in store.tasks(open=True)}
    store.mark_done(SHA, "2.a", done=False)
    assert "2.a" in {r.task_id for r in store.tasks(open=True)}
    with pytest.raises(corpus.store.NotFoundError, match="no task 9"):
        store.mark_done(SHA, "9")
