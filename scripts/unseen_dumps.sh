#!/usr/bin/env bash
# Dumps made by converters the quality gate does not use, cleaned and scored,
# to see the dump cleaner hold on shapes it was not tuned on:
#   w3m, elinks, pandoc's plain text and its GitHub markdown (which keeps the
#   raw HTML it cannot say), unwrapped;
#   Python's html2text, w3m and lynx at their default widths (78, 80, 79:
#   every paragraph broken into lines);
#   html-to-text and turndown, the Node converters (links as "text [url]",
#   headings in capitals, lines wrapped at 80; markdown keeping the page's
#   scripts as text), when node and npm are there.
# Not part of the gate: it needs Debian's w3m, elinks, pandoc, lynx and
# python3-html2text (installed when missing, as root) and npm's html-to-text
# and turndown (installed into WORK_DIR); making the dumps takes ~30 minutes, once.
#
# Usage: scripts/unseen_dumps.sh [SACH_BINARY] [WORK_DIR]   (default build/sach, /tmp/sach-unseen)
set -euo pipefail
cd "$(dirname "$0")/.."
SACH=$(realpath "${1:-build/sach}")
WORK=${2:-/tmp/sach-unseen}
CORPORA=${SACH_CORPORA:-../shared/corpora}
SCORE=${SACH_SCORE:-../shared/eval/score.py}
need=(); for p in w3m elinks pandoc lynx; do command -v "$p" >/dev/null || need+=("$p"); done
/usr/bin/python3 -c 'import html2text' 2>/dev/null || need+=(python3-html2text)
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
      html2text-78) timeout 20 /usr/bin/python3 -c 'import sys, html2text
sys.stdout.write(html2text.HTML2Text().handle(open(sys.argv[1], encoding="utf-8", errors="replace").read()))' \
                      "$page" >"$out/$n.md" 2>/dev/null || true;;
      w3m-80) timeout 20 w3m -dump -I UTF-8 -O UTF-8 -T text/html "$page" >"$out/$n.txt" 2>/dev/null || true;;
      lynx-79) timeout 20 lynx -dump -nolist -assume_charset=utf-8 -display_charset=utf-8 "$page" \
                 >"$out/$n.txt" 2>/dev/null || true;;
      html-to-text) timeout 20 node -e 'const {convert} = require(process.argv[1]); const fs = require("fs");
process.stdout.write(convert(fs.readFileSync(process.argv[2], "utf8")))' "$NODE_MODULES/html-to-text" "$page" \
                      >"$out/$n.txt" 2>/dev/null || true;;
      turndown) timeout 20 node -e 'const T = require(process.argv[1]); const fs = require("fs");
process.stdout.write(new T().turndown(fs.readFileSync(process.argv[2], "utf8")))' "$NODE_MODULES/turndown" "$page" \
                  >"$out/$n.md" 2>/dev/null || true;;
    esac
  done
  rm -f "$page"
}

converters=(w3m elinks pandoc pandoc-gfm html2text-78 w3m-80 lynx-79)
NODE_MODULES=$WORK/npm/node_modules
mkdir -p "$WORK/npm"
if command -v npm >/dev/null && { [ -d "$NODE_MODULES/turndown" ] ||
     npm install --silent --prefix "$WORK/npm" html-to-text turndown >/dev/null 2>&1; }; then
  converters+=(html-to-text turndown)
else
  echo "unseen_dumps: no npm (or no npm registry): html-to-text and turndown skipped" >&2
fi
for d in "${converters[@]}"; do
  for c in aeb wcxb-dev; do
    [ -d "$WORK/dumps/$c-$d" ] || dump "$d" "$CORPORA/$c/html" "$WORK/dumps/$c-$d"
    rm -rf "$WORK/out/$c-$d"
    "$SACH" clean -q --max-seconds 0 --out "$WORK/out/$c-$d" "$WORK/dumps/$c-$d" 2>/dev/null || true
    echo "$c-$d $(python3 "$SCORE" aeb "$WORK/out/$c-$d" "$CORPORA/$c/ground-truth.json" | tail -n 1 | grep -o ' f1=[0-9.]*')"
  done
done
