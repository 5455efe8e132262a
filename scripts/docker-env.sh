#!/usr/bin/env bash
# Writes .env for docker-compose.yml from .env.example, with freshly generated secrets: the token
# signing key shared by every node, the passwords of PostgreSQL, RabbitMQ and MinIO, and the metrics
# scrape token.
# Leaves an existing .env alone.
set -euo pipefail

cd "$(dirname "$0")/.."
if [ -f .env ]; then
  echo ".env exists already; left as it is"
  exit 0
fi
umask 077
sed -e "s|^VOXIFY_JWT_SECRET=.*|VOXIFY_JWT_SECRET=$(openssl rand -base64 48 | tr -d '\n')|" \
    -e "s|^VOXIFY_PRIVACY_MASTER_KEY=.*|VOXIFY_PRIVACY_MASTER_KEY=$(openssl rand -base64 32 | tr -d '\n')|" \
    -e "s|^POSTGRES_PASSWORD=.*|POSTGRES_PASSWORD=$(openssl rand -hex 24)|" \
    -e "s|^RABBITMQ_PASSWORD=.*|RABBITMQ_PASSWORD=$(openssl rand -hex 24)|" \
    -e "s|^MINIO_ROOT_PASSWORD=.*|MINIO_ROOT_PASSWORD=$(openssl rand -hex 24)|" \
    -e "s|^VOXIFY_METRICS_TOKEN=.*|VOXIFY_METRICS_TOKEN=$(openssl rand -hex 32)|" \
    .env.example > .env
echo "Wrote .env with generated secrets (keep it private; set VOXIFY_ADMIN_EMAIL/PASSWORD there for a first administrator)"
