#!/usr/bin/python3
"""Kill trials: how much training a SIGKILL costs, with checkpoints.

Starts `seedscape-cli run` on a sweep, kills it (SIGKILL) at a random moment, measures what was
lost, and runs it again until the sweep is complete; repeats. For each kill it reports the seeds
that were running and, for each running job, the seconds of training since its last checkpoint
(or since the job began, when it had none yet): that is the work the kill threw away. With
checkpoints every S seconds it should stay under S plus one epoch. At the end it checks that the
sweep has exactly the wanted seeds and that `rerun` reproduces a sample of them bit for bit
(resumed seeds included).

  /usr/bin/python3 tests/bench/bench_kill.py --cli build/app/seedscape-cli [--trials 10]
      [--checkpoint-seconds 2] [--engine batched|per-seed] [--seeds 8] [--epochs 2000]
"""
import argparse, glob, json, os, random, signal, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def checkpoint_times(results):
    """{first seed: (mtime, epoch)} of the checkpoints in a results folder."""
    out = {}
    for path in glob.glob(os.path.join(results, "checkpoints", "*.ckpt")):
        with open(path, "rb") as f:
            header = json.loads(f.readline())
        out[header["seeds"][0]] = (os.path.getmtime(path), header["epoch"])
    return out


def finished(results):
    count = 0
    for path in glob.glob(os.path.join(results, "seed-*.json")):
        with open(path) as f:
            count += json.load(f).get("status") == "finished"
    return count


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cli", required=True)
    p.add_argument("--trials", type=int, default=10)
    p.add_argument("--checkpoint-seconds", type=int, default=2)
    p.add_argument("--engine", default="batched")
    p.add_argument("--seeds", type=int, default=8)
    p.add_argument("--epochs", type=int, default=2000)
    p.add_argument("--jobs", type=int, default=2)
    a = p.parse_args()
    rng = random.Random(7)
    work = tempfile.mkdtemp(prefix="seedscape-kill-")
    ws = os.path.join(work, "ws")
    exp = os.path.join(work, "kill.json")
    with open(exp, "w") as f:
        json.dump({"format": 1, "name": "kill",
                   "dataset": {"path": os.path.join(REPO, "resources/datasets/diabetes.csv"), "target": "progression"},
                   "model": {"hidden": [64, 64], "dropout": 0.1},
                   "training": {"epochs": a.epochs}, "seeds": {"count": a.seeds}}, f)
    results = os.path.join(ws, "results", "kill")
    args = [a.cli, "run", exp, "--workspace", ws, "--seeds", str(a.seeds), "--jobs", str(a.jobs),
            "--engine", a.engine, "--checkpoint-seconds", str(a.checkpoint_seconds)]
    lost, resumed_runs, kills = [], 0, 0
    for trial in range(a.trials):
        if finished(results) >= a.seeds:
            break
        started = time.time()
        child = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(1.5, 4 * a.checkpoint_seconds + 2))
        if child.poll() is not None:
            break
        before = checkpoint_times(results)
        child.send_signal(signal.SIGKILL)
        killed_at = time.time()
        err = child.communicate()[1]
        kills += 1
        resumed_runs += "resuming" in err
        # Work thrown away per running job: since its checkpoint, or since the run began.
        jobs = max(1, len(before)) if before else a.jobs
        per_job = [killed_at - max(mtime, started) for mtime, _ in before.values()] or [killed_at - started] * jobs
        lost.append(max(per_job))
        print(f"kill {kills}: {finished(results)} seeds stored, {len(before)} checkpointed jobs "
              f"(epochs {sorted(e for _, e in before.values())}), lost at most {max(per_job):.1f} s of training per job")
    final = subprocess.run(args, stderr=subprocess.PIPE, text=True)
    done = finished(results)
    print(f"final run: exit {final.returncode}, {done} of {a.seeds} seeds; resumed on "
          f"{resumed_runs + ('resuming' in final.stderr)} of {kills + 1} starts")
    seeds = sorted(int(os.path.basename(p)[5:-5]) for p in glob.glob(os.path.join(results, "seed-*.json")))
    identical = 0
    for seed in seeds[:4]:
        out = subprocess.run([a.cli, "rerun", "--workspace", ws, "--experiment", "kill", "--seed", str(seed)],
                             capture_output=True, text=True)
        identical += out.returncode == 0 and json.loads(out.stdout)["identical_to_recorded"]
    print(f"rerun identical: {identical} of {min(4, len(seeds))}")
    if lost:
        print(f"lost per kill (s): median {statistics.median(lost):.1f}, max {max(lost):.1f}, "
              f"checkpoint interval {a.checkpoint_seconds} s, {kills} kills")
    ok = done == a.seeds and identical == min(4, len(seeds))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
