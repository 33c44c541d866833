"""Why each task has the owners and deadline it has: the rule and the words behind each.

`vanban explain FILE` prints this; like pdfplumber's table-finder debugging, it shows a
heuristic's reasons instead of leaving a clerk or a developer to guess them.
"""

from __future__ import annotations

from vanban.extract.rules import rules
from vanban.models import Directive, Evidence


def explain(record: Directive) -> str:
    """One block per task: its owners, co-owners and deadline, each with rule and span."""
    out = [f"{record.doc_id}: {record.doc_type or '?'} {record.number or '(no number)'}"
           f" {record.date or ''}".rstrip(), ""]
    if not record.tasks:
        out.append("no tasks")
    for task in record.tasks:
        out.append(f"[{task.id}] {_short(task.text, 100)}")
        for label, agencies in (("owner", task.owners), ("co-owner", task.co_owners)):
            for agency in agencies:
                out.append(f"  {label:<9} {agency.name}{_because(agency.evidence)}")
        if task.deadline is not None:
            when = task.deadline.date or task.deadline.recurrence or task.deadline.kind
            out.append(f"  {'deadline':<9} {when}{_because(task.deadline.evidence)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _because(evidence: Evidence | None) -> str:
    if evidence is None:
        return ""
    rule = evidence.rule or "(name as read)"
    where = f"p.{evidence.page} " if evidence.page else ""
    said = _short(" ".join(evidence.text.split()), 70)
    what = rules().get(evidence.rule or "", {}).get("what", "")
    hint = f"\n              {_short(what, 90)}" if what else ""
    return f"\n      by {rule}: {where}«{said}»{hint}"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
