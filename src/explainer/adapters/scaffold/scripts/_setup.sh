# Shared set-up for the scripts: a virtual environment in .venv with explainer installed
# from requirements.txt (written by `explainer new`: it names the explainer that created
# this project). Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "error: explainer needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2
  return 1
}

if [ ! -x .venv/bin/python ]; then
  PY="$(find_python)"
  echo "Creating the virtual environment in .venv (with $PY)…"
  "$PY" -m venv .venv
fi

# Reinstall only when requirements.txt changed.
STAMP=".venv/.install-stamp"
HASH="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$HASH" ]; then
  echo "Installing explainer and its dependencies into .venv…"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt
  echo "$HASH" >"$STAMP"
fi
export PATH="$ROOT/.venv/bin:$PATH"
# Material prints a banner about its end of life on every build.
export NO_MKDOCS_2_WARNING=1
