"""The names of the rules in `vanban/data/rules.toml`, which every owner and deadline cites.

The rules' examples are the test suite (tests/test_rules.py); the code names a rule when
it records what a value was read by, and a name the file does not hold is a bug caught at
once, not a silent typo in the evidence.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources


@cache
def _text() -> str:
    return resources.files("vanban.data").joinpath("rules.toml").read_text(encoding="utf-8")


@cache
def rules() -> dict[str, dict]:
    return {rule["name"]: rule for rule in tomllib.loads(_text())["rule"]}


@cache
def _written_names() -> frozenset[str]:
    # the names as the file writes them, a `name = "..."` line each: checking a name needs
    # no parse of the whole file (0.02 s of a one-file run)
    return frozenset(re.findall(r'^name = "([^"\\]+)"$', _text(), re.MULTILINE))


def known_rule(name: str) -> str:
    if name not in _written_names() and name not in rules():
        raise KeyError(f"rule {name!r} is not in vanban/data/rules.toml")
    return name
