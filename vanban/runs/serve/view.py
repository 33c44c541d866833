"""What the document page shows: every field beside its evidence, flagged where doubtful.

Plain data for the template, built from the effective record, the machine's record
and the clerk's layer; nothing here knows HTML.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from vanban.corpus import corrections
from vanban.models import Agency, Directive, Evidence
from vanban.runs.serve.page_images import PageSize, box_on_page
from vanban.runs.serve.strings import FIELD_LABELS, T


@dataclass
class Box:
    key: str  # ties a box to its field row
    field: str
    page: int
    left: float
    top: float
    width: float
    height: float


@dataclass
class FieldView:
    path: str  # the correction path, also the form input's name after "f."
    label: str
    value: str
    kind: str = "text"  # text | date | list | textarea | readonly
    key: str = ""
    confidence: float | None = None
    low: bool = False
    restored: bool = False
    corrected: bool = False
    machine: str | None = None  # the machine's value, when a correction replaced it
    has_box: bool = False


@dataclass
class TaskView:
    id: str
    parent: str | None
    fields: list[FieldView]
    added: bool = False


@dataclass
class DocumentView:
    sha256: str
    header: list[FieldView]
    tasks: list[TaskView]
    references: list[FieldView]  # shown, not edited: no correction path names them
    boxes: list[Box]
    pages: list[PageSize]
    segments: list[tuple[str, str | None]]  # the text, cut at evidence spans (text documents)
    stale: list[corrections.Correction]
    warnings: list[str] = field(default_factory=list)
    next_task_id: str = "+1"


def show_date(value: dt.date | str | None) -> str:
    if not value:
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def parse_date(text: str) -> str | None:
    """A date as a clerk types it ("30/4/2024", "30-04-2024") or ISO; None when blank."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    parts = text.replace("-", "/").replace(".", "/").split("/")
    if len(parts) == 3 and all(p.strip().isdigit() for p in parts):
        day, month, year = (int(p) for p in parts)
        try:
            return dt.date(year if year > 99 else 2000 + year, month, day).isoformat()
        except ValueError:
            pass
    raise corrections.CorrectionError(f"{text!r} is not a date (ngày/tháng/năm, e.g. 30/4/2024)")


def build(
    sha256: str,
    record: Directive,
    machine: Directive,
    layer: corrections.Layer | None,
    pages: list[PageSize],
    *,
    low_confidence: float,
    locate: Callable[[Evidence], list[list[float]]] | None = None,
) -> DocumentView:
    """`locate` gives an evidence's boxes (its whole span, where it can be found again);
    by default, the box the record names."""
    locate = locate or (lambda ev: [ev.bbox] if ev.bbox else [])
    corrected_paths = {c.path for c in (layer.corrections if layer else [])}
    restored = {r.field for r in record.quality.restored}
    machine_data = machine.model_dump(mode="json")
    boxes: list[Box] = []
    spans: list[tuple[int, int, str]] = []
    keys = itertools.count(1)

    def row(path: str, label: str, value: str, evidence: list[Evidence | None],
            kind: str = "text") -> FieldView:
        key = f"k{next(keys)}"
        view = FieldView(path=path, label=label, value=value, kind=kind, key=key)
        found = [e for e in evidence if e is not None]
        if found:
            view.confidence = min(e.confidence for e in found)
            view.low = view.confidence < low_confidence
        for ev in found:
            spans.append((ev.start, ev.end, key))
            for bbox in locate(ev) if pages else []:
                box = box_on_page(bbox, ev.page, pages)
                if box:
                    boxes.append(Box(key=key, field=label, **box))
                    view.has_box = True
        view.restored = any(r == path or r.startswith(path + ".") for r in restored)
        view.corrected = path in corrected_paths
        if view.corrected:
            before = corrections.get(machine_data, path)
            view.machine = _show(before)
        return view

    header = [
        row("issuer.name", FIELD_LABELS["issuer.name"], _name(record.issuer),
            [record.issuer.evidence if record.issuer else None]),
        row("number", FIELD_LABELS["number"], record.number or "", [record.evidence.get("number")]),
        row("date", FIELD_LABELS["date"], show_date(record.date), [record.evidence.get("date")],
            "date"),
        row("place", FIELD_LABELS["place"], record.place or "", [record.evidence.get("place")]),
        row("doc_type", FIELD_LABELS["doc_type"], record.doc_type or "",
            [record.evidence.get("doc_type")]),
        row("subject", FIELD_LABELS["subject"], record.subject or "",
            [record.evidence.get("subject")], "textarea"),
        row("addressees", FIELD_LABELS["addressees"], _names(record.addressees),
            [a.evidence for a in record.addressees], "list"),
        row("signer.name", FIELD_LABELS["signer.name"],
            (record.signer.name or "") if record.signer else "",
            [record.signer.evidence if record.signer else None]),
        row("signer.position", FIELD_LABELS["signer.position"],
            (record.signer.position or "") if record.signer else "", []),
        row("recipients", FIELD_LABELS["recipients"], "; ".join(record.recipients), [], "list"),
    ]
    if record.parent_issuer:
        header.insert(1, row("parent_issuer.name", FIELD_LABELS["parent_issuer.name"],
                             record.parent_issuer.name, [record.parent_issuer.evidence]))
    references = [
        row(f"references[{n}]", r.doc_type or T["document"], " ".join(
            part for part in (r.number, f"({show_date(r.date)})" if r.date else "") if part),
            [r.evidence], "readonly")
        for n, r in enumerate(record.references)
    ]
    machine_ids = {t.id for t in machine.tasks}
    tasks = []
    for task in record.tasks:
        p = f"tasks[{task.id}]"
        deadline = task.deadline
        tasks.append(TaskView(
            id=task.id,
            parent=task.parent,
            added=task.id not in machine_ids,
            fields=[
                row(f"{p}.text", "Nội dung", task.text, [task.evidence], "textarea"),
                row(f"{p}.owners", "Chủ trì", _names(task.owners),
                    [a.evidence for a in task.owners], "list"),
                row(f"{p}.co_owners", "Phối hợp", _names(task.co_owners),
                    [a.evidence for a in task.co_owners], "list"),
                row(f"{p}.deadline.date", "Thời hạn",
                    show_date(deadline.date) if deadline else "",
                    [deadline.evidence if deadline else None], "date"),
            ],
        ))
        if deadline and deadline.text and not deadline.date:
            tasks[-1].fields[-1].machine = deadline.text  # "định kỳ 6 tháng": no single date
    added = [int(t.id[1:]) for t in record.tasks if t.id.startswith("+") and t.id[1:].isdigit()]
    stale = corrections.apply(machine, layer).stale if layer else []
    return DocumentView(
        sha256=sha256,
        header=header,
        tasks=tasks,
        references=references,
        boxes=boxes,
        pages=pages,
        segments=[] if pages else _segments(record.text, spans),
        stale=stale,
        warnings=list(record.quality.warnings),
        next_task_id=f"+{max(added, default=0) + 1}",
    )


def _name(agency: Agency | None) -> str:
    return agency.name if agency else ""


def _names(agencies: list[Agency]) -> str:
    return "; ".join(a.name for a in agencies)


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return show_date(value)
        except ValueError:
            return value
    return str(value)


def _segments(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """The text cut into plain runs and evidence runs (the first span wins an overlap)."""
    out: list[tuple[str, str | None]] = []
    at = 0
    for start, end, key in sorted(spans):
        if start < at or end <= start or end > len(text):
            continue
        if start > at:
            out.append((text[at:start], None))
        out.append((text[start:end], key))
        at = end
    if at < len(text):
        out.append((text[at:], None))
    return out
