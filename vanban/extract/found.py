"""A value found in the text, with the span it was read from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    value: T
    start: int
    end: int
    raw: str
    confidence: float = 1.0
