"""The fuzz targets of tests/fuzz_targets.py for longer than CI can: `--minutes` each.

    python bench/fuzz.py --minutes 10

Prints the examples run per target; any failure is raised with hypothesis's shrunk input.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.fuzz_targets import TEXTS, check_pdf, check_text, fuzz_for, mutated_pdfs, seed_pdf


def run(name: str, strategy, check, minutes: float) -> None:
    started = time.monotonic()
    count = fuzz_for(strategy, check, minutes * 60, rounds_of=500)
    print(f"{name}: {count} examples in {time.monotonic() - started:.0f} s, no failure")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=5.0, help="per target")
    minutes = parser.parse_args().minutes
    run("process_text", TEXTS, check_text, minutes)
    run("PDF reader", mutated_pdfs(seed_pdf()), check_pdf, minutes)


if __name__ == "__main__":
    main()
