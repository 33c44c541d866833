"""Respell free-text fields (subject, task text, names) of stripped or garbled documents.

The syllable model in `normalize.diacritics` does the work; names go through
the administrative lexicon first, since its spelling is certain.
"""

from __future__ import annotations

import re
from functools import cache

from vanban.folding import strip_diacritics
from vanban.normalize.agencies import name_lexicon
from vanban.normalize.text import canonical_spelling

_INWORD_NOISE = re.compile(r"[^\W\d_][0-9&$¢€§@|][^\W\d_]?|[0-9&$¢€§][^\W\d_]", re.UNICODE)


@cache
def _model():
    try:
        from vanban.normalize import diacritics
    except ImportError:  # the model is optional at import time; names still work
        return None
    return diacritics


def _sample(text: str, budget: int = 1500) -> str:
    """Evenly spread lines of a long text: the state of a document shows in any part of it."""
    if len(text) <= budget:
        return text
    lines = text.splitlines()
    step = max(1, round(len(text) / budget))
    return "\n".join(lines[::step])


def text_state(text: str) -> str:
    """clean | stripped | garbled, for a whole document."""
    text = _sample(text)
    model = _model()
    if model is not None and hasattr(model, "text_state"):
        return model.text_state(text)
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "clean"
    accented = sum(1 for c in letters if strip_diacritics(c) != c) / len(letters)
    noise = len(_INWORD_NOISE.findall(text)) / max(1, len(text.split()))
    if accented > 0.2 and noise < 0.02:
        return "clean"
    return "garbled" if noise > 0.01 or accented > 0.02 else "stripped"


def restore_text(text: str) -> tuple[str, float, str]:
    """(respelled text, confidence, method) for a free-text field."""
    model = _model()
    if model is not None and hasattr(model, "restore"):
        result = model.restore(text)
        return canonical_spelling(result.text), float(result.confidence), "model"
    restored, known = name_lexicon().restore(text)
    return canonical_spelling(restored), 0.5 * known, "lexicon"
