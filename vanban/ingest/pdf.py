"""PDF pages to `Page`s: the text layer where it is real text, OCR where it is not.

pypdfium2 does the reading: its text API is about a hundred times faster than
pdfminer's layout analysis, and it gives each character's box, from which word
boxes and lines come. A page's own text layer is trusted unless it is empty, a glyph
soup (private-use characters, "(cid:NN)", U+FFFD), text that is not Vietnamese (most
of its words no syllable: fonts without a usable ToUnicode map, someone else's English
OCR over a scan), or an invisible OCR layer over a scan without diacritics. Text typed
in a legacy encoding (TCVN3, VNI) is converted first. The text of annotations (the
number and date that signing software stamps as a signature field's appearance, form
field values) is set among the page's own words (`annotations.py`).
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from vanban.errors import CorruptFileError, EncryptedPdfError, TooLargeError
from vanban.ingest import (
    annotations,
    layout,
    legacy,
    open_tables,
    pdf_words,
    pdfium_calls,
    ruled_tables,
    tounicode,
)
from vanban.models.document import Page
from vanban.normalize.diacritics import syllable_counts

if TYPE_CHECKING:
    from PIL import Image

# The OCR path (numpy, Pillow, Tesseract's wrapper: 0.15 s to import) is imported when a
# page needs it: a text PDF never does.

_SOUP = re.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f]|\(cid:\d+\)")
_MIN_CHARS = 20
# A text layer of at least this many words is no text when more than this share of
# them are no Vietnamese syllable (real layers have under 6%, broken fonts and English
# OCR of Vietnamese scans 60-80%).
_MIN_WORDS = 8
_MAX_INVALID = 0.4
# An invisible OCR layer over a scan is kept when at least this share of its words
# carry their diacritics (typed text: 85-95%) and at most this share are no syllable.
_OCR_LAYER_MARKED = 0.5
_OCR_LAYER_INVALID = 0.2
_SAMPLE = 600  # characters of a page's text judged: some 120 words
# A page whose own text is a frame around a picture: fewer words than this, and a
# picture over at least this share of the page. The Official Gazette republishes a
# scanned decision with its running head ("CÔNG BÁO/Số 88/Ngày 06-02-2026  100") and the
# signature block typed over the scan: a few words of text, the decision in the image. A
# typed page holds some 200-500 words; a scanned strip of a last page, 15-30% of it.
_FRAME_WORDS = 40
_FRAME_PICTURE = 0.1


@dataclass(frozen=True)
class PdfOptions:
    ocr: str  # "auto" | "always" | "never"
    lang: str
    dpi: int
    ocr_timeout: float
    max_pages: int
    max_pixels: int


def read_pdf(data: bytes, *, name: str, options: PdfOptions) -> tuple[list[Page], list[str]]:
    """Pages in order and document-level warnings; raises only when nothing can be read.

    A damaged file (truncated, its cross-reference table lost) is repaired first: the
    pages that survive are read, each with a warning, and the ones that do not are named
    in the document's warnings.
    """
    mended = tounicode.mend(data)
    if mended is not None:  # letters a font's ToUnicode map turned into spaces
        data = mended.data
    document, repair = _open(data, name=name)
    try:
        count = len(document)
        if count == 0:
            if repair is not None and repair.lost:
                raise CorruptFileError(f"{name}: not a readable PDF ({repair.reason}); "
                                       "no page could be recovered")
            raise CorruptFileError(f"{name}: PDF has no pages")
        if count > options.max_pages:
            raise TooLargeError(f"{name}: {count} pages, over the limit of {options.max_pages}")
        with contextlib.suppress(pdfium.PdfiumError):
            document.init_forms()  # form-field values are only readable with forms loaded
        pages: dict[int, Page] = {}
        to_ocr: list[int] = []
        overlays: dict[int, tuple[list[layout.Line], list[layout.Line]]] = {}
        warnings: list[str] = [tounicode.warning(mended)] if mended is not None else []
        numbers = list(range(1, count + 1))  # page numbers as the file had them
        if repair is not None:
            warnings.append(f"repaired: {repair.note}")
            if len(repair.numbers) == count:
                numbers = repair.numbers
            warnings.extend(f"page {n} unreadable: {why}" for n, why in repair.lost.items())
        for index, number in enumerate(numbers):
            try:
                page = document[index]
            except pdfium.PdfiumError as error:
                warnings.append(f"page {number}: cannot be read ({error}); skipped")
                continue
            try:
                result = _text_page(document, index, page, number=number)
            finally:
                page.close()
            reason = _ocr_reason(result, options.ocr)
            damage = repair.damaged.get(index) if repair is not None else None
            if damage is not None:
                # a damaged page is not rasterised: what pdfium would draw of it is no better
                if _ocr_reason(result, "auto") is not None or _blank(result):
                    warnings.append(f"page {number} unreadable: {damage}")
                    continue
                result.warnings.append(f"damaged ({damage}): text may be incomplete")
                reason = None
            if repair is not None:
                if damage is None and _blank(result) and not result.images:
                    # in a damaged file an empty page is more likely lost than blank
                    warnings.append(f"page {number} unreadable: no content recovered")
                    continue
                result.warnings.insert(0, f"repaired: {repair.note}")
            if reason is None:
                pages[number] = result
            elif options.ocr == "never":
                result.warnings.append(f"{reason}; OCR disabled, text layer kept")
                pages[number] = result
            else:
                to_ocr.append(number)
                if result.overlay or result.boxes:
                    overlays[number] = (result.overlay, result.boxes)
                if options.ocr != "always":
                    warnings.append(f"page {number}: {reason}; read by OCR")
        if not pages and not to_ocr:
            if repair is not None:
                raise CorruptFileError(f"{name}: not a readable PDF ({repair.reason}); "
                                       "no page could be recovered")
            raise CorruptFileError(f"{name}: no page of the PDF could be read")
        if not to_ocr:  # a text PDF never needs Tesseract, nor asks whether it is there
            return [pages[n] for n in sorted(pages)], warnings
        index_of = {number: index for index, number in enumerate(numbers)}
        # the pages are drawn for OCR from the file as it is, without their annotations:
        # an e-signature box over the header would be read into it (and flattening has
        # written the appearances into the first copy); their text joins the words read
        from vanban.ingest import scan

        scans = pdfium.PdfDocument(repair.data if repair is not None else data)
        try:
            images = _rasterise(scans, to_ocr, index_of, options=options, warnings=warnings)
            for ocr_page in scan.ocr_pages(images, lang=options.lang, dpi=options.dpi,
                                           timeout=options.ocr_timeout, overlays=overlays):
                if repair is not None:
                    ocr_page.warnings.insert(0, f"repaired: {repair.note}")
                pages[ocr_page.number] = ocr_page
        finally:
            scans.close()
        return [pages[n] for n in sorted(pages)], warnings
    finally:
        document.close()


def _blank(page: Page) -> bool:
    return len(page.text.replace(" ", "").replace("\n", "")) < _MIN_CHARS


@dataclass
class _TextPage(Page):
    images: int = 0
    picture: float = 0.0  # the share of the page its largest image covers, where asked
    invisible: bool = False
    own: str = ""  # the text of the page content alone, without annotations
    # the annotations' short stamps and values, and their longer boxes (`annotations.py`)
    overlay: list[layout.Line] = field(default_factory=list)
    boxes: list[layout.Line] = field(default_factory=list)


def _open(data: bytes, *, name: str) -> tuple[pdfium.PdfDocument, _Repair | None]:
    """The document, and what was repaired when the file was damaged."""
    try:
        document = pdfium.PdfDocument(data)  # no password means pdfium tries the empty one
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD and b"/Encrypt" not in data:
            # pdfium says "password" for a document whose page tree is empty; a damaged
            # file may have lost its page tree, and a repair may find the pages
            fixed = _repair(data, reason="page tree missing")
            if fixed is None or not fixed.numbers:
                raise CorruptFileError(f"{name}: PDF has no pages") from None
            return _open_repaired(fixed, name=name), fixed
        if code == raw.FPDF_ERR_PASSWORD:
            raise EncryptedPdfError(f"{name}: PDF is encrypted and needs a password") from None
        if code == raw.FPDF_ERR_SECURITY:
            raise EncryptedPdfError(f"{name}: PDF uses an unsupported security handler") from None
        fixed = _repair(data, reason=_reason(error))
        if fixed is None:
            raise CorruptFileError(f"{name}: not a readable PDF ({_reason(error)})") from None
        return _open_repaired(fixed, name=name), fixed
    if raw.FPDF_DocumentHasValidCrossReferenceTable(document.raw):
        return document, None
    # pdfium rebuilt the cross-reference table itself, quietly: damage may be hidden
    fixed = _repair(data, reason="cross-reference table damaged")
    if fixed is None:
        return document, _Repair(data=data, reason="cross-reference table damaged",
                                       note="xref reconstructed", numbers=[])
    document.close()
    return _open_repaired(fixed, name=name), fixed


def _open_repaired(fixed: _Repair, *, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(fixed.data)
    except pdfium.PdfiumError as error:
        raise CorruptFileError(f"{name}: not a readable PDF ({fixed.reason}; repair failed: "
                               f"{_reason(error)})") from None


@dataclass
class _Repair:
    """A damaged file rewritten whole by qpdf, and what could not be saved of it."""

    data: bytes
    reason: str  # what was wrong with the file
    note: str  # what the repair did, for the warnings
    numbers: list[int]  # each page's number in the file as it was meant to be
    damaged: dict[int, str] = field(default_factory=dict)  # index in `data` -> what is lost
    lost: dict[int, str] = field(default_factory=dict)  # page number -> why it is gone


_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
_NOT_OWN = {"/Parent", "/P", "/Dest", "/A", "/B", "/StructParents", "/Annots"}
_OBJECT_AT = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")


def _repair(data: bytes, *, reason: str) -> _Repair | None:
    """qpdf reads a damaged file the way pdfium will not: it rebuilds the cross-reference
    table by scanning for objects, and the page tree from the page objects if that is lost
    too. None when pikepdf is missing or nothing page-like survives."""
    try:
        import pikepdf
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    logging.getLogger("pikepdf").setLevel(logging.ERROR)  # qpdf's repair notes, one a line
    rebuilt_tree = False
    try:
        pdf = pikepdf.open(io.BytesIO(data), inherit_page_attributes=False)
    except Exception:  # qpdf gives up in many ways; all mean "cannot repair" but one
        # the page tree's root lost (a linearized file keeps it at the end): give qpdf
        # a new tree of the page objects the file still has, in file order
        patched = _with_page_tree(data)
        if patched is None:
            return None
        try:
            pdf = pikepdf.open(io.BytesIO(patched), inherit_page_attributes=False)
        except Exception:
            return None
        data, rebuilt_tree = patched, True
    try:
        fixed = _rebuild(pikepdf, pdf, data, reason)
        if fixed is not None and rebuilt_tree:
            fixed.note = "xref reconstructed, page tree rebuilt from the page objects found"
        return fixed
    except Exception:
        return None
    finally:
        pdf.close()


def _rebuild(pikepdf, pdf, data: bytes, reason: str) -> _Repair | None:
    notes = ["xref reconstructed"]
    root = pdf.Root
    tree = root.get("/Pages")
    slots: list = []
    if isinstance(tree, pikepdf.Dictionary):
        _walk_pages(pikepdf, tree, {}, slots, set())
    if not any(page is not None for page in slots):
        slots = _orphan_pages(pikepdf, pdf, data)
        if not slots:
            return None
        notes.append("page tree rebuilt from the page objects found")
    kept = [(n, page) for n, page in enumerate(slots, 1) if page is not None]
    lost = {n: "missing from the damaged file" for n, page in enumerate(slots, 1) if page is None}
    # one flat tree of the pages that are there, so page i of the output is kept[i]
    node = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Pages, Kids=pikepdf.Array([page for _, page in kept]),
        Count=len(kept),
    ))
    for _, page in kept:
        page.Parent = node
    root.Pages = node
    damaged = {}
    for index, (_, page) in enumerate(kept):
        why = _page_damage(pikepdf, page)
        if why is not None:
            damaged[index] = why
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return _Repair(data=out.getvalue(), reason=reason, note=", ".join(notes),
                   numbers=[n for n, _ in kept], damaged=damaged, lost=lost)


def _walk_pages(pikepdf, node, inherited: dict, out: list, seen: set) -> None:
    """Leaves of a page tree in order; None where a kid is missing; inherited attributes
    pushed down to the pages (the tree is flattened afterwards)."""
    inherited = {**inherited, **{k: node[k] for k in _INHERITED if k in node}}
    kids = node.get("/Kids")
    if not isinstance(kids, pikepdf.Array):
        return
    for kid in kids:
        if not isinstance(kid, pikepdf.Dictionary):
            out.append(None)
            continue
        key = kid.objgen
        if key in seen:
            continue  # a loop in a damaged tree
        seen.add(key)
        if "/Kids" in kid or kid.get("/Type") == "/Pages":
            _walk_pages(pikepdf, kid, inherited, out, seen)
            continue
        for name, value in inherited.items():
            if name not in kid:
                kid[name] = value
        out.append(kid)


def _with_page_tree(data: bytes) -> bytes | None:
    """`data` with a catalog and a page tree appended that hold every page object found."""
    starts = list(_OBJECT_AT.finditer(data))
    if not starts:
        return None
    kids = []
    for match, following in zip(starts, [*starts[1:], None], strict=True):
        body = data[match.end() : following.start() if following else len(data)]
        body = body.split(b"stream", 1)[0]
        if re.search(rb"/Type\s*/Page(?![A-Za-z])", body):
            kids.append(f"{int(match.group(1))} {int(match.group(2))} R")
    if not kids:
        return None
    top = max(int(m.group(1)) for m in starts) + 1
    tail = (f"\n{top} 0 obj\n<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>\n"
            f"endobj\n{top + 1} 0 obj\n<< /Type /Catalog /Pages {top} 0 R >>\nendobj\n"
            f"trailer\n<< /Root {top + 1} 0 R /Size {top + 2} >>\n%%EOF\n")
    return data + tail.encode()


def _orphan_pages(pikepdf, pdf, data: bytes) -> list:
    """Page objects that no tree reaches, in the order the file has them."""
    offsets = {}
    for match in _OBJECT_AT.finditer(data):
        offsets[(int(match.group(1)), int(match.group(2)))] = match.start()
    pages = [obj for obj in pdf.objects
             if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Page"]
    return sorted(pages, key=lambda obj: offsets.get(obj.objgen, len(data)))


def _page_damage(pikepdf, page) -> str | None:
    """What of the page's own objects (content, fonts, images) the damage took, if any."""
    if page.get("/Contents") is None:
        return "content missing"
    resources = page.get("/Resources")
    try:
        used = {(op, _name(operands[0] if op == "Tf" else operands[-1]))
                for operands, op in ((o, str(op)) for o, op in pikepdf.parse_content_stream(page))
                if op in ("Tf", "Do") and operands}
    except pikepdf.PdfError:
        return "content damaged"
    for op, name in sorted(used):
        kind = "/Font" if op == "Tf" else "/XObject"
        group = resources.get(kind) if isinstance(resources, pikepdf.Dictionary) else None
        if not isinstance(group, pikepdf.Dictionary) or group.get(name) is None:
            return f"{'font' if op == 'Tf' else 'image'} {name[1:]} missing"
    stack, seen = [page], set()
    while stack:
        obj = stack.pop()
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream):
            try:
                obj.read_bytes()
            except pikepdf.PdfError:
                return "stream data damaged"
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            for name, value in obj.items():
                if name in _NOT_OWN:
                    continue
                if value is None:
                    return f"{name[1:]} missing"
                if isinstance(value, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)):
                    stack.append(value)
        elif isinstance(obj, pikepdf.Array):
            stack.extend(v for v in obj
                         if isinstance(v, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)))
    return None


