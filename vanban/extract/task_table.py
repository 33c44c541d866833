"""Tasks laid out as a table: "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian".

A plan's annex (phụ lục) often lists its tasks as rows. Text copied out of a word
processor or a spreadsheet keeps the cells of a row apart with tabs or runs of spaces,
and a conversion to Markdown with "|"; a header row that names a lead-agency column
says which cell is which. (A PDF's layout reader orders a table's cells as text
columns, so its rows are not found here.)
"""

from __future__ import annotations

import re

from vanban.extract.agency_phrases import match_agency_list
from vanban.extract.deadlines import DeadlineMatch, find_deadlines
from vanban.extract.lines import Line
from vanban.extract.tasks import RawTask

_MAY_HAVE_CELLS = re.compile(r"\S(?:\t| {2,}|\s*\|\s*)\S")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE_ROW = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?\s*)?$")  # |---|:--|
_CELL = re.compile(r"\S.*?(?= {2,}|$)")
_COLUMNS = {
    # the kind of body may come first, as an OCR read it: "Dqn vi chú trì"
    "owners": re.compile(r"(?:c[a-z] qu[a-z]n |d[a-z]n v[a-z] )?ch[a-z]{0,2} tr[a-z]\b"),
    "co_owners": re.compile(r"(?:c[a-z] qu[a-z]n |d[a-z]n v[a-z] )?ph[a-z]{1,2}i h[a-z]{1,2}p\b"),
    "due": re.compile(r"th[a-z]{1,2}i (?:gian|h[a-z]n)|ti[a-z]n d[a-z]|hoan thanh"),
    "text": re.compile(r"n[a-z]{1,2}i dung|nhi[a-z]m v[a-z]|c[a-z]ng vi[a-z]c"),
    "number": re.compile(r"stt|tt|so tt\b"),
}
# Read as the value of a "Thời gian hoàn thành" label: "Tháng 02/2026", "Quý II/2026".
_DUE_LABEL = "thoi gian hoan thanh: "


def _cells(line: Line) -> list[tuple[int, int] | None]:
    """Offsets in the document of a line's cells; None for an empty one between separators.

    Cells kept apart by spaces alone cannot be told empty: such a row has fewer cells.
    """
    if _PIPE_ROW.match(line.text):
        return _split_cells(line, "|")
    if "\t" not in line.text.strip():
        return [(line.start + m.start(), line.start + m.end())
                for m in _CELL.finditer(line.text) if m.group().strip()]
    return _split_cells(line, "\t")


def _split_cells(line: Line, separator: str) -> list[tuple[int, int] | None]:
    cells: list[tuple[int, int] | None] = []
    pos = line.start
    for piece in line.text.split(separator):
        stripped = piece.strip()
        if stripped:
            start = pos + piece.index(stripped)
            cells.append((start, start + len(stripped)))
        else:
            cells.append(None)
        pos += len(piece) + 1
    # the separators before the first cell or after the last are layout, not empty cells
    if separator == "|":
        return cells[1:-1]
    while cells and cells[0] is None:
        cells.pop(0)
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _columns(line: Line, cells: list[tuple[int, int] | None]) -> dict[str, int] | None:
    """Which cell holds what, if `line` is the header of a task table."""
    if len(cells) < 3:
        return None
    columns: dict[str, int] = {}
    for index, span in enumerate(cells):
        if span is None:
            continue
        start, end = span
        folded = " ".join(line.folded[start - line.start : end - line.start].split())
        kind = next((k for k, rx in _COLUMNS.items() if rx.match(folded) and k not in columns),
                    None)
        if kind is not None:
            columns[kind] = index
    if "owners" in columns and "text" not in columns:
        # "Nhóm thủ tục hành chính | Cơ quan chủ trì | ...": what is to be done comes first
        taken = set(columns.values())
        columns["text"] = next((i for i in range(columns["owners"]) if i not in taken), -1)
    return columns if columns.get("text", -1) >= 0 and "owners" in columns else None


def find_task_tables(
    lines: list[Line], text: str, folded: str, *, addressees: list[str], year: int | None
) -> tuple[list[RawTask], set[int]]:
    """The tasks of every task table in `lines`, and the indices of the lines they used."""
    tasks: list[RawTask] = []
    used: set[int] = set()
    table, width = 0, 0
    columns: dict[str, int] | None = None
    for line in lines:
        if columns is not None and _RULE_ROW.match(line.text):
            used.add(line.index)  # the rule under a Markdown table's header
            continue
        if line.blank or not _MAY_HAVE_CELLS.search(line.text):
            columns = None  # a line of one cell ends a table
            continue
        cells = _cells(line)
        if columns is not None and len(cells) == width and all(
            cells[columns[kind]] is not None for kind in ("text", "owners")
        ):
            used.add(line.index)
            tasks.append(_row_task(cells, columns, table, len(tasks) + 1, text, folded,
                                   addressees, year))
            continue
        if columns is not None and len(cells) == width and _PIPE_ROW.match(line.text):
            used.add(line.index)  # "| **II** | **Nhóm giải pháp ...** | | |": a group's title
            continue
        columns = _columns(line, cells)  # a table ended; this line may head another one
        if columns is not None:
            table, width = table + 1, len(cells)
            used.add(line.index)
    return tasks, used


def _row_task(
    cells: list[tuple[int, int] | None],
    columns: dict[str, int],
    table: int,
    row: int,
    text: str,
    folded: str,
    addressees: list[str],
    year: int | None,
) -> RawTask:
    def cell(kind: str) -> tuple[int, int] | None:
        return cells[columns[kind]] if kind in columns else None

    def agencies(kind: str):
        span = cell(kind)
        if span is None:
            return []
        return match_agency_list(text, folded, span[0], span[1], named_here=addressees)

    number = cell("number")
    label = text[number[0] : number[1]].strip(" .") if number else str(row)
    start, end = cell("text")
    deadline = None
    due = cell("due")
    if due is not None:
        found = find_deadlines(_DUE_LABEL + folded[due[0] : due[1]], year=year)
        dated = next((d for d in found if d.date is not None), None)
        if dated is not None:
            deadline = DeadlineMatch(dated.date, dated.kind, due[0], due[1], dated.recurrence)
    return RawTask(
        id=f"bảng {table}.{label}" if table > 1 else f"bảng.{label}",
        text=" ".join(text[start:end].split()),
        start=start,
        end=end,
        owners=agencies("owners"),
        co_owners=agencies("co_owners"),
        deadline=deadline,
    )
