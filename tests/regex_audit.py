"""Every compiled pattern of the package, run on strings made to trip backtracking.

Run as a program (the test runs it in a child process with a timeout, so a pattern
that never returns fails the test instead of hanging it): prints one JSON line per
pattern and string before and after each call, so the parent can name the culprit.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import signal
import sys
import time

import vanban

# Lengths of a long line of a real document, well under what a hostile one can hold.
N = 2000


def adversarial(n: int = N) -> list[str]:
    """Runs of what the rules match on, each ended by a character that makes them fail."""
    return [
        "A" * n + "b",  # capitals then a letter: the abbreviation pattern's old failure
        "A-" * (n // 2) + "Ab",
        "Đ&" * (n // 2) + "Đb",
        " " * n + "x",
        "\t" * n + "x",
        "\n" * n + "x",
        " \n" * (n // 2) + "x",
        "a " * (n // 2) + "!",
        ", " * (n // 2) + "x",
        "a, " * (n // 3) + "!",
        "- " * (n // 2) + "x",
        "các " * (n // 4) + "x",
        "Sở Nội vụ " * (n // 10) + "!",
        "so noi vu, " * (n // 11) + "!",
        "ngày " * (n // 5) + "x",
        "1." * (n // 2) + "x",
        "1/" * (n // 2),
        "0" * n + "x",
        "a" * n + "!",
        "ua" * (n // 2) + "!",
        "I." * (n // 2),
        "(" * n,
        "| " * (n // 2) + "x",
        "--" * (n // 2),
        ".. " * (n // 3) + "x",
    ]


def _collect(value: object, found: dict[int, tuple[str, re.Pattern]], name: str, depth: int):
    if isinstance(value, re.Pattern):
        found.setdefault(id(value), (name, value))
    elif depth < 3 and isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _collect(item, found, name, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for key, item in value.items():
            _collect(key, found, name, depth + 1)
            _collect(item, found, f"{name}[{key!r}]"[:120], depth + 1)


def package_patterns() -> list[tuple[str, re.Pattern]]:
    """(module.attribute, pattern) for every pattern held at module level, also in tables."""
    found: dict[int, tuple[str, re.Pattern]] = {}
    for info in pkgutil.walk_packages(vanban.__path__, "vanban."):
        module = importlib.import_module(info.name)
        for attribute, value in vars(module).items():
            _collect(value, found, f"{info.name}.{attribute}", 0)
    return [(name, p) for name, p in found.values() if isinstance(p.pattern, str)]


class _TooSlow(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _TooSlow  # the regex engine checks for signals, so this interrupts a match


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else N
    limit = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    signal.signal(signal.SIGALRM, _alarm)
    patterns = package_patterns()
    print(json.dumps({"patterns": len(patterns)}), flush=True)
    for name, pattern in patterns:
        for k, text in enumerate(adversarial(n)):
            print(json.dumps({"start": name, "input": k}), flush=True)
            started = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, limit)
            try:
                pattern.search(text)
                pattern.match(text)
                for _ in pattern.finditer(text):
                    pass
            except _TooSlow:
                pass  # reported by its time, over the limit
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            seconds = time.perf_counter() - started
            print(json.dumps({"done": name, "input": k, "seconds": seconds}), flush=True)


if __name__ == "__main__":
    main()
