#!/usr/bin/env bash
# A bounded soak on loopback: predictions (JSON and PNG), listings, event streams that connect and drop, and small
# training jobs, all at once for DURATION seconds; prints the requests, the errors (must be 0), the client-side p99
# of predictions, and heap, resident and off-heap memory at the start and the end, with a PASS/FAIL line on the
# resident size (at most 10% growth; samples in $BENCH_DIR/memory.csv, drawn by bench/memory_chart.py). These
# well-behaved clients honour Retry-After: a 429 or 503 carrying it is waited out and counted apart, not an error.
#
# Abusers run alongside them (bench/soak.py), their outcomes kept apart, one PASS/FAIL line each:
#   slow-bodies   SLOW_BODIES (50) raw connections POST a JSON body declared 100,000 bytes long, 2 bytes every 3 s,
#                 reconnecting when cut off: each must be cut off (408, 503 or closed) within 30 s;
#   stream-hog    one client, from 127.0.0.2, opens HOG_STREAMS (40) event streams at once on a running job and holds
#                 them: at most digits.training.stream.max-per-client (8) held, the rest 429 with Retry-After;
#   oversized-job every 10 s, a job needing about 3 GB off-heap, with the token: 400 (memory budget) every time.
# Then the large uploads phase: LARGE_CLIENTS clients (24) upload a 4096x4096 16-bit RGBA PNG, the largest image
# accepted, for LARGE_DURATION seconds (30), each honouring Retry-After; one line says PASS or FAIL (see
# large_uploads below). DURATION=0 or LARGE_DURATION=0 skips a phase; ABUSERS=0 runs the well-behaved clients alone,
# without the large uploads phase.
#
# The exit status is 0 only with no well-behaved error, flat memory and every abuser passing.
#
#   mvn -q clean package -DskipTests && bench/soak.sh        (DURATION=180 by default; DURATION=600 for 10 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
DURATION=${DURATION:-180}
LARGE_DURATION=${LARGE_DURATION:-30}
LARGE_CLIENTS=${LARGE_CLIENTS:-24}
ABUSERS=${ABUSERS:-1}
SLOW_BODIES=${SLOW_BODIES:-50}
HOG_STREAMS=${HOG_STREAMS:-40}
[ "$ABUSERS" = 0 ] && LARGE_DURATION=0

# Memory per upload must be bounded: LARGE_CLIENTS clients uploading 4096x4096 images for LARGE_DURATION seconds,
# each honouring Retry-After, get no 500 and no wrong 4xx, every client is served, and what cannot be served now is
# refused with 503/429 + Retry-After (application/problem+json). A client not yet served when the time is up goes on
# for up to 90 s more. The PNG is written row by row (mostly transparent, about 140 KB), the digit MNIST's first test
# image, a 7, which every answer must name.
large_uploads() {
  python3 - "$BASE" "${DIGITS_DATA_DIR:-./data}" "$LARGE_DURATION" "$LARGE_CLIENTS" <<'PY'
import http.client, struct, sys, threading, time, uuid, zlib, json
base, data, duration, clients = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
host, port = base.split("//")[1].split(":")
side, scale = 4096, 20
with open(f"{data}/mnist/t10k-images-idx3-ubyte", "rb") as f:
    f.seek(16)
    digit = f.read(784)
origin = (side - 28 * scale) // 2
deflate, idat = zlib.compressobj(), []
for y in range(side):
    row = bytearray(1 + side * 8)  # filter byte, then 16-bit R, G, B, A per pixel: black ink, opacity the digit
    if origin <= y < origin + 28 * scale:
        for x in range(origin, origin + 28 * scale):
            level = digit[((y - origin) // scale) * 28 + (x - origin) // scale]
            row[1 + x * 8 + 6] = row[1 + x * 8 + 7] = level
    idat.append(deflate.compress(bytes(row)))
idat.append(deflate.flush())
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 16, 6, 0, 0, 0)) \
    + chunk(b"IDAT", b"".join(idat)) + chunk(b"IEND", b"")
boundary = uuid.uuid4().hex
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"large.png\"\r\n"
        f"Content-Type: image/png\r\n\r\n").encode() + png + f"\r\n--{boundary}--\r\n".encode()
lock = threading.Lock()
served, refused, errors = [0] * clients, [0] * clients, []
started = time.time()
load_ends, give_up = started + duration, started + duration + 90

def client(i):
    while time.time() < load_ends or (not served[i] and time.time() < give_up):
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        try:
            connection.request("POST", "/api/predictions", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
            response = connection.getresponse()
            answer, retry_after = response.read(), response.getheader("Retry-After")
            kind = response.getheader("Content-Type") or ""
        except Exception as ex:  # noqa: BLE001 - a dropped connection is an error too
            with lock:
                errors.append(f"client {i}: {ex!r}")
            time.sleep(1)
            continue
        finally:
            connection.close()
        if response.status == 200 and json.loads(answer)["predictions"][0]["digit"] == 7:
            served[i] += 1
        elif response.status in (503, 429) and retry_after and kind.startswith("application/problem+json"):
            refused[i] += 1
            time.sleep(int(retry_after))
        else:
            with lock:
                errors.append(f"client {i}: {response.status} Retry-After {retry_after} {answer[:200]!r}")

threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
unserved = sum(1 for count in served if not count)
ok = not errors and not unserved
print(f"large uploads: {'PASS' if ok else 'FAIL'}: {clients} clients x {duration:.0f} s of {side}x{side} 16-bit RGBA "
      f"PNGs ({len(png) // 1024} KB): {sum(served)} served, {sum(refused)} refused with 503/429 + Retry-After, "
      f"{len(errors)} errors, {clients - unserved}/{clients} clients served, {time.time() - started:.0f} s")
for error in errors[:10]:
    print("  " + error)
sys.exit(0 if ok else 1)
PY
}

start_service
make_payloads
model_job=$(submit_job '{"trainLimit": 10000, "epochs": 2, "activate": true}')
[ "$(await_job "$model_job")" = SUCCEEDED ] || { echo "training the model failed" >&2; exit 1; }
abusers="abusers: $SLOW_BODIES slow bodies, a hog of $HOG_STREAMS streams, an oversized job every 10 s"
[ "$ABUSERS" = 0 ] && abusers="no abusers"
echo "Soak: $DURATION s with $abusers, then large uploads: $LARGE_DURATION s, $(machine)"
failed=0
if [ "$DURATION" -gt 0 ]; then
  python3 bench/soak.py "$BASE" "$TOKEN" "$BENCH_DIR" "$DURATION" "$ABUSERS" "$SLOW_BODIES" "$HOG_STREAMS" || failed=1
fi
if [ "$LARGE_DURATION" -gt 0 ]; then
  large_uploads || failed=1
fi
echo "soak: $([ $failed = 0 ] && echo PASS || echo FAIL)"
exit $failed
