#!/usr/bin/env bash
# What issue 18 costs a prediction, in one run (these machines are noisy and drift over minutes: compare the ratios).
#   BEFORE_JAR=/path/to/older/digits.jar bench/rollout-cost.sh     (AFTER_JAR defaults to target/digits.jar)
# 1. Capture off (the default) against the build before rollouts: the same requests, builds in the order A B B A.
# 2. A shadow identical to the primary seeing every request, against no shadow, on the newer build, in the order
#    A B B A: what the client sees (p50/p95 at 2 connections, throughput at 16) and what the shadow compared.
# 3. Capture at 1.0 (every answer kept), against capture off, once each.
# Each service start trains the same model (20,000 images, 3 epochs, seed 7) and warms the JIT up.
# PARTS picks the parts (default: "capture-off shadow capture-all"); BEFORE_JAR is needed for capture-off only.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
DURATION=${DURATION:-15s}
WARM_UP=${WARM_UP:-20s}
AFTER_JAR=${AFTER_JAR:-target/digits.jar}
PARTS=${PARTS:-capture-off shadow capture-all}
part() { [[ " $PARTS " == *" $1 "* ]]; }
part capture-off && [ -z "${BEFORE_JAR:-}" ] && { echo "BEFORE_JAR must name the older build's jar" >&2; exit 1; }
command -v wrk > /dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
make_payloads
# the same requests, printing the latency percentiles in microseconds when done (wrk's own table has no p95)
cp "$BENCH_DIR/json.lua" "$BENCH_DIR/json-percentiles.lua"
cat >> "$BENCH_DIR/json-percentiles.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("percentiles %d %d %d\n", latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
LUA

# measure label: prints "label rps p50 p95 p99": throughput at 16 connections, latency (us) at 2
measure() {
  local rps lat
  rps=$(wrk -t2 -c16 -d"$DURATION" -s "$BENCH_DIR/json.lua" "$BASE/api/predictions" | sed -n 's/^Requests\/sec: *//p')
  lat=$(wrk -t1 -c2 -d"$DURATION" -s "$BENCH_DIR/json-percentiles.lua" "$BASE/api/predictions" \
    | sed -n 's/^percentiles //p')
  echo "$1 $rps $lat"
}

serve() { # jar, extra service arguments...: starts it on a store of its own, trains the model, warms up; sets MODEL
  # (not printed for a $(...): the service's EXIT trap would stop it with that subshell)
  rm -rf "$BENCH_DIR/store"  # an older build refuses a newer one's records (unknown fields), and each run starts alike
  DIGITS_JAR=$1 start_service "${@:2}"
  local job; job=$(submit_job '{"trainLimit": 20000, "epochs": 3, "seed": 7, "activate": true}')
  await_job "$job" > /dev/null
  wrk -t2 -c64 -d"$WARM_UP" -s "$BENCH_DIR/json.lua" "$BASE/api/predictions" > /dev/null
  MODEL=$(curl -fs "$BASE/api/jobs/$job" | grep -o '"modelId":"[a-z0-9-]*"' | cut -d'"' -f4)
}

record() { # a measured row: kept for the table, and shown at once (a run that fails later keeps what it measured)
  rows+=("$1")
  echo "$1" >&2
}

route() { curl -fs "${AUTH[@]}" "${JSON[@]}" -X PUT -d "$1" "$BASE/api/models/routing" > /dev/null; }

echo "Machine: $(machine)"
rows=()
part capture-off && for build in before after after before; do
  jar=$BEFORE_JAR; [ "$build" = after ] && jar=$AFTER_JAR
  serve "$jar"
  record "$(measure "capture-off:$build")"
  stop_service
done

if part shadow; then
  serve "$AFTER_JAR"
  for shadow in none all all none; do
    if [ "$shadow" = all ]; then
      route "{\"shadow\": {\"modelId\": \"$MODEL\", \"percent\": 100}}"
    else
      route '{}'
    fi
    record "$(measure "shadow:$shadow")"
  done
  route "{\"shadow\": {\"modelId\": \"$MODEL\", \"percent\": 100}}"
  wrk -t1 -c2 -d"$DURATION" -s "$BENCH_DIR/json.lua" "$BASE/api/predictions" > /dev/null
  shadow_report=$(curl -fs "$BASE/api/models/routing/report")
  stop_service
fi

if part capture-all; then
  serve "$AFTER_JAR" --digits.capture.sampling-rate=1.0 --digits.capture.max-count=1000
  record "$(measure "capture-all:after")"
  stop_service
fi

printf '%s\n' "${rows[@]}" | python3 -c '
import sys, statistics
def ms(v):
    return float(v) / 1000
rows = [line.split() for line in sys.stdin if line.strip()]
print("| run | req/s at 16 connections | p50 at 2 | p95 at 2 | p99 at 2 |")
print("|---|---|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {float(r[1]):,.0f} | {ms(r[2]):.2f} ms | {ms(r[3]):.2f} ms | {ms(r[4]):.2f} ms |")
def ratio(a, b):
    A = [r for r in rows if r[0] == a]; B = [r for r in rows if r[0] == b]
    if not A or not B:
        return f"{a} / {b}: not measured (PARTS)"
    rps = statistics.mean(float(r[1]) for r in A) / statistics.mean(float(r[1]) for r in B)
    p95 = statistics.mean(ms(r[3]) for r in A) / statistics.mean(ms(r[3]) for r in B)
    return f"{a} / {b}: throughput {rps:.3f}, p95 {p95:.3f}"
print(ratio("capture-off:after", "capture-off:before"))
print(ratio("shadow:all", "shadow:none"))
print(ratio("capture-all:after", "capture-off:after"))
'
[ -z "${shadow_report:-}" ] || echo "The shadow's report after its last run: $shadow_report"
