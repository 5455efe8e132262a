#!/usr/bin/env bash
# Installs the official OpenAI Node.js SDK (the npm package openai), pinned by openai-e2e/package-lock.json,
# into openai-e2e/node_modules, for OpenAiSdkTest. Does nothing when that lock file is already installed.
set -euo pipefail

dir="$(cd "$(dirname "$0")/../openai-e2e" && pwd)"
stamp="$dir/node_modules/.voxify-installed-lock.json"

if [ -f "$dir/node_modules/openai/package.json" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
  exit 0
fi

command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "The OpenAI SDK test needs Node.js 20 or newer with npm" >&2; exit 1; }
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 20 ] || { echo "The OpenAI SDK test needs Node.js 20 or newer; found $(node --version)" >&2; exit 1; }

echo "Installing the openai SDK into $dir"
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
cp "$dir/package-lock.json" "$stamp"
