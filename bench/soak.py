"""Mixed traffic against a running Digits service, well-behaved clients and abusers at once; see soak.sh.

soak.py BASE TOKEN WORK DURATION [ABUSERS SLOW_BODIES HOG_STREAMS]. Standard library only.

The well-behaved clients honour Retry-After: a 429 or 503 that carries it is a refusal they wait out, counted apart,
not an error; their errors must be 0. The abusers' outcomes are kept apart from theirs, each with its own PASS/FAIL
line. The exit status is 1 when a well-behaved client saw an error, an abuser failed, or the resident size grew by
more than MEMORY_GROWTH over the run.
"""
import http.client
import json
import select
import socket
import statistics
import sys
import threading
import time
import urllib.request
import uuid

from memory import memory

BASE, TOKEN, WORK, DURATION = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
ABUSERS = len(sys.argv) <= 5 or sys.argv[5] != "0"
SLOW_BODIES = int(sys.argv[6]) if len(sys.argv) > 6 else 50
HOG_STREAMS = int(sys.argv[7]) if len(sys.argv) > 7 else 40
HOST, PORT = BASE.split("//")[1].split(":")
MEMORY_GROWTH = 0.10  # the resident size may grow by this fraction from the second sixth of the run to the last
PORT = int(PORT)
PIXELS = open(f"{WORK}/pixels.json", "rb").read()
PNG = open(f"{WORK}/digit.png", "rb").read()
AUTHORIZED_JSON = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}
FINAL = ("SUCCEEDED", "FAILED", "CANCELLED")
deadline = time.time() + DURATION
lock = threading.Lock()
counts, refusals, errors, latencies = {}, {}, [], []


def record(kind, ok, detail=""):
    with lock:
        counts[kind] = counts.get(kind, 0) + 1
        if not ok:
            errors.append(f"{kind}: {detail}"[:300])


def request(method, path, body=None, headers=None):
    """-> (status, body, Retry-After or None)"""
    connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), response.getheader("Retry-After")
    finally:
        connection.close()


def waited_out(kind, status, retry_after):
    """A 429 or 503 with Retry-After is a refusal a well-behaved client waits out: True when it was one."""
    if status not in (429, 503) or not retry_after:
        return False
    with lock:
        refusals[kind] = refusals.get(kind, 0) + 1
    time.sleep(min(int(retry_after), max(0.0, deadline - time.time())))
    return True


# ---------------------------------------------------------------------------------------------------------------
# Well-behaved clients
# ---------------------------------------------------------------------------------------------------------------

def predictions(use_png):
    boundary = uuid.uuid4().hex
    multipart = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"d.png\"\r\n"
                 f"Content-Type: image/png\r\n\r\n").encode() + PNG + f"\r\n--{boundary}--\r\n".encode()
    while time.time() < deadline:
        started = time.perf_counter()
        try:
            if use_png:
                status, body, retry_after = request("POST", "/api/predictions", multipart,
                                                    {"Content-Type": f"multipart/form-data; boundary={boundary}"})
            else:
                status, body, retry_after = request("POST", "/api/predictions", PIXELS,
                                                    {"Content-Type": "application/json"})
            if waited_out("predict", status, retry_after):
                continue
            with lock:
                latencies.append(time.perf_counter() - started)
            record("predict", status == 200 and json.loads(body)["predictions"][0]["digit"] == 7, f"{status} {body[:200]}")
        except Exception as ex:  # noqa: BLE001 - every failure is an error to report
            record("predict", False, repr(ex))


def listings():
    while time.time() < deadline:
        for path in ("/api/jobs?size=50", "/api/models", "/actuator/health/readiness", "/actuator/prometheus"):
            try:
                status, body, retry_after = request("GET", path)
                if not waited_out("list", status, retry_after):
                    record("list", status == 200, f"{path} {status}")
            except Exception as ex:  # noqa: BLE001
                record("list", False, repr(ex))
        time.sleep(0.05)


