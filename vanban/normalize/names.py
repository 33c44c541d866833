"""Personal names (signers) respelled syllable by syllable from a table of name syllables.

A language model trained on administrative prose reads "Tien" as "Tiền" (money);
in a name it is almost always "Tiến". Family names come first in a Vietnamese
name, so the first syllable is looked up among them.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from vanban.folding import fold_ocr
from vanban.normalize.lexicon import transfer_case

_WORD = re.compile(r"[^\W\d_][^\s,;.]*")


@cache
def _table() -> dict[str, str]:
    text = resources.files("vanban.data").joinpath("person_names.txt").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        for syllable in line.split():
            table.setdefault(fold_ocr(syllable), syllable)
    return table


def restore_person_name(raw: str) -> tuple[str, float]:
    """("Tran Van Binh" → "Trần Văn Bình", share of syllables the table knew)."""
    table = _table()
    words = _WORD.findall(raw)
    if not words:
        return raw, 0.0
    known = 0
    out = []
    for word in words:
        spelled = table.get(fold_ocr(word))
        if spelled is None:
            out.append(word)
            continue
        known += 1
        out.append(transfer_case(word, spelled))
    return " ".join(out), known / len(words)
