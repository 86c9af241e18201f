#!/usr/bin/env bash
# Training speed of the seed network 784-128-64-10 (ReLU, Adam 1e-3, float32, full 60k set) through the service's own
# training code, then the same network in PyTorch (Debian's python3-torch with libopenblas0-openmp, 2 threads), one
# after the other on the same machine. Prints seconds per epoch, samples per second, test accuracy and the ratio, at
# batch 32, 128 and 512, and the time each takes to reach 97% test accuracy at batch 128. Then where an epoch's time
# goes (bench/TrainingBreakdown.java): gathering batches, fitting, reading the loss, native ops per iteration.
#
#   mvn -q clean package -DskipTests && bench/train.sh        (EPOCHS=3 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
EPOCHS=${EPOCHS:-3}
TORCH_PYTHON=${TORCH_PYTHON:-/usr/bin/python3}
"$TORCH_PYTHON" -c 'import torch' 2> /dev/null || { echo "PyTorch is needed: apt-get install python3-torch libopenblas0-openmp" >&2; exit 1; }

start_service

# epoch seconds and accuracies of a finished job, one line per epoch
job_epochs() {
  curl -fs "$BASE/api/jobs/$1" | python3 -c '
import json, sys
for e in json.load(sys.stdin)["epochs"]:
    print(e["epoch"], round(e["seconds"], 3), e["testAccuracy"])'
}

summarise() { # lines "epoch seconds accuracy" on stdin, batch -> "s/epoch samples/s accuracy" (first epoch left out)
  python3 -c '
import sys
rows = [line.split() for line in sys.stdin if line.strip()]
steady = rows[1:] or rows
seconds = sum(float(r[1]) for r in steady) / len(steady)
print(f"{seconds:.3f} {60000 / seconds:.0f} {float(rows[-1][2]):.4f}")'
}

reached() { # lines "epoch seconds accuracy", target -> cumulative seconds to the first epoch at or above it
  python3 -c '
import sys
total = 0
for line in sys.stdin:
    epoch, seconds, accuracy = line.split()
    total += float(seconds)
    if float(accuracy) >= float(sys.argv[1]):
        print(f"{total:.1f} s (epoch {epoch})")
        break
else:
    print("never")' "$1"
}

rows=()
for batch in 32 128 512; do
  job=$(submit_job "{\"batchSize\": $batch, \"epochs\": $EPOCHS, \"seed\": 42}")
  await_job "$job" > /dev/null
  read -r java_seconds java_rate java_accuracy < <(job_epochs "$job" | summarise)
  read -r torch_seconds torch_rate torch_accuracy < <("$TORCH_PYTHON" bench/train_torch.py "${DIGITS_DATA_DIR:-./data}" "$batch" "$EPOCHS" 0.97 | grep '^epoch' | cut -d' ' -f2- | summarise)
  rows+=("$(printf '| %5s | %8s | %8s | %7s | %8s | %8s | %7s | %5.2f |' "$batch" "$java_seconds" "$java_rate" "$java_accuracy" "$torch_seconds" "$torch_rate" "$torch_accuracy" "$(python3 -c "print($java_seconds / $torch_seconds)")")")
done

job=$(submit_job '{"batchSize": 128, "epochs": 10, "seed": 42}')
await_job "$job" > /dev/null
java_97=$(job_epochs "$job" | reached 0.97)
torch_97=$("$TORCH_PYTHON" bench/train_torch.py "${DIGITS_DATA_DIR:-./data}" 128 10 0.97 | grep '^epoch' | cut -d' ' -f2- | reached 0.97)

echo "Training the seed network, $EPOCHS epochs per batch size (first epoch left out of the means), $(machine)"
echo "| batch | Digits s/epoch | samples/s | accuracy | PyTorch s/epoch | samples/s | accuracy | ratio |"
echo "|-------|----------|----------|---------|----------|----------|---------|-------|"
printf '%s\n' "${rows[@]}"
echo "Time to 97% test accuracy at batch 128: Digits $java_97, PyTorch $torch_97"
echo
stop_service
java_bench TrainingBreakdown.java "${DIGITS_DATA_DIR:-./data}" 128
