"""A short fuzz run in CI (a minute at most): `process_text` and the PDF reader on
generated and mutated input. `python bench/fuzz.py --minutes 20` runs the same longer."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from tests.fuzz_targets import TEXTS, check_pdf, check_text, mutated_pdfs, seed_pdf

_SEED = seed_pdf()
_SHORT = settings(max_examples=300, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@_SHORT
@given(TEXTS)
def test_process_text_on_hostile_text(text):
    check_text(text)


@_SHORT
@given(mutated_pdfs(_SEED))
def test_pdf_reader_on_damaged_pdfs(data):
    check_pdf(data)


def test_the_pdf_seed_is_read():
    check_pdf(_SEED)
