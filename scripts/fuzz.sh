#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ in build-fuzz/ (clang, ASan +
# UBSan + coverage) and runs each for SECONDS (default 60), one after another.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#   TARGET: decode html dump rules selector crawl_config robots links url_names gunzip (default: all)
# Environment: JOBS (build parallelism, default nproc), PARALLEL (targets run at
# once, default 1), FUZZ_ARGS (more libFuzzer flags).
# Every file under tests/fuzz/regressions/<target>/ is run through its target
# first. Exits 1 when any target crashed, hung, leaked or ran out of memory
# (artifacts in build-fuzz/artifacts/<target>/); tests/fuzz/README.md.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=$ROOT/build-fuzz
ALL_TARGETS=(decode html dump rules selector crawl_config robots links url_names gunzip warc)

SECONDS_PER_TARGET=60
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then
  SECONDS_PER_TARGET=$1
  shift
fi
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")
for t in "${TARGETS[@]}"; do
  [[ " ${ALL_TARGETS[*]} " == *" $t "* ]] || { echo "fuzz: unknown target '$t' (known: ${ALL_TARGETS[*]})" >&2; exit 2; }
done

# --- toolchain: the project's dependencies, clang and its sanitizer runtimes
# included (scripts/setup.sh lists them).
bash "$ROOT/scripts/setup.sh"

# --- build: Debug keeps assertions; tests/fuzz/CMakeLists.txt adds -O1, the
# sanitizers and coverage to sachlib and the targets.
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  -DSACH_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$BUILD" -j "${JOBS:-$(nproc)}" --target "${TARGETS[@]/#/fuzz_}"

# --- seeds from samples/ (copied, with the option byte the target expects
# first), next to the committed corpus in tests/fuzz/corpus/<target>/.
seed() {  # seed TARGET PREFIX_OCTAL FILE...
  local target=$1 prefix=$2 f name
  shift 2
  mkdir -p "$BUILD/seeds/$target"
  for f in "$@"; do
    [ -f "$f" ] || continue
    name=$(echo "${f#"$ROOT"/}" | tr '/' '_')
    if [ -n "$prefix" ]; then
      { printf "\\$prefix"; cat "$f"; } >"$BUILD/seeds/$target/$name"
    else
      cp "$f" "$BUILD/seeds/$target/$name"
    fi
  done
}
rm -rf "$BUILD/seeds"
shopt -s nullglob
HTML=("$ROOT"/samples/html/*/input.html)
TEXT=("$ROOT"/samples/dumps/*/input.txt "$ROOT"/samples/md/*/input.md)
seed html 000 "${HTML[@]}"
seed links "" "${HTML[@]}"
seed decode 000 "${HTML[@]}" "${TEXT[@]}"
seed dump 000 "${TEXT[@]}"
seed rules 000 "$ROOT"/rules/default.toml
seed rules 001 "$ROOT"/rules/sites/*.toml
seed crawl_config "" "$ROOT"/crawl/sites.toml

max_len() {
  case $1 in
    html|decode|dump) echo 1048576 ;;
    links) echo 262144 ;;
    *) echo 65536 ;;
  esac
}

# --- LeakSanitizer needs ptrace-like access to the process; some containers
# refuse it, and then every run would end in "LeakSanitizer has encountered a
# fatal error". Probe once.
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
probe=$(ASAN_OPTIONS=detect_leaks=1 "$BUILD/fuzz/fuzz_${TARGETS[0]}" -runs=1 2>&1 </dev/null || true)
if grep -q "LeakSanitizer has encountered a fatal error" <<<"$probe"; then
  echo "fuzz: LeakSanitizer cannot run here (ptrace restricted): leaks are not checked" >&2
  export ASAN_OPTIONS=detect_leaks=0
else
  export ASAN_OPTIONS=detect_leaks=1
fi

# --- run: PARALLEL targets at a time (default 1), each writing its row of
# the summary to $BUILD/results/<target>.
run_target() {  # run_target TARGET
  local t=$1 bin=$BUILD/fuzz/fuzz_$1 artifacts=$BUILD/artifacts/$1 work=$BUILD/corpus/$1  # new inputs go to work, not the repository
  local log=$BUILD/logs/$1.log result=$BUILD/results/$1 regressions dirs start rc runs artifact verdict
  mkdir -p "$artifacts" "$work" "$BUILD/logs" "$BUILD/results"
  regressions=("$ROOT"/tests/fuzz/regressions/"$t"/*)
  if [ ${#regressions[@]} -gt 0 ]; then
    echo "== $t: ${#regressions[@]} regression input(s)"
    if ! "$bin" -timeout=10 -rss_limit_mb=2048 "${regressions[@]}" >"$log.regressions" 2>&1; then
      tail -n 40 "$log.regressions"
      echo "fuzz: $t: a regression input fails again (log: $log.regressions)" >&2
      echo "${#regressions[@]} 0 REGRESSION" >"$result"
      return
    fi
  fi
  dirs=("$work" "$ROOT/tests/fuzz/corpus/$t")
  [ -d "$BUILD/seeds/$t" ] && dirs+=("$BUILD/seeds/$t")
  echo "== $t: ${SECONDS_PER_TARGET}s (log: $log)"
  start=$(date +%s)
  rc=0
  # shellcheck disable=SC2086  # FUZZ_ARGS is a list of flags
  "$bin" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
    -print_final_stats=1 -artifact_prefix="$artifacts/" ${FUZZ_ARGS:-} "${dirs[@]}" >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  [ -n "$runs" ] || runs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')
  if [ $rc -eq 0 ]; then
    verdict=ok
    tail -n 3 "$log" | sed "s/^/   $t: /"
  else
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    if grep -q "ERROR: libFuzzer: timeout" "$log"; then verdict=TIMEOUT
    elif grep -q "ERROR: LeakSanitizer" "$log"; then verdict=LEAK
    elif grep -q "ERROR: libFuzzer: out-of-memory\|malloc limit" "$log"; then verdict=OOM
    else verdict=CRASH
    fi
    { grep -m 1 -E "^(==[0-9]+==ERROR|SUMMARY|.*runtime error:)" "$log" | sed 's/^/   /' || true
      # The first frames that are not libFuzzer's or the sanitizers' own.
      grep -E "^ +#[0-9]+ 0x" "$log" | grep -vE " in (fuzzer::|__sanitizer|__asan|__ubsan|__interceptor)|libc\.so" |
        sed 's/ (BuildId: [0-9a-f]*)//' | head -n 10 || true
      echo "fuzz: $t: $verdict; input: ${artifact:-see $log}"; } >&2
  fi
  echo "${runs:-?} $(($(date +%s) - start)) $verdict" >"$result"
}

rm -rf "$BUILD/results"
running=0
for t in "${TARGETS[@]}"; do
  if [ "$running" -ge "${PARALLEL:-1}" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  run_target "$t" &
  running=$((running + 1))
done
wait

failed=0
echo
printf '%-14s %8s %12s  %s\n' target seconds runs result
for t in "${TARGETS[@]}"; do
  read -r runs secs verdict 2>/dev/null <"$BUILD/results/$t" || { runs='?' secs='?' verdict=NO-RESULT; }
  printf '%-14s %8s %12s  %s\n' "$t" "$secs" "$runs" "$verdict"
  [ "$verdict" = ok ] || failed=1
done
exit $failed
