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
from vanban.ingest.msword import without_spacers

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

    blocks: list[str] = []
    paragraphs: list[str] = []
    for child in _items(body):
        if child.tag == _W + "p":
            label = numbering.label(child)  # an empty item still takes its number
            text = paragraph_text(child).strip()
            if text:
                paragraphs.append(label + text)
            paragraphs += [box for box in _text_boxes(child) if box]
        else:
            if paragraphs:
                blocks.append("\n".join(paragraphs))
                paragraphs = []
            blocks.extend(_table(Table(child, parent), numbering))
    if paragraphs:
        blocks.append("\n".join(paragraphs))
    return blocks


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# wrappers whose content stands in the text where they stand: content controls, custom
# XML, smart tags (Word 2003's dates and places), tracked insertions, hyperlinks, fields
_WRAPPERS = frozenset(_W + t for t in ("sdt", "sdtContent", "customXml", "smartTag", "ins",
                                       "moveTo", "hyperlink", "fldSimple", "r", "dir", "bdo"))
_TEXT = {_W + "t": None, _W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n",
         _W + "noBreakHyphen": "-"}


def _items(element):
    """The paragraphs and tables of a body or a cell, those in content controls too."""
    for child in element.iterchildren():
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _items(child)


def paragraph_text(paragraph) -> str:
    """A w:p's text as Word shows it: runs inside smart tags, content controls, fields and
    tracked insertions included (python-docx reads only the paragraph's own runs), deleted
    text and text boxes not."""
    parts: list[str] = []
    for child in paragraph.iterchildren():
        if child.tag in _TEXT:
            parts.append(child.text or "" if _TEXT[child.tag] is None else _TEXT[child.tag])
        elif child.tag == _W + "br":
            parts.append("\n" if child.get(_W + "type") in (None, "textWrapping") else "")
        elif child.tag in _WRAPPERS:
            parts.append(paragraph_text(child))
    return "".join(parts)


def _text_boxes(paragraph) -> list[str]:
    """The text of the text boxes anchored in a paragraph (a drawing's, once: not again
    from the fallback picture Word keeps for old readers)."""
    out = []
    for box in paragraph.iter(_W + "txbxContent"):
        if any(a.tag == _MC + "Fallback" for a in box.iterancestors()):
            continue
        out += [paragraph_text(p).strip() for p in box.iter(_W + "p")]
    return out


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
    rows = without_spacers(rows)
    # a layout table is small or two columns wide (header, "Nơi nhận" and signature); a
    # task table's cells may hold several paragraphs, joined here on the row's line
    if len(rows) <= 2 or max(len(row) for row in rows) <= 2:
        return [cell for row in rows for cell in row if cell.strip()]
    return [_Rows([[" ".join(c.split()) for c in row] for row in rows])]
