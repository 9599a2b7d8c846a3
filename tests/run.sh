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

# How long each step took, printed at the end (the budget for the whole run is 30 minutes).
timings=()
step_started=$SECONDS
step_done() {
  timings+=("$(printf '%5d s  %s' $((SECONDS - step_started)) "$1")")
  step_started=$SECONDS
}

bash scripts/ensure-deps.sh
step_done "set-up"

echo "== Lint: ESLint over every JavaScript file, shellcheck over every shell script, clang-format over the C++"
npx --no-install eslint .
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
bash scripts/format-cpp.sh --check

step_done "lint"

bash scripts/build.sh
step_done "build"

echo "== C++ tests (ctest)"
ctest --test-dir build/host --output-on-failure -j2
step_done "C++ tests"

echo "== C++ unit tests under AddressSanitizer and UBSan, and the fuzz targets (clang)"
bash scripts/build-sanitize.sh
step_done "sanitizer and fuzz build (build/sanitize)"
# The unit suites only (label unit); the socket and end-to-end suites ran above on the
# host build, and build-sanitize.sh does not build them.
ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:detect_stack_use_after_return=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/sanitize -L unit --output-on-failure -j2
step_done "C++ unit tests under ASan and UBSan"
bash tests/fuzz/run.sh --check
step_done "fuzz targets, bounded runs from their seeds"

echo "== JavaScript and browser tests (node --test)"
# The timeout also bounds each file: the viewer's files run their tests in three engines.
node --test --test-concurrency=1 --test-timeout=600000 tests/js/
step_done "JavaScript and browser tests (Chromium, Firefox, WebKit)"

echo "== Secret sweep over every log and metrics line of the run (tests/sweep)"
node --test tests/sweep/
step_done "secret sweep"

echo "== Took"
printf '%s\n' "${timings[@]}"
printf '%5d s  in all\n' "$SECONDS"
