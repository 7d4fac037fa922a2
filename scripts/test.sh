#!/usr/bin/env bash
# Set up woopub and run the test suite (pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
