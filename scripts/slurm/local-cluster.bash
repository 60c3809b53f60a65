# local-cluster.bash: a one-node Slurm cluster on this machine from Debian's slurm-wlm and munge,
# for scripts/check-cluster.sh and tests/bench/cluster.sh (sourced, not run). Everything lives in
# the folder $T the caller made: its own munge key and socket, its own slurm.conf (free ports),
# state and logs. cluster_start starts munged, slurmctld and slurmd as children of this shell and
# waits for the node; cluster_stop stops exactly those, by their process ids. Needs fail() from
# the caller. After cluster_start, SLURM_CONF is exported for sbatch, squeue and scontrol.
CLUSTER_PIDS=()

# A TCP port nobody listens on, from a range Slurm's defaults (6817, 6818) stay out of.
free_port() {
    local p
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 20000))
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
    done
    return 1
}

cluster_stop() {
    local i
    for ((i = ${#CLUSTER_PIDS[@]} - 1; i >= 0; i--)); do
        kill "${CLUSTER_PIDS[i]}" 2>/dev/null && wait "${CLUSTER_PIDS[i]}" 2>/dev/null
    done
    CLUSTER_PIDS=()
}

cluster_start() {
    for c in munged mungekey slurmctld slurmd sbatch squeue sinfo scontrol; do
        command -v "$c" >/dev/null ||
            fail "no '$c': install slurm-wlm and munge with 'bash scripts/setup-deps.sh cluster'"
    done
    chmod 755 "$T" # munged checks that no one else may write the folders on its socket's path
    # ---- munge: a key of our own, a socket in $T ----
    mkdir -m 700 "$T/munge"
    mungekey --create --keyfile="$T/munge/munge.key" >/dev/null 2>"$T/mungekey.log" ||
        fail "mungekey cannot create a key: $(cat "$T/mungekey.log")"
    SOCK=$T/munge/munge.socket
    munged --foreground --force --key-file="$T/munge/munge.key" --socket="$SOCK" \
        --pid-file="$T/munge/munged.pid" --seed-file="$T/munge/munge.seed" \
        --log-file="$T/munged.log" 2>>"$T/munged.log" &
    CLUSTER_PIDS+=($!)
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
    CLUSTER_PIDS+=($!)
    slurmd -D -N "$NODE" -f "$SLURM_CONF" >>"$T/slurmd.log" 2>&1 &
    CLUSTER_PIDS+=($!)
    state=""
    for _ in $(seq 60); do
        for p in "${CLUSTER_PIDS[@]}"; do
            kill -0 "$p" 2>/dev/null || fail "a Slurm daemon exited at start"
        done
        state=$(sinfo -h -n "$NODE" -o %t 2>/dev/null | head -n1)
        [ "$state" = idle ] && break
        sleep 0.5
    done
    [ "$state" = idle ] || fail "the node did not come up (sinfo: '${state:-no answer}')"
}

# cluster_wait SECONDS JOBID...: wait until none of the jobs is pending or running, then fail
# unless every one (every task of an array) COMPLETED.
cluster_wait() {
    local limit=$1 job states ids
    shift
    ids=$(IFS=,; echo "$*")
    for _ in $(seq $((limit * 5))); do
        [ -z "$(squeue -h -j "$ids" 2>/dev/null)" ] && break
        sleep 0.2
    done
    [ -z "$(squeue -h -j "$ids" 2>/dev/null)" ] ||
        fail "the jobs did not finish within $limit s: $(squeue 2>&1)"
    for job in "$@"; do
        states=$(scontrol show job "$job" 2>&1 | grep -o 'JobState=[A-Z_]*' | sort -u | tr '\n' ' ')
        [ "$states" = "JobState=COMPLETED " ] ||
            fail "job $job ended with ${states:-no state}: $(tail -n 3 caseload-*.log 2>/dev/null)"
    done
}