def _name(operand) -> str:
    try:
        return str(operand)
    except UnicodeDecodeError:  # a name of bytes that are not UTF-8: as the file spells it
        return operand.unparse().decode("latin-1")


def _reason(error: Exception) -> str:
    match = re.search(r"PDFium: ([^)]+)", str(error))
    return match.group(1).lower() if match else str(error)


def _ocr_reason(page: _TextPage, mode: str) -> str | None:
    """Why this page's text layer should not be trusted, or None to keep it. Only the
    page's own text counts: a scan whose one text is its e-signature box is a scan."""
    if mode == "always":
        return "OCR asked for"
    visible = page.own.replace(" ", "").replace("\n", "")
    if len(visible) < _MIN_CHARS:
        return "no text layer" if page.images else None  # a blank page stays blank
    soup = len(_SOUP.findall(page.own))
    if soup > 0.1 * len(visible):
        return "text layer is unreadable glyph codes"
    words, marked, invalid = syllable_counts(_sample(page.own))
    if words >= _MIN_WORDS and invalid > _MAX_INVALID * words:
        # fonts without a usable ToUnicode map ("6Ӣ CÔNG 7+ѬѪ1*"), someone else's
        # English OCR ("uY BAN NgAN nAN"): text, but not Vietnamese
        return (f"text layer is not Vietnamese text ({1 - invalid / words:.0%} of its words "
                "are syllables)")
    if page.picture >= _FRAME_PICTURE and len(page.own.split()) < _FRAME_WORDS:
        return "text layer only frames a scanned page (running head, signature)"
    if page.invisible and page.images and (marked < _OCR_LAYER_MARKED * words
                                           or invalid > _OCR_LAYER_INVALID * words):
        # someone else's OCR under a scan is trusted only if it reads as our OCR would
        return "invisible OCR text layer reads badly (few Vietnamese diacritics)"
    return None


