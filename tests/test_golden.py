"""Today's answers on the golden texts are the frozen ones (tests/golden.py says why)."""

import json

import pytest

from tests.golden import FROZEN, read, texts
from tests.seeds import require_shared

_FROZEN = json.loads(FROZEN.read_text(encoding="utf-8"))


def test_the_golden_set_is_the_frozen_one():
    require_shared()
    assert sorted(texts()) == sorted(_FROZEN), "texts came or went: run python -m tests.golden"


@pytest.mark.parametrize("name", sorted(_FROZEN))
def test_answers_match_the_frozen_ones(name):
    require_shared()
    path = texts().get(name)
    if path is None:
        pytest.skip(f"{name} is not here")
    assert read(path) == _FROZEN[name], (
        "the answers changed: if the change is meant, run python -m tests.golden and "
        "commit the difference with the rule or example that explains it")
