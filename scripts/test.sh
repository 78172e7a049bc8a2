#!/usr/bin/env bash
# Install everything the tests need into .venv (torch pinned to the CPU build) and run them:
# ruff, the test suite, and the latency check of the bundled model.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q "torch==2.13.0"
.venv/bin/python -m pip install -q -e ".[train,dev]"
.venv/bin/ruff check src training export benchmarks tests data/gen examples
.venv/bin/python -m pytest -q "$@"
.venv/bin/python benchmarks/latency.py --check
