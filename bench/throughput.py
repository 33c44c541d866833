"""Documents per second through `process` on documents the process has never seen.

Every measurement runs in a fresh process: it starts (imports, the restoration model
and lexicons, a made-up letter and one tiny text, none of it counted), then reads each
document of one state once. So no
figure is helped by a memo of the same document; only by what earlier documents of
the run share with it, as on a long-running worker. The archive is varied
(bench/archive.py): the devset's and the seeds' texts, and directives recombined from
their sections, each clean, stripped and garbled.

`vanban extract --ocr never` over the devset's PDFs that have a text layer is set
against `pdftotext -layout` over the same files (CPU time of each, one process for the
folder, as a user would run it); and again without those whose text layer vanban keeps
only because OCR is off (fonts that map no Unicode: pdftotext prints their codes).

The command line keeps what it compiles as it starts (`vanban/start_cache.py`) and the
restorer's tables (`vanban/user_cache.py`) in the user's cache folder between runs, as
Python keeps byte code: the bench gives each tree a cache folder of its own, filled
before measuring by a run on a clean, a stripped and a garbled document, as earlier runs
leave it; the one-file start is also measured with an empty one (a first run ever).

CPU time (what the process spent, whatever else the machine did) is printed beside
wall time and the load average. `--against DIR` runs another source tree (e.g. the
commit before a change, `git archive main | tar -x -C /tmp/base`) turn by turn with
this one, on the same documents, so drift of a shared machine hits both alike.

    python bench/throughput.py [--per-state 60] [--rounds 2] [--against DIR] [--real-only]

The recombined directives share passages (a few real texts give all their sections), so
a memo that outlives a document finds more there than in an archive of distinct letters:
`--real-only` measures the real texts alone (17 to 19 a state), where it finds only what
distinct directives share.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TREE = HERE.parent
TARGETS = {"clean": 100.0, "stripped": 40.0, "garbled": 40.0}
START_TARGET = 0.35  # seconds, `vanban extract one.txt`
PDF_TARGET = 3.0  # `vanban extract` CPU over pdftotext's, text-layer PDFs
PDFS = TREE.parent / "shared" / "devset" / "files"
_TEXT_LAYER_CHARS = 1000  # what pdftotext finds on a page of a text PDF, at least


_WARM_LETTER = """ỦY BAN NHÂN DÂN TỈNH THỬ
Số: 1/UBND-VP
V/v chạy thử
Thử, ngày 01 tháng 01 năm 2020

Kính gửi: Hợp tác xã Ánh Dương.

1. Hợp tác xã Ánh Dương chủ trì, báo cáo trước ngày 15/01/2020.

Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Thị Bình
"""


def _worker(paths: list[Path]) -> None:
    """In the fresh process: start, then each document once; print the costs as JSON."""
    wall, cpu = time.perf_counter(), time.process_time()
    import unicodedata

    from vanban import process, process_text
    from vanban.normalize.language_model import get_model

    model = get_model()
    if hasattr(type(model), "warm"):  # n-gram tables built on first use: build them now
        model.warm()
    from vanban.normalize import diacritics

    tables = diacritics.tables()  # and the restorer's lexicons, built on first use too
    tables.units, tables.common_words, tables.name_ids  # noqa: B018
    # and the garbled-word search's trie (0.1 s), which the first damaged word builds
    getattr(tables.index, "native", None)
    # What a worker has done before: one letter, made up, read from a file, so the tables
    # every document reaches for are built (agency names and their lexicon, the
    # gazetteer, family names, legacy encodings), as a long-running worker has them.
    with tempfile.TemporaryDirectory(prefix="vanban-warm-") as tmp:
        letter = Path(tmp) / "warm.txt"
        letter.write_text(_WARM_LETTER, encoding="utf-8")
        process(letter)
    process_text("UBND TỈNH X\nSố: 1/UBND\nV/v thử\n")
    start = {"start_wall": time.perf_counter() - wall, "start_cpu": time.process_time() - cpu}
    cpu = time.process_time()
    for path in paths:
        unicodedata.normalize("NFC", path.read_bytes().decode("utf-8-sig"))
    read = time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        process(path)
    print(json.dumps({
        **start,
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "read_cpu": read,
        "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }))


def _measure(tree: Path, paths: list[Path]) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree), "OMP_THREAD_LIMIT": "1"}
    out = subprocess.run(
        [sys.executable, __file__, "--worker", *map(str, paths)],
        env=env, capture_output=True, text=True, check=False, cwd=tree,
    )
    if out.returncode:
        raise SystemExit(f"worker on {tree} failed:\n{out.stderr[-2000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["load"] = os.getloadavg()[0]
    return result


def _env(tree: Path, cache: Path) -> dict[str, str]:
    """The environment of a `vanban` command of `tree`, with `cache` as its cache folder."""
    return {**os.environ, "PYTHONPATH": str(tree), "XDG_CACHE_HOME": str(cache)}


def _one_file_start(tree: Path, path: Path, cache: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `vanban extract FILE` in a new process."""
    started = time.perf_counter()
    cpu = _cpu_of([sys.executable, "-m", "vanban", "extract", str(path)],
                  env=_env(tree, cache), cwd=tree)
    return time.perf_counter() - started, cpu


