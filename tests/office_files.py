"""Fixtures for files as offices send them, made on the fly from rendered directives:
e-signed PDFs whose number and date are stamped as signature-field appearances, PDFs
whose fonts map glyphs to the wrong letters, scans under someone else's OCR layer, and
text typed in the legacy TCVN3 encoding."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import render
from fpdf import FPDF
from PIL import Image

LEGACY = Path(__file__).resolve().parents[1] / "vanban" / "data" / "legacy_encodings.json"


def word_box(path: Path, word: str, *, occurrence: int = 0) -> tuple[float, float, float]:
    """(left, right, baseline) in PDF points of a word on page 1."""
    document = pdfium.PdfDocument(str(path))
    try:
        textpage = document[0].get_textpage()
        text = textpage.get_text_range()
        starts = [m.start() for m in re.finditer(re.escape(word), text)]
        start = starts[occurrence]
        left, bottom, _, _ = textpage.get_charbox(start)
        _, _, right, _ = textpage.get_charbox(start + len(word) - 1)
        return left, right, bottom
    finally:
        document.close()


def stamp_signature_fields(path: Path, stamps: list[tuple[str, float, float]]) -> Path:
    """Add to page 1 one signature field per (text, left, baseline) whose appearance
    draws the text, as the state's signing service does: the widget's /AP /N form draws a
    form /FRM, which draws an empty /n0 and the text form /n2. A text of several lines
    is a signature box, its first line's baseline at `baseline`."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        font = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name("/Times-Roman"), Encoding=pikepdf.Name.WinAnsiEncoding))
        fields = []
        for n, (text, left, baseline) in enumerate(stamps, 1):
            rows = text.split("\n")
            if len(rows) > 1:  # a signature box: lines of 9-point text
                width, height = 5.0 * max(len(r) for r in rows), 11.0 * len(rows) + 4
            else:
                width, height = 7.0 * len(text) + 2, 16.0
            box = [0, 0, width, height]

            def form(content: bytes, resources: dict, bbox=box) -> pikepdf.Stream:
                stream = pikepdf.Stream(pdf, content)
                stream.Type, stream.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
                stream.BBox = pikepdf.Array(bbox)
                stream.Resources = pikepdf.Dictionary(resources)
                return pdf.make_indirect(stream)

            shown = " ".join(f"({row}) Tj 0 -11 Td" for row in rows)
            top = height - 11 if len(rows) > 1 else 4
            size = 9 if len(rows) > 1 else 13
            n2 = form(f"BT /F1 {size} Tf 1 {top} Td {shown} ET".encode(),
                      {"/Font": {"/F1": font}})
            n0 = form(b"% DSBlank\n", {}, [0, 0, 100, 100])
            frm = form(b"q 1 0 0 1 0 0 cm /n0 Do Q\nq 1 0 0 1 0 0 cm /n2 Do Q\n",
                       {"/XObject": {"/n0": n0, "/n2": n2}})
            normal = form(b"q 1 0 0 1 0 0 cm /FRM Do Q\n", {"/XObject": {"/FRM": frm}})
            bottom = baseline - 4 if len(rows) == 1 else baseline + 11 - height
            widget = pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Sig,
                T=pikepdf.String(f"Signature{n}"), F=132, P=page.obj,
                Rect=pikepdf.Array([left, bottom, left + width, bottom + height]),
                AP=pikepdf.Dictionary(N=normal)))
            fields.append(widget)
        if "/Annots" not in page.obj:
            page.obj.Annots = pdf.make_indirect(pikepdf.Array())
        for widget in fields:
            page.obj.Annots.append(widget)
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(fields), SigFlags=3)
        pdf.save(path)
    return path


def shift_tounicode(path: Path, shift: int = -29) -> Path:
    """Every font's ToUnicode map pointed `shift` code points off, as a PDF printed
    through Ghostscript from fonts without a usable map reads ("7KӵF KLӋQ" for "Thực
    hiện"): a text layer that is neither empty nor private-use, and wrong."""
    def shifted(match: re.Match[bytes]) -> bytes:
        code = int(match.group(2), 16) + shift
        return match.group(1) + b"<%04X>" % max(code, 0x21)

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/ToUnicode" in obj:
                cmap = obj.ToUnicode
                data = cmap.read_bytes()
                data = re.sub(rb"(<[0-9A-Fa-f]+>\s*)<([0-9A-Fa-f]{4})>", shifted, data)
                cmap.write(data)
        pdf.save(path)
    return path


def tounicode_letter(path: Path, real: str, shown: str) -> Path:
    """Every font's ToUnicode map giving `shown` for the glyph of `real`, as some Unicode
    fonts map "ư" to "ƣ" (oi): a text layer right but for one letter, throughout."""
    old, new = (b"<%04X>" % ord(c) for c in (real, shown))
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/ToUnicode" in obj:
                data = obj.ToUnicode.read_bytes()
                obj.ToUnicode.write(data.replace(old, new).replace(old.lower(), new))
        pdf.save(path)
    return path