def streams():
    while time.time() < deadline:
        try:
            status, body, _ = request("GET", "/api/jobs?size=1")
            jobs = json.loads(body)
            if not jobs:
                time.sleep(0.5)
                continue
            connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
            connection.request("GET", f"/api/jobs/{jobs[0]['id']}/events", headers={"Accept": "text/event-stream"})
            response = connection.getresponse()
            if response.status in (429, 503):
                # a polite refusal (429: this client's dropped streams are not freed yet); come back when told
                connection.close()
                if waited_out("stream", response.status, response.getheader("Retry-After")):
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
            small = json.dumps({"trainLimit": 5000, "epochs": 1}).encode()
            status, body, retry_after = request("POST", "/api/jobs", small, AUTHORIZED_JSON)
            if waited_out("train", status, retry_after):
                continue
            record("train", status == 202, f"{status} {body[:200]}")
            if status != 202:
                time.sleep(1)
                continue
            job = json.loads(body)["id"]
            while time.time() < deadline:
                state = json.loads(request("GET", f"/api/jobs/{job}")[1])["state"]
                if state in FINAL:
                    record("train-done", state == "SUCCEEDED", state)
                    break
                time.sleep(0.5)
        except Exception as ex:  # noqa: BLE001
            record("train", False, repr(ex))


samples = []
def sampler():  # every 5 s, also written to WORK/memory.csv (seconds, heap, resident, off-heap in MB) for a chart
    started = time.time()
    with open(f"{WORK}/memory.csv", "w") as csv:
        csv.write("seconds,heap_mb,resident_mb,offheap_mb\n")
        while time.time() < deadline:
            now, measured = time.time(), memory(BASE)
            samples.append((now, measured))
            csv.write(f"{now - started:.0f}," + ",".join(f"{measured[k] / 2**20:.0f}" for k in ("heap", "resident", "offheap")) + "\n")
            csv.flush()
            time.sleep(5)


# ---------------------------------------------------------------------------------------------------------------
# Abusers: each keeps its own outcomes, in its own dict, and none of them honours Retry-After
# ---------------------------------------------------------------------------------------------------------------

# Slow bodies: JSON predictions that declare 100,000 bytes and send 2 every TRICKLE_EVERY seconds. The service must cut
# each off (408 at digits.web.body-read-timeout, 20 s; 503 when max-concurrent-bodies are taken; or just close it)
# within SLOW_BODY_LIMIT seconds. A connection still open at the end of the soak goes on trickling until it is cut off,
# for up to SLOW_BODY_LIMIT + 15 s: then it is counted as held ("open") and fails the abuser.
TRICKLE_EVERY, SLOW_BODY_LIMIT = 3.0, 30.0
slow = {"connections": 0, "ended": {}, "longest": 0.0, "anomalies": []}


def rest_of(sock, wait=1.0):
    """-> (what more of an answer arrives within wait seconds, whether the service then closed the connection)"""
    more, ends = b"", time.time() + wait
    try:
        while time.time() < ends and select.select([sock], [], [], max(0.0, ends - time.time()))[0]:
            got = sock.recv(4096)
            if not got:
                return more, "then closed"
            more += got
    except OSError:
        return more, "then reset"
    return more, "left open"


