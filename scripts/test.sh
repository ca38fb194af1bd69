#!/usr/bin/env bash
# Set up everything the tests need (Python packages, and Debian's chromium for the browser tests),
# then run the whole suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh all,test
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing Debian's chromium for the browser tests" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "test: could not install chromium; browser tests will skip" >&2
  else
    echo "test: chromium missing and not root; browser tests will skip" >&2
  fi
fi
mkdir -p test-output
.venv/bin/ruff check src tests benchmarks
exec .venv/bin/python -m pytest "$@"
