"""Seeds 003 and 004 as a clerk receives them: a born-digital PDF and a scan of its print.

Both go through `vanban extract --out` and are scored against the gold records. The
text-layer PDF must score as the seed's own .txt does; the scan must score well
in absolute terms (its text is as close to the .txt as OCR allows).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import render

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = sorted((SHARED / "seeds").glob("00[34]_*.txt"))
pytestmark = pytest.mark.skipif(
    len(SEEDS) != 2 or not (SHARED / "eval" / "score.py").exists(),
    reason=f"seeds 003/004 and eval/score.py not found under {SHARED}",
)


def _run_cli(files: list[Path], out: Path) -> None:
    from typer.testing import CliRunner

    from vanban.cli import _register, app

    _register()
    result = CliRunner().invoke(app, ["extract", *map(str, files), "--out", str(out)])
    assert result.exit_code == 0, result.output


def _scores(pred: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "eval" / "gold"),
         str(pred), "--json"], capture_output=True, text=True, check=True,
    )
    docs = json.loads(result.stdout)["docs"]
    return {doc: sum(r["strict"].values()) / len(r["strict"]) for doc, r in docs.items()
            if not r["missing"]}


@pytest.mark.slow
def test_text_layer_and_scan_score_like_the_text(tmp_path):
    dirs = {kind: tmp_path / kind for kind in ("txt", "pdf", "scan")}
    for folder in dirs.values():
        folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, dirs["txt"] / seed.name)
        text = seed.read_text(encoding="utf-8")
        pdf = render.render_pdf(text, dirs["pdf"] / f"{seed.stem}.pdf")
        pages = [render.degrade(p, **render.SCAN, seed=n)
                 for n, p in enumerate(render.rasterise(pdf))]
        render.images_to_pdf(pages, dirs["scan"] / f"{seed.stem}.pdf")
    scores = {}
    for kind, folder in dirs.items():
        out = tmp_path / f"out-{kind}"
        _run_cli(sorted(p for p in folder.iterdir()), out)
        scores[kind] = _scores(out)
    print("strict overall per seed:", json.dumps(scores, indent=1))
    for doc, txt_score in scores["txt"].items():
        assert abs(scores["pdf"][doc] - txt_score) <= 0.02, (doc, scores)
        assert scores["scan"][doc] >= 0.88, (doc, scores)
