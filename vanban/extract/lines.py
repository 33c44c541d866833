"""Lines of the document text, each with its offsets and its folded view."""

from __future__ import annotations

from dataclasses import dataclass

from vanban.folding import fold_ocr


@dataclass(frozen=True)
class Line:
    index: int
    start: int  # offset of the first character in Document.text
    text: str
    folded: str  # fold_ocr(text) with markdown emphasis blanked; same length as text

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def blank(self) -> bool:
        return not self.folded.strip(" *_\f")


def split_lines(text: str) -> list[Line]:
    folded_text = fold_ocr(text).replace("*", " ").replace("\f", " ")
    lines, offset = [], 0
    for index, raw in enumerate(text.split("\n")):
        lines.append(Line(index, offset, raw, folded_text[offset : offset + len(raw)]))
        offset += len(raw) + 1
    return lines


def blocks_of(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines (paragraphs and the like), in order."""
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if line.blank:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    return [block for block in blocks if block]
