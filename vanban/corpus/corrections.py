"""Corrections: a clerk's fixes, kept as their own layer beside the machine's record.

The machine's record (`<sha256>.json`) is never edited. A clerk's fixes live in
`corrections/<sha256>.json`: each one a field path, the value it replaced, the new
value, when and by whom. The *effective* record (machine + corrections, in order)
is what the index, `query`, the exports and the API see. Reprocessing rewrites the
machine's record and reapplies the corrections; one whose field no longer exists
(a task id the newer pipeline does not produce) is kept, flagged stale, and not
applied.

Paths name fields of `Directive` the way a clerk sees them, tasks by their outline id
(stable across reprocessing, unlike their position):

    number, date, place, doc_type, subject, issuer.name, parent_issuer.name,
    signer.name, signer.position, addressees, recipients,
    tasks[II.1].text, tasks[II.1].owners, tasks[II.1].co_owners, tasks[II.1].deadline.date,
    tasks[II.1]          (the whole task: new value null removes it, a task adds it)

Lists of agencies (`addressees`, `owners`, `co_owners`) take a list of names.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vanban.errors import StoreError
from vanban.fsutil import write_atomic
from vanban.models import Directive

FOLDER = "corrections"

_TASK = re.compile(r"^tasks\[(?P<id>[^\]]+)\](?:\.(?P<rest>.+))?$")
# The fields a correction may name, outside tasks, and inside a task.
_TOP_FIELDS = {
    "number", "date", "place", "doc_type", "subject", "issuer.name", "parent_issuer.name",
    "signer.name", "signer.position", "addressees", "recipients",
}
_TASK_FIELDS = {"text", "owners", "co_owners", "deadline.date", "deadline.text", "parent"}
_AGENCY_LISTS = {"addressees", "owners", "co_owners"}


class CorrectionError(StoreError):
    """A correction the store refuses: an unknown field, a value of the wrong shape."""


class Correction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str = Field(description="Field path: 'number', 'tasks[II.1].owners', 'tasks[II.1]'.")
    old: Any = Field(default=None, description="The effective value it replaced.")
    new: Any = Field(default=None, description="The value the clerk gave.")
    at: dt.datetime
    by: str | None = None


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid")

    at: dt.datetime
    by: str | None = None


class Layer(BaseModel):
    """Everything a clerk did to one document: its corrections, and whether it was reviewed."""

    model_config = ConfigDict(extra="forbid")

    sha256: str
    reviewed: Review | None = None
    corrections: list[Correction] = Field(default_factory=list)
    done: dict[str, Review] = Field(
        default_factory=dict, description="Tasks the clerk marked done, by task id."
    )


class Applied(BaseModel):
    """The effective record, and the corrections that no longer found their field."""

    record: Directive
    stale: list[Correction] = Field(default_factory=list)


# -- the files -------------------------------------------------------------------------


def layer_path(root: Path, sha256: str) -> Path:
    return root / FOLDER / f"{sha256}.json"


def load(root: Path, sha256: str) -> Layer | None:
    path = layer_path(root, sha256)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror or error})") from None
    try:
        return Layer.model_validate_json(data)
    except ValidationError as error:
        raise StoreError(f"{path}: not a corrections file ({error.error_count()} errors)") from None


def save(root: Path, layer: Layer) -> None:
    write_atomic(layer_path(root, layer.sha256), layer.model_dump_json(indent=2) + "\n")


def corrected(root: Path) -> set[str]:
    """The content hashes that have a layer."""
    folder = root / FOLDER
    if not folder.is_dir():
        return set()
    return {p.stem for p in folder.glob("*.json") if not p.name.startswith(".")}


# -- reading and writing a path ------------------------------------------------------------


def check_path(path: str) -> None:
    match = _TASK.match(path)
    if match:
        if match["rest"] is None or match["rest"] in _TASK_FIELDS:
            return
        raise CorrectionError(f"{path}: a task has no field {match['rest']!r}")
    if path not in _TOP_FIELDS:
        known = ", ".join(sorted(_TOP_FIELDS))
        raise CorrectionError(f"{path}: not a field a correction can change (one of {known}, "
                              "tasks[ID], tasks[ID].text|owners|co_owners|deadline.date)")


def _task(data: dict, task_id: str) -> dict | None:
    return next((t for t in data["tasks"] if t["id"] == task_id), None)


class _Missing(Exception):
    """The field a path names is not in this record."""


def _container(data: dict, path: str) -> tuple[dict, str]:
    """The dict holding the path's last key, and that key; parents are made as needed."""
    match = _TASK.match(path)
    if match:
        task = _task(data, match["id"])
        if task is None:
            raise _Missing(f"no task {match['id']}")
        node, rest = task, match["rest"]
    else:
        node, rest = data, path
    *parents, key = rest.split(".")
    for name in parents:
        if node.get(name) is None:
            node[name] = _blank(name)
        node = node[name]
    return node, key


