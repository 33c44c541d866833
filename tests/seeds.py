"""Where the shared seed directives and their gold records live (beside the repository)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "gold"
SCORER = SHARED / "eval" / "score.py"


def require_shared() -> None:
    if not SCORER.exists():
        pytest.skip(f"shared seeds and scorer not found at {SHARED}")


def scorer():
    """The project's scorer module (shared/eval/score.py), imported as it is."""
    require_shared()
    spec = importlib.util.spec_from_file_location("vanban_gold_scorer", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def summary(pred_dir: Path) -> dict:
    """strict and loose per-field means over all gold records, as score.py prints them."""
    import json

    score = scorer()
    results = []
    for gold_path in sorted(GOLD.glob("*.gold.json")):
        doc_id = gold_path.name[: -len(".gold.json")]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred_path = pred_dir / f"{doc_id}.json"
        pred = json.loads(pred_path.read_text(encoding="utf-8")) if pred_path.exists() else {}
        results.append((score.score_doc(gold, pred), score.score_doc(gold, pred, True)))
    out = {}
    for index, mode in enumerate(("strict", "loose")):
        fields = score.SCALARS + score.LISTS
        per_field = {f: sum(r[index][f] for r in results) / len(results) for f in fields}
        per_field["header"] = sum(per_field[f] for f in score.SCALARS) / len(score.SCALARS)
        per_field["overall"] = sum(per_field[f] for f in fields) / len(fields)
        out[mode] = per_field
    return out
