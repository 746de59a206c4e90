#!/usr/bin/env bash
# Throughput and peak memory of `graph build` on a large corpus made from the reports in this
# repository (the reference report and tests/fixtures/*.md), copied until it reaches the size
# asked for. Prints MB, seconds, MB/s and peak RSS. Timing is measured here, never in tests.
#
#   tools/bench/bench.sh [--mb 70] [--bin target/release/graph] [--threads N]
set -euo pipefail
cd "$(dirname "$0")/../.."

mb=70
bin=""
threads=""
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin=target/release/graph
fi
if [ ! -x /usr/bin/time ]; then
  echo "bench.sh: needs /usr/bin/time (Debian package 'time') for peak memory" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sources=(examples/jawsdays2018/report.md tests/fixtures/*.md)
want=$((mb * 1000 * 1000))
have=0
n=0
while [ "$have" -lt "$want" ]; do
  dir="$work/corpus/$((n / 500))"
  mkdir -p "$dir"
  for s in "${sources[@]}"; do
    cp "$s" "$dir/$n-$(basename "$s")"
    have=$((have + $(wc -c < "$s")))
    n=$((n + 1))
  done
done

# graph uses one worker per core it may run on; --threads N pins it to N cores
pin=()
[ -n "$threads" ] && pin=(taskset -c "0-$((threads - 1))")
/usr/bin/time -f "%e %M" -o "$work/time" "${pin[@]}" "$bin" build "$work/corpus" -f json -o "$work/out.json"
read -r secs kb < "$work/time"
python3 - "$have" "$n" "$secs" "$kb" <<'PY'
import sys
size, files, secs, kb = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
mb = size / 1e6
print(f"{mb:.1f} MB in {files} files: {secs:.2f} s, {mb / max(secs, 1e-9):.1f} MB/s, peak RSS {kb / 1024:.0f} MB")
PY
