#!/usr/bin/env bash
# Fetches Cytoscape.js from the npm registry into assets/cytoscape/, the copy `graph build
# -f html` embeds. npm checks the tarball against the registry's integrity hash; this script
# then checks the file against the digest recorded below, so an update is a deliberate edit.
#   tools/vendor/cytoscape.sh            fetch VERSION and verify it
#   tools/vendor/cytoscape.sh --print    print the digest of a fresh fetch (for an update)
set -euo pipefail
VERSION=3.35.0
SHA256=71fa9ebec21a7ca2c40cff6aacc30d1f6464e363662ad4b2c197e1adc770cd94
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "cytoscape@$VERSION" >/dev/null && tar xzf "cytoscape-$VERSION.tgz")
got=$(sha256sum "$tmp/package/dist/cytoscape.min.js" | cut -d' ' -f1)
if [ "${1:-}" = "--print" ]; then echo "$got"; exit 0; fi
if [ "$got" != "$SHA256" ]; then
  echo "cytoscape.sh: cytoscape@$VERSION digest $got, expected $SHA256" >&2
  exit 1
fi
cp "$tmp/package/dist/cytoscape.min.js" "$tmp/package/LICENSE" assets/cytoscape/
echo "assets/cytoscape: cytoscape@$VERSION"
