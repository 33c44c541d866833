#!/usr/bin/env bash
# Score the devset of real directives (../shared/devset): from the texts that exist, then
# from every original file, and from its text-layer PDFs printed and scanned again (OCR: a
# few minutes). Prints the scorer's per-field table three times.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
OUT=${OUT:-out}/devset
rm -rf "$OUT" && mkdir -p "$OUT/text" "$OUT/files" "$OUT/gold-text"
for f in "$SHARED"/devset/text/*.txt; do
    cp "$SHARED/devset/gold/$(basename "$f" .txt).gold.json" "$OUT/gold-text/"
done
echo "== devset from its texts"
vanban extract "$SHARED"/devset/text/*.txt --out "$OUT/text" || true
python3 "$SHARED/eval/score.py" "$OUT/gold-text" "$OUT/text"
echo "== devset from its original files"
vanban extract "$SHARED"/devset/files/* --out "$OUT/files" || true
python3 "$SHARED/eval/score.py" "$SHARED/devset/gold" "$OUT/files"
echo "== devset's text-layer PDFs printed and scanned again"
python3 scripts/devset_scans.py "$OUT/scans"
