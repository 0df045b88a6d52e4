#!/usr/bin/python3
"""Seedscape example: your own training program as a command experiment.

A small CNN on the 8x8 digits of datasets/digits.csv, with a random augmentation (each training
image shifted by up to one pixel). Seedscape runs it once per seed; all it needs from Seedscape
comes in environment variables, and all it gives back is one CSV:

  SEEDSCAPE_SEED                       the seed: every random number below derives from it
  SEEDSCAPE_TRAIN / _VAL / _TEST       the split, as CSV files with the dataset's columns
  SEEDSCAPE_TARGET, SEEDSCAPE_CLASSES  the target column and the class count
  SEEDSCAPE_CLASS_NAMES                the classes in the order of the p_0, p_1, ... columns
  SEEDSCAPE_OUTPUT                     an empty folder of this seed's own: predictions.csv goes here

Optional: a line "@seedscape {json}" on stdout moves the seed's progress bar and learning curve,
and with val_score and test_score puts the training seed on the window's scatter.
"""
import argparse
import csv
import json
import os

import torch
from torch import nn

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=15)
parser.add_argument("--lr", type=float, default=3e-3)
parser.add_argument("--batch-size", type=int, default=64)
args = parser.parse_args()

seed = int(os.environ["SEEDSCAPE_SEED"])
target = os.environ["SEEDSCAPE_TARGET"]
classes = int(os.environ["SEEDSCAPE_CLASSES"])
class_names = json.loads(os.environ["SEEDSCAPE_CLASS_NAMES"])
torch.set_num_threads(1)  # Seedscape may run several seeds at once
generator = torch.Generator().manual_seed(seed)  # init, data order and augmentation
torch.manual_seed(seed)


def class_index(cell):
    try:  # numeric labels ("3" or "3.0")
        return [float(name) for name in class_names].index(float(cell))
    except ValueError:
        return class_names.index(cell.strip())


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    pixels = [name for name in rows[0] if name.startswith("pixel_")]
    images = torch.tensor([[float(r[p]) / 16.0 for p in pixels] for r in rows]).reshape(-1, 1, 8, 8)
    labels = torch.tensor([class_index(r[target]) for r in rows])
    return images, labels


train_x, train_y = load(os.environ["SEEDSCAPE_TRAIN"])
val_x, val_y = load(os.environ["SEEDSCAPE_VAL"])
test_x, test_y = load(os.environ["SEEDSCAPE_TEST"])

model = nn.Sequential(
    nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(),
    nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(32 * 4 * 4, 64), nn.ReLU(), nn.Linear(64, classes))
optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)


def shifted(images):
    """Each image moved by -1, 0 or 1 pixel in x and y (zeros come in at the edge)."""
    padded = nn.functional.pad(images, (1, 1, 1, 1))
    dx, dy = torch.randint(0, 3, (2, len(images)), generator=generator)
    return torch.stack([padded[i, :, dy[i]:dy[i] + 8, dx[i]:dx[i] + 8] for i in range(len(images))])


for epoch in range(1, args.epochs + 1):
    model.train()
    order = torch.randperm(len(train_x), generator=generator)
    total = 0.0
    for start in range(0, len(order), args.batch_size):
        batch = order[start:start + args.batch_size]
        loss = nn.functional.cross_entropy(model(shifted(train_x[batch])), train_y[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(batch)
    model.eval()
    with torch.no_grad():
        accuracy = (model(val_x).argmax(1) == val_y).float().mean().item()
        # Reported only, so the window can show where this seed stands; nothing here decides on it.
        test_accuracy = (model(test_x).argmax(1) == test_y).float().mean().item()
    print("@seedscape " + json.dumps({"epoch": epoch, "epochs": args.epochs,
                                      "train_loss": total / len(train_x), "val_score": accuracy,
                                      "test_score": test_accuracy}))

with torch.no_grad(), open(os.path.join(os.environ["SEEDSCAPE_OUTPUT"], "predictions.csv"), "w") as f:
    f.write("split,row," + ",".join("p_%d" % c for c in range(classes)) + "\n")
    for part, images in (("val", val_x), ("test", test_x)):
        for row, p in enumerate(torch.softmax(model(images).double(), dim=1).tolist()):
            f.write("%s,%d,%s\n" % (part, row, ",".join(repr(v) for v in p)))
