"""Test fixtures made on the fly: directives rendered the way an office prints and scans them.

A công văn is laid out as Nghị định 30 asks: the issuing body on the left and the
national motto on the right of a two-column header, the number and "V/v" under the
left column, place and date under the right, the body justified, "Nơi nhận" bottom
left beside the signer bottom right. Text is set in Liberation Serif, metric-compatible
with Times New Roman. Scans are made by rasterising that PDF and degrading the image.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image, ImageDraw, ImageFilter

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
SHARED = Path(__file__).resolve().parents[2] / "shared"

SAMPLE = """**ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI**

**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc**

Số: 1288/UBND-KTTH
V/v tăng cường phòng, chống
dịch bệnh trên gia súc

Quảng Ngãi, ngày 12 tháng 3 năm 2024

Kính gửi:

- Sở Nông nghiệp và Phát triển nông thôn;
- Ủy ban nhân dân các huyện, thị xã, thành phố.

Để chủ động phòng, chống dịch bệnh trên đàn gia súc, Chủ tịch UBND tỉnh yêu cầu Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với các cơ quan liên quan tổ chức tiêm phòng đợt 1, báo cáo kết quả về UBND tỉnh trước ngày 30/4/2024.

Nơi nhận:

- Như trên;
- Lưu: VT, KTTH.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Phước Hiền"""


@dataclass
class Directive:
    """A directive's text split into the parts that sit in different places on the page."""

    header_left: list[str] = field(default_factory=list)
    header_right: list[str] = field(default_factory=list)
    number_left: list[str] = field(default_factory=list)
    date_right: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # paragraphs; "- " items stay separate
    recipients: list[str] = field(default_factory=list)
    signer: list[str] = field(default_factory=list)


def strip_markup(text: str) -> str:
    """The seeds' Markdown (bold, italics, superscript) reduced to the words a page shows."""
    text = re.sub(r"\^\{([^}]*)\}", r"\1", text)
    return text.replace("**", "").replace("*", "")


