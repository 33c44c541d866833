"""The names of the rules in `vanban/data/rules.toml`, which every owner and deadline cites.

The rules' examples are the test suite (tests/test_rules.py); the code names a rule when
it records what a value was read by, and a name the file does not hold is a bug caught at
once, not a silent typo in the evidence.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def rules() -> dict[str, dict]:
    raw = resources.files("vanban.data").joinpath("rules.toml").read_text(encoding="utf-8")
    return {rule["name"]: rule for rule in tomllib.loads(raw)["rule"]}


def known_rule(name: str) -> str:
    if name not in rules():
        raise KeyError(f"rule {name!r} is not in vanban/data/rules.toml")
    return name
