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
    lines = text.split("\n")
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
