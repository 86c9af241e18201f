#!/usr/bin/env bash
# Training and predictions on the same 2 cores: the default job (batch 128) trained alone, then again while wrk sends
# PNG uploads at 16 connections; and the uploads' throughput and latency alone, then while a job trains. Prints
# seconds per epoch (epochs wholly inside or wholly outside the load, told apart by the loss curve's timestamps) and
# requests/s with p50 and p99.
#
#   mvn -q clean package -DskipTests && bench/coexist.sh      (LOAD_SECONDS=8 by default; needs wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
LOAD_SECONDS=${LOAD_SECONDS:-8}
command -v wrk > /dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
make_payloads

load() { # seconds -> "requests/s p50 p99"
  wrk -t2 -c16 -d"$1s" --latency -s "$BENCH_DIR/png.lua" "$BASE/api/predictions" \
    | awk '/^Requests\/sec/ {rps=$2} $1 == "50%" {p50=$2} $1 == "99%" {p99=$2} END {print rps, p50, p99}'
}

# epoch seconds of a job, split into epochs wholly inside [from, to] (milliseconds) and wholly outside it
epochs_against() {
  curl -fs "$BASE/api/jobs/$1/loss" | python3 -c '
import json, sys
start, end = int(sys.argv[1]), int(sys.argv[2])
spans = {}
for p in json.load(sys.stdin):
    first, last = spans.get(p["epoch"], (p["timestamp"], p["timestamp"]))
    spans[p["epoch"]] = (min(first, p["timestamp"]), max(last, p["timestamp"]))
inside = [(b - a) / 1000 for e, (a, b) in spans.items() if e > 1 and a >= start and b <= end]
outside = [(b - a) / 1000 for e, (a, b) in spans.items() if e > 1 and (b < start or a > end)]
mean = lambda xs: f"{sum(xs) / len(xs):.3f} s ({len(xs)} epochs)" if xs else "none"
print(f"{mean(outside)}|{mean(inside)}")' "$2" "$3"
}

start_service
model_job=$(submit_job '{"trainLimit": 20000, "epochs": 3, "activate": true}')
[ "$(await_job "$model_job")" = SUCCEEDED ] || { echo "training the model failed" >&2; exit 1; }
load 10 > /dev/null   # the JIT's warm-up
read -r alone_rps alone_p50 alone_p99 < <(load "$LOAD_SECONDS")

job=$(submit_job '{"epochs": 40, "seed": 42}')
sleep 4
from=$(date +%s%3N)
read -r busy_rps busy_p50 busy_p99 < <(load "$LOAD_SECONDS")
to=$(date +%s%3N)
sleep 3
cancel_job "$job"
await_job "$job" > /dev/null
IFS='|' read -r quiet loaded < <(epochs_against "$job" "$from" "$to")
stop_service

echo "Training and predictions on the same cores, $(machine)"
echo "| | training, s/epoch (iterations only, batch 128) | PNG uploads, 16 connections: req/s | p50 | p99 |"
echo "|---|---|---|---|---|"
echo "| alone | $quiet | $alone_rps | $alone_p50 | $alone_p99 |"
echo "| together | $loaded | $busy_rps | $busy_p50 | $busy_p99 |"
