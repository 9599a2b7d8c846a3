#!/usr/bin/env bash
# Server stub benchmark (see bench-server.mjs): needs the host build and wrk.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "bench-server: wrk is missing (apt-get install wrk)" >&2; exit 1; }
exec node bench/server/bench-server.mjs "$@"
