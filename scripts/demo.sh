#!/usr/bin/env bash
# Set up woopub and run it on the sample dossier: redacted PDFs in out/,
# the internal record (original values, reviewer report) in out-INTERN-niet-publiceren/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# the sample PDFs only: samples/ also holds their truth files, the corpus and the scripts that make
# them, which woopub would list as "not a PDF: not published" (it names every file it does not publish)
exec .venv/bin/woopub redact samples/*.pdf samples/scans/*.pdf --dossier-file samples/woo-dossier.yaml --out out "$@"
