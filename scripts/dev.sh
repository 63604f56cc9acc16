#!/usr/bin/env bash
# Set up cjm_widgets on a fresh machine (python3, node/npm, root with apt), then:
#   bash scripts/dev.sh tour   open example_notebooks/01_tour.ipynb in JupyterLab
#   bash scripts/dev.sh test   run every test: Python, JS, browser and notebooks
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"

say() { printf '\n== %s\n' "$*"; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "missing system packages: $*; install them (apt-get install -y $*) or run as root" >&2
    exit 1
  fi
  if [ -z "${CJM_APT_UPDATED:-}" ]; then apt-get update -qq; CJM_APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

setup() {
  command -v npm >/dev/null 2>&1 || { say "installing node and npm"; apt_install nodejs npm; }
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    python3 -m venv "$VENV"
  fi
  say "installing cjm_widgets (builds the JS bundle with npm and esbuild)"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e ".[test]"
  for f in map.js map.css curve.js curve.css; do
    [ -s "cjm_widgets/static/$f" ] || { echo "the JS bundle was not built ($f)" >&2; exit 1; }
  done
  # On a clean clone (CI), the install must leave every tracked file as it was.
  if [ "${CI:-}" = true ] && [ -d .git ] && ! git diff --quiet; then
    echo "setting up rewrote tracked files:" >&2
    git diff --stat >&2
    exit 1
  fi
}

java_for_spark() {
  command -v java >/dev/null 2>&1 || { say "installing a Java runtime for the PySpark tests"; apt_install default-jre-headless; }
}

browser() {
  if [ ! -x "${CJM_CHROMIUM:-/usr/bin/chromium}" ]; then
    say "installing chromium for the browser tests"
    apt_install chromium
  fi
}

run_tests() {
  say "JS: type check and unit tests"
  (cd js && { [ -d node_modules ] || npm ci --no-audit --no-fund; } \
     && npx --no-install tsc --noEmit -p . && npx --no-install vitest run)
  say "lint and types"
  "$VENV/bin/ruff" check cjm_widgets tests benchmarks
  "$VENV/bin/ruff" format --check cjm_widgets tests benchmarks
  "$VENV/bin/mypy"
  say "Python, browser and notebook tests"
  # Two workers (pytest-xdist), each taking whole files: a file's fixtures are built once,
  # a notebook's cells run in order in one kernel, and while one worker's browser test waits
  # on JupyterLab the other computes.
  local run=("$VENV/bin/python" -m pytest --hypothesis-profile ci --numprocesses 2 --dist loadfile
             --nbval-lax --nbval-current-env
             --nbval-sanitize-with example_notebooks/nbval_sanitize.cfg)
  if [ $# -gt 0 ]; then  # the tests the arguments choose, in one run
    "${run[@]}" tests example_notebooks "$@"
    return
  fi
  "${run[@]}" tests example_notebooks --ignore tests/browser/test_hosts_browser.py
  say "the other hosts (Notebook 7, Voila, marimo)"
  # Each starts a server of its own: alone, not beside a worker's CPU-bound tests.
  "$VENV/bin/python" -m pytest tests/browser/test_hosts_browser.py
}

case "${1:-}" in
  tour)
    setup
    say "opening the tour in JupyterLab"
    exec "$VENV/bin/jupyter" lab example_notebooks/01_tour.ipynb
    ;;
  test)
    shift
    setup
    browser
    java_for_spark
    export RETENTIONEERING_NO_TRACK=1
    run_tests "$@"
    ;;
  *)
    echo "usage: bash scripts/dev.sh tour|test [pytest args]" >&2
    exit 2
    ;;
esac
