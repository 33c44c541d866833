"""A page's own number, printed at its top (Nghị định 30: from the second page on) or foot,
is no text of the document; nor is the Official Gazette's running head over each page it
republishes ("CÔNG BÁO/Số 271/Ngày 12-05-2026   84": the issue, its date, its own page).

Left in, the "2" that opens a page's text read as a paragraph of its own (a task "2"
with the owner of the heading above it) and stood between the two halves of a sentence
that runs over the page break. It is blanked in place, with spaces, so that every offset
into the page's text (its words' boxes, the evidence) stays where it was.
"""

from __future__ import annotations

import re

from vanban.models.document import Page

_LINES_LOOKED_AT = 3  # non-blank lines at the top (and at the foot) a number may stand on


def blank_page_numbers(pages: list[Page]) -> None:
    """Blank, in place, the line that holds only its page's number ("2", "- 2 -") among
    the first or last few lines of every page after the first."""
    for page in pages:
        if page.number < 2 or not page.text:
            continue
        folio = re.compile(rf"[ \t]*[-–—]?[ \t]*{page.number}[ \t]*[-–—]?[ \t]*")
        lines = _line_spans(page.text)
        filled = [span for span in lines if page.text[span[0]:span[1]].strip()]
        for start, end in filled[:_LINES_LOOKED_AT] + filled[-_LINES_LOOKED_AT:]:
            if folio.fullmatch(page.text, start, end):
                page.text = page.text[:start] + " " * (end - start) + page.text[end:]
                break


# "CÔNG BÁO/Số 1217 + 1218/Ngày 03-11-2024", as typed or as an OCR reads it, the issue's
# page number before or after it on the line
_RUNNING_HEAD = re.compile(
    r"[ \t]*(?:\d{1,4}[ \t]+)?C[ÔOÓ0]NG[ \t]*B[ÁAÀ]O[ \t]*/[ \t]*S[ỐOÔố][ \t]*\d[\d \t+]*/[ \t]*"
    r"Ng[àa]y[ \t]*\d{1,2}[ \t]*[-./][ \t]*\d{1,2}[ \t]*[-./][ \t]*\d{4}(?:[ \t]+\d{1,4})?[ \t]*",
    re.IGNORECASE)
_LONE_NUMBER = re.compile(r"[ \t]*\d{1,4}[ \t]*")
_HEAD_LINES = 6  # filled lines at a page's top the head may stand among (a signing box's
# lines come first on the first page)


def blank_running_heads(pages: list[Page]) -> None:
    """Blank, in place, the Gazette's running head near the top of every page, and the
    issue's page number when an OCR set it on a line of its own next to the head. Left
    in, it cut a list item in two at a page break and was cited as a document ("271/Ng")."""
    for page in pages:
        if not page.text:
            continue
        filled = [span for span in _line_spans(page.text)
                  if page.text[span[0]:span[1]].strip()][:_HEAD_LINES + 1]
        for at, (start, end) in enumerate(filled[:_HEAD_LINES]):
            if not _RUNNING_HEAD.fullmatch(page.text, start, end):
                continue
            blanked = [(start, end)] + [span for span in filled[max(0, at - 1) : at + 2]
                                        if _LONE_NUMBER.fullmatch(page.text, *span)]
            for first, last in blanked:
                page.text = page.text[:first] + " " * (last - first) + page.text[last:]
            break


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans
