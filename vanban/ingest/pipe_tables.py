"""Tables a plain text writes with pipes: a Markdown export's ("| a | b |" rows, a
"|---|---|" rule under the first, the closing "|" sometimes left off) or a Word export's
("|a |b |"). A web page's or a converter's copy of a directive puts its two-column
header ("BỘ X | CỘNG HÒA ...", "Số: ... | Hà Nội, ngày ...") and its foot ("Nơi nhận: ...
| KT. BỘ TRƯỞNG ...") in such tables. A layout table is read column by column, as a .doc's
is (`msword.layout_by_column`), so the number, place and date, the recipients and the
signer stand on lines of their own; a data table (three columns or more, whatever its rows:
"| STT | Nội dung | Chủ trì |" over one row of data) is left as it is, for the task-table
reader.
"""

from __future__ import annotations

import re

from vanban.ingest.msword import layout_by_column, without_spacers

# Markdown's rule under a table's first row: "|---|---|", "| :--- | ---: |", "|---|---"
_RULE = re.compile(r"^\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")


def lay_out_pipe_tables(text: str) -> str:
    """`text` with each run of "|"-rows that is a table laid out as `layout_by_column`
    lays a .doc's out; other lines as they are."""
    if "\n|" not in text and not text.startswith("|"):
        return text
    lines = _barred_as_rows(text.split("\n"))
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not lines[i].lstrip().startswith("|"):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].lstrip().startswith("|"):
            j += 1
        run = [line.strip() for line in lines[i:j]]
        markdown = any(_RULE.match(row) for row in run)  # a row may lack its closing "|"
        rows = [row if row.endswith("|") and len(row) > 1 else row + " |"
                for row in run if not _RULE.match(row)]
        # a header's or a foot's table has two columns; one of three or more holds data,
        # its header row and one row of data too ("| STT | Nội dung | Chủ trì |")
        if (markdown or all(row.endswith("|") for row in run)) and rows and max(
                len(row) for row in without_spacers(
                    [[cell.strip() for cell in row[1:-1].split("|")] for row in rows])) <= 2:
            out += layout_by_column(rows)
        else:
            out += lines[i:j]  # a data table, or a line that opens with "|" and is no row
        i = j
    return "\n".join(out)


# A web page's table copied as text may stand each cell on lines of its own between lines
# of a lone "|", two bars together between rows: "|" / "**STT**" / "|" / "**Tên nhiệm vụ**"
# / "|" / "**Cơ quan chủ trì**" / ... / "|" / "|" / "1" / "|" / "Triển khai ..." / ...
_BAR = re.compile(r"^[ \t]*\|[ \t]*$")
# (a data table's first column numbers its rows)
_NUMBER_HEAD = re.compile(r"^[*_ \t]*(?:STT|TT|Số TT|Số thứ tự)[*_ \t.]*$", re.IGNORECASE)


def _barred_as_rows(lines: list[str]) -> list[str]:
    """The lines with each table of barred cells whose first header cell numbers its rows
    ("STT", "TT") written as "| a | b | c |" rows, a cell's lines joined, for the task-table
    reader; a group's title ("**I. NÂNG CAO NHẬN THỨC**") a row of its own, the other cells
    empty. The two-column tables of a header or a foot are left to `layout_by_column`."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _BAR.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].strip():
            j += 1  # (a table's cells hold no blank line)
        # (a page with no blank line runs its annex's table on from the foot's cells: the
        # data table starts at the bar before its "STT" cell)
        at = next((k for k in range(i, j - 1) if _BAR.match(lines[k])
                   and _NUMBER_HEAD.match(lines[k + 1])), j)
        rows = _barred_rows(lines[at:j]) if at < j else []
        out += _emphasis_joined(lines[i:at]) + rows if rows else _emphasis_joined(lines[i:j])
        i = j
    return out


def _barred_rows(run: list[str]) -> list[str]:
    cells: list[str | None] = []
    own: list[str] = []
    for line in run[1:]:
        if _BAR.match(line):
            cells.append(" ".join(" ".join(own).split()) or None)
            own = []
        else:
            own.append(line.replace("|", "/"))
    width = cells.index(None) if None in cells else len(cells)
    if width < 3 or not _NUMBER_HEAD.match(cells[0] or ""):
        return []
    groups: list[list[str | None]] = [[]]
    for cell in cells:
        if cell is None:
            groups.append([])
        else:
            groups[-1].append(cell)
    rows: list[list[str | None]] = []
    for group in (g for g in groups if g):
        # (an empty cell inside a row is two bars together too: the row goes on after it)
        if rows and len(rows[-1]) < width and len(rows[-1]) + 1 + len(group) <= width:
            rows[-1] += [None, *group]
        elif rows and _merged_under(group, rows[-1], width):
            rows.append([rows[-1][0], *group, *rows[-1][1 + len(group):]])
        else:
            rows.append(list(group))
    return ["| " + " | ".join(c or "" for c in row + [None] * (width - len(row))) + " |"
            for row in rows]


# a row's number: "1", "2.1", "IV", bold or not
_ROW_NUMBER = re.compile(r"[*_\s]*(?:\d{1,3}(?:\.\d{1,3})*|[IVX]{1,5})[.)]?[*_\s]*")


def _merged_under(group: list[str], above: list[str | None], width: int) -> bool:
    """Whether `group` is a second task under the numbered row `above` whose other cells
    were merged with it: its own task and lead (and partners) come out, the number, the
    time and the rest do not ("| Sao lưu dữ liệu | Sở Khoa học và Công nghệ | Sở Tài
    chính" under a row timed "Quý IV/2026"). It takes the row's number and the merged
    cells; a group's title ("II" / "Hạ tầng số") opens with its number and stays a row."""
    return (2 <= len(group) <= width - 2 and len(group) + 1 < len(above)
            and not _ROW_NUMBER.fullmatch(group[0])
            and bool(_ROW_NUMBER.fullmatch(above[0] or "")))


def _open_emphasis(line: str) -> bool:
    """Whether a line opens a "**bold**" or "*italic*" span it does not close."""
    bold = line.count("**")
    return bold % 2 == 1 or (line.count("*") - 2 * bold) % 2 == 1


def _emphasis_joined(run: list[str]) -> list[str]:
    """A layout table's cells with a span of emphasis the page wrapped joined on one line:
    "**ỦY BAN NHÂN / DÂN **", "*Thành phố Hồ Chí / Minh, ngày 25 tháng 11 năm 2025*", "**Bùi
    / Xuân Cường**" (the cell's own lines, each closing its emphasis, stay apart)."""
    out: list[str] = []
    for line in run:
        if out and _open_emphasis(out[-1]) and not _BAR.match(line) and line.strip() \
                and not _BAR.match(out[-1]):
            out[-1] = f"{out[-1].rstrip()} {line.lstrip()}"
            continue
        out.append(line)
    return out