def reference_text(text: str) -> str:
    """What OCR should give back, for comparison: no markup, NFC, whitespace collapsed."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", strip_markup(text)).split())


def parse(text: str) -> Directive:
    paragraphs = [p.strip() for p in strip_markup(text).split("\n\n") if p.strip()]
    d = Directive()
    while paragraphs:
        p = paragraphs[0]
        if p.startswith("Số") or p.startswith("V/v"):
            d.number_left = p.splitlines()
        elif re.search(r", ngày\b", p) and len(p) < 80:
            d.date_right = p.splitlines()
        elif "CỘNG HÒA" in p:
            d.header_right = p.splitlines()
        elif p.isupper() or (not d.header_left and p.splitlines()[0].isupper()):
            d.header_left = p.splitlines()
        else:
            break
        paragraphs.pop(0)
    if "Nơi nhận:" in paragraphs:
        at = paragraphs.index("Nơi nhận:")
        tail = paragraphs[at:]
        d.body = paragraphs[:at]
        items = [p for p in tail if p.startswith("- ")]
        last = tail.index(items[-1]) if items else 0
        d.recipients = [line for p in tail[: last + 1] for line in p.splitlines()]
        d.signer = [line for p in tail[last + 1 :] for line in [*p.splitlines(), ""]][:-1]
    else:
        d.body = paragraphs
    return d


def render_pdf(
    text: str,
    path: Path,
    *,
    font_size: float = 13,
    annotations: list[tuple[str, tuple[float, float]]] = (),
    form_fields: list[tuple[str, str, tuple[float, float, float, float]]] = (),
) -> Path:
    """A text-layer PDF of a directive; annotations are (text, (x_mm, y_mm)) on page 1."""
    d = parse(text)
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(30, 20, 15)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("serif", "", str(FONT_DIR / "LiberationSerif-Regular.ttf"))
    pdf.add_font("serif", "B", str(FONT_DIR / "LiberationSerif-Bold.ttf"))
    pdf.add_page()
    line = font_size * 0.45
    left_w, right_w, gap = 65, 100, 0
    top = pdf.get_y()

    def column(lines: list[str], x: float, y: float, w: float, style: str = "") -> float:
        pdf.set_font("serif", style, font_size)
        pdf.set_xy(x, y)
        for item in lines:
            pdf.set_x(x)
            pdf.multi_cell(w, line, item, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return pdf.get_y()

    if d.header_left or d.header_right:
        y1 = column(d.header_left, 30, top, left_w, "B")
        y2 = column(d.header_right, 30 + left_w + gap, top, right_w, "B")
        top = max(y1, y2) + 3
    if d.number_left or d.date_right:
        y1 = column(d.number_left, 30, top, left_w)
        y2 = column(d.date_right, 30 + left_w + gap, top, right_w)
        top = max(y1, y2) + 4
    pdf.set_font("serif", "", font_size)
    pdf.set_xy(30, top)
    for paragraph in d.body:
        for item in paragraph.splitlines():
            pdf.multi_cell(
                0, line, item, align="J" if len(item) > 90 else "L",
                new_x=XPos.LMARGIN, new_y=YPos.NEXT,
            )
        pdf.ln(2)
    if d.recipients or d.signer:
        needed = max(len(d.recipients) * line * 0.9, len(d.signer) * line) + 6
        if pdf.get_y() + needed > pdf.h - 20:
            pdf.add_page()
        top = pdf.get_y() + 4
        pdf.set_font("serif", "", font_size - 2)
        pdf.set_xy(30, top)
        for item in d.recipients:
            pdf.set_x(30)
            pdf.multi_cell(80, line * 0.9, item, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        column(d.signer, 115, top, 80, "B")
    if annotations or form_fields:
        pdf.page = 1
        for content, (x, y) in annotations:
            pdf.free_text_annotation(content, x=x, y=y, w=60, h=8)
        for name, value, (x, y, w, h) in form_fields:
            _add_text_field(pdf, name=name, value=value, rect=(x, y, w, h))
    pdf.output(str(path))
    return path


def _add_text_field(pdf: FPDF, *, name: str, value: str, rect: tuple) -> None:
    """A filled-in AcroForm text field, as signing software stamps a number into a PDF."""
    from fpdf.annotations import AnnotationDict

    x, y, w, h = rect
    annot = AnnotationDict("Widget", x * pdf.k, pdf.h_pt - y * pdf.k, w * pdf.k, h * pdf.k)
    annot.field_type = None
    annot.f_t = "/Tx"
    annot.t = f"({name})"
    annot.v = f"({value})"  # ASCII values only: enough for a stamped number
    pdf.pages[pdf.page].annots.append(annot)


def table_pdf(intro: str, rows: list[tuple[str, ...]], path: Path, *, rules: bool = False,
              shading: bool = False, centred: bool = False, borders: bool = True) -> Path:
    """A text-layer PDF of a paragraph and a bordered table whose cells wrap, as a word
    processor exports a plan's annex: cells drawn as rectangles (fpdf2's tables), or,
    with `rules`, the grid drawn as lines and the text set in it cell by cell; with
    `shading` too, each line of a cell's text on a filled box of its own, as Word draws a
    shaded paragraph; with `centred`, every cell set in the middle of its row's height and
    all but the task's (the second column's) in the middle of its width, the header's too;
    without `borders`, the rules' table with none drawn (borders hidden)."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(20, 20, 15)
    pdf.add_font("serif", "", str(FONT_DIR / "LiberationSerif-Regular.ttf"))
    pdf.add_font("serif", "B", str(FONT_DIR / "LiberationSerif-Bold.ttf"))
    pdf.add_page()
    pdf.set_font("serif", "", 12)
    pdf.multi_cell(0, 6, intro, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    widths = (10, 60, 35, 35, 30)
    if not rules:
        with pdf.table(col_widths=widths, text_align="LEFT") as table:
            for cells in rows:
                row = table.row()
                for cell in cells:
                    row.cell(cell)
    else:
        top = pdf.get_y() + 2
        xs = [20.0]
        for width in widths:
            xs.append(xs[-1] + width)
        y = top
        for r, cells in enumerate(rows):
            bottom = y
            if centred:
                wrapped = [pdf.multi_cell(w - 2, 5, c, dry_run=True, output="LINES")
                           for w, c in zip(widths, cells, strict=False)]
                height = 5 * max(len(lines) for lines in wrapped) + 2
                for c, (x, width, lines) in enumerate(zip(xs, widths, wrapped, strict=False)):
                    pdf.set_xy(x + 1, y + (height - 5 * len(lines)) / 2)
                    for text in lines:
                        pdf.cell(width - 2, 5, text, align="L" if c == 1 and r else "C",
                                 new_x=XPos.LEFT, new_y=YPos.NEXT)
                if borders:
                    pdf.line(xs[0], y, xs[-1], y)
                y += height
                continue
            for x, width, cell in zip(xs, widths, cells, strict=False):
                if shading:  # from the rule down, a filled box a line, touching the rules
                    pdf.set_fill_color(255, 255, 255)
                    pdf.set_xy(x + 1, y)
                    for text in pdf.multi_cell(width - 2, 5, cell, dry_run=True, output="LINES"):
                        pdf.cell(width - 2, 5, text, fill=True, new_x=XPos.LEFT, new_y=YPos.NEXT)
                    bottom = max(bottom, pdf.get_y())
                    continue
                pdf.set_xy(x + 1, y + 1)
                pdf.multi_cell(width - 2, 5, cell, new_x=XPos.LEFT, new_y=YPos.NEXT)
                bottom = max(bottom, pdf.get_y() + 1)
            if borders:
                pdf.line(xs[0], y, xs[-1], y)
            y = bottom
        if borders:
            pdf.line(xs[0], y, xs[-1], y)
            for x in xs:
                pdf.line(x, top, x, y)
        pdf.set_xy(20, y + 4)
    pdf.output(str(path))
    return path


def shaded_pages_pdf(pages: list[list[str]], path: Path) -> Path:
    """A text-layer PDF whose paragraphs stand in a bordered box (a rule left and right of
    each line, as Word draws a paragraph's borders) with every line shaded by a filled box
    of its own and a word highlighted here and there, page after page; each page after the
    first opens with its number alone on a line. Paragraphs wrap and are justified, so a
    sentence may run on over the page break."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(30, 20, 15)
    pdf.set_auto_page_break(False)
    pdf.add_font("serif", "", str(FONT_DIR / "LiberationSerif-Regular.ttf"))
    for number, paragraphs in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font("serif", "", 13)
        if number > 1:
            pdf.cell(0, 6, str(number), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(4)
        for paragraph in paragraphs:
            lines = pdf.multi_cell(165, 6, paragraph, dry_run=True, output="LINES")
            for k, text in enumerate(lines):
                y = pdf.get_y()
                pdf.set_fill_color(235, 235, 235)
                pdf.rect(30, y, 165, 6, style="F")
                if k % 2:  # a highlighted word
                    pdf.set_fill_color(255, 255, 0)
                    pdf.rect(30 + 20 * (k % 5), y + 0.5, 18, 5, style="F")
                pdf.line(29, y, 29, y + 6)
                pdf.line(196, y, 196, y + 6)
                last = k == len(lines) - 1
                pdf.multi_cell(165, 6, text, align="L" if last else "J",
                               new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.output(str(path))
    return path


def rasterise(pdf_path: Path, *, dpi: int = 300) -> list[Image.Image]:
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        return [
            page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            for page in document
        ]
    finally:
        document.close()


def degrade(
    image: Image.Image,
    *,
    tilt: float = 0.0,
    rotate: int = 0,
    down_dpi: int | None = None,
    dpi: int = 300,
    noise: float = 0.0,
    blur: float = 0.0,
    jpeg: int | None = None,
    shade: float = 0.0,
    seed: int = 5,
) -> Image.Image:
    """What a cheap office scanner does to a page: tilt, resample, noise, blur, JPEG; and
    a phone's photo: `shade`, the share of the light lost at the bottom left corner."""
    image = image.convert("L")
    if shade:
        pixels = np.asarray(image, np.float32)
        height, width = pixels.shape
        rows, cols = np.mgrid[0:height, 0:width]
        light = 1 - shade * (1 - 0.6 * cols / width - 0.4 * (1 - rows / height))
        image = Image.fromarray(np.clip(pixels * light, 0, 255).astype(np.uint8))
    if tilt:
        image = image.rotate(tilt, resample=Image.BICUBIC, expand=True, fillcolor=255)
    if down_dpi:
        size = image.size
        small = (round(size[0] * down_dpi / dpi), round(size[1] * down_dpi / dpi))
        image = image.resize(small, Image.LANCZOS).resize(size, Image.BICUBIC)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        rng = np.random.default_rng(seed)
        pixels = np.asarray(image, dtype=np.float32) + rng.normal(0, noise, image.size[::-1])
        image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    if jpeg:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=jpeg)
        image = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    if rotate:
        image = image.rotate(rotate, expand=True)
    return image


