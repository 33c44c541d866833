"""The body's numbered outline (I. / 1. / 1.1. / a) / (1) / - / +) as a tree of nodes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from vanban.extract import patterns as p
from vanban.extract.agency_phrases import dash_joins, name_trigrams
from vanban.extract.lines import Line
from vanban.normalize.text import collapse_spaces

_RANK = {
    "article": 0, "roman": 0, "decimal": 1, "letter": 5,
    "paren": 6, "step": 6, "dash": 7, "plus": 8, "para": 9,
}


@dataclass
class Node:
    kind: str  # article | roman | decimal | letter | paren | step | dash | plus | para | root
    label: str
    lines: list[Line] = field(default_factory=list)
    marker_end: int = 0  # characters of the marker on the first line
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    id: str = ""

    @property
    def rank(self) -> int:
        if self.kind == "decimal":
            return 1 + self.label.count(".")
        return _RANK.get(self.kind, -1)

    @property
    def start(self) -> int:
        return self.lines[0].start + self.marker_end

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def headline(self) -> str:
        """The first line after the marker (a block heading such as "2. Sở Nội vụ")."""
        return self.lines[0].text[self.marker_end :].strip(" *_")

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


# (and a page that quotes a directive's body whole opens its first item with the quote:
# "Nội dung Công văn như sau: / “1. Giao Công an tỉnh ...")
_EMPHASIS_OPENS = re.compile(r"^\s*(?:\*\*|__|[“\"«](?=\s*\d))")
# A news page's byline of initials ("H.M", "V.T.") is a line of its own that a roman
# marker would take for a heading ("H." read as an OCR's "II."): no heading is two
# capitals and nothing else.
_INITIALS = re.compile(r"^\s*[A-ZĐ]\.\s?[A-ZĐ]{1,2}\.?\s*$")


def marker_of(line: Line) -> tuple[str, str, int] | None:
    # "**2. Sở Nội vụ:**", as a Word document converted to Markdown bolds its headings
    text = _EMPHASIS_OPENS.sub(lambda m: " " * len(m.group()), line.text)
    for kind, pattern in p.MARKERS:
        m = pattern.match(line.folded if kind in ("article", "step") else text)
        if m and kind == "roman" and _INITIALS.match(text):
            continue
        if m:
            label = m.group("label") or m.groupdict().get("label2")
            if kind == "letter":
                label = "c" if label == "¢" else label
            elif kind == "decimal":
                label = label.replace("§", "8").replace("$", "5")
            elif kind == "roman":
                label = label.upper().replace("L", "I").replace("H", "II")
            return kind, label, m.end()
    return None


_SENTENCE_END = (".", ";", ":", "!", "?")
# a line that holds its number and nothing else: "**1." / "II." (emphasis and spaces aside)
_BARE_MARKER = re.compile(r"^[\s*_]*(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4}|[a-zđ])[.)][\s*_]*$")


def join_bare_markers(lines: list[Line]) -> list[Line]:
    """A page that wraps right after an item's number ("**1. / Các cơ quan đăng ký đầu tư
    (...):**", "**6. / Công tác phối hợp liên ngành**") leaves the number alone on its line:
    the number and the line after it are one line (its text holds the break; offsets are
    the document's)."""
    out: list[Line] = []
    for line in lines:
        before = out[-1] if out else None
        if (before is not None and _BARE_MARKER.match(before.text) and not line.blank
                and line.start == before.end + 1 and marker_of(line) is None):
            out[-1] = replace(before, text=f"{before.text}\n{line.text}",
                              folded=f"{before.folded}\n{line.folded}")
            continue
        out.append(line)
    return out


def join_soft_breaks(lines: list[Line]) -> list[Line]:
    """The lines without the blank lines that do not end a paragraph, numbered afresh.

    OCR leaves blank lines inside paragraphs, and a page break cuts a paragraph in two
    ("... tỉnh phải / (blank) / chủ động ..."). A blank line is kept where the line before
    ends a sentence or is a heading, or the line after starts an item or a capitalised
    sentence (unless the line before ends with a comma). Up to two blank lines are a
    break inside a paragraph; around a page break any number are (the page's own number,
    blanked, and the margins at the foot of one page and the top of the next: a file's
    pages joined, "... nhiệm vụ / \f / (its number) / / được giao.").
    """
    out: list[Line] = []
    pending: list[Line] = []
    for line in lines:
        if line.blank:
            pending.append(line)
            continue
        if pending and not ((len(pending) <= 2 or any("\f" in ln.text for ln in pending))
                            and out and _continues(out[-1], line)):
            out += pending
        pending = []
        out.append(line)
    out += pending
    # (a line whose number stays is kept: most are, up to the first blank line left out)
    return [line if line.index == k else replace(line, index=k) for k, line in enumerate(out)]


def _continues(before: Line, after: Line) -> bool:
    last = before.text.rstrip(" *_\t")
    first = after.text.lstrip(" *_\t")
    if not last or not first or last.endswith(_SENTENCE_END) or last.isupper():
        return False
    if marker_of(after) is not None or first.isupper():
        return False
    return (first[0].islower() or last.endswith(",") or _name_runs_on(before, after)
            or bool(_OPEN_END.search(before.folded.rstrip(" *_\t"))))


# Words no sentence ends with: "... các đồng chí có tên tại / (blank) / Điều 1 chịu trách
# nhiệm ..." goes on over the blank line an OCR left
_OPEN_END = re.compile(r"(?:^|\s)(?:tai|cua|voi|va|cho|theo|ve|cac|tren|trong|den)$")


def _name_runs_on(before: Line, after: Line) -> bool:
    """ "3. Đề nghị Ủy ban Mặt trận Tổ quốc Thành phố, Hội Liên hiệp / (blank) / Phụ nữ Thành
    phố ...": the line ends two words into a known name the next line goes on with."""
    last = re.findall(r"[a-z0-9]+", before.folded)[-2:]
    first = re.findall(r"[a-z0-9]+", after.folded[:40])[:1]
    return len(last) == 2 and bool(first) and (last[0], last[1], first[0]) in name_trigrams()


def parse_outline(lines: list[Line], *, paragraphs: bool) -> Node:
    """Nodes for every marked line; unmarked lines continue the current node.

    With `paragraphs` (text whose lines are whole paragraphs, not wrapped), an
    unmarked paragraph after a blank line becomes a node of its own under the
    current marked node.
    """
    root = Node("root", "", [])
    stack: list[Node] = [root]
    current: Node = root
    previous_blank = False
    for line in lines:
        if line.blank:
            previous_blank = True
            continue
        marker = marker_of(line)
        if marker is not None and marker[0] == "dash" and not previous_blank and _wraps_a_name(
                current.lines[-1] if current.lines else None, line):
            marker = None
        if marker is None and current is not root and (
            (paragraphs and previous_blank) or (not paragraphs and _indented(current, line))
        ):
            marker = ("para", "", 0)
        if marker is None:
            current.lines.append(line)
            previous_blank = False
            continue
        kind, label, marker_end = marker
        node = Node(kind, label, [line], marker_end)
        rank = node.rank
        while len(stack) > 1 and stack[-1].rank >= rank:
            stack.pop()
        node.parent = stack[-1]
        stack[-1].children.append(node)
        stack.append(node)
        current = node
        previous_blank = False
    _assign_ids(root)
    return root


def _wraps_a_name(before: Line | None, line: Line) -> bool:
    """ "... theo đề nghị của Sở Lao động / - Thương binh và Xã hội ...": a line that starts
    with the dash inside a known name continues the line before; it is no item."""
    if before is None or before.text.rstrip().endswith(_SENTENCE_END):
        return False
    last = re.findall(r"[a-z0-9]+", before.folded)[-1:]
    first = re.match(r"\s*[-–]\s*([a-z0-9]+)", line.folded)
    return bool(last and first and (last[0], first[1]) in dash_joins())


def _indented(current: Node, line: Line) -> bool:
    """A wrapped paragraph's first line, indented as typed under the sentence before:
    "...nhà nước. / ␣␣␣␣␣␣Viện Công nghiệp phần mềm ...: Chuẩn bị ..." (lines wrap flush)."""
    before = current.lines[-1]
    if len(current.lines) < 2 or not before.text.rstrip().endswith(_SENTENCE_END):
        return False
    flush = _indent(before)
    return _indent(line) >= flush + 2 and _indent(current.lines[-2]) == flush


def _indent(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip(" "))


def _assign_ids(root: Node) -> None:
    for node in root.walk():
        if node is root:
            continue
        siblings = node.parent.children
        if node.kind in ("dash", "plus", "para"):
            symbol = {"dash": "-", "plus": "+", "para": "¶"}[node.kind]
            same = [s for s in siblings if s.kind == node.kind]
            own = f"{symbol}{same.index(node) + 1}"
        elif node.kind == "decimal":
            own = node.label.split(".")[-1] if node.parent.kind == "decimal" else node.label
        elif node.kind == "article":
            own = f"Điều {node.label}"
        elif node.kind == "paren":
            own = f"({node.label})"
        elif node.kind == "step":
            own = f"Bước {node.label}"
        else:
            own = node.label
        node.id = f"{node.parent.id}.{own}" if node.parent.id else own


def own_text(node: Node) -> str:
    """The node's own text (its lines, marker removed), wrapped lines joined."""
    pieces = [node.lines[0].text[node.marker_end :]] + [ln.text for ln in node.lines[1:]]
    text = " ".join(piece.strip() for piece in pieces)
    return collapse_spaces(text.replace("**", ""))
