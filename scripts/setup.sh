#!/usr/bin/env bash
# Set up woopub in ./.venv, with the Debian packages it uses. Safe to run again.
#   Debian packages: tesseract-ocr + tesseract-ocr-nld (OCR of scans) + tesseract-ocr-osd (which way up a scan stands),
#                    frog + frogdata + uctodata (Dutch named-entity tagger),
#                    wdutch + wamerican (word lists: a text layer whose words no list knows is read by OCR),
#                    poppler-utils (pdftotext: the hostile tests read published files as a second reader),
#                    chromium (the review page's browser tests drive it through Playwright; no browser is downloaded),
#                    libpango-1.0-0 + libpangoft2-1.0-0 + fonts-dejavu-core (WeasyPrint lays out the tagged inventarislijst.pdf).
#   Python packages: woopub and its dependencies from PyPI, plus the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES="tesseract-ocr tesseract-ocr-nld tesseract-ocr-osd frog frogdata uctodata wdutch wamerican poppler-utils chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"
missing=""
for pkg in $DEBIAN_PACKAGES; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  if ! command -v apt-get >/dev/null; then
    echo "woopub setup: please install these packages with your system's package manager:$missing" >&2
    exit 1
  fi
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "woopub setup: installing Debian packages:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
echo "woopub setup: ready ($(.venv/bin/woopub --version))"
