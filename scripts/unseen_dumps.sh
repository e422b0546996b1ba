#!/usr/bin/env bash
# Dumps made by converters the quality gate does not use (w3m, elinks, pandoc's
# plain text and its GitHub markdown, which keeps the raw HTML it cannot say),
# cleaned and scored, to see the dump cleaner hold on shapes it was not tuned
# on. Not part of the gate: it needs Debian's w3m, elinks and pandoc
# (installed when missing, as root); making the dumps takes ~20 minutes, once.
#
# Usage: scripts/unseen_dumps.sh [SACH_BINARY] [WORK_DIR]   (default build/sach, /tmp/sach-unseen)
set -euo pipefail
cd "$(dirname "$0")/.."
SACH=$(realpath "${1:-build/sach}")
WORK=${2:-/tmp/sach-unseen}
CORPORA=${SACH_CORPORA:-../shared/corpora}
SCORE=${SACH_SCORE:-../shared/eval/score.py}
need=(); for p in w3m elinks pandoc; do command -v "$p" >/dev/null || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi

# dump DUMPER IN_DIR OUT_DIR: one dump per page.
dump() {
  local d=$1 in=$2 out=$3 f n page
  mkdir -p "$out"
  page=$(mktemp --suffix=.html)
  for f in "$in"/*.html.gz "$in"/*.html; do
    [ -e "$f" ] || continue
    n=$(basename "$f"); n=${n%.gz}; n=${n%.html}
    case $f in *.gz) gunzip -c "$f" >"$page";; *) cp "$f" "$page";; esac
    case $d in
      w3m) timeout 20 w3m -dump -cols 4000 -I UTF-8 -O UTF-8 -T text/html "$page" >"$out/$n.txt" 2>/dev/null || true;;
      elinks) timeout 20 elinks -dump -dump-width 4000 -no-references -no-numbering -dump-charset utf-8 "$page" \
                >"$out/$n.txt" 2>/dev/null || true;;
      pandoc) timeout 20 pandoc -f html -t plain --wrap=none "$page" -o "$out/$n.txt" 2>/dev/null || true;;
      pandoc-gfm) timeout 20 pandoc -f html -t gfm --wrap=none "$page" -o "$out/$n.md" 2>/dev/null || true;;
    esac
  done
  rm -f "$page"
}

for d in w3m elinks pandoc pandoc-gfm; do
  for c in aeb wcxb-dev; do
    [ -d "$WORK/dumps/$c-$d" ] || dump "$d" "$CORPORA/$c/html" "$WORK/dumps/$c-$d"
    rm -rf "$WORK/out/$c-$d"
    "$SACH" clean -q --max-seconds 0 --out "$WORK/out/$c-$d" "$WORK/dumps/$c-$d" 2>/dev/null || true
    echo "$c-$d $(python3 "$SCORE" aeb "$WORK/out/$c-$d" "$CORPORA/$c/ground-truth.json" | tail -n 1 | grep -o ' f1=[0-9.]*')"
  done
done
