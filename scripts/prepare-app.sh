#!/usr/bin/env bash
# Unpacks the application jar for a fast start: prepare-app.sh JAR DIR.
# DIR gets the jar extracted (voxify.jar + lib/, Spring Boot's `jarmode=tools extract`: classes load
# from plain jars instead of jars nested in one) and a class-data-sharing archive (voxify.jsa) made
# by a training start that stops once the context is refreshed. Start the node with
#   java -XX:SharedArchiveFile=DIR/voxify.jsa -jar DIR/voxify.jar
# (BENCHMARKS.md, start-up: about a fifth less CPU and time to ready than `java -jar JAR`). Nothing is done when
# DIR is newer than JAR. The archive belongs to this JVM: a different `java` ignores it with a warning
# and starts as it would without. A running node keeps its files: a new DIR replaces the old by rename.
set -euo pipefail

jar="$1"
dir="$2"
[ -f "$jar" ] || { echo "No $jar: build it first (make build)" >&2; exit 1; }
if [ -f "$dir/.prepared" ] && [ "$dir/.prepared" -nt "$jar" ]; then
  exit 0
fi

parent="$(dirname "$dir")"
mkdir -p "$parent"
new="$(mktemp -d "$parent/.app.XXXXXX")"
chmod 755 "$new"
training="$(mktemp -d)"
trap 'rm -rf "$new" "$training"' EXIT

echo "Preparing $dir from $jar (extract, then a training start for class-data sharing)…"
java -Djarmode=tools -jar "$jar" extract --destination "$new" >/dev/null
# The training start: the embedded default on a throw-away data directory, no port opened (the
# context exits when refreshed, before the web server and the event processors start), without the
# caller's VOXIFY_* settings, so it never touches the servers of another profile.
env -i PATH="$PATH" HOME="${HOME:-/tmp}" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} AXONIQ_UPDATE_CHECKER_DISABLED=true java -XX:ArchiveClassesAtExit="$new/voxify.jsa" \
    -Dspring.context.exit=onRefresh -jar "$new/voxify.jar" \
    --voxify.data-dir="$training" --server.address=127.0.0.1 --server.port=0 \
    >"$training/training.log" 2>&1 || true
if [ ! -s "$new/voxify.jsa" ]; then
  rm -f "$new/voxify.jsa"
  echo "The training start made no archive; the node starts without class-data sharing. Its output:" >&2
  tail -20 "$training/training.log" >&2
fi

touch "$new/.prepared"

old=""
if [ -e "$dir" ]; then
  old="$parent/.app-old.$$"
  mv "$dir" "$old"
fi
mv "$new" "$dir"
[ -z "$old" ] || rm -rf "$old"
