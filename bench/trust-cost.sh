#!/usr/bin/env bash
# What issue 17 costs a prediction: the same requests against two builds, in the order A B B A (these machines are noisy
# and drift over minutes: compare the ratio, not the times), then what an explanation costs on the build with it.
#   BEFORE_JAR=/path/to/older/digits.jar bench/trust-cost.sh     (AFTER_JAR defaults to target/digits.jar)
# Each run starts the service, trains the same model (20,000 images, 3 epochs, seed 7), warms the JIT up, and measures
# JSON pixels and PNG uploads at 16 connections for DURATION (15s).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
DURATION=${DURATION:-15s}
WARM_UP=${WARM_UP:-20s}
AFTER_JAR=${AFTER_JAR:-target/digits.jar}
[ -n "${BEFORE_JAR:-}" ] || { echo "BEFORE_JAR must name the older build's jar" >&2; exit 1; }
command -v wrk > /dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
make_payloads

rate() { # lua script, path with query: requests per second at 16 connections
  wrk -t2 -c16 -d"$DURATION" -s "$BENCH_DIR/$1.lua" "$BASE$2" | sed -n 's/^Requests\/sec: *//p'
}

run() { # label, jar: prints "label json png [explained]"
  DIGITS_JAR=$2 start_service
  local job; job=$(submit_job '{"trainLimit": 20000, "epochs": 3, "seed": 7, "activate": true}')
  await_job "$job" > /dev/null
  wrk -t2 -c64 -d"$WARM_UP" -s "$BENCH_DIR/json.lua" "$BASE/api/predictions" > /dev/null
  wrk -t2 -c64 -d"$WARM_UP" -s "$BENCH_DIR/png.lua" "$BASE/api/predictions" > /dev/null
  local json png explained=""
  json=$(rate json /api/predictions)
  png=$(rate png /api/predictions)
  if [ "$1" = after ]; then
    explained="$(rate json '/api/predictions?explain=saliency') $(rate json '/api/predictions?explain=integrated-gradients')"
  fi
  stop_service
  echo "$1 $json $png $explained"
}

echo "Machine: $(machine)"
rows=()
rows+=("$(run before "$BEFORE_JAR")")
rows+=("$(run after "$AFTER_JAR")")
rows+=("$(run after "$AFTER_JAR")")
rows+=("$(run before "$BEFORE_JAR")")
printf '%s\n' "${rows[@]}" | python3 -c '
import sys, statistics
rows = [line.split() for line in sys.stdin if line.strip()]
print("| build | JSON req/s | PNG req/s |")
print("|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {float(r[1]):,.0f} | {float(r[2]):,.0f} |")
before = [r for r in rows if r[0] == "before"]; after = [r for r in rows if r[0] == "after"]
for i, name in ((1, "JSON"), (2, "PNG")):
    b = statistics.mean(float(r[i]) for r in before); a = statistics.mean(float(r[i]) for r in after)
    print(f"{name}: after / before = {a / b:.3f} (means {a:,.0f} and {b:,.0f} req/s)")
explained = [r for r in after if len(r) > 3]
if explained:
    s = statistics.mean(float(r[3]) for r in explained); g = statistics.mean(float(r[4]) for r in explained)
    j = statistics.mean(float(r[1]) for r in after)
    print(f"one digit a request, JSON: {j:,.0f} req/s plain, {s:,.0f} with explain=saliency, {g:,.0f} with explain=integrated-gradients (32 steps)")
'
