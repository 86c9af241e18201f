#!/usr/bin/env bash
# A bounded soak on loopback: predictions (JSON and PNG), listings, event streams that connect and drop, and small
# training jobs, all at once for DURATION seconds; prints the requests, the errors (must be 0), the client-side p99
# of predictions, and heap, resident and off-heap memory at the start and the end (must stay flat).
#
#   mvn -q clean package -DskipTests && bench/soak.sh        (DURATION=180 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
DURATION=${DURATION:-180}

start_service
make_payloads
model_job=$(submit_job '{"trainLimit": 10000, "epochs": 2, "activate": true}')
[ "$(await_job "$model_job")" = SUCCEEDED ] || { echo "training the model failed" >&2; exit 1; }
echo "Soak: $DURATION s, $(machine)"
python3 bench/soak.py "$BASE" "$TOKEN" "$BENCH_DIR" "$DURATION"
