#!/usr/bin/env bash
# Response time of the monitor daemon's status page (/), its JSON (/api/status) and /metrics while the daemon works:
# a real shadow run progressing in a private temp dir, the daemon checking it every second, and REQUESTS sequential
# requests per path from curl (connection set up each time, as a browser tab or a scraper does). Prints the median,
# 90th percentile and maximum of curl's time_total per path, and the load average.
#
#   aos-ops-bench/status-page-latency.sh [REQUESTS]      (default 500)
#
# Needs aos-ops-cli/target/aos-ops.jar (mvn -B -ntp package -DskipTests) and curl. Every path it writes is below one
# `mktemp -d` directory, removed on exit; AOS_STATE_DIR and TMPDIR point there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
requests=${1:-500}
jar=aos-ops-cli/target/aos-ops.jar
[[ -f $jar ]] || { echo "build first: mvn -B -ntp package -DskipTests ($jar missing)" >&2; exit 2; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export AOS_STATE_DIR=$work/state TMPDIR=$work AOS_DISK_WARNING_PERCENT=100 AOS_DISK_CRITICAL_PERCENT=100
mkdir -p "$AOS_STATE_DIR"
run=$work/shadow_simulation_bench
java -XX:+UseSerialGC -jar "$jar" shadow run --cycles 100000 --cycle-interval 0.2 --seed 7 \
  --inject volatile-leak:0.1 -o "$run" >"$work/run.out" 2>&1 &
pids+=($!)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -XX:+UseSerialGC -Xmx128m -jar "$jar" monitor daemon --interval 1 --run-dir "$run" --metrics-port "$port" \
  >"$work/daemon.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$port/api/status" | grep -q '"checked_at":"' && break
  sleep 0.2
done
# warm-up: the JIT compiles the handlers, as it has in a daemon that has run for a while
for _ in $(seq 1 200); do curl -fs -o /dev/null "http://127.0.0.1:$port/" -o /dev/null "http://127.0.0.1:$port/api/status"; done
for path in / /api/status /metrics; do
  for _ in $(seq 1 "$requests"); do
    curl -fs -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port$path"
  done | sort -n | awk -v path="$path" '{ t[NR] = $1 } END {
    printf "%-12s n=%d  median %.2f ms  p90 %.2f ms  max %.2f ms\n", path, NR,
      1000 * t[int((NR + 1) / 2)], 1000 * t[int(NR * 0.9)], 1000 * t[NR] }'
done
cycles=$(curl -fs "http://127.0.0.1:$port/api/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["cycles"]["done"])')
echo "page size $(curl -fs "http://127.0.0.1:$port/" | wc -c) bytes, JSON $(curl -fs "http://127.0.0.1:$port/api/status" | wc -c) bytes; run at cycle $cycles"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
