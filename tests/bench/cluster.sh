#!/usr/bin/env bash
# The figures of docs/performance.md, "Shards, job arrays and merge" (not a test: timings depend on
# the machine). Needs the cluster packages (bash scripts/setup-deps.sh cluster).
#   1. A sweep through a Slurm job array (scripts/slurm/local-cluster.bash, shard.sbatch,
#      merge.sbatch) on 1 and on 2 processes, against the same sweep in one process; wall time
#      from submitting to the merged results.
#   2. The merge's cost as the shards of one comparison grow from 1 to 32.
# Usage: tests/bench/cluster.sh BUILD_DIR   (sizes: SWEEP_REPS, MERGE_REPS)
set -uo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
CASELOAD=$(cd "${1:-build}" && pwd)/caseload
T=$(mktemp -d /tmp/caseload-bench-cluster.XXXXXX)
source "$SRC/scripts/slurm/local-cluster.bash"
fail() { echo "bench cluster: $*" >&2; exit 1; }
trap 'cluster_stop; rm -rf "$T"' EXIT
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l | xargs printf '%.2f'; }

cluster_start
cd "$T/work"
cp "$SRC"/scenarios/*.ini .
export CASELOAD
SWEEP=(sweep isle-of-wight-2011.ini --grid staff.social_worker.fte=54:74:4 --reps "${SWEEP_REPS:-40}"
       --seed 3)
echo "## 1. sweep of 6 points x ${SWEEP_REPS:-40} replications (Isle of Wight, 3-year warm-up + 5 years)"
echo "| how | processes x threads | wall time |"
echo "| --- | --- | --- |"
for th in 1 2; do
    t0=$(now)
    "$CASELOAD" "${SWEEP[@]}" --threads $th --quiet --out "one-$th" >/dev/null || fail "sweep"
    echo "| one process | 1 x $th | $(since "$t0") s |"
done
for n in 1 2; do
    t0=$(now)
    export SHARDS=shards-$n
    a=$(sbatch --parsable --array=0-$((n - 1)) --cpus-per-task=$((2 / n)) \
        "$SRC/scripts/slurm/shard.sbatch" "${SWEEP[@]}") || fail "sbatch"
    m=$(sbatch --parsable --dependency=afterok:"$a" "$SRC/scripts/slurm/merge.sbatch" "array-$n") ||
        fail "sbatch merge"
    cluster_wait 600 "$a" "$m"
    echo "| job array of $n + merge | $n x $((2 / n)) | $(since "$t0") s |"
    diff -r -x .caseload.lock one-1 "array-$n" >/dev/null || fail "array-$n differs from the sweep"
done
cluster_stop

echo
R=${MERGE_REPS:-64}
CMP=(compare isle-of-wight-2011.ini combined-2011.ini --reps "$R" --seed 5 --quiet)
echo "## 2. merge of a comparison of 2 scenarios x $R replications (3-year warm-up + 5 years)"
t0=$(now)
"$CASELOAD" "${CMP[@]}" --out single || fail "single"
echo "single run (2 threads, charts included): $(since "$t0") s"
echo "| shards | shard data | merge, data only | merge with charts, report, workbook |"
echo "| --- | --- | --- | --- |"
for n in 1 2 4 8 16 32; do
    rm -rf sh && mkdir sh
    for ((k = 0; k < n; k++)); do
        "$CASELOAD" "${CMP[@]}" --shard "$k/$n" --out "sh/$k" || fail "shard $k/$n"
    done
    size=$(du -sm sh | cut -f1)
    t0=$(now)
    "$CASELOAD" merge "data-$n" sh/* --no-charts --quiet || fail "merge"
    t_data=$(since "$t0")
    t0=$(now)
    "$CASELOAD" merge "all-$n" sh/* --quiet || fail "merge"
    t_all=$(since "$t0")
    diff -r -x .caseload.lock single "all-$n" >/dev/null || fail "merge of $n differs"
    echo "| $n | $size MB | $t_data s | $t_all s |"
done
