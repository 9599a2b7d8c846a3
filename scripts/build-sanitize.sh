#!/usr/bin/env bash
# Builds, with Debian's clang, the C++ unit tests under AddressSanitizer and
# UndefinedBehaviorSanitizer and the libFuzzer targets of tests/fuzz, in one tree
# (build/sanitize): the fuzzers then explore the very objects the unit tests ran.
# Only what `npm test` and `npm run fuzz` run is built: the unit suites (ctest label
# `unit`) and the fuzz targets, not the servers' socket and end-to-end suites, which run
# on the host build.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${IIV_SANITIZE_BUILD_DIR:-build/sanitize}
jobs=${IIV_BUILD_JOBS:-$(nproc)}

# -O1 -g without NDEBUG: readable reports, fast enough inputs, and asserts stay on.
CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DIIV_FUZZ=ON -DIIV_WERROR=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" >/dev/null
cmake --build "$build_dir" -j"$jobs" --target \
  viewer_core_test server_common_test specimens_test emulator_unit_test stub_unit_test fuzz_targets
