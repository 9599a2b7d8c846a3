#!/usr/bin/env bash
# The README's test command (npm test) lands here: install what is missing, build the
# host code and the WebAssembly module, then run every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# Every stub, emulator and /metrics answer of the suites leaves its logs here; the last
# step sweeps them for secrets. Emptied first, so only this run's logs are swept.
export IIV_TEST_LOG_DIR="$root/build/test-logs"
rm -rf "$IIV_TEST_LOG_DIR"
mkdir -p "$IIV_TEST_LOG_DIR"

bash scripts/ensure-deps.sh

echo "== Lint: ESLint over web/ demo/ tests/js/ bench/, shellcheck over every shell script"
npx --no-install eslint web demo tests/js bench eslint.config.js
# Every *.sh, and every executable file whose first line names sh or bash (.ci/run).
shell_scripts=()
while IFS= read -r line; do
  file=${line#*$'\t'}
  case $file in
    *.sh) shell_scripts+=("$file") ;;
    *) if [[ $line == 100755* ]] && head -n1 -- "$file" | grep -qE '^#!.*[/ ](ba|da)?sh\b'; then shell_scripts+=("$file"); fi ;;
  esac
done < <(git ls-files --stage)
shellcheck -x -- "${shell_scripts[@]}"

bash scripts/build.sh

echo "== C++ tests (ctest)"
ctest --test-dir build/host --output-on-failure -j2

echo "== JavaScript and browser tests (node --test)"
node --test --test-concurrency=1 --test-timeout=300000 tests/js/

echo "== Secret sweep over every log and metrics line of the run (tests/sweep)"
node --test tests/sweep/
