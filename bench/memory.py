"""Heap, resident and off-heap memory of a running Digits, read from its own Prometheus metrics (bytes).

As a module: memory(base) -> {"heap": ..., "resident": ..., "offheap": ...}, for bench/soak.py.
As a script: python3 bench/memory.py BASE prints "heap resident offheap" in MB, for bench/predict.sh.
"""
import sys
import urllib.request


def memory(base):
    text = urllib.request.urlopen(f"{base}/actuator/prometheus", timeout=30).read().decode()
    values = {"heap": 0.0, "resident": 0.0, "offheap": 0.0}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        name_labels, _, value = line.rpartition(" ")
        if name_labels.startswith('jvm_memory_used_bytes{') and 'area="heap"' in name_labels:
            values["heap"] += float(value)
        elif name_labels.startswith("digits_native_memory_physical_bytes"):
            values["resident"] = float(value)
        elif name_labels.startswith("digits_native_memory_offheap_estimate_bytes"):
            values["offheap"] = float(value)
    return values


if __name__ == "__main__":
    measured = memory(sys.argv[1])
    print(" ".join(f"{measured[key] / 2**20:.0f}" for key in ("heap", "resident", "offheap")))
