"""A fuzz run in CI, a minute in all: `process_text` and the PDF reader on generated and
mutated input, half a minute each. `python bench/fuzz.py --minutes 20` runs the same longer."""

from __future__ import annotations

from tests.fuzz_targets import TEXTS, check_pdf, check_text, fuzz_for, mutated_pdfs, seed_pdf

_SEED = seed_pdf()
_SECONDS = 30.0  # per target


def test_process_text_on_hostile_text():
    assert fuzz_for(TEXTS, check_text, _SECONDS) >= 100


def test_process_text_on_what_fuzzing_found():
    # each once raised: kept so that a fix stays one (a heading's second line of spaces only)
    for text in ["12/KH-UBND\n\t"]:
        check_text(text)


def test_pdf_reader_on_damaged_pdfs():
    assert fuzz_for(mutated_pdfs(_SEED), check_pdf, _SECONDS) >= 100


def test_the_pdf_seed_is_read():
    check_pdf(_SEED)
