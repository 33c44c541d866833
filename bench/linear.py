"""Is `process_text` linear in the document's size? 1×, 2×, ... 64× a unit of text.

    python bench/linear.py

For each shape (dated tasks under numbered items, a paragraph split by blank lines, a
line of spaces and capitals) prints the CPU seconds per unit at each size: flat is
linear, growing with the size is not (issue 13 measured 4,000 dated tasks at 16 s).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from vanban import process_text

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/KH-UBND\n"
        "Quảng Ngãi, ngày 6 tháng 5 năm 2024\nKẾ HOẠCH\nVề việc rà soát hồ sơ\n")
SHAPES = {
    "dated tasks": lambda k: "".join(
        f"{i % 99 + 1}. Sở Nội vụ rà soát hồ sơ số {i}, hoàn thành trước ngày 20/5/2024.\n"
        for i in range(10 * k)),
    "dated items numbered past 99": lambda k: "".join(
        f"{i + 100}. Sở Nội vụ rà soát hồ sơ số {i}, hoàn thành trước ngày 20/5/2024.\n"
        for i in range(10 * k)),
    "dated clauses in one item": lambda k: "1. " + "; ".join(
        f"Sở Nội vụ rà soát hồ sơ số {i} trước ngày 20/5/2024" for i in range(10 * k)) + ".\n",
    "blank lines in a paragraph": lambda k: "1. Sở Nội vụ rà soát\n" + "\n" * (1000 * k)
    + "hồ sơ, trước ngày 20/5/2024.\n",
    "spaces and capitals": lambda k: ("- Thủ trưởng các Phòng: " + " " * 200 + "A" * 30
                                      + "b, Tư pháp;\n") * (10 * k),
}


def main() -> None:
    process_text(HEAD)  # tables and model loaded once, not timed
    for name, body in SHAPES.items():
        process_text(HEAD + body(1))  # this shape's memos filled once, not timed
        per_unit = []
        for k in (1, 2, 4, 8, 16, 32, 64):
            text = HEAD + body(k)
            started = time.process_time()
            process_text(text)
            per_unit.append((time.process_time() - started) / k)
            if per_unit[-1] * k > 60:
                break  # plainly not linear; the rest would take minutes
        ratios = " ".join(f"{t / per_unit[0]:.1f}" for t in per_unit)
        print(f"{name:28} {per_unit[0] * 1000:7.1f} ms/unit at 1×; per unit vs 1×: {ratios}")


if __name__ == "__main__":
    main()
