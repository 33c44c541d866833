"""What the command line compiles as it starts comes from a file between runs
(`start_cache`): the same patterns, dataclass methods and annotations as compiled afresh,
the same records, and no harm from a damaged file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# In a fresh process, through the cache: compiles a spread of patterns and defines a few
# dataclasses, then says how many had to be compiled (misses) and whether each pattern
# equals what `re` compiles without the cache and each class behaves as a dataclass.
_PROBE = r"""
import builtins, re, sys
from re import _compiler, _parser
from vanban import start_cache, user_cache

fresh = _compiler.compile
parsed, compiled = [], []
parse, compile_ = _parser.parse, builtins.compile
def counting_parse(p, flags=0, *rest):
    parsed.append(p)
    return parse(p, flags, *rest)
def counting_compile(source, *args, **kwargs):
    compiled.append(source)
    return compile_(source, *args, **kwargs)
_parser.parse, builtins.compile = counting_parse, counting_compile
user_cache.enable()
start_cache.install()  # and never `started()`: the probe compiles what it keeps

PATTERNS = [
    (r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})(?:[/.-](\d{4}))?", 0),
    (r"ngày\s+(\d+)\s+tháng", re.IGNORECASE),
    (r"^[-–—•+*]\s", re.MULTILINE),
    (r"Số\s*:?\s*(?P<number>[\w./-]+)", re.IGNORECASE | re.UNICODE),
    (rb"stream(?<!endstream)(?:\r\n|\n|\r)", re.DOTALL),
    (r"(?x) a b  # verbose", 0),
]
same, misses = [], 0
for text, flags in PATTERNS:
    before = len(parsed)
    cached = re.compile(text, flags)
    misses += len(parsed) > before
    expected = fresh(text, flags)
    same.append(cached == expected and cached.groupindex == expected.groupindex
                and cached.groups == expected.groups and cached.flags == expected.flags)
assert re.compile(PATTERNS[0][0]).match("12/3/2024").group("month") == "3"

import dataclasses
before = len(compiled)

@dataclasses.dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int = 0
    note: str = "x"

@dataclasses.dataclass(slots=True)
class Box:
    x0: float
    items: list = dataclasses.field(default_factory=list)

misses += len(compiled) > before
a, b = Span(1, 2), Span(1, 3)
box = Box(1.5)
box.items.append(1)
same.append(a < b and a == Span(1, 2) and hash(a) == hash(Span(1, 2))
            and repr(a) == "Span(start=1, end=2, note='x')" and Box(0.0).items == []
            and Span.__init__.__code__.co_filename == "<string>")
try:
    a.start = 5
except dataclasses.FrozenInstanceError:
    pass
else:
    same.append(False)
import typing
before = len(compiled)
hints = typing.get_type_hints(type("Row", (), {"__annotations__": {
    "cells": "list[int] | None", "name": "typing.Optional[str]"}}), globalns={"typing": typing})
misses += len(compiled) > before
same.append(hints == {"cells": list[int] | None, "name": typing.Optional[str]})
try:
    typing.ForwardRef("list[")
except SyntaxError:
    pass
else:
    same.append(False)
print("COMPILED", misses, "SAME", all(same))
"""


def _probe(cache: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(cache)}
    env.pop("VANBAN_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    return done.stdout.strip()


def test_a_second_run_takes_from_the_file_what_it_compiles(tmp_path: Path) -> None:
    first = _probe(tmp_path)
    assert first.endswith("SAME True")
    assert first != "COMPILED 0 SAME True"  # nothing stored yet
    assert len(list((tmp_path / "vanban").glob("start-*.bin"))) == 1
    # the second run compiles none of them: each comes from the file, and is the same
    assert _probe(tmp_path) == "COMPILED 0 SAME True"


def test_a_damaged_file_only_costs_the_compiling(tmp_path: Path) -> None:
    _probe(tmp_path)
    (stored,) = (tmp_path / "vanban").glob("start-*.bin")
    data = stored.read_bytes()
    stored.write_bytes(data[: len(data) // 2])
    assert _probe(tmp_path).endswith("SAME True")
    assert _probe(tmp_path) == "COMPILED 0 SAME True"  # and it was written whole again
    stored.write_bytes(b"\xff" * 64)
    assert _probe(tmp_path).endswith("SAME True")


def test_the_command_gives_the_same_record_with_the_file(tmp_path: Path) -> None:
    letter = tmp_path / "cv.txt"
    letter.write_text("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: 12/UBND-NC\nV/v báo cáo\n"
                      "Quảng Ngãi, ngày 5 tháng 3 năm 2024\n"
                      "Giao Sở Nội vụ chủ trì, báo cáo trước ngày 30/4/2024.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("VANBAN_NO_CACHE", None)
    records, written = [], []
    for _ in range(3):
        done = subprocess.run([sys.executable, "-m", "vanban", "extract", str(letter)],
                              env=env, capture_output=True, text=True, timeout=120, check=True)
        records.append([line for line in done.stdout.splitlines()
                        if '"processed_at"' not in line])
        (stored,) = (tmp_path / "cache" / "vanban").glob("start-*.bin")
        written.append(stored.stat().st_mtime_ns)
    assert records[0] == records[1] == records[2]
    assert written[1] == written[2]  # a run that found all it needs writes nothing
    assert '  "number": "12/UBND-NC",' in records[0]


def test_a_file_grown_too_large_keeps_what_the_run_used(tmp_path: Path) -> None:
    import marshal
    import sys as system

    _probe(tmp_path)
    (stored,) = (tmp_path / "vanban").glob("start-*.bin")
    key, (patterns, code) = marshal.loads(stored.read_bytes())
    assert key == (system.hexversion, __import__("_sre").MAGIC)
    # entries of older versions and other installations, never used here
    stale = {(f"old pattern {i}", 0): (f"old pattern {i}", 32, [1], 0, {}, (None,))
             for i in range(4100)}
    used = next(iter(code))  # one the probe compiles again
    unused = ("x = 1", "<string>", "exec", -1)
    stored.write_bytes(marshal.dumps((key, (
        {**stale, **dict(list(patterns.items())[:2])},
        {used: code[used], unused: compile(unused[0], "<string>", "exec")}))))
    assert _probe(tmp_path).endswith("SAME True")  # most missing: written again
    _, (patterns, code) = marshal.loads(stored.read_bytes())
    assert not any(str(text).startswith("old pattern") for text, _ in patterns)
    assert len(patterns) >= 6 and used in code and unused not in code
    assert _probe(tmp_path) == "COMPILED 0 SAME True"


def test_importing_the_command_line_changes_nothing(tmp_path: Path) -> None:
    """Only the command itself (`python -m vanban`, the `vanban` script) turns the caches
    on: a program that imports `vanban.cli`, as the tests' runner does, keeps its own."""
    probe = ("import re, vanban.cli\nfrom vanban import user_cache\n"
             "print(re._compiler.compile.__module__, user_cache.enabled())")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("VANBAN_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.split() == ["re._compiler", "False"]
    assert not (tmp_path / "vanban").exists()
