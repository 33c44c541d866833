"""Assemble a Directive from a Document: segment, read every field, normalise, attach evidence."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import replace

from vanban.extract import patterns as p
from vanban.extract.addressees import find_addressees
from vanban.extract.found import Found
from vanban.extract.garbled_words import alike_but_garble
from vanban.extract.header import (
    find_doc_type,
    find_gazette_title,
    find_issuer_lines,
    find_number,
    find_place_date,
    find_subject,
    year_read_in,
)
from vanban.extract.issuer import compose_issuer, department_of_symbol, signing_body
from vanban.extract.layout import annex_list_start, attachment_start, segment
from vanban.extract.lines import blocks_of, split_lines
from vanban.extract.mentions import bodies_listed, read_mentions, teams_set_up
from vanban.extract.organisations import head_spelled
from vanban.extract.own_body import names_the_body_above, standing_body_above
from vanban.extract.references import find_references
from vanban.extract.signature import RawSigner, find_recipients, find_signer, signature_start
from vanban.extract.task_table import find_task_tables, read_cell_tables
from vanban.extract.tasks import extract_tasks
from vanban.extract.vocabulary import phrases, spells_another_word, tolerant
from vanban.folding import UPPER, fold_ocr, strip_diacritics
from vanban.models import (
    Agency,
    Deadline,
    Directive,
    Evidence,
    Provenance,
    Quality,
    Reference,
    Restoration,
    Signer,
    Task,
)
from vanban.models.document import Document, Table
from vanban.normalize.agencies import canonical_agency, name_lexicon
from vanban.normalize.codes import (
    canonical_number,
    issuer_of_symbol,
    symbol_for_issuer,
    symbol_for_type,
)
from vanban.normalize.dates import make_date
from vanban.normalize.fields import repair_ocr_text, respelled_text, restore_text, text_state
from vanban.normalize.glued import unglued
from vanban.normalize.names import (
    respell_family_name,
    respell_misread_initials,
    respell_misread_marks,
    restore_person_name,
)
from vanban.normalize.places import match_place, place_prefix
from vanban.normalize.text import (
    canonical_spelling,
    capitalize_first,
    names_read_from,
    words_at,
)
from vanban.normalize.titles import canonical_title

_SCHEDULE = re.compile(r"\s*lich (?:cong tac|lam viec)\b")
UNKNOWN_NAME = 0.88  # below this, a name was not matched against the agency tables
SIGNATURE_TAIL = 14  # lines before "Nơi nhận" that may hold a flattened signature


def _as_is(offset: int) -> int:
    return offset


def _read_as_written(word: str, reading: str) -> bool:
    """Whether a garbled word the restorer is unsure of stays as written for the rules: one
    the vocabulary reads as written that the model reads as another word, and the subject's
    label as an OCR writes it ("Viv" of "V/v", read "Vị")."""
    return spells_another_word(word, reading) or bool(p.V_V.fullmatch(fold_ocr(word).lower()))


# a dash between two parts of a name is written with a space each side, as Nghị định 30's
# names write it ("Sở Lao động-Thương binh và Xã hội", "nghề nghiệp- Giáo dục"); one between
# lower-case words ("quận-huyện") or before a number ("COVID-19") is a word's own
# ("Sở NN-PTNT": an abbreviation's dash stays as it is)
_SPACED_DASH = re.compile(rf"(?<=[^\W\d_])\s*([-–])\s*(?=[{UPPER}])")


def _spaced(m: re.Match[str]) -> str:
    return f" {m[1]} " if m.string[m.start() - 1].islower() else m[0]


def _then(first: Callable[[int], int], second: Callable[[int], int]) -> Callable[[int], int]:
    """An offset mapped by `first`, then by `second`."""
    return lambda offset: second(first(offset))


class _Builder:
    """Holds the document and the quality notes while fields are read."""

    def __init__(self, document: Document, restore: bool) -> None:
        self.document = document
        self.text = document.text
        self.state = text_state(self.text)
        # an offset of `self.text` → the document's (pages, word boxes), and back
        self.source: Callable[[int], int] = _as_is
        target: Callable[[int], int] = _as_is
        if restore and self.state == "garbled":
            # An English OCR's garble is restored whole before any rule reads it; the
            # document is still read as garbled, and offsets map back to its own
            respelled = respelled_text(self.text, _read_as_written)
            self.text, self.source = respelled.text, respelled.source_offset
            target = respelled.text_offset
        # syllables a web page ran together ("Ủyban", "đơnvị") parted before the rules
        # read words; offsets still map back to the document's
        parted = unglued(self.text, marked=self.state == "clean")
        if parted.edits:
            self.text, self.source = parted.text, _then(parted.source_offset, self.source)
            target = _then(target, parted.text_offset)
        # tables that came as cells, their spans in `self.text`
        self.tables = [Table([[(target(cell[0]), target(cell[1])) if cell else None
                               for cell in row] for row in table.rows])
                       for table in document.tables] if target is not _as_is else document.tables
        self.lines = split_lines(self.text)
        self.folded = "\n".join(line.folded for line in self.lines)
        self.restore = restore and self.state != "clean"
        # clean text that came out of our OCR: repair look-alike marks, nothing more
        self.repair = restore and not self.restore and any(
            page.method == "ocr" for page in document.pages)
        self.quality = Quality(text_state=self.state)
        # a document restores the same words again and again (a name at each mention)
        self._restored: dict[tuple[str, bool], tuple[str, float]] = {}

    def restored(self, text: str, *, pinned: bool = False) -> tuple[str, float]:
        """`restore_text` of `text`, once per document. Each field is judged on its own: a
        garbled document's text was restored whole (above), so its fields' words are read
        again only where that kept them as written, not read as garble once more ("Ban Văn
        hóa" had become "Bản Văn hóa"). `pinned`: its marked words are kept as written,
        the context of those that lost their marks, however few they are."""
        key = (text, pinned)
        hit = self._restored.get(key)
        if hit is None:
            hit = self._restored[key] = restore_text(
                text, state="stripped", line_state="stripped") if pinned else restore_text(text)
        return hit

    def evidence(self, found: Found, confidence: float | None = None) -> Evidence:
        start, end = self.source(found.start), self.source(found.end)
        page, word = self.document.locate(start)
        return Evidence(
            start=found.start,
            end=found.end,
            text=self.text[found.start : found.end],
            page=page,
            bbox=list(word.bbox) if word is not None else None,
            boxes=[list(box) for box in self.document.boxes(start, end)]
            if word is not None else [],
            confidence=round(max(0.0, min(1.0, confidence or found.confidence)), 3),
            rule=found.rule or None,
        )

    def as_read(self, found: Found) -> float:
        """The found value's confidence, no higher than an unsure reading of its words
        allows (a number read again by the handwriting reader: 0.5)."""
        least = self.document.least_sure(self.source(found.start), self.source(found.end))
        return min(found.confidence, least) if least is not None and least < _UNSURE_WORD \
            else found.confidence

    def respell(self, field: str, value: str) -> tuple[str, float]:
        """Free text with diacritics restored when the document lost them."""
        value = canonical_spelling(value)
        if not (self.restore or self.repair):
            return value, 1.0
        if self.restore:
            restored, confidence = self.restored(value)
        else:
            restored, confidence = repair_ocr_text(value)
        original = self.as_written(value)
        if restored != original:
            self.quality.restored.append(Restoration(
                field=field, original=original, restored=restored, method="model",
                confidence=round(min(1.0, confidence), 3),
            ))
        return restored, confidence

    def as_written(self, value: str) -> str:
        """`value` as the document wrote it: a garbled document's text was restored whole
        before its fields were read, so a field found there is the document's words at the
        offsets it maps back to (`source`), else as it is."""
        if self.source is _as_is or not value.strip():
            return value
        # a field runs over lines, which it joins with a space
        found = words_at(value.split(), self.text)
        if found is None:
            return value
        return self.document.text[self.source(found[0]) : self.source(found[1])]

    def _respell_name(self, name: str, raw: str) -> str:
        """A name no table knows: the words the lexicon respelled stay, the model does the rest.

        The model reads "Đắk Lắk" in a name as prose would ("Đã Là"); the lexicon knows it.
        A word still as written (no marks, or an OCR's marks) is the model's to decide.
        """
        words = name.split(" ")
        written = set(raw.split())
        # the head is the vocabulary's ("Hội", "Ban", "Tổ"): the model decodes the rest
        # without marks after it, so every word has its context ("Hội Tin học", not "Hồi
        # Tín học"); a head without marks ("Ban") is only written so
        head = head_spelled(words)
        if len(head) == len(words):
            return " ".join(head)
        if head:
            rest = strip_diacritics(" ".join(words[len(head) :]))
            model_words = self.restored(f"{' '.join(head)} {rest}", pinned=True)[0].split(" ")
        else:
            model_words = self.restored(strip_diacritics(name))[0].split(" ")
        if len(model_words) != len(words):
            return " ".join([*head, *words[len(head) :]])
        kept = (m if w in written and not w.isupper() else w
                for w, m in zip(words, model_words, strict=True))
        return " ".join([*head, *list(kept)[len(head) :]])

    def agency(self, found: Found[str], field: str) -> Agency:
        name = _SPACED_DASH.sub(_spaced, canonical_spelling(found.value))
        if self.restore and found.confidence < UNKNOWN_NAME:
            name = capitalize_first(self._respell_name(name, found.raw))
            # respelled, a name the tables did not know as written may be one of theirs
            # ("Sd NQi vq" → "Sở NỘI vụ": the table's "Sở Nội vụ")
            known, sure = canonical_agency(name)
            if sure >= 1.0:
                name = known
        raw = found.raw.strip()
        if self.state != "clean" and name != raw:
            self.quality.restored.append(Restoration(
                field=field, original=raw, restored=name, method="lexicon",
                confidence=round(found.confidence, 3)))
        # a name typed with its diacritics is as sure as its span, known to the table or not
        confidence = found.confidence if self.state != "clean" else max(found.confidence, 0.9)
        return Agency(name=name, raw=raw if raw != name else None,
                      evidence=self.evidence(found, confidence))


def extract_directive(
    document: Document, *, doc_id: str, provenance: Provenance, restore: bool = True
) -> Directive:
    b = _Builder(document, restore)
    # text typed with its diacritics names its agencies as it means them
    with names_read_from("garbled" if b.repair else b.state):
        return _read_fields(b, doc_id=doc_id, provenance=provenance)


def _read_fields(b: _Builder, *, doc_id: str, provenance: Provenance) -> Directive:
    layout = segment(b.lines)
    record = Directive(doc_id=doc_id, provenance=provenance, text=b.text, quality=b.quality)
    evidence = record.evidence

    number = find_number(layout)
    if number is not None:
        record.number = number.value
        evidence["number"] = b.evidence(number, b.as_read(number))
    place, date = find_place_date(layout)
    matched_place = None
    if place is not None:
        matched_place = match_place(place.value)
        if matched_place is not None:
            prefix = place_prefix(place.value)
            prefix = name_lexicon().restore(prefix)[0] if prefix else ""
            record.place = prefix + matched_place.name
            if matched_place.name != place.value:
                b.quality.restored.append(Restoration(
                    field="place", original=place.value, restored=matched_place.name,
                    method="gazetteer", confidence=0.9))
        else:
            record.place = b.respell("place", place.value)[0]
        evidence["place"] = b.evidence(place)
    if date is not None:
        record.date = date.value
        evidence["date"] = b.evidence(date, b.as_read(date))
    doc_type = find_doc_type(layout, number)
    record.doc_type = doc_type.value
    if record.number and "/" in record.number:
        # the type's code as the title names it: an OCR's "2003/CĐĐ-VPCP" under "CÔNG ĐIỆN"
        digits, _, symbol = record.number.partition("/")
        record.number = f"{digits}/{symbol_for_type(symbol, record.doc_type)}"
    if record.number and record.date:
        record.number = year_read_in(record.number, record.date.year)
    if doc_type.end > doc_type.start:
        evidence["doc_type"] = b.evidence(doc_type)
    subject = find_subject(layout)
    if subject is not None:
        value, confidence = b.respell("subject", subject.value)
        record.subject = capitalize_first(value)
        evidence["subject"] = b.evidence(subject, confidence)

    gazette = None
    if number is None and date is None:  # no "Số:" and date lines: a gazette's title?
        gazette = _gazette_title(b.lines[:15], b.text, b.folded)
    if gazette is not None:
        _from_gazette_title(b, record, gazette)

    addressees: list[Found[str]] = []
    if layout.kinh_gui:
        start = layout.kinh_gui[0].start + layout.kinh_gui_prefix
        addressees = find_addressees(b.text, b.folded, start, layout.kinh_gui[-1].end)
    record.addressees = _unique_agencies(b.agency(a, "addressees") for a in addressees)
    names_here = [a.name for a in record.addressees]

    # a signature typed before "Nơi nhận" (or with none after it) ends the body there
    window = b.lines[max(layout.body_start, layout.body_end - SIGNATURE_TAIL) : layout.body_end]
    signed_at = signature_start(window)
    body_end = signed_at if signed_at is not None else layout.body_end
    tail_start = min(body_end, layout.noi_nhan if layout.noi_nhan is not None else body_end)
    year = record.date.year if record.date else _year_of(b.text)
    # a task table may sit in the body or in an annex after the signature
    # tables that came as cells are read from them; the rest from the text's lines
    table_tasks, table_lines = read_cell_tables(b.tables, b.lines, b.text, b.folded,
                                                addressees=names_here, year=year)
    text_tasks, text_lines = find_task_tables(
        [line for line in b.lines[layout.body_start :] if line.index not in table_lines],
        b.text, b.folded, addressees=names_here, year=year)
    table_tasks += text_tasks
    table_lines |= text_lines
    body = [line for line in b.lines[layout.body_start : body_end]
            if line.index not in table_lines]
    raw_tasks = extract_tasks(body, b.text, b.folded, addressees=names_here,
                              paragraphs=_unwrapped(body), year=year,
                              headerless=number is None and date is None) + table_tasks
    if record.subject and _SCHEDULE.match(fold_ocr(record.subject)):
        raw_tasks = []  # a leaders' weekly schedule: meetings to chair, nothing to complete
    attached = attachment_start(b.lines, body_end)
    if attached is None and layout.noi_nhan is not None:
        attached = annex_list_start(b.lines, body, layout.noi_nhan)
    if attached is not None:  # a decision that issues a plan: the plan's tasks are its tasks
        tail = b.lines[attached:]
        signed = signature_start(tail)
        plan = [line for line in tail[: signed - attached if signed is not None else None]
                if line.index not in table_lines]
        raw_tasks += extract_tasks(plan, b.text, b.folded, addressees=names_here,
                                   paragraphs=_unwrapped(plan), year=year)
    record.tasks = [_task(b, raw) for raw in raw_tasks]
    _name_each_body_once(record.tasks, record.addressees, _teams(b, record.tasks),
                         _listed(b, record.tasks))

    annex_at = _annex_start(b.lines, tail_start)
    if layout.second_document is not None and (annex_at is None
                                               or layout.second_document < annex_at):
        annex_at = layout.second_document
    signer_lines = b.lines[max(layout.body_start, tail_start - 2) : annex_at]  # flattened feet
    signer = find_signer(signer_lines, b.lines)
    if signer is None and layout.noi_nhan is None:
        signer = _signer_before_an_annex(b.lines, layout.body_start)
    if signer is not None:
        record.signer = _signer(b, signer)
    if layout.noi_nhan is not None:
        first = b.lines[layout.noi_nhan]
        label = p.NOI_NHAN.match(first.folded)
        prefix = label.end() if label else 0
        recipients = find_recipients(b.lines[layout.noi_nhan : layout.second_document], prefix)
        record.recipients = [b.respell("recipients", r.value)[0] for r in recipients]

    end_of_body = b.lines[body_end - 1].end if body_end else len(b.text)
    own = {record.number} if record.number else set()
    # the body, and an annex after the signature (a plan, a task table) cites documents too
    annex = [b.lines[attached].start] if attached is not None else []
    annex += [b.lines[i].start for i in table_lines if i >= body_end]
    spans = [(0, end_of_body)] + ([(min(annex), len(b.text))] if annex else [])
    seen: set[str] = set()
    # the document's own number line, however badly its number was read, cites nothing
    number_line = layout.number[0] if layout.number is not None else None
    for span_start, span_end in spans:
        for ref in find_references(b.text[span_start:span_end], b.folded[span_start:span_end],
                                   exclude=own | seen):
            start, end = ref.start + span_start, ref.end + span_start
            if number_line is not None and number_line.start <= start < number_line.end:
                continue
            seen.add(ref.number)
            found = Found(ref.number, start, end, b.text[start:end])
            record.references.append(Reference(number=ref.number, doc_type=ref.doc_type,
                                               date=ref.date, evidence=b.evidence(found)))

    parent, issuer = compose_issuer(find_issuer_lines(layout), matched_place, signer)
    if by_symbol := department_of_symbol(issuer, record.number, matched_place):
        parent, issuer = by_symbol
    if issuer is not None and issuer.confidence < _SURE_ISSUER and record.number and (
            coded := issuer_of_symbol(record.number, issuer.value)):
        # a damaged "THỦ TƯỚNG CHÍNH PHỦ": its number's "…/QĐ-TTg" names it
        issuer = Found(coded, issuer.start, issuer.end, issuer.raw, _SURE_ISSUER)
    if issuer is None and gazette is not None and "issuer" in gazette:
        found = gazette["issuer"]
        issuer = Found(canonical_agency(found.value)[0], found.start, found.end, found.raw)
    if issuer is None or issuer.confidence < _SURE_ISSUER:
        # a header past reading (an English OCR's "uY BAN NgAN nAN"): the signing box's body
        issuer = signing_body(b.text, b.folded) or issuer
    if issuer is not None and record.place:
        issuer = _with_place_spelling(issuer, record.place)
    if issuer is not None:
        record.issuer = b.agency(issuer, "issuer")
        if issuer.end <= issuer.start:
            record.issuer.evidence = None
        if record.number and "/" in record.number:
            digits, _, symbol = record.number.partition("/")
            record.number = f"{digits}/{symbol_for_issuer(symbol, record.issuer.name)}"
    if parent is not None:
        record.parent_issuer = b.agency(parent, "parent_issuer")
    if record.number is None and number is not None:
        _number_from_an_annex(b, record, number)
    if record.date is None and record.number:
        _date_from_an_annex(b, record, date)
    if record.date is None or (date is not None and date.confidence < _SURE_DATE):
        _date_of_signing(b, record, date)
    if record.date is not None:
        _drop_past_deadlines(record.tasks, record.date, b.folded)
    elif drafted := _month_of_a_draft(b.folded):
        _drop_past_deadlines(record.tasks, drafted, b.folded)
    if record.issuer is not None:
        above = standing_body_above(issuer, parent)
        emptied = _drop_the_issuer(record.tasks, record.issuer.name, above)
        if above is not None and not record.addressees:
            # (a standing body's plan: its own dated acts are no one's task)
            for task in emptied:
                task.deadline = None
    else:
        _drop_who_asks(record.tasks, b.folded)
    _to_the_addressees(record.tasks, record.addressees)
    _to_the_task_before(record.tasks)
    _to_the_task_after(record.tasks)
    _warn_missing(record)
    record.quality.confidence = _overall_confidence(record)
    return record


# a portal's or a news page's posting date on a line of its own ("25/09/2022", "22/04/2020 |
# 08:32", "Ngày đăng: 14:51 | 16/10/2024", "10:12, 01/12/2021"): with no date of issue, the
# year its "trước ngày 28/9" means
_DATE_LINE = re.compile(
    r"^[^\S\n]*(?:[^\W\d][^\n\d]{0,24}:[^\S\n]*)?(?:\d{1,2}:\d{2}[^\S\n]*[|,]?[^\S\n]*)?"
    r"\d{1,2}/\d{1,2}/((?:19|20)\d\d)(?:[^\S\n]*[|,]?[^\S\n]*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"[^\S\n]*$",
    re.MULTILINE)


def _year_of(text: str) -> int | None:
    """The year of a text without a date of issue: a posting date's line, else a draft's
    blank date ("ngày tháng năm 2026")."""
    m = _DATE_LINE.search(text[:3000]) or re.search(r"n[aă]m\s+((?:19|20)\d\d)", text[:3000])
    return int(m.group(1)) if m else None


# a draft's date, its day left blank for the signing: "Lào Cai, ngày      tháng 4 năm 2026"
_DRAFT_DATE = re.compile(
    r"\bngay[^\S\n]+thang[^\S\n]+(\d{1,2})[^\S\n]+nam[^\S\n]+((?:19|20)\d\d)\b")


def _month_of_a_draft(folded: str) -> dt.date | None:
    """The first day of the month a draft with a blank day is dated in: it is signed no
    earlier (rule past-date-is-no-deadline)."""
    m = _DRAFT_DATE.search(folded[:3000])
    if m is None or not 1 <= int(m.group(1)) <= 12:
        return None
    return dt.date(int(m.group(2)), int(m.group(1)), 1)


_SURE_ISSUER = 0.7  # an issuer read with less is taken from the signing box where there is one
_SURE_DATE = 0.9  # a header's date read with less gives way to a signing box's that agrees
_UNSURE_WORD = 0.6  # an OCR's word confidence under which a field read from it is unsure


def _with_place_spelling(issuer: Found[str], place: str) -> Found[str]:
    """ "Ủy ban nhân dân xã Dong Hung" dated at "Đông Hưng": a commune the gazetteer lacks
    takes the spelling the place line was given."""
    head, tail = issuer.value[: -len(place)], issuer.value[-len(place) :]
    if tail == place or fold_ocr(tail) != fold_ocr(place) or not head.endswith(" "):
        return issuer
    return replace(issuer, value=head + place)


def _unwrapped(lines) -> bool:
    """Whether lines are whole paragraphs (typed text) rather than a page's wrapped lines."""
    lengths = sorted(len(line.text) for line in lines if not line.blank)
    return bool(lengths) and lengths[len(lengths) // 2] > 110


def _unique_agencies(agencies) -> list[Agency]:
    seen, out = set(), []
    for agency in agencies:
        if agency.name not in seen:
            seen.add(agency.name)
            out.append(agency)
    return out


def _task(b: _Builder, raw) -> Task:
    text, _ = b.respell(f"tasks[{raw.id}].text", raw.text)
    owners = _unique_agencies(b.agency(o, f"tasks[{raw.id}].owners") for o in raw.owners)
    deadline = None
    if raw.deadline is not None:
        d = raw.deadline
        phrase = Found(d.date, d.start, d.end, b.text[d.start : d.end], rule=d.rule)
        said = b.respell(f"tasks[{raw.id}].deadline", re.sub(r"\s+", " ", phrase.raw).strip())[0]
        deadline = Deadline(date=d.date, text=said,
                            kind=d.kind, recurrence=d.recurrence, evidence=b.evidence(phrase))
    return Task(
        id=raw.id,
        text=text,
        owners=owners,
        co_owners=_unique_agencies(
            b.agency(c, f"tasks[{raw.id}].co_owners") for c in raw.co_owners
        ),
        deadline=deadline,
        parent=raw.parent,
        evidence=b.evidence(Found(raw.text, raw.start, raw.end, raw.text)),
    )


# An annex's line that names the document it goes with opens with it: "(Kèm theo Công
# văn số ...)", "Ban hành kèm theo Quyết định số ..."; one inside a sentence cites another
# document's annex ("Quy định ... ban hành kèm theo Quyết định số 79/QĐ-UBND ngày ...").
_ANNEX_CITES = r"^[\s(\[*_]*(?:ban hanh\s+)?kem theo\b[^\n]{0,60}?"


def _number_from_an_annex(b: _Builder, record: Directive, number: Found) -> None:
    """A number the header lost (handwritten past reading) as the document's own annex
    cites it, by the symbol the header still shows: "Số: #4. /UBND-VX" and "(Kèm theo
    Công văn số 6240/UBND-VX ngày ...)"."""
    symbol = number.raw.rpartition("/")[2].strip()
    if not symbol:
        return
    cite = re.compile(rf"{_ANNEX_CITES}\bso\s*:?\s*(\d{{1,6}})\s*/\s*"
                      rf"{re.escape(fold_ocr(symbol).lower())}(?![\w-])", re.MULTILINE)
    if m := cite.search(b.folded):
        record.number = canonical_number(f"{m.group(1)}/{symbol}")
        record.evidence["number"] = b.evidence(Found(record.number, m.start(1), m.end(),
                                                     m.group(), 0.8))


def _date_from_an_annex(b: _Builder, record: Directive, said: Found | None) -> None:
    """A date the header lost (stamped over, handwritten) as the document's own annex cites
    it: "(Kèm theo Quyết định số 215/QĐ-UBND ngày 10/5/2026 của UBND tỉnh)". A scan may
    read the annex's line in part too ("(kếm theo ... ngày 1Š / 5 /2026"): each of the day
    and the month is taken where one of the two read it as digits alone, the annex's first,
    and the years must agree (the header's "ngày 15 tháng # năm 2026" and the annex's
    month give the 15th of May)."""
    digits = re.escape(record.number.split("/")[0])
    cite = re.compile(rf"{_ANNEX_CITES_READ}\bso\s*:?\s*{digits}\s*/[^\n]{{0,30}}?"
                      r"\bngay\s*(\S{1,3}?)\s*[/.-]\s*(\S{1,3}?)\s*[/.-]\s*(\d{4})",
                      re.MULTILINE)
    m = cite.search(b.folded)
    if m is None:
        return
    shown = fold_ocr(said.raw) if said is not None else ""
    header = (_SAID_DAY.search(shown), _SAID_MONTH.search(shown), _SAID_YEAR.search(shown))
    if header[2] and header[2][1] != m.group(3):
        return
    day, month = (m.group(k) if m.group(k).isdigit() else (header[k - 1] or [None, None])[1]
                  for k in (1, 2))
    date = make_date(day, month, m.group(3)) if day and month else None
    if date is not None:
        record.date = date
        sure = m.group(1).isdigit() and m.group(2).isdigit()
        record.evidence["date"] = b.evidence(Found(date, m.start(1), m.end(3), m.group()),
                                             0.9 if sure else 0.7)


# An annex's opening as a scan may read it: "(kế Tieo Quyết định ...", "(kếm theo ..."
_ANNEX_CITES_READ = (r"^[\s\[*_]*(?:\(\s*k[a-z]{0,2}\s*t[a-z]{2,3}|\(?\s*(?:ban hanh\s+)?kem theo)"
                     r"\b[^\n]{0,60}?")
_SAID_DAY = re.compile(r"ng[a-z]{1,2}y\s*(\d{1,2})(?![\d\w])")


_SIGNED_AT = re.compile(  # "Thời gian ký:", or "Ngày ký:" under "Ký bởi:" (another software's box)
    r"(?:th[a-z]{1,2}i\s*gian|ng[a-z]{1,2}y)\s*k[yi][a-z]?\s*:\s*(?:(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})"
    r"|(\d{4})-(\d{2})-(\d{2})(?:t|\s+\d{1,2}:\d\d))")  # (or as ISO 8601, "T" or a space)
# a certified copy's box ("SAO Y", "SAO LỤC" over the copying body): signed when copied
_COPY_BOX = re.compile(r"\bsao\s*(?:y|luc)\b[^\n]*\n(?:[^\n]*\n){0,3}[^\n]*$")
_SAID_MONTH = re.compile(r"th[a-z]{1,3}ng\s*(\d{1,2})\b")
_SAID_YEAR = re.compile(r"n[a-z]{1,2}m\s*(\d{4})")


def _date_of_signing(b: _Builder, record: Directive, said: Found | None) -> None:
    """The date an e-signed document was signed ("Thời gian ký: 02.04.2026 14:24:26", "Ngày
    ký: 28-04-2026 16:22:19"), where
    its header's date was stamped or written past reading ("ngày0) thángh năm 2026"): a
    document signed electronically is dated the day it is signed. What the header still
    shows (the year, the month) must agree."""
    m = _SIGNED_AT.search(b.folded)
    if m is None or _COPY_BOX.search(b.folded, max(0, m.start() - 200), m.start()):
        return
    day, month, year = m.groups()[:3] if m.group(1) else m.groups()[5:2:-1]
    date = make_date(day, month, year)
    if date is None:
        return
    shown = fold_ocr(said.raw) if said is not None else ""
    year, month = _SAID_YEAR.search(shown), _SAID_MONTH.search(shown)
    if said is not None and not year and (told := _day_and_month_before(shown, date)):
        # the day and month read, the year written by hand past reading ("năm A0226"):
        # the year is the signing's, or the one before for a December text signed in
        # January (the Gazette republishes a decision weeks after it was signed)
        record.date = told
        record.evidence["date"] = b.evidence(Found(told, said.start, said.end, said.raw), 0.7)
        return
    if (year and int(year[1]) != date.year) or (month and int(month[1]) != date.month):
        return
    record.date = date
    first, last = (1, 3) if m.group(1) else (4, 6)
    record.evidence["date"] = b.evidence(Found(date, m.start(first), m.end(last), m.group()),
                                         0.8)


# a text is signed, then signed again when a portal or the Gazette republishes it, within
# this long
_REPUBLISHED_WITHIN = dt.timedelta(days=120)


def _day_and_month_before(shown: str, signed: dt.date) -> dt.date | None:
    """The header's day and month (read as digits) in the year that puts them on or before
    the signing and no longer before it than a republication takes."""
    day, month = _SAID_DAY.search(shown), _SAID_MONTH.search(shown)
    if not day or not month:
        return None
    for year in (signed.year, signed.year - 1):
        told = make_date(day[1], month[1], year)
        if told is not None and told <= signed:
            return told if signed - told <= _REPUBLISHED_WITHIN else None
    return None


_ANNEX = re.compile(r"^[\s*_]*phu luc\b")


def _annex_start(lines, after: int) -> int | None:
    """Where an annex ("PHỤ LỤC ...") after the signature begins: its titles name no signer
    ("... ỦY QUYỀN CHO GIÁM ĐỐC SỞ CÔNG THƯƠNG THỰC HIỆN")."""
    return next((line.index for line in lines[after:] if _ANNEX.match(line.folded)), None)


def _signer_before_an_annex(lines, body_start: int) -> RawSigner | None:
    """The signature block that ends a text whose annex follows it and no "Nơi nhận"
    tells where the body ends (the Official Gazette prints no recipients): the block before
    the annex's "PHỤ LỤC", which the signature's search at the text's end never reaches."""
    annex = _annex_start(lines, body_start)
    if annex is None:
        return None
    signed_at = signature_start(lines[max(body_start, annex - SIGNATURE_TAIL) : annex])
    return find_signer(lines[signed_at:annex], lines) if signed_at is not None else None


def _gazette_title(lines, text: str, folded: str) -> dict[str, Found[str]] | None:
    """The title block: a run of lines without a blank one, maybe after the type's own."""
    blocks = blocks_of(lines)
    for first, second in itertools.zip_longest(blocks, blocks[1:]):
        for block in (first, first + second if second else None):
            if block and (title := find_gazette_title(text, folded, block[0].start,
                                                      block[-1].end)):
                return title
    return None


def _from_gazette_title(b: _Builder, record: Directive, title: dict[str, Found[str]]) -> None:
    if "type" in title:
        record.doc_type = title["type"].value
    if "number" in title:
        record.number = canonical_number(title["number"].value)
        record.evidence["number"] = b.evidence(title["number"])
    if "date" in title:
        record.date = dt.date.fromisoformat(title["date"].value)
        record.evidence["date"] = b.evidence(title["date"])
    if "subject" in title:
        found = title["subject"]
        record.subject = capitalize_first(b.respell("subject", found.value.lower())[0])
        record.evidence["subject"] = b.evidence(found)


# A plan may be signed a few days after its first step was due; a date a month or more
# before the document's own is history
_LONG_PAST = dt.timedelta(days=31)
_SINCE_BEFORE = re.compile(r"(?<!\bdau )\btu\s+$")  # "từ trước ngày", no "Đầu tư trước ngày"


def _drop_past_deadlines(tasks: list[Task], signed: dt.date, folded: str) -> None:
    """No deadline that is history when the text was signed (rule
    `past-date-is-no-deadline`): a month or more before it, whatever the text tells by it (an
    earlier letter's time limit: "... đã giao Bộ X ..., báo cáo trước ngày 30/11/2012. Đến
    nay Bộ chưa có báo cáo"; a cut-off of who qualifies: "hoạt động cách mạng trước ngày
    01/01/1945"), and any date "từ trước" it ("được công nhận từ trước ngày ...")."""
    for task in tasks:
        deadline = task.deadline
        if deadline is None or deadline.date is None or deadline.recurrence \
                or deadline.date >= signed or deadline.evidence is None:
            continue
        at = deadline.evidence.start
        # (a month or more before the signing, a date is history however it is told: no
        # directive sets its tasks a deadline already long past)
        if deadline.date < signed - _LONG_PAST or _SINCE_BEFORE.search(
                folded, max(0, at - 10), at):
            task.deadline = None


def _drop_the_issuer(tasks: list[Task], issuer: str, above: str | None = None) -> list[Task]:
    """The issuer gives its tasks, it is no owner of them: a Sở's proposal to the province
    that names the Sở, "UBND tỉnh giao ..." read as a subject. Its name may come without
    its place ("Sở Tư pháp" of "Sở Tư pháp tỉnh Bình Thuận"); a standing body's committee
    (`above`) neither. The tasks it leaves without an owner."""
    own = fold_ocr(issuer)
    emptied = []
    for task in tasks:
        had = bool(task.owners)
        task.owners = [o for o in task.owners if not _names_the_issuer(fold_ocr(o.name), own)
                       and not (above and names_the_body_above(o.name, above))]
        if had and not task.owners:
            emptied.append(task)
    return emptied


_COUNCIL_SHORT = re.compile(r"\bubnd\b")
_ADVERBS = rf"(?:\s+(?:{tolerant('request_adverbs')}))*\s+"
_ADVERBS_THEN_ASKS = re.compile(rf"{_ADVERBS}(?:{tolerant('asking_verbs')})")
_ADVERBS_THEN_DIRECTS = re.compile(rf"{_ADVERBS}(?:{tolerant('directing_verbs')})")
_ASKED_BEFORE = re.compile(rf"(?:{p.REQUEST_VERB}|\bchi dao|\bgui(?:\s+(?:toi|den))?)\s*$")
# ... or it is a later item of the list a letter is sent to or asks ("văn bản gửi các Khu
# X, các Sở Y, các Ban Z yêu cầu ..."): the letter asks, not the last of its addressees
_LISTED_AFTER = re.compile(rf"(?:{p.REQUEST_VERB}|\bgui)\b[^.;:!?\n]*,\s*$")
# who asks opens its clause, or its head's title does ("..., Chủ tịch UBND thành phố đã chỉ
# đạo"): "gửi UBND các tỉnh đề nghị ..." names whom a letter asks, not who asks
_CLAUSE_OPENS = r"(?:^|[.,;:!?\n(“\"-])\s*"
_OPENS_A_CLAUSE = re.compile(rf"{_CLAUSE_OPENS}(?:(?:{tolerant('requester_titles')})\s+)?$")
_TITLE_OPENS_A_CLAUSE = re.compile(rf"{_CLAUSE_OPENS}(?:{tolerant('requester_titles')})\s+$")
# ("Phòng Nội vụ gửi đến các cơ quan, đơn vị phối hợp góp ý dự thảo ...": who sends its
# draft for comments asks them)
_SENDS_FOR_COMMENTS = re.compile(
    rf"\s+gui\s+(?:den|toi)\s+[^.;:!?\n]{{3,120}}?\s(?:(?:{tolerant('help_verbs')})\s+)?"
    r"(?:tham gia\s+)?gop y\b")


def _drop_who_asks(tasks: list[Task], folded: str) -> None:
    """A text without a header (a news page's report) speaks through who asks ("Ban Chỉ đạo
    ... huyện yêu cầu các Tổ ...", "Chủ tịch UBND thành phố đã chỉ đạo ..."): unless it is
    asked too, it stands for the issuer and owns none of the tasks, its own acts reported
    ("Ban Chỉ đạo ... thành lập 4 Tổ kiểm tra", "UBND thành phố sẽ thành lập ...") neither."""
    text = _COUNCIL_SHORT.sub("uy ban nhan dan", folded)
    names = {fold_ocr(o.name) for t in tasks for o in t.owners}
    askers = {name for name in names if _only_asks(text, name)}
    for task in tasks:
        task.owners = [o for o in task.owners if fold_ocr(o.name) not in askers]


def _only_asks(text: str, name: str) -> bool:
    """Whether the body `name` (or its name up to its level, without the place) asks in
    `text` (its name, adverbs, an asking verb) and is asked nowhere."""
    written = [name] + [name[: m.end()] for m in re.finditer(rf"\b(?:{p.LEVEL})\b", name)
                        if len(name[: m.start()].split()) >= 2]
    asks = False
    for form in dict.fromkeys(written):
        for m in re.finditer(_as_a_word(form), text):
            if _ASKED_BEFORE.search(text, max(0, m.start() - 20), m.start()) or \
                    _LISTED_AFTER.search(text, max(0, m.start() - 300), m.start()):
                return False
            asks = asks or _asks_here(text, m.start(), m.end())
    return asks


def _as_a_word(form: str) -> str:
    """A pattern of `form` standing as words, `(?<!\\w)form(?!\\w)`, its literal first (the
    engine then skips to each place the form is, as `str.find` does; the lookbehind first
    is tried at every position of the text): no word character before where it starts."""
    return rf"{re.escape(form)}(?<!\w[\s\S]{{{len(form)}}})(?!\w)"


def _asks_here(text: str, start: int, end: int) -> bool:
    """The body named at `start`-`end` opens its clause and asks: "Ban Chỉ đạo huyện yêu cầu
    ...", or directs after its head's title ("Chủ tịch UBND thành phố đã chỉ đạo ...";
    "Công an tỉnh chỉ đạo lực lượng ..." is its own task)."""
    before = max(0, start - 40)
    if _ADVERBS_THEN_ASKS.match(text, end) or _SENDS_FOR_COMMENTS.match(text, end):
        return bool(_OPENS_A_CLAUSE.search(text, before, start))
    return bool(_ADVERBS_THEN_DIRECTS.match(text, end)
                and _TITLE_OPENS_A_CLAUSE.search(text, before, start))


def _to_the_addressees(tasks: list[Task], addressees: list[Agency]) -> None:
    """A dated task with no owner named (or only the issuer, who asks) falls to the
    addressees of the letter."""
    for task in tasks:
        if not task.owners and task.deadline is not None and task.deadline.date is not None:
            task.owners = [a.model_copy(deep=True) for a in addressees]
            for owner in task.owners:
                if owner.evidence is not None:
                    owner.evidence.rule = "addressees-fallback"


def _bare_groups() -> frozenset[str]:
    """Units at large written bare ("các đơn vị", "các cơ quan, đơn vị"): the vocabulary's
    groups at large made of `units_with_localities` kinds alone, nothing said of them (not
    "các cơ quan liên quan"). They stand for the bodies a letter has named, said again."""
    units = {" ".join(words) for words in phrases("units_with_localities")}
    groups = {" ".join(words) for name in ("generic_bodies", "anyone_at_all")
              for words in phrases(name)}
    return frozenset(g for g in groups if g.startswith("cac ") and all(
        kind.strip() in units for kind in g[len("cac ") :].split(",")))


_BARE_GROUPS = _bare_groups()


def _to_the_task_before(tasks: list[Task]) -> None:
    """A dated paragraph with no owner anywhere, not even addressees ("Báo cáo ... gửi về
    Bộ trước ngày 15/5/2026" after "... đề nghị các Bộ, ngành xây dựng báo cáo"), or only
    units at large written bare: the date is for those the paragraph before charged.
    (Items of an outline have their headings.)"""
    before: list[Agency] = []
    for task in tasks:
        if task.parent is not None:
            before = []
            continue
        # ("Các đơn vị thực hiện trước ngày 24/3/2026." after the request that named them)
        # (a short sentence that only gives the time: a longer one is their own task)
        bare = len(task.owners) == 1 and fold_ocr(task.owners[0].name) in _BARE_GROUPS and \
            len(task.text.split()) <= 12
        if (not task.owners or bare) and before and task.deadline is not None \
                and task.deadline.date:
            task.owners = [a.model_copy(deep=True) for a in before]
            for owner in task.owners:
                if owner.evidence is not None:
                    owner.evidence.rule = "task-before-fallback"
        before = task.owners or before


# units at large in a letter's text ("gửi các đơn vị đề nghị ..."), not the related ones
_AT_LARGE_NAMED = re.compile(
    r"\bc[a-z]c\s+(?:co quan,\s*)?(?:don vi|co quan)\b(?!\s+(?:lien quan|truc thuoc))")


def _to_the_task_after(tasks: list[Task]) -> None:
    """A dated paragraph that asks units at large and names none, with no charge before it
    ("Trước đó, Sở X có công văn gửi các đơn vị đề nghị chậm nhất ngày 25/12 phải báo cáo
    ..."): the date is for those the next paragraph charges ("UBND các huyện cần khẩn trương
    nộp báo cáo ...")."""
    for k, task in enumerate(tasks):
        if task.owners or task.parent is not None or task.deadline is None or \
                not task.deadline.date or not _AT_LARGE_NAMED.search(fold_ocr(task.text)):
            continue
        after = next((t for t in tasks[k + 1 :] if t.owners and t.parent is None), None)
        if after is None:
            continue
        task.owners = [a.model_copy(deep=True) for a in after.owners]
        for owner in task.owners:
            if owner.evidence is not None:
                owner.evidence.rule = "task-after-fallback"


def _names_the_issuer(name: str, issuer: str) -> bool:
    # "Đoàn kiểm tra" of "Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT" too
    # (names and issuer folded: "... khu cong nghiep tinh" of "... tinh bac giang" too)
    # (a name's word garbled past reading, "iiy ban" for "uy ban", is read by likeness)
    if alike_but_garble(name, issuer):
        return True
    width = len(name.split())
    head, rest = " ".join(issuer.split()[:width]), " ".join(issuer.split()[width:])
    return bool(rest) and alike_but_garble(name, head) and bool(
        re.match(rf"(?:{p.LEVEL}|theo)\b", rest) or re.search(rf"\b(?:{p.LEVEL})$", name))


def _teams(b: _Builder, tasks: list[Task]) -> list[str]:
    """The teams the document sets up (`teams_set_up`), spelled as owners are, where a group
    named by a bare head ("các Tổ") may stand for them."""
    if not any(fold_ocr(o.name).startswith("cac ") and len(o.name.split()) <= 3
               for t in tasks for o in t.owners):
        return []
    return [b.agency(team, "tasks.owners").name for team in teams_set_up(b.text, b.folded)]


def _listed(b: _Builder, tasks: list[Task]) -> list[str]:
    """The bodies the document lists after a count of their kind (`bodies_listed`), spelled
    as owners are, where an owner is a bare kind ("Công ty", "Các đơn vị") that may stand
    for them."""
    if not any(len(o.name.split()) <= 3 for t in tasks for o in t.owners):
        return []
    return [b.agency(found, "tasks.owners").name for found in bodies_listed(b.text, b.folded)]


def _name_each_body_once(tasks: list[Task], addressees: list[Agency], teams: list[str],
                         listed: list[str]) -> None:
    """Owners and co-owners under the names the document writes in full (extract/mentions)."""
    meaning = read_mentions([a.name for t in tasks for a in (*t.owners, *t.co_owners)],
                            [a.name for a in addressees], teams, listed)
    if not meaning:
        return

    def renamed(agencies: list[Agency]) -> list[Agency]:
        return _unique_agencies(
            a.model_copy(update={"name": name, "raw": a.raw or a.name})
            for a in agencies for name in meaning.get(a.name, [a.name]))

    for task in tasks:
        task.owners, task.co_owners = renamed(task.owners), renamed(task.co_owners)


def _signer(b: _Builder, raw) -> Signer:
    name = None
    if raw.name is not None:
        name = canonical_spelling(raw.name.value)
        if b.restore:
            respelled, known = restore_person_name(
                name, fallback=lambda written: b.restored(written)[0])
            b.quality.restored.append(Restoration(
                field="signer.name", original=name, restored=respelled, method="lexicon",
                confidence=round(0.5 + 0.4 * known, 3)))
            name = respelled
        elif b.repair:  # read by our OCR: a family name's mark, a word's first letter
            name = respell_family_name(respell_misread_marks(respell_misread_initials(name),
                                                             b.text))
    position = canonical_title(raw.position.value) if raw.position else None
    if position and raw.position.end > raw.position.start:
        position = _with_its_department(position, b.text, raw.position.end)
    on_behalf = raw.body or raw.on_behalf_of
    if on_behalf:
        on_behalf = canonical_title(on_behalf) or capitalize_first(
            b.respell("signer.on_behalf_of", on_behalf.lower())[0])
    found = raw.name or raw.position
    return Signer(name=name, position=position, authority=raw.authority,
                  on_behalf_of=on_behalf,
                  evidence=b.evidence(found) if found and found.end > found.start else None)


# A ministry's department head signs under "TL. BỘ TRƯỞNG" with the department on the
# title's line ("VỤ TRƯỞNG VỤ GIÁO DỤC PHỔ THÔNG", "CỤC TRƯỞNG CỤC NGƯỜI CÓ CÔNG"): the
# title is the whole line. (A "CỤC TRƯỞNG" alone stays as it is.)
_DEPARTMENT_AFTER = re.compile(
    r"[ \t]*(?P<body>(?P<head>vu|cuc|vien)\b[^\n|]{2,60}?)[ \t.,]*(?=\n|\||$|[ \t]{3})")
_HEAD_OF = {"Vụ trưởng": "vu", "Phó Vụ trưởng": "vu", "Cục trưởng": "cuc",
            "Phó Cục trưởng": "cuc", "Viện trưởng": "vien", "Phó Viện trưởng": "vien"}


def _with_its_department(position: str, text: str, end: int) -> str:
    """ "Vụ trưởng" with the department its line names after it."""
    head = _HEAD_OF.get(position)
    m = _DEPARTMENT_AFTER.match(fold_ocr(text[end : end + 80])) if head else None
    if m is None or m.group("head") != head:
        return position
    written = text[end + m.start("body") : end + m.end("body")]
    if not written.isupper():
        return position
    name, _ = canonical_agency(written)
    name = name if not name.isupper() else written
    return f"{position} {capitalize_first(name.lower()) if name.isupper() else name}"


def _warn_missing(record: Directive) -> None:
    for field in ("issuer", "number", "date", "subject"):
        if getattr(record, field) is None:
            record.quality.warnings.append(f"{field} not found")
    if not record.tasks:
        record.quality.warnings.append("no tasks found")


def _overall_confidence(record: Directive) -> float:
    scores = [e.confidence for e in record.evidence.values()]
    scores += [r.confidence for r in record.quality.restored]
    return round(sum(scores) / len(scores), 3) if scores else 0.0
