#!/usr/bin/env bash
# clang-format over every tracked C++ file, in the style of .clang-format.
#   scripts/format-cpp.sh          rewrite the files (npm run format)
#   scripts/format-cpp.sh --check  change nothing; fail and list the places that differ
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
if [ "${1:-}" = "--check" ]; then
  if ! clang-format --dry-run --Werror -- "${files[@]}"; then
    echo "format-cpp: the C++ above is not in the style of .clang-format; run: npm run format" >&2
    exit 1
  fi
else
  clang-format -i -- "${files[@]}"
fi