def _sample(text: str) -> str:
    """The page's first words, as many as a judgement of its text needs (judging every
    word of a dense page costs a sixth of reading it)."""
    if len(text) <= _SAMPLE:
        return text
    cut = text.rfind(" ", 0, _SAMPLE)
    return text[: cut if cut > 0 else _SAMPLE]


def _text_page(document: pdfium.PdfDocument, index: int, page: pdfium.PdfPage, *,
               number: int) -> _TextPage:
    width, height = page.get_size()
    images, invisible, paths = _objects(page)
    textpage = page.get_textpage()
    edges = None
    try:
        lines = pdf_words.lines(textpage, height)
        # (an invisible layer is an OCR's over a scan: its boxes are the OCR's guesses)
        if not invisible and open_tables.may_hold_one(lines):
            # a table without borders is found by the strips between its columns, which
            # the words' stretched right edges narrow: its words' edges as drawn
            drawn = pdf_words.lines(textpage, height, exact=True)
            edges = {id(token): exact.x1 for line, again in zip(lines, drawn, strict=True)
                     for token, exact in zip(line.tokens, again.tokens, strict=True)}
    finally:
        textpage.close()
    paths = _without_fills(page, paths)
    warnings = []
    encodings, own = _repair_encoding(lines, text_layer=not invisible)
    if encodings:
        warnings.append(legacy.warning(encodings))
    annotated = annotations.read(document, index, page, lines)
    lines, rows = ruled_tables.tabulate_rows(annotated.lines, ruled_tables.grids(paths))
    text, spans, _ = layout.compose_spans(
        layout.boxes_first(annotated.boxes, layout.reading_order(lines, tables=edges)))
    soup_free = _SOUP.sub("", text)
    result = _TextPage(number=number, text=soup_free, method="text-layer", warnings=warnings,
                       size=(width, height), unit="pt", dpi=72)
    if soup_free == text:
        result.defer_words(spans)
        # a ruled table reaches extraction as its cells
        result.tables = [t for table in rows if (t := ruled_tables.cell_table(text, table))]
    else:
        # offsets shift when codes are dropped; the words no longer fit the text
        result.text = text
    result.images, result.invisible, result.own = images, invisible, own
    if images and not invisible and len(own.split()) < _FRAME_WORDS:
        result.picture = _largest_picture(page, width, height)
    result.overlay, result.boxes = annotated.overlay, annotated.boxes
    return result