def _blank(name: str) -> dict:
    if name == "deadline":
        return {"date": None, "text": "", "kind": "by", "recurrence": None, "evidence": None}
    if name == "signer":
        return {"name": None, "position": None, "authority": None, "on_behalf_of": None,
                "evidence": None}
    return {"name": "", "raw": None, "evidence": None}  # an agency


def get(data: dict, path: str) -> Any:
    """The value at `path` of a record dumped to JSON, as a correction names it."""
    match = _TASK.match(path)
    if match:
        node = _task(data, match["id"])
        if node is None or match["rest"] is None:
            return node
        rest = match["rest"]
    else:
        node, rest = data, path
    *parents, key = rest.split(".")
    for name in parents:
        node = node.get(name)
        if node is None:
            return None
    value = node.get(key)
    if key in _AGENCY_LISTS:
        return [a["name"] for a in value or []]
    return value


def _set(data: dict, path: str, value: Any) -> None:
    match = _TASK.match(path)
    if match and match["rest"] is None:
        tasks = data["tasks"]
        index = next((i for i, t in enumerate(tasks) if t["id"] == match["id"]), None)
        if value is None:
            if index is None:
                raise _Missing(f"no task {match['id']}")
            del tasks[index]
        elif index is None:
            tasks.append(_new_task(match["id"], value))
        else:
            tasks[index] = _new_task(match["id"], value)
        return
    if path in ("issuer.name", "parent_issuer.name") and not value:
        data[path.split(".")[0]] = None  # no name: no such body
        return
    node, key = _container(data, path)
    if key in _AGENCY_LISTS:
        before = {a["name"]: a for a in node.get(key) or []}
        # a name the machine found keeps its evidence; a new one has none
        node[key] = [before.get(name) or {"name": name, "raw": None, "evidence": None}
                     for name in value or []]
    elif key == "date" and path.endswith("deadline.date"):
        _set_deadline(data, path, node, value)
    else:
        node[key] = value


def _set_deadline(data: dict, path: str, deadline: dict, value: Any) -> None:
    if not value:
        # no date: the task has no deadline any more
        task = _task(data, _TASK.match(path)["id"])
        if task is not None:
            task["deadline"] = None
        return
    day = dt.date.fromisoformat(str(value))
    deadline["date"] = day.isoformat()
    deadline["kind"] = "by"
    deadline["recurrence"] = None
    # the phrase the machine read no longer says this date; say what the clerk set
    deadline["text"] = f"trước ngày {day.day}/{day.month}/{day.year}"


def _new_task(task_id: str, value: Any) -> dict:
    if not isinstance(value, dict):
        raise CorrectionError(f"tasks[{task_id}]: a task is an object with text, owners, ...")
    deadline = value.get("deadline")
    task = {
        "id": task_id,
        "text": str(value.get("text") or ""),
        "owners": [{"name": n, "raw": None, "evidence": None} for n in value.get("owners") or []],
        "co_owners": [
            {"name": n, "raw": None, "evidence": None} for n in value.get("co_owners") or []
        ],
        "deadline": None,
        "parent": value.get("parent"),
        "evidence": None,
    }
    if isinstance(deadline, str) and deadline:
        deadline = {"date": deadline}
    if isinstance(deadline, dict) and deadline.get("date"):
        task["deadline"] = _blank("deadline")
        _set_deadline({"tasks": [task]}, f"tasks[{task_id}].deadline.date", task["deadline"],
                      deadline["date"])
    return task


# -- the effective record ------------------------------------------------------------------


