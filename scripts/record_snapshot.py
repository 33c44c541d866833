"""Freeze the records of a fixed set of texts, or compare today's records with a frozen set.

Speed work must not change a record. Run this with the code before the change to write
a snapshot, and with the code after it to compare:

    PYTHONPATH=. python scripts/record_snapshot.py write /tmp/records-before
    PYTHONPATH=. python scripts/record_snapshot.py check /tmp/records-before

The texts: the seeds, the texts under tests/data and the devset's texts, each as given,
stripped of diacritics and damaged as an English OCR model would (seeded). Provenance
times are left out. Rule changes legitimately change records, so the snapshot is not
committed: write it from the commit before yours, check it with yours.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = [
    SHARED / "seeds",
    ROOT / "tests" / "data" / "directives",
    ROOT / "tests" / "data" / "ocr",
    SHARED / "devset" / "text",
]


def corpus() -> Iterator[tuple[str, str]]:
    """(name, text) of every text in three states; names are stable file names."""
    from vanban.folding import strip_diacritics
    from vanban.normalize.garble import garble

    for folder in SOURCES:
        for i, path in enumerate(sorted(folder.glob("*.txt"))):
            text = path.read_text(encoding="utf-8-sig")
            stem = f"{folder.name}-{path.stem}"
            yield f"{stem}.given", text
            yield f"{stem}.stripped", strip_diacritics(text)
            yield f"{stem}.garbled", garble(text, seed=i + 1)


def record_of(text: str, name: str) -> dict:
    """The record as exported, without the time it was made."""
    from vanban import process_text

    record = process_text(text, doc_id=name).model_dump(mode="json")
    record["provenance"].pop("processed_at", None)
    return record


def write(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in corpus():
        payload = json.dumps(record_of(text, name), ensure_ascii=False, indent=1, sort_keys=True)
        (folder / f"{name}.json").write_text(payload + "\n", encoding="utf-8")
    return 0


def check(folder: Path) -> int:
    differ = []
    count = 0
    for name, text in corpus():
        count += 1
        frozen = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        if record_of(text, name) != frozen:
            differ.append(name)
    for name in differ:
        print(f"differs: {name}")
    print(f"{count - len(differ)} of {count} records as frozen")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["write", "check"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    return write(args.folder) if args.mode == "write" else check(args.folder)


if __name__ == "__main__":
    sys.exit(main())
