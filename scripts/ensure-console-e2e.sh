#!/usr/bin/env bash
# Installs what the web console's browser test drives chromium with: the npm package playwright-core,
# pinned by console-e2e/package-lock.json, into console-e2e/node_modules. Does nothing when that lock
# file is already installed. Chromium itself is a Debian package (scripts/ensure-packages.sh test).
set -euo pipefail

dir="$(cd "$(dirname "$0")/../console-e2e" && pwd)"
stamp="$dir/node_modules/.voxify-installed-lock.json"

if [ -f "$dir/node_modules/playwright-core/package.json" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
  exit 0
fi

command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "The console browser test needs Node.js 20 or newer with npm" >&2; exit 1; }
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 20 ] || { echo "The console browser test needs Node.js 20 or newer; found $(node --version)" >&2; exit 1; }

echo "Installing playwright-core into $dir"
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
cp "$dir/package-lock.json" "$stamp"
