"""Diacritic restoration benchmark: vanban.normalize.diacritics against pyvi.

First, real text no part of the model was built from: the devset's texts
(../shared/devset/text, real directives of offices the project never trained on) and the
clean seeds, stripped of their diacritics and restored document by document. Scored per
syllable and per word class (codes of document symbols, agency and title words, other
capitalised names, common words) beside pyvi on the same text, with the 30 most frequent
confusions. These texts are for evaluation only: the model builder never reads them.

Then, on held-out directive text (never used to build the model) made (a) stripped and
(b) garbled by the seeded synthetic garbler, prints syllable accuracy, word accuracy
and syllables per second for both systems, and their ratios. Both figures are of one pass
over text neither system has seen: "syll/s" by wall time, "cpu syl/s" by CPU time
(`time.process_time`); vanban's per-word memos are emptied before each pass.

The last section measures `repair_ocr` (look-alike slips of our own Vietnamese OCR) on
the same held-out text damaged by `ocr_confuse` at 10% of the syllables: syllable
accuracy before and after repair, the share of the injected slips fixed, and the false-
change rate on the clean text, side by side with `restore`, which leaves it as it is.

Then the devset's texts an English OCR model wrote, restored, against vanban's own OCR
of the same scans (a floor: that reading has errors of its own); and the devset's PDFs
whose text it has clean, read page by page by Tesseract's English model, restored,
against that text (the confusion table was never read from these); and the held-out
sentences and seeds set in type in three ways and read by the same model.

    python bench/restore.py [--seed 7] [--real-only] [--foreign-only] [--ocr-cache DIR]
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vanban.normalize import diacritics
from vanban.normalize.diacritics import restore, text_state
from vanban.normalize.garble import garble, ocr_confuse
from vanban.normalize.heldout import find_shared, heldout_lines
from vanban.normalize.language_model import get_model
from vanban.normalize.ocr_repair import repair_ocr
from vanban.normalize.syllables import fold, has_marks, normalize_syllable, strip_marks

_EDGE = "\"'“”‘’()[]{},.;:!?…-–—/%"


def _syllables(text: str) -> list[str]:
    out = []
    for chunk in text.split():
        core = chunk.strip(_EDGE)
        if core and any(c.isalpha() for c in core):
            out.append(normalize_syllable(core.lower()))
    return out


@dataclass
class Score:
    syllables: int = 0
    correct: int = 0
    words: int = 0
    words_correct: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0

    @property
    def syllable_accuracy(self) -> float:
        return self.correct / self.syllables if self.syllables else 0.0

    @property
    def word_accuracy(self) -> float:
        return self.words_correct / self.words if self.words else 0.0

    @property
    def speed(self) -> float:
        return self.syllables / self.seconds if self.seconds else 0.0

    @property
    def cpu_speed(self) -> float:
        return self.syllables / self.cpu_seconds if self.cpu_seconds else 0.0


def _word_spans(gold_line: str) -> list[int]:
    """Number of syllables of each dictionary word of the line (pyvi's segmenter)."""
    from pyvi import ViTokenizer

    sizes = []
    for token in ViTokenizer.tokenize(gold_line).split():
        core = token.strip(_EDGE)
        if core and any(c.isalpha() for c in core):
            sizes.append(core.count("_") + 1)
    return sizes


def _align(gold: list[str], got: list[str]) -> list[bool]:
    """Per gold syllable, whether the output has it (aligned on folded forms)."""
    if len(gold) == len(got):
        return [g == o for g, o in zip(gold, got, strict=True)]
    ok = [False] * len(gold)
    matcher = difflib.SequenceMatcher(a=[fold(g) for g in gold], b=[fold(o) for o in got])
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            ok[block.a + k] = gold[block.a + k] == got[block.b + k]
    return ok


def score(system: Callable[[str], str], gold: list[str], noisy: list[str]) -> Score:
    result = Score()
    outputs = []
    _forget()
    started, cpu = time.perf_counter(), time.process_time()
    for line in noisy:
        outputs.append(system(line))
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - cpu
    for gold_line, out in zip(gold, outputs, strict=True):
        gold_syl = _syllables(gold_line)
        ok = _align(gold_syl, _syllables(out))
        result.syllables += len(gold_syl)
        result.correct += sum(ok)
        pos = 0
        sizes = _word_spans(gold_line)
        if sum(sizes) != len(gold_syl):  # segmenter disagreed on tokens: count syllables
            sizes = [1] * len(gold_syl)
        for size in sizes:
            result.words += 1
            result.words_correct += all(ok[pos : pos + size])
            pos += size
    return result


def _forget() -> None:
    """Empty vanban's per-word memos (the model and its search tables stay, as in a
    worker): the next pass is first-seen."""
    diacritics.tables().forget()


def vanban_restore(text: str) -> str:
    return restore(text).text


def pyvi_restore(text: str) -> str:
    from pyvi import ViUtils

    try:
        return ViUtils.add_accents(text)
    except KeyError:  # pyvi's decoder fails on some character sequences: go word by word
        out = []
        for chunk in text.split(" "):
            try:
                out.append(ViUtils.add_accents(chunk))
            except KeyError:
                out.append(chunk)
        return " ".join(out)


def run(seed: int = 7) -> dict[str, tuple[Score, Score]]:
    gold = heldout_lines()
    started = time.perf_counter()
    get_model().warm()  # the n-gram tables too, which are otherwise built on first use
    load = time.perf_counter() - started
    pyvi_restore("khoi dong")  # load pyvi's model outside the timed loop
    print(f"held-out lines: {len(gold)}, syllables: {sum(len(_syllables(g)) for g in gold)}")
    print(f"model load: {load:.2f} s")
    variants = {
        "stripped": [strip_marks(g) for g in gold],
        "garbled": [garble(g, seed=seed + i) for i, g in enumerate(gold)],
    }
    results = {}
    head = (
        f"{'text':9} {'system':7} {'syll acc':>9} {'word acc':>9} {'syll/s':>9}"
        f" {'cpu syl/s':>10}"
    )
    print(head)
    for name, noisy in variants.items():
        ours = score(vanban_restore, gold, noisy)
        theirs = score(pyvi_restore, gold, noisy)
        for label, s in (("vanban", ours), ("pyvi", theirs)):
            print(
                f"{name:9} {label:7} {s.syllable_accuracy:9.2%} {s.word_accuracy:9.2%}"
                f" {s.speed:9.0f} {s.cpu_speed:10.0f}"
            )
        ratios = (
            ours.syllable_accuracy / max(theirs.syllable_accuracy, 1e-9),
            ours.word_accuracy / max(theirs.word_accuracy, 1e-9),
            ours.speed / max(theirs.speed, 1e-9),
            ours.cpu_speed / max(theirs.cpu_speed, 1e-9),
        )
        print(
            f"{name:9} {'ratio':7} {ratios[0]:9.3f} {ratios[1]:9.3f} {ratios[2]:9.3f}"
            f" {ratios[3]:10.3f}"
        )
        results[name] = (ours, theirs)
    run_repair(gold, seed)
    return results


@dataclass
class Repair:
    syllables: int = 0  # of the damaged text
    before: int = 0  # correct as damaged
    after: int = 0  # correct after repair
    injected: int = 0
    fixed: int = 0
    clean: int = 0  # syllables of the clean text
    false_changes: int = 0
    cpu_seconds: float = 0.0


def _repair_score(system: Callable[[str], str], gold: list[str], noisy: list[str]) -> Repair:
    r = Repair()
    for gold_line, noisy_line in zip(gold, noisy, strict=True):
        want, seen = _syllables(gold_line), _syllables(noisy_line)
        got = _syllables(system(noisy_line))
        ok_before, ok_after = _align(want, seen), _align(want, got)
        r.syllables += len(want)
        r.before += sum(ok_before)
        r.after += sum(ok_after)
        r.injected += ok_before.count(False)
        r.fixed += sum(1 for b, a in zip(ok_before, ok_after, strict=True) if a and not b)
        clean_ok = _align(want, _syllables(system(gold_line)))
        r.clean += len(want)
        r.false_changes += clean_ok.count(False)
    _forget()
    started = time.process_time()
    for line in noisy:
        system(line)
    r.cpu_seconds = time.process_time() - started
    return r


def run_repair(gold: list[str], seed: int = 7, rate: float = 0.1) -> dict[str, Repair]:
    """Look-alike OCR slips: accuracy before/after, fixed share, false changes."""
    noisy = [ocr_confuse(g, seed=seed + i, rate=rate) for i, g in enumerate(gold)]
    systems: dict[str, Callable[[str], str]] = {
        "repair_ocr": lambda t: repair_ocr(t).text,
        "restore": vanban_restore,
    }
    print(f"\nOCR look-alike slips (ocr_confuse, rate {rate:.0%} of syllables)")
    print(
        f"{'system':10} {'acc before':>10} {'acc after':>10} {'fixed':>13}"
        f" {'false chg':>10} {'cpu syl/s':>10}"
    )
    out = {}
    for name, system in systems.items():
        r = _repair_score(system, gold, noisy)
        fixed = f"{r.fixed}/{r.injected} {r.fixed / max(r.injected, 1):4.0%}"
        print(
            f"{name:10} {r.before / r.syllables:10.2%} {r.after / r.syllables:10.2%}"
            f" {fixed:>13} {r.false_changes / r.clean:10.3%}"
            f" {r.syllables / max(r.cpu_seconds, 1e-9):10.0f}"
        )
        out[name] = r
    return out


# -- real documents ------------------------------------------------------------------

CLASSES = ("code", "agency", "name", "common")
_SENTENCE_END = ".:;!?…"


def real_documents() -> dict[str, list[tuple[str, str]]]:
    """{"devset": [(name, text)], "seeds": [...]}: real directive text with diacritics."""
    shared = find_shared()
    if shared is None:
        return {}
    out: dict[str, list[tuple[str, str]]] = {}
    for source, folder in (("devset", shared / "devset" / "text"), ("seeds", shared / "seeds")):
        docs = []
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text("utf-8")
            # A text layer an English OCR wrote, or a text typed stripped, is no gold.
            if text_state(text) == "clean":
                docs.append((path.name, text))
        if docs:
            out[source] = docs
    return out


def _agency_phrases() -> set[tuple[str, ...]]:
    """Lower-case syllable sequences of the agency and title tables (bench classes only)."""
    from importlib import resources

    phrases: set[tuple[str, ...]] = set()
    for table in ("agencies.txt", "admin_words.txt"):
        text = resources.files("vanban.data").joinpath(table).read_text("utf-8")
        for line in text.splitlines():
            if line.startswith("#"):
                continue
            for level in ("tỉnh", "thành phố", "huyện", "xã", "phường"):
                words = _syllables(line.replace("{tỉnh}", level))
                if words:
                    phrases.add(tuple(words))
    return phrases


def word_classes(gold_line: str, phrases: set[tuple[str, ...]], longest: int) -> list[str]:
    """Per gold syllable: "code" (document symbol, has a digit or a dash), "agency" (inside
    a phrase of the agency and title tables), "name" (capitalised, not sentence-initial),
    else "common"."""
    cores: list[tuple[str, bool]] = []  # (core, starts a sentence)
    initial = True
    for chunk in gold_line.split():
        core = chunk.strip(_EDGE)
        if core and any(c.isalpha() for c in core):
            cores.append((core, initial))
        initial = bool(chunk) and (chunk[-1] in _SENTENCE_END or not cores)
    sylls = [normalize_syllable(c.lower()) for c, _ in cores]
    classes = ["common"] * len(cores)
    i = 0
    while i < len(sylls):
        for n in range(min(longest, len(sylls) - i), 1, -1):
            if tuple(sylls[i : i + n]) in phrases:
                classes[i : i + n] = ["agency"] * n
                i += n
                break
        else:
            i += 1
    for k, (core, first) in enumerate(cores):
        if any(c.isdigit() for c in core) or re.search(r"\w[-/]\w", core):
            classes[k] = "code"
        elif classes[k] == "common" and core[:1].isupper() and not first:
            classes[k] = "name"
    return classes


@dataclass
class RealScore:
    by_class: Counter  # class → syllables
    correct: Counter  # class → correct syllables
    confusions: Counter  # (gold, got) → count
    cpu_seconds: float = 0.0

    @property
    def total(self) -> float:
        n = sum(self.by_class.values())
        return sum(self.correct.values()) / n if n else 0.0

    def accuracy(self, cls: str) -> float:
        n = self.by_class[cls]
        return self.correct[cls] / n if n else 0.0


def _got_syllables(gold: list[str], got: list[str]) -> list[str | None]:
    """Per gold syllable, the output syllable aligned with it (None when there is none)."""
    if len(gold) == len(got):
        return list(got)
    out: list[str | None] = [None] * len(gold)
    matcher = difflib.SequenceMatcher(a=[fold(g) for g in gold], b=[fold(o) for o in got])
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            out[block.a + k] = got[block.b + k]
    return out


def score_real(
    system: Callable[[str], str], docs: list[tuple[str, str]], *, whole: bool = True
) -> RealScore:
    """Restore each stripped document (whole, or line by line for a system that cannot
    take layout) and compare it line by line with its original."""
    phrases = _agency_phrases()
    longest = max(len(p) for p in phrases)
    result = RealScore(Counter(), Counter(), Counter())
    _forget()
    for _name, text in docs:
        stripped = strip_marks(text)
        started = time.process_time()
        if whole:
            restored = system(stripped).split("\n")
        else:
            restored = [system(line) if line.strip() else line for line in stripped.split("\n")]
        result.cpu_seconds += time.process_time() - started
        for gold_line, out_line in zip(text.split("\n"), restored, strict=True):
            if not has_marks(gold_line) and not re.search(r"[a-zA-Z]", gold_line):
                continue
            gold = _syllables(gold_line)
            got = _got_syllables(gold, _syllables(out_line))
            for g, o, cls in zip(gold, got, word_classes(gold_line, phrases, longest), strict=True):
                result.by_class[cls] += 1
                if g == o:
                    result.correct[cls] += 1
                else:
                    result.confusions[(g, o or "∅")] += 1
    return result


def run_real(top: int = 30) -> dict[str, dict[str, RealScore]]:
    """Real documents stripped: accuracy per class beside pyvi, and the top confusions."""
    started = time.perf_counter()
    get_model().warm()
    tables = diacritics.tables()  # the restorer's lexicons, built on first use otherwise
    tables.units, tables.common_words, tables.name_ids  # noqa: B018
    load = time.perf_counter() - started
    docs = real_documents()
    if not docs:
        print("no ../shared: real-document section skipped")
        return {}
    try:
        pyvi_restore("khoi dong")
        systems: dict[str, tuple[Callable[[str], str], bool]] = {
            "vanban": (vanban_restore, True), "pyvi": (pyvi_restore, False)}
    except ImportError:
        print("pyvi not installed (pip install '.[bench]'): vanban only")
        systems = {"vanban": (vanban_restore, True)}
    print(f"\nReal directives, stripped (text never trained on); model + lexicon load {load:.2f} s")
    head = f"{'text':7} {'system':7} {'syllables':>9} {'all':>7}" + "".join(
        f" {c:>7}" for c in CLASSES) + f" {'cpu syl/s':>10}"
    print(head)
    results: dict[str, dict[str, RealScore]] = {}
    for source, items in docs.items():
        results[source] = {}
        for label, (system, whole) in systems.items():
            r = score_real(system, items, whole=whole)
            n = sum(r.by_class.values())
            print(
                f"{source:7} {label:7} {n:9d} {r.total:7.2%}"
                + "".join(f" {r.accuracy(c):7.2%}" for c in CLASSES)
                + f" {n / max(r.cpu_seconds, 1e-9):10.0f}"
            )
            results[source][label] = r
        print("        " + "  ".join(f"{c}: {results[source]['vanban'].by_class[c]}"
                                      for c in CLASSES))
    for source, by_system in results.items():
        confusions = by_system["vanban"].confusions
        print(f"\n{top} most frequent confusions of vanban on {source} (gold → restored):")
        rows = [f"{g} → {o} ×{n}" for (g, o), n in confusions.most_common(top)]
        for k in range(0, len(rows), 3):
            print("  " + " | ".join(rows[k : k + 3]))
    return results


def _devset_pdfs(state: str) -> list[tuple[str, str, Path]]:
    """(name, text, PDF) of the devset's texts in `state` that have a PDF beside them."""
    shared = find_shared()
    if shared is None:
        return []
    out = []
    for path in sorted((shared / "devset" / "text").glob("*.txt")):
        text = path.read_text("utf-8-sig")
        pdf = shared / "devset" / "files" / f"{path.stem}.pdf"
        if text_state(text) == state and pdf.exists():
            out.append((path.stem, text, pdf))
    return out


def run_foreign_ocr() -> dict[str, float]:
    """The devset's texts an English OCR model wrote (a scan's own text layer), restored,
    against vanban's own Vietnamese OCR of the same scan: no gold exists for them, and
    that reading is right at about 98% of syllables, so the figure is a floor. Syllables
    are aligned by their folded form where both readings have as many in a stretch."""
    from vanban.ingest.loader import IngestOptions, load

    pairs = [(text, load(scan, IngestOptions(ocr="always")).text)
             for _stem, text, scan in _devset_pdfs("garbled")]
    if not pairs:
        return {}
    systems = {"vanban": vanban_restore}
    try:
        pyvi_restore("khoi dong")
        systems["pyvi"] = pyvi_restore
    except ImportError:
        pass
    print(f"\nReal English-model OCR text layers ({len(pairs)} of the devset), restored, "
          "against vanban's Vietnamese OCR of the same scans")
    results = {}
    for label, system in systems.items():
        right = total = 0
        for garbled, reference in pairs:
            got = _syllables(system(garbled) if label == "vanban" else "\n".join(
                system(line) if line.strip() else line for line in garbled.split("\n")))
            r, t, _ = _aligned_score(_syllables(reference), got)
            right, total = right + r, total + t
        results[label] = right / max(total, 1)
        print(f"  {label:7} {results[label]:7.2%} of {total} aligned syllables")
    return results


def _english_ocr(pdf: Path, cache: Path | None) -> str:
    """Tesseract's English model's reading of every page of `pdf` (300 dpi, gray), kept
    in `cache` when one is given: some ten seconds a page."""
    import subprocess
    import tempfile

    kept = cache / f"{pdf.stem}.eng.txt" if cache else None
    if kept is not None and kept.exists():
        return kept.read_text("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(pdf), f"{tmp}/p"],
                       check=True)
        pages = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        text = "\n".join(
            subprocess.run(["tesseract", str(page), "stdout", "-l", "eng"], check=True,
                           capture_output=True, text=True,
                           env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"}).stdout
            for page in pages)
    if kept is not None:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(text, "utf-8")
    return text


def _aligned_score(want: list[str], got: list[str]) -> tuple[int, int, Counter]:
    """(right, total, confusions) over the stretches where both texts have as many
    syllables (aligned on folded forms): what one OCR dropped or added is not counted."""
    matcher = difflib.SequenceMatcher(
        a=[fold(w) for w in want], b=[fold(w) for w in got], autojunk=False)
    right = total = 0
    confusions: Counter = Counter()
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag in ("equal", "replace") and a1 - a0 == b1 - b0:
            total += a1 - a0
            for a, b in zip(range(a0, a1), range(b0, b1), strict=True):
                if want[a] == got[b]:
                    right += 1
                else:
                    confusions[(want[a], got[b])] += 1
    return right, total, confusions


def run_english_ocr(cache: Path | None = None, top: int = 30) -> dict[str, float]:
    """The devset's PDFs whose text the devset has clean, each page read by Tesseract's
    English model (`eng`, as someone else's OCR would), restored, against that text: a
    real English-model garble of documents the confusion table was not read from."""
    import shutil
    import subprocess

    if not shutil.which("pdftoppm") or "eng" not in subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split():
        print("no pdftoppm or tesseract's eng model: English OCR section skipped")
        return {}
    pairs = [(stem, gold, _english_ocr(pdf, cache)) for stem, gold, pdf in _devset_pdfs("clean")]
    if not pairs:
        return {}
    systems: dict[str, Callable[[str], str]] = {"vanban": vanban_restore}
    try:
        pyvi_restore("khoi dong")
        systems["pyvi"] = lambda text: "\n".join(
            pyvi_restore(line) if line.strip() else line for line in text.split("\n"))
    except ImportError:
        pass
    print(f"\nTesseract's English model on {len(pairs)} of the devset's PDFs "
          f"({', '.join(name for name, _, _ in pairs)}), restored, against their text")
    results = {}
    for label, system in (("as read", lambda text: text), *systems.items()):
        right = total = 0
        confusions: Counter = Counter()
        _forget()
        for _name, gold, garbled in pairs:
            r, t, c = _aligned_score(_syllables(gold), _syllables(system(garbled)))
            right, total, confusions = right + r, total + t, confusions + c
        results[label] = right / max(total, 1)
        print(f"  {label:7} {results[label]:7.2%} of {total} aligned syllables")
        if label == "vanban":
            rows = [f"{g} → {o} ×{n}" for (g, o), n in confusions.most_common(top)]
            print(f"  {top} most frequent confusions of vanban (gold → restored):")
            for k in range(0, len(rows), 3):
                print("    " + " | ".join(rows[k : k + 3]))
    return results


# Typefaces, resolutions and blur the held-out text is set in for `run_rendered`: the
# serif of directives (Nghị định 30 asks for Times New Roman; Liberation Serif has its
# metrics) at a scan's 300 dpi and at 200 dpi a little blurred, and a sans-serif at 200 dpi
# and 300 dpi, and DejaVu Serif at 250 dpi.
_FONTS = "/usr/share/fonts/truetype/"
RENDERINGS = {
    "serif 300 dpi": (_FONTS + "liberation2/LiberationSerif-Regular.ttf", 300, 50, 0.0),
    "sans 200 dpi": (_FONTS + "dejavu/DejaVuSans.ttf", 200, 30, 0.0),
    "serif 200 dpi, blurred": (_FONTS + "liberation2/LiberationSerif-Regular.ttf", 200, 36, 0.7),
    # round eight: a sans-serif at a scan's resolution (Arial's metrics: forms and tables
    # are often set in it) and a serif of other shapes
    "sans 300 dpi": (_FONTS + "liberation2/LiberationSans-Regular.ttf", 300, 42, 0.0),
    "DejaVu Serif 250 dpi": (_FONTS + "dejavu/DejaVuSerif.ttf", 250, 36, 0.0),
}


def _rendered_pages(font: str, dpi: int, size: int, blur: float, lines: list[str],
                    cache: Path | None, tag: str) -> list[tuple[str, str]]:
    """(text set, Tesseract's English reading) of each A4 page of `lines`."""
    import subprocess
    import tempfile

    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    width, height = int(8.27 * dpi), int(11.69 * dpi)  # A4
    margin, lead = int(0.6 * dpi), int(size * 1.45)
    per = (height - 2 * margin) // lead
    face = ImageFont.truetype(font, size)
    pages = []
    for k in range(0, len(lines), per):
        text = "\n".join(lines[k : k + per])
        kept = cache / f"{tag}-{k // per:02d}.eng.txt" if cache else None
        if kept is not None and kept.exists():
            pages.append((text, kept.read_text("utf-8")))
            continue
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        for i, line in enumerate(lines[k : k + per]):
            draw.text((margin, margin + i * lead), line, font=face, fill=0)
        if blur:
            image = image.filter(ImageFilter.GaussianBlur(blur))
        with tempfile.TemporaryDirectory() as tmp:
            png = Path(tmp) / "page.png"
            image.save(png, dpi=(dpi, dpi))
            read = subprocess.run(
                ["tesseract", str(png), "stdout", "-l", "eng", "--dpi", str(dpi)], check=True,
                capture_output=True, text=True,
                env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"}).stdout
        if kept is not None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.write_text(read, "utf-8")
        pages.append((text, read))
    return pages


def run_rendered(cache: Path | None = None, top: int = 20) -> dict[str, float]:
    """The held-out sentences and the clean seeds (never trained on) set in type, page by
    page, and read by Tesseract's English model, restored, against the text set: real
    English OCR of text neither the model nor the confusion table was made from."""
    import shutil
    import textwrap

    if not shutil.which("tesseract") or not Path(RENDERINGS["serif 300 dpi"][0]).exists():
        print("no tesseract or fonts (scripts/setup.sh): rendered section skipped")
        return {}
    lines = [part for line in heldout_lines() for part in textwrap.wrap(line, 64)]
    print(f"\nHeld-out text set in type ({len(lines)} lines), read by Tesseract's English model,"
          " restored, against the text set")
    results = {}
    for label, (font, dpi, size, blur) in RENDERINGS.items():
        tag = re.sub(r"\W+", "-", label).strip("-")
        pages = _rendered_pages(font, dpi, size, blur, lines, cache, tag)
        right = total = 0
        confusions: Counter = Counter()
        _forget()
        for gold, read in pages:
            r, t, c = _aligned_score(_syllables(gold), _syllables(vanban_restore(read)))
            right, total, confusions = right + r, total + t, confusions + c
        results[label] = right / max(total, 1)
        print(f"  {label:24} {results[label]:7.2%} of {total} aligned syllables")
        print("    " + " | ".join(f"{g} → {o} ×{n}" for (g, o), n in confusions.most_common(top)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repair-only", action="store_true", help="only the OCR repair section")
    parser.add_argument("--real-only", action="store_true", help="only the real-document section")
    parser.add_argument("--foreign-only", action="store_true",
                        help="only the real English-model OCR sections")
    parser.add_argument("--ocr-cache", type=Path,
                        help="keep Tesseract's English readings (devset PDFs, pages set) here")
    args = parser.parse_args()
    if args.foreign_only:
        run_foreign_ocr()
        run_english_ocr(args.ocr_cache)
        run_rendered(args.ocr_cache)
    elif args.real_only:
        run_real()
    elif args.repair_only:
        run_repair(heldout_lines(), args.seed)
    else:
        run_real()
        run_foreign_ocr()
        run_english_ocr(args.ocr_cache)
        run_rendered(args.ocr_cache)
        run(args.seed)


if __name__ == "__main__":
    main()
