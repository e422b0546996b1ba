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

cmake -S . -B build
cmake --build build -j2
ctest --test-dir build --output-on-failure

[ "${SACH_QUICK:-0}" = 1 ] && exit 0

cmake -S . -B build-asan -DSACH_SANITIZE=ON
cmake --build build-asan -j2
# abort_on_error: a report ends the process with a signal the test sees.
ASAN_OPTIONS="abort_on_error=1:detect_leaks=${SACH_DETECT_LEAKS:-1}:strict_string_checks=1" \
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
  ctest --test-dir build-asan --output-on-failure

# A fixed seed: CI explores the same inputs each run, so a red CI means a
# change broke something, not that chance found an old bug; long runs with
# fresh seeds are scripts/fuzz.sh's job (tests/fuzz/README.md).
FUZZ_ARGS="-seed=${FUZZ_SEED:-1} ${FUZZ_ARGS:-}" bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
