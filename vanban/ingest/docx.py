"""Word (.docx) files: paragraphs and tables in the order the document has them.

A table used for layout (the two-column header of a công văn, the "Nơi nhận" and
signature block) is read cell by cell, each cell's lines together, so the issuing
body does not interleave with the national motto. A data table is written row by row,
cells joined by " | ", so a task stays on one line with its owner and deadline, and is
also kept as its cells (`cell_tables`): extraction reads the cells, not the line again.
A numbered or bulleted paragraph starts with the label Word draws for it
(`docx_numbering`).
"""

from __future__ import annotations

import io
import zipfile

from vanban.errors import CorruptFileError
from vanban.ingest.docx_numbering import Numbering, read_numbering

_SEPARATOR = " | "


class _Rows(list):
    """A data table's rows of cell texts: a block of the text, one line a row."""


def read_docx_tables(data: bytes, *, name: str) -> tuple[str, list[list[int]]]:
    """The text, and for each data table the indices of the text's lines that are its rows."""
    blocks = _read(data, name=name)
    tables, line = [], 0
    for block in (b for b in blocks if _shown(b)):
        if isinstance(block, _Rows):
            tables.append([line + k for k in range(len(block))])
        line += _render(block).count("\n") + 2  # the block and the blank line after it
    return _text(blocks), tables


def cell_spans(line: str, start: int) -> list[tuple[int, int] | None]:
    """The cells of a row `line` at offset `start` of its page (a cell that held the
    separator splits: the caller checks the row's width)."""
    spans, pos = [], start
    for piece in line.split(_SEPARATOR):
        stripped = piece.strip()
        offset = pos + (piece.index(stripped) if stripped else 0)
        spans.append((offset, offset + len(stripped)) if stripped else None)
        pos += len(piece) + len(_SEPARATOR)
    return spans


def _text(blocks: list) -> str:
    return "\n\n".join(_render(block) for block in blocks if _shown(block))


def _shown(block) -> bool:
    return bool(_render(block).strip())


def _render(block) -> str:
    if isinstance(block, _Rows):
        return "\n".join(_SEPARATOR.join(cell for cell in row) for row in block)
    return block


def _read(data: bytes, *, name: str) -> list:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _blocks(document.element.body, document, read_numbering(document))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, XMLSyntaxError, ValueError,
            OSError) as error:
        raise CorruptFileError(f"{name}: DOCX cannot be read ({error})") from None
    return blocks


def _blocks(body, parent, numbering: Numbering) -> list:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    paragraphs: list[str] = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, parent).text.strip()
            if text:
                paragraphs.append(numbering.label(child) + text)
        elif tag == "tbl":
            if paragraphs:
                blocks.append("\n".join(paragraphs))
                paragraphs = []
            blocks.extend(_table(Table(child, parent), numbering))
    if paragraphs:
        blocks.append("\n".join(paragraphs))
    return blocks


def _table(table, numbering: Numbering) -> list:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell appears once per column it spans
                continue
            seen.add(id(cell._tc))
            blocks = _blocks(cell._tc, cell, numbering)
            cells.append("\n\n".join(_render(b) for b in blocks if _shown(b)))
        rows.append(cells)
    # a layout table is small or two columns wide (header, "Nơi nhận" and signature); a
    # task table's cells may hold several paragraphs, joined here on the row's line
    if len(rows) <= 2 or max(len(row) for row in rows) <= 2:
        return [cell for row in rows for cell in row if cell.strip()]
    return [_Rows([[" ".join(c.split()) for c in row] for row in rows])]
