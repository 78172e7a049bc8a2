#!/usr/bin/env bash
# Install everything the tests need and run them: ruff (lint and format), mypy, the test suite,
# and the latency check of the bundled model. On this project's 2-core machine a clean clone took
# 16.5 minutes in all (2026-12-07, installs from a warm pip cache; the 461 tests 14.5); with
# `bash scripts/test.sh -m "not slow"` the end-to-end training tests are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
step() { printf '\n== %s (%s)\n' "$1" "$(date +%H:%M:%S)"; }

step "system packages: Node.js for the Node client's test, strace for the no-network test"
bash scripts/system_deps.sh
step "Python environment in .venv (torch pinned to the CPU build)"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q "torch==2.13.0"
.venv/bin/python -m pip install -q -e ".[train,dev]"
if command -v npm >/dev/null 2>&1; then
  step "Node client dependencies (clients/node)"
  (cd clients/node && ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error)
fi
step "ruff, ruff format, mypy"
.venv/bin/ruff check src training export benchmarks tests data/gen examples
.venv/bin/ruff format --check src training export benchmarks tests data/gen examples
.venv/bin/mypy
step "tests"
.venv/bin/python -m pytest -q "$@"
step "latency gate"
.venv/bin/python benchmarks/latency.py --check
