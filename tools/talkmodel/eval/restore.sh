#!/usr/bin/env bash
# Restores the report texts of an evaluation set beside its gold files, from snapshots of the
# public repositories they come from (the texts are other people's and stay out of this
# repository; the gold files are ours).
#
#   tools/talkmodel/eval/restore.sh SET OUT [MIRROR]
#
# SET is a folder here (fresh4, fresh5) holding SOURCES.tsv (file, owner/repo, path, commit,
# title) and NAME.gold.json files; OUT receives NAME.md beside a copy of each gold file.
# MIRROR (default ../.mirror) holds bare clones as OWNER+REPO/repo, as the `fetch` tool of
# the development machine leaves them. Lines whose repository or commit is missing are named
# on standard error and left out; the exit status is 1 when any was.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
set_dir=$(cd "$(dirname "$0")" && pwd)/$1
out=$2
mirror=${3:-../.mirror}
[ -f "$set_dir/SOURCES.tsv" ] || { echo "no $set_dir/SOURCES.tsv: name a set (fresh4, fresh5)" >&2; exit 2; }
mkdir -p "$out"
missing=0
while IFS=$'\t' read -r file repo path commit _title; do
  [ -n "$file" ] || continue
  git_dir="$mirror/${repo/\//+}/repo"
  if ! git -C "$git_dir" cat-file -e "$commit:$path" 2>/dev/null; then
    echo "$file: $repo $commit:$path is not in $git_dir (fetch the repository first)" >&2
    missing=1
    continue
  fi
  git -C "$git_dir" show "$commit:$path" > "$out/$file"
  cp "$set_dir/${file%.md}.gold.json" "$out/"
done < "$set_dir/SOURCES.tsv"
exit $missing
