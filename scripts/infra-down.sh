#!/usr/bin/env bash
# Stops what scripts/infra-up.sh started in the background: Chroma and s3proxy. Their data stays
# in .infra/, and PostgreSQL, Redis and RabbitMQ, the machine's own services, keep running.
# Nodes started with `make run-infra` run in their own terminals: stop those first (Ctrl-C).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=infra-lib.sh
. "$(dirname "$0")/infra-lib.sh"

stop_background chroma "$chroma_cli"
stop_background s3proxy "$s3proxy_jar"
