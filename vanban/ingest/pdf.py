"""PDF pages to `Page`s: the text layer where it is real text, OCR where it is not.

pypdfium2 does the reading: its text API is about a hundred times faster than
pdfminer's layout analysis, and it gives each character's box, from which word
boxes and lines come. A page's text layer is trusted unless it is empty, a glyph
soup (private-use characters, "(cid:NN)", U+FFFD), or an invisible OCR layer over
a scan that reads badly (a Vietnamese text layer without diacritics, say). Text in
annotations and filled form fields (the number and date that signing software
stamps on an e-signed directive) is laid out with the page's own words.
"""

from __future__ import annotations

import contextlib
import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from PIL import Image

from vanban.errors import CorruptFileError, EncryptedPdfError, TooLargeError
from vanban.ingest import layout, scan
from vanban.ingest.document import Page

_SOUP = re.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f]|\(cid:\d+\)")
_VIETNAMESE = re.compile(r"[à-ỹÀ-Ỹđ]", re.IGNORECASE)
_MIN_CHARS = 20
_SKIPPED_ANNOTATIONS = {raw.FPDF_ANNOT_LINK, raw.FPDF_ANNOT_POPUP}


@dataclass(frozen=True)
class PdfOptions:
    ocr: str  # "auto" | "always" | "never"
    lang: str
    dpi: int
    ocr_timeout: float
    max_pages: int
    max_pixels: int


def read_pdf(data: bytes, *, name: str, options: PdfOptions) -> tuple[list[Page], list[str]]:
    """Pages in order and document-level warnings; raises only when nothing can be read."""
    document = _open(data, name=name)
    try:
        count = len(document)
        if count == 0:
            raise CorruptFileError(f"{name}: PDF has no pages")
        if count > options.max_pages:
            raise TooLargeError(f"{name}: {count} pages, over the limit of {options.max_pages}")
        with contextlib.suppress(pdfium.PdfiumError):
            document.init_forms()  # form-field values are only readable with forms loaded
        pages: dict[int, Page] = {}
        to_ocr: list[int] = []
        warnings: list[str] = []
        for number in range(1, count + 1):
            try:
                page = document[number - 1]
            except pdfium.PdfiumError as error:
                warnings.append(f"page {number}: cannot be read ({error}); skipped")
                continue
            try:
                result = _text_page(page, number=number)
            finally:
                page.close()
            reason = _ocr_reason(result, options.ocr)
            if reason is None:
                pages[number] = result
            elif options.ocr == "never":
                result.warnings.append(f"{reason}; OCR disabled, text layer kept")
                pages[number] = result
            else:
                to_ocr.append(number)
                if options.ocr != "always":
                    warnings.append(f"page {number}: {reason}; read by OCR")
        if not pages and not to_ocr:
            raise CorruptFileError(f"{name}: no page of the PDF could be read")
        images = _rasterise(document, to_ocr, options=options, warnings=warnings)
        for ocr_page in scan.ocr_pages(images, lang=options.lang, dpi=options.dpi,
                                       timeout=options.ocr_timeout):
            pages[ocr_page.number] = ocr_page
        return [pages[n] for n in sorted(pages)], warnings
    finally:
        document.close()


@dataclass
class _TextPage(Page):
    images: int = 0
    invisible: bool = False


def _open(data: bytes, *, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)  # no password means pdfium tries the empty one
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD and b"/Encrypt" not in data:
            # pdfium says "password" for a document whose page tree is empty
            raise CorruptFileError(f"{name}: PDF has no pages") from None
        if code == raw.FPDF_ERR_PASSWORD:
            raise EncryptedPdfError(f"{name}: PDF is encrypted and needs a password") from None
        if code == raw.FPDF_ERR_SECURITY:
            raise EncryptedPdfError(f"{name}: PDF uses an unsupported security handler") from None
        raise CorruptFileError(f"{name}: not a readable PDF ({_reason(error)})") from None


def _reason(error: Exception) -> str:
    match = re.search(r"PDFium: ([^)]+)", str(error))
    return match.group(1).lower() if match else str(error)


def _ocr_reason(page: _TextPage, mode: str) -> str | None:
    """Why this page's text layer should not be trusted, or None to keep it."""
    if mode == "always":
        return "OCR asked for"
    visible = page.text.replace(" ", "").replace("\n", "")
    if len(visible) < _MIN_CHARS:
        return "no text layer" if page.images else None  # a blank page stays blank
    soup = len(_SOUP.findall(page.text))
    if soup > 0.1 * len(visible):
        return "text layer is unreadable glyph codes"
    if page.invisible and page.images:
        letters = [w for w in page.text.split() if w.isalpha()]
        marked = sum(1 for w in letters if _VIETNAMESE.search(w))
        if letters and marked < 0.25 * len(letters):
            return "invisible OCR text layer reads badly (no Vietnamese diacritics)"
    return None


def _text_page(page: pdfium.PdfPage, *, number: int) -> _TextPage:
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        lines = _lines(textpage, height)
    finally:
        textpage.close()
    lines.extend(_annotation_lines(page, height))
    text, words = layout.compose(layout.reading_order(lines))
    images, invisible = _objects(page)
    soup_free = _SOUP.sub("", text)
    result = _TextPage(number=number, text=soup_free, method="text-layer", words=words)
    if soup_free != text:
        # offsets shift when codes are dropped; the words no longer fit the text
        result.words = []
        result.text = text
    result.images, result.invisible = images, invisible
    return result


