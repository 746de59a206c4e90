#!/usr/bin/env bash
# Build the JSON graph of every report in a folder of NAME.md + NAME.gold.json pairs and print
# the score table of score.py (precision / recall / F1 per report and in total).
#
# usage: tools/score/score_dir.sh --dir DIR [--dir DIR]... [--graphs OUT] [--bin PATH]
#                                 [--min F1] [-v] [--json]
#   --dir     a folder of NAME.md beside NAME.gold.json, or of report.md beside gold.json
#             (as in examples/NAME/); may be given more than once
#   --graphs  where the graphs are written, as NAME.graph.json, and kept for reading
#             (default: a temporary folder, removed afterwards)
#   --bin     the graph binary (default: target/release/graph, rebuilt first)
#   --min F1  exit 1 when any total F1 is below F1
#   -v        one row per talk as well; --json the table as JSON
#
# Example, from the repository root:
#   tools/score/score_dir.sh --dir examples/jawsdays2018 --graphs /tmp/graphs
#   tools/score/score_dir.sh --dir tests/fixtures -v
# A report that fails to build is named on stderr and scores as an empty graph.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=""
graphs=""
args=()
dirs=()
usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) [ $# -ge 2 ] || usage; dirs+=("$2"); shift 2 ;;
    --graphs) [ $# -ge 2 ] || usage; graphs=$2; shift 2 ;;
    --bin) [ $# -ge 2 ] || usage; bin=$2; shift 2 ;;
    --min) [ $# -ge 2 ] || usage; args+=(--min "$2"); shift 2 ;;
    -v|--verbose|--json) args+=("$1"); shift ;;
    -h|--help) usage ;;
    *) echo "score_dir.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[ ${#dirs[@]} -gt 0 ] || { echo "score_dir.sh: give at least one --dir" >&2; usage; }
if [ -z "$bin" ]; then
  bin="$root/target/release/graph"
  cargo build --release --quiet --manifest-path "$root/Cargo.toml"
fi
[ -x "$bin" ] || { echo "score_dir.sh: no graph binary at $bin" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$graphs" ]; then graphs="$work/graphs"; fi
mkdir -p "$graphs" "$work/gold"
found=0
for d in "${dirs[@]}"; do
  [ -d "$d" ] || { echo "score_dir.sh: $d is not a folder" >&2; exit 2; }
  shopt -s nullglob
  golds=("$d"/*.gold.json)
  shopt -u nullglob
  [ -f "$d/gold.json" ] && golds+=("$d/gold.json")
  for gold in "${golds[@]}"; do
    base=$(basename "$gold")
    if [ "$base" = gold.json ]; then
      # examples/NAME/{report.md,gold.json}: the folder names the report
      name=$(basename "$(cd "$d" && pwd)")
      md="$d/report.md"
    else
      name=${base%.gold.json}
      md="$d/$name.md"
    fi
    [ -f "$md" ] || { echo "score_dir.sh: $gold has no report beside it ($md)" >&2; continue; }
    found=$((found + 1))
    cp "$gold" "$work/gold/$name.gold.json"
    rm -f "$graphs/$name.graph.json"
    if ! "$bin" build "$md" -f json -o "$graphs/$name.graph.json" 2>"$work/$name.err"; then
      echo "$name: graph build failed: $(head -c 300 "$work/$name.err")" >&2
      printf '{"nodes":[],"edges":[]}\n' >"$graphs/$name.graph.json"
    fi
  done
done
[ "$found" -gt 0 ] || { echo "score_dir.sh: no NAME.gold.json with a NAME.md in ${dirs[*]}" >&2; exit 2; }
python3 "$here/score.py" --dir "$work/gold" --graphs "$graphs" "${args[@]}"
