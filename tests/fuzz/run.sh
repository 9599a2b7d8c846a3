#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz (built by scripts/build-sanitize.sh).
#
#   bash tests/fuzz/run.sh --check         what npm test runs: every target replays its
#                                          seeds, then a fixed number of new inputs (same
#                                          random seed every time), a few seconds each
#   bash tests/fuzz/run.sh --for 30m       npm run fuzz -- 30m: all targets together for
#                                          about that long (600, 600s, 10m, 2h; 10m when
#                                          not given), the time split evenly between them
#   ... [TARGET...]                        only these (e.g. stub_api_fuzz)
#
# What they find is kept outside the tree's seeds, in build/fuzz/: findings/<target>/ (the
# inputs that crashed or broke a property) and corpus/<target>/ (the inputs a long run
# found interesting, kept for the next long run). The seeds are tests/fuzz/corpus/<target>/
# plus, for the targets that read Stripe's answers, objects made from Stripe's fixtures.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
build_dir=${IIV_SANITIZE_BUILD_DIR:-$root/build/sanitize}
work_dir=$root/build/fuzz

mode=
seconds=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --check) mode=check ;;
    --for)
      mode=long
      seconds=600
      if [[ "${2:-}" =~ ^([0-9]+)([smh]?)$ ]]; then
        case "${BASH_REMATCH[2]}" in
          m) seconds=$((BASH_REMATCH[1] * 60)) ;;
          h) seconds=$((BASH_REMATCH[1] * 3600)) ;;
          *) seconds=${BASH_REMATCH[1]} ;;
        esac
        shift
      fi
      ;;
    -h | --help)
      sed -n '2,16p' "$0"
      exit 0
      ;;
    -*)
      echo "fuzz: unknown option $1 (see --help)" >&2
      exit 2
      ;;
    *) targets+=("$1") ;;
  esac
  shift
done
if [ -z "$mode" ]; then
  echo "fuzz: say --check or --for DURATION (see --help)" >&2
  exit 2
fi

# Inputs each target runs beyond its seeds in --check: about two seconds each on one core
# of the reference machine. The targets that run the stub's services are the slow ones.
declare -A check_runs=(
  [link_bundle_fuzz]=8000
  [url_parts_fuzz]=40000
  [image_header_fuzz]=40000
  [form_params_fuzz]=20000
  [authorization_header_fuzz]=40000
  [stripe_answers_fuzz]=1500
  [stripe_error_mapping_fuzz]=20000
  [reviewers_file_fuzz]=10000
  [query_string_fuzz]=40000
  [client_address_fuzz]=40000
  [stub_api_fuzz]=1500
)
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(printf '%s\n' "${!check_runs[@]}" | sort)
fi
for target in "${targets[@]}"; do
  if [ -z "${check_runs[$target]:-}" ]; then
    echo "fuzz: no target $target (targets: ${!check_runs[*]})" >&2
    exit 2
  fi
  if [ ! -x "$build_dir/tests/fuzz/$target" ]; then
    echo "fuzz: $build_dir/tests/fuzz/$target is not built: run bash scripts/build-sanitize.sh" >&2
    exit 2
  fi
done

# Seeds made from Stripe's fixtures, for the targets that read Stripe's answers.
generated_seeds=$work_dir/generated-seeds
rm -rf "$generated_seeds"
node tests/fuzz/stripe-seeds.mjs "$generated_seeds/stripe_answers_fuzz"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

per_target_seconds=0
if [ "$mode" = long ]; then
  per_target_seconds=$((seconds / ${#targets[@]}))
  [ "$per_target_seconds" -ge 1 ] || per_target_seconds=1
  echo "fuzz: ${#targets[@]} targets, ${per_target_seconds} s each; findings in build/fuzz/findings/"
fi

failed=()
for target in "${targets[@]}"; do
  name=${target%_fuzz}
  findings=$work_dir/findings/$target
  mkdir -p "$findings"
  seed_dirs=()
  for dir in "tests/fuzz/corpus/$name" "$generated_seeds/$target"; do
    [ -d "$dir" ] && seed_dirs+=("$dir")
  done
  if [ "$mode" = check ]; then
    # A scratch folder first: libFuzzer writes what it finds interesting into the first
    # folder, and the tree's seeds must stay as they are.
    scratch=$work_dir/check/$target
    rm -rf "$scratch"
    mkdir -p "$scratch"
    corpus_dirs=("$scratch" "${seed_dirs[@]}")
    limits=(-runs="${check_runs[$target]}" -seed=1 -max_total_time=60)
  else
    corpus_dirs=("$work_dir/corpus/$target" "${seed_dirs[@]}")
    mkdir -p "${corpus_dirs[0]}"
    limits=(-max_total_time="$per_target_seconds")
  fi
  log=$work_dir/logs/$target.log
  mkdir -p "$(dirname "$log")"
  started=$SECONDS
  status=0
  "$build_dir/tests/fuzz/$target" "${limits[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$findings/" "${corpus_dirs[@]}" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ "$status" -eq 0 ]; then
    printf 'fuzz: %-28s %9s inputs in %3d s, no finding\n' "$target" "${runs:-?}" $((SECONDS - started))
  else
    failed+=("$target")
    finding=$(sed -n 's/^.*Test unit written to //p' "$log" | tail -1)
    echo "fuzz: $target FOUND A DEFECT after $((SECONDS - started)) s (log: ${log#"$root"/})"
    grep -E 'ERROR|fuzz property broken|runtime error|SUMMARY|uncaught exception|terminate called' "$log" | head -5 | sed 's/^/  /'
    if [ -n "$finding" ]; then
      echo "  input:      ${finding#"$root"/}"
      echo "  reproduce:  ${build_dir#"$root"/}/tests/fuzz/$target ${finding#"$root"/}"
      echo "  after the fix, keep it as a regression seed (and write a unit test for it):"
      echo "              cp ${finding#"$root"/} tests/fuzz/corpus/$name/<what-it-is>"
    fi
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: defects found by ${failed[*]}"
  exit 1
fi
