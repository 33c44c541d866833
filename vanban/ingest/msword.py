"""Word 97-2003 (.doc) files, read through antiword (Debian's `antiword`).

antiword writes the document's text as UTF-8, paragraphs one a line and a table's rows
as "|cell|cell|" lines, which the task-table reader takes as they are. Its page width
is turned off (`-w 0`) so a paragraph stays one line, as a typed directive has it.
A table used for layout (two columns: the header's issuer and motto, the "Nơi nhận" and
the signature) is read column by column, as a .docx's is (`docx`), so the subject's
lines and the signer's name do not stand in rows beside the other column's.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from vanban.errors import CorruptFileError, MissingDependencyError

_INSTALL = "antiword is not installed (Debian: apt-get install antiword)"
# antiword's placeholder for a picture, and the padding it puts in table cells
_PICTURE = re.compile(r"\[pic\]")
_CELL_PAD = re.compile(r" +\|")


def read_doc(data: bytes, *, name: str, timeout: float = 60.0) -> str:
    """The text of a Word 97 document; CorruptFileError when antiword cannot read it."""
    exe = shutil.which("antiword")
    if exe is None:
        raise MissingDependencyError(_INSTALL)
    try:
        result = subprocess.run([exe, "-m", "UTF-8.txt", "-w", "0", "-"], input=data,
                                capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise CorruptFileError(f"{name}: antiword took longer than {timeout:g} s") from None
    except FileNotFoundError:
        raise MissingDependencyError(_INSTALL) from None
    text = result.stdout.decode("utf-8", errors="replace")
    if result.returncode != 0 or not text.strip():
        why = result.stderr.decode(errors="replace").strip().splitlines()
        reason = why[-1] if why else "no text"
        reason = f"the file{reason[1:]}" if reason.startswith("- ") else reason
        raise CorruptFileError(f"{name}: Word 97 document cannot be read ({reason})")
    text = _PICTURE.sub("", text)
    lines = [_CELL_PAD.sub(" |", line).strip() for line in text.splitlines()]
    return "\n".join(layout_by_column(lines))


_ROW = re.compile(r"^\|.*\|$")


def without_spacers(rows: list[list[str]]) -> list[list[str]]:
    """A table's rows without the columns that are blank in every row: a header's table
    often has an empty column between the issuer's and the motto's to keep them apart,
    which made it three columns wide, a data table's width ("UBND TỈNH X |  | CỘNG HÒA")."""
    width = max((len(row) for row in rows), default=0)
    full = [row for row in rows if len(row) == width]
    if width < 3 or len(full) < 2:
        return rows
    # (rows with merged cells, "|V/v ... | |" under the header's three columns, do not
    # line up with the others: the spacer is found in the full rows, and left in those)
    keep = [k for k in range(width) if any(row[k].strip() for row in full)]
    if len(keep) == width:
        return rows
    return [[row[k] for k in keep] if len(row) == width else row for row in rows]


def layout_by_column(lines: list[str]) -> list[str]:
    """Each run of table rows as it is, but a layout table's (two columns at most, or two
    rows, as `docx` tells one) column by column, a blank line after each column."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _ROW.match(lines[j]):
            j += 1
        if j == i:
            out.append(lines[i])
            i += 1
            continue
        cells = [[cell.strip() for cell in line[1:-1].split("|")] for line in lines[i:j]]
        rows = without_spacers(cells)
        width = max(len(row) for row in rows)
        if width > 2 and len(rows) > 2:
            out += lines[i:j]  # a data table: its rows, for the task-table reader
        else:
            for k in range(width):
                column = [row[k] for row in rows if k < len(row) and row[k]]
                out += [*column, ""] if column else []
        i = j
    return out
