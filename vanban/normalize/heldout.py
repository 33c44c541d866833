"""Which directive text trains the restorer and which is kept back to measure it.

The builder, the benchmark and the tests all import the split from here, so the
benchmark can never measure on text the model was built from.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIRECTIVES = ROOT / "scripts" / "corpus" / "restore_directives.txt"
HOLDOUT_EVERY = 5  # line i of DIRECTIVES is held out when i % HOLDOUT_EVERY == 0
TRAIN_SEEDS = ("003_",)  # clean seeds used whole for training
SPLIT_SEED = "004_"  # clean seed whose first part trains and the rest is held out
SEED_TRAIN_FRACTION = 0.5


def find_shared() -> Path | None:
    """The project's shared/ folder: $VANBAN_SHARED, else beside the checkout."""
    for candidate in (os.environ.get("VANBAN_SHARED"), ROOT.parent / "shared"):
        if candidate and (Path(candidate) / "seeds").is_dir():
            return Path(candidate)
    return None


def _lines(path: Path) -> list[str]:
    return [s.strip() for s in path.read_text("utf-8").splitlines() if s.strip()]


def seed_split(seeds: Path) -> tuple[list[str], list[str]]:
    """(training lines, held-out lines) from the clean seed texts."""
    train: list[str] = []
    held: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        if path.name.startswith(TRAIN_SEEDS):
            train.extend(_lines(path))
        elif path.name.startswith(SPLIT_SEED):
            lines = _lines(path)
            cut = int(len(lines) * SEED_TRAIN_FRACTION)
            train.extend(lines[:cut])
            held.extend(lines[cut:])
    return train, held


def heldout_lines() -> list[str]:
    """Held-out directive text: every fifth written sentence, plus part of seed 004."""
    lines = [s for i, s in enumerate(_lines(DIRECTIVES)) if i % HOLDOUT_EVERY == 0]
    shared = find_shared()
    if shared is not None:
        lines.extend(seed_split(shared / "seeds")[1])
    return lines