def _repair_encoding(lines: list[layout.Line], *, text_layer: bool
                     ) -> tuple[list[str], str]:
    """Lines typed in a legacy encoding (a .VnTime font) turned into Unicode, word by
    word; the encodings found, and the lines' text as it is then (`text_layer`: the page's
    own, not an OCR's invisible layer over a scan)."""
    texts = [" ".join(t.text for t in line.tokens) for line in lines]
    text = "\n".join(texts)
    if not legacy.suspects(text, text_layer=text_layer):
        return [], text
    repaired, found = legacy.repair_lines(texts, text_layer=text_layer)
    converted = False
    for line, (_, encoding) in zip(lines, repaired, strict=True):
        if encoding is not None:
            converted = True
            for token in line.tokens:
                token.text = legacy.convert(token.text, encoding)
    if converted:
        text = "\n".join(" ".join(t.text for t in line.tokens) for line in lines)
    return found, text


def _largest_picture(page: pdfium.PdfPage, width: float, height: float) -> float:
    """The share of the page its largest image covers (within form XObjects too). Asked
    only of a page with few words of its own, so the walk over its objects is short."""
    largest = 0.0
    for image in page.get_objects(filter=(_IMAGE,), max_depth=3):
        left, bottom, right, top = image.get_bounds()
        covered = max(0.0, min(right, width) - max(left, 0.0)) * max(
            0.0, min(top, height) - max(bottom, 0.0))
        largest = max(largest, covered / (width * height))
    return largest


