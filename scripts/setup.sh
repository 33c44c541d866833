#!/usr/bin/env bash
# Everything vanban needs on a fresh Debian machine: system packages, then the
# package itself with its development extras. Safe to run again: it skips what is there.
set -euo pipefail
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
cd "$(dirname "$0")/.."

APT_PACKAGES=(tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd fonts-liberation2 poppler-utils
              antiword chromium chromium-driver)

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
if ! $PYTHON -c "import vanban, pytest, hypothesis, fastapi, selenium" >/dev/null 2>&1 \
   || [ pyproject.toml -nt .setup-stamp ]; then
    $PYTHON -m pip install -q --disable-pip-version-check -e ".[dev]"
    touch .setup-stamp
fi
# Byte-code for the package itself (an editable install has none): every batch or watch
# worker imports it afresh, and PYTHONDONTWRITEBYTECODE=1 would have it compiled each time.
$PYTHON -m compileall -q -j 0 vanban >/dev/null
