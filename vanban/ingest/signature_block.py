"""A second look at a scanned directive's signature block, through its seal.

By Nghị định 30 the signature block stands at the right of "Nơi nhận:", and on a signed
copy the seal is pressed over the signer's title and the signature over the name. On a
scan the seal is dark enough that Tesseract's page segmentation takes the whole block
for a picture: the title and the name come back as debris or not at all ("THỦ TƯỚNG ...
Lê Văn Tâm" gone, the recipients beside it read well). The block is read again alone,
with everything lighter than the print whitened (a red or blue seal on a grey scan, the
signature's thin strokes); its lines replace the first reading's words where they read
more letters surely (the first's words it left out stay: "KT." before a title read again
without it), and the lines only it has are added (a name the signature crosses, which
the first reading dropped). Where the first reading lost the block (next to no word read
surely), a round seal is looked for by its rings too (`seal.py`: a black-and-white scan
keeps it as black as the print) and the band of its own letters painted white, and the
block is also read as it is, as one block of text (page segmentation mode 6: no layout
analysis to call it a picture; a title the whitening thinned, "TRƯỞNG BẠX" against
"TRƯỞNG"). A poor scan may lose "Nơi nhận:" itself; the block is then found by its
authority mark ("KT.", "TL.") right of the page's middle.

On the devset's 13 scans the block was lost on 4 pages (black seals on three); read
again, 4 titles and 2 names come back (a name under a black seal stays "„nh Quyền").
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from vanban.errors import OcrError
from vanban.folding import fold
from vanban.ingest import ocr, seal
from vanban.ingest.deskew import otsu
from vanban.ingest.ocr import TsvWord

# "Nơi nhận:" folded, through OCR's "Noi nhan", "Nơi nhân", and "ơi nhận:" (its italic
# "N" lost: then with its colon)
_RECIPIENTS = re.compile(r"^(n)?[o0][il1]$")
_RECEIVED = re.compile(r"^nh[a-z]n:?$")
# Where a poor scan lost the label, the block is found by its authority mark instead
# ("TM.", "KT.", "TL.", "Q.", "TUQ." of Nghị định 30): it opens the title's line.
_AUTHORITY = re.compile(r"^(tm|kt|tl|q|tuq)\.$")
_GLUED_AUTHORITY = re.compile(r"^(tm\.|kt\.|tl\.|tuq\.)[a-z]{2,}$")
# the block runs from above "Nơi nhận" (a title may stand a line or two higher than the
# label), below the last line of the body, this share of the page down (the title, room
# for a signature and a seal, the name), right of the recipients
_ABOVE = 4  # label heights
_DOWN = 0.2
_RIGHT_OF = 0.45  # of the page's width: the block never starts further left ...
_MOST_LEFT = 0.6  # ... nor further right, however long a recipient's line
# Sure words of the first reading there that mean the block was read, if in part; fewer,
# and it was lost. (On the devset's scans a block read has 5-18, a block lost none.)
_READ = 2
# a word read surely: letters, and a confidence the debris of a seal never reaches
_SURE = 80.0
_WORD = re.compile(r"^[^\W\d_]{2,}[.,;:]?$")
_LETTERS = re.compile(r"[^\W\d_]")
_KEEP = 40  # confidence under which a word read again is a seal's speck
_MARGIN = 1.25
_TOP = 10  # the page's top tenth: a header, never a foot
_NAME_REACH = 3  # line heights left of a name's first word where a lost family name stands
_DEBRIS = 2  # lines read as debris between the title and the name read again, at most


def reread(image: Image.Image, words: list[TsvWord], *, lang: str, dpi: int,
           timeout: float) -> list[TsvWord]:
    """`words` with the signature block read again, line by line where surer."""
    width, height = image.size
    label = _recipients_label(words, image.size) or _authority_mark(words, image.size)
    if label is None:
        return words
    middle = width // 2
    top = max(label.top - round(_ABOVE * label.height), _body_end(words, label, middle), 0)
    bottom = min(label.top + round(_DOWN * height), height)
    left = _block_left(words, label, bottom, width) + dpi // 20
    if left >= width - dpi or bottom <= top:
        return words

    def inside(w: TsvWord) -> bool:
        return w.left >= left and top <= w.top < bottom

    first = [w for w in words if inside(w)]
    region = image.crop((left, top, width, bottom)).convert("L")
    clean = _print_only(region)
    first_lines = _lines_of(first, 0, 0)
    if _sure_words(first) >= _READ:
        # a block read, if in part: the whitened reading replaces its lines where surer
        # and adds the lines it alone has (a name the signature crosses); the rest of
        # the page's words stay as they were
        lines = _better(first_lines, _read(clean, left, top, psm=4, lang=lang, dpi=dpi,
                                           timeout=timeout))
        lines = _name_alone(clean, lines, left, top, lang=lang, dpi=dpi, timeout=timeout)
        lines = _debris_alone(image, lines, lang=lang, dpi=dpi, timeout=timeout)
        gone = {id(w) for line in first_lines if not _among(line, lines) for w in line}
        return [w for w in words if id(w) not in gone] + _numbered(
            [line for line in lines if not _among(line, first_lines)], words)
    # a block lost: a black seal's rings taken out too (found on the region as it is: the
    # ring is only in part as dark as the print), and the block read as it is as well
    if (ring := seal.find(region, dpi=dpi)) is not None:
        clean = seal.without(clean, ring)
    lines = _better(first_lines,
                    _read(clean, left, top, psm=4, lang=lang, dpi=dpi, timeout=timeout))
    # (as it is, a line must read clearly better: the seal and the signature are in it)
    lines = _better(lines, _read(region, left, top, psm=6, lang=lang, dpi=dpi,
                                 timeout=timeout), margin=_MARGIN)
    lines = _name_alone(clean, lines, left, top, lang=lang, dpi=dpi, timeout=timeout)
    lines = _debris_alone(image, lines, lang=lang, dpi=dpi, timeout=timeout)
    return [w for w in words if not inside(w)] + _numbered(lines, words)


def _name_alone(clean: Image.Image, lines: list[list[TsvWord]], left: int, top: int, *,
                lang: str, dpi: int, timeout: float) -> list[list[TsvWord]]:
    """The lines with the name's read again alone, from the print-only block, where print
    stands left of its first word unread: the seal's star or rim run into the family name
    ("Văn Châu" for "Đinh Văn Châu"), which the block's reading drops with the seal."""
    named = [line for line in lines if _is_name_line(line)]
    if not named:
        return lines
    line = sorted(named[-1], key=lambda w: w.left)
    height = max(w.height for w in line)
    first_top = min(w.top for w in line)
    band = (max(line[0].left - _NAME_REACH * height - left, 0),
            max(first_top - height // 3 - top, 0),
            min(max(w.left + w.width for w in line) + height - left, clean.width),
            min(first_top + height + height // 3 - top, clean.height))
    pixels = np.asarray(clean)[band[1] : band[3], band[0] : line[0].left - height // 4 - left]
    if pixels.size == 0 or (pixels < 255).sum() < height:  # no print left of the name
        return lines
    # the seal's specks the whitening left glue to the name's first letter ("_Định"): a
    # median takes them out, and paper round the line keeps its edges from Tesseract's
    border = height // 2
    alone = ImageOps.expand(clean.crop(band).filter(ImageFilter.MedianFilter(3)), border, 255)
    again = _read(alone, left + band[0] - border, top + band[1] - border, psm=7, lang=lang,
                  dpi=dpi, timeout=timeout)
    return _better(lines, again)


def _debris_alone(image: Image.Image, lines: list[list[TsvWord]], *, lang: str, dpi: int,
                  timeout: float) -> list[list[TsvWord]]:
    """The lines with a line over the name read in part as debris (a word of letters read
    unsurely) read again alone, as it is, from a little left of its marks to a
    little right: a title line the seal's faint rim runs through, read with the seal's
    lettering and the signature as "to ?HÒ" for "TRƯỞNG PHÒNG CTSV" on a phone's photo,
    reads whole on its own (its first letters may stand left of the block's edge)."""
    named = [k for k, line in enumerate(lines) if _is_name_line(line)]
    if not named:
        return lines
    between = [line for line in lines[: named[-1]]
               if any(_WORD.match(w.text) and w.confidence < _SURE for w in line)]
    for line in between[:_DEBRIS]:
        height = max(w.height for w in line)
        first_top = min(w.top for w in line)
        # (room above and below for a capital's marks, "TRƯỞNG")
        band = (max(min(w.left for w in line) - 2 * height, 0),
                max(first_top - height // 2, 0),
                min(max(w.left + w.width for w in line) + 2 * height, image.width),
                min(first_top + height + height // 2, image.height))
        if band[3] <= band[1] or band[2] <= band[0]:
            continue
        alone = ImageOps.expand(image.crop(band).convert("L"), height, 255)
        lines = _better(lines, _read(alone, band[0] - height, band[1] - height, psm=7,
                                     lang=lang, dpi=dpi, timeout=timeout))
    return lines


def _is_name_line(line: list[TsvWord]) -> bool:
    """A line of words of letters each opening with a capital, not all in capitals (a
    title): a person's name."""
    worded = [w for w in line if _lettered(w)]
    return len(worded) >= 2 and all(w.text[:1].isupper() for w in worded) and any(
        not w.text.isupper() for w in worded)


def _among(line: list[TsvWord], lines: list[list[TsvWord]]) -> bool:
    return any(line is other for other in lines)


def _numbered(lines: list[list[TsvWord]], words: list[TsvWord]) -> list[TsvWord]:
    """The lines' words as one new block of the page's, line by line."""
    block = max((w.block for w in words), default=0) + 1
    return [replace(w, block=block, paragraph=1, line=number)
            for number, line in enumerate(lines, 1) for w in _closed(line)]


def _recipients_label(words: list[TsvWord], size: tuple[int, int]) -> TsvWord | None:
    """The word "Nơi" of "Nơi nhận" in the left half of the page under its top margin (a
    last page that holds one article and the foot has it in the top third; there, as a
    label opens its line with a capital, not a sentence's "nơi nhận hồ sơ")."""
    before: TsvWord | None = None
    for first, second, third in zip(words, words[1:], [*words[2:], None], strict=False):
        if (first.left < size[0] // 2 and first.top > size[1] // _TOP
                and (label := _RECIPIENTS.match(fold(first.text)))
                and _RECEIVED.match(fold(second.text))
                and (label.group(1) or second.text.endswith(":"))
                and (first.top > size[1] // 3 or _opens_a_line(first, before))
                and not _sentence_goes_on(second, third)):
            return first
        before = first
    return None


def _sentence_goes_on(word: TsvWord, after: TsvWord | None) -> bool:
    """Whether a word in lower case follows `word` on its line, a word space on: a body's
    "Nơi nhận hồ sơ: 126 phố Xốm" (where to hand in), not the recipients' label."""
    return (after is not None and not word.text.endswith(":") and after.text[:1].islower()
            and (after.block, after.paragraph, after.line)
            == (word.block, word.paragraph, word.line)
            and after.left - (word.left + word.width) < 2 * word.height)


def _opens_a_line(word: TsvWord, before: TsvWord | None) -> bool:
    """Whether `word` begins its line with a capital."""
    first_of_line = before is None or (before.block, before.paragraph, before.line) != (
        word.block, word.paragraph, word.line)
    return first_of_line and word.text[:1].isupper()


def _authority_mark(words: list[TsvWord], size: tuple[int, int]) -> TsvWord | None:
    """The first authority mark right of the page's middle in its lower part, before a
    title in capitals ("KT. CHỦ TỊCH"; not a district's "Q. 1" in the body)."""
    for mark, title in pairwise(words):
        if mark.left <= size[0] // 2 or mark.top <= size[1] // 3:
            continue
        glued = _GLUED_AUTHORITY.match(fold(mark.text))
        if glued and mark.text[glued.end(1):].isupper():
            return mark  # typed without a space: "KT.GIÁM ĐỐC"
        if (_AUTHORITY.match(fold(mark.text)) and title.text.isupper()
                and len(_LETTERS.findall(title.text)) >= 2
                and (title.block, title.paragraph, title.line)
                == (mark.block, mark.paragraph, mark.line)):
            return mark
    return None


def _body_end(words: list[TsvWord], label: TsvWord, middle: int) -> int:
    """The bottom of the lowest line above the label that runs across the page's middle
    (the body's last line: it is not the signature block's)."""
    ends = [max(w.top + w.height for w in line) for line in _lines_of(words, 0, 0)
            if min(w.left for w in line) < middle < max(w.left + w.width for w in line)
            and min(w.top for w in line) < label.top]
    return max(ends, default=0)


def _block_left(words: list[TsvWord], label: TsvWord, bottom: int, width: int) -> int:
    """Where the block begins: past the recipients' column, from the label down."""
    left = round(_RIGHT_OF * width)
    # a recipient's line is the recipients' to its end ("- Các PTTgCP (để trực tiếp chỉ
    # đạo các đơn vị phụ trách);" runs past the page's middle): its words right of the
    # middle are no part of the block
    for line in _lines_of(words, 0, 0):
        run = _first_run(line)
        first = run[0]
        if label.top - label.height // 2 <= first.top < bottom and first.left < _RIGHT_OF * width:
            end = max(w.left + w.width for w in run)
            left = max(left, min(end, round(_MOST_LEFT * width)))
    return left


def _first_run(line: list[TsvWord]) -> list[TsvWord]:
    """A line's words from its first up to a gap wider than a word space: an OCR may put
    the block's title or name in the recipient's line beside it."""
    ordered = sorted(line, key=lambda w: w.left)
    run = ordered[:1]
    for word in ordered[1:]:
        if word.left - (run[-1].left + run[-1].width) > 2 * max(run[-1].height, word.height):
            break
        run.append(word)
    return run


def _read(region: Image.Image, left: int, top: int, *, psm: int, lang: str, dpi: int,
          timeout: float) -> list[list[TsvWord]]:
    """The region's lines of words in the page's frame, without a seal's specks: cleaned,
    as columns of text (mode 4, which keeps a name a signature crosses whole); as it is,
    as one block (mode 6, which reads what a seal left of a title)."""
    try:
        result = ocr.recognise(region, lang=lang, dpi=dpi, timeout=timeout, psm=psm)
    except OcrError:
        return []
    return _lines_of([w for w in result.words if w.confidence >= _KEEP], left, top)


def _lines_of(words: list[TsvWord], left: int, top: int) -> list[list[TsvWord]]:
    lines: dict[tuple[int, int, int], list[TsvWord]] = {}
    for w in words:
        moved = replace(w, left=w.left + left, top=w.top + top) if left or top else w
        lines.setdefault((w.block, w.paragraph, w.line), []).append(moved)
    return list(lines.values())


def _better(first: list[list[TsvWord]], second: list[list[TsvWord]], *,
            margin: float = 1.0) -> list[list[TsvWord]]:
    """Of two readings of one region, line by line (lines that share most of their
    height are one), the one with more sure letters (the second `margin` times more);
    lines only one has are kept, and so are the first's words of letters the second
    left out ("KT." before a title read again without it)."""
    out = list(first)
    for line in second:
        same = [k for k, other in enumerate(out) if _overlap(line, other) > 0.5]
        if _sure(line) > 0 and all(_sure(line) > margin * _sure(out[k]) for k in same):
            kept = [w for k in same for w in out[k] if _lettered(w)
                    and not any(_across(w, other) for other in line)]
            out = [other for k, other in enumerate(out) if k not in same] + [line + kept]
    return sorted(out, key=lambda line: min(w.top for w in line))


def _lettered(word: TsvWord) -> bool:
    return len(_LETTERS.findall(word.text)) >= 2 and word.confidence >= _KEEP


def _across(a: TsvWord, b: TsvWord) -> bool:
    """Whether two words share some of their width."""
    return a.left < b.left + b.width and b.left < a.left + a.width


def _overlap(a: list[TsvWord], b: list[TsvWord]) -> float:
    top = max(min(w.top for w in a), min(w.top for w in b))
    bottom = min(max(w.top + w.height for w in a), max(w.top + w.height for w in b))
    shorter = min(max(w.top + w.height for w in x) - min(w.top for w in x) for x in (a, b))
    return max(bottom - top, 0) / max(shorter, 1)


def _sure(line: list[TsvWord]) -> float:
    """Letters weighed by confidence: a word of letters read surely counts, specks not."""
    return sum(len(_LETTERS.findall(w.text)) * w.confidence / 100 for w in line
               if len(_LETTERS.findall(w.text)) >= 2)


def _sure_words(words: list[TsvWord]) -> int:
    return sum(1 for w in words if w.confidence >= _SURE and _WORD.match(w.text))


def _closed(line: list[TsvWord]) -> list[TsvWord]:
    """The line's words, each reaching to a letter before the next: where a seal's band
    took letters out of a title ("GIÁM  ĐỐC"), the page's layout would see two columns
    in the gap, and Tesseract read them as one line."""
    line = sorted(line, key=lambda w: w.left)
    out = []
    for word, after in zip(line, [*line[1:], None], strict=True):
        if after is not None:
            letter = word.width / max(len(word.text), 1)
            word = replace(word, width=max(word.width, round(after.left - letter - word.left)))
        out.append(word)
    return out


def _print_only(crop: Image.Image) -> Image.Image:
    """The crop with every pixel lighter than the print whitened.

    The paper and the ink split at a first Otsu threshold; the ink splits again into the
    print (darkest) and the seal and signature (lighter), at a second one over the ink
    alone. A block with no seal loses only the print's soft edges.
    """
    pixels = np.asarray(crop.convert("L"))
    paper = otsu(pixels)
    inked = pixels[pixels < paper]
    if inked.size == 0:
        return crop
    cut = otsu(inked)
    return Image.fromarray(np.where(pixels <= cut, pixels, 255).astype(np.uint8))

