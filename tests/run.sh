#!/usr/bin/env bash
# The README's test command (npm test) lands here: install what is missing, build the
# host code and the WebAssembly module, then run every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

bash tests/setup/ensure-deps.sh
bash tests/setup/build.sh

echo "== C++ tests (ctest)"
ctest --test-dir build/host --output-on-failure -j2

echo "== JavaScript and browser tests (node --test)"
node --test --test-concurrency=1 --test-timeout=300000 tests/js/