_TEXT, _PATH = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH
_IMAGE, _FORM = raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM


def _objects(page: pdfium.PdfPage) -> tuple[int, bool, list[ruled_tables.Box]]:
    """(image count, whether all text is drawn invisibly, as an OCR layer is, and the
    boxes of the path objects, which may draw a table's borders)."""
    images, text_objects, invisible = 0, 0, 0
    paths: list[ruled_tables.Box] = []
    height = page.get_height()
    bounds = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(b) for b in bounds]
    calls = pdfium_calls.objects()
    get_object, get_type, get_bounds, render_mode = calls
    handle = pdfium_calls.handle(page)
    count = raw.FPDFPage_CountObjects(page.raw)
    if pdfium_calls.loops is not None:  # the same loop, compiled
        images, text_objects, invisible, paths = pdfium_calls.loops.page_objects(
            *map(pdfium_calls.address, calls), handle.value, count, height, _TEXT, _PATH,
            _IMAGE, _FORM, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
        return images, bool(text_objects) and invisible == text_objects, paths
    # a page holds thousands of objects, most of them text: two calls each
    for index in range(count):
        obj = get_object(handle, index)
        kind = get_type(obj)
        if kind == _TEXT:
            if text_objects < 50:
                text_objects += 1
                if render_mode(obj) == raw.FPDF_TEXTRENDERMODE_INVISIBLE:
                    invisible += 1
        elif kind == _PATH:
            if get_bounds(obj, *refs):
                left, bottom, right, top = (b.value for b in bounds)
                paths.append((left, height - top, right, height - bottom))
        elif kind == _IMAGE:
            images += 1
        elif kind == _FORM:
            images += 1  # a form XObject may hold the scan; OCR must not be ruled out
    return images, bool(text_objects) and invisible == text_objects, paths


def _without_fills(page: pdfium.PdfPage, paths: list[ruled_tables.Box]
                   ) -> list[ruled_tables.Box]:
    """The page's path boxes less the rectangles that are only filled, never outlined: a
    shaded paragraph's lines (Word fills each line's box), a highlighted word, a cell's
    background. A table drawn as rectangles outlines them (a border is a thin path, which
    stays), so a fill alone draws no border; read as cells, a bordered paragraph's shaded
    lines made a table of the whole letter. Asked only of a page that has such boxes."""
    if not any(ruled_tables.is_rectangle(box) for box in paths):
        return paths
    filled = set()
    height = page.get_height()
    bounds = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(b) for b in bounds]
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, index)
        if raw.FPDFPageObj_GetType(obj) != _PATH or not raw.FPDFPageObj_GetBounds(obj, *refs):
            continue
        if raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) and (
                fill.value and not stroke.value):
            left, bottom, right, top = (b.value for b in bounds)
            filled.add(_box_key((left, height - top, right, height - bottom)))
    return [box for box in paths
            if not (ruled_tables.is_rectangle(box) and _box_key(box) in filled)]


