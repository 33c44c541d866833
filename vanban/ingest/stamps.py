"""Stamped words set into the page's lines: a number or a day stamped at signing (an
annotation of a PDF, over its text or over its scan) joins the line it is drawn on, in
x order, and hides the word it is drawn over (a draft's month under the month of
signing). Pure geometry on `layout` lines, for the text layer and for OCR alike."""

from __future__ import annotations

from vanban.ingest import layout

# How far (in line heights) a stamp may sit from the nearest word of the line it joins.
_REACH = 4.0


def place(lines: list[layout.Line], short: list[layout.Line]) -> list[layout.Line]:
    """Page lines with the short stamps' words set in: each joins the line it is drawn
    on and hides the words it covers; one drawn on no line stays a line of its own."""
    lines = list(lines)
    for token in (t for line in short for t in line.tokens):
        at = _host(lines, token)
        if at is None:
            lines.append(layout.Line([token]))
            continue
        kept = [t for t in lines[at].tokens if not _covers(token, t)]
        tokens = sorted([*kept, token], key=lambda t: t.x0)
        _stretch(token, tokens)
        lines[at] = layout.Line(tokens)
    return lines


def _stretch(token: layout.Token, tokens: list[layout.Token]) -> None:
    """Reach the stamped word's box towards the next word as the page's own words reach
    (see `pdf_words.lines`), so the space after a stamp is no gap between columns."""
    at = tokens.index(token)
    if at + 1 < len(tokens):
        letter = (token.x1 - token.x0) / max(len(token.text), 1)
        reach = min(tokens[at + 1].x0 - letter, token.x1 + layout.STRETCH * letter)
        token.x1 = max(token.x1, reach)


def _host(lines: list[layout.Line], token: layout.Token) -> int | None:
    """The index of the line the token is drawn on, if any: the nearest of those it
    overlaps vertically by half the smaller height."""
    best, best_gap = None, None
    height = token.y1 - token.y0
    for at, line in enumerate(lines):
        if not line.tokens or line.y1 < token.y0 or line.y0 > token.y1:
            continue
        gaps = []
        for t in line.tokens:
            overlap = min(t.y1, token.y1) - max(t.y0, token.y0)
            if overlap < 0.5 * min(t.y1 - t.y0, height):
                continue
            gaps.append(max(t.x0 - token.x1, token.x0 - t.x1, 0.0))
        if not gaps:
            continue
        gap = min(gaps)
        if gap <= _REACH * height and (best_gap is None or gap < best_gap):
            best, best_gap = at, gap
    return best


def _covers(stamp: layout.Token, word: layout.Token) -> bool:
    """Whether the stamped word is drawn over a page word (a draft's digit under the
    signing date's). A page word's right edge is only estimated, generously, so it is
    its start that must lie under the stamp, and it must be no longer than the stamp."""
    down = min(stamp.y1, word.y1) - max(stamp.y0, word.y0)
    if down < 0.5 * min(word.y1 - word.y0, stamp.y1 - stamp.y0):
        return False
    slack = 0.25 * (stamp.y1 - stamp.y0)
    return (stamp.x0 - slack <= word.x0 < stamp.x1 - slack
            and len(word.text) <= len(stamp.text) + 1)
