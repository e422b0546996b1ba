#!/usr/bin/env bash
# The whole test suite, as CI runs it (README's second command, after
# scripts/setup.sh):
#   1. the normal build and every test (ctest);
#   2. the quality gate (scripts/quality.sh): the shared corpora cleaned and
#      scored, each figure held to its floor in tests/quality_floors.txt;
#   3. the Debian packages (scripts/package_test.sh, as root): built,
#      installed with apt, used from another directory and embedded
#      (examples/embed.cc with find_package and with pkg-config), removed;
#      SACH_SKIP_PACKAGE=1 skips it;
#   4. the same tests again in an AddressSanitizer + UndefinedBehaviorSanitizer
#      build (build-asan/), where any report fails the test that caused it;
#   5. the tests of the threaded code (the crawler's worker pool, its fetches
#      and its state) in a ThreadSanitizer build (build-tsan/);
#   6. every libFuzzer target for FUZZ_SECONDS (default 60) each, two at a
#      time, after its regression inputs (scripts/fuzz.sh), from seed
#      FUZZ_SEED (default 1).
# After each ctest run, the cases it ran are compared with the cases
# sach_tests defines. SACH_QUICK=1 runs steps 1 and 2 only.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}
step_start=$(date +%s)
step() {  # step NAME: the time the previous step took, then NAME's banner
  local now
  now=$(date +%s)
  echo "== test.sh: $1 (previous step $((now - step_start)) s)"
  step_start=$now
}

# ctest over BUILD, then the proof that every test case ran: each entry's
# sach_tests appends the names of the cases it ran to SACH_CASE_LOG (and fails
# when it ran none), and the names ran must equal the names defined (those
# that DOCTEST_FILTER selects, when given).
run_ctest() {  # run_ctest BUILD [CTEST_REGEX DOCTEST_FILTER]
  local build=$1 regex=${2:-} filter=${3:-} log defined ran
  log=$PWD/$build/cases-run.log
  rm -f "$log"
  SACH_CASE_LOG=$log ctest --test-dir "$build" --output-on-failure -j "$JOBS" ${regex:+-R "$regex"}
  defined=$("$build/sach_tests" --list-test-cases ${filter:+"--test-case=$filter"} |
    grep -v -e '^\[doctest\]' -e '^=\{10,\}$' | sort -u)
  ran=$(sort -u "$log")
  if [ "$defined" != "$ran" ]; then
    echo "test.sh: the cases ctest ran differ from the cases sach_tests defines (< defined only, > ran only):" >&2
    diff <(echo "$defined") <(echo "$ran") >&2 || true
    return 1
  fi
  echo "cases: ctest ran $(grep -c . <<<"$ran") distinct test cases = $(grep -c . <<<"$defined") defined by sach_tests${filter:+ ($filter)}"
}

step "normal build and ctest"
cmake -S . -B build
cmake --build build -j "$JOBS"
run_ctest build

step "quality gate"
bash scripts/quality.sh build/sach

[ "${SACH_QUICK:-0}" = 1 ] && exit 0

step "Debian packages"
if [ "${SACH_SKIP_PACKAGE:-0}" = 1 ]; then echo "test.sh: SACH_SKIP_PACKAGE=1, packages not tested"
else bash scripts/package_test.sh; fi

step "AddressSanitizer + UBSan build and ctest"
cmake -S . -B build-asan -DSACH_SANITIZE=ON
cmake --build build-asan -j "$JOBS" --target sach sach_tests
# abort_on_error: a report ends the process with a signal the test sees.
ASAN_OPTIONS="abort_on_error=1:detect_leaks=${SACH_DETECT_LEAKS:-1}:strict_string_checks=1" \
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
  run_ctest build-asan

step "ThreadSanitizer build and the crawler's tests"
cmake -S . -B build-tsan -DSACH_TSAN=ON
cmake --build build-tsan -j "$JOBS" --target sach sach_tests
TSAN_OPTIONS="halt_on_error=1:suppressions=$PWD/tests/tsan.supp" \
  run_ctest build-tsan '^(crawl|fetch|state): ' 'crawl: *,fetch: *,state: *'

# A fixed seed: CI explores the same inputs each run, so a red CI means a
# change broke something, not that chance found an old bug; long runs with
# fresh seeds are scripts/fuzz.sh's job (tests/fuzz/README.md).
step "fuzz targets, ${FUZZ_SECONDS:-60} s each"
FUZZ_ARGS="-seed=${FUZZ_SEED:-1} ${FUZZ_ARGS:-}" PARALLEL=${PARALLEL:-2} bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
step "done"
