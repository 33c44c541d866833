#!/usr/bin/env bash
# Everything vanban needs on a fresh Debian machine: system packages, then the
# package itself with its development extras. Safe to run again: it skips what is there.
set -euo pipefail
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
cd "$(dirname "$0")/.."

# gcc and python3-dev build the restorer's compiled searches (vanban/normalize/_beam.c, _trie.c)
# and the PDF path's loops (vanban/ingest/_pdfium_loops.c)
APT_PACKAGES=(tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd fonts-liberation2 poppler-utils
              antiword chromium chromium-driver gcc python3-dev)
# more for one target: `make bench` adds ghostscript, which ocrmypdf (compared there) needs
read -r -a EXTRA <<< "${EXTRA_APT_PACKAGES:-}"
APT_PACKAGES+=("${EXTRA[@]}")

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
# A system Python that refuses pip installs (PEP 668's EXTERNALLY-MANAGED marker, as on a
# stock Debian 12) gets the project's own virtual environment, .venv; the Makefile puts
# .venv/bin first on PATH, so `vanban`, `python3`, `pytest` and `ruff` are the venv's.
externally_managed() {
    $PYTHON - <<'PY'
import os, sys, sysconfig
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
sys.exit(0 if sys.prefix == sys.base_prefix and os.path.exists(marker) else 1)
PY
}
if [ ! -x .venv/bin/python ] && [ -z "${VIRTUAL_ENV:-}" ] && externally_managed; then
    if ! $PYTHON -c "import ensurepip, venv" >/dev/null 2>&1; then
        SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
            python3-venv >/dev/null
    fi
    $PYTHON -m venv .venv
    rm -f .setup-stamp
fi
if [ -x .venv/bin/python ] && [ -z "${VIRTUAL_ENV:-}" ]; then
    PYTHON=.venv/bin/python
fi
if ! $PYTHON -c "import vanban, pytest, hypothesis, fastapi, selenium, distributed" >/dev/null 2>&1 \
   || [ pyproject.toml -nt .setup-stamp ]; then
    $PYTHON -m pip install -q --disable-pip-version-check -e ".[dev]"
    touch .setup-stamp
fi
# Byte-code for the package itself (an editable install has none): every batch or watch
# worker imports it afresh, and PYTHONDONTWRITEBYTECODE=1 would have it compiled each time.
$PYTHON -m compileall -q -j 0 vanban >/dev/null
