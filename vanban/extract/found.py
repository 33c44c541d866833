"""A value found in the text, with the span it was read from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from vanban.extract.rules import known_rule

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    value: T
    start: int
    end: int
    raw: str
    confidence: float = 1.0
    rule: str = ""  # the rule of vanban/data/rules.toml that read it, where one did


def tagged(found: list[Found[T]], rule: str) -> list[Found[T]]:
    """`found`, each marked as read by `rule` unless a more specific rule already said so."""
    known_rule(rule)
    # (made directly, not by `replace`, which reads the fields' list at each call)
    return [f if f.rule else Found(f.value, f.start, f.end, f.raw, f.confidence, rule)
            for f in found]
