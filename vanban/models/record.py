"""The record vanban produces for one directive, and the types it is made of.

Everything the pipeline exports (JSON, the SQLite index, CSV, iCalendar) is a
view of `Directive`; no exporter keeps a parallel structure.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"  # 1.1: keys, urgency, secrecy, rules_fingerprint (additive)

TextState = Literal["clean", "stripped", "garbled"]
DeadlineKind = Literal["by", "on", "within-month", "within-quarter", "within-year", "recurring"]
Authority = Literal["TM.", "KT.", "Q.", "TL.", "TUQ."]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Evidence(_Model):
    """Where a value came from: a span of `Directive.text`, and how sure we are of it."""

    start: int = Field(description="Character offset into Directive.text (inclusive).")
    end: int = Field(description="Character offset into Directive.text (exclusive).")
    text: str = Field(description="The original text of the span, as extracted.")
    page: int | None = Field(default=None, description="1-based page the span starts on.")
    bbox: list[float] | None = Field(
        default=None, description="[x0, y0, x1, y1] in page pixels (OCR) or points (PDF)."
    )
    boxes: list[list[float]] = Field(
        default_factory=list,
        description="Every line of the span as [x0, y0, x1, y1] on its page (the union of "
        "the words it covers there), for a review page to draw; `bbox` is its first word.",
    )
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    rule: str | None = Field(
        default=None,
        description="For owners, co-owners and deadlines: the rule of vanban/data/rules.toml "
        "that read the value (`vanban explain` prints them).",
    )


class Agency(_Model):
    """A body named in the document: issuer, addressee, task owner."""

    name: str = Field(description="Canonical name with diacritics, e.g. 'Sở Nội vụ'.")
    raw: str | None = Field(default=None, description="The name as written, if it differs.")
    evidence: Evidence | None = None


class Signer(_Model):
    name: str | None = None
    position: str | None = Field(
        default=None, description="Last title line, e.g. 'Phó Chủ tịch' under 'KT. CHỦ TỊCH'."
    )
    authority: Authority | None = Field(
        default=None, description="TM. (on behalf of), KT. (deputy for), Q., TL., TUQ."
    )
    on_behalf_of: str | None = Field(
        default=None, description="The body or title after the authority, e.g. 'Ủy ban nhân dân'."
    )
    evidence: Evidence | None = None


class Reference(_Model):
    """Another document the text cites: 'Báo cáo số 15/BC-STP ngày 02/3/2025'."""

    number: str = Field(description="Số ký hiệu, e.g. '15/BC-STP'.")
    doc_type: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    evidence: Evidence | None = None


class Deadline(_Model):
    date: dt.date | None = Field(
        default=None, description="The last day the task may be done (ISO); null for recurring."
    )
    text: str = Field(description="The phrase the deadline was read from.")
    kind: DeadlineKind = "by"
    recurrence: str | None = Field(default=None, description="For recurring: 'quarterly', ...")
    evidence: Evidence | None = None


class Task(_Model):
    id: str = Field(description="Outline path, e.g. 'II.1.b' or 'III.3.-2'.")
    key: str | None = Field(
        default=None,
        description="Stable key for trackers: the document's key, the outline path and the "
        "opening words hashed; unchanged when a rule change adds or drops other tasks.",
    )
    text: str
    owners: list[Agency] = Field(default_factory=list)
    co_owners: list[Agency] = Field(default_factory=list)
    deadline: Deadline | None = None
    parent: str | None = None
    evidence: Evidence | None = None


class Restoration(_Model):
    """A value whose diacritics or spelling were repaired."""

    field: str
    original: str
    restored: str
    method: Literal["gazetteer", "lexicon", "model", "rule"]
    confidence: float = Field(ge=0.0, le=1.0)


class Quality(_Model):
    text_state: TextState = "clean"
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    warnings: list[str] = Field(default_factory=list)
    restored: list[Restoration] = Field(default_factory=list)


class PageProvenance(_Model):
    number: int
    method: str = Field(description="text | text-layer | ocr | docx | doc")
    chars: int
    width: float | None = Field(default=None, description="Page width in `unit`.")
    height: float | None = Field(default=None, description="Page height in `unit`.")
    unit: str | None = Field(
        default=None, description="What evidence boxes on this page measure: pt (a PDF's "
        "text layer) or px (the image OCR read)."
    )
    dpi: float | None = Field(default=None, description="Units per inch (72 for pt).")
    confidence: float | None = None
    warnings: list[str] = Field(default_factory=list)


class Provenance(_Model):
    source: str | None = Field(default=None, description="Path of the input file.")
    file_name: str | None = None
    sha256: str | None = None
    kind: str = Field(default="text", description="text | pdf | image | docx")
    pages: list[PageProvenance] = Field(default_factory=list)
    pipeline_version: str
    rules_fingerprint: str | None = Field(
        default=None,
        description="Hash of the rules, tables and models (vanban/data/) the record was made "
        "with; `vanban batch` reprocesses records made with others.",
    )
    processed_at: dt.datetime


class Source(_Model):
    """One file the document was received as (`Directive.sources`)."""

    sha256: str
    file_name: str | None = None
    kind: str | None = None
    read_quality: float = Field(ge=0.0, le=1.0, description="How well the file was read; "
                                "the best-read source gives the record.")
    primary: bool = Field(description="Whether this source gave the record.")


class Directive(_Model):
    """One directive, as a task tracker needs it."""

    schema_version: str = SCHEMA_VERSION
    doc_id: str
    key: str | None = Field(
        default=None,
        description="Document key: number, date and issuer ('126-kh-ubnd.2024-05-06.1a2b3c4d'); "
        "'sha-<hash>' of the content when the number or date is blank.",
    )
    issuer: Agency | None = None
    parent_issuer: Agency | None = Field(default=None, description="Cơ quan chủ quản, if any.")
    number: str | None = Field(default=None, description="Số ký hiệu, e.g. '45/KH-UBND'.")
    date: dt.date | None = None
    place: str | None = None
    doc_type: str | None = None
    subject: str | None = Field(default=None, description="Trích yếu, without 'V/v'.")
    urgency: Literal["Hỏa tốc", "Thượng khẩn", "Khẩn"] | None = Field(
        default=None, description="Độ khẩn printed in the header."
    )
    secrecy: Literal["Tuyệt mật", "Tối mật", "Mật"] | None = Field(
        default=None, description="Độ mật printed in the header."
    )
    addressees: list[Agency] = Field(default_factory=list)
    signer: Signer | None = None
    recipients: list[str] = Field(default_factory=list, description="'Nơi nhận' entries.")
    references: list[Reference] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    evidence: dict[str, Evidence] = Field(
        default_factory=dict, description="Evidence for scalar fields, keyed by field name."
    )
    quality: Quality = Field(default_factory=Quality)
    provenance: Provenance
    text: str = Field(default="", description="The extracted text all evidence offsets index.")
    sources: list[Source] = Field(
        default_factory=list,
        description="In a store, when a document came as several files (the same letter "
        "as a PDF, a scan, a photo): each of them, the one that gave the record first. Each "
        "is kept as its own JSON file; the tasks are the primary's, counted once.",
    )
