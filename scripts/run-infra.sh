#!/usr/bin/env bash
# Runs one Voxify node in the foreground on the infra profile, against the servers that
# scripts/infra-up.sh started and described in .infra/env. Variables already set in the
# environment win over .infra/env.
#   ROLE             all (default) | api | worker
#   PORT             HTTP port (5000); worker nodes serve only /actuator on it
#   VOXIFY_DATA_DIR  the node's own directory (default .infra/nodes/ROLE-PORT)
# Several nodes on one machine: one terminal each, a port each (see the README).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
env_file="$root/.infra/env"
[ -f "$env_file" ] || { echo "No .infra/env: run make infra-up first" >&2; exit 1; }

while IFS= read -r line; do
  case "$line" in ''|'#'*) continue ;; esac
  key="${line%%=*}"
  [ -n "${!key+set}" ] || export "$key=${line#*=}"
done < "$env_file"

role="${ROLE:-all}"
case "$role" in all|api|worker) ;; *) echo "ROLE must be all, api or worker, not $role" >&2; exit 2 ;; esac
export VOXIFY_ROLE="$role"
export PORT="${PORT:-5000}"
export VOXIFY_DATA_DIR="${VOXIFY_DATA_DIR:-$root/.infra/nodes/$role-$PORT}"
mkdir -p "$VOXIFY_DATA_DIR"

# Nodes run from a copy of the jar, replaced by rename when the build is newer: a rebuild never
# rewrites the file under a node that is running.
jar="$root/gateway/target/voxify.jar"
[ -f "$jar" ] || { echo "No $jar: run make build first" >&2; exit 1; }
app="$root/.infra/app/voxify.jar"
mkdir -p "$(dirname "$app")"
if [ ! -f "$app" ] || [ "$jar" -nt "$app" ]; then
  cp "$jar" "$app.tmp.$$"
  mv "$app.tmp.$$" "$app"
fi

echo "Voxify node: role $role, http://${VOXIFY_BIND_ADDRESS:-0.0.0.0}:$PORT, data in $VOXIFY_DATA_DIR"
exec java -jar "$app"