def _box_key(box: ruled_tables.Box) -> tuple[float, ...]:
    return tuple(round(v, 1) for v in box)


def _rasterise(
    document: pdfium.PdfDocument, numbers: list[int], index_of: dict[int, int], *,
    options: PdfOptions, warnings: list[str],
) -> Iterator[tuple[int, Image.Image]]:
    """Page images on demand, on the calling thread: pdfium is not thread-safe."""
    from vanban.ingest import ink
    from vanban.ingest.page_image import embedded_scan

    for number in numbers:
        try:
            page = document[index_of[number]]
        except pdfium.PdfiumError as error:
            warnings.append(f"page {number}: cannot be rendered ({error}); skipped")
            continue
        try:
            width, height = page.get_size()
            dpi = options.dpi
            pixels = width * height * (dpi / 72) ** 2
            if pixels > options.max_pixels:
                dpi = int(dpi * (options.max_pixels / pixels) ** 0.5)
                warnings.append(f"page {number}: too large for {options.dpi} dpi; OCR at {dpi}")
            if dpi < 50:
                raise TooLargeError(f"page {number}: {width:.0f}x{height:.0f} pt is too large")
            # a scanner's page is its image: decode it rather than draw the page again
            scanned = embedded_scan(page, dpi=dpi)
            if scanned is not None:
                image = ink.gray(scanned)  # its red seal taken out, if it has one
                image.info["dpi"] = scanned.info.get("dpi", (dpi, dpi))
            else:
                bitmap = page.render(scale=dpi / 72, grayscale=True, draw_annots=False)
                image = bitmap.to_pil().convert("L")
                # a glance in colour at 36 dpi says whether there is red ink to take out
                glance = page.render(scale=0.5, draw_annots=False).to_pil()
                if ink.has_red(glance):
                    colour = page.render(scale=dpi / 72, draw_annots=False).to_pil()
                    image = ink.gray(colour, plain=image)
                image.info["dpi"] = (dpi, dpi)
        except pdfium.PdfiumError as error:
            warnings.append(f"page {number}: cannot be rendered ({error}); skipped")
            continue
        finally:
            page.close()
        yield number, image
