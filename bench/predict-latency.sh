#!/usr/bin/env bash
# Prediction latency with no job running, then while a job trains on the same 2 cores: wrk on loopback against
# POST /api/predictions with a JSON digit and with a PNG upload; prints requests/s, p50 and p99 for each.
#
#   mvn -q clean package -DskipTests && bench/predict-latency.sh        (DURATION=20s CONNECTIONS=16 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
command -v wrk > /dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }

start_service
make_payloads
model_job=$(submit_job '{"trainLimit": 20000, "epochs": 3, "activate": true}')
[ "$(await_job "$model_job")" = SUCCEEDED ] || { echo "training the model failed" >&2; exit 1; }

cat > "$BENCH_DIR/json.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$BENCH_DIR/pixels.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA
cat > "$BENCH_DIR/png.lua" <<LUA
local boundary = "digitsbench"
local f = io.open("$BENCH_DIR/digit.png", "rb"); local png = f:read("*a"); f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.body = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"digit.png\"\r\n"
  .. "Content-Type: image/png\r\n\r\n" .. png .. "\r\n--" .. boundary .. "--\r\n"
LUA

results=()
measure() { # label, payload
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$BENCH_DIR/$2.lua" "$BASE/api/predictions")
  rps=$(echo "$out" | sed -n 's/^Requests\/sec: *//p')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | sed -n 's/.*Non-2xx or 3xx responses: *//p'); errors=${errors:-0}
  socket=$(echo "$out" | sed -n 's/.*Socket errors: *//p')
  results+=("$(printf '| %-16s | %-4s | %9s | %7s | %7s | %s%s |' "$1" "$2" "$rps" "$p50" "$p99" "$errors" "${socket:+ (socket: $socket)}")")
}

# warm the JIT up first, or the first figures measure the compiler
wrk -t2 -c"$CONNECTIONS" -d10s -s "$BENCH_DIR/json.lua" "$BASE/api/predictions" > /dev/null
wrk -t2 -c"$CONNECTIONS" -d10s -s "$BENCH_DIR/png.lua" "$BASE/api/predictions" > /dev/null
measure "no job" json
measure "no job" png
training=$(submit_job '{"epochs": 200, "batchSize": 128}')
sleep 5
measure "job training" json
measure "job training" png
cancel_job "$training"

echo "Prediction latency, $CONNECTIONS connections, $DURATION each, $(machine)"
echo "| while            | body | req/s     | p50     | p99     | errors |"
echo "|------------------|------|-----------|---------|---------|--------|"
printf '%s\n' "${results[@]}"
