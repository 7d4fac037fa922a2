#!/usr/bin/env bash
# Set up woopub and run it on the sample dossier: redacted PDFs in out/,
# the internal record (original values, reviewer report) in out-INTERN-niet-publiceren/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/woopub redact samples --out out "$@"
