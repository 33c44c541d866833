"""Text a PDF page carries outside its content: annotation appearances and field values.

Signing software (the state's digital-signature service among others) stamps a
directive's number and the day and month of its date at signing time as the
appearance of signature fields: widget annotations whose /AP stream draws the digits,
through nested form XObjects, next to the "Số:" and "ngày ... tháng ..." that the page
content leaves blank. pdfium draws them but leaves them out of the page's text. So a
page with appearances is flattened in memory (pdfium writes every annotation's normal
appearance into the content), and the objects flattening added are read alone: their
text, with real glyph boxes, decoded through the fonts' own maps.

Where the text goes: a short stamp (a number, a day, a month) joins the page line it
is drawn on, in x order, and hides the page word it is drawn over (a draft's month
under the month of signing); a longer appearance (a signature box: signer, agency,
time) is no part of the page's layout and is read before the page, as a block of its
own. Annotations that draw no text give their value (a form field) or their contents
(a note).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field, replace

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from vanban.ingest import layout, pdf_words, pdfium_calls, stamps

_SKIPPED = {raw.FPDF_ANNOT_LINK, raw.FPDF_ANNOT_POPUP}
# A stamp of at most this many words on one line is set into the page line it is drawn on.
_SHORT_STAMP = 3


@dataclass
class _Annotation:
    box: tuple[float, float, float, float]  # x0, y0, x1, y1; y down from the page's top
    value: str  # a field's value or an annotation's contents, one line
    drawn: bool = False  # its appearance draws text

    def holds(self, token: layout.Token) -> bool:
        x, y = (token.x0 + token.x1) / 2, (token.y0 + token.y1) / 2
        x0, y0, x1, y1 = self.box
        return x0 - 1 <= x <= x1 + 1 and y0 - 1 <= y <= y1 + 1


@dataclass
class Annotated:
    """A page's lines with its annotations' text: `lines` holds the page's own lines with
    short stamps set in and field values; `boxes` the lines of longer appearances (a
    signature box: signer, agency, time), which are read before the page, apart from
    its layout; `overlay` the short stamps and values alone, for a page that is OCR'd
    (its image is drawn without annotations, and they join the words read)."""

    lines: list[layout.Line]
    boxes: list[layout.Line] = field(default_factory=list)
    overlay: list[layout.Line] = field(default_factory=list)


def read(document: pdfium.PdfDocument, index: int, page: pdfium.PdfPage,
         lines: list[layout.Line]) -> Annotated:
    """`lines` (the page content's) with the annotations' text.

    Flattens page `index` of `document` in memory when an annotation has an appearance;
    `page` is that page, loaded, and must be closed by the caller afterwards.
    """
    height = page.get_height()
    annotations = _annotations(page, height)
    if not annotations:
        return Annotated(lines)
    drawn: list[layout.Line] = []
    if any(a.drawn for a in annotations):
        drawn = _appearance_lines(document, index, page, height)
        for annotation in annotations:
            annotation.drawn = any(annotation.holds(t) for line in drawn for t in line.tokens)
    own = [_value_line(a) for a in annotations if a.value and not a.drawn]
    short, boxes = _split(drawn, annotations)
    overlay = [layout.Line([replace(t) for t in line.tokens]) for line in [*short, *own]]
    return Annotated(stamps.place([*lines, *own], short), boxes, overlay)


def _annotations(page: pdfium.PdfPage, height: float) -> list[_Annotation]:
    found = []
    formenv = page.pdf.formenv.raw if page.pdf.formenv is not None else None
    for index in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annot = raw.FPDFPage_GetAnnot(page.raw, index)
        if not annot:
            continue
        try:
            subtype = raw.FPDFAnnot_GetSubtype(annot)
            if subtype in _SKIPPED:
                continue
            rect = raw.FS_RECTF()
            if not raw.FPDFAnnot_GetRect(annot, rect):
                continue
            x0, x1 = sorted((rect.left, rect.right))
            y0, y1 = sorted((height - rect.top, height - rect.bottom))
            found.append(_Annotation((x0, y0, x1, y1), _value(annot, subtype, formenv),
                                     drawn=bool(raw.FPDFAnnot_HasKey(annot, b"AP"))))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return found


def _value(annot, subtype: int, formenv) -> str:
    value = ""
    if subtype == raw.FPDF_ANNOT_WIDGET:
        if formenv is not None:
            value = _utf16(lambda buf, n: raw.FPDFAnnot_GetFormFieldValue(formenv, annot, buf, n))
        # a field outside the document's AcroForm: its value is still in /V
        value = value or _utf16(lambda buf, n: raw.FPDFAnnot_GetStringValue(annot, b"V", buf, n))
    else:
        value = _utf16(lambda buf, n: raw.FPDFAnnot_GetStringValue(annot, b"Contents", buf, n))
    return " ".join(value.split())


def _utf16(call) -> str:
    size = call(None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    call(ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), size)
    return buffer.raw[: size - 2].decode("utf-16-le", errors="replace")


def _value_line(annotation: _Annotation) -> layout.Line:
    """A value spread over its annotation's box, a letter's width per character."""
    x0, y0, x1, y1 = annotation.box
    step = (x1 - x0) / max(len(annotation.value), 1)
    placed, cursor = [], x0
    for token in annotation.value.split(" "):
        width = step * len(token)
        placed.append(layout.Token(token, cursor, y0, cursor + width, y1))
        cursor += width + step
    return layout.Line(placed)


def _appearance_lines(document: pdfium.PdfDocument, index: int, page: pdfium.PdfPage,
                      height: float) -> list[layout.Line]:
    """The text the annotations' normal appearances draw, as lines with glyph boxes."""
    before = raw.FPDFPage_CountObjects(page.raw)
    if raw.FPDFPage_Flatten(page.raw, raw.FLAT_NORMALDISPLAY) != raw.FLATTEN_SUCCESS:
        return []
    flat = document[index]  # flattening rewrote the content; a fresh load reads it
    try:
        # drop the page's own objects from this loaded copy (the file keeps them), so
        # that its text page holds only what the appearances draw
        get_object = pdfium_calls.objects()[0]
        remove, destroy = pdfium_calls.removal()
        page_handle = pdfium_calls.handle(flat)
        if pdfium_calls.loops is not None:  # the same loop, compiled
            pdfium_calls.loops.remove_objects(
                *map(pdfium_calls.address, (get_object, remove, destroy)), page_handle.value,
                before)
        else:
            for at in range(before - 1, -1, -1):
                obj = get_object(page_handle, at)
                if obj and remove(page_handle, obj):
                    destroy(obj)
        textpage = flat.get_textpage()
        try:
            return pdf_words.lines(textpage, height, exact=True)
        finally:
            textpage.close()
    finally:
        flat.close()


def _split(drawn: list[layout.Line], annotations: list[_Annotation]
           ) -> tuple[list[layout.Line], list[layout.Line]]:
    """(short stamps, one line each: a number, a day; the lines of longer ones)."""
    short: list[layout.Line] = []
    boxes: list[layout.Line] = []
    for group in _by_annotation(drawn, annotations):
        if len(group) > 1 or sum(len(line.tokens) for line in group) > _SHORT_STAMP:
            boxes.extend(group)
        else:
            short.extend(group)
    return short, boxes


def _by_annotation(drawn: list[layout.Line],
                   annotations: list[_Annotation]) -> list[list[layout.Line]]:
    """Each annotation's lines of text. pdfium's text runs two stamps on one baseline
    (the number and the day) into one line; the annotations' boxes part them again."""
    groups: dict[int, list[layout.Line]] = {}
    for line in drawn:
        parts: dict[int, list[layout.Token]] = {}
        for token in line.tokens:
            owner = next((i for i, a in enumerate(annotations) if a.holds(token)), -1)
            parts.setdefault(owner, []).append(token)
        for owner, tokens in parts.items():
            groups.setdefault(owner, []).extend(layout.Line(row) for row in _rows(tokens))
    unowned = groups.pop(-1, [])
    return [*groups.values(), *([line] for line in unowned)]


def _rows(tokens: list[layout.Token]) -> list[list[layout.Token]]:
    """A signing box's tokens that pdfium ran into one line of text, parted into the rows
    they stand on: two of its fields a small font sets close ("Cơ quan: Tỉnh X" over
    "Thời gian ký: 04/02/2025") would otherwise be read as one line, word by word in
    turn. A token joins the row whose middle is within half a token's height of its own
    (glyph boxes are tight: "gian" hangs lower than "Thời" on the same row)."""
    rows: list[list[layout.Token]] = []
    for token in tokens:
        middle = (token.y0 + token.y1) / 2
        row = next((r for r in rows if abs(_middle(r) - middle)
                    < 0.5 * max(token.y1 - token.y0, r[0].y1 - r[0].y0)), None)
        if row is None:
            rows.append([token])
        else:
            row.append(token)
    return sorted(rows, key=_middle)


def _middle(row: list[layout.Token]) -> float:
    return sum(t.y0 + t.y1 for t in row) / (2 * len(row))
