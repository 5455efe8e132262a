#!/usr/bin/env bash
# make bench [BENCH=ClassName[,ClassName…]]: runs the benchmarks (test classes named *Benchmark,
# which make test never runs) and writes their sections into BENCHMARKS.md, replacing the sections
# a run wrote again and keeping the others. Needs what make test needs, plus wrk.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-packages.sh test
scripts/ensure-packages.sh bench
scripts/ensure-services.sh redis postgresql rabbitmq

out="$PWD/target/bench"
rm -rf "$out"
mkdir -p "$out"
pattern="${BENCH:-*Benchmark}"
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
# The packaged jar and what make run starts from it, for the start-up benchmark.
mvn -B -q -DskipTests package
scripts/prepare-app.sh gateway/target/voxify.jar gateway/target/app
mvn -B test -pl gateway -am -Dtest="$pattern" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dvoxify.bench.out="$out" -Dvoxify.bench.jar="$PWD/gateway/target/voxify.jar" \
    -Dvoxify.bench.app="$PWD/gateway/target/app" 2>&1 | tee "$out/maven.log" | grep -E '^\[(ERROR|WARNING)\]|Tests run:|BUILD' || true
if ! grep -q 'BUILD SUCCESS' "$out/maven.log"; then
    echo "benchmarks failed; see $out/maven.log and gateway/target/surefire-reports" >&2
    exit 1
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
mem=$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)
os=$(. /etc/os-release && echo "$PRETTY_NAME")
java=$(java -version 2>&1 | head -1)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
python3 scripts/bench_merge.py BENCHMARKS.md "$out" \
    "Last run: $started, commit $commit, \`make bench${BENCH:+ BENCH=$BENCH}\`. Machine: $(nproc) × $cpu, $mem RAM, $os, $java."
echo "BENCHMARKS.md updated from $(ls "$out"/*.md | wc -l) section(s)"
