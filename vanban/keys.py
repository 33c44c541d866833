"""Identity: a key for each document and each task that survives re-reading.

A document is known by who issued it, its number and its date (Nghị định 30/2020 makes
that triple unique); a draft without a number or date falls back on its content hash.
A task is known by its document, its place in the outline and its opening words, not
by its position in the list, so a rule change that finds one more task elsewhere does
not renumber every task after it (and a tracker's ICS UIDs stay put).
"""

from __future__ import annotations

import hashlib
import itertools
import re

from vanban import folding
from vanban.models import Directive, PageProvenance, Task

_OPENING_WORDS = 8  # enough to tell sibling tasks apart, few enough to survive an edit
_OPENING_CHARS = 160  # where they mostly are
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str | None) -> list[str]:
    return _WORD.findall(folding.fold(text or ""))


def _digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def document_key(record: Directive, content_sha256: str) -> str:
    """'126-kh-ubnd.2024-05-06.1a2b3c4d', or 'sha-<hash>' for a draft without number or date.

    Folded, so a stripped or OCR-read copy of the same letter gets the same key.
    """
    if not record.number or not record.date:
        return f"sha-{content_sha256[:16]}"
    number = "-".join(_words(record.number))
    issuer = " ".join(_words(record.issuer.name if record.issuer else ""))
    return f"{number}.{record.date.isoformat()}.{_digest(issuer, 8)}"


def _first_words(text: str, count: int) -> list[str]:
    """`_words(text)[:count]`, its words found no further than the last one asked for."""
    return [m.group() for m in itertools.islice(_WORD.finditer(folding.fold(text)), count)]


def _opening_words(text: str) -> list[str]:
    """`_words(text)[:_OPENING_WORDS]`, folding only the text's head when its words are
    there (a character folds to one character, whatever comes after it)."""
    head = _first_words(text[:_OPENING_CHARS], _OPENING_WORDS + 1)
    if len(head) > _OPENING_WORDS or len(text) <= _OPENING_CHARS:  # the last one ended
        return head[:_OPENING_WORDS]
    return _first_words(text, _OPENING_WORDS)


def task_key(doc_key: str, task: Task) -> str:
    opening = " ".join(_opening_words(task.text or ""))
    return f"{doc_key}.{_digest(f'{task.id}|{opening}', 10)}"


def task_keys(doc_key: str, tasks: list[Task]) -> list[str]:
    """Each task's key; tasks that would share one get '-2', '-3' in document order."""
    seen: dict[str, int] = {}
    keys = []
    for task in tasks:
        key = task_key(doc_key, task)
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return keys


def assign_keys(record: Directive, content_sha256: str) -> Directive:
    """Set `record.key` and every `task.key`, in place."""
    record.key = document_key(record, content_sha256)
    for task, key in zip(record.tasks, task_keys(record.key, record.tasks), strict=True):
        task.key = key
    return record


def keys_of(record: Directive, content_sha256: str) -> tuple[str, list[str]]:
    """The document's and tasks' keys: the record's own, or computed for a record made
    before keys existed (without changing it)."""
    if record.key and all(task.key for task in record.tasks):
        return record.key, [task.key or "" for task in record.tasks]
    doc_key = record.key or document_key(record, content_sha256)
    return doc_key, task_keys(doc_key, record.tasks)


# How well each way of reading a page keeps the text: typed text is exact, a PDF's text
# layer nearly so, OCR as good as its confidence.
_METHOD_WEIGHT = {"text": 1.0, "docx": 1.0, "doc": 0.98, "text-layer": 0.95, "ocr": 0.7}
_STATE_WEIGHT = {"clean": 1.0, "stripped": 0.8, "garbled": 0.6}


def read_quality(record: Directive) -> float:
    """How well a source was read, in [0, 1]: of two files of one document, the better
    read gives the record (a text-layer PDF over its scan, a scan over a photo)."""
    pages = record.provenance.pages
    if pages:
        weights = [_METHOD_WEIGHT.get(p.method, 0.7) * _ocr_confidence(p) for p in pages]
        method = sum(weights) / len(weights)
    else:
        method = 1.0
    state = _STATE_WEIGHT.get(record.quality.text_state, 0.6)
    return round(method * state * record.quality.confidence, 6)


def _ocr_confidence(page: PageProvenance) -> float:
    if page.method != "ocr" or page.confidence is None:
        return 1.0
    # Tesseract says 0-100; a share of 1 is taken as it is
    return min(max(page.confidence / 100 if page.confidence > 1 else page.confidence, 0.0), 1.0)
