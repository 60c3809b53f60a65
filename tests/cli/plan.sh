# caseload plan: on the Isle of Wight for 85% within 45 working days, the answer's runs meet the
# target and one FTE fewer do not (checked with `caseload run` on the same replications); the
# answer and plan.csv are the same for 1 and 2 threads; bad targets, keys and ranges are one line
# and exit 2. caseload sweep: one row per point and measure, and a bad grid is exit 2.
source "$(dirname "$0")/run_lib.bash" "$@"
IOW=$SRC/scenarios/isle-of-wight-2011.ini
short=(--set scenario.years=2 --set scenario.warmup=2y)
plan=(plan "$IOW" --vary staff.social_worker.fte --target 'share_within_45wd>=85%'
      --reps 10 --refine-reps 30 --seed 3 --quiet "${short[@]}")
"$CASELOAD" "${plan[@]}" --threads 2 --out "$T/p2" >"$T/out2" || fail "plan exited $?: $(cat "$T/out2")"
"$CASELOAD" "${plan[@]}" --threads 1 --out "$T/p1" --no-charts >"$T/out1" || fail "plan (1 thread)"
cmp -s "$T/p1/plan.csv" "$T/p2/plan.csv" || fail "plan.csv differs between 1 and 2 threads"
answer=$(sed -n 's/.*meets every target is \([0-9.]*\) .*/\1/p' "$T/out2")
[ -n "$answer" ] || fail "no answer in: $(cat "$T/out2")"
for f in plan.csv report.html charts/plan-share_within_45wd.png charts/plan-share_within_45wd.svg; do
    [ -s "$T/p2/$f" ] || fail "plan wrote no $f"
done
share() { # mean share within 45 days of `run` at FTE $1 over the plan's refined replications
    "$CASELOAD" run "$IOW" --set staff.social_worker.fte="$1" --reps 30 --seed 3 --quiet \
        --no-charts "${short[@]}" --out "$T/r$1" || fail "run at $1 FTE"
    awk -F, '$2 == "share_within_45wd" {print $3}' "$T/r$1/summary.csv"
}
at=$(share "$answer")
below=$(share "$(awk -v a="$answer" 'BEGIN {print a - 1}')")
awk -v a="$at" 'BEGIN {exit !(a >= 0.85)}' || fail "at the answer $answer FTE the share is $at, below 85%"
awk -v b="$below" 'BEGIN {exit !(b < 0.85)}' || fail "one FTE fewer than $answer still meets 85% ($below)"

expect_bad "no measure 'share_within_46wd'" plan "$IOW" --vary staff.social_worker.fte --target 'share_within_46wd>=85%'
expect_bad "write MEASURE>=VALUE" plan "$IOW" --vary staff.social_worker.fte --target 'share_within_45wd=85%'
expect_bad "is a share, 0..1 or a percentage" plan "$IOW" --vary staff.social_worker.fte --target 'share_within_45wd>=85'
expect_bad "'lots' is not a number" plan "$IOW" --vary staff.social_worker.fte --target 'caseload_per_sw<=lots'
expect_bad "no setting 'staff.social_worker.ftee'" plan "$IOW" --vary staff.social_worker.ftee --target 'share_within_45wd>=85%' --out "$T/bad"
expect_bad "only a setting whose value is a number" plan "$IOW" --vary scenario.start --target 'share_within_45wd>=85%' --out "$T/bad"
expect_bad "--to must be above --from" plan "$IOW" --vary staff.social_worker.fte --target 'share_within_45wd>=85%' --from 60 --to 50
expect_bad "--confidence 1.5" plan "$IOW" --vary staff.social_worker.fte --target 'share_within_45wd>=85%' --confidence 1.5
expect_bad "needs --target" plan "$IOW" --vary staff.social_worker.fte

"$CASELOAD" sweep "$IOW" --grid staff.social_worker.fte=60:72:6 --reps 4 --seed 3 --quiet \
    "${short[@]}" --out "$T/s" >/dev/null || fail "sweep exited $?"
rows=$(awk -F, 'NR > 1 && $6 == "caseload_per_sw"' "$T/s/sweep.csv" | wc -l)
[ "$rows" -eq 3 ] || fail "sweep.csv has $rows caseload rows, expected 3 (60, 66, 72 FTE)"
awk -F, 'NR > 1 && $6 == "caseload_per_sw" {v[n++] = $7} END {exit !(v[0] > v[1] && v[1] > v[2])}' \
    "$T/s/sweep.csv" || fail "caseload per worker does not fall as FTE rise: $(grep caseload_per_sw "$T/s/sweep.csv")"
[ -s "$T/s/charts/sweep-share_within_45wd.png" ] && [ -s "$T/s/report.html" ] || fail "sweep charts or report missing"
"$CASELOAD" sweep "$IOW" --grid staff.social_worker.fte=60:72:6 --grid demand.contacts_per_week=90:110:20 \
    --reps 2 --quiet "${short[@]}" --out "$T/s2" --measure unallocated_cases >/dev/null || fail "2-D sweep"
[ -s "$T/s2/charts/sweep-unallocated_cases.png" ] || fail "2-D sweep drew no heat map"
# The folder's manifest, written last: the data file with its digest, every drawn file by name and
# present; a second sweep into the folder with other measures removes the first one's charts.
check_manifest() { # DIR DATA DRAWN...
    local dir=$1 data=$2 m=$1/manifest.sha256
    shift 2
    [ -s "$m" ] || fail "$dir: no manifest"
    grep -qx "data $(sha256sum "$dir/$data" | cut -c1-64) $data" "$m" || fail "$dir: $data not in the manifest: $(cat "$m")"
    for d in "$@"; do
        grep -qx "drawn $d" "$m" || fail "$dir: $d not named: $(cat "$m")"
        [ -s "$dir/$d" ] || fail "$dir: $d named but missing"
    done
    grep -q '^run [0-9a-f]\{16\}$' "$m" || fail "$dir: no run id"
}
check_manifest "$T/s" sweep.csv report.html charts/sweep-share_within_45wd.png charts/sweep-share_within_45wd.svg
check_manifest "$T/p2" plan.csv report.html
check_manifest "$T/p1" plan.csv
grep -q '^drawn' "$T/p1/manifest.sha256" && fail "--no-charts: drawn files named"
"$CASELOAD" sweep "$IOW" --grid staff.social_worker.fte=60:72:6 --reps 2 --seed 3 --quiet \
    "${short[@]}" --out "$T/s" --measure unallocated_cases >/dev/null || fail "second sweep exited $?"
[ -e "$T/s/charts/sweep-share_within_45wd.png" ] && fail "the first sweep's chart was left beside the second's data"
check_manifest "$T/s" sweep.csv report.html charts/sweep-unallocated_cases.png
expect_bad "write KEY=FROM:TO:STEP" sweep "$IOW" --grid staff.social_worker.fte=60-72
expect_bad "needs FROM <= TO and a STEP above 0" sweep "$IOW" --grid staff.social_worker.fte=72:60:2
expect_bad "no such measure" sweep "$IOW" --grid staff.social_worker.fte=60:72:6 --measure nonsense
echo ok
