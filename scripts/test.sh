#!/usr/bin/env bash
# The whole test suite, as CI runs it (README's second command, after
# scripts/setup.sh):
#   1. the normal build and every test (ctest);
#   2. the same tests again in an AddressSanitizer + UndefinedBehaviorSanitizer
#      build (build-asan/), where any report fails the test that caused it;
#   3. every libFuzzer target for FUZZ_SECONDS (default 60) each, after its
#      regression inputs (scripts/fuzz.sh), from seed FUZZ_SEED (default 1).
# SACH_QUICK=1 runs step 1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

# ctest over BUILD, then the proof that every test case ran: each entry's
# sach_tests appends the names of the cases it ran to SACH_CASE_LOG (and fails
# when it ran none), and the set of names ran must equal the set defined.
run_ctest() {  # run_ctest BUILD [ctest args...]
  local build=$1 log=$1/cases-run.log defined ran
  shift
  rm -f "$log"
  SACH_CASE_LOG=$PWD/$log ctest --test-dir "$build" --output-on-failure "$@"
  defined=$("$build/sach_tests" --list-test-cases | grep -v -e '^\[doctest\]' -e '^=\{10,\}$' | sort -u)
  ran=$(sort -u "$log")
  if [ "$defined" != "$ran" ]; then
    echo "test.sh: the cases ctest ran differ from the cases sach_tests defines (< defined only, > ran only):" >&2
    diff <(echo "$defined") <(echo "$ran") >&2 || true
    return 1
  fi
  echo "cases: ctest ran $(grep -c . <<<"$ran") distinct test cases = $(grep -c . <<<"$defined") defined by sach_tests"
}

cmake -S . -B build
cmake --build build -j2
run_ctest build

[ "${SACH_QUICK:-0}" = 1 ] && exit 0

cmake -S . -B build-asan -DSACH_SANITIZE=ON
cmake --build build-asan -j2
# abort_on_error: a report ends the process with a signal the test sees.
ASAN_OPTIONS="abort_on_error=1:detect_leaks=${SACH_DETECT_LEAKS:-1}:strict_string_checks=1" \
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
  run_ctest build-asan

# A fixed seed: CI explores the same inputs each run, so a red CI means a
# change broke something, not that chance found an old bug; long runs with
# fresh seeds are scripts/fuzz.sh's job (tests/fuzz/README.md).
FUZZ_ARGS="-seed=${FUZZ_SEED:-1} ${FUZZ_ARGS:-}" bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
