#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for the tests: munged, slurmctld and slurmd with their
# own key, configuration, ports, state and logs in DIR. No systemd; as root (or as a user that may
# run the daemons).
#   localcluster.sh start DIR   # prints the SLURM_CONF to use once the node is idle
#   localcluster.sh stop DIR    # stops every daemon it started, munged included
set -euo pipefail
cmd=$1 dir=$(realpath -m "$2")

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

stop() {
    for daemon in slurmd slurmctld munged; do
        pidfile="$dir/$daemon.pid"
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile" 2>/dev/null || true)
        [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$pidfile"
    done
}

if [ "$cmd" = stop ]; then stop; exit 0; fi
[ "$cmd" = start ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
for tool in munged slurmctld slurmd sinfo; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed (packaging/install-deps.sh installs Slurm)" >&2; exit 3; }
done

mkdir -p "$dir/state" "$dir/spool"
chmod 700 "$dir"
dd if=/dev/urandom of="$dir/munge.key" bs=1024 count=1 status=none
chmod 400 "$dir/munge.key"
user=$(id -un)
node=seedscape-node
ctld_port=$(free_port) d_port=$(free_port)
cat > "$dir/slurm.conf" <<CONF
ClusterName=seedscape-test
SlurmctldHost=$(hostname)(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$dir/munge.socket
CryptoType=crypto/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
MpiDefault=none
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MinJobAge=2
KillWait=5
MaxArraySize=10001
NodeName=$node NodeHostname=$(hostname) NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
# A node that is another machine (never up), so that a partition with a node elsewhere exists.
NodeName=ghost-node NodeHostname=ghost-host NodeAddr=127.0.0.2 CPUs=1 State=DOWN
PartitionName=remote Nodes=ghost-node MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"

munged --key-file="$dir/munge.key" --socket="$dir/munge.socket" --pid-file="$dir/munged.pid" \
       --log-file="$dir/munged.log" --seed-file="$dir/munge.seed" --force
slurmctld -f "$SLURM_CONF" -c -i
slurmd -f "$SLURM_CONF" -N "$node"
for _ in $(seq 1 150); do
    state=$(sinfo -h -n "$node" -o %T 2>/dev/null || true)
    [ "$state" = idle ] && { echo "$SLURM_CONF"; exit 0; }
    sleep 0.2
done
echo "the node did not become idle (state: ${state:-none}); logs in $dir" >&2
tail -5 "$dir"/*.log >&2 || true
stop
exit 1
