#!/usr/bin/python3
"""GPU sweep benchmark (issue #15): Seedscape's batched engine on a CUDA GPU beside PyTorch's own
vectorised ensembling (reference_vmap.py --device cuda) and the per-seed loop (reference_sweep.py
--device cuda) on the same GPU, and Seedscape's batched engine on the machine's CPU cores, in one run,
alternating the programs for each seed count.

Workload W1: diabetes, MLP 64,64 ReLU, Adam lr 1e-3, batch 32, 200 epochs, split 60/20/20 (seed 42).
Prints per seed count: wall time of each whole command and seeds per second, for Seedscape with eager
steps (SEEDSCAPE_CUDA_GRAPHS=0) and with its default, steps replayed from CUDA graphs, whose scores
must be the same; the ratio vmap / Seedscape's faster run; the peak GPU memory while Seedscape ran
(nvidia-smi, divided by the seeds); whether Seedscape's mean validation RMSE lies inside the
reference's seed range; and where each group's time went (seedscape.group.times).

  /usr/bin/python3 tests/bench/bench_gpu.py --cli build/app/seedscape-cli \\
      [--counts 16,256,1024] [--loop-seeds 4] [--reference-dir ../shared/bench] [--device cuda]

--device cpu runs the same table without a GPU (a check of the script, not a GPU measurement).
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from bench_sweep import write_split_csv  # noqa: E402


class GpuMemoryPeak:
    """Polls nvidia-smi's used memory while a command runs (MiB, GPU 0); None where there is none."""

    def __init__(self):
        self.peak, self._stop = None, threading.Event()

    def _poll(self):
        while not self._stop.is_set():
            try:
                out = subprocess.run(["nvidia-smi", "--query-gpu=memory.used", "--format=csv,noheader,nounits",
                                      "-i", "0"], capture_output=True, text=True, timeout=5).stdout
                used = float(out.strip().splitlines()[0])
                self.peak = used if self.peak is None else max(self.peak, used)
            except (OSError, ValueError, IndexError, subprocess.TimeoutExpired):
                return
            self._stop.wait(0.05)

    def __enter__(self):
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def seedscape(cli, workdir, csv_path, a, seeds, device, epochs=None, graphs=False):
    """Runs W1; returns seconds, the finished seeds' validation RMSEs, the peak GPU MiB, the devices the
    records name and the lines saying where each group's time went."""
    exp = {"format": 1, "name": "w1",
           "dataset": {"path": csv_path, "target": a.target, "task": "regression", "split": {"column": "split"}},
           "model": {"hidden": [int(h) for h in a.hidden.split(",")], "activation": "relu"},
           "training": {"optimizer": "adam", "lr": a.lr, "batch_size": a.batch, "epochs": epochs or a.epochs,
                        "early_stopping_patience": 0},
           "metric": "rmse", "device": device,
           # Seeds 1..n: the run with CUDA graphs must give each of them the eager run's score.
           "seeds": {"count": seeds, "list": list(range(1, seeds + 1))}}
    ws = tempfile.mkdtemp(dir=workdir, prefix="ws-")
    path = os.path.join(workdir, "w1-%s-%d.json" % (device, seeds))
    with open(path, "w") as f:
        json.dump(exp, f)
    with GpuMemoryPeak() as memory:
        start = time.perf_counter()
        proc = subprocess.run([cli, "run", path, "--workspace", ws, "--seeds", str(seeds), "--engine", "batched",
                               "--checkpoint-seconds", "86400"], capture_output=True, text=True,
                              env=dict(os.environ, QT_LOGGING_RULES="seedscape.group.times.debug=true",
                                       SEEDSCAPE_CUDA_GRAPHS="1" if graphs else "0"))
        seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit("seedscape-cli failed:\n" + proc.stderr[-3000:])
    results = os.path.join(ws, "results", "w1")
    val, devices = {}, set()
    for name in os.listdir(results):
        if name.startswith("seed-") and name.endswith(".json"):
            with open(os.path.join(results, name)) as f:
                r = json.load(f)
            if r["status"] == "finished":
                val[r["seed"]] = r["val"]
                devices.add("%s %s" % (r.get("device", "?"), r.get("gpu", "")))
    times = [line.split(": ", 1)[1] for line in proc.stderr.splitlines() if line.startswith("seedscape.group.times")]
    return seconds, val, memory.peak, sorted(devices), times


def profile_kernels(a, workdir, csv_path, seeds):
    """Nsight Compute's per-kernel summary of `count` launches of a 3-epoch sweep, after the first epoch's."""
    ncu = shutil.which("ncu") or "/usr/local/cuda/bin/ncu"
    if not os.path.exists(ncu):
        print("ncu: not found, no kernel profile")
        return
    exp = os.path.join(workdir, "w1-%s-%d.json" % (a.device, seeds))  # written by the sweep just run
    with open(exp) as f:
        spec = json.load(f)
    spec["training"]["epochs"] = 3
    with open(exp, "w") as f:
        json.dump(spec, f)
    ws = tempfile.mkdtemp(dir=workdir, prefix="ncu-")
    cmd = [ncu, "--clock-control", "none", "--launch-skip", "400", "--launch-count", str(a.ncu), "--print-summary", "per-kernel",
           a.cli, "run", exp, "--workspace", ws, "--seeds", str(seeds), "--engine", "batched"]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=150).stdout
    except subprocess.TimeoutExpired:
        print("ncu: gave up after 150 s")
        return
    saved = os.path.join(os.environ.get("OUT", workdir), "ncu-summary.txt")
    with open(saved, "w") as f:
        f.write(out)
    print("Nsight Compute, %d launches of %d seeds (all of it in %s):" % (a.ncu, seeds, saved))
    for line in out.splitlines():  # each kernel's name line, then its duration row
        if ", Context " in line or line.strip().startswith("Duration"):
            print("  " + " ".join(line.split())[:160])