def text_box(pdf_path: Path, text: str, *, dpi: int = 300) -> tuple[float, float, float, float]:
    """Where `text` is drawn on page 1, in pixels of the page rasterised at `dpi`."""
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        page = document[0]
        textpage = page.get_textpage()
        found = textpage.search(text).get_next()
        assert found, f"{text!r} is not on the page"
        textpage.count_rects(*found)
        x0, y0, x1, y1 = textpage.get_rect(0)
        height, scale = page.get_height(), dpi / 72
        return x0 * scale, (height - y1) * scale, x1 * scale, (height - y0) * scale
    finally:
        document.close()


def press_seal(image: Image.Image, name: tuple[float, float, float, float], *,
               ink: int = 110) -> Image.Image:
    """A signed copy: a round seal pressed left of and above the signer's `name` (over
    the title's start and the name's first word, as a clerk presses it) and a signature
    stroked across the name, in the grey a red or blue ink becomes on a grey scan."""
    image = image.copy()
    draw = ImageDraw.Draw(image)
    cx, cy, r = name[0] + 10, name[1] - 70, 200
    for k in range(14):  # the rim
        draw.ellipse((cx - r + k, cy - r + k, cx + r - k, cy + r - k), outline=ink)
    for k in range(3):  # the inner ring
        draw.ellipse((cx - r + 60 + k, cy - r + 60 + k, cx + r - 60 - k, cy + r - 60 - k),
                     outline=ink)
    for degrees in range(0, 360, 12):  # the lettering round the rim
        turn = math.radians(degrees)
        draw.text((cx + (r - 35) * math.cos(turn), cy + (r - 35) * math.sin(turn)), "A",
                  fill=ink)
    draw.regular_polygon((cx, cy, 40), 5, fill=ink)  # the emblem's star
    draw.line((name[0] + 100, name[1] - 10, name[2] + 60, name[1] - 90), fill=ink, width=5)
    return image


