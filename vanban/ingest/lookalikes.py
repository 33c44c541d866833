"""Small letters an OCR read as capitals because they look the same.

The letters c, o, s, v, w, x, z (and o, u with their marks: "ơ", "ở") have one shape in
both cases, only the size tells them apart, and Tesseract reads a run of them in running
text as capitals: "Giám đốc các SỞ, CƠ quan trực thuộc UBND tỉnh". Extraction then takes
"Các SỞ, CƠ quan ..." and "Các sở, cơ quan ..." for two bodies. A run of such words in
capitals between two words in small letters is put back in small letters; each word keeps
its length, so offsets and boxes stand. Acronyms have other letters ("UBND", "KCN"), and
Roman numerals ("khóa XV") are left as read.
"""

from __future__ import annotations

import re

from vanban.folding import fold

_SAME_SHAPE = frozenset("cosuvwxz")
_ROMAN = frozenset("IVXLCDM")
_TOKEN = re.compile(r"\S+")
_EDGES = ",.;:()\"'“”"


def lowered(text: str) -> str:
    """`text` with runs of look-alike capitals between small letters in small letters."""
    return "\n".join(_line(line) for line in text.split("\n"))


def _line(line: str) -> str:
    tokens = list(_TOKEN.finditer(line))
    if len(tokens) < 3:
        return line
    out = list(line)
    index = 1
    while index < len(tokens) - 1:
        end = index
        while end < len(tokens) - 1 and _looks_alike(tokens[end].group()):
            end += 1
        if end > index and _small(tokens[index - 1].group()) and _small(tokens[end].group()):
            for token in tokens[index:end]:
                out[token.start() : token.end()] = token.group().lower()
        index = end + 1 if end > index else index + 1
    return "".join(out)


def _looks_alike(token: str) -> bool:
    core = token.strip(_EDGES)
    return (len(core) >= 2 and core.isalpha() and core.isupper()
            and all(fold(c) in _SAME_SHAPE for c in core) and not set(core) <= _ROMAN)


def _small(token: str) -> bool:
    core = token.strip(_EDGES)
    return bool(core) and core[0].isalpha() and core[0].islower()
