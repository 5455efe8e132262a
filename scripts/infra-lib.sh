# shellcheck shell=bash disable=SC2034
# Shared by infra-up.sh and infra-down.sh (sourced, not run): where the local infra servers live,
# and how one of them is started in the background, awaited and stopped. A server is known by its
# pid file in .infra/ and by its command line, so a recycled pid is never mistaken for it.
# (The paths and ports below are read by the scripts that source this file.)

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
infra="$root/.infra"
s3_port="${VOXIFY_INFRA_S3_PORT:-9000}"
chroma_port="${VOXIFY_INFRA_CHROMA_PORT:-8000}"
s3proxy_version=4.1.0
s3proxy_jar="$infra/s3proxy-$s3proxy_version-jar-with-dependencies.jar"
chroma_cli="$root/tools/chroma/node_modules/chromadb/dist/cli.mjs"

# command_of PID: the command line of a live process; empty when there is none (an exited child of
# this shell stays a zombie with an empty command line until the shell ends).
command_of() {
  tr '\0' ' ' 2>/dev/null < "/proc/$1/cmdline" || true
}

# running NAME MARKER: prints the pid of server NAME when it runs (its command line holds MARKER).
running() {
  local pidfile="$infra/$1.pid" pid command
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile")"
  [ -n "$pid" ] || return 1
  command="$(command_of "$pid")"
  [[ "$command" == *"$2"* ]] || return 1
  echo "$pid"
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# start_background NAME PORT MARKER COMMAND...: starts COMMAND detached (its own session, output
# appended to .infra/NAME.log) unless it runs already.
start_background() {
  local name=$1 port=$2 marker=$3 pid
  shift 3
  if pid="$(running "$name" "$marker")"; then
    echo "$name runs already (pid $pid)"
    return 0
  fi
  rm -f "$infra/$name.pid"
  if port_open "$port"; then
    echo "Port 127.0.0.1:$port is taken by another program; choose another one for $name" \
         "(VOXIFY_INFRA_S3_PORT, VOXIFY_INFRA_CHROMA_PORT)" >&2
    exit 1
  fi
  echo "Starting $name on 127.0.0.1:$port (log: .infra/$name.log)"
  setsid "$@" >>"$infra/$name.log" 2>&1 </dev/null 9>&- &
  echo $! > "$infra/$name.pid"
}

# await_http NAME URL STATUS: waits until URL answers STATUS (or any HTTP status for "any").
await_http() {
  local name=$1 url=$2 want=$3 code
  for _ in $(seq 1 120); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)"
    if { [ "$want" = any ] && [ "$code" != 000 ]; } || [ "$code" = "$want" ]; then
      return 0
    fi
    if [ -z "$(command_of "$(cat "$infra/$name.pid")")" ]; then
      echo "$name exited; the end of .infra/$name.log:" >&2
      tail -n 30 "$infra/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$name did not answer at $url within a minute; the end of .infra/$name.log:" >&2
  tail -n 30 "$infra/$name.log" >&2
  exit 1
}

# stop_background NAME MARKER: stops server NAME (TERM, then KILL after 15 s) if it runs.
stop_background() {
  local name=$1 marker=$2 pid
  if ! pid="$(running "$name" "$marker")"; then
    echo "$name is not running"
    rm -f "$infra/$name.pid"
    return 0
  fi
  echo "Stopping $name (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 30); do
    [ -d "/proc/$pid" ] || break
    sleep 0.5
  done
  if [ -d "/proc/$pid" ]; then
    echo "$name did not stop within 15 s; killing it"
    kill -KILL "$pid"
  fi
  rm -f "$infra/$name.pid"
}
