# Shared set-up for the scripts: a virtual environment in .venv with the project installed.
# Sourced, not run. Set SETUP_EXTRAS=test before sourcing to install the test tools too.
# (Not a positional argument: `source` passes the caller's own arguments along.)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
EXTRAS="${SETUP_EXTRAS:-}"

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

# Reinstall only when pyproject.toml changed, or when extras are wanted that the last
# install did not include (so build, serve and test can follow each other freely).
STAMP=".venv/.install-stamp"
HASH="$(sha256sum pyproject.toml | cut -d' ' -f1)"
INSTALLED_HASH="" INSTALLED_EXTRAS=""
if [ -f "$STAMP" ]; then
  read -r INSTALLED_HASH INSTALLED_EXTRAS <"$STAMP" || true
fi
if [ "$INSTALLED_HASH" != "$HASH" ] || { [ -n "$EXTRAS" ] && [ "$INSTALLED_EXTRAS" != "$EXTRAS" ]; }; then
  echo "Installing explainer and its dependencies into .venv…"
  .venv/bin/python -m pip install --quiet --upgrade pip
  if [ -n "$EXTRAS" ]; then
    .venv/bin/python -m pip install --quiet -e ".[$EXTRAS]"
  else
    .venv/bin/python -m pip install --quiet -e .
  fi
  echo "$HASH $EXTRAS" >"$STAMP"
fi
export PATH="$ROOT/.venv/bin:$PATH"
# Material prints a banner about its end of life on every build; the README covers it.
export NO_MKDOCS_2_WARNING=1

# Install a Debian package the caller needs (chromium, hugo) when it is missing and we
# may (root with apt-get); otherwise say what is left out. Usage: need_debian_package NAME WHY
need_debian_package() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's $1 for $2…"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  else
    echo "No $1 here and no root to install it: $2 is left out."
  fi
}
