#!/usr/bin/env bash
# The test command of the README and of CI: lint, then the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check src tests scripts
.venv/bin/python -m pytest "$@"
