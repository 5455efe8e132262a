#!/usr/bin/env bash
# Downloads a curated set of Piper voices (model + config) into the models directory, where the
# server finds them at start-up. Needs the internet; nothing else in Voxify downloads at run time.
# Usage: scripts/fetch-piper-voices.sh [models-dir]
set -euo pipefail

dir="${1:-${VOXIFY_MODELS_DIR:-./data/models}}"
base="https://huggingface.co/rhasspy/piper-voices/resolve/main"
voices=(
  "en/en_US/lessac/medium/en_US-lessac-medium"
  "en/en_GB/alba/medium/en_GB-alba-medium"
  "zh/zh_CN/huayan/medium/zh_CN-huayan-medium"
  "de/de_DE/thorsten/medium/de_DE-thorsten-medium"
)

mkdir -p "$dir"
for path in "${voices[@]}"; do
  name="${path##*/}"
  if [ -s "$dir/$name.onnx" ] && [ -s "$dir/$name.onnx.json" ]; then
    echo "have $name"
    continue
  fi
  echo "fetching $name"
  for ext in onnx.json onnx; do
    if ! curl -fsSL --retry 2 -o "$dir/$name.$ext.part" "$base/$path.$ext"; then
      rm -f "$dir/$name.$ext.part"
      echo "could not download $name.$ext (is the internet reachable?)" >&2
      exit 1
    fi
    mv "$dir/$name.$ext.part" "$dir/$name.$ext"
  done
done
echo "Piper voices in $dir: restart the server to add them to the library."
