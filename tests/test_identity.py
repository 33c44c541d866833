"""One directive received three ways (a text-layer PDF, a scan, a phone photo as JPEG)
is one document in the store: three sources, the best read gives the record, its tasks
counted once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import render
from vanban import corpus
from vanban.runs.batch import run_batch

pytestmark = pytest.mark.slow  # two pages through Tesseract


@pytest.fixture(scope="module")
def three_files(tmp_path_factory) -> Path:
    inbox = tmp_path_factory.mktemp("inbox")
    pdf = render.render_pdf(render.SAMPLE, inbox / "cong-van.pdf")
    page = render.rasterise(pdf)[0]
    render.images_to_pdf([render.degrade(page, **render.SCAN)], inbox / "ban-quet.pdf")
    render.degrade(page, tilt=0.5, noise=8, seed=2).save(inbox / "anh-chup.jpg", quality=80)
    return inbox


def test_three_files_of_one_directive_are_one_document(tmp_path, three_files):
    with corpus.open(tmp_path / "store") as store:
        report = run_batch(three_files, store, workers=2)
        assert report.done == 3, [r.reason for r in report.failed]
        records = {r.provenance.file_name: r for r in (store.machine(x.sha256)
                                                        for x in report.results)}
        keys = {name: r.key for name, r in records.items()}
        assert len(set(keys.values())) == 1, keys  # the same number, date and issuer
        documents = list(store.records())
        assert len(documents) == 1
        document = documents[0]
        assert document.provenance.file_name == "cong-van.pdf"  # the text layer reads best
        assert document.sources[0].file_name == "cong-van.pdf"
        assert sorted(s.file_name for s in document.sources) == [
            "anh-chup.jpg", "ban-quet.pdf", "cong-van.pdf"]
        assert [s.primary for s in document.sources] == [True, False, False]
        assert len(store.tasks()) == len(document.tasks) > 0
        assert store.sql("SELECT count(*) FROM documents")[1] == [(1,)]
        # every file is kept and none is processed again
        assert all(store.json_path(r.sha256).exists() for r in report.results)
        again = run_batch(three_files, store, workers=2)
        assert (again.done, again.skipped) == (0, 3)
        # a rebuilt index groups them the same way
        store.reindex()
        assert [d.provenance.file_name for d in store.records()] == ["cong-van.pdf"]
        assert len(next(store.records()).sources) == 3


def test_a_better_read_source_arriving_later_takes_over(tmp_path, three_files):
    scan_only = tmp_path / "scan"
    scan_only.mkdir()
    (scan_only / "ban-quet.pdf").write_bytes((three_files / "ban-quet.pdf").read_bytes())
    with corpus.open(tmp_path / "store") as store:
        run_batch(scan_only, store, workers=1)
        first = list(store.records())
        assert [d.provenance.file_name for d in first] == ["ban-quet.pdf"]
        (scan_only / "cong-van.pdf").write_bytes((three_files / "cong-van.pdf").read_bytes())
        run_batch(scan_only, store, workers=1)
        after = list(store.records())
        assert [d.provenance.file_name for d in after] == ["cong-van.pdf"]
        assert [s.file_name for s in after[0].sources] == ["cong-van.pdf", "ban-quet.pdf"]
        assert len(store.tasks()) == len(after[0].tasks)
