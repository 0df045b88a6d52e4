#!/usr/bin/env python3
"""A stand-in for a user's training program, for the command-experiment tests (numpy only).

It follows docs/interfaces.md, "Command experiments": reads the SEEDSCAPE_ variables, prints
@seedscape progress lines, and writes $SEEDSCAPE_OUTPUT/predictions.csv. Its predictions are the
truth plus noise drawn from the seed, so different seeds score differently and the same seed the
same. Beside them it writes own_scores.json (its own computation of the scores) and env.json.
Options plant the failures the tests need.
"""
import argparse
import csv
import json
import math
import os
import sys
import time

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--epoch-seconds", type=float, default=0.0)
parser.add_argument("--mode", default="ok",
                    choices=["ok", "fail", "fail-once", "missing-row", "nan", "prob-too-high", "sleep",
                             "no-predictions", "noisy"])
parser.add_argument("--marker-dir", help="fail-once: fails when this folder has no 'failed' file yet")
parser.add_argument("--pid-dir", help="writes a file named after its pid here, with start and end times")
parser.add_argument("--seed-arg", help="must equal SEEDSCAPE_SEED ({seed} placeholder)")
parser.add_argument("--output-arg", help="must equal SEEDSCAPE_OUTPUT ({output} placeholder)")
args = parser.parse_args()

env = {k: v for k, v in os.environ.items() if k.startswith("SEEDSCAPE_")}
seed = int(env["SEEDSCAPE_SEED"])
output = env["SEEDSCAPE_OUTPUT"]
pid_file = None
if args.pid_dir:
    pid_file = os.path.join(args.pid_dir, str(os.getpid()))
    with open(pid_file, "w") as f:
        f.write("%d %.6f\n" % (seed, time.time()))

if args.seed_arg is not None and args.seed_arg != env["SEEDSCAPE_SEED"]:
    print("seed argument %s differs from SEEDSCAPE_SEED %s" % (args.seed_arg, seed), file=sys.stderr)
    sys.exit(5)
if args.output_arg is not None and args.output_arg != output:
    print("output argument differs from SEEDSCAPE_OUTPUT", file=sys.stderr)
    sys.exit(5)
if os.listdir(output):
    print("SEEDSCAPE_OUTPUT is not empty: %s" % os.listdir(output), file=sys.stderr)
    sys.exit(6)
with open(os.path.join(output, "env.json"), "w") as f:
    json.dump(env, f)

print("training seed %d" % seed)
if args.mode == "fail" or (args.mode == "fail-once" and not os.path.exists(os.path.join(args.marker_dir, "failed"))):
    if args.mode == "fail-once":
        open(os.path.join(args.marker_dir, "failed"), "w").close()
    for i in range(25):
        print("traceback line %d" % i, file=sys.stderr)
    print("RuntimeError: planted failure for seed %d" % seed, file=sys.stderr)
    sys.exit(3)
if args.mode == "sleep":
    print("@seedscape " + json.dumps({"epoch": 1, "epochs": 1000}))
    time.sleep(3600)

task = env["SEEDSCAPE_TASK"]
target = env["SEEDSCAPE_TARGET"]
classes = int(env["SEEDSCAPE_CLASSES"])
names = json.loads(env["SEEDSCAPE_CLASS_NAMES"]) if classes else []


def read_part(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if task == "regression":
        return np.array([float(r[target]) for r in rows])
    return np.array([names.index(r[target].strip()) for r in rows])


truth = {"val": read_part(env["SEEDSCAPE_VAL"]), "test": read_part(env["SEEDSCAPE_TEST"])}
rng = np.random.RandomState(seed)
for epoch in range(1, args.epochs + 1):
    time.sleep(args.epoch_seconds)
    print("@seedscape " + json.dumps({"epoch": epoch, "epochs": args.epochs,
                                      "train_loss": 1.0 / epoch, "val_score": 0.5 + 0.1 * epoch,
                                      "test_score": 0.45 + 0.1 * epoch}))
    print("epoch %d done" % epoch)
    if args.mode == "noisy":  # a progress line Seedscape cannot read, every epoch
        print("@seedscape {epoch: %d" % epoch)


def predict(y):
    if task == "regression":
        return (y + rng.normal(0, 1.0, len(y)))[:, None]
    logits = rng.normal(0, 1.5, (len(y), max(classes, 2)))
    logits[np.arange(len(y)), y] += 2.0
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    return p[:, 1:2] if task == "binary" else p


predictions = {part: predict(y) for part, y in truth.items()}
if args.mode == "nan":
    predictions["test"][2, 0] = float("nan")
if args.mode == "prob-too-high":
    predictions["val"][1, 0] = 1.3

scores = {}
for part, y in truth.items():
    p = predictions[part]
    if task == "regression":
        scores[part] = math.sqrt(float(np.mean((p[:, 0] - y) ** 2)))
    elif task == "multiclass":
        scores[part] = float(np.mean(p.argmax(axis=1) == y))
with open(os.path.join(output, "own_scores.json"), "w") as f:
    json.dump(scores, f)

if args.mode != "no-predictions":
    with open(os.path.join(output, "predictions.csv"), "w") as f:
        columns = ["prediction"] if task != "multiclass" else ["p_%d" % c for c in range(classes)]
        extra = ["label"] if args.mode == "noisy" else []  # a column Seedscape does not read
        f.write(",".join(["split", "row"] + columns + extra) + "\n")
        for part in ("val", "test"):
            for row, values in enumerate(predictions[part]):
                if args.mode == "missing-row" and part == "val" and row == 3:
                    continue
                f.write(",".join([part, str(row)] + [repr(float(v)) for v in values]
                                 + [str(truth[part][row])] * len(extra)) + "\n")
if pid_file:
    with open(pid_file, "a") as f:
        f.write("%.6f\n" % time.time())
print("done")
