"""OCR and text-layer speed, side by side on the same pages: `python bench/ocr.py`.

Prints seconds per page for the pipeline, for bare `tesseract` on the same page
images (one process per core, as the pipeline runs), and for `ocrmypdf --sidecar`
if it is installed; the ratios, by wall time and by CPU time (this process and its
children: the Tesseract programs and the pipeline's Tesseract helpers, which stay
running and are counted as they go, `ocr.helper_cpu`); the scan has one blank page (the
back of a sheet) after its text pages, which the pipeline recognises as blank and does
not OCR; and
text-layer pages per second: `load()` end to end on a multi-page born-digital PDF,
against pypdfium2's bare `get_text_range` on the same file.
`python bench/ocr.py text` measures only the text layer; `python bench/ocr.py scans
FILE.pdf ...` measures real scans (the devset's) against bare `tesseract` on the same
pages drawn at 300 dpi, one process at a time (the pipeline's second looks at a header,
a signature block and a table's cells are what real scans call for and clean pages do
not).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import render  # noqa: E402

from vanban.ingest import IngestOptions, load, ocr  # noqa: E402

PAGES = int(os.environ.get("BENCH_PAGES", "6"))


def _cpu() -> float:
    """CPU seconds of this process and of its children: those waited for, and the
    Tesseract helpers still running (`ocr.helper_cpu`)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime + ocr.helper_cpu()


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="vanban-bench-"))
    text = render.seed_text("004") or render.SAMPLE * 12
    born_digital = render.render_pdf(text, work / "digital.pdf")
    if sys.argv[1:2] == ["scans"]:
        real_scans([Path(a) for a in sys.argv[2:]], work)
        shutil.rmtree(work, ignore_errors=True)
        return
    if sys.argv[1:] == ["text"]:
        rate, bare_rate, count = text_layer_rates(born_digital)
        print(f"text layer      {rate:6.0f} pages/s end to end, load() on {count} pages "
              f"(target >= 100); bare pdfium get_text_range {bare_rate:.0f} pages/s, "
              f"ratio load/bare = {rate / bare_rate:.2f}")
        shutil.rmtree(work, ignore_errors=True)
        return
    pages = [render.degrade(p, **render.SCAN, seed=n)
             for n, p in enumerate(render.rasterise(born_digital)[:PAGES])]
    white = render.Image.new("L", pages[0].size, 255)
    pages.append(render.degrade(white, **render.SCAN, seed=len(pages)))
    scanned = render.images_to_pdf(pages, work / "scan.pdf")
    cores = os.cpu_count() or 1
    print(f"{len(pages)} scanned pages (the last blank), {cores} cores, "
          f"load average {os.getloadavg()[0]:.1f}")

    start, cpu = time.perf_counter(), _cpu()
    document = load(scanned, IngestOptions())
    ours = (time.perf_counter() - start) / len(pages)
    ours_cpu = (_cpu() - cpu) / len(pages)
    assert all(p.method == "ocr" for p in document.pages)

    images = []
    for index, page in enumerate(pages):
        path = work / f"page-{index}.png"
        page.save(path, dpi=(300, 300))
        images.append(path)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def bare_one(path: Path) -> None:
        subprocess.run(["tesseract", str(path), "-", "-l", "vie"], env=env,
                       capture_output=True, check=True)

    start, cpu = time.perf_counter(), _cpu()
    with ThreadPoolExecutor(cores) as pool:
        list(pool.map(bare_one, images))
    bare = (time.perf_counter() - start) / len(pages)
    bare_cpu = (_cpu() - cpu) / len(pages)

    print(f"pipeline        {ours:6.2f} s/page  {1 / ours:5.2f} pages/s, CPU {ours_cpu:.2f} s/page")
    print(f"bare tesseract  {bare:6.2f} s/page  ratio pipeline/bare = {ours / bare:.2f} "
          f"(target <= 1.10), CPU {bare_cpu:.2f} s/page, ratio {ours_cpu / bare_cpu:.2f}")
    if shutil.which("ocrmypdf"):
        start, cpu = time.perf_counter(), _cpu()
        result = subprocess.run(
            ["ocrmypdf", "-l", "vie", "--jobs", str(cores), "--output-type", "pdf",
             "--sidecar", str(work / "side.txt"), str(scanned), str(work / "o.pdf")],
            capture_output=True, text=True,
        )
        other = (time.perf_counter() - start) / len(pages)
        other_cpu = (_cpu() - cpu) / len(pages)
        if result.returncode == 0:
            print(f"ocrmypdf        {other:6.2f} s/page  ratio ocrmypdf/pipeline = "
                  f"{other / ours:.2f} (target >= 1.5), CPU {other_cpu:.2f} s/page, "
                  f"ratio {other_cpu / ours_cpu:.2f}")
        else:
            print(f"ocrmypdf        failed: {result.stderr.strip().splitlines()[-1:]}")
    else:
        print("ocrmypdf        not installed (pip install ocrmypdf)")

    rate, bare_rate, count = text_layer_rates(born_digital)
    print(f"text layer      {rate:6.0f} pages/s end to end, load() on {count} pages "
          f"(target >= 100); bare pdfium get_text_range {bare_rate:.0f} pages/s, "
          f"ratio load/bare = {rate / bare_rate:.2f}")
    shutil.rmtree(work, ignore_errors=True)