HARD = {"tilt": 1.5, "down_dpi": 150, "noise": 25, "blur": 1.6, "jpeg": 40}
SCAN = {"tilt": 0.8, "noise": 12, "jpeg": 60}
PHOTO = {"shade": 0.55, "tilt": 0.5, "noise": 8, "jpeg": 70}


def images_to_pdf(images: list[Image.Image], path: Path, *, dpi: int = 300) -> Path:
    """A scanned PDF: one image per page, no text layer."""
    first, *rest = [im.convert("L") for im in images]
    first.save(path, "PDF", resolution=dpi, save_all=True, append_images=rest)
    return path


def mixed_pdf(text_page: str, scanned: Image.Image, path: Path, *, dpi: int = 300) -> Path:
    """Page 1 has a text layer, page 2 is only an image (a signed page scanned back in)."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("serif", "", str(FONT_DIR / "LiberationSerif-Regular.ttf"))
    pdf.add_page()
    pdf.set_font("serif", "", 13)
    pdf.multi_cell(0, 6, text_page, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.add_page()
    buffer = io.BytesIO()
    scanned.save(buffer, "PNG")
    pdf.image(buffer, x=0, y=0, w=210, h=297)
    pdf.output(str(path))
    return path


def gazette_pdf(scanned: Image.Image, head: str, path: Path, *, share: float = 0.7) -> Path:
    """A page as the Official Gazette republishes a scanned text: its running head typed
    at the top, the scan as an image below it over `share` of the page's height."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("serif", "", str(FONT_DIR / "LiberationSerif-Regular.ttf"))
    pdf.add_page()
    pdf.set_font("serif", "", 13)
    pdf.cell(0, 8, head)
    buffer = io.BytesIO()
    scanned.save(buffer, "PNG")
    height = 297 * share
    pdf.image(buffer, x=10, y=20, w=height * scanned.width / scanned.height, h=height)
    pdf.output(str(path))
    return path


def seed_text(prefix: str) -> str | None:
    """A seed directive's text from the shared folder, or None where it is not checked out."""
    matches = sorted((SHARED / "seeds").glob(f"{prefix}_*.txt"))
    return matches[0].read_text(encoding="utf-8") if matches else None


def cer(got: str, want: str) -> float:
    """Character error rate of `got` against `want`, both NFC and whitespace-collapsed."""
    from rapidfuzz.distance import Levenshtein

    got, want = reference_text(got), reference_text(want)
    return Levenshtein.distance(got, want) / max(len(want), 1)


def paged_pdf(texts: list[str], path: Path) -> Path:
    """A text-layer PDF with one text a page, saved linearized: page 1 and its fonts first,
    then each further page's own objects in page order (as "fast web view" exports are)."""
    import pikepdf

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("serif", "", str(FONT_DIR / "LiberationSerif-Regular.ttf"))
    pdf.set_font("serif", "", 13)
    for text in texts:
        pdf.add_page()
        pdf.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    with pikepdf.open(io.BytesIO(bytes(pdf.output()))) as document:
        document.save(path, linearize=True,
                      object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return path


def content_offset(path: Path, page: int) -> int:
    """Where the content stream of a page (1-based) starts in the file."""
    import pikepdf

    with pikepdf.open(path) as document:
        number = document.pages[page - 1].obj.Contents.objgen[0]
    return re.search(rb"\n%d 0 obj" % number, path.read_bytes()).start()
