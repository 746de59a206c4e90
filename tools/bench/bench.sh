#!/usr/bin/env bash
# `graph build FILES -f json -o out.json` beside a bare Aho-Corasick scan of the same files
# (../shared/bench/ac-baseline: 4,116 aliases, leftmost-longest, word boundaries), in one run:
# time, MB/s and peak RSS of each, and the ratio of the bare scan's time to graph build's
# (1 is graph build at the bare scan's pace; the issue asks for 0.5 or more). Each tool runs
# --runs times on the same files; the fastest run is shown, with its peak RSS. Timing is
# measured here, never in tests.
#
#   tools/bench/bench.sh [--corpus DIR] [--copies N] [--threads N] [--runs N]
#   tools/bench/bench.sh --one FILE          one report (startup cost)
#   tools/bench/bench.sh --scaling           1 and 2 threads, 1x, 2x and 4x the corpus:
#                                            a Markdown table for the README
# Options: --bin PATH (graph; default: cargo build --release), --baseline PATH (ac-baseline;
# default: built from ../shared/bench/ac-baseline into target/ac-baseline), --terms FILE.
# The corpus (default ../corpus) is made by ../shared/bench/make_corpus.sh; N copies of it are
# hard links under N names, so graph build reads every one (the same file under two names).
set -euo pipefail
cd "$(dirname "$0")/../.."

corpus=../corpus
copies=1
threads=2
runs=3
one=""
scaling=0
bin=""
baseline=""
terms=../shared/bench/terms-large.txt
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpus="$2"; shift 2 ;;
    --copies) copies="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --one) one="$2"; shift 2 ;;
    --scaling) scaling=1; shift ;;
    --bin) bin="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --terms) terms="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

die() { echo "bench.sh: $*" >&2; exit 2; }
[ -x /usr/bin/time ] || die "needs /usr/bin/time (Debian package 'time') for peak memory"
[ -r "$terms" ] || die "no alias list at $terms (--terms FILE)"
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin=target/release/graph
fi
if [ -z "$baseline" ]; then
  src=../shared/bench/ac-baseline
  [ -d "$src" ] || die "no bare scan at $src (--baseline PATH)"
  # the shared folder is read-only: build beside our own target
  CARGO_TARGET_DIR="$PWD/target/ac-baseline" cargo build --release --quiet --manifest-path "$src/Cargo.toml"
  baseline=target/ac-baseline/release/ac-baseline
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# inputs N: the corpus N times over, as hard links under N names (one report: the file)
inputs() {
  local n=$1
  if [ -n "$one" ]; then
    echo "$one"
    return
  fi
  [ -d "$corpus" ] || die "no corpus at $corpus (bash ../shared/bench/make_corpus.sh, or --corpus DIR)"
  if [ "$n" = 1 ]; then
    echo "$corpus"
    return
  fi
  local dir="$work/x$n"
  if [ ! -d "$dir" ]; then
    for i in $(seq 1 "$n"); do
      mkdir -p "$dir"
      cp -al "$corpus" "$dir/copy-$i"
    done
  fi
  echo "$dir"
}

bytes_of() {
  if [ -f "$1" ]; then wc -c < "$1"; else find -L "$1" \( -name '*.md' -o -name '*.markdown' \) -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; fi
}

# best "seconds kib cpu_seconds" of $runs runs of a command, pinned to $2 cores
best() {
  local cores=$1; shift
  local pin=(taskset -c "0-$((cores - 1))")
  local best_s="" best_k="" best_c=""
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "${pin[@]}" "$@" > /dev/null 2> "$work/err" ||
      { cat "$work/err" >&2; die "failed: $*"; }
    read -r s k u y < <(tail -1 "$work/time")
    if [ -z "$best_s" ] || awk -v a="$s" -v b="$best_s" 'BEGIN {exit !(a < b)}'; then
      best_s=$s
      best_k=$k
      best_c=$(awk -v u="$u" -v y="$y" 'BEGIN {print u + y}')
    fi
  done
  echo "$best_s $best_k $best_c"
}

# one measurement: copies, threads -> "mb graph_s graph_kib graph_cpu scan_s scan_kib scan_cpu"
measure() {
  local n=$1 t=$2 in mb g a
  in=$(inputs "$n")
  mb=$(awk -v b="$(bytes_of "$in")" 'BEGIN {printf "%.3f", b / 1e6}')
  g=$(best "$t" "$bin" build "$in" -f json -o "$work/out.json")
  a=$(best "$t" "$baseline" --word -j "$t" "$terms" "$in")
  echo "$mb $g $a"
}

row() {
  awk -v label="$1" -v mb="$2" -v gs="$3" -v gk="$4" -v gc="$5" -v as="$6" -v ak="$7" -v ac="$8" 'BEGIN {
    printf "| %s | %.2f | %.2f s (%.2f s CPU) | %.1f MB/s | %.0f MiB | %.2f s (%.2f s CPU) | %.1f MB/s | %.0f MiB | %.2f |\n",
      label, mb, gs, gc, mb / (gs > 0 ? gs : 1e-9), gk / 1024, as, ac, mb / (as > 0 ? as : 1e-9),
      ak / 1024, as / (gs > 0 ? gs : 1e-9)
  }'
}

header() {
  echo "| input | MB | graph build | MB/s | peak RSS | bare scan | MB/s | peak RSS | ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
}

echo "graph: $bin; bare scan: $baseline ($(grep -cv '^\s*\(#\|$\)' "$terms") aliases); best of $runs run(s); $(nproc) cores"
header
if [ "$scaling" = 1 ]; then
  for t in 1 2; do
    for n in 1 2 4; do
      read -r mb gs gk gc as ak ac < <(measure "$n" "$t")
      row "${n}x corpus, $t thread(s)" "$mb" "$gs" "$gk" "$gc" "$as" "$ak" "$ac"
    done
  done
else
  read -r mb gs gk gc as ak ac < <(measure "$copies" "$threads")
  label="${copies}x corpus, $threads thread(s)"
  [ -n "$one" ] && label="$(basename "$one"), $threads thread(s)"
  row "$label" "$mb" "$gs" "$gk" "$gc" "$as" "$ak" "$ac"
fi
echo "ratio: the bare scan's time over graph build's (0.5 or more is the goal); CPU: user + system"
