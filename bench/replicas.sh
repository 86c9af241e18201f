#!/usr/bin/env bash
# What the shared mode costs and gives, on this machine:
#  1. one job's epoch time on the file store and on PostgreSQL, interleaved (ROUNDS runs each; the median of epochs
#     2..EPOCHS of each run): the shared store (checkpoints, records, the event journal) should cost under 5%;
#  2. predictions (a real MNIST digit as JSON pixels, 64 connections) through one replica, then through two replicas
#     on the same database at once (one wrk each, requests/s summed). On 2 cores two replicas share the same cores:
#     a report, not a target.
#
#   mvn -q clean package -DskipTests && bench/replicas.sh
# Needs PostgreSQL (psql on 127.0.0.1, user postgres): the database digits_bench is created afresh for every run.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ROUNDS=${ROUNDS:-3}
EPOCHS=${EPOCHS:-3}
DURATION=${DURATION:-15s}
DATABASE=jdbc:postgresql://127.0.0.1:5432/digits_bench
command -v wrk > /dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
command -v psql > /dev/null || { echo "psql is needed, and PostgreSQL on 127.0.0.1:5432" >&2; exit 1; }

fresh_database() {
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS digits_bench" -c "CREATE DATABASE digits_bench" > /dev/null
}

# epoch_seconds STORE -> the median wall time of epochs 2.. of one job, in seconds
epoch_seconds() {
  rm -rf "$BENCH_DIR/store"
  if [ "$1" = postgresql ]; then
    fresh_database
    start_service --digits.database.url=$DATABASE --digits.database.user=postgres
  else
    start_service
  fi
  local job
  job=$(submit_job "{\"trainLimit\": 60000, \"epochs\": $EPOCHS, \"batchSize\": 128, \"seed\": 1}")
  [ "$(await_job "$job")" = SUCCEEDED ] || { echo "the job failed on $1" >&2; exit 1; }
  curl -fs "$BASE/api/jobs/$job" | python3 -c '
import json, statistics, sys
epochs = json.load(sys.stdin)["epochs"][1:]
print("%.3f" % statistics.median(e["seconds"] for e in epochs))'
  stop_service
}

declare -a files=() databases=()
for round in $(seq 1 "$ROUNDS"); do
  files+=("$(epoch_seconds files)")
  databases+=("$(epoch_seconds postgresql)")
  echo "round $round: files ${files[-1]} s/epoch, PostgreSQL ${databases[-1]} s/epoch" >&2
done

make_payloads
rps() { sed -n 's/^Requests\/sec: *//p' "$1"; }

fresh_database
SERVICE_ARGS="--digits.database.url=$DATABASE --digits.database.user=postgres --digits.replica.name=a" start_service
model=$(submit_job '{"trainLimit": 20000, "epochs": 2, "activate": true}')
[ "$(await_job "$model")" = SUCCEEDED ] || { echo "training the model failed" >&2; exit 1; }
FIRST_PID=$SERVICE_PID
# the second replica, on the next port and the same database
OMP_NUM_THREADS=1 DIGITS_API_TOKEN=$TOKEN java @jvm.options ${JAVA_OPTS:-} -jar target/digits.jar \
  --server.address=127.0.0.1 --server.port=$((PORT + 1)) --digits.data.dir="${DIGITS_DATA_DIR:-./data}" \
  --digits.bootstrap.enabled=false --digits.database.url=$DATABASE --digits.database.user=postgres \
  --digits.replica.name=b > "$BENCH_DIR/service-b.log" 2>&1 &
SECOND_PID=$!
trap 'kill $FIRST_PID $SECOND_PID 2> /dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$((PORT + 1))/api/models/active" > /dev/null 2>&1 && break
  sleep 0.5
done
for port in $PORT $((PORT + 1)); do # warm both up
  wrk -t2 -c64 -d20s -s "$BENCH_DIR/json.lua" "http://127.0.0.1:$port/api/predictions" > /dev/null
done
wrk -t2 -c64 -d"$DURATION" -s "$BENCH_DIR/json.lua" "$BASE/api/predictions" > "$BENCH_DIR/one.txt"
wrk -t1 -c32 -d"$DURATION" -s "$BENCH_DIR/json.lua" "$BASE/api/predictions" > "$BENCH_DIR/two-a.txt" &
WRK_A=$!
wrk -t1 -c32 -d"$DURATION" -s "$BENCH_DIR/json.lua" "http://127.0.0.1:$((PORT + 1))/api/predictions" > "$BENCH_DIR/two-b.txt"
wait $WRK_A

python3 - "${files[*]}" "${databases[*]}" "$(rps "$BENCH_DIR/one.txt")" "$(rps "$BENCH_DIR/two-a.txt")" \
  "$(rps "$BENCH_DIR/two-b.txt")" "$(machine)" <<'PY'
import statistics, sys
files = [float(x) for x in sys.argv[1].split()]
databases = [float(x) for x in sys.argv[2].split()]
one, a, b = (float(x) for x in sys.argv[3:6])
f, d = statistics.median(files), statistics.median(databases)
print(f"Machine: {sys.argv[6]}")
print()
print("| store | s/epoch (median of runs) | runs | vs files |")
print("|---|---|---|---|")
print(f"| files | {f:.3f} | {', '.join('%.3f' % x for x in files)} | 1 |")
print(f"| PostgreSQL | {d:.3f} | {', '.join('%.3f' % x for x in databases)} | {d / f:.3f} ({(d / f - 1) * 100:+.1f}%) |")
print()
print("| predictions, JSON pixels, 64 connections | requests/s |")
print("|---|---|")
print(f"| one replica | {one:.0f} |")
print(f"| two replicas on the same 2 cores (32 connections each) | {a + b:.0f} ({a:.0f} + {b:.0f}) |")
PY
