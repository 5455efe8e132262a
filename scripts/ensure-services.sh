#!/usr/bin/env bash
# Makes sure the servers the infra-profile tests talk to are installed and running on this
# machine, on loopback: Redis (127.0.0.1:6379), RabbitMQ (127.0.0.1:5672, guest/guest) and
# PostgreSQL (127.0.0.1:5432, trust). Installs missing Debian packages, starts stopped servers,
# and waits until each answers. Usage: scripts/ensure-services.sh [redis] [rabbitmq] [postgresql]
set -euo pipefail

services=("$@")
[ ${#services[@]} -eq 0 ] && services=(redis rabbitmq postgresql)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null && SUDO="sudo"
fi

install_missing() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing missing packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for() {
  local name=$1 port=$2
  for _ in $(seq 1 60); do
    port_open "$port" && return 0
    sleep 1
  done
  echo "$name did not start on 127.0.0.1:$port" >&2
  return 1
}

for service in "${services[@]}"; do
  case "$service" in
    redis)
      install_missing redis-server
      if ! port_open 6379; then
        $SUDO redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
      fi
      wait_for Redis 6379
      ;;
    rabbitmq)
      install_missing rabbitmq-server
      if ! port_open 5672; then
        $SUDO rabbitmq-server -detached
      fi
      wait_for RabbitMQ 5672
      ;;
    postgresql)
      install_missing postgresql
      if ! port_open 5432; then
        $SUDO pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
      fi
      wait_for PostgreSQL 5432
      ;;
    *)
      echo "Unknown service: $service" >&2
      exit 2
      ;;
  esac
done
