"""Tasks laid out as a table: "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian".

A plan's annex (phụ lục) often lists its tasks as rows. Text copied out of a word
processor or a spreadsheet keeps the cells of a row apart with tabs or runs of spaces,
and a conversion to Markdown with "|"; a header row that names a lead-agency column
says which cell is which. A PDF's text laid out as on the page (pdftotext -layout)
keeps each column at its place under the header, and a cell wraps onto the lines below
its row's number: there a column is where its header starts.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from vanban.extract.agency_phrases import match_agency_list
from vanban.extract.deadlines import DeadlineMatch, find_deadlines
from vanban.extract.found import Found, tagged
from vanban.extract.lines import Line
from vanban.extract.tasks import RawTask
from vanban.extract.vocabulary import phrase_at, tolerant
from vanban.models.document import Table

_MAY_HAVE_CELLS = re.compile(r"\S(?:\t| {2,}|\s*\|\s*)\S")


def _may_have_cells(text: str) -> bool:
    """`_MAY_HAVE_CELLS.search(text)`, asked only of a line that holds a tab, two spaces
    or a "|" (as every match does): most lines of a letter hold none."""
    return ("\t" in text or "  " in text or "|" in text) and bool(_MAY_HAVE_CELLS.search(text))


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE_ROW = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?\s*)?$")  # |---|:--|
_CELL = re.compile(r"\S.*?(?= {2,}|$)")
_COLUMNS = {
    # the kind of body may come first, as an OCR read it: "Dqn vi chú trì"
    # ("Đơn vị thực hiện" where a table has no lead column)
    "owners": re.compile(rf"(?:c[a-z] qu[a-z]n |d[a-z]n v[a-z] )?(?:{tolerant('lead_verbs')})"
                         r"|(?:c[a-z] qu[a-z]n|d[a-z]n v[a-z]) th[a-z]{1,2}c hi[a-z]{1,2}n\b"),
    "co_owners": re.compile(rf"(?:c[a-z] qu[a-z]n |d[a-z]n v[a-z] )?(?:{tolerant('help_verbs')})"),
    "due": re.compile(r"th[a-z]{1,2}i ?(?:gian|h[a-z]n)|ti[a-z]n d[a-z]|hoan thanh"),
    "text": re.compile(r"n[a-z]{1,2}i dung|nhi[a-z]m v[a-z]|c[a-z]ng vi[a-z]c"),
    "number": re.compile(r"stt|tt|so tt\b"),
}
# Read as the value of a "Thời gian hoàn thành" label: "Tháng 02/2026", "Quý II/2026".
_DUE_LABEL = "thoi gian hoan thanh: "
_BARE_YEAR = re.compile(r"[\s*_]*(?:19|20)\d\d[\s*_.]*")
# A period of years, "2025 - 2035", is due at its end under a column of completion times
# ("Thời gian (dự kiến) hoàn thành", "Thời hạn"); under a bare "Thời gian" it is the span
# of a programme's work, no deadline.
_YEAR_SPAN = re.compile(r"[\s*_]*(?:nam\s+)?(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d[\s*_.]*")
_COMPLETION_HEADER = re.compile(r"hoan thanh|th[a-z]{1,2}i ?h[a-z]n|h[a-z]n ch[a-z]t")


def _cells(line: Line) -> list[tuple[int, int] | None]:
    """Offsets in the document of a line's cells; None for an empty one between separators.

    Cells kept apart by spaces alone cannot be told empty: such a row has fewer cells.
    """
    if _PIPE_ROW.match(line.text):
        return _split_cells(line, "|")
    if _pipes(line):  # a Word table's row as our DOCX reader writes it
        return _split_cells(line, "|", outer=False)
    if "\t" not in line.text.strip():
        return [(line.start + m.start(), line.start + m.end())
                for m in _CELL.finditer(line.text) if m.group().strip()]
    return _split_cells(line, "\t")


def _pipes(line: Line) -> bool:
    """Cells kept apart by "|", with or without the outer ones."""
    return bool(_PIPE_ROW.match(line.text)) or line.text.count(" | ") >= 2


def _split_cells(line: Line, separator: str, *, outer: bool = True
                 ) -> list[tuple[int, int] | None]:
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
        return cells[1:-1] if outer else cells
    while cells and cells[0] is None:
        cells.pop(0)
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _columns(line: Line, cells: list[tuple[int, int] | None]) -> dict[str, int] | None:
    """Which cell holds what, if `line` is the header of a task table."""
    return _header_columns(
        [line.folded[span[0] - line.start : span[1] - line.start] if span else None
         for span in cells])


# an OCR's stray mark or letter before a header's word: ": Nhiệm vụ", "R Nhiệm vụ"
_STRAY = re.compile(r"^(?:[^a-z0-9]+|[a-z]{1,2}\s+)")


def _header_columns(headers: list[str | None], *, owner_column: bool = True
                    ) -> dict[str, int] | None:
    """Which column holds what, from the folded header of each. Without `owner_column`,
    a table of tasks and their times whose owner is named above it qualifies too."""
    if len(headers) < 3:
        return None
    columns: dict[str, int] = {}
    for index, header in enumerate(headers):
        if header is None:
            continue
        folded = " ".join(header.split())
        kind = next((k for k, rx in _COLUMNS.items() if k not in columns and (
            rx.match(folded) or rx.match(_STRAY.sub("", folded)))), None)
        if kind is not None:
            columns[kind] = index
        if kind == "due" and _COMPLETION_HEADER.search(folded):
            columns["completion"] = index
    if "owners" in columns and "text" not in columns:
        # "Nhóm thủ tục hành chính | Cơ quan chủ trì | ...": what is to be done comes first
        taken = set(columns.values())
        columns["text"] = next((i for i in range(columns["owners"]) if i not in taken), -1)
    if columns.get("text", -1) < 0:
        return None
    return columns if "owners" in columns or (not owner_column and "due" in columns) else None


def _wrapped_header(line: Line, cells: list[tuple[int, int] | None], below: Line
                    ) -> dict[str, int] | None:
    """The columns of a header laid out on two lines ("Cơ quan" over "chủ trì")."""
    if len(cells) < 3 or None in cells or not _laid_out(below, xs := _starts(line, cells)):
        return None
    headers = [line.folded[s - line.start : e - line.start] for s, e in cells]  # type: ignore[misc]
    for column, (start, end) in _aligned_pieces(below, xs):
        headers[column] += " " + below.folded[start - below.start : end - below.start]
    return _header_columns(headers)


def _starts(line: Line, cells: list[tuple[int, int] | None]) -> list[int]:
    return [span[0] - line.start for span in cells if span is not None]


def find_task_tables(
    lines: list[Line], text: str, folded: str, *, addressees: list[str], year: int | None
) -> tuple[list[RawTask], set[int]]:
    """The tasks of every task table in `lines`, and the indices of the lines they used."""
    tasks: list[RawTask] = []
    used: set[int] = set()
    table, width = 0, 0
    columns: dict[str, int] | None = None

    def add(cells: list[Cell | None]) -> None:
        rows = sum("#" not in t.id for t in tasks)
        for task in _row_task(cells, columns, table, rows + 1, text, folded, addressees, year):
            taken = {t.id for t in tasks}
            n = 2
            while task.id in taken:  # a merged row under the same number
                task, n = replace(task, id=f"{task.id.split('#')[0]}#{n}"), n + 1
            tasks.append(task)

    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        stacked = _stacked_header(lines, index - 1)
        if stacked is not None:
            columns, width = stacked
            table += 1
            rows, index = _stacked_rows(lines, index - 1 + width, width, columns["number"])
            used.update(range(line.index, line.index + width))
            for row_lines, row in rows:
                used.update(row_lines)
                if all(row[columns[kind]] is not None for kind in ("text", "owners")):
                    add(row)
            columns = None
            continue
        if columns is not None and _RULE_ROW.match(line.text):
            used.add(line.index)  # the rule under a Markdown table's header
            continue
        if line.blank and columns is not None and _pipe_row_follows(lines, index):
            continue  # a PDF's tall rows stand apart by a blank line
        if line.blank or not _may_have_cells(line.text):
            columns = None  # a line of one cell ends a table
            continue
        cells = _cells(line)
        if columns is not None and len(cells) == width and all(
            cells[columns[kind]] is not None for kind in ("text", "owners")
        ):
            used.add(line.index)
            add([(span,) if span else None for span in cells])
            continue
        if columns is not None and _pipes(line) and len(cells) >= 2:
            # "| **II** | **Nhóm giải pháp ...** | | |": a group's title; a row whose cells
            # were merged ("Theo phân công tại Quyết định ...") names no owner of its own
            used.add(line.index)
            continue
        columns = _columns(line, cells)  # a table ended; this line may head another one
        header_lines = [line.index]
        if columns is None and index < len(lines):
            columns = _wrapped_header(line, cells, lines[index])
            if columns is not None:
                header_lines.append(lines[index].index)
                index += 1
        if columns is None:
            continue
        table, width = table + 1, len(cells)
        used.update(header_lines)
        xs = _starts(line, cells)
        laid_out = "number" in columns and index < len(lines) and _laid_out(lines[index], xs)
        if "number" in columns and index < len(lines) and not laid_out and (
                regions := _column_regions(lines, index, line, cells)) is not None:
            xs, laid_out = regions, True
        if laid_out:
            # laid out as on the page: rows wrap, and a column is where its header starts
            rows, index = _aligned_rows(lines, index, xs, columns["number"])
            for row_lines, row in rows:
                used.update(row_lines)
                if all(row[columns[kind]] is not None for kind in ("text", "owners")):
                    add(row)
            columns = None
    return tasks, used


_STACKED_HEADER_WORDS = 10


def _stacked_header(lines: list[Line], index: int) -> tuple[dict[str, int], int] | None:
    """A header whose cells stand one per line ("STT" / "Nhiệm vụ" / "Thời gian hoàn
    thành" / "Chủ trì thực hiện" / ...), as a Word table's text comes out cell by cell:
    its columns and how many there are."""
    line = lines[index]
    if not _COLUMNS["number"].fullmatch(line.folded.strip(" .")):
        return None
    headers: list[str | None] = []
    for below in lines[index : index + 12]:
        folded = " ".join(below.folded.split())
        row_number = headers and _ROW_NUMBER.fullmatch(below.text.strip())
        if below.blank or len(folded.split()) > _STACKED_HEADER_WORDS or row_number:
            break
        headers.append(folded)
    columns = _header_columns(headers)
    if columns is None or "number" not in columns:
        return None
    return columns, len(headers)


def _stacked_rows(
    lines: list[Line], index: int, width: int, number: int
) -> tuple[list[tuple[list[int], list[Cell | None]]], int]:
    """Rows of a table whose cells stand one per line, from `lines[index]`.

    A row is `width` lines from a line holding only its number; an empty cell is a line of
    spaces. A cell of several paragraphs has more lines than that: its row runs to the next
    line that holds only a number, and the extra lines go on the task's text. A row whose
    first cell is no number (a group's title, "I" / "Cải cách thể chế") is skipped with it.
    """
    rows: list[tuple[list[int], list[Cell | None]]] = []
    starts = [k for k in range(index, len(lines))
              if _ROW_NUMBER.fullmatch(lines[k].text.strip())]
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else min(len(lines), start + width)
        if start + width > len(lines) or end - start < width:
            continue  # a group's row ("II" / "Cải cách thủ tục hành chính" / empty cells)
        if k + 1 == len(starts) and end - start > width:
            end = start + width
        chunk = lines[start:end]
        cells: list[Cell | None] = [
            ((ln.start, ln.end),) if not ln.blank else None for ln in chunk[:width]]
        extra = chunk[width:]
        merged = []
        # a row of its own under the same number and task (Word's merged cells): the
        # number and the task come out blank, its product, time and owners do not
        while (len(extra) >= width and number + 1 < width and extra[number].blank
               and extra[number + 1].blank and not all(ln.blank for ln in extra[:width])):
            merged.append([cells[i] if i in (number, number + 1)
                           else ((ln.start, ln.end),) if not ln.blank else None
                           for i, ln in enumerate(extra[:width])])
            extra = extra[width:]
        if extra and number + 1 < width and cells[number + 1] is not None:
            cells[number + 1] = cells[number + 1] + tuple(  # type: ignore[operator]
                (ln.start, ln.end) for ln in extra if not ln.blank)
        rows.append(([ln.index for ln in chunk], cells))
        rows += [([], row) for row in merged]
    end = starts[-1] + width if starts else index
    return rows, min(end, len(lines))


def read_cell_tables(
    tables: list[Table], lines: list[Line], text: str, folded: str, *,
    addressees: list[str], year: int | None
) -> tuple[list[RawTask], set[int]]:
    """The tasks of tables that came as cells (a Word file's), and the lines they hold.

    The first row whose headers name a lead column and a task column heads the table;
    a row as wide as it with those cells filled is a task, other rows (a group's title,
    merged cells) are not.
    """
    tasks: list[RawTask] = []
    used: set[int] = set()
    starts = [line.start for line in lines]
    # a table of tasks and times under a heading that names its owner ("1. Phòng Công nghệ
    # thông tin (6 nhiệm vụ trọng tâm):"), maybe going on over the next page's table
    above: tuple[dict[str, int], int, list[Found[str]]] | None = None
    for number, table in enumerate(tables, 1):
        header = _cell_header(table, folded)
        owners: list[Found[str]] = []
        if header is not None and "owners" not in header[1]:
            owners = _heading_above(table, lines, starts, text, folded, addressees)
            if not owners:
                header = None
        elif header is None and above is not None and all(len(r) == above[1] for r in table.rows):
            header = (-1, above[0])  # a page's table that goes on from the last, headless
            owners = above[2]
        if header is None:
            above = None
            continue
        k, columns = header
        width, group = len(table.rows[k]) if k >= 0 else above[1], ""  # type: ignore[index]
        above = (columns, width, owners)
        needed = ("text", "owners") if "owners" in columns else ("text", "due")
        for row in table.rows[k + 1 :]:
            first = text[row[0][0] : row[0][1]].strip(" .") if row and row[0] else ""
            if len(row) == width and all(row[columns[kind]] for kind in needed):
                read = _row_task([(c,) if c else None for c in row], columns, number,
                                 sum("#" not in t.id for t in tasks) + 1, text, folded,
                                 addressees, year)
                if owners:
                    read = [replace(task, owners=owners) for task in read]
                # "II" / "Cải cách thủ tục hành chính" above: its rows are II.1, II.2, ...
                tasks += [replace(task, id=task.id.replace(".", f".{group}.", 1))
                          if group else task for task in read]
            elif _GROUP_LABEL.fullmatch(first):
                group = first
        for row in table.rows:
            span = next((c for c in row if c), None)
            if span is not None:
                used.add(bisect.bisect_right(starts, span[0]) - 1)
    return tasks, used


def _cell_header(table: Table, folded: str) -> tuple[int, dict[str, int]] | None:
    """The first row of `table` that heads it, and its columns. A row that opens with a
    row's number is a task ("| 5 | Chủ trì thực hiện ... |"), unless it names the task
    column itself (an OCR's "11" for "TT" before "Nhiệm vụ")."""
    for k, row in enumerate(table.rows):
        headers = [folded[c[0]:c[1]] if c else None for c in row]
        columns = _header_columns(headers, owner_column=False)
        if columns is None:
            continue
        numbered = headers[0] is not None and _ROW_NUMBER.fullmatch(headers[0].strip())
        if numbered and not _COLUMNS["text"].match(_STRAY.sub("", headers[columns["text"]] or "")):
            continue
        return k, columns
    return None


_HEADING = re.compile(r"^\s*(?:[0-9]{1,2}|[ivx]{1,4}|[a-z])\s*[.)]\s*")
_HEADING_WITHIN = 3  # lines above a table its heading may stand


def _heading_above(table: Table, lines: list[Line], starts: list[int], text: str,
                   folded: str, addressees: list[str]) -> list[Found[str]]:
    """The bodies a numbered heading just above the table names: its rows' owner."""
    first = min(c[0] for row in table.rows for c in row if c)
    index = bisect.bisect_right(starts, first) - 1
    seen = 0
    for line in reversed(lines[:index]):
        if len(re.findall(r"[^\W\d_]", line.text)) < 3:
            continue  # a blank line, the grid's stubs an OCR read ("|", "—")
        m = _HEADING.match(line.folded)
        if m is not None:
            return tagged(match_agency_list(text, folded, line.start + m.end(), line.end,
                                            named_here=addressees), "heading")
        seen += 1
        if seen >= _HEADING_WITHIN or _PIPE_ROW.match(line.text):
            break  # a paragraph or another table's row stands between
    return []


def _pipe_row_follows(lines: list[Line], index: int) -> bool:
    following = next((line for line in lines[index:] if not line.blank), None)
    return following is not None and bool(_PIPE_ROW.match(following.text))


# A cell laid out as on the page may sit up to this many characters off its header's
# start: a centred header, a letter an OCR dropped earlier on the line.
_GROUP_LABEL = re.compile(r"[IVX]{1,4}|[A-Z]")
_SLACK = 3
_ROW_NUMBER = re.compile(r"\d{1,3}\.?|[IVX]{1,4}\.?")


def _laid_out(line: Line, xs: list[int]) -> bool:
    """Whether the row under a header starts each of its cells under a header's start."""
    if "\t" in line.text or _PIPE_ROW.match(line.text):
        return False
    starts = [m.start() for m in _CELL.finditer(line.text)]
    return len(starts) >= 2 and all(min(abs(x - s) for x in xs) <= _SLACK for s in starts)


# Lines a row centred in its height may hold above its number (half a tall row's)
_MAX_LEAD = 15
_MAX_ROWS = 80  # a laid-out table's lines looked at for its columns' gutters
_GUTTER = 2  # blank places this few or fewer lie inside a cell ("- Các sở"), not between two


def _column_regions(lines: list[Line], index: int, header: Line,
                    cells: list[tuple[int, int] | None]) -> list[int] | None:
    """Where each column of a laid-out table starts, from the gutters its rows leave.

    A header is centred over its column while the column's cells start at its left edge
    (a task's text) or are centred too (an owner, a time): "Nhiệm vụ" stands 18 places
    right of the tasks under it, and the starts of the header's words place no cell. The
    columns are the runs of places that some row's text covers, apart by three spaces or
    more that every row leaves blank (the rows down to a blank line), one run under each
    header's words. None where they do not fall so.
    """
    rows: list[str] = []
    for line in lines[index : index + _MAX_ROWS]:
        if line.blank:
            break
        if "\t" in line.text or _PIPE_ROW.match(line.text):
            return None
        rows.append(line.text)
    spans = [(s - header.start, e - header.start) for s, e in (c for c in cells if c)]
    if len(rows) < 2 or len(spans) != len(cells):
        return None
    covered = [False] * max(len(text) for text in rows)
    for text in rows:
        for m in _CELL.finditer(text):
            covered[m.start() : m.start() + len(m.group().rstrip())] = [True] * len(
                m.group().rstrip())
    runs: list[list[int]] = []
    for place, filled in enumerate(covered):
        if not filled:
            continue
        if runs and place - runs[-1][1] <= _GUTTER:
            runs[-1][1] = place + 1
        else:
            runs.append([place, place + 1])
    if len(runs) != len(spans) or any(end <= run[0] or start >= run[1]
                                      for (start, end), run in zip(spans, runs, strict=True)):
        return None
    return [run[0] for run in runs]


def _aligned_rows(
    lines: list[Line], index: int, xs: list[int], number: int
) -> tuple[list[tuple[list[int], list[Cell | None]]], int]:
    """The rows of a table laid out as on the page, from `lines[index]`, and where it ends.

    A row's lines hold a number in the number column. A blank line, or text where the
    number should be, ends the table. Where the number stands on the row's first line
    (cells set at the top of their rows), the lines below it that leave that column empty
    go on its cells. Where lines come before the first number, the rows' cells are set in
    the middle of their heights (Word's "centre" alignment; `pdftotext -layout` puts each
    cell's lines where they are on the page): a row runs as far below its number as it
    began above it (`_centred_starts`).
    """
    taken: list[tuple[Line, list[tuple[int, tuple[int, int]]]]] = []
    numbers: list[int] = []
    while index < len(lines):
        line = lines[index]
        if line.blank:
            break
        pieces = _aligned_pieces(line, xs)
        first = next((span for column, span in pieces if column == number), None)
        if first is not None:
            if not _ROW_NUMBER.fullmatch(line.text[first[0] - line.start : first[1] - line.start]):
                break  # "III. TỔ CHỨC THỰC HIỆN" after the table
            numbers.append(len(taken))
        elif not numbers and len(taken) >= _MAX_LEAD:
            break
        taken.append((line, pieces))
        index += 1
    if not numbers:
        return [], index - len(taken)
    if numbers[0] == 0:
        starts = numbers
    else:
        starts = _centred_starts(numbers, taken, number)
        ends = 2 * numbers[-1] - starts[-1] + 1  # the last row as far below as above
        index -= max(0, len(taken) - ends)
        taken = taken[:ends]
    rows: list[tuple[list[int], list[Cell | None]]] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(taken)
        cells: list[list[tuple[int, int]]] = [[] for _ in xs]
        for _, pieces in taken[start:end]:
            for column, span in pieces:
                cells[column].append(span)
        rows.append(([line.index for line, _ in taken[start:end]],
                     [tuple(c) or None for c in cells]))
    return rows, index


def _centred_starts(numbers: list[int],
                    taken: list[tuple[Line, list[tuple[int, tuple[int, int]]]]],
                    number: int) -> list[int]:
    """Where each row starts among a table's lines, its cells centred in its height: the
    first at the table's first line, each next one as far below the row's number as the
    row began above it. Where that misses by a line (a cell's lines set a little off
    centre), the line next to it that opens a cell's text with a capital letter, a new
    task's first word, is taken."""
    starts = [0]
    for k in range(len(numbers) - 1):
        low, high = numbers[k] + 1, numbers[k + 1]  # the next row starts after this number
        guess = min(max(2 * numbers[k] - starts[-1] + 1, low), high)
        near = [p for p in (guess, guess - 1, guess + 1) if low <= p <= high]
        starts.append(next((p for p in near if _opens_a_task(*taken[p], number)), guess))
    return starts


def _opens_a_task(line: Line, pieces: list[tuple[int, tuple[int, int]]], number: int) -> bool:
    """Whether a line's first run right of the number column starts with a capital."""
    span = next((span for column, span in pieces if column > number), None)
    return span is not None and line.text[span[0] - line.start : span[0] - line.start + 1].isupper()


def _aligned_pieces(line: Line, xs: list[int]) -> list[tuple[int, tuple[int, int]]]:
    """A line's runs of text, each with the column it falls in by its place on the line.

    A run that goes on past the next column's start held two cells one space apart: it
    is split at the space nearest that start.
    """
    pieces = []
    for m in _CELL.finditer(line.text):
        start, end = m.start(), m.start() + len(m.group().rstrip())
        while True:
            column = max((i for i, x in enumerate(xs) if x <= start + _SLACK), default=0)
            nxt = xs[column + 1] if column + 1 < len(xs) else None
            if nxt is None or end <= nxt + _SLACK:
                break
            spaces = [i for i in range(start, end) if line.text[i] == " "]
            if not spaces:
                break
            cut = min(spaces, key=lambda i: abs(i + 1 - nxt))
            pieces.append((column, (line.start + start, line.start + cut)))
            start = cut + 1
        pieces.append((column, (line.start + start, line.start + end)))
    return pieces


# A cell's spans in the document: one, or one per line when the cell wraps.
Cell = tuple[tuple[int, int], ...]


def _row_task(
    cells: list[Cell | None],
    columns: dict[str, int],
    table: int,
    row: int,
    text: str,
    folded: str,
    addressees: list[str],
    year: int | None,
) -> list[RawTask]:
    def cell(kind: str) -> Cell | None:
        return cells[columns[kind]] if kind in columns else None

    def agencies(kind: str) -> list[Found[str]]:
        spans = cell(kind)
        if spans is None:
            return []
        # a wrapped cell is read as one line, and what is found points back into the text
        joined, joined_folded, starts = _joined(spans, text, folded)
        found = _group_in_full(match_agency_list(joined, joined_folded, 0, len(joined),
                                                 named_here=addressees), joined, joined_folded)
        return [Found(f.value, _at(f.start, spans, starts), _at(f.end - 1, spans, starts) + 1,
                      f.raw, f.confidence, f.rule)
                for f in found]

    number = cell("number")
    label = _joined(number, text, folded)[0].strip(" .") if number else str(row)
    content = cell("text")
    assert content is not None
    due = cell("due")
    deadlines: list[DeadlineMatch | None] = []
    said_folded, starts = _joined(due, text, folded)[1:] if due is not None else ("", [])
    if due is not None and ("completion" in columns or not _YEAR_SPAN.fullmatch(said_folded)):
        # "Ban hành trong tháng 01/2026, kiểm tra chậm nhất trong tháng 6/2026 và báo cáo
        # chậm nhất trong tháng 8/2026": each date a milestone of the row's owners
        # (a bare year in the time column, "2025", is within that year)
        due_label = _DUE_LABEL + ("nam " if _BARE_YEAR.fullmatch(said_folded) else "")
        skip = len(due_label)
        for d in find_deadlines(due_label + said_folded, year=year):
            if d.date is not None and d.date not in {m.date for m in deadlines if m}:
                start = _at(max(d.start - skip, 0), due, starts)
                end = _at(max(d.end - skip - 1, 0), due, starts) + 1
                deadlines.append(DeadlineMatch(d.date, d.kind, start, end, d.recurrence,
                                               "table-due-column"))
    task_id = f"bảng {table}.{label}" if table > 1 else f"bảng.{label}"
    task = RawTask(
        id=task_id,
        text=" ".join(_joined(content, text, folded)[0].split()),
        start=content[0][0],
        end=content[-1][1],
        owners=tagged(agencies("owners"), "table-owner-column"),
        co_owners=tagged(agencies("co_owners"), "co-owner"),
        deadline=deadlines[0] if deadlines else None,
    )
    return [task] + [replace(task, id=f"{task_id}#{n}", deadline=d)
                     for n, d in enumerate(deadlines[1:], 2)]


_NOT_ONE_CLAUSE = re.compile(r"[;:()]")
_WORDS = re.compile(r"\w+")
_NAMED_ROLE = re.compile(rf"\b(?:{tolerant('lead_verbs')}|{tolerant('help_verbs')})")


def _group_in_full(found: list[Found[str]], cell: str, folded: str) -> list[Found[str]]:
    """A described group that fills a body's cell, whole: "Các cơ quan, đơn vị, tổ chức, cá
    nhân được giao nhiệm vụ có liên quan đến trồng cây xanh". In a sentence the group's
    clause ends where the sentence's verb starts ("được giao", "đến" begin the predicate
    often enough that the name readers stop there); a cell holds no predicate, so what
    follows the one group it names, to the cell's end, still describes it. Not when the
    rest names another body, a role ("chủ trì") or opens a clause of its own (";", ":",
    a bracket), nor where it does not open with a clause that describes
    (`cell_group_clauses`, `describing_verbs`)."""
    if len(found) != 1:
        return found
    group = found[0]
    plain = _WORDS.findall(folded)
    if (folded[: group.start].strip() or len(plain) < 2 or plain[0] != "cac"
            or not phrase_at(plain, 1, "group_nouns")):
        return found
    rest = cell[group.end :].rstrip(" .,;")
    after = _WORDS.findall(folded, group.end, group.end + len(rest))
    if (not after or not (phrase_at(after, 0, "cell_group_clauses")
                          or phrase_at(after, 0, "describing_verbs"))
            or _NOT_ONE_CLAUSE.search(rest)
            or _NAMED_ROLE.search(folded, group.end, group.end + len(rest))
            or match_agency_list(cell, folded, group.end, group.end + len(rest))):
        return found
    value = " ".join(f"{group.value}{rest}".split())
    end = group.end + len(rest)
    return [replace(group, value=value, end=end, raw=cell[:end], rule="table-described-group")]


def _joined(spans: Cell, text: str, folded: str) -> tuple[str, str, list[int]]:
    """A cell's text and folded text as one line, and where each span starts in them."""
    starts, offset = [], 0
    for start, end in spans:
        starts.append(offset)
        offset += end - start + 1
    return (" ".join(text[s:e] for s, e in spans), " ".join(folded[s:e] for s, e in spans),
            starts)


def _at(offset: int, spans: Cell, starts: list[int]) -> int:
    """The document offset of `offset` in a joined cell."""
    i = max(i for i, s in enumerate(starts) if s <= offset)
    return min(spans[i][0] + offset - starts[i], spans[i][1])
