"""A page's own number, printed at its top (Nghị định 30: from the second page on) or foot,
is no text of the document.

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


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans
