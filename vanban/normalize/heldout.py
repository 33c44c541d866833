"""Which directive text trains the restorer and which is kept back to measure it.

The builder, the benchmark and the tests all import the split from here, so the
benchmark can never measure on text the model was built from. The shared seeds and the
devset's texts are real documents of other offices: never trained on, measured whole.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIRECTIVES = ROOT / "scripts" / "corpus" / "restore_directives.txt"
HOLDOUT_EVERY = 5  # line i of DIRECTIVES is held out when i % HOLDOUT_EVERY == 0
CLEAN_SEEDS = ("003_", "004_")  # seeds with their diacritics, usable as gold


def find_shared() -> Path | None:
    """The project's shared/ folder: $VANBAN_SHARED, else beside the checkout."""
    for candidate in (os.environ.get("VANBAN_SHARED"), ROOT.parent / "shared"):
        if candidate and (Path(candidate) / "seeds").is_dir():
            return Path(candidate)
    return None


def _lines(path: Path) -> list[str]:
    return [s.strip() for s in path.read_text("utf-8").splitlines() if s.strip()]


def seed_lines(seeds: Path) -> list[str]:
    """The lines of the clean seed texts."""
    return [line for path in sorted(seeds.glob("*.txt")) if path.name.startswith(CLEAN_SEEDS)
            for line in _lines(path)]


def heldout_lines() -> list[str]:
    """Held-out directive text: every fifth written sentence, plus the clean seeds."""
    lines = [s for i, s in enumerate(_lines(DIRECTIVES)) if i % HOLDOUT_EVERY == 0]
    shared = find_shared()
    if shared is not None:
        lines.extend(seed_lines(shared / "seeds"))
    return lines
