#!/usr/bin/env bash
# Installs the Chroma server the vector-index tests start: the npm package chromadb, pinned by
# tools/chroma/package-lock.json, into tools/chroma/node_modules. Does nothing when that lock
# file is already installed.
# Debian 12 has glibc 2.36: package.json pins the native bindings to 1.0.5 (newer need 2.38).
set -euo pipefail

dir="$(cd "$(dirname "$0")/../tools/chroma" && pwd)"
stamp="$dir/node_modules/.voxify-installed-lock.json"

if [ -f "$dir/node_modules/chromadb/dist/cli.mjs" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
  exit 0
fi

command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "Chroma for the tests needs Node.js 20 or newer with npm (e.g. from nodesource)" >&2; exit 1; }
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 20 ] || { echo "Chroma for the tests needs Node.js 20 or newer; found $(node --version)" >&2; exit 1; }

echo "Installing Chroma (npm chromadb) into $dir"
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
cp "$dir/package-lock.json" "$stamp"
