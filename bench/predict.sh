#!/usr/bin/env bash
# Prediction throughput and latency on loopback, then where the time goes inside the process:
#  1. wrk against POST /api/predictions with one real MNIST digit, as JSON pixels and as a PNG upload, at 1, 16 and 64
#     connections (requests/s, p50, p99, errors);
#  2. the same at 64 connections with micro-batching off (digits.inference.max-batch=1), and while a job trains;
#  3. memory (heap, resident, off-heap estimate) sampled through a MEMORY_SECONDS run at 64 connections;
#  4. start-up time to ready with the models on disk;
#  5. in process, without HTTP: one forward pass, and the whole request path (bench/InProcessPredictions.java).
#
#   mvn -q clean package -DskipTests && bench/predict.sh     (DURATION=15s, WARM_UP=20s per body, MEMORY_SECONDS=300 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
DURATION=${DURATION:-15s}
MEMORY_SECONDS=${MEMORY_SECONDS:-300}
WARM_UP=${WARM_UP:-20s}
command -v wrk > /dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }

make_payloads

results=()
measure() { # label, payload, connections
  local threads=$(( $3 < 2 ? 1 : 2 )) out rps p50 p99 errors socket
  out=$(wrk -t"$threads" -c"$3" -d"$DURATION" --latency -s "$BENCH_DIR/$2.lua" "$BASE/api/predictions")
  rps=$(echo "$out" | sed -n 's/^Requests\/sec: *//p')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | sed -n 's/.*Non-2xx or 3xx responses: *//p'); errors=${errors:-0}
  socket=$(echo "$out" | sed -n 's/.*Socket errors: *//p')
  results+=("$(printf '| %-26s | %-4s | %11s | %9s | %7s | %7s | %s%s |' "$1" "$2" "$3" "$rps" "$p50" "$p99" "$errors" "${socket:+ (socket: $socket)}")")
}

# The JIT needs about half a minute of load before the figures settle.
warm_up() {
  wrk -t2 -c64 -d"$WARM_UP" -s "$BENCH_DIR/json.lua" "$BASE/api/predictions" > /dev/null
  wrk -t2 -c64 -d"$WARM_UP" -s "$BENCH_DIR/png.lua" "$BASE/api/predictions" > /dev/null
}

memory() { # heap, resident and off-heap estimate in MB, from the service's own metrics
  python3 bench/memory.py "$BASE"
}

start_service
model_job=$(submit_job '{"trainLimit": 20000, "epochs": 3, "activate": true}')
[ "$(await_job "$model_job")" = SUCCEEDED ] || { echo "training the model failed" >&2; exit 1; }
warm_up
for payload in json png; do
  for connections in 1 16 64; do
    measure "micro-batching (default)" "$payload" "$connections"
  done
done
training=$(submit_job '{"epochs": 200, "batchSize": 128}')
sleep 5
measure "while a job trains" json 64
measure "while a job trains" png 64
cancel_job "$training"
await_job "$training" > /dev/null

# Memory over a longer run: the first and the last minute must agree.
memory_samples=()
wrk -t2 -c64 -d"${MEMORY_SECONDS}s" -s "$BENCH_DIR/png.lua" "$BASE/api/predictions" > "$BENCH_DIR/memory-run.txt" &
wrk_pid=$!
for ((elapsed = 0; elapsed < MEMORY_SECONDS; elapsed += 10)); do
  sleep 10
  memory_samples+=("$((elapsed + 10)) $(memory)")
done
wait "$wrk_pid"
memory_errors=$(sed -n 's/.*Non-2xx or 3xx responses: *//p' "$BENCH_DIR/memory-run.txt"); memory_errors=${memory_errors:-0}
memory_rps=$(sed -n 's/^Requests\/sec: *//p' "$BENCH_DIR/memory-run.txt")
stop_service

# Start-up with the models on disk, then the same load with micro-batching off.
started=$(date +%s.%N)
start_service --digits.inference.max-batch=1
for _ in $(seq 1 600); do curl -fs "$BASE/actuator/health/readiness" > /dev/null 2>&1 && break; sleep 0.1; done
startup=$(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')")
warm_up
measure "micro-batching off" json 64
measure "micro-batching off" png 64
stop_service

echo "Predictions, $DURATION per row after a $WARM_UP warm-up per body, wrk on loopback, $(machine)"
echo "| server                     | body | connections | req/s     | p50     | p99     | non-2xx |"
echo "|----------------------------|------|-------------|-----------|---------|---------|---------|"
printf '%s\n' "${results[@]}"
echo
echo "Memory through ${MEMORY_SECONDS} s of PNG predictions at 64 connections ($memory_rps req/s, $memory_errors non-2xx), MB:"
printf '%s\n' "${memory_samples[@]}" | python3 -c '
import sys
rows = [list(map(float, line.split())) for line in sys.stdin if line.strip()]
window = max(1, len(rows) // 5)
first, last = rows[:window], rows[-window:]
mean = lambda group, column: sum(r[column] for r in group) / len(group)
low = lambda group, column: min(r[column] for r in group)
# heap in use saws up and down with every young collection: its lowest sample approximates what is live
print("| sampled        | heap, lowest | heap, mean | resident | off-heap estimate |")
print("|----------------|--------------|------------|----------|-------------------|")
for label, group in (("first %d s" % (window * 10), first), ("last %d s" % (window * 10), last)):
    print(f"| {label:14} | {low(group, 1):12.0f} | {mean(group, 1):10.0f} | {mean(group, 2):8.0f} | {mean(group, 3):17.0f} |")'
echo
echo "Start-up to ready with the models on disk: $startup s"
echo
java_bench InProcessPredictions.java "$BENCH_DIR/store" "${DIGITS_DATA_DIR:-./data}"
