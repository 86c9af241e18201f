#!/usr/bin/env bash
# Training speed of the seed network 784-128-64-10 (ReLU, Adam 1e-3, float32, full 60k set) through the service's job
# API, on each engine (the fused CPU step, the default, and DL4J's fit), then the same network in PyTorch (Debian's
# python3-torch with libopenblas0-openmp) on 1 and on 2 threads, one run after the other on the same machine. Prints
# seconds per epoch (test-set evaluation included), test accuracy and the ratio to the faster PyTorch, at batch 32,
# 128 and 512; the time each takes to reach 97% test accuracy at batch 128; the seed-answer preset (SGD, one sample
# per update, 2 epochs) against PyTorch's per-sample loop; then where an epoch's time goes
# (bench/TrainingBreakdown.java).
#
#   mvn -q clean package -DskipTests && bench/train.sh        (EPOCHS=3 by default; SEED_ANSWER=0 skips that part)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
EPOCHS=${EPOCHS:-3}
SEED_ANSWER=${SEED_ANSWER:-1}
DATA=${DIGITS_DATA_DIR:-./data}
TORCH_PYTHON=${TORCH_PYTHON:-/usr/bin/python3}
"$TORCH_PYTHON" -c 'import torch' 2> /dev/null || { echo "PyTorch is needed: apt-get install python3-torch libopenblas0-openmp" >&2; exit 1; }

# epoch seconds and accuracies of a finished job, one line per epoch
job_epochs() {
  curl -fs "$BASE/api/jobs/$1" | python3 -c '
import json, sys
for e in json.load(sys.stdin)["epochs"]:
    print(e["epoch"], round(e["seconds"], 3), e["testAccuracy"])'
}

summarise() { # lines "epoch seconds accuracy" on stdin -> "s/epoch accuracy" (first epoch left out of the mean)
  python3 -c '
import sys
rows = [line.split() for line in sys.stdin if line.strip()]
steady = rows[1:] or rows
print(f"{sum(float(r[1]) for r in steady) / len(steady):.3f} {float(rows[-1][2]):.4f}")'
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

torch_epochs() { # batch epochs threads [optimizer] -> lines "epoch seconds accuracy"
  "$TORCH_PYTHON" bench/train_torch.py "$DATA" "$1" "$2" 0.97 "$3" "${4:-adam}" | grep '^epoch' | cut -d' ' -f2-
}

declare -A digits_seconds digits_accuracy
for engine in fused-cpu dl4j; do
  start_service "--digits.training.fused-cpu=$([ "$engine" = fused-cpu ] && echo true || echo false)"
  for batch in 32 128 512; do
    job=$(submit_job "{\"batchSize\": $batch, \"epochs\": $EPOCHS, \"seed\": 42}")
    await_job "$job" > /dev/null
    read -r digits_seconds[$engine-$batch] digits_accuracy[$engine-$batch] < <(job_epochs "$job" | summarise)
  done
  if [ "$engine" = fused-cpu ]; then
    job=$(submit_job '{"batchSize": 128, "epochs": 10, "seed": 42}')
    await_job "$job" > /dev/null
    digits_97=$(job_epochs "$job" | reached 0.97)
    if [ "$SEED_ANSWER" = 1 ]; then
      job=$(submit_job '{"preset": "seed-answer"}')
      await_job "$job" > /dev/null
      read -r seed_answer_seconds seed_answer_accuracy < <(job_epochs "$job" | python3 -c '
import sys
rows = [line.split() for line in sys.stdin if line.strip()]
print(f"{sum(float(r[1]) for r in rows):.1f} {float(rows[-1][2]):.4f}")')
    fi
  fi
  stop_service
done

rows=()
for batch in 32 128 512; do
  read -r torch1_seconds torch1_accuracy < <(torch_epochs "$batch" "$EPOCHS" 1 | summarise)
  read -r torch2_seconds torch2_accuracy < <(torch_epochs "$batch" "$EPOCHS" 2 | summarise)
  best=$(python3 -c "print(min($torch1_seconds, $torch2_seconds))")
  [ "$batch" = 128 ] && best_threads=$(python3 -c "print(1 if $torch1_seconds <= $torch2_seconds else 2)")
  rows+=("$(printf '| %5s | %7s | %7s | %6s | %7s | %7s | %7s | %5.2f |' "$batch" \
    "${digits_seconds[fused-cpu-$batch]}" "${digits_seconds[dl4j-$batch]}" "${digits_accuracy[fused-cpu-$batch]}" \
    "$torch1_seconds" "$torch2_seconds" "$torch1_accuracy" \
    "$(python3 -c "print(${digits_seconds[fused-cpu-$batch]} / $best)")")")
done
torch_97=$(torch_epochs 128 10 "$best_threads" | reached 0.97)

echo "Training the seed network, $EPOCHS epochs per batch size, s/epoch with the test-set evaluation (first epoch left out of the means), $(machine)"
echo "| batch | Digits fused-cpu | Digits dl4j | accuracy | PyTorch 1 thread | 2 threads | accuracy | ratio to the faster PyTorch |"
echo "|-------|---------|---------|--------|---------|---------|---------|-------|"
printf '%s\n' "${rows[@]}"
echo "Time to 97% test accuracy at batch 128: Digits (fused-cpu) $digits_97, PyTorch ($best_threads thread(s)) $torch_97"
if [ "$SEED_ANSWER" = 1 ]; then
  read -r torch_sa_seconds torch_sa_accuracy < <(torch_epochs 1 2 1 sgd | python3 -c '
import sys
rows = [line.split() for line in sys.stdin if line.strip()]
print(f"{sum(float(r[1]) for r in rows):.1f} {float(rows[-1][2]):.4f}")')
  echo "seed-answer (SGD 0.01, batch 1, 2 epochs): Digits (fused-cpu) $seed_answer_seconds s, accuracy $seed_answer_accuracy;" \
    "PyTorch per-sample loop (1 thread) $torch_sa_seconds s, accuracy $torch_sa_accuracy;" \
    "ratio $(python3 -c "print(f'{$seed_answer_seconds / $torch_sa_seconds:.2f}')")"
fi
echo
java_bench TrainingBreakdown.java "$DATA" 128
