#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Voxify needs, only those that are missing.
# Usage: scripts/ensure-packages.sh runtime|test|bench
set -euo pipefail

runtime=(flite libflite1 espeak-ng libespeak-ng1)
# Test data (LibriVox speech), the speech recogniser that scores intelligibility, the ONNX
# tools that regenerate the speaker-encoder model, and the browser the web console is tested in.
test_only=(pocketsphinx pocketsphinx-en-us pocketsphinx-testdata python3-onnx python3-numpy chromium)

# The HTTP load generator and the flite/espeak-ng command lines the benchmarks compare with.
bench_only=(wrk flite espeak-ng)

want=("${runtime[@]}")
case "${1:-runtime}" in
  test) want+=("${test_only[@]}") ;;
  bench) want=("${bench_only[@]}") ;;
esac

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ "${1:-runtime}" = "test" ]; then
  # The Chroma server the vector-index tests start (npm, into tools/chroma).
  "$(dirname "$0")/ensure-chroma.sh"
  # playwright-core (npm, into console-e2e), which drives chromium in the console's browser test.
  "$(dirname "$0")/ensure-console-e2e.sh"
  # The official OpenAI Node.js SDK (npm, into openai-e2e), which OpenAiSdkTest points at the app.
  "$(dirname "$0")/ensure-openai-e2e.sh"
fi
