"""Frozen dataclasses made at the cost of a plain class's instances.

A frozen dataclass's generated `__init__` sets each field through `object.__setattr__`
(the class refuses its own `__setattr__`): ~1.5 µs for `Found`'s six fields where storing
them in the instance's dict takes ~0.6. The name readers make a `Found` for each name they
read, the line splitter a `Line` for each line: some 28,000 for 60 clean documents, about
2% of their time. The instances are the same (fields, defaults, equality, hash, repr,
`dataclasses.replace`, pickling); only how `__init__` stores the fields differs.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import TypeVar

C = TypeVar("C", bound=type)


def stored_at_once(cls: C) -> C:
    """`cls`, a frozen dataclass with a dict and neither `__post_init__` nor init-only or
    factory-made fields, with an `__init__` that stores its fields in the instance's dict."""
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    if not params.frozen or "__slots__" in cls.__dict__ or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: not a frozen dataclass with a dict")
    names, defaults = [], {}
    for f in fields(cls):
        if not f.init or f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: made by a factory or not by __init__")
        if f.default is MISSING:
            names.append(f.name)
        else:
            defaults[f"_default_{f.name}"] = f.default
            names.append(f"{f.name}=_default_{f.name}")
    stores = "".join(f"    d[{f.name!r}] = {f.name}\n" for f in fields(cls))
    made: dict = {}
    exec(f"def __init__(self, {', '.join(names)}):\n    d = self.__dict__\n{stores}",
         defaults, made)
    init = made["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]
    return cls
