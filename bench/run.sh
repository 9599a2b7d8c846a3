#!/usr/bin/env bash
# `npm run bench`: builds what is not built, then runs every benchmark. Benchmarks print
# figures (and their targets); they are never part of `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
bash scripts/build.sh >/dev/null

echo "== Viewer: show() to first pixel vs plain <img> + drawImage, and the shipped size"
node bench/viewer/bench-viewer.mjs "$@"
echo
echo "== Server stub: bundle latency, throughput and memory (against the emulator)"
bash bench/server/bench-server.sh
