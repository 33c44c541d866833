"""A second look at the number and the date of a scanned directive's header.

The number after "Số:" and the day and month after "ngày" and "tháng" are often
written by hand or stamped with a numbering machine at signing, so the page's OCR
reads them as "6§0", "3|", "#2" or a day of "33". Where the header line's slot holds
something that is not digits (or digits no date has), the slot's crop is read again,
alone, by Tesseract restricted to digits, eight ways (as scanned and binarised by Otsu's
threshold, its strokes as they are and a pixel thicker, each at its size and doubled,
drawn one under the other on one image) by the `vie` model and by `eng` where it is
installed. A model settles on a value only when five of the eight readings agree and
are sure of it, and two models that settle must agree, so a guess at handwriting does
not pass for a sure number: a wrong number is worse than none.
The value must also fill in the first reading (its digits in their places) and be a
number the slot can hold (no day 42). Only the page's first number and date are looked
at again (a later one is a citation's).

Where no model settles on a slot the page's reading left as no digits (handwriting read as
"4‡" or "†4"), the handwriting reader (`pen_digits.py`) may read it, digit by digit,
where every digit is clear; like every value read again here, it enters the page at a
confidence of 50, so the record's evidence shows it unsure. On 33 handwritten slots of
real scans (the devset's, and e-signed scans of another province's committee from a
public repository) it offers 12 readings, 11 right (a "90" read "30"); its threshold
was set on them, so a new set will do somewhat worse.

A number's crop spans the paper between "Số:" and its symbol, not only the box Tesseract
gave the marks it read there (two pen digits read as "@§" in a box one digit wide): on
the first pages of 37 e-signed scans of another province's committee, 3 more numbers
read and a "90" no longer read "30"; the devset's scans unchanged. Where a first reading
of digits was unsure, the handwriting reader's reading of as many digits stands over
Tesseract's where the reader is surer than its own bar (`_OVERRULE`): Tesseract reads a
pen's "1" with a lead-in stroke as "4" every time ("01" read "04").

Red ink (a seal over the day) was taken out of the page by colour before it came here
(`ink.py`); blue handwriting stays.

A first reading of digits a date can hold is read again too where Tesseract was unsure of
it (under `_DOUBT`): a day stamped in a small italic, "29" read "22" at 79. Where it was
sure, only the handwriting reader, surer still (`_OVERRULE_SURE`), overrules it: a pen's
"11" read "44" at 90.

Measured on the first pages of the devset's 13 scans: 11 header slots read as no digits
(or a day of 33); two come back (a stamped "996" read as "#Ó6", a handwritten "695"),
none wrong. One reading per variant, or summed confidences, took one "729" for "429" or
"129" depending on the crops beside it, and a "31" for "34"; `vie` read a day "23" as
"22" five times of eight where `eng` read "23" eight times: handwriting stays unread
unless the readings agree.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import pairwise

import numpy as np
from PIL import Image, ImageFilter

from vanban.errors import OcrError
from vanban.folding import fold
from vanban.ingest import ocr, pen_digits
from vanban.ingest.deskew import otsu
from vanban.ingest.ocr import TsvWord
from vanban.ingest.page_image import gray_of

# the header: the top of the page
_HEADER = 0.4
# "Số:" folded, through "Só", "Sé", "Sá", "Số-"
_NUMBER_LABEL = re.compile(r"^s[o0e6a][:;.,-]?")
_DAY_LABEL = re.compile(r"^nga[yv]")  # through an OCR's "ngàv"
_MONTH_LABEL = re.compile(r"^thang")
_YEAR_LABEL = re.compile(r"^nam")
# a pen's stroke run into the label after a day or month, read as a mark glued before it
# ("ngày.) {tháng &" for a "27" whose 7 touches the "t")
_LEAD = re.compile(r"^[^\w\s]{1,2}(?=[a-z])")
_DIGITS = re.compile(r"^\d+$")
_SLASHES = str.maketrans({"⁄": "/", "∕": "/"})
_LARGEST = {"number": 999999, "day": 31, "month": 12}
# The vote: a model settles on a value when this many of the slot's eight variants read
# it, with a mean Tesseract confidence (0..100) of at least `_SURE`; where two models
# settle, they must agree. Handwriting read once is a guess ("4" for "11" at 29, "429" or
# "729" for one "729" as the crop's neighbours change); clear digits agree at 60-97.
_AGREE = 5
_SURE = 50
# Below this mean confidence a first reading of digits is read again all the same: the
# vote replaces it only where it settles on other digits of as many places.
_DOUBT = 80
_GAP = 40  # pixels of paper between two crops on the image read
# A handwriting reading less sure than the reader's own bar (to this probability a digit)
# is taken where this many of Tesseract's variant readings read the same digits.
_SECONDED = 0.6
_SECONDS = 2
# A reading that changes only the one digit that made the first reading no date's
# (`_one_digit_mended`) may be less sure still.
_MENDED = 0.5
# To overrule digits Tesseract read, if unsurely, the handwriting reader must be surer than
# its own bar (a blurred "706" it read "709" at 0.89).
_OVERRULE = 0.9
# And to overrule digits Tesseract was sure of, surer still: it reads a pen's "11" as "44"
# at 90 (on the devset's scans, the reader's readings of 13 sure first readings of typed
# digits agree with them all, at 0.94 to 0.99).
_OVERRULE_SURE = 0.95
# How sure a value read again is (`_how_sure`): each reader's support, discounted by how
# often such support was wrong on real scans (the handwriting reader's sure "839" for a
# looped "299"), and halved where a reader reads other digits surely.
_TESSERACT_WEIGHT = 0.9
_PEN_WEIGHT = 0.6
_DISPUTED = 0.5
# A day and month read less surely are taken where their date falls this many weeks after
# the latest document the page cites, at most (`_dated`)
_WEEKS = 6
_CITED = re.compile(r"\bso\s+\S+/\S+\s+ngay\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_YEAR = re.compile(r"^(19|20)\d\d\b")


@dataclass(frozen=True)
class _Slot:
    kind: str  # "number", "day", "month"
    start: int  # the first word of the line the slot is in (holding its label, if glued)
    end: int  # the word after the slot; the symbol's word when the number is glued to it
    label: str  # the label glued before the slot in the first word ("Số:", "ngày")
    text: str  # what the first reading made of the slot
    box: tuple[int, int, int, int]  # the slot's crop on the page
    tail: str = ""  # what follows the slot in word `end` ("/UBND-" after "ấ#Z")


def header_digits(image: Image.Image, words: list[TsvWord], *, lang: str, dpi: int,
                  timeout: float) -> list[TsvWord]:
    """`words` with the header's number and date slots read again where they are not
    digits."""
    bottom = _HEADER * image.size[1]
    lines: dict[tuple[int, int, int], list[int]] = {}
    for index, word in enumerate(words):
        if word.top < bottom:
            lines.setdefault((word.block, word.paragraph, word.line), []).append(index)
    wanted: list[tuple[list[int], _Slot]] = []
    replaced: dict[int, list[TsvWord]] = {}
    seen: set[str] = set()
    for indices in lines.values():
        line = [words[i] for i in indices]
        for slot in _slots(line):
            # the first number and date are the header's; later ones are a citation's
            # ("... ngày I7 tháng TÌ năm 2025 của Chính phủ"), not worth a second look
            if slot.kind in seen:
                continue
            seen.add(slot.kind)
            if slot.kind == "number":
                slot = replace(slot, box=_grown(image, slot.box))
            if slot.text.strip() and (not _plausible(slot) or _doubtful(line, slot)):
                wanted.append((indices, slot))
            elif _plausible(slot) and (pen := _overruling(image, slot, dpi=dpi)):
                # the reader against a sure first reading: disputed
                sure = _how_sure(None, [], pen, slot, pen_sure=_OVERRULE_SURE)
                replaced.update(_replacement(words, indices, slot, pen, sure))
    crops = [_crop(image, slot.box, dpi=dpi) for _, slot in wanted]
    readings = _read_all(crops, lang=lang, dpi=dpi, timeout=timeout)
    unread: dict[str, tuple[list[int], _Slot, Image.Image, list[list[list[TsvWord]]]]] = {}
    read: dict[str, str] = {s.kind: s.text.replace(" ", "") for _, s in wanted if _plausible(s)}
    for (indices, slot), crop, reading in zip(wanted, crops, readings, strict=True):
        digits = _reread(slot, crop, reading)
        if digits is not None:
            read[slot.kind] = digits
            replaced.update(_replacement(words, indices, slot, digits,
                                         _how_sure(crop, reading, digits, slot)))
        elif slot.kind != "number":
            unread[slot.kind] = (indices, slot, crop, reading)
    for kind, digits in _dated(unread, read, words, bottom).items():
        indices, slot, crop, reading = unread[kind]
        replaced.update(_replacement(words, indices, slot, digits,
                                     _how_sure(crop, reading, digits, slot)))
    if not replaced:
        return words
    out: list[TsvWord] = []
    for index, word in enumerate(words):
        out.extend(replaced.get(index, [word]))
    return out


def _dated(unread: dict[str, tuple[list[int], _Slot, Image.Image, list]], read: dict[str, str],
           words: list[TsvWord], bottom: float) -> dict[str, str]:
    """The day and month left unread that the handwriting reader reads less surely than
    its bar, where the date they make falls in the weeks after the latest document the
    page cites ("Căn cứ Công văn số 8339/BCT-TCCB ngày 24/10/2025"): on 81 real directives
    citing one, 79 are dated on or after the latest they cite, half within `_WEEKS` weeks
    of it, where a misread day or month rarely falls."""
    if not unread:
        return {}
    year = _header_year(words, bottom)
    cited = _latest_cited(words)
    if year is None or cited is None:
        return {}
    offered = {}
    for kind, (_, _, crop, _) in unread.items():
        pen = pen_digits.read(crop, sure_at=_SECONDED)
        if pen is not None and 0 < int(pen[0]) <= _LARGEST[kind] and len(pen[0]) <= 2:
            offered[kind] = pen[0]
    day, month = (offered.get(k) or read.get(k) for k in ("day", "month"))
    if not offered or day is None or month is None:
        return {}
    try:
        dated = date(year, int(month), int(day))
    except ValueError:
        return {}
    return offered if cited <= dated <= cited + timedelta(weeks=_WEEKS) else {}


def _header_year(words: list[TsvWord], bottom: float) -> int | None:
    """The year printed after "năm" in the header."""
    for word, after in pairwise(words):
        if word.top < bottom and _YEAR_LABEL.match(fold(word.text)) and _YEAR.match(after.text):
            return int(after.text[:4])
    return None


def _latest_cited(words: list[TsvWord]) -> date | None:
    """The latest date of a document the page cites by number ("số 37/BC-STC ngày
    15/3/2026")."""
    text = fold(" ".join(w.text for w in words))
    latest = None
    for m in _CITED.finditer(text):
        try:
            cited = date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            continue
        latest = max(latest or cited, cited)
    return latest


def _reread(slot: _Slot, crop: Image.Image, reading: list[list[list[TsvWord]]]) -> str | None:
    """The slot's digits read again, where a reading stands (see the module's doc)."""
    plausible = _plausible(slot)
    digits, by_hand = _settle(crop, reading, by_hand=not plausible, largest=_LARGEST[slot.kind])
    if (extra := _stroke_too_many(crop, slot)) is not None:
        return extra
    if digits is None and (mended := _one_digit_mended(crop, slot)) is not None:
        return mended
    if digits is None or not 0 < int(digits) <= _LARGEST[slot.kind]:
        return None
    first = _first_reading(slot.text)
    if by_hand:
        # read digit by digit from the strokes themselves: the first reading's marks
        # ("J¿92" for a pen's "493") say only about how many there are; two marks read
        # as one digit lost a stroke of the pen ("†4" for a "57" cut short)
        if abs(len(digits) - len(first)) > 1 or (len(digits) < min(len(first), 2)
                                                  and not _one_pen_month(crop, slot, digits)):
            return None
        if plausible and len(digits) != len(first) and not _digit_lost(slot, digits):
            return None  # digits read, if unsurely, are as many as they are ("2003")
    elif not _fills(first, digits, spare=1 if not plausible and (
            slot.kind == "number" or slot.tail) else 0):
        return None
    return digits


def _how_sure(crop: Image.Image | None, reading: list[list[list[TsvWord]]], digits: str,
              slot: _Slot, *, pen_sure: float | None = None) -> float:
    """The confidence (0..100) a value read again enters the page at: how far Tesseract's
    variant readings and the handwriting reader second it, as two readers, each on its own
    no surer than its record (`_TESSERACT_WEIGHT`, `_PEN_WEIGHT`), the less where the other
    reads other digits surely or a sure first reading had other digits (`_DISPUTED`)."""
    variants = [_joined(words) for read in reading for words in read]
    agreeing = [min(w.confidence for w in words) for read in reading for words in read
                if words and _joined(words) == digits]
    tesseract = (len(agreeing) / max(len(variants), 1)) * (
        sum(agreeing) / len(agreeing) / 100 if agreeing else 0.0)
    pen = pen_digits.read(crop, sure_at=0.0) if crop is not None else None
    pen_sure = pen[1] if pen is not None and pen[0] == digits else pen_sure or 0.0
    support = 1 - (1 - _TESSERACT_WEIGHT * tesseract) * (1 - _PEN_WEIGHT * pen_sure)
    first = slot.text.replace(" ", "")
    disputed = (pen is not None and pen[0] != digits and pen[1] >= pen_digits.SURE) or (
        _DIGITS.match(first) is not None and first != digits) or any(
        (vote := _vote(read)) is not None and vote != digits for read in reading)
    return round(100 * support * (_DISPUTED if disputed else 1.0), 1)


def _joined(words: list[TsvWord]) -> str:
    return "".join(w.text for w in sorted(words, key=lambda w: w.left))


def _overruling(image: Image.Image, slot: _Slot, *, dpi: int) -> str | None:
    """The handwriting reader's digits where they overrule a sure first reading of as
    many digits."""
    pen = pen_digits.read(_crop(image, slot.box, dpi=dpi), sure_at=_OVERRULE_SURE)
    first = slot.text.replace(" ", "")
    return pen[0] if pen and len(pen[0]) == len(first) and pen[0] != first else None


def _stroke_too_many(crop: Image.Image, slot: _Slot) -> str | None:
    """The handwriting reader's sure digits where the first reading read one digit more
    than the slot can hold, the reader's digits among them in order: one stroke of the pen
    read as a digit of its own (a "1" with a lead-in stroke read "41": "ngày 041", the
    first). Tesseract's readings of such a crop keep the stroke's digit ("04")."""
    first = slot.text.replace(" ", "")
    if not _DIGITS.match(first) or int(first) <= _LARGEST[slot.kind]:
        return None
    pen = pen_digits.read(crop, sure_at=_OVERRULE_SURE)
    if not pen or len(pen[0]) != len(first) - 1 or not 0 < int(pen[0]) <= _LARGEST[slot.kind]:
        return None
    rest = iter(first)
    return pen[0] if all(digit in rest for digit in pen[0]) else None


def _digit_lost(slot: _Slot, digits: str) -> bool:
    """Whether the handwriting reader's number is the first reading with one digit more,
    the first's digits in order among its own: a pen's looped "2" the page's reading
    passed over ("4" for a "24"). Only a number: its crop spans the paper between its
    label and its symbol, where a stray mark is no digit the reader is sure of."""
    first = slot.text.replace(" ", "")
    if slot.kind != "number" or len(digits) != len(first) + 1:
        return False
    rest = iter(digits)
    return all(digit in rest for digit in first)


def _one_digit_mended(crop: Image.Image, slot: _Slot) -> str | None:
    """The handwriting reader's digits, less sure than its bar, where the first reading
    seconds them: a day or month of digits no date has, of which the reader changes only
    the one that made them impossible (a looped "2" read "4" in a day "44" the reader
    reads "24" at 0.55); a number read in part, whose digits the reader keeps in their
    places, reading only its marks ("$03" for a pen's "403", read "403" at 0.64)."""
    first = slot.text.replace(" ", "")
    largest = _LARGEST[slot.kind]
    if slot.kind == "number":
        if _DIGITS.match(first) or not any(c.isdigit() for c in first):
            return None
        pen = pen_digits.read(crop, sure_at=_SECONDED)
        return pen[0] if pen and len(pen[0]) == len(first) and _fills(first, pen[0]) else None
    if not _DIGITS.match(first) or int(first) <= largest:
        return None
    pen = pen_digits.read(crop, sure_at=_MENDED)
    if pen is None or len(pen[0]) != len(first) or not 0 < int(pen[0]) <= largest:
        return None
    changed = [k for k, (a, b) in enumerate(zip(first, pen[0], strict=True)) if a != b]
    return pen[0] if len(changed) == 1 else None


def _one_pen_month(crop: Image.Image, slot: _Slot, digits: str) -> bool:
    """Whether a month of one digit read by hand stands for two marks of the first reading:
    a pen's "4" drawn in two strokes read "({" (a month is one digit three times in four),
    where the handwriting reader is surer of it than its own bar; a number's or a day's two
    marks read as one digit lost a stroke ("†4" for a "57")."""
    if slot.kind != "month" or len(digits) != 1 or any(c.isdigit() for c in slot.text):
        return False
    pen = pen_digits.read(crop, sure_at=_OVERRULE)
    return pen is not None and pen[0] == digits


def _doubtful(line: list[TsvWord], slot: _Slot) -> bool:
    """Whether the first reading of the slot's digits is unsure: a day stamped in a small
    italic ("29") is read "22" at a confidence typed digits never fall to."""
    words = line[slot.start : slot.end]
    return bool(words) and sum(w.confidence for w in words) / len(words) < _DOUBT


def _plausible(slot: _Slot) -> bool:
    """Whether the first reading is already a number the slot can hold."""
    text = slot.text.replace(" ", "")
    return bool(_DIGITS.match(text)) and 0 < int(text) <= _LARGEST[slot.kind]


def _replacement(words: list[TsvWord], indices: list[int], slot: _Slot, digits: str,
                 confidence: float) -> dict[int, list[TsvWord]]:
    """The words that take the place of the slot's: its label, the digits, the symbol."""
    first = words[indices[slot.start]]
    left, top, right, bottom = slot.box
    new = [replace(first, text=digits, left=left, top=top, width=right - left,
                   height=bottom - top, confidence=confidence)]
    if slot.label:
        new.insert(0, replace(first, text=slot.label, width=max(left - first.left, 1)))
    last = slot.end if slot.tail else slot.end - 1
    if slot.tail:
        symbol = words[indices[slot.end]]
        far = symbol.left + symbol.width
        new.append(replace(symbol, text=slot.tail, left=right, width=max(far - right, 1)))
    out = {indices[slot.start]: new}
    for k in range(slot.start + 1, last + 1):
        out[indices[k]] = []
    return out


def _first_reading(text: str) -> str:
    """The first reading of a slot as `_fills` compares it: without spaces, and without
    the underline or dots the number was written on ("@39_"); digits already read (no
    date has "33", or they were unsure) as marks."""
    first = text.replace(" ", "").strip("_.…-`'‘’")
    return "#" * len(first) if _DIGITS.match(first) else first


def _fills(first: str, digits: str, *, spare: int = 0) -> bool:
    """Whether the digits only fill in what the first reading could not read: as many
    characters (or up to `spare` more, two handwritten digits read as one mark), and
    each digit it did read in its place ("6§0" → "660", not "J¿92" → "192", where the
    second reading is of other strokes than the first)."""
    if not len(first) <= len(digits) <= len(first) + spare:
        return False
    return all(a == b for a, b in zip(first, digits, strict=False) if a.isdigit())


def _slots(line: list[TsvWord]) -> list[_Slot]:
    """The number after "Số:" (up to its symbol "/...") and the day and month before
    "tháng" and "năm" on one line of words."""
    found = []
    folded = [fold(w.text.translate(_SLASHES)) for w in line]
    for at, text in enumerate(folded):
        # (a mark glued before the label, '"Số:', is no word of the line's)
        lead = _lead(text)
        number = _NUMBER_LABEL.match(text[lead:])
        if number and at <= 1 and len(_before_symbol(text)) <= 16:
            found.extend(_slot("number", line, folded, at, lead + number.end(),
                               stop=lambda t: "/" in t))
        day = _DAY_LABEL.match(text)
        if day:
            found.extend(_glued_slot("day", line[at], day.end(), _MONTH_LABEL, at) or _slot(
                "day", line, folded, at, day.end(),
                stop=lambda t: bool(_MONTH_LABEL.match(t[_lead(t):]))))
        lead = _lead(text)
        month = _MONTH_LABEL.match(text[lead:])
        if month and any(_DAY_LABEL.match(t) for t in folded[:at]):
            cut = lead + month.end()
            found.extend(_glued_slot("month", line[at], cut, _YEAR_LABEL, at) or _slot(
                "month", line, folded, at, cut, stop=lambda t: bool(_YEAR_LABEL.match(t))))
    return found


def _lead(folded: str) -> int:
    """How many marks stand glued before a label's letters ("{tháng")."""
    lead = _LEAD.match(folded)
    return lead.end() if lead else 0


def _glued_slot(kind: str, word: TsvWord, cut: int, next_label: re.Pattern[str], at: int
                ) -> list[_Slot]:
    """A day or month written against both its labels, which Tesseract read as one word
    with them ("ngày82tháng": a pen's "22" in an italic line): the marks between the two
    labels, the next label kept as the slot's tail."""
    folded = fold(word.text)
    for end in range(cut + 1, min(cut + 4, len(folded)) + 1):
        if not next_label.match(folded[end:]):
            continue
        marks = word.text[cut:end]
        if _DIGITS.match(marks) and 0 < int(marks) <= _LARGEST[kind]:
            return []  # read: the page's reading stands
        box = _box([word], word, cut, end + 0.5)
        return [_Slot(kind, at, at, word.text[:cut], marks, box, word.text[end:])]
    return []


def _slot(kind: str, line: list[TsvWord], folded: list[str], at: int, cut: int, stop
          ) -> list[_Slot]:
    """The slot after the label that word `at` holds up to `cut`: the rest of that word
    and the words up to the one `stop` accepts (a symbol "/QĐ-UBND": what precedes its
    slash is the slot's too, "ấ#Z/UBND-"). None when no stop word follows within three
    words."""
    word = line[at].text.translate(_SLASHES)
    glued = word[cut:]
    label = word[:cut] if glued else ""
    start = at if glued else at + 1
    if kind == "number" and "/" in glued:  # "Số:2ô/TB-STTTT": label, slot, symbol in one
        # (up to the slash letters follow: a pen's strokes read as slashes, "Số-2/1//6/TB-")
        head = _before_symbol(glued)
        if not head or _DIGITS.match(head):
            return []
        box = _box(line[at : at + 1], line[at], len(label), len(label) + len(head))
        return [_Slot(kind, at, at, label, head, box, glued[len(head):])]
    for end in range(at + 1, min(at + 4, len(line))):
        if not stop(folded[end]):
            continue
        symbol = line[end].text.translate(_SLASHES)
        head = _before_symbol(symbol) if kind == "number" else ""
        pieces = [glued, *(w.text for w in line[at + 1 : end])]
        if head:  # the number glued to its symbol: "ấ#Z/UBND-"
            if _DIGITS.match(head):
                return []  # read as digits already, and no box of its own to read
            box = _box(line[start : end + 1], line[end], 0, len(head), last=True)
            if not label:  # from the paper after the label: a pen's digits are wide
                box = (min(box[0], line[at].left + line[at].width + 1), *box[1:])
            return [_Slot(kind, start, end, label, " ".join([*pieces, head]).strip(),
                          _after_label(box, line[at], label), symbol[len(head):])]
        slot = " ".join(pieces).strip()
        if end == start:
            return _unread_slot(kind, line, at, end)
        box = _after_label(_box(line[start:end], None, 0, 0), line[at], label)
        if kind == "number":
            box = _between(box, line[at] if not label else None, line[end])
        elif lead := _lead(folded[end]):
            # the next label's glued marks are the slot's strokes: read with it, the label
            # kept as its tail
            stop = line[end]
            left, top, right, bottom = box
            right = max(right, stop.left + round(stop.width * lead / max(len(stop.text), 1)))
            return [_Slot(kind, start, end, label, slot + stop.text[:lead],
                          (left, min(top, stop.top), right, max(bottom, stop.top + stop.height)),
                          stop.text[lead:])]
        return [_Slot(kind, start, end, label, slot, box)]
    return []


def _before_symbol(word: str) -> str:
    """What precedes a symbol's slash in its word: up to the slash its letters follow, so a
    pen's digits read as slashes ("/5///UBND-") are the slot's too."""
    symbol = re.search(r"/(?=[^\W\d_])", word)
    return word[: symbol.start()] if symbol else word.split("/")[0]


def _between(box: tuple[int, int, int, int], label: TsvWord | None, stop: TsvWord
             ) -> tuple[int, int, int, int]:
    """A number's box widened to the paper between its label and its symbol: a pen's
    digits are wider than the box Tesseract gives the marks it read of them. (A day's
    is not: the date line's italics lean into it.)"""
    left, top, right, bottom = box
    if label is not None:
        left = min(left, label.left + label.width + 1)
    letter = stop.width / max(len(stop.text), 1)  # short of the symbol's slash
    return left, top, max(right, round(stop.left - letter)), bottom


def _unread_slot(kind: str, line: list[TsvWord], at: int, end: int) -> list[_Slot]:
    """A day or month written by hand that the OCR read as nothing: in the gap it leaves
    between the labels ("ngày    tháng"), or against a label ("02năm", "ngày15"), whose word
    then takes its width, read unsurely (the label before the slot gives a letter's
    width). None when the labels stand as close as words do."""
    label, stop = line[at], line[end]
    letter = label.width / max(len(label.text), 1)
    left = label.left + label.width + round(letter / 2)
    printed = stop.width / max(len(stop.text), 1)  # a letter of the next label, read sure
    if label.confidence < _DOUBT and label.width - printed * len(label.text) >= 1.5 * printed:
        # the label's word took in the digits written against it ("ngày15" read "ngày",
        # a third wider than its letters): the slot opens where its letters end
        letter = printed
        left = label.left + round(printed * len(label.text))
    right = stop.left
    extra = stop.width - letter * len(stop.text)
    if extra >= 1.5 * letter and stop.confidence < _DOUBT:
        # a letter short: the label's first letter, leaning into the slot, is no digit
        right += round(extra - letter)
    if kind == "number" or right - left < 1.5 * letter:
        return []
    box = (left, min(label.top, stop.top), right,
           max(label.top + label.height, stop.top + stop.height))
    return [_Slot(kind, end, end, "", "#", box, stop.text)]


def _box(words: list[TsvWord], part: TsvWord | None, begin: int, stop: int, *,
         last: bool = False) -> tuple[int, int, int, int]:
    """The box around `words`; where one word holds more than the slot (`part`, the
    letters `begin:stop` of it), its share of the width, by letters."""
    left = min(w.left for w in words)
    right = max(w.left + w.width for w in words)
    if part is not None:
        letters = max(len(part.text), 1)
        share = part.width / letters
        if not last:
            left = part.left + round(share * begin)
        # half a letter short: the slash that follows is no digit to read
        right = part.left + round(share * (stop - 0.5))
    top = min(w.top for w in words)
    bottom = max(w.top + w.height for w in words)
    return left, top, max(right, left + 1), bottom


def _after_label(box: tuple[int, int, int, int], word: TsvWord, label: str
                 ) -> tuple[int, int, int, int]:
    """The box without the label glued before the slot in its first word."""
    left, top, right, bottom = box
    if label and left == word.left:
        left += round(word.width * len(label) / max(len(word.text), 1))
    return left, top, max(right, left + 1), bottom


def _read_all(crops: list[Image.Image], *, lang: str, dpi: int, timeout: float
              ) -> list[list[list[list[TsvWord]]]]:
    """Tesseract's readings of each crop's variants, by each model: per crop, per model,
    the words of each variant read. A crop's variants are drawn on one sheet; a model
    reads every crop's sheet in one process (`ocr.recognise_pages`: its model loaded once
    a page, not once a slot)."""
    if not crops:
        return []
    sheets = [_sheet(_variants(crop)) for crop in crops]
    models = [lang] + (["eng"] if "eng" not in lang.split("+") and _has_eng() else [])
    out: list[list[list[list[TsvWord]]]] = [[] for _ in crops]
    for model in models:
        try:
            results = ocr.recognise_pages([sheet for sheet, _ in sheets], lang=model, dpi=dpi,
                                          timeout=timeout, psm=6, whitelist="0123456789")
        except OcrError:
            continue
        for k, ((_, rows), result) in enumerate(zip(sheets, results, strict=True)):
            read: dict[int, list[TsvWord]] = defaultdict(list)
            for word in result.words:
                middle = word.top + word.height / 2
                row = next((r for r, (top, bottom) in enumerate(rows)
                            if top - _GAP / 2 <= middle <= bottom + _GAP / 2), None)
                if row is not None:
                    read[row].append(word)
            out[k].append(list(read.values()))
    return out


def _settle(crop: Image.Image, readings: list[list[list[TsvWord]]], *, by_hand: bool,
            largest: int) -> tuple[str | None, bool]:
    """The digits in the crop, if its variants' readings (`_read_all`) settle on one value;
    else, `by_hand`, the handwriting reader's, if it is clear; and whether they are its. A
    first reading of digits that was unsure (not `by_hand`) takes the handwriting
    reader's where it is sure."""
    chosen = set()
    seen: list[str] = []  # every variant's digits, by every model
    for read in readings:
        seen += ["".join(w.text for w in sorted(words, key=lambda w: w.left))
                 for words in read]
        value = _vote(read)
        # a day of 42 the variants agree on is no reading, and does not keep the
        # handwriting reader from offering its own
        if value is not None and 0 < int(value) <= largest:
            chosen.add(value)
    if not by_hand:
        # digits Tesseract was unsure of are often a pen's: its "1" with a lead-in stroke
        # Tesseract reads "4" every time, the handwriting reader does not
        pen = pen_digits.read(crop, sure_at=_OVERRULE)
        if pen is not None and chosen != {pen[0]}:
            return pen[0], True
    elif not chosen:
        pen = pen_digits.read(crop, sure_at=_SECONDED)
        # less clear, the strokes' reading stands where Tesseract read the same at times,
        # or read its last digits most times (a pen's looped "2" and flagged "1" it drops:
        # "64" for a "2164", where a "1113" the reader made of a "1413" has no "42" ending)
        if pen is not None and (pen[1] >= pen_digits.SURE or seen.count(pen[0]) >= _SECONDS
                                or _ending_seconded(pen[0], seen)):
            return pen[0], True
    return (chosen.pop() if len(chosen) == 1 else None), False


def _ending_seconded(digits: str, seen: list[str]) -> bool:
    """Whether most of Tesseract's variant readings read the last digits (two or more) of
    the handwriting reader's, and no more of them."""
    common = max(set(seen), key=seen.count, default="")
    return (2 <= len(common) < len(digits) and digits.endswith(common)
            and _DIGITS.match(common) is not None and seen.count(common) * 2 > len(seen))


def _vote(readings) -> str | None:
    """The value most of one model's readings of the variants agree on, if they are sure
    of it: `_AGREE` of them, their mean confidence at least `_SURE`."""
    agree: dict[str, list[float]] = defaultdict(list)
    for words in readings:
        digits = "".join(w.text for w in sorted(words, key=lambda w: w.left))
        if _DIGITS.match(digits):
            agree[digits].append(min(w.confidence for w in words))
    for digits, confidences in agree.items():
        if len(confidences) >= _AGREE and sum(confidences) / len(confidences) >= _SURE:
            return digits
    return None


def _has_eng() -> bool:
    try:
        return "eng" in ocr.languages()
    except OcrError:
        return False


def _grown(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """A number's box widened, at either side, to the end of the run of inked columns it
    cuts: a pen's digits are wider than the share of letters Tesseract's word gives them
    ("†4/UBND-KTTH" for a "574" whose "5" and half its "4" fell outside), and the clerk
    leaves paper between them and the printed label and slash. A side whose run goes on
    further than the box is tall (the digits touch the slash) is left as it was."""
    left, top, right, bottom = box
    reach = bottom - top
    start = max(left - reach - 1, 0)
    band = np.asarray(gray_of(image).crop((start, top, right + reach + 1, bottom)))
    if band.size == 0:
        return box
    ink = (band <= otsu(band)).any(axis=0)
    at, to = left - start, right - start - 1  # the box's first and last columns in the band
    grown_left = at
    while grown_left > 0 and ink[grown_left] and ink[grown_left - 1]:
        grown_left -= 1
    grown_right = to
    while grown_right < len(ink) - 1 and ink[grown_right] and ink[grown_right + 1]:
        grown_right += 1
    if grown_left == 0:  # the run reaches as far as we looked: letters, not a pen's digit
        grown_left = at
    if grown_right == len(ink) - 1:
        grown_right = to
    return start + grown_left, top, start + grown_right + 1, bottom


def _crop(image: Image.Image, box: tuple[int, int, int, int], *, dpi: int) -> Image.Image:
    """The slot with a sixth of its height above and below (a handwritten digit reaches
    past the printed line) and nothing of its neighbours left and right (the "t" of
    "tháng" read as a 1)."""
    left, top, right, bottom = box
    reach = max((bottom - top) // 6, dpi // 100)
    crop = gray_of(image).crop((left, max(top - reach, 0), right, bottom + reach))
    return crop


def _variants(crop: Image.Image) -> list[Image.Image]:
    """The crop as scanned and binarised, with its strokes as they are and a pixel
    thicker (a pen's thin line), each at its size and doubled: handwriting that one
    reading takes for a mark another reads as a digit."""
    out = []
    for strokes in (crop, crop.filter(ImageFilter.MinFilter(3))):
        pixels = np.asarray(strokes)
        dark = pixels <= otsu(pixels)
        binary = Image.fromarray(np.where(dark, 0, 255).astype(np.uint8), "L")
        for image, resample in ((strokes, Image.Resampling.LANCZOS),
                                (binary, Image.Resampling.NEAREST)):
            out.append(image)
            out.append(image.resize((image.width * 2, image.height * 2), resample))
    return out


def _sheet(crops: list[Image.Image]) -> tuple[Image.Image, list[tuple[int, int]]]:
    """The crops one under the other on white paper, and the rows (top, bottom) each
    takes."""
    width = max(c.width for c in crops) + 2 * _GAP
    height = sum(c.height for c in crops) + _GAP * (len(crops) + 1)
    sheet = Image.new("L", (width, height), 255)
    rows, y = [], _GAP
    for crop in crops:
        sheet.paste(crop, (_GAP, y))
        rows.append((y, y + crop.height))
        y += crop.height + _GAP
    return sheet, rows