def scan_under_text(image: Image.Image, text: str, path: Path, *, dpi: int = 300) -> Path:
    """A scanned page with an invisible text layer over it, as a scanner's own OCR (or
    someone else's English model) leaves one."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("serif", "", str(render.FONT_DIR / "LiberationSerif-Regular.ttf"))
    pdf.add_page()
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    pdf.image(buffer, x=0, y=0, w=210, h=297)
    pdf.set_font("serif", "", 12)
    pdf.text_mode = "INVISIBLE"
    pdf.set_xy(20, 20)
    pdf.multi_cell(170, 6, text)
    pdf.output(str(path))
    return path


_NUMBERING = """<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
 <w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>"""


def numbered_docx(paragraphs: list[tuple[int | None, str]], path: Path) -> Path:
    """A .docx whose paragraphs at a level (0, 1, 2) are items of one automatic list
    ("1.", "a)", a symbol font's bullet), the labels only in the numbering part, as Word
    stores them; None: a plain paragraph."""
    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING.format(w=w)))
    numbering.append(parse_xml(
        f'<w:num xmlns:w="{w}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in paragraphs:
        paragraph = document.add_paragraph(text)
        if level is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = level
            num_pr.get_or_add_numId().val = 90
    document.save(path)
    return path


def wrapped_docx(path: Path) -> Path:
    """A .docx whose words stand where python-docx's paragraph text does not look: the
    number in a content control, the place in a Word 2003 smart tag, the deadline a
    tracked insertion (its old date a tracked deletion), a text box's words."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    wps = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')

    def runs(text: str) -> str:
        return f"<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>"

    def box(text: str) -> str:
        content = f"<w:txbxContent><w:p>{runs(text)}</w:p></w:txbxContent>"
        return (f"<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>"
                f"<a:graphic><a:graphicData><wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp>"
                f"</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
                f"<mc:Fallback><w:pict>{content}</w:pict></mc:Fallback></mc:AlternateContent></w:r>")

    document = docx.Document()
    body = document.element.body
    for xml in (
        f"<w:p {w}>{runs('ỦY BAN NHÂN DÂN TỈNH NGHỆ AN')}</w:p>",
        f"<w:sdt {w}><w:sdtContent><w:p>{runs('Số: 21/UBND-KT')}</w:p></w:sdtContent></w:sdt>",
        f"<w:p {w}><w:smartTag w:element=\"place\">{runs('Nghệ An')}</w:smartTag>"
        f"{runs(', ngày 2 tháng 3 năm 2026')}</w:p>",
        f"<w:p {w}>{runs('Kính gửi: Sở Tài chính.')}</w:p>",
        f"<w:p {w}>{runs('Đề nghị Sở Tài chính báo cáo trước ngày ')}"
        f"<w:del><w:r><w:delText>10/4/2026</w:delText></w:r></w:del>"
        f"<w:ins>{runs('30/4/2026')}</w:ins>{runs('.')}</w:p>",
        f"<w:p {w} {wps}>{box('DỰ THẢO LẦN 2')}</w:p>",
    ):
        body.insert(len(body) - 1, parse_xml(xml))  # before the section properties
    document.save(path)
    return path


def windows_1258(text: str) -> bytes:
    """Unicode text as Windows' Vietnamese code page stores it: "â", "ư", "đ" ... as one
    code each, the five tone marks as combining characters after their vowel."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        kept = "".join(c for c in parts if c not in tones)
        out.append(unicodedata.normalize("NFC", kept) + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def tcvn3(text: str) -> str:
    """Unicode text as a .VnTime font types it (the TCVN3 codes as Word stores them)."""
    table = json.loads(LEGACY.read_text(encoding="utf-8"))["TCVN3"]["table"]
    back = {letter: code for code, letter in table.items()}
    # the capitals TCVN3 lacks are typed as small letters in a capitals-only .VnTimeH font
    return "".join(back.get(char, back.get(char.lower(), char)) for char in text)


def red_stamp_scan(pdf_path: Path, word: str, path: Path, *, dpi: int = 300) -> Path:
    """Page 1 scanned in colour with a red "ĐẾN" stamp printed over `word` (the date), the
    stamp's ink laid over the print as ink is (multiplied, so black stays black)."""
    from PIL import ImageChops, ImageDraw, ImageFont

    document = pdfium.PdfDocument(str(pdf_path))
    try:
        page = document[0]
        image = page.render(scale=dpi / 72).to_pil().convert("RGB")
        left, _, baseline = word_box(pdf_path, word)
        x, y = left * dpi / 72, (page.get_height() - baseline) * dpi / 72
    finally:
        document.close()
    ink = Image.new("RGB", image.size, "white")
    draw = ImageDraw.Draw(ink)
    font = ImageFont.truetype(str(render.FONT_DIR / "LiberationSans-Bold.ttf"), 60)
    red = (210, 40, 50)
    draw.ellipse((x - 120, y - 160, x + 380, y + 140), outline=red, width=14)
    draw.text((x - 60, y - 30), "ĐẾN  SỐ 1234", fill=red, font=font)
    draw.text((x - 60, y + 40), "Ngày 13/3/2024", fill=red, font=font)
    scanned = ImageChops.multiply(image, ink)
    scanned.save(path, "PDF", resolution=dpi)
    return path


def spacer_header_docx(path: Path) -> Path:
    """A .docx whose header is a table of three columns, an empty one between the issuer's
    and the motto's (many offices' templates keep the two apart so), one line a row."""
    import docx

    document = docx.Document()
    rows = [("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ("SỞ CÔNG THƯƠNG", "Độc lập - Tự do - Hạnh phúc"),
            ("Số:      /SCT-CN", "Nghệ An, ngày      tháng 6 năm 2026"),
            ("V/v kiểm tra kho vật liệu nổ công nghiệp", "")]
    table = document.add_table(rows=len(rows), cols=3)
    for r, (left, right) in enumerate(rows):
        table.cell(r, 0).text, table.cell(r, 2).text = left, right
    for text in ("Kính gửi: Công ty cổ phần Mỏ Đông Sơn", "Sở Công Thương đề nghị Công ty cổ phần "
                 "Mỏ Đông Sơn báo cáo trước ngày 30/6/2026.", "Nơi nhận:", "- Như trên;",
                 "- Lưu: VT.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Hùng"):
        document.add_paragraph(text)
    document.save(path)
    return path
