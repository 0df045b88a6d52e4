#!/usr/bin/python3
"""Time from `seedscape-cli submit` to the last stored seed on a local one-node Slurm cluster.

  /usr/bin/python3 tests/bench/bench_slurm.py --cli build/app/seedscape-cli [--seeds 16]

Starts tests/slurm/localcluster.sh, submits the sample workspace's digits-mlp (built-in, batched:
one task of up to 16 seeds) and digits-cnn (your-own-program example: one seed per task), each
alone, waits until `jobs --json` says the job ended, and prints the times. Stops the cluster.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
cluster_script = os.path.join(here, "..", "slurm", "localcluster.sh")
parser = argparse.ArgumentParser()
parser.add_argument("--cli", required=True)
parser.add_argument("--seeds", type=int, default=16)
args = parser.parse_args()
cli = os.path.abspath(args.cli)

root = tempfile.mkdtemp(prefix="seedscape-bench-slurm-", dir=os.path.expanduser("~"))
cluster = os.path.join(root, "cluster")
started = subprocess.run(["bash", cluster_script, "start", cluster], capture_output=True, text=True)
if started.returncode != 0:
    print("cannot start the local cluster:", started.stderr.strip())
    sys.exit(0 if started.returncode == 3 else 1)
os.environ["SLURM_CONF"] = started.stdout.strip()
try:
    ws = os.path.join(root, "ws")
    subprocess.run([cli, "sample", "--workspace", ws], check=True, capture_output=True)
    cpus = os.cpu_count()
    for name in ("digits-mlp", "digits-cnn"):
        begin = time.time()
        job = subprocess.run([cli, "submit", os.path.join(ws, name + ".experiment.json"), "--workspace", ws,
                              "--seeds", str(args.seeds)], check=True, capture_output=True, text=True).stdout.strip()
        while True:
            jobs = json.loads(subprocess.run([cli, "jobs", "--workspace", ws, "--json"], check=True,
                                             capture_output=True, text=True).stdout)["jobs"]
            state = [j for j in jobs if j["job_id"] == job][0]
            if state["state"] not in ("pending", "running"):
                break
            time.sleep(0.5)
        seconds = time.time() - begin
        finished = sum(t["finished_seeds"] for t in state["tasks"])
        print("%-10s %2d seeds in %2d tasks on a %d-CPU node: submit to last seed %.1f s (%s, %d finished)"
              % (name, args.seeds, len(state["tasks"]), cpus, seconds, state["state"], finished))
finally:
    subprocess.run(["bash", cluster_script, "stop", cluster])
    subprocess.run(["rm", "-rf", root])
