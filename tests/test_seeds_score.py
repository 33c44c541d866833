"""End to end: the seed directives through the real `vanban extract` command, scored against gold."""

import subprocess
import sys

from tests.seeds import SEEDS, require_shared, summary
from tests.states import stripped


def _extract(paths, out):
    result = subprocess.run(
        [sys.executable, "-m", "vanban", "extract", *map(str, paths), "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return summary(out)


def test_seeds_as_given(tmp_path):
    require_shared()
    scores = _extract(sorted(SEEDS.glob("*.txt")), tmp_path / "out")
    assert scores["strict"]["overall"] >= 0.90
    assert scores["strict"]["header"] >= 0.90


def test_seeds_with_diacritics_stripped(tmp_path):
    require_shared()
    inputs = tmp_path / "stripped"
    inputs.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (inputs / seed.name).write_text(stripped(seed.read_text(encoding="utf-8")), encoding="utf-8")
    scores = _extract(sorted(inputs.glob("*.txt")), tmp_path / "out")
    assert scores["loose"]["overall"] >= 0.85
    assert scores["strict"]["header"] >= 0.80
    assert scores["strict"]["overall"] >= 0.90
