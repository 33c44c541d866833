"""The devset's text-layer PDFs printed and scanned again, then read and scored.

Issue 12 asks for the header read from scans of real PDFs (≥ 0.90): each page of a
devset PDF that has a text layer is rasterised at 300 dpi, degraded as a cheap office
scanner does (the tests' `render.degrade` with `render.SCAN`: tilt, noise, JPEG) and
written as an image-only PDF, which vanban then reads by OCR and the scorer compares
with the same gold records as the originals. `--hard` degrades as `render.HARD` does
(150 dpi, blur, heavy noise, JPEG 40): a poor fax-like copy; `--photo` as
`render.PHOTO` does (half the light lost toward the bottom left: a phone's photo).

    python scripts/devset_scans.py [--hard | --photo] [OUT]
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import render  # noqa: E402

SHARED = ROOT.parent / "shared"
DPI = 300


def has_text_layer(pdf: pdfium.PdfDocument) -> bool:
    """Every page carries text of its own (an e-signed or exported PDF, not a scan)."""
    return all(len(page.get_textpage().get_text_range().strip()) > 200 for page in pdf)


def scan(source: Path, target: Path, damage: dict) -> bool:
    pdf = pdfium.PdfDocument(source)
    pdf.init_forms()  # the signing software's stamped number and date are form fields
    try:
        if not has_text_layer(pdf):
            return False
        images = [page.render(scale=DPI / 72, may_draw_forms=True).to_pil() for page in pdf]
        pages = [render.degrade(image, **damage, seed=n) for n, image in enumerate(images)]
    finally:
        pdf.close()
    render.images_to_pdf(pages, target, dpi=DPI)
    return True


def main() -> None:
    args = [a for a in sys.argv[1:] if a not in ("--hard", "--photo")]
    damage = (render.HARD if "--hard" in sys.argv[1:]
              else render.PHOTO if "--photo" in sys.argv[1:] else render.SCAN)
    out = Path(args[0]) if args else ROOT / "out" / "devset-scans"
    scans, records, gold = out / "scans", out / "records", out / "gold"
    for folder in (scans, records, gold):
        folder.mkdir(parents=True, exist_ok=True)
    for source in sorted((SHARED / "devset" / "files").glob("*.pdf")):
        if scan(source, scans / source.name, damage):
            name = source.stem + ".gold.json"
            (gold / name).write_bytes((SHARED / "devset" / "gold" / name).read_bytes())
    made = sorted(scans.glob("*.pdf"))
    print(f"== devset's text-layer PDFs scanned again ({len(made)} files)", flush=True)
    subprocess.run(["vanban", "extract", *map(str, made), "--out", str(records)], check=False)
    subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(records)],
                   check=True)


if __name__ == "__main__":
    main()