def real_scans(paths: list[Path], work: Path) -> None:
    """CPU per OCR'd page of `load()` on each file, beside bare Tesseract's on its pages."""
    import pypdfium2 as pdfium

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    options = IngestOptions()
    load(paths[0], options)  # imports and models: once a process, not once a page
    total_ours = total_bare = 0.0
    for path in paths:
        cpu = _cpu()
        document = load(path, options)
        ours = _cpu() - cpu
        read = [p.number - 1 for p in document.pages if p.method == "ocr"]
        if not read:
            print(f"{path.name:32} no page OCR'd")
            continue
        pdf = pdfium.PdfDocument(str(path))
        cpu = _cpu()
        for index in read:
            image = work / f"{path.stem}-{index}.png"
            pdf[index].render(scale=300 / 72).to_pil().convert("L").save(image, dpi=(300, 300))
            subprocess.run(["tesseract", str(image), "-", "-l", "vie"], env=env,
                           capture_output=True, check=True)
        bare = _cpu() - cpu
        pdf.close()
        total_ours, total_bare = total_ours + ours, total_bare + bare
        print(f"{path.name:32} {len(read)} pages: pipeline {ours / len(read):5.2f} s/page CPU, "
              f"bare {bare / len(read):5.2f}, ratio {ours / bare:.2f}")
    if total_bare:
        print(f"all: ratio pipeline/bare CPU = {total_ours / total_bare:.2f} (target <= 1.10)")


def text_layer_rates(path: Path, seconds: float = 3.0) -> tuple[float, float, int]:
    """Pages/s of `load()` and of pypdfium2's bare text extraction on the same file, each
    the mean over `seconds`, interleaved so that a busy machine slows both alike."""
    import pypdfium2 as pdfium

    def bare() -> int:
        document = pdfium.PdfDocument(str(path))
        try:
            for page in document:
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
            return len(document)
        finally:
            document.close()

    count = len(load(path).pages)  # and warm caches
    bare()
    spent = {"load": 0.0, "bare": 0.0}
    done = {"load": 0, "bare": 0}
    while spent["load"] + spent["bare"] < 2 * seconds:
        for name, run in (("load", lambda: len(load(path).pages)), ("bare", bare)):
            start = time.perf_counter()
            done[name] += run()
            spent[name] += time.perf_counter() - start
    return done["load"] / spent["load"], done["bare"] / spent["bare"], count


if __name__ == "__main__":
    main()
