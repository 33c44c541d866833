"""Word (.docx) files: paragraphs and tables in the order the document has them.

A table used for layout (the two-column header of a công văn, the "Nơi nhận" and
signature block) is read cell by cell, each cell's lines together, so the issuing
body does not interleave with the national motto. A data table is read row by row,
cells joined by " | ", so a task stays on one line with its owner and deadline.
"""

from __future__ import annotations

import io
import zipfile

from vanban.errors import CorruptFileError


def read_docx(data: bytes, *, name: str) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _blocks(document.element.body, document)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, XMLSyntaxError, ValueError,
            OSError) as error:
        raise CorruptFileError(f"{name}: DOCX cannot be read ({error})") from None
    return "\n\n".join(block for block in blocks if block.strip())


def _blocks(body, parent) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    paragraphs: list[str] = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, parent).text.strip()
            if text:
                paragraphs.append(text)
        elif tag == "tbl":
            if paragraphs:
                blocks.append("\n".join(paragraphs))
                paragraphs = []
            blocks.extend(_table(Table(child, parent)))
    if paragraphs:
        blocks.append("\n".join(paragraphs))
    return blocks


def _table(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell appears once per column it spans
                continue
            seen.add(id(cell._tc))
            cells.append("\n\n".join(b for b in _blocks(cell._tc, cell) if b.strip()))
        rows.append(cells)
    layout = len(rows) <= 2 or any("\n" in cell for row in rows for cell in row)
    if layout:
        return [cell for row in rows for cell in row if cell.strip()]
    return ["\n".join(" | ".join(c.replace("\n", " ") for c in row) for row in rows)]
