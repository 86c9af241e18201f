"""The seed network in PyTorch, for bench/train.sh: same data files, same hyperparameters, float32.

Arguments: data directory, batch size, epochs, target accuracy, threads (1 by default), and the optimizer: "adam"
(Adam 1e-3, the default job) or "sgd" (SGD 0.01, the seed-answer preset with batch size 1).
"""
import sys
import time

import numpy as np
import torch
from torch import nn

data, batch_size, epochs, target = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
torch.set_num_threads(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
optimizer_name = sys.argv[6] if len(sys.argv) > 6 else "adam"
torch.manual_seed(42)


def idx(name, offset, shape):
    with open(f"{data}/mnist/{name}", "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset).reshape(shape)


x_train = torch.tensor(idx("train-images-idx3-ubyte", 16, (-1, 784)), dtype=torch.float32) / 255
y_train = torch.tensor(idx("train-labels-idx1-ubyte", 8, (-1,)), dtype=torch.long)
x_test = torch.tensor(idx("t10k-images-idx3-ubyte", 16, (-1, 784)), dtype=torch.float32) / 255
y_test = torch.tensor(idx("t10k-labels-idx1-ubyte", 8, (-1,)), dtype=torch.long)

model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3) if optimizer_name == "adam" \
    else torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = nn.CrossEntropyLoss()
elapsed, reached = 0.0, None
for epoch in range(1, epochs + 1):
    started = time.perf_counter()
    order = torch.randperm(len(x_train))
    for i in range(0, len(x_train), batch_size):
        rows = order[i:i + batch_size]
        optimizer.zero_grad()
        loss_fn(model(x_train[rows]), y_train[rows]).backward()
        optimizer.step()
    with torch.no_grad():
        accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
    seconds = time.perf_counter() - started
    elapsed += seconds
    if reached is None and accuracy >= target:
        reached = elapsed
    print(f"epoch {epoch} {seconds:.3f} {accuracy:.4f}", flush=True)
print(f"reached {reached if reached is not None else 'never'}")
