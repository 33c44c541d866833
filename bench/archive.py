"""A varied archive of directive texts for the benchmarks, none a near-copy of another.

Real texts as they are (the devset's texts, the seeds, tests/data), and directives made
by recombining real sections of them: the head (issuer to "Kính gửi") of one, body
passages of two others, the foot ("Nơi nhận", signature) of a fourth. Each comes in the
state asked for: as written, stripped of diacritics, or damaged as an English OCR model
would (each copy with its own damage). Per-process memos of names and syllables then
help only as much as a real archive's shared vocabulary allows.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from vanban.extract.layout import segment
from vanban.extract.lines import split_lines
from vanban.folding import strip_diacritics
from vanban.normalize.diacritics import text_state
from vanban.normalize.garble import garble

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REAL = [SHARED / "devset" / "text", SHARED / "seeds", ROOT / "tests" / "data" / "directives"]
STATES = ("clean", "stripped", "garbled")
# A passage starts at an outline item: "II.", "2.", "2.1.", "a)", "Điều 3."
_ITEM = re.compile(r"^\s*(?:[IVX]+\.|\d+(?:\.\d+)*\.?\s|[a-zđ]\)|Điều\s+\d)")
_PASSAGE_LINES = 30


@dataclass(frozen=True)
class Sample:
    name: str
    state: str  # what it was made as: clean, stripped, garbled
    text: str


@dataclass(frozen=True)
class _Parts:
    head: list[str]
    passages: list[list[str]]
    foot: list[str]


def real_texts() -> list[tuple[str, str]]:
    """(name, text) of every real text, in a fixed order."""
    out = []
    for folder in REAL:
        for path in sorted(folder.glob("*.txt")):
            out.append((f"{folder.name}-{path.stem}", path.read_text(encoding="utf-8-sig")))
    return out


def _parts(text: str) -> _Parts | None:
    lines = split_lines(text)
    layout = segment(lines)
    raw = [ln.text for ln in lines]
    body = raw[layout.body_start : layout.body_end]
    starts = [i for i, line in enumerate(body) if _ITEM.match(line)]
    if layout.body_start == 0 or len(starts) < 2:
        return None
    passages = []
    for a, b in zip(starts, [*starts[1:], len(body)], strict=True):
        passages.append(body[a : min(b, a + _PASSAGE_LINES)])
    return _Parts(raw[: layout.body_start], passages, raw[layout.body_end :])


def _as_clean(text: str) -> str | None:
    return text if text_state(text) == "clean" else None


def recombined(count: int, seed: int = 0) -> list[str]:
    """`count` clean directives, each from sections of four different real ones."""
    sources = [p for _, t in real_texts() if (c := _as_clean(t)) and (p := _parts(c))]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        head, a, b, foot = rng.sample(sources, 4)
        body = []
        for donor in (a, b):
            first = rng.randrange(len(donor.passages))
            body += [line for passage in donor.passages[first : first + rng.randint(2, 5)]
                     for line in passage]
        out.append("\n".join(head.head + body + foot.foot) + "\n")
    return out


def in_state(text: str, state: str, seed: int) -> str:
    if state == "stripped":
        return strip_diacritics(text)
    if state == "garbled":
        return garble(text, seed=seed)
    return text


def archive(per_state: int, seed: int = 0) -> list[Sample]:
    """`per_state` documents in each state: the real texts first, then recombined ones."""
    real = [(name, t) for name, t in real_texts() if _as_clean(t)]
    as_given = {name: t for name, t in real_texts()}
    made = recombined(per_state * len(STATES), seed)
    samples = []
    for k, state in enumerate(STATES):
        group: list[Sample] = []
        if state != "clean":  # a seed that came stripped or garbled is that state's own
            group += [Sample(n, state, t) for n, t in as_given.items() if text_state(t) == state]
        group += [Sample(f"{n}.{state}", state, in_state(t, state, seed + i))
                  for i, (n, t) in enumerate(real)]
        for i, text in enumerate(made[k * per_state :]):  # each state its own recombinations
            if len(group) >= per_state:
                break
            made_text = in_state(text, state, seed + i)
            group.append(Sample(f"made-{k}-{i:03d}.{state}", state, made_text))
        samples += group[:per_state]
    return samples


def write(samples: list[Sample], folder: Path) -> list[Path]:
    paths = []
    for sample in samples:
        path = folder / sample.state / f"{sample.name}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sample.text, encoding="utf-8")
        paths.append(path)
    return paths
