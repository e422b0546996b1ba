#!/usr/bin/env bash
# The quality gate: cleans the shared evaluation corpora (AEB, wcxb-dev, and
# their whole-page text dumps, ../shared/corpora), scores every page with
# ../shared/eval/score.py, prints the figures, and fails when one falls below
# its floor in tests/quality_floors.txt (the figures reached when the floor was
# last raised, minus 0.005), so a change cannot lose quality unnoticed.
#
# Usage: scripts/quality.sh [SACH_BINARY]        (default build/sach)
# Environment: SACH_CORPORA (default ../shared/corpora), SACH_SCORE (default
# ../shared/eval/score.py). Missing corpora fail the gate, unless
# SACH_SKIP_QUALITY=1 says to skip it on purpose.
set -euo pipefail
cd "$(dirname "$0")/.."
SACH=${1:-build/sach}
CORPORA=${SACH_CORPORA:-../shared/corpora}
SCORE=${SACH_SCORE:-../shared/eval/score.py}
FLOORS=tests/quality_floors.txt

if [ ! -f "$SCORE" ] || [ ! -d "$CORPORA/aeb/html" ] || [ ! -d "$CORPORA/wcxb-dev/html" ] || [ ! -d "$CORPORA/dumps" ]; then
  if [ "${SACH_SKIP_QUALITY:-0}" = 1 ]; then
    echo "quality: skipped (SACH_SKIP_QUALITY=1)"
    exit 0
  fi
  echo "quality: the corpora or the scorer are missing ($CORPORA, $SCORE): set SACH_CORPORA and SACH_SCORE," \
       "or SACH_SKIP_QUALITY=1 to skip the gate on purpose" >&2
  exit 1
fi
[ -x "$SACH" ] || { echo "quality: no sach binary at $SACH (build first)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# score NAME KIND INPUT_DIR TRUTH [sach clean options...]: cleans every page
# of INPUT_DIR into $tmp/NAME and prints "NAME key=value..." from score.py's
# last line. An input sach refuses is scored as a page without prediction.
score() {
  local name=$1 kind=$2 input=$3 truth=$4 line
  shift 4
  "$SACH" clean -q --max-seconds 0 "$@" --out "$tmp/$name" "$input" 2>"$tmp/$name.err" || true
  line=$(python3 "$SCORE" "$kind" "$tmp/$name" "$truth" | tail -n 1)
  [[ $line == SCORE* ]] || { echo "quality: score.py gave no SCORE line for $name" >&2; exit 1; }
  echo "$name ${line#SCORE kind=* }"
}

# The Vietnamese dumps are scored against the samples' expected output.
mkdir -p "$tmp/vn-expected"
for d in samples/html/*/; do
  cp "$d/expected.txt" "$tmp/vn-expected/$(basename "$d").expected.txt"
done

{
  score aeb aeb "$CORPORA/aeb/html" "$CORPORA/aeb/ground-truth.json"
  score aeb-no-captions aeb "$CORPORA/aeb/html" "$CORPORA/aeb/ground-truth.json" --no-captions
  score wcxb-dev aeb "$CORPORA/wcxb-dev/html" "$CORPORA/wcxb-dev/ground-truth.json"
  for dumper in bs4 html2text lynx; do
    score "aeb-$dumper" aeb "$CORPORA/dumps/aeb/$dumper" "$CORPORA/aeb/ground-truth.json"
    score "wcxb-dev-$dumper" aeb "$CORPORA/dumps/wcxb-dev/$dumper" "$CORPORA/wcxb-dev/ground-truth.json"
    score "vn-$dumper" golden "$CORPORA/dumps/vn/$dumper" "$tmp/vn-expected"
  done
} >"$tmp/figures"

# Each floor line: SET KEY MIN. Every figure printed; every floor checked.
python3 - "$tmp/figures" "$FLOORS" <<'EOF'
import sys
figures = {}
for line in open(sys.argv[1], encoding='utf-8'):
    name, *pairs = line.split()
    figures[name] = dict(p.split('=', 1) for p in pairs)
print(f"{'set':<20} {'f1':>7} {'prec':>7} {'recall':>7} {'bow_f1':>7}  metadata")
for name, f in figures.items():
    meta = ' '.join(f'{k[:-4]} {float(v):.3f}' for k, v in f.items() if k.endswith('_acc'))
    if 'f1' in f:
        print(f"{name:<20} {float(f['f1']):7.4f} {float(f['precision']):7.4f} {float(f['recall']):7.4f} "
              f"{float(f['bow_f1']):7.4f}  {meta}")
    else:
        print(f"{name:<20} body exact {f['body_exact']}/{f['samples']}, paragraph P {float(f['para_precision']):.3f} "
              f"R {float(f['para_recall']):.3f}")
failed = checked = 0
for n, line in enumerate(open(sys.argv[2], encoding='utf-8'), 1):
    line = line.split('#', 1)[0].split()
    if not line:
        continue
    name, key, floor = line[0], line[1], float(line[2])
    got = figures.get(name, {}).get(key)
    checked += 1
    if got is None:
        print(f'quality: {sys.argv[2]}:{n}: no figure {name} {key}', file=sys.stderr)
        failed += 1
    elif float(got) < floor:
        print(f'quality: {name} {key} = {float(got):.4f}, below its floor {floor:.4f}', file=sys.stderr)
        failed += 1
print(f'quality: {checked - failed} of {checked} floors held')
sys.exit(1 if failed else 0)
EOF
