#!/usr/bin/env bash
# make check-cluster (issue 18): a one-node Slurm cluster on this machine, from Debian's slurm-wlm
# and munge, runs a short comparison as a 4-task job array of scripts/slurm/shard.sbatch and merges
# it with scripts/slurm/merge.sbatch (a job that depends on the array); the merged folder must be
# the same run made in one process, byte for byte. Everything lives in a temporary folder: its own
# munge key and socket, its own slurm.conf (ports chosen free), state and logs; the daemons it
# starts (munged, slurmctld, slurmd) are stopped at the end by their process ids. When the cluster
# cannot be started, the check FAILS with the reason; it is never skipped. The cluster itself is
# scripts/slurm/local-cluster.bash.
# Usage: check-cluster.sh CASELOAD SOURCE_DIR
set -uo pipefail
CASELOAD=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
T=$(mktemp -d /tmp/caseload-cluster.XXXXXX)
source "$SRC/scripts/slurm/local-cluster.bash"

say() { echo "check-cluster: $*"; }
fail() {
    echo "check-cluster: FAIL: $*" >&2
    for log in "$T"/*.log; do
        [ -s "$log" ] && { echo "--- $(basename "$log") (last lines)" >&2; tail -n 15 "$log" >&2; }
    done
    exit 1
}
trap 'cluster_stop; rm -rf "$T"' EXIT

cluster_start
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
cluster_wait 300 "$ARRAY" "$MERGE"
say "every shard and the merge completed: $(ls shards | wc -l) shard folders"

# ---- the same run in one process: byte for byte ----
"$CASELOAD" "${RUN[@]}" --quiet --out single || fail "the single run failed"
diff -r -x .caseload.lock single merged >"$T/diff.log" 2>&1 ||
    fail "the merged folder differs from the single run: $(head -n 5 "$T/diff.log")"
say "merged == single run: $(find merged -type f ! -name .caseload.lock | wc -l) files identical"
cd /
cluster_stop
say "daemons stopped; ok"
