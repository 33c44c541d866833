"""A page photographed in uneven light reads as a scanned one: real Tesseract on a
rendered page darkened toward a corner (`render.PHOTO`)."""

from __future__ import annotations

import numpy as np

from tests import render
from vanban import process
from vanban.ingest import illumination


def test_an_evenly_lit_page_is_left_as_it_is(tmp_path):
    page = render.degrade(render.rasterise(render.render_pdf(render.SAMPLE,
                                                             tmp_path / "a.pdf"))[0],
                          **render.SCAN)
    assert illumination.evened(page) is page


def test_a_page_lit_unevenly_is_read_as_an_even_one(tmp_path, monkeypatch):
    page = render.rasterise(render.render_pdf(render.SAMPLE, tmp_path / "a.pdf"))[0]
    photo = render.images_to_pdf([render.degrade(page, **render.PHOTO)],
                                 tmp_path / "photo.pdf")
    evened = illumination.evened(render.degrade(page, shade=render.PHOTO["shade"]))
    # the paper is white again in the dark corner, the print still dark
    corner = np.asarray(evened)[-400:, :400]
    assert np.percentile(corner, 50) > 230 and np.percentile(np.asarray(evened), 1) < 100
    record = process(photo)
    assert record.number == "1288/UBND-KTTH"
    assert record.tasks[0].owners[0].name == "Sở Nông nghiệp và Phát triển nông thôn"
    assert record.signer is not None and record.signer.name == "Trần Phước Hiền"
