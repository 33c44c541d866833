"""Fuzz targets: the promises `process_text` and the PDF reader keep on any input.

Used by tests/test_fuzz.py (a short run in CI) and bench/fuzz.py (a long one).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanban import process_text
from vanban.api import process_document
from vanban.errors import VanbanError
from vanban.ingest import IngestOptions
from vanban.ingest.loader import load_data


def fuzz_for(strategy: st.SearchStrategy, check: Callable[[Any], None], seconds: float,
             *, rounds_of: int = 100) -> int:
    """`check` on examples of `strategy` for about `seconds`: rounds of `rounds_of` fresh
    random examples until the time is up. Returns the examples run; a failure raises
    with hypothesis's shrunk input."""
    count, started = 0, time.monotonic()
    while time.monotonic() - started < seconds:

        @settings(max_examples=rounds_of, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(strategy)
        def target(value: Any) -> None:
            check(value)

        target()
        count += rounds_of
    return count


NO_OCR = IngestOptions(ocr="never", max_inflated=50_000_000)

_PIECES = st.sampled_from([
    "Số:", "12/KH-UBND", "ngày 6 tháng 5 năm 2024", "Kính gửi:", "Nơi nhận:", "- ", "1.",
    "a)", "Giao", "Sở Nội vụ", "chủ trì", "phối hợp với", "trước ngày", "30/6/2024", "\n",
    "\n" * 40, " " * 300, "\t", "Sở GD&ĐT", "A" * 40 + "b", "Đ&" * 30, "|", "(", "**",
    "\x1b[2J", "\x00", "\udcff", "\ud800", "%PDF-1.4", "=HYPERLINK(", "S6:", "./.",
])
TEXTS = st.lists(st.one_of(_PIECES, st.text(max_size=16)), max_size=80).map("".join)


def check_text(text: str) -> None:
    record = process_text(text)
    record.model_dump_json()  # always serialisable, whatever came in


def text_pdf(lines: list[bytes], *, then: bytes = b"") -> bytes:
    """A one-page PDF with `lines` as its text layer (Helvetica: no font file to embed),
    content operators `then` after them; uncompressed, every object on its own."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    ops = b"".join(b"BT /F1 12 Tf 72 %d Td (%s) Tj ET\n" % (760 - 20 * i, line)
                   for i, line in enumerate(lines))
    page.Contents = pdf.make_stream(ops + then)
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def seed_pdf() -> bytes:
    """A small valid PDF with a text layer."""
    return text_pdf([b"UY BAN NHAN DAN", b"So: 12/KH-UBND",
                     b"1. So Noi vu chu tri, truoc ngay 20/5/2024."])


@st.composite
def mutated_pdfs(draw, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        where = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if action == "flip" and data:
            data[where] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[where : where + draw(st.integers(1, 64))]
        elif action == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=64))
        elif action == "truncate":
            del data[where:]
    return bytes(data)


def check_pdf(data: bytes) -> None:
    """Either a document whose record is JSON, or one of the project's errors."""
    try:
        document = load_data(data, Path("fuzz.pdf"), NO_OCR)
    except VanbanError:
        return
    process_document(document).model_dump_json()
