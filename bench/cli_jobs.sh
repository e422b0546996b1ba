#!/bin/bash
# Pages/s of the sach command itself, `sach clean -j N` for N = 1 and 2, over
# the HTML pages of the shared corpora (AEB and wcxb-dev: reading, gunzip,
# cleaning and writing JSON lines included). Best of three runs each: this
# machine is noisy. A benchmark, never a test.
#   bash bench/cli_jobs.sh [DIR...]   default: ../shared/corpora/aeb ../shared/corpora/wcxb-dev
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -f build/CMakeCache.txt ] || cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target sach -j"$(nproc)" >/dev/null
[ $# -gt 0 ] || set -- ../shared/corpora/aeb ../shared/corpora/wcxb-dev
pages=$({ build/sach clean -q -j 1 --format jsonl "$@" 2>/dev/null || true; } | wc -l)
echo "| threads | pages | best of 3, s | pages/s |"
echo "|---|---|---|---|"
for jobs in 1 2; do
  best=
  for run in 1 2 3; do
    start=$(date +%s.%N)
    build/sach clean -q -j "$jobs" --format jsonl "$@" >/dev/null 2>&1 || true
    t=$(echo "$(date +%s.%N) - $start" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  printf '| %d | %d | %.2f | %.1f |\n' "$jobs" "$pages" "$best" "$(echo "$pages / $best" | bc -l)"
done
