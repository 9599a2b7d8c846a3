#!/usr/bin/env bash
# Builds the host code (C++ tools, servers, GoogleTest suites) and the WebAssembly
# module, then stages the module into web/dist for the npm package (stage-core.sh).
# Warnings are errors everywhere, so CI, `npm test` and `npm start` share one build tree.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

cmake -S . -B build/host -DIIV_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/host -j"$jobs"

# Debian's Emscripten needs Debian's acorn, which node only finds through NODE_PATH.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
emcmake cmake -S . -B build/wasm -DIIV_WERROR=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j"$jobs"

bash scripts/stage-core.sh build/wasm
