"""Word boxes of a scan are in the frame of the page as scanned, not of the levelled copy
OCR read: a review page draws them over the scan itself."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from PIL import Image

from tests.render import SAMPLE, degrade, images_to_pdf, rasterise, render_pdf
from vanban.api import process
from vanban.ingest.scan import _unlevel


def test_a_box_of_the_levelled_copy_maps_back_onto_the_scan():
    page = Image.new("L", (1200, 1600), 255)
    page.paste(0, (700, 200, 900, 240))  # a "word"
    tilt = 2.5
    levelled = page.rotate(tilt, expand=True, fillcolor=255)
    ys, xs = np.where(np.asarray(levelled) < 128)
    box = (xs.min(), ys.min(), xs.max(), ys.max())
    x0, y0, x1, y1 = _unlevel(box, tilt, levelled.size, page.size)
    # the box around the turned word's corners: a little larger than the word, never off it
    assert x0 <= 702 and y0 <= 202 and x1 >= 898 and y1 >= 238
    assert x0 >= 690 and y0 >= 185 and x1 <= 910 and y1 <= 255


def _rotated(point, tilt, size, expanded):
    """Where PIL's rotate(tilt, expand=True) puts a point of the unturned page."""
    angle = math.radians(tilt)
    dx, dy = point[0] - size[0] / 2, point[1] - size[1] / 2
    return (math.cos(angle) * dx + math.sin(angle) * dy + expanded[0] / 2,
            -math.sin(angle) * dx + math.cos(angle) * dy + expanded[1] / 2)


@pytest.mark.slow
def test_evidence_on_a_tilted_scan_lands_on_its_words(tmp_path):
    pdf = render_pdf(SAMPLE, tmp_path / "cv.pdf")
    text_layer = process(pdf).evidence["number"].bbox  # points, on the upright page
    tilt = 1.2
    (page,) = rasterise(pdf)
    scan = degrade(page, tilt=tilt, noise=8)
    record = process(images_to_pdf([scan], tmp_path / "scan.pdf"))
    assert record.number == "1288/UBND-KTTH"
    assert abs(record.provenance.pages[0].width - scan.width) <= 2  # the scan's frame
    want = _rotated((text_layer[0] * 300 / 72, text_layer[1] * 300 / 72), tilt, page.size,
                    scan.size)
    got = record.evidence["number"].bbox
    assert abs(got[0] - want[0]) < 20 and abs(got[1] - want[1]) < 20, (got, want)


@pytest.mark.slow
def test_a_fields_evidence_has_a_box_for_each_line_it_runs_over(tmp_path):
    pdf = render_pdf(SAMPLE, tmp_path / "cv.pdf")
    for record in (process(pdf), process(images_to_pdf(rasterise(pdf), tmp_path / "s.pdf"))):
        evidence = record.evidence["subject"]
        lines = [line for line in evidence.text.splitlines() if line.strip()]
        assert len(evidence.boxes) == len(lines) >= 1
        # boxes stand one under the other, each holding the first word's box where it starts
        assert all(a[1] < b[1] for a, b in itertools.pairwise(evidence.boxes))
        x0, y0, x1, y1 = evidence.boxes[0]
        bx0, by0, bx1, by1 = evidence.bbox
        assert x0 <= bx0 + 1 and x1 >= bx1 - 1 and y0 <= by1 and y1 >= by0
