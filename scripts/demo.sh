#!/usr/bin/env bash
# Set up, then code the bundled sample articles into the embedded store (communique.duckdb) and show
# what was found. Extra arguments go to `communique demo` (e.g. --serve to open the dashboard).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh api
exec .venv/bin/communique demo "$@"
