"""Frozen dataclasses made with fewer look-ups.

A frozen dataclass's generated `__init__` sets each field with
`__dataclass_builtins_object__.__setattr__(self, name, value)` (the class refuses its own
`__setattr__`): a global and an attribute looked up again for every field. `stored_at_once`
gives it an `__init__` that calls `object.__setattr__` bound once: the same instance
(stored the same way, so its fields are read as fast), ~1,400 instructions less for
`Found`'s six fields. The name readers make a `Found` for each name they read, the line
splitter a `Line` for each line: some 28,000 for 60 clean documents. (Storing the fields
in the instance's `__dict__` instead halves the making but gives every instance a dict of
its own, slower to read: the bench's loop spent as much more reading them.)
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import TypeVar

C = TypeVar("C", bound=type)


def stored_at_once(cls: C) -> C:
    """`cls`, a frozen dataclass with neither `__post_init__` nor init-only or
    factory-made fields, with an `__init__` that sets its fields through `object.__setattr__`
    bound once."""
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    if not params.frozen or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: not a frozen dataclass")
    names: list[str] = []
    scope: dict = {"_set": object.__setattr__}
    for f in fields(cls):
        if not f.init or f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: made by a factory or not by __init__")
        if f.default is MISSING:
            names.append(f.name)
        else:
            scope[f"_default_{f.name}"] = f.default
            names.append(f"{f.name}=_default_{f.name}")
    sets = "".join(f"    _set(self, {f.name!r}, {f.name})\n" for f in fields(cls))
    made: dict = {}
    exec(f"def __init__(self, {', '.join(names)}):\n{sets}", scope, made)
    init = made["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]
    return cls
