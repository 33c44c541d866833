"""The labels Word draws before its numbered and bulleted paragraphs ("1.", "a)", "-").

A .docx stores an automatic list's labels nowhere in the text: a paragraph names a list
(`w:numPr`: numId and level, itself or through its style) and Word counts as it lays the
document out. A directive's tasks are such items ("1. Sở Nội vụ có trách nhiệm ..."),
so the labels are counted here as Word counts them: a counter per list and level, deeper
levels starting again under a new item, "%1.%2." formatted from each level's format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
# bullets a text can show as typed; a symbol font's private-use glyph ("") is a dash
_BULLETS = frozenset("-–—•+*o")


@dataclass(slots=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    space: str = " "  # after the label (a tab or a space in Word; nothing when "nothing")


@dataclass
class Numbering:
    """One document's lists, counted in the order its paragraphs are read."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # by abstractNumId
    lists: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    restarts: dict[str, dict[int, int]] = field(default_factory=dict)  # numId's startOverride
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> numPr
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def label(self, paragraph) -> str:
        """The label before `paragraph` (a w:p element) and its space, or ""."""
        found = _own_numbering(paragraph) or self._style_numbering(paragraph)
        if found is None:
            return ""
        num_id, level = found
        abstract = self.lists.get(num_id)
        levels = self.levels.get(abstract or "", {})
        if abstract is None or level not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:  # a list that starts again ("1." after another list)
            self.started.add(num_id)
            for restarted, start in self.restarts.get(num_id, {}).items():
                counters[restarted] = start - 1
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        label = levels[level].text
        for k in range(level, -1, -1):
            if f"%{k + 1}" in label:
                value = counters.get(k, levels.get(k, _Level()).start)
                label = label.replace(f"%{k + 1}", _formatted(value, levels.get(k, _Level())))
        if levels[level].fmt == "bullet":
            label = label if label in _BULLETS else "-"
        return f"{label}{levels[level].space}" if label.strip() else ""

    def _style_numbering(self, paragraph) -> tuple[str, int] | None:
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        return self.styles.get(style.get(f"{_W}val")) if style is not None else None


def read_numbering(document) -> Numbering:
    """The lists of a python-docx Document (none when it has no numbering part)."""
    numbering = Numbering()
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return numbering
    for abstract in root.iterfind(f"{_W}abstractNum"):
        levels = numbering.levels.setdefault(abstract.get(f"{_W}abstractNumId"), {})
        for lvl in abstract.iterfind(f"{_W}lvl"):
            levels[int(lvl.get(f"{_W}ilvl", "0"))] = _level(lvl)
    for num in root.iterfind(f"{_W}num"):
        num_id = num.get(f"{_W}numId")
        abstract = num.find(f"{_W}abstractNumId")
        if abstract is None:
            continue
        numbering.lists[num_id] = abstract.get(f"{_W}val")
        for override in num.iterfind(f"{_W}lvlOverride"):
            start = override.find(f"{_W}startOverride")
            if start is not None:
                numbering.restarts.setdefault(num_id, {})[int(override.get(f"{_W}ilvl", "0"))] = (
                    int(start.get(f"{_W}val", "1")))
    for style in document.styles.element.iterfind(f"{_W}style"):
        found = _own_numbering(style)
        if found is not None:
            numbering.styles[style.get(f"{_W}styleId")] = found
    return numbering


def _own_numbering(element) -> tuple[str, int] | None:
    num_pr = element.find(f"{_W}pPr/{_W}numPr")
    if num_pr is None:
        return None
    num_id = num_pr.find(f"{_W}numId")
    if num_id is None or num_id.get(f"{_W}val") in (None, "0"):  # "0": numbering taken off
        return None
    level = num_pr.find(f"{_W}ilvl")
    return num_id.get(f"{_W}val"), int(level.get(f"{_W}val", "0")) if level is not None else 0


def _level(lvl) -> _Level:
    def value(tag: str, default: str) -> str:
        element = lvl.find(f"{_W}{tag}")
        return element.get(f"{_W}val", default) if element is not None else default

    suffix = value("suff", "tab")
    return _Level(fmt=value("numFmt", "decimal"), text=value("lvlText", ""),
                  start=int(value("start", "1")), space="" if suffix == "nothing" else " ")


def _formatted(value: int, level: _Level) -> str:
    fmt = level.fmt
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman, rest = "", value
        for number, letters in _ROMAN:
            while rest >= number:
                roman, rest = roman + letters, rest - number
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt in ("bullet", "none"):
        return ""
    return str(value)
