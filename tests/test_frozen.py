"""`frozen.stored_at_once`: the hot frozen dataclasses' instances as the generated
`__init__` made them."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from vanban.extract.found import Found
from vanban.extract.lines import Line, split_lines
from vanban.frozen import stored_at_once


@dataclass(frozen=True)
class _Generated:  # (Found's fields, its `__init__` as dataclasses writes it)
    value: str
    start: int
    end: int
    raw: str
    confidence: float = 1.0
    rule: str = ""


def test_found_and_line_are_what_the_generated_init_makes() -> None:
    for args, kwargs in [(("Sở Y tế", 3, 10, "Sở Y tế"), {}),
                         (("Bộ", 0, 2, "Bộ", 0.8), {"rule": "subject"}),
                         ((), {"value": "X", "start": 1, "end": 2, "raw": "x"})]:
        found = Found(*args, **kwargs)
        assert dataclasses.asdict(found) == dataclasses.asdict(_Generated(*args, **kwargs))
        assert found == Found(*args, **kwargs) and hash(found) == hash(Found(*args, **kwargs))
        assert found != Found("Y", 0, 0, "")
        assert pickle.loads(pickle.dumps(found)) == found == copy.deepcopy(found)
        assert dataclasses.replace(found, rule="x").rule == "x"
        assert repr(found).startswith("Found(value=")
        with pytest.raises(dataclasses.FrozenInstanceError):
            found.value = "Z"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Found("X", 1)  # type: ignore[call-arg]
    lines = split_lines("Kính gửi:\n- Sở Tài chính;\n\n")
    assert [(x.index, x.start, x.text, x.end, x.blank) for x in lines] == [
        (0, 0, "Kính gửi:", 9, False), (1, 10, "- Sở Tài chính;", 25, False),
        (2, 26, "", 26, True), (3, 27, "", 27, True)]
    assert lines[1] == Line(1, 10, "- Sở Tài chính;", lines[1].folded)


def test_what_it_cannot_make_as_generated_is_refused() -> None:
    @dataclass
    class Mutable:
        a: int

    @dataclass(frozen=True)
    class Made:
        a: list = field(default_factory=list)

    @dataclass(frozen=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            assert self.a

    for cls in (Mutable, Made, Checked):
        with pytest.raises(TypeError):
            stored_at_once(cls)