def slow_body(index):
    time.sleep(index * TRICKLE_EVERY / max(1, SLOW_BODIES))  # staggered, so the trickles do not arrive in bursts
    prefix = b'{"pixels":['
    while time.time() < deadline:
        try:
            sock = socket.create_connection((HOST, PORT), timeout=10)
        except OSError as ex:
            with lock:
                slow["anomalies"].append(f"connect: {ex!r}")
            time.sleep(1)
            continue
        opened, sent, answer, ended = time.time(), 0, b"", None
        try:
            sock.sendall(f"POST /api/predictions HTTP/1.1\r\nHost: {HOST}:{PORT}\r\nContent-Type: application/json\r\n"
                         f"Content-Length: 100000\r\n\r\n".encode())
        except OSError:
            ended = "closed"
        while ended is None:
            if time.time() - opened > SLOW_BODY_LIMIT + 15:
                ended = "open"  # the service never cut it off: the trickler gives up
                break
            readable, _, _ = select.select([sock], [], [], TRICKLE_EVERY)
            try:
                if readable:
                    answer = sock.recv(4096)
                    ended = (answer.split(b" ", 2)[1].decode() if answer.startswith(b"HTTP/")
                             else "not-HTTP" if answer else "closed")
                else:
                    chunk = (prefix[sent:sent + 2] if sent < len(prefix) else b"0,")
                    sock.sendall(chunk)
                    sent += len(chunk)
            except OSError:  # reset or broken pipe: the service closed it, maybe with an answer we could not read
                ended = "closed"
        held = time.time() - opened
        after = "-"
        if ended not in ("408", "503", "closed", "open"):
            more, after = rest_of(sock)
            answer += more
        sock.close()
        with lock:
            slow["connections"] += 1
            slow["ended"][ended] = slow["ended"].get(ended, 0) + 1
            slow["longest"] = max(slow["longest"], held)
            if ended not in ("408", "503", "closed"):
                detail = (answer.split(b'"detail":"', 1)[1].split(b'"', 1)[0] if b'"detail":"' in answer
                          else answer[:120])
                slow["anomalies"].append(f"ended {ended} after {held:.0f} s, {sent} bytes sent, connection {after}: "
                                         f"{detail.decode(errors='replace')}")
        if ended == "503":
            time.sleep(1)  # not polite, only not a busy loop


def slow_bodies_verdict():
    ended = slow["ended"]
    ok = slow["connections"] > 0 and not slow["anomalies"] and slow["longest"] <= SLOW_BODY_LIMIT
    others = sum(v for k, v in ended.items() if k not in ("408", "503", "closed"))
    return ok, (f"abuser slow-bodies: {slow['connections']} connections ({SLOW_BODIES} at once, 2 bytes every "
                f"{TRICKLE_EVERY:.0f} s), ended 408={ended.get('408', 0)} 503={ended.get('503', 0)} "
                f"closed={ended.get('closed', 0)} other={others}, longest held {slow['longest']:.0f} s "
                f"(limit {SLOW_BODY_LIMIT:.0f} s): {'PASS' if ok else 'FAIL'}"), slow["anomalies"]


# Stream hog: one client (its own loopback address, 127.0.0.2, when the system has it, so that the per-address cap it
# meets is its own and not the well-behaved stream clients') opens HOG_STREAMS event streams at once on a job that is
# still training and holds them, reading, until the job ends; then again on the next job. Past
# digits.training.stream.max-per-client (STREAM_CAP) each must be a 429 with Retry-After. A round counts towards the
# cap only if the job was still training once every answer was in, so that no stream had ended and freed its slot.
STREAM_CAP = 8
hog = {"rounds": 0, "live_rounds": 0, "accepted": 0, "most_held": 0, "refused": 0, "ended_jobs": 0,
       "source": None, "seen_as": None, "anomalies": []}


def hog_source():
    if HOST != "127.0.0.1":
        return None
    try:
        with socket.socket() as probe:
            probe.bind(("127.0.0.2", 0))
        return ("127.0.0.2", 0)
    except OSError:
        return None


def hog_stream(job, answered, results, held):
    connection = http.client.HTTPConnection(HOST, PORT, timeout=30, source_address=hog["source"])
    answer = None
    try:
        connection.request("GET", f"/api/jobs/{job}/events", headers={"Accept": "text/event-stream"})
        response = connection.getresponse()
        status = response.status
        answer = (status, response.getheader("Retry-After"), response.read() if status != 200 else b"")
        with answered:
            results.append(answer)
            if status == 200:
                held.append(connection)
            answered.notify_all()
        if status == 200:
            while response.readline():  # held, reading, until the stream ends (a keep-alive at least every 5 s)
                pass
    except Exception as ex:  # noqa: BLE001 - after the answer, the hog itself cut the connection at the end
        if answer is None:
            with answered:
                results.append((None, None, repr(ex).encode()))
                answered.notify_all()
    finally:
        connection.close()


