"""The golden gate: what the extractor reads from a fixed set of texts, frozen.

Every change to the rules shows up here as a difference in owners, deadlines or header
fields, text by text; the test fails until the frozen answers are rewritten with the
change (`python -m tests.golden`), so a review sees each difference beside the rule or
example that explains it. The texts are the seeds, tests/data/directives and the
devset's texts, as typed (restoration has its own measurement, bench/restore.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FROZEN = ROOT / "tests" / "data" / "golden.json"
SOURCES = [SHARED / "seeds", ROOT / "tests" / "data" / "directives", SHARED / "devset" / "text"]
_HEADER = ("number", "date", "place", "doc_type")


def texts() -> dict[str, Path]:
    return {f"{folder.name}/{path.name}": path
            for folder in SOURCES for path in sorted(folder.glob("*.txt"))}


def read(path: Path) -> dict[str, list[str] | str | None]:
    """The answers a tracker takes from one text: header fields, owners, deadlines."""
    from vanban import process_text

    record = process_text(path.read_text(encoding="utf-8-sig"))
    answers: dict[str, list[str] | str | None] = {
        key: str(getattr(record, key)) if getattr(record, key) is not None else None
        for key in _HEADER}
    answers["issuer"] = record.issuer.name if record.issuer else None
    answers["signer"] = record.signer.name if record.signer else None
    answers["owners"] = sorted({o.name for t in record.tasks for o in t.owners})
    answers["deadlines"] = sorted({f"{t.deadline.date} {o.name}" for t in record.tasks
                                   if t.deadline and t.deadline.date for o in t.owners})
    return answers


def freeze() -> None:
    frozen = {name: read(path) for name, path in texts().items()}
    FROZEN.write_text(json.dumps(frozen, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                      encoding="utf-8")


if __name__ == "__main__":
    freeze()
    print(f"froze {len(texts())} texts into {FROZEN.relative_to(ROOT)}", file=sys.stderr)
