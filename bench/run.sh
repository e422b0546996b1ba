#!/bin/bash
# Speed and memory of sach beside readability-lxml and Readability.js, on the
# same pages, in the same run. Installs what it needs (Debian packages, npm
# packages under bench/js), builds sach_bench, prints a markdown table.
#   bash bench/run.sh [PAGE...]    default: ../shared/corpora/aeb/html/*.html.gz
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
missing=()
/usr/bin/python3 -c 'import readability' 2>/dev/null || missing+=(python3-readability python3-lxml)
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
[ -d bench/js/node_modules/@mozilla/readability ] || npm install --prefix bench/js --no-audit --no-fund --silent
[ -f build/CMakeCache.txt ] || cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target sach_bench sach -j"$(nproc)" >/dev/null
if [ $# -eq 0 ]; then
  shopt -s nullglob
  set -- ../shared/corpora/aeb/html/*.html.gz
  [ $# -gt 0 ] || { echo "bench: no pages: ../shared/corpora/aeb/html/ is missing; name pages as arguments" >&2; exit 1; }
fi
/usr/bin/python3 bench/run.py "$@"
echo
echo "sach clean over a folder of the pages, and of ten copies of them (streaming: flat memory):"
exec /usr/bin/python3 bench/memory.py "$@"