def _lines(textpage: pdfium.PdfTextPage, height: float) -> list[layout.Line]:
    """Words with boxes, in the order of the page's text."""
    text = textpage.get_text_range()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = [ctypes.byref(v) for v in (left, right, bottom, top)]
    handle = textpage.raw
    charbox = raw.FPDFText_GetCharBox

    def box(index: int) -> tuple[float, float, float, float]:
        charbox(handle, index, *refs)
        return left.value, height - top.value, right.value, height - bottom.value

    lines: list[layout.Line] = []
    for match in re.finditer(r"[^\r\n]+", text):
        words = list(re.finditer(r"\S+", match.group()))
        if not words:
            continue
        # one box per word (its first letter) and the line's last letter: each box is a
        # foreign call, and two per word cost more than the rest of the page's reading
        base = match.start()
        starts = [box(base + w.start()) for w in words]
        last = box(base + words[-1].end() - 1)
        span = max(last[2] - starts[0][0], 1.0)
        width = span / max(words[-1].end() - words[0].start(), 1)
        tokens = []
        for index, (word, first) in enumerate(zip(words, starts, strict=True)):
            if index + 1 < len(words):
                # generous: capitals run wider than the line's mean letter, and a false gap
                # would split a line into columns
                x1 = min(starts[index + 1][0] - width, first[0] + 1.6 * width * len(word.group()))
            else:
                x1 = last[2]
            tokens.append(layout.Token(word.group(), first[0], first[1], max(x1, first[0]),
                                       first[3]))
        lines.append(layout.Line(tokens))
    return lines


def _annotation_lines(page: pdfium.PdfPage, height: float) -> list[layout.Line]:
    """Text that sits in annotations and form fields rather than in the page content."""
    lines = []
    count = raw.FPDFPage_GetAnnotCount(page.raw)
    formenv = page.pdf.formenv.raw if page.pdf.formenv is not None else None
    for index in range(count):
        annot = raw.FPDFPage_GetAnnot(page.raw, index)
        if not annot:
            continue
        try:
            subtype = raw.FPDFAnnot_GetSubtype(annot)
            if subtype in _SKIPPED_ANNOTATIONS:
                continue
            value = ""
            if subtype == raw.FPDF_ANNOT_WIDGET:
                if formenv is not None:
                    value = _utf16(lambda buf, n, a=annot: raw.FPDFAnnot_GetFormFieldValue(
                        formenv, a, buf, n))
                # a field outside the document's AcroForm: its value is still in /V
                value = value or _utf16(lambda buf, n, a=annot: raw.FPDFAnnot_GetStringValue(
                    a, b"V", buf, n))
            else:
                value = _utf16(lambda buf, n, a=annot: raw.FPDFAnnot_GetStringValue(
                    a, b"Contents", buf, n))
            value = " ".join(value.split())
            if not value:
                continue
            rect = raw.FS_RECTF()
            if not raw.FPDFAnnot_GetRect(annot, rect):
                continue
            x0, x1 = sorted((rect.left, rect.right))
            y0, y1 = sorted((height - rect.top, height - rect.bottom))
            tokens = value.split(" ")
            step = (x1 - x0) / max(len(value), 1)
            placed, cursor = [], x0
            for token in tokens:
                width = step * len(token)
                placed.append(layout.Token(token, cursor, y0, cursor + width, y1))
                cursor += width + step
            lines.append(layout.Line(placed))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return lines


def _utf16(call) -> str:
    size = call(None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    call(ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), size)
    return buffer.raw[: size - 2].decode("utf-16-le", errors="replace")


def _objects(page: pdfium.PdfPage) -> tuple[int, bool]:
    """(image count, whether all text is drawn invisibly, as an OCR layer is)."""
    images, text_objects, invisible = 0, 0, 0
    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, index)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == raw.FPDF_PAGEOBJ_TEXT and text_objects < 50:
            text_objects += 1
            if raw.FPDFTextObj_GetTextRenderMode(obj) == raw.FPDF_TEXTRENDERMODE_INVISIBLE:
                invisible += 1
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            images += 1  # a form XObject may hold the scan; OCR must not be ruled out
    return images, bool(text_objects) and invisible == text_objects


def _rasterise(
    document: pdfium.PdfDocument, numbers: list[int], *, options: PdfOptions, warnings: list[str]
) -> Iterator[tuple[int, Image.Image]]:
    """Page images on demand, on the calling thread: pdfium is not thread-safe."""
    for number in numbers:
        try:
            page = document[number - 1]
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
            bitmap = page.render(scale=dpi / 72, grayscale=True, may_draw_forms=True)
            image = bitmap.to_pil().convert("L")
            image.info["dpi"] = (dpi, dpi)
        except pdfium.PdfiumError as error:
            warnings.append(f"page {number}: cannot be rendered ({error}); skipped")
            continue
        finally:
            page.close()
        yield number, image
