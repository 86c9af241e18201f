"""Mixed traffic against a running Digits service; see soak.sh. Standard library only."""
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.request
import uuid

from memory import memory

BASE, TOKEN, WORK, DURATION = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
HOST, PORT = BASE.split("//")[1].split(":")
PIXELS = open(f"{WORK}/pixels.json", "rb").read()
PNG = open(f"{WORK}/digit.png", "rb").read()
deadline = time.time() + DURATION
lock = threading.Lock()
counts, errors, latencies = {}, [], []


def record(kind, ok, detail=""):
    with lock:
        counts[kind] = counts.get(kind, 0) + 1
        if not ok:
            errors.append(f"{kind}: {detail}"[:300])


def request(method, path, body=None, headers=None):
    connection = http.client.HTTPConnection(HOST, int(PORT), timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def predictions(use_png):
    boundary = uuid.uuid4().hex
    multipart = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"d.png\"\r\n"
                 f"Content-Type: image/png\r\n\r\n").encode() + PNG + f"\r\n--{boundary}--\r\n".encode()
    while time.time() < deadline:
        started = time.perf_counter()
        try:
            if use_png:
                status, body = request("POST", "/api/predictions", multipart,
                                       {"Content-Type": f"multipart/form-data; boundary={boundary}"})
            else:
                status, body = request("POST", "/api/predictions", PIXELS, {"Content-Type": "application/json"})
            with lock:
                latencies.append(time.perf_counter() - started)
            record("predict", status == 200 and json.loads(body)["predictions"][0]["digit"] == 7, f"{status} {body[:200]}")
        except Exception as ex:  # noqa: BLE001 - every failure is an error to report
            record("predict", False, repr(ex))


def listings():
    while time.time() < deadline:
        for path in ("/api/jobs?size=50", "/api/models", "/actuator/health/readiness", "/actuator/prometheus"):
            try:
                status, body = request("GET", path)
                record("list", status == 200, f"{path} {status}")
            except Exception as ex:  # noqa: BLE001
                record("list", False, repr(ex))
        time.sleep(0.05)


def streams():
    while time.time() < deadline:
        try:
            status, body = request("GET", "/api/jobs?size=1")
            jobs = json.loads(body)
            if not jobs:
                time.sleep(0.5)
                continue
            connection = http.client.HTTPConnection(HOST, int(PORT), timeout=30)
            connection.request("GET", f"/api/jobs/{jobs[0]['id']}/events", headers={"Accept": "text/event-stream"})
            response = connection.getresponse()
            if response.status == 429:
                # a polite refusal: this client's dropped streams are not freed yet; come back when told
                record("stream", True, "429")
                connection.close()
                time.sleep(int(response.getheader("Retry-After", "5")))
                continue
            ok = response.status in (200, 204)
            if response.status == 200:
                for _ in range(20):  # read a little, then drop the connection, as a closed tab does
                    if not response.readline():
                        break
            connection.close()
            record("stream", ok, f"{response.status}")
        except Exception as ex:  # noqa: BLE001
            record("stream", False, repr(ex))


def training():
    while time.time() < deadline - 20:
        try:
            status, body = request("POST", "/api/jobs", json.dumps({"trainLimit": 5000, "epochs": 1}).encode(),
                                   {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
            record("train", status == 202, f"{status} {body[:200]}")
            job = json.loads(body)["id"]
            while time.time() < deadline:
                state = json.loads(request("GET", f"/api/jobs/{job}")[1])["state"]
                if state in ("SUCCEEDED", "FAILED", "CANCELLED"):
                    record("train-done", state == "SUCCEEDED", state)
                    break
                time.sleep(0.5)
        except Exception as ex:  # noqa: BLE001
            record("train", False, repr(ex))


samples = []
def sampler():
    while time.time() < deadline:
        samples.append((time.time(), memory(BASE)))
        time.sleep(5)


threads = [threading.Thread(target=predictions, args=(i % 2 == 1,)) for i in range(4)]
threads += [threading.Thread(target=listings), threading.Thread(target=streams), threading.Thread(target=streams),
            threading.Thread(target=training), threading.Thread(target=sampler)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

window = max(15.0, DURATION / 6)
first = [s for t, s in samples if t < samples[0][0] + window]
last = [s for t, s in samples if t > samples[-1][0] - window]
mb = lambda key, group: statistics.mean(s[key] for s in group) / 2**20
ordered = sorted(latencies)
p99 = ordered[int(len(ordered) * 0.99) - 1] * 1000 if ordered else float("nan")
print("requests: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
print(f"errors: {len(errors)}")
for error in errors[:10]:
    print("  " + error)
print(f"predictions: {len(latencies) / DURATION:.0f}/s, client-side p50 {ordered[len(ordered) // 2] * 1000:.1f} ms, "
      f"p99 {p99:.1f} ms")
for key in ("heap", "resident", "offheap"):
    print(f"{key} MB: first {window:.0f} s {mb(key, first):.0f}, last {window:.0f} s {mb(key, last):.0f}")
sys.exit(1 if errors else 0)
