#!/usr/bin/env bash
# Install the runtime (no torch) into .venv-demo and classify a handful of utterances.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv-demo/bin/python ] || "$PY" -m venv .venv-demo
.venv-demo/bin/python -m pip install -q --upgrade pip
.venv-demo/bin/python -m pip install -q .
.venv-demo/bin/python examples/quickstart.py