def stream_hog():
    hog["source"] = hog_source()
    while time.time() < deadline:
        try:
            jobs = json.loads(request("GET", "/api/jobs?size=5")[1])
            live = [job["id"] for job in jobs if job["state"] not in FINAL]
            if not live:
                time.sleep(1)
                continue
            job, answered, results, held = live[-1], threading.Condition(), [], []
            threads = [threading.Thread(target=hog_stream, args=(job, answered, results, held))
                       for _ in range(HOG_STREAMS)]
            for thread in threads:
                thread.start()
            with answered:
                answered.wait_for(lambda: len(results) == HOG_STREAMS, timeout=60)
                results = list(results)
            still_live = json.loads(request("GET", f"/api/jobs/{job}")[1])["state"] not in FINAL
            accepted = sum(1 for status, _, _ in results if status == 200)
            with lock:
                hog["rounds"] += 1
                hog["accepted"] += accepted
                if still_live:
                    hog["live_rounds"] += 1
                    hog["most_held"] = max(hog["most_held"], accepted)
                if len(results) < HOG_STREAMS:
                    hog["anomalies"].append(f"{HOG_STREAMS - len(results)} streams unanswered after 60 s")
                for status, retry_after, body in results:
                    if status == 429 and retry_after:
                        hog["refused"] += 1
                        if hog["seen_as"] is None:
                            hog["seen_as"] = body.decode(errors="replace").split(" already has")[0].rsplit('"', 1)[-1]
                    elif status == 204:
                        hog["ended_jobs"] += 1  # the job ended before this stream was asked for
                    elif status != 200:
                        hog["anomalies"].append(f"{status} Retry-After {retry_after} {body[:150]!r}")
            while any(thread.is_alive() for thread in threads):  # held until the job ends, or the soak does
                if time.time() >= deadline:
                    with answered:
                        for connection in held:
                            try:
                                connection.sock.shutdown(socket.SHUT_RDWR)
                            except (OSError, AttributeError):
                                pass
                time.sleep(0.2)
            time.sleep(2)  # the server frees the round's slots once it sees the streams end
        except Exception as ex:  # noqa: BLE001
            with lock:
                hog["anomalies"].append(repr(ex))
            time.sleep(1)


def stream_hog_verdict():
    where = (f"from {hog['source'][0]}" if hog["source"] else "from 127.0.0.1, shared with the well-behaved streams")
    if hog["seen_as"]:
        where += f" (refused as {hog['seen_as']})"
    counts_line = (f"abuser stream-hog: {hog['rounds']} rounds of {HOG_STREAMS} streams at once {where}, "
                   f"{hog['live_rounds']} on a running job: at most {hog['most_held']} held at once "
                   f"(cap {STREAM_CAP}), refused 429+Retry-After={hog['refused']}, job ended first (204)="
                   f"{hog['ended_jobs']}, other={len(hog['anomalies'])}")
    if hog["live_rounds"] == 0 and not hog["anomalies"]:
        return True, counts_line + ": SKIP (no job was training to hold streams on)", []
    ok = hog["most_held"] <= STREAM_CAP and not hog["anomalies"] and (HOG_STREAMS <= STREAM_CAP or hog["refused"] > 0)
    return ok, counts_line + f": {'PASS' if ok else 'FAIL'}", hog["anomalies"]


# Oversized job: every OVERSIZED_EVERY seconds, a job whose training would need about 3 GB off-heap, with the token.
# Expected: a 400 naming the off-heap memory budget. Anything else is an anomaly; a job accepted is cancelled at once.
OVERSIZED_EVERY = 10.0
OVERSIZED = json.dumps({"hiddenLayers": [4096, 1600], "trainLimit": 60000, "batchSize": 60000, "epochs": 1}).encode()
oversized = {"attempts": 0, "refused": 0, "anomalies": []}