def apply(record: Directive, layer: Layer | None) -> Applied:
    """Machine record + corrections, in the order they were made.

    A correction whose field is gone (its task no longer exists) is left out and
    returned as stale; so is one the record's types refuse, which a newer schema
    could cause. Each stale one also becomes a warning on the effective record.
    """
    if layer is None or not layer.corrections:
        return Applied(record=record)
    data = record.model_dump(mode="json")
    stale: list[Correction] = []
    for correction in layer.corrections:
        trial = copy.deepcopy(data)
        try:
            _set(trial, correction.path, correction.new)
            Directive.model_validate(trial)
        except (_Missing, CorrectionError, ValidationError, ValueError, KeyError, TypeError):
            stale.append(correction)
            continue
        data = trial
    effective = Directive.model_validate(data)
    for correction in stale:
        effective.quality.warnings.append(
            f"correction of {correction.path} no longer applies (its field is gone)"
        )
    return Applied(record=effective, stale=stale)


def effective(root: Path, record: Directive, sha256: str) -> Applied:
    return apply(record, load(root, sha256))


def correct(
    root: Path,
    machine: Directive,
    sha256: str,
    changes: list[tuple[str, Any]],
    *,
    by: str | None = None,
    now: dt.datetime | None = None,
) -> Layer:
    """Add corrections (path, new value) to a document's layer and save it.

    A change to the value the record already has is no correction; a change back to
    the machine's own value drops the corrections of that path (the clerk undid them).
    """
    now = now or dt.datetime.now(dt.UTC)
    layer = load(root, sha256) or Layer(sha256=sha256)
    # the effective record, kept in step with each correction added (one apply, not one
    # per change: a page's form sends every field of the document)
    effective = apply(machine, layer).record.model_dump(mode="json")
    added: list[Correction] = []
    for path, value in changes:
        check_path(path)
        value = _normalise(path, value)
        current = get(effective, path)
        if _same(current, value):
            continue
        try:
            _set(effective, path, value)
        except (_Missing, ValueError, TypeError) as error:
            raise CorrectionError(f"{path}: the record has no such field ({error})") from None
        # Appended, never replacing an earlier one: the layer is the history, and the
        # last correction of a path wins when they are applied in order.
        added.append(Correction(path=path, old=current, new=value, at=now, by=by))
        layer.corrections.append(added[-1])
    stale = apply(machine, layer).stale
    for correction in added:
        if any(correction is s for s in stale):
            raise CorrectionError(f"{correction.path}: the record has no such field, or "
                                  f"{correction.new!r} does not fit it")
    if added:
        save(root, layer)
    return layer


def _normalise(path: str, value: Any) -> Any:
    key = path.rsplit(".", 1)[-1]
    if key in _AGENCY_LISTS or path == "recipients":
        if isinstance(value, str):
            value = [part for part in re.split(r"[;\n]", value)]
        if not isinstance(value, list):
            raise CorrectionError(f"{path}: a list of names")
        return [" ".join(str(v).split()) for v in value if str(v).strip()]
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()
        value = value if "\n" in value else " ".join(value.split())
        if value == "":
            return None
    if key == "date" and value is not None:
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise CorrectionError(f"{path}: {value!r} is not an ISO date (YYYY-MM-DD)") from None
    return value


def _same(a: Any, b: Any) -> bool:
    """Equal as a clerk sees them: white space and empty-versus-missing do not count."""
    return _plain(a) == _plain(b)


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, list):
        return [_plain(v) for v in value] or None
    return value or None


def review(root: Path, sha256: str, *, by: str | None = None, reviewed: bool = True) -> Layer:
    layer = load(root, sha256) or Layer(sha256=sha256)
    layer.reviewed = Review(at=dt.datetime.now(dt.UTC), by=by) if reviewed else None
    save(root, layer)
    return layer


def mark_done(root: Path, sha256: str, task_id: str, *, done: bool = True,
              by: str | None = None) -> Layer:
    """Mark a task done (it leaves the open tasks) or open again."""
    layer = load(root, sha256) or Layer(sha256=sha256)
    if done:
        layer.done[task_id] = Review(at=dt.datetime.now(dt.UTC), by=by)
    else:
        layer.done.pop(task_id, None)
    save(root, layer)
    return layer