def _first_run_start(tree: Path, path: Path) -> tuple[float, float]:
    """`_one_file_start` with an empty cache folder: the first run ever."""
    with tempfile.TemporaryDirectory(prefix="vanban-cache-") as cache:
        return _one_file_start(tree, path, Path(cache))


def _cpu_of(
    command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> float:
    """CPU seconds a command spent (its children's included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True, cwd=cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def text_pdfs(folder: Path = PDFS) -> list[Path]:
    """The PDFs of `folder` whose pages pdftotext finds text on (scans have none)."""
    out = []
    for path in sorted(folder.glob("*.pdf")):
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                              check=False).stdout
        pages = max(1, text.count(b"\f"))
        if len(text) >= _TEXT_LAYER_CHARS * pages:
            out.append(path)
    return out


def _pdf_cpu(tree: Path, pdfs: list[Path], cache: Path) -> tuple[float, float]:
    """CPU seconds of `vanban extract` over `pdfs` (one process) and of pdftotext."""
    with tempfile.TemporaryDirectory(prefix="vanban-pdfs-") as out:
        ours = _cpu_of([sys.executable, "-m", "vanban", "extract", "--ocr", "never",
                        "--out", out, *map(str, pdfs)], env=_env(tree, cache), cwd=tree)
    theirs = sum(_cpu_of(["pdftotext", "-layout", str(p), os.devnull]) for p in pdfs)
    return ours, theirs


def readable_pdfs(tree: Path, pdfs: list[Path], cache: Path) -> list[Path]:
    """Those of `pdfs` whose text layer `vanban extract` keeps as text. The others' fonts
    map their glyphs to no Unicode: pdftotext prints their codes, and vanban with
    `--ocr never` keeps them with a warning and reads them as garbled text (with OCR they
    would be scans), so the folder's figure is also given without them."""
    with tempfile.TemporaryDirectory(prefix="vanban-pdfs-") as out:
        subprocess.run([sys.executable, "-m", "vanban", "extract", "--ocr", "never",
                        "--out", out, *map(str, pdfs)], env=_env(tree, cache), cwd=tree,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        kept = []
        for path in pdfs:
            record = Path(out) / f"{path.stem}.json"
            if record.is_file() and "OCR disabled" not in record.read_text(encoding="utf-8"):
                kept.append(path)
    return kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-state", type=int, default=60, help="documents in each state")
    parser.add_argument("--rounds", type=int, default=2, help="fresh processes per setting")
    parser.add_argument("--against", type=Path, action="append", default=[],
                        help="another source tree to run turn by turn (the baseline)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--real-only", action="store_true",
                        help="only the real texts (no recombined ones): the archive's "
                             "recombinations repeat passages, which process-wide memos of "
                             "text runs find again")
    parser.add_argument("--commands-only", action="store_true",
                        help="only the `vanban extract` runs: one-file start and text PDFs")
    parser.add_argument("--worker", nargs="+", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.worker)
        return 0

    sys.path.insert(0, str(HERE))
    from archive import STATES, archive, write

    trees = [TREE, *(t.resolve() for t in args.against)]
    for tree in trees:  # byte-compiled, as setup.sh leaves an install: start-up compiles nothing
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "vanban")],
                       stdout=subprocess.DEVNULL, check=False)
        # the restorer's C searches are built by an install; a `git archive` has none, and
        # runs their Python twins: say so, or the comparison says nothing of the change
        sources = sorted((tree / "vanban" / "normalize").glob("_*.c"))
        built = sorted((tree / "vanban" / "normalize").glob("_*.so"))
        if len(built) < len(sources):
            print(f"note: {_label(tree)} has {len(sources)} C searches and {len(built)} built "
                  "(copy the .so files of an install beside them)")
    samples = archive(args.per_state, args.seed)
    if args.real_only:
        samples = [x for x in samples if not x.name.startswith("made-")]
    with tempfile.TemporaryDirectory(prefix="vanban-throughput-") as tmp:
        paths = write(samples, Path(tmp))
        by_state = {s: [p for p, x in zip(paths, samples, strict=True) if x.state == s]
                    for s in STATES}
        results: dict[tuple[Path, str], list[dict[str, float]]] = {}
        starts: dict[Path, list[tuple[float, float]]] = {}
        firsts: dict[Path, list[tuple[float, float]]] = {}
        pdfs = text_pdfs() if PDFS.is_dir() and shutil.which("pdftotext") else []
        pdf_runs: dict[Path, list[tuple[float, float]]] = {}
        readable_runs: dict[Path, list[tuple[float, float]]] = {}
        caches = {tree: Path(tmp) / f"cache-{n}" for n, tree in enumerate(trees)}
        for tree in trees:  # what earlier runs leave in the cache folder
            for state in STATES:
                _one_file_start(tree, by_state[state][0], caches[tree])
        readable = readable_pdfs(TREE, pdfs, caches[TREE]) if pdfs else []
        for _ in range(args.rounds):
            for tree in trees:  # turn by turn: a slow spell of the machine hits each alike
                for state in () if args.commands_only else STATES:
                    results.setdefault((tree, state), []).append(_measure(tree, by_state[state]))
                one = by_state["clean"][-1]
                starts.setdefault(tree, []).append(_one_file_start(tree, one, caches[tree]))
                firsts.setdefault(tree, []).append(_first_run_start(tree, one))
                if pdfs:
                    pdf_runs.setdefault(tree, []).append(_pdf_cpu(tree, pdfs, caches[tree]))
                if readable and len(readable) < len(pdfs):
                    readable_runs.setdefault(tree, []).append(
                        _pdf_cpu(tree, readable, caches[tree]))

    kind = "real" if args.real_only else f"{args.per_state}"
    print(f"{kind} first-seen documents per state, a fresh process per measurement, "
          f"{args.rounds} rounds (median shown), {os.cpu_count()} cores")
    print(f"{'tree':<28}{'state':<10}{'KiB':>6}{'docs/s cpu':>12}{'docs/s wall':>12}"
          f"{'read/s':>9}{'peak MB':>9}{'load':>6}{'target':>8}")
    rate: dict[tuple[Path, str], float] = {}
    for tree in trees:
        for state in () if args.commands_only else STATES:
            runs = results[(tree, state)]
            n = len(by_state[state])
            kib = statistics.mean(len(x.text.encode()) for x in samples if x.state == state) / 1024
            cpu = statistics.median(r["cpu"] for r in runs)
            wall = statistics.median(r["wall"] for r in runs)
            read = statistics.median(r["read_cpu"] for r in runs)
            rss = max(r["rss"] for r in runs) / 2**20
            load = statistics.mean(r["load"] for r in runs)
            rate[(tree, state)] = n / cpu
            verdict = "ok" if n / cpu >= TARGETS[state] else f"<{TARGETS[state]:.0f}"
            print(f"{_label(tree):<28}{state:<10}{kib:>6.1f}{n / cpu:>12.1f}{n / wall:>12.1f}"
                  f"{n / max(read, 1e-9):>9.0f}{rss:>9.0f}{load:>6.1f}{verdict:>8}")
    for tree in trees:
        wall = statistics.median(w for w, _ in starts[tree])
        cpu = statistics.median(c for _, c in starts[tree])
        runs = results.get((tree, "clean"), [])
        up = (f"; worker start-up {statistics.median(r['start_cpu'] for r in runs):.2f} s CPU"
              if runs else "")
        first_wall = statistics.median(w for w, _ in firsts[tree])
        first_cpu = statistics.median(c for _, c in firsts[tree])
        verdict = "ok" if wall <= START_TARGET else f"target {START_TARGET}"
        print(f"{_label(tree):<28}one-file `vanban extract`: {wall:.2f} s wall, {cpu:.2f} s CPU "
              f"({verdict}); the first run ever {first_wall:.2f} s wall, {first_cpu:.2f} s "
              f"CPU{up}")
    for tree in trees if pdfs else []:
        ours = statistics.median(o for o, _ in pdf_runs[tree])
        theirs = statistics.median(t for _, t in pdf_runs[tree])
        verdict = "ok" if ours <= PDF_TARGET * theirs else f"target {PDF_TARGET:.0f}x"
        print(f"{_label(tree):<28}{len(pdfs)} text-layer PDFs: `vanban extract` {ours:.2f} s CPU, "
              f"pdftotext -layout {theirs:.2f} s: {ours / theirs:.1f}x ({verdict})")
        if tree in readable_runs:
            ours = statistics.median(o for o, _ in readable_runs[tree])
            theirs = statistics.median(t for _, t in readable_runs[tree])
            print(f"{'':<28}of them the {len(readable)} whose text layer is read as text: "
                  f"{ours:.2f} s against {theirs:.2f} s: {ours / theirs:.1f}x")
    for other in trees[1:] if not args.commands_only else ():
        ratios = ", ".join(f"{s} {rate[(TREE, s)] / rate[(other, s)]:.2f}x" for s in STATES)
        print(f"speed of {_label(TREE)} over {_label(other)} (CPU): {ratios}")
    return 0


def _label(tree: Path) -> str:
    return str(tree) if len(str(tree)) <= 26 else "…" + str(tree)[-25:]


if __name__ == "__main__":
    sys.exit(main())
