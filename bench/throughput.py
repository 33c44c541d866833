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
    process(paths[0])  # load the models once, as a long-running worker would
    base = _time(_baseline, paths, args.repeat)
    pipe = _time(_pipeline, paths, args.repeat)
    size = sum(p.stat().st_size for p in paths) / len(paths)
    print(f"{len(paths)} documents, {size / 1024:.1f} KiB on average, best of {args.repeat}")
    print(f"read + NFC : {len(paths) / base:10.1f} docs/s")
    print(f"process    : {len(paths) / pipe:10.1f} docs/s  (target >= 100 per core)")
    print(f"ratio      : {pipe / base:10.1f}x the baseline's time")


if __name__ == "__main__":
    main()
