"""How Tesseract's English model writes Vietnamese letters: the measure behind
`ocr_confusions.ONE_ACCENT_COSTS` and `ONE_ACCENT_LOST`.

The restoration model's own training sentences (`scripts/corpus/`: text the model is built
from, never an evaluation text) are set in Liberation Serif at 300 dpi, page by page, and
read back by `tesseract -l eng`; each word read is aligned with the word set (on their
forms without marks), and for words of the same length each letter read is counted
against the letter set. Prints, per Vietnamese letter, what it came out as, and per letter
read, what it stood for; with --words, the words whose length changed most often.

    python scripts/measure_ocr_channel.py [--pages 43] [--keep DIR] [--words]

Needs Pillow, tesseract with its `eng` data and fonts-liberation2 (scripts/setup.sh);
some two seconds a page.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
import tempfile
import textwrap
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vanban.normalize.syllables import strip_marks  # noqa: E402

CORPUS = ("restore_sectors.txt", "restore_directives.txt")
FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
WIDTH, HEIGHT, MARGIN, LEADING = 2480, 3508, 200, 75  # A4 at 300 dpi
_EDGE = "\"'“”‘’()[]{},.;:!?…-–—/%"
_MARKED = "àáảãạâầấẩẫậăằắẳẵặèéẻẽẹêềếểễệòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựìíỉĩịỳýỷỹỵđ"


def pages() -> list[list[str]]:
    """The corpus's sentences wrapped at 68 characters, 41 lines a page."""
    lines: list[str] = []
    for name in CORPUS:
        for line in (ROOT / "scripts" / "corpus" / name).read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                lines += textwrap.wrap(line, 68)
    per = (HEIGHT - 2 * MARGIN) // LEADING
    return [lines[i : i + per] for i in range(0, len(lines), per)]


def read_page(lines: list[str], size: int, folder: Path) -> str:
    """Tesseract's English reading of `lines` set at `size` pixels (54: 13 pt)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), size)
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    for k, line in enumerate(lines):
        draw.text((MARGIN, MARGIN + k * LEADING), line, font=font, fill=0)
    png = folder / "page.png"
    image.save(png, dpi=(300, 300))
    return subprocess.run(["tesseract", str(png), "stdout", "-l", "eng"], check=True,
                          capture_output=True, text=True,
                          env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"}).stdout


def _words(text: str) -> list[str]:
    words = (w.strip(_EDGE) for w in unicodedata.normalize("NFC", text).lower().split())
    return [w for w in words if w]


def count(pairs: list[tuple[str, str]]) -> tuple[Counter, Counter]:
    """(letter set, letter read) counts over words of one length, and (word set, word
    read) counts over all aligned words."""
    letters: Counter = Counter()
    words: Counter = Counter()
    for gold, read in pairs:
        want, got = _words(gold), _words(read)
        matcher = difflib.SequenceMatcher(a=[strip_marks(w) for w in want],
                                          b=[strip_marks(w) for w in got], autojunk=False)
        for _tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if a1 - a0 != b1 - b0:
                continue
            for a, b in zip(range(a0, a1), range(b0, b1), strict=True):
                words[(want[a], got[b])] += 1
                if len(want[a]) == len(got[b]):
                    letters.update(zip(want[a], got[b], strict=True))
    return letters, words


def report(letters: Counter, words: Counter, *, show_words: bool) -> None:
    by_letter: dict[str, Counter] = defaultdict(Counter)
    by_read: dict[str, Counter] = defaultdict(Counter)
    for (letter, read), n in letters.items():
        by_letter[letter][read] += n
        by_read[read][letter] += n
    print("letter set → as read (share)")
    for letter in _MARKED:
        row = by_letter.get(letter)
        if row:
            total = sum(row.values())
            print(f"  {letter} {total:5d}  " + " ".join(
                f"{r}:{n / total:.2f}" for r, n in row.most_common(6)))
    print("letter read → what it stood for (share), for those that are not plain letters")
    for read, row in sorted(by_read.items(), key=lambda kv: -sum(kv[1].values())):
        if read.isascii() and read.isalpha() and len(by_letter.get(read, ())) <= 1:
            continue
        total = sum(row.values())
        print(f"  {read} {total:5d}  " + " ".join(
            f"{x}:{n / total:.3f}" for x, n in row.most_common(10)))
    if show_words:
        print("words read with another length")
        changed = Counter({k: n for k, n in words.items() if len(k[0]) != len(k[1])})
        for (gold, read), n in changed.most_common(40):
            print(f"  {gold} → {read} ×{n}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0, help="at most this many (0: all)")
    parser.add_argument("--keep", type=Path, help="keep each page's text and reading here")
    parser.add_argument("--words", action="store_true", help="list words read longer or shorter")
    args = parser.parse_args()
    corpus = pages()[: args.pages or None]
    pairs = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, lines in enumerate(corpus):
            read = read_page(lines, 54 if k % 2 == 0 else 58, Path(tmp))  # 13 and 14 pt
            pairs.append(("\n".join(lines), read))
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"p{k:02d}.gold.txt").write_text(pairs[-1][0], "utf-8")
                (args.keep / f"p{k:02d}.eng.txt").write_text(read, "utf-8")
    letters, words = count(pairs)
    print(f"{len(corpus)} pages, {sum(words.values())} words aligned")
    report(letters, words, show_words=args.words)


if __name__ == "__main__":
    main()
