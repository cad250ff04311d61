# Shared by scripts/serve and scripts/test: make .venv hold this project and its
# dependencies. Re-installs only when pyproject.toml changes, so a second run is quick.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
extras="${1:-}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=".venv/.casebook-installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"
  touch "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
# Material prints an end-of-life banner on every build; the notes in README.md cover it.
export NO_MKDOCS_2_WARNING=1
