"""ToUnicode maps that send letters to a space, mended from the embedded font's own cmap.

A PDF's text is glyph codes; a font's ToUnicode map says which character each code is.
Word's export (and signing tools that rewrite the file after it) sometimes writes a map
in which some glyphs of a composite (Type0, Identity-H) font map to U+0020: one file's
capitals N, H, D, T, B and U came out as spaces, so "Sở Nội vụ" read "Sở ội vụ", "Hiệp
hội Doanh nghiệp" read "iệp hội oanh nghiệp" and the header's "UBND TỈNH BÌNH THUẬN"
was a run of spaces, taking the issuer with it. Such a layer is mostly real Vietnamese, so
the text-layer check (`pdf._ocr_reason`) trusts it, rightly: only some letters are lost.

The embedded TrueType program knows better: its own cmap says which character each
glyph draws. Where the ToUnicode map gives a space for a glyph that has an outline (a
space has none), the font's character for that glyph is put in the map, and the file is
read from the mended copy. Nothing is changed in a file whose maps give no outlined glyph
a space, which is every other PDF seen so far; looking costs a few milliseconds a file.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from dataclasses import dataclass

from vanban.ingest import inflation

# pikepdf and fontTools are imported when a file's bytes suggest a composite font with a
# ToUnicode map and an embedded TrueType program: most PDFs are answered without them.
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_SECTION = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.S)
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])")
_SPACE = " "
_MAX_FONTS = 200  # a file with more distinct fonts than this is not looked at further
_CMAP_BYTES = 1 << 18  # compressed bytes of a CMap stream read to judge it


def _suspect(data: bytes) -> bool:
    """Whether some CMap of the file gives a space to more than one code: the streams'
    first bytes are inflated to find the CMaps (a few milliseconds a file, against some
    0.2 s to import and run a PDF parser), and only those are read whole."""
    if b"/ToUnicode" not in data and b"/ObjStm" not in data:
        return False  # fonts' dictionaries are in plain sight or in object streams
    if b"begincmap" in data and data.count(b"<0020>") >= 2 and _spaces(data) >= 2:
        return True  # an uncompressed CMap
    view = memoryview(data)
    for match in inflation.STREAM.finditer(data):
        start = match.end()
        try:
            head = inflation.zlib.decompressobj().decompress(view[start:start + 512], 64)
        except inflation.zlib.error:
            continue
        if b"CIDInit" not in head and b"begincmap" not in head:
            continue
        try:  # a CMap is a few kilobytes; its first megabyte says enough
            cmap = inflation.zlib.decompressobj().decompress(view[start:start + _CMAP_BYTES],
                                                              1 << 20)
        except inflation.zlib.error:
            continue
        if cmap.count(b"<0020>") >= 2 and _spaces(cmap) >= 2:
            return True
    return False


def _spaces(cmap: bytes) -> int:
    """How many codes a CMap gives a space (one, the space's own, is the rule), counted
    without spelling its ranges out: an identity range of 65,536 codes holds one."""
    count = 0
    for kind, body in _SECTION.findall(cmap):
        if kind == b"bfchar":
            pairs = _HEX.findall(body)
            count += sum(1 for dst in pairs[1::2] if int(dst, 16) == 0x20)
            continue
        for lo, hi, dst in _RANGE.findall(body):
            if dst.startswith(b"["):
                count += sum(1 for item in _HEX.findall(dst) if int(item, 16) == 0x20)
            elif (first := int(dst[1:-1], 16)) <= 0x20 <= first + int(hi, 16) - int(lo, 16):
                count += 1
    return count


@dataclass(frozen=True)
class Mended:
    """The file rewritten with its maps mended, and what was mended for the warnings."""

    data: bytes
    fonts: list[str]  # base font names whose map was mended
    glyphs: int  # how many codes got their letter back


def mend(data: bytes) -> Mended | None:
    """The file with every ToUnicode map that gives an outlined glyph a space mended from
    the font's own cmap; None when no map needs it or the libraries are missing."""
    if not _suspect(data):
        return None
    try:
        import pikepdf
    except ImportError:  # pragma: no cover - pikepdf is a dependency
        return None
    logging.getLogger("pikepdf").setLevel(logging.ERROR)
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception:  # a file qpdf cannot open is pdfium's to judge, as before
        return None
    try:
        fixed: list[str] = []
        count = 0
        for font in _composite_fonts(pikepdf, pdf):
            mended = _mend_font(pikepdf, pdf, font)
            if mended:
                fixed.append(str(font.get("/BaseFont", "?")).lstrip("/"))
                count += mended
        if not fixed:
            return None
        out = io.BytesIO()
        pdf.save(out)
        return Mended(data=out.getvalue(), fonts=fixed, glyphs=count)
    except Exception:  # a font that cannot be parsed leaves the file as it was
        return None
    finally:
        pdf.close()


def warning(mended: Mended) -> str:
    """The document warning for a mended file."""
    return (f"font map mended: {mended.glyphs} glyph(s) of {', '.join(sorted(set(mended.fonts)))} "
            "mapped to a space in the PDF's ToUnicode, read from the embedded font")


def _composite_fonts(pikepdf, pdf) -> list:
    """Each distinct Type0 font of the pages and their form XObjects (one level down)."""
    seen: set[tuple[int, int]] = set()
    fonts: list = []

    def collect(resources) -> None:
        group = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        if not isinstance(group, pikepdf.Dictionary):
            return
        for _, font in group.items():
            if not isinstance(font, pikepdf.Dictionary) or font.get("/Subtype") != "/Type0":
                continue
            key = font.objgen
            if key != (0, 0) and key in seen:
                continue
            seen.add(key)
            fonts.append(font)

    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        collect(resources)
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        if isinstance(xobjects, pikepdf.Dictionary):
            for _, xobject in xobjects.items():
                if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form":
                    collect(xobject.get("/Resources"))
        if len(fonts) > _MAX_FONTS:
            break
    return fonts


def _mend_font(pikepdf, pdf, font) -> int:
    """How many codes of this font's map were mended (0: the map was left alone)."""
    to_unicode = font.get("/ToUnicode")
    if not isinstance(to_unicode, pikepdf.Stream):
        return 0
    cmap = to_unicode.read_bytes()
    mapping = parse_cmap(cmap)
    spaces = [code for code, text in mapping.items() if text == _SPACE]
    if len(spaces) < 2:
        return 0
    descendants = font.get("/DescendantFonts")
    if not isinstance(descendants, pikepdf.Array) or len(descendants) != 1:
        return 0
    cid_font = descendants[0]
    program = (cid_font.get("/FontDescriptor") or {}).get("/FontFile2")
    if not isinstance(program, pikepdf.Stream):
        return 0
    gid_of = _cid_to_gid(pikepdf, cid_font.get("/CIDToGIDMap"))
    if gid_of is None:
        return 0
    letters = glyph_letters(program.read_bytes())
    if not letters:
        return 0
    changed = 0
    for code in spaces:
        letter = letters.get(gid_of(code))
        if letter is not None and letter != _SPACE:
            mapping[code] = letter
            changed += 1
    if not changed:
        return 0
    font.ToUnicode = pdf.make_stream(write_cmap(mapping))
    return changed


def _cid_to_gid(pikepdf, entry):
    """CID -> glyph index: the identity, or the map's stream of two-byte glyph indices."""
    if entry is None or entry == "/Identity":
        return lambda cid: cid
    if isinstance(entry, pikepdf.Stream):
        table = entry.read_bytes()
        return lambda cid: int.from_bytes(table[2 * cid:2 * cid + 2], "big") \
            if 2 * cid + 2 <= len(table) else None
    return None


def glyph_letters(program: bytes) -> dict[int, str]:
    """Glyph index -> the character the font's cmap gives it, for glyphs with an outline;
    where several characters share a glyph, a letter before anything else."""
    try:
        from fontTools.ttLib import TTFont
    except ImportError:  # pragma: no cover - fontTools is a dependency
        return {}
    font = TTFont(io.BytesIO(program), lazy=True)
    if "cmap" not in font or "glyf" not in font:
        return {}
    best = font["cmap"].getBestCmap() or {}
    glyf = font["glyf"]
    order = font.getGlyphOrder()
    index = {name: i for i, name in enumerate(order)}
    out: dict[int, str] = {}
    for point, name in sorted(best.items()):
        gid = index.get(name)
        if gid is None or not _outlined(glyf, name):
            continue
        char = chr(point)
        if gid not in out or (_rank(char) < _rank(out[gid])):
            out[gid] = char
    return out


def _outlined(glyf, name: str) -> bool:
    glyph = glyf[name]
    return getattr(glyph, "numberOfContours", 0) != 0


def _rank(char: str) -> int:
    """Which of several characters drawn by one glyph the text should say: a Latin
    letter, then another letter or digit, then anything else."""
    if char.isalpha() and "LATIN" in unicodedata.name(char, ""):
        return 0
    return 1 if char.isalnum() else 2


def parse_cmap(data: bytes) -> dict[int, str]:
    """A ToUnicode CMap's code -> text, from its bfchar and bfrange sections."""
    out: dict[int, str] = {}
    for kind, body in _SECTION.findall(data):
        if kind == b"bfchar":
            pairs = _HEX.findall(body)
            for src, dst in zip(pairs[::2], pairs[1::2], strict=False):
                out[int(src, 16)] = _utf16(dst)
            continue
        for lo, hi, dst in _RANGE.findall(body):
            start, end = int(lo, 16), int(hi, 16)
            if end < start or end - start > 0xFFFF:
                continue
            if dst.startswith(b"["):
                for offset, item in enumerate(_HEX.findall(dst)[:end - start + 1]):
                    out[start + offset] = _utf16(item)
                continue
            first = _HEX.match(dst).group(1)
            base = _utf16(first)
            if not base:
                continue
            for offset in range(end - start + 1):
                out[start + offset] = base[:-1] + chr(ord(base[-1]) + offset)
    return out


def _utf16(hex_digits: bytes) -> str:
    digits = hex_digits.decode("ascii")
    raw = bytes.fromhex(digits.zfill(len(digits) + (-len(digits)) % 4))
    try:
        return raw.decode("utf-16-be")
    except UnicodeDecodeError:
        return ""


def write_cmap(mapping: dict[int, str]) -> bytes:
    """A ToUnicode CMap of two-byte codes saying `mapping`, one bfchar entry a code."""
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
    ]
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):  # a section holds at most 100 entries
        chunk = items[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{code:04X}> <{text.encode('utf-16-be').hex().upper()}>"
                     for code, text in chunk)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")