def reference(script, a, seeds, device):
    # The interpreter running this script: the one with PyTorch (Debian's /usr/bin/python3 here, the GPU
    # machine's python3 there).
    cmd = [sys.executable, script, "--csv", a.csv,
           "--target", a.target, "--hidden", a.hidden, "--epochs", str(a.epochs), "--batch", str(a.batch),
           "--lr", str(a.lr), "--seeds", str(seeds), "--device", device]
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    seconds = time.perf_counter() - start
    return seconds, [s["val_rmse"] for s in json.loads(out)["seeds"]]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", default=os.path.join(REPO, "build", "app", "seedscape-cli"))
    ap.add_argument("--reference-dir", default=os.path.join(REPO, "..", "shared", "bench"))
    ap.add_argument("--csv", default=os.path.join(REPO, "resources", "datasets", "diabetes.csv"))
    ap.add_argument("--target", default="progression")
    ap.add_argument("--hidden", default="64,64")
    ap.add_argument("--epochs", type=int, default=200)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--counts", default="16,256,1024")
    ap.add_argument("--loop-seeds", type=int, default=4, help="seeds of the per-seed loop (it takes ~5 s a seed)")
    ap.add_argument("--cpu-counts", default="16,256", help="seed counts also timed on Seedscape's CPU engine")
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--ncu", type=int, default=0,
                    help="also profile this many kernel launches of the largest sweep with Nsight Compute (ncu)")
    a = ap.parse_args()

    workdir = tempfile.mkdtemp(prefix="seedscape-gpu-bench-")
    split_csv = os.path.join(workdir, "diabetes-split.csv")
    write_split_csv(a.csv, a.target, split_csv, 0.2, 0.2, 42)
    vmap_script = os.path.join(a.reference_dir, "reference_vmap.py")
    loop_script = os.path.join(a.reference_dir, "reference_sweep.py")
    print("W1: %s, MLP %s ReLU, Adam lr %g, batch %d, %d epochs, split 60/20/20; device %s; %d CPU cores" % (
        os.path.basename(a.csv), a.hidden, a.lr, a.batch, a.epochs, a.device, os.cpu_count()))
    if a.loop_seeds > 0:
        loop_s, _ = reference(loop_script, a, a.loop_seeds, a.device)
        print("per-seed loop (reference_sweep.py --device %s): %.1f s for %d seeds, %.2f s a seed" % (
            a.device, loop_s, a.loop_seeds, loop_s / a.loop_seeds))
    print("%6s | %10s %9s %12s | %10s %9s | %10s %9s | %7s | %10s | %s" % (
        "seeds", "seedscape", "seeds/s", "MiB/seed", "graphs", "seeds/s", "vmap", "seeds/s", "ratio", "cpu engine",
        "mean val RMSE"))
    counts = [int(x) for x in a.counts.split(",") if x]
    if not counts:
        sys.exit("--counts: give at least one seed count")
    for n in counts:
        ours_s, ours_val, peak, devices, group_times = seedscape(a.cli, workdir, split_csv, a, n, a.device)
        vmap_s, vmap_val = reference(vmap_script, a, n, a.device)
        # The same sweep with its steps replayed from CUDA graphs (the default; "seedscape" above is with
        # SEEDSCAPE_CUDA_GRAPHS=0); the scores must be the eager run's.
        graphs_s, graphs_val, _, _, graphs_times = seedscape(a.cli, workdir, split_csv, a, n, a.device, graphs=True)
        same = graphs_val == ours_val
        ours_val = list(ours_val.values())
        cpu_s = "-"
        if str(n) in a.cpu_counts.split(","):
            cpu_s = "%.2f s" % seedscape(a.cli, workdir, split_csv, a, n, "cpu")[0]
        inside = min(vmap_val) <= statistics.mean(ours_val) <= max(vmap_val)
        print("%6d | %8.2f s %9.1f %12s | %8.2f s %9.1f | %8.2f s %9.1f | %6.2fx | %10s | %.2f (%s vmap's range "
              "%.2f-%.2f) %s; graphs' scores %s" % (
                  n, ours_s, n / ours_s, "%.2f" % (peak / n) if peak else "-", graphs_s, n / graphs_s, vmap_s,
                  n / vmap_s, vmap_s / min(ours_s, graphs_s), cpu_s, statistics.mean(ours_val),
                  "inside" if inside else "OUTSIDE", min(vmap_val), max(vmap_val), ",".join(devices),
                  "the same" if same else "DIFFER"))
        for line in group_times[:4] + graphs_times[:4]:
            print("         " + line)
        sys.stdout.flush()
    if a.ncu > 0:
        profile_kernels(a, workdir, split_csv, counts[-1])
    # Where the time of the largest sweep goes: the same command with one epoch is everything but the
    # other epochs.
    one_s = seedscape(a.cli, workdir, split_csv, a, counts[-1], a.device, epochs=1)[0]
    print("%d seeds: %.2f s in all; the same with 1 epoch %.2f s (start, CUDA, data, initial weights, writing "
          "the results); %.1f ms an epoch, %.1f ms with CUDA graphs" % (
              counts[-1], ours_s, one_s, (ours_s - one_s) / max(1, a.epochs - 1) * 1e3,
              (graphs_s - one_s) / max(1, a.epochs - 1) * 1e3))


if __name__ == "__main__":
    main()