def oversized_job():
    time.sleep(min(5.0, DURATION / 4))
    while time.time() < deadline:
        try:
            status, body, retry_after = request("POST", "/api/jobs", OVERSIZED, AUTHORIZED_JSON)
            with lock:
                oversized["attempts"] += 1
                if status == 400 and b"off-heap" in body:
                    oversized["refused"] += 1
                else:
                    oversized["anomalies"].append(f"{status} Retry-After {retry_after} {body[:200]!r}")
            if status == 202:
                request("POST", f"/api/jobs/{json.loads(body)['id']}/cancel", b"", {"Authorization": f"Bearer {TOKEN}"})
        except Exception as ex:  # noqa: BLE001
            with lock:
                oversized["attempts"] += 1
                oversized["anomalies"].append(repr(ex))
        time.sleep(min(OVERSIZED_EVERY, max(0.0, deadline - time.time())))


def oversized_job_verdict():
    ok = oversized["attempts"] > 0 and not oversized["anomalies"]
    return ok, (f"abuser oversized-job: {oversized['attempts']} attempts, 400 (memory budget)={oversized['refused']}, "
                f"other={len(oversized['anomalies'])}: {'PASS' if ok else 'FAIL'}"), oversized["anomalies"]


threads = [threading.Thread(target=predictions, args=(i % 2 == 1,)) for i in range(4)]
threads += [threading.Thread(target=listings), threading.Thread(target=streams), threading.Thread(target=streams),
            threading.Thread(target=training), threading.Thread(target=sampler)]
verdicts = []
if ABUSERS:
    threads += [threading.Thread(target=slow_body, args=(i,)) for i in range(SLOW_BODIES)]
    threads += [threading.Thread(target=oversized_job)]
    verdicts += [slow_bodies_verdict] if SLOW_BODIES > 0 else []
    if HOG_STREAMS > 0:
        threads += [threading.Thread(target=stream_hog)]
        verdicts += [stream_hog_verdict]
    verdicts += [oversized_job_verdict]
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
print("refused with Retry-After, waited out: " + (", ".join(f"{k} {v}" for k, v in sorted(refusals.items())) or "none"))
print(f"errors: {len(errors)}")
for error in errors[:10]:
    print("  " + error)
print(f"predictions: {len(latencies) / DURATION:.0f}/s, client-side p50 {ordered[len(ordered) // 2] * 1000:.1f} ms, "
      f"p99 {p99:.1f} ms")
for key in ("heap", "resident", "offheap"):
    print(f"{key} MB: first {window:.0f} s {mb(key, first):.0f}, last {window:.0f} s {mb(key, last):.0f}")
# Flat memory, judged on the resident size (what the machine pays; the heap is bounded by -Xmx, the off-heap estimate
# swings with every collection): its mean over the last sixth of the run against the second sixth, once the first
# jobs, the dataset and the JIT have settled. A leak of a job's network (0.4 MB of parameters, 1.2 MB with Adam's
# state) over the hundreds of jobs a soak trains would exceed the allowance several times over.
settled = [s for t, s in samples if samples[0][0] + window <= t < samples[0][0] + 2 * window] or first
growth = mb("resident", last) / mb("resident", settled) - 1
memory_ok = growth <= MEMORY_GROWTH
print(f"memory: {'PASS' if memory_ok else 'FAIL'}: resident {mb('resident', settled):.0f} MB once settled, "
      f"{mb('resident', last):.0f} MB at the end ({growth:+.1%}, allowed {MEMORY_GROWTH:+.0%}); samples in {WORK}/memory.csv")
failed = bool(errors) or not memory_ok
for verdict in verdicts:
    ok, line, anomalies = verdict()
    print(line)
    for anomaly in anomalies[:3]:
        print("  " + anomaly[:300])
    failed = failed or not ok
sys.exit(1 if failed else 0)
