#!/usr/bin/env bash
# make check-cluster (issue 18): a one-node Slurm cluster on this machine, from Debian's slurm-wlm
# and munge, runs a short comparison as a 4-task job array of scripts/slurm/shard.sbatch and merges
# it with scripts/slurm/merge.sbatch (a job that depends on the array); the merged folder must be
# the same run made in one process, byte for byte. Everything lives in a temporary folder: its own
# munge key and socket, its own slurm.conf (ports chosen free), state and logs; the daemons it
# starts (munged, slurmctld, slurmd) are stopped at the end by their process ids. When the cluster
# cannot be started, the check FAILS with the reason; it is never skipped.
# Usage: check-cluster.sh CASELOAD SOURCE_DIR
set -uo pipefail
CASELOAD=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
T=$(mktemp -d /tmp/caseload-cluster.XXXXXX)
chmod 755 "$T" # munged checks that no one else may write the folders on its socket's path
PIDS=()

say() { echo "check-cluster: $*"; }
fail() {
    echo "check-cluster: FAIL: $*" >&2
    for log in "$T"/*.log; do
        [ -s "$log" ] && { echo "--- $(basename "$log") (last lines)" >&2; tail -n 15 "$log" >&2; }
    done
    exit 1
}
stop_daemons() {
    local i
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        kill "${PIDS[i]}" 2>/dev/null && wait "${PIDS[i]}" 2>/dev/null
    done
    PIDS=()
}
trap 'stop_daemons; rm -rf "$T"' EXIT

for c in munged mungekey slurmctld slurmd sbatch squeue sinfo scontrol; do
    command -v "$c" >/dev/null ||
        fail "no '$c': install the packages with 'bash scripts/setup-deps.sh cluster' (slurm-wlm, munge)"
done

# A TCP port nobody listens on, from a range Slurm's defaults (6817, 6818) stay out of.
free_port() {
    local p
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 20000))
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
    done
    return 1
}

# ---- munge: a key of our own, a socket in $T ----
mkdir -m 700 "$T/munge"
mungekey --create --keyfile="$T/munge/munge.key" >/dev/null 2>"$T/mungekey.log" ||
    fail "mungekey cannot create a key: $(cat "$T/mungekey.log")"
SOCK=$T/munge/munge.socket
munged --foreground --force --key-file="$T/munge/munge.key" --socket="$SOCK" \
    --pid-file="$T/munge/munged.pid" --seed-file="$T/munge/munge.seed" \
    --log-file="$T/munged.log" 2>>"$T/munged.log" &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
[ -S "$SOCK" ] || fail "munged did not start (no socket $SOCK)"

# ---- slurm.conf ----
CTLD_PORT=$(free_port) && SLURMD_PORT=$(free_port) || fail "no free TCP port for Slurm"
NODE=$(hostname -s)
CPUS=$(nproc)
USER_NAME=$(id -un)
mkdir -p "$T/state" "$T/spool" "$T/work"
cat >"$T/slurm.conf" <<EOF
# written by scripts/check-cluster.sh for one check; nothing outside $T uses it
ClusterName=caseload-check
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=$USER_NAME
SlurmdUser=$USER_NAME
AuthType=auth/munge
AuthInfo=socket=$SOCK
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SlurmdTimeout=60
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=check Nodes=$NODE Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
EOF
export SLURM_CONF=$T/slurm.conf

# ---- the daemons, in the foreground of their own processes, so their ids are ours ----
slurmctld -D -i -f "$SLURM_CONF" >>"$T/slurmctld.log" 2>&1 &
PIDS+=($!)
slurmd -D -N "$NODE" -f "$SLURM_CONF" >>"$T/slurmd.log" 2>&1 &
PIDS+=($!)
state=""
for _ in $(seq 60); do
    for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null || fail "a Slurm daemon exited at start"; done
    state=$(sinfo -h -n "$NODE" -o %t 2>/dev/null | head -n1)
    [ "$state" = idle ] && break
    sleep 0.5
done
[ "$state" = idle ] || fail "the node did not come up (sinfo: '${state:-no answer}')"
say "one-node cluster up: $NODE, $CPUS CPUs, slurmctld on port $CTLD_PORT"

# ---- the array and the merge, as docs/cluster.md submits them ----
cd "$T/work"
cp "$SRC/scenarios/isle-of-wight-2011.ini" "$SRC/scenarios/centre-cut-27.ini" .
RUN=(compare isle-of-wight-2011.ini centre-cut-27.ini --reps 12 --years 2 --seed 18
     --set scenario.warmup=26w)
export CASELOAD SHARDS=shards
ARRAY=$(sbatch --parsable --array=0-3 --cpus-per-task=1 "$SRC/scripts/slurm/shard.sbatch" \
    "${RUN[@]}") || fail "sbatch of the array refused"
MERGE=$(sbatch --parsable --dependency="afterok:$ARRAY" "$SRC/scripts/slurm/merge.sbatch" merged) ||
    fail "sbatch of the merge refused"
say "submitted array $ARRAY (4 shards) and merge $MERGE (after the array)"
for _ in $(seq 600); do
    [ -z "$(squeue -h -j "$ARRAY,$MERGE" 2>/dev/null)" ] && break
    sleep 0.5
done
[ -z "$(squeue -h -j "$ARRAY,$MERGE" 2>/dev/null)" ] ||
    fail "the jobs did not finish within 5 minutes: $(squeue 2>&1)"
for job in "${ARRAY}_0" "${ARRAY}_1" "${ARRAY}_2" "${ARRAY}_3" "$MERGE"; do
    st=$(scontrol show job "$job" 2>&1 | grep -o 'JobState=[A-Z_]*' | head -n1)
    [ "$st" = JobState=COMPLETED ] || fail "job $job ended with ${st:-no state}: $(cat caseload-*.log 2>/dev/null)"
done
say "every shard and the merge completed: $(ls shards | wc -l) shard folders"

# ---- the same run in one process: byte for byte ----
"$CASELOAD" "${RUN[@]}" --quiet --out single || fail "the single run failed"
diff -r -x .caseload.lock single merged >"$T/diff.log" 2>&1 ||
    fail "the merged folder differs from the single run: $(head -n 5 "$T/diff.log")"
say "merged == single run: $(find merged -type f ! -name .caseload.lock | wc -l) files identical"
cd /
stop_daemons
say "daemons stopped; ok"
