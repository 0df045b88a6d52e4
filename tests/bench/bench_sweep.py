#!/usr/bin/python3
"""Seed sweep benchmark: Seedscape's `seedscape-cli run` beside the PyTorch reference sweep
(../shared/bench/reference_sweep.py), same machine, same run, same workload, same split.

Workload W1: diabetes, MLP 64,64 ReLU, Adam lr 1e-3, batch 32, 200 epochs, 16 seeds, split 60/20/20.
Both programs see the same rows in each part: the reference draws its split with numpy
(RandomState(42).permutation), so this script writes that split into a `split` column that the
Seedscape experiment names. Prints the wall times of the reference and of Seedscape's engines (batched and per-seed), the ratios,
peak memory, and the seed-score ranges.

  /usr/bin/python3 tests/bench/bench_sweep.py --cli build/app/seedscape-cli [--seeds 16] [--epochs 200]
      [--scaling 1,4,16,64]   (also: Seedscape's time and peak memory for each seed count)
"""
import argparse, csv, json, os, statistics, subprocess, sys, tempfile, time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def write_split_csv(source, target, out, val, test, split_seed):
    with open(source, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    n = len(body)
    perm = np.random.RandomState(split_seed).permutation(n)
    nv, nt = int(round(n * val)), int(round(n * test))
    part = ["train"] * n
    for i in perm[:nv]:
        part[i] = "val"
    for i in perm[nv:nv + nt]:
        part[i] = "test"
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header + ["split"])
        for row, p in zip(body, part):
            w.writerow(row + [p])


def run_seedscape(cli, workdir, csv_path, args, seeds, jobs, engine="automatic"):
    exp = {
        "format": 1, "name": "w1",
        "dataset": {"path": csv_path, "target": args.target, "task": "regression", "split": {"column": "split"}},
        "model": {"hidden": [int(h) for h in args.hidden.split(",")], "activation": "relu"},
        "training": {"optimizer": "adam", "lr": args.lr, "batch_size": args.batch, "epochs": args.epochs},
        "metric": "rmse",
        "seeds": {"count": seeds},
    }
    ws = tempfile.mkdtemp(dir=workdir, prefix="ws-")
    exp_path = os.path.join(workdir, "w1-%d.json" % seeds)
    with open(exp_path, "w") as f:
        json.dump(exp, f)
    cmd = [cli, "run", exp_path, "--workspace", ws, "--seeds", str(seeds), "--engine", engine]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            sys.exit("seedscape-cli failed:\n" + err.read())
    run_seedscape.peak_rss_mib = usage.ru_maxrss / 1024.0
    results = os.path.join(ws, "results", "w1")
    scores = []
    for name in os.listdir(results):
        if name.startswith("seed-") and name.endswith(".json"):
            with open(os.path.join(results, name)) as f:
                r = json.load(f)
            if r["status"] == "finished":
                scores.append((r["val"], r["test"]))
    return seconds, scores


def describe(label, seconds, val, test):
    print("%-10s %8.2f s   val RMSE %.2f–%.2f (mean %.2f)   test RMSE %.2f–%.2f (mean %.2f)" % (
        label, seconds, min(val), max(val), statistics.mean(val), min(test), max(test), statistics.mean(test)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", default=os.path.join(REPO, "build", "app", "seedscape-cli"))
    ap.add_argument("--reference", default=os.path.join(REPO, "..", "shared", "bench", "reference_sweep.py"))
    ap.add_argument("--csv", default=os.path.join(REPO, "resources", "datasets", "diabetes.csv"))
    ap.add_argument("--target", default="progression")
    ap.add_argument("--hidden", default="64,64")
    ap.add_argument("--epochs", type=int, default=200)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seeds", type=int, default=16)
    ap.add_argument("--jobs", type=int, default=0, help="seedscape-cli --jobs; 0: its default (all cores)")
    ap.add_argument("--engines", default="batched,per-seed", help="seedscape-cli --engine values to time, in order")
    ap.add_argument("--scaling", default="", help="comma-separated seed counts to time Seedscape alone, e.g. 1,4,16,64")
    a = ap.parse_args()

    workdir = tempfile.mkdtemp(prefix="seedscape-bench-")
    split_csv = os.path.join(workdir, "diabetes-split.csv")
    write_split_csv(a.csv, a.target, split_csv, 0.2, 0.2, 42)

    print("workload: %s, MLP %s ReLU, Adam lr %g, batch %d, %d epochs, %d seeds, split 60/20/20 (seed 42)" % (
        os.path.basename(a.csv), a.hidden, a.lr, a.batch, a.epochs, a.seeds))
    ref_cmd = ["/usr/bin/python3", a.reference, "--csv", a.csv, "--target", a.target, "--hidden", a.hidden,
               "--epochs", str(a.epochs), "--batch", str(a.batch), "--lr", str(a.lr), "--seeds", str(a.seeds)]
    start = time.perf_counter()
    ref = subprocess.run(ref_cmd, check=True, capture_output=True, text=True)
    ref_seconds = time.perf_counter() - start
    ref_json = json.loads(ref.stdout)
    ref_val = [s["val_rmse"] for s in ref_json["seeds"]]
    ref_test = [s["test_rmse"] for s in ref_json["seeds"]]

    describe("reference", ref_seconds, ref_val, ref_test)
    for engine in a.engines.split(","):
        ours_seconds, ours = run_seedscape(a.cli, workdir, split_csv, a, a.seeds, a.jobs, engine)
        our_val = [v for v, _ in ours]
        our_test = [t for _, t in ours]
        describe(engine, ours_seconds, our_val, our_test)
        inside = min(ref_val) <= statistics.mean(our_val) <= max(ref_val)
        print("  ratio reference / %s: %.2f (wall clock of the whole command, %d cores); peak memory %.0f MiB;"
              " mean val RMSE %.2f is %s the reference's seed range" % (
                  engine, ref_seconds / ours_seconds, os.cpu_count(), run_seedscape.peak_rss_mib,
                  statistics.mean(our_val), "inside" if inside else "OUTSIDE"))

    if a.scaling:
        print("\nseedscape (%s) alone, by seed count (wall clock of the whole command, its peak resident memory):"
              % a.engines.split(",")[0])
        for n in [int(x) for x in a.scaling.split(",") if x]:
            seconds, scores = run_seedscape(a.cli, workdir, split_csv, a, n, a.jobs, a.engines.split(",")[0])
            print("  %3d seeds: %7.2f s  (%.3f s/seed)  peak RSS %.0f MiB" % (n, seconds, seconds / n, run_seedscape.peak_rss_mib))


if __name__ == "__main__":
    main()
