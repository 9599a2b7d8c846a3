#!/usr/bin/env bash
# Stages the viewer core module, identity-viewer-core.{js,wasm}, from the WebAssembly
# build tree into web/dist, where the npm package, the demo and the test page load it.
# The CMake build writes only into its build tree; this is the one step that puts build
# output into the source tree. build.sh runs it after the Emscripten build, and the
# package's prepack runs it so `npm pack` never ships a stale or missing module.
#
#   bash scripts/stage-core.sh [wasm build tree, default build/wasm]
set -euo pipefail
cd "$(dirname "$0")/.."

wasm_build=${1:-build/wasm}
# Where CMake puts the identity-viewer-core target (wasm/CMakeLists.txt).
module_dir=$wasm_build/wasm
staged=web/dist

for file in identity-viewer-core.js identity-viewer-core.wasm; do
  if [ ! -f "$module_dir/$file" ]; then
    echo "stage-core: $module_dir/$file is missing; build it first (npm run build)" >&2
    exit 1
  fi
done

mkdir -p "$staged"
cp "$module_dir/identity-viewer-core.js" "$module_dir/identity-viewer-core.wasm" "$staged/"
# On stderr: `npm pack --json` (prepack) keeps stdout for its JSON.
echo "stage-core: $module_dir/identity-viewer-core.{js,wasm} -> $staged/" >&2
