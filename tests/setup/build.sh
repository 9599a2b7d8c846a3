#!/usr/bin/env bash
# Builds the host code (C++ tools, servers, GoogleTest suites) and the WebAssembly
# module, which it copies into web/dist for the npm package.
set -euo pipefail
cd "$(dirname "$0")/../.."
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
jobs=$(nproc)

cmake -S . -B build/host -DIIV_WERROR=$werror -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/host -j"$jobs"

# Debian's Emscripten needs Debian's acorn, which node only finds through NODE_PATH.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
emcmake cmake -S . -B build/wasm -DIIV_WERROR=$werror -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j"$jobs"
