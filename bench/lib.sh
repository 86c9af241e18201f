# Shared by the bench scripts: start the packaged service on loopback with its own store, train a model, stop it.
# Needs target/digits.jar (mvn -q clean package -DskipTests), python3 and, for latency, wrk. The scripts run from the
# repository root (they cd there before sourcing this), so @jvm.options is the root's jvm.options: the JVM options
# of the service, the same as everywhere else. JAVA_OPTS comes after it, so it overrides them.

BENCH_DIR=${BENCH_DIR:-$(mktemp -d /tmp/digits-bench.XXXXXX)}
PORT=${PORT:-18080}
BASE="http://127.0.0.1:$PORT"
TOKEN=${TOKEN:-bench-token}
AUTH=(-H "Authorization: Bearer $TOKEN")
JSON=(-H 'Content-Type: application/json')

start_service() { # extra arguments go to the service
  local jar=${DIGITS_JAR:-target/digits.jar}
  [ -f "$jar" ] || { echo "$jar is missing: run mvn -q clean package -DskipTests" >&2; exit 1; }
  OMP_NUM_THREADS=1 DIGITS_API_TOKEN=$TOKEN java @jvm.options ${JAVA_OPTS:-} \
    -jar "$jar" --server.address=127.0.0.1 --server.port="$PORT" --digits.store.dir="$BENCH_DIR/store" \
    --digits.data.dir="${DIGITS_DATA_DIR:-./data}" --digits.bootstrap.enabled=false ${SERVICE_ARGS:-} "$@" > "$BENCH_DIR/service.log" 2>&1 &
  SERVICE_PID=$!
  trap stop_service EXIT
  for _ in $(seq 1 120); do
    curl -fs "$BASE/actuator/health/liveness" > /dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "the service did not start; see $BENCH_DIR/service.log" >&2
  exit 1
}

stop_service() {
  [ -n "${SERVICE_PID:-}" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=
}

# submit_job JSON -> prints the job id
submit_job() {
  curl -fs "${AUTH[@]}" "${JSON[@]}" -d "$1" "$BASE/api/jobs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

# Waits for a job to end, asking once a second with curl alone: a python3 started every half second to read the
# answer took enough of the 2 cores to slow the training it was timing.
await_job() {
  while true; do
    state=$(curl -fs "$BASE/api/jobs/$1" | grep -o '"state":"[A-Z]*"' | head -1 | cut -d'"' -f4)
    case "$state" in SUCCEEDED|FAILED|CANCELLED) echo "$state"; return 0;; esac
    sleep 1
  done
}

cancel_job() {
  curl -fs "${AUTH[@]}" -X POST "$BASE/api/jobs/$1/cancel" > /dev/null
}

# Writes a real MNIST test digit as JSON pixels and as a PNG into $BENCH_DIR, and wrk scripts posting each.
make_payloads() {
  python3 - "$BENCH_DIR" "${DIGITS_DATA_DIR:-./data}" <<'PY'
import json, struct, sys, zlib
out, data = sys.argv[1], sys.argv[2]
with open(f"{data}/mnist/t10k-images-idx3-ubyte", "rb") as f:
    f.seek(16)
    pixels = list(f.read(784))
json.dump({"pixels": pixels}, open(f"{out}/pixels.json", "w"))
raw = b"".join(b"\x00" + bytes(pixels[y * 28:(y + 1) * 28]) for y in range(28))
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 28, 28, 8, 0, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(f"{out}/digit.png", "wb").write(png)
PY
  # and the wrk scripts that post them: json.lua (the pixels as JSON), png.lua (the PNG as a multipart upload)
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
}

machine() {
  echo "$(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(date -u +%Y-%m-%d)"
}

# java_bench File.java args...: runs a single-file Java program of bench/ against the service's classes and libraries
java_bench() {
  [ -f "$BENCH_DIR/classpath.txt" ] || mvn -B -q dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$BENCH_DIR/classpath.txt" > /dev/null
  OMP_NUM_THREADS=1 java @jvm.options -cp "$(cat "$BENCH_DIR/classpath.txt"):target/classes" "bench/$1" "${@:2}" 2> "$BENCH_DIR/$1.log"
}
