"""Extraction from text as our Tesseract path yields it for scanned pages (kept in tests/data/ocr).

These pages were rendered from tests/data/directives, degraded like a cheap scanner
(tilt, 150 dpi, noise, blur, JPEG 40) and read by `vanban extract --ocr always`:
the motto comes in pieces, the date wraps, blank lines are lost.
"""

import datetime as dt
from pathlib import Path

from vanban import process

OCR = Path(__file__).parent / "data" / "ocr"
DIRECTIVES = Path(__file__).parent / "data" / "directives"


def _view(record):
    return {
        "issuer": record.issuer and record.issuer.name,
        "number": record.number,
        "date": record.date,
        "place": record.place,
        "addressees": [a.name for a in record.addressees],
        "owners": sorted({o.name for t in record.tasks for o in t.owners}),
        "deadlines": sorted({(t.deadline.date, o.name) for t in record.tasks
                             if t.deadline and t.deadline.date for o in t.owners}),
    }


def test_scan_of_a_department_letter_reads_like_its_text():
    scanned = process(OCR / "cong_van_so.tesseract.txt")
    typed = process(DIRECTIVES / "cong_van_so.txt")
    assert _view(scanned) == _view(typed)
    assert scanned.date == dt.date(2025, 8, 12)
    assert scanned.issuer.name == "Sở Tư pháp tỉnh Nghệ An"


def test_scan_of_a_decision_keeps_its_articles():
    scanned = process(OCR / "quyet_dinh.tesseract.txt")
    # Điều 3 is the clause that says who executes the decision: no task
    assert [t.id for t in scanned.tasks] == ["Điều 1", "Điều 2"]
    assert _view(scanned)["deadlines"] == [(dt.date(2024, 2, 28), "Phòng Nội vụ")]
    assert scanned.subject.startswith("Thành lập T")
