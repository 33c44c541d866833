"""Documents per second through `process` on text input, against just reading the files.

The baseline reads each file and NFC-normalises it, the least any pipeline must
do; the figure is the ratio. Both run side by side on the same files, one core.

    python bench/throughput.py [--repeat 20] [FILE ...]
"""

from __future__ import annotations

import argparse
import time
import unicodedata
from pathlib import Path

from vanban import process

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "directives"


def _baseline(paths: list[Path]) -> None:
    for path in paths:
        unicodedata.normalize("NFC", path.read_bytes().decode("utf-8-sig"))


def _pipeline(paths: list[Path]) -> None:
    for path in paths:
        process(path)


def _time(function, paths: list[Path], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function(paths)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    paths = args.files or sorted(SEEDS.glob("*.txt")) + sorted(SAMPLES.glob("*.txt"))
    # load the models once, as a long-running worker would; group by the state of the text,
    # since stripped and garbled text pays for diacritic restoration of every field
    states = {path: process(path).quality.text_state for path in paths}
    print(f"best of {args.repeat}, one core")
    print(f"{'documents':<22}{'n':>4}{'KiB':>7}{'read+NFC/s':>12}{'process/s':>11}{'ratio':>8}")
    groups = {"all": paths}
    for state in ("clean", "stripped", "garbled"):
        if [p for p in paths if states[p] == state]:
            groups[state] = [p for p in paths if states[p] == state]
    for name, group in groups.items():
        base = _time(_baseline, group, args.repeat)
        pipe = _time(_pipeline, group, args.repeat)
        size = sum(p.stat().st_size for p in group) / len(group) / 1024
        print(f"{name:<22}{len(group):>4}{size:>7.1f}{len(group) / base:>12.0f}"
              f"{len(group) / pipe:>11.1f}{pipe / base:>8.0f}x")
    print("target: >= 100 documents/s per core on seed-sized documents")


if __name__ == "__main__":
    main()
