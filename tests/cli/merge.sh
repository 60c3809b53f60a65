#!/usr/bin/env bash
# Shards and merge (issue 18): a comparison split into 1, 2, 3 and 4 shards and merged, the shards
# given in any order, is the single run byte for byte (data, charts, report, workbook); a run of one
# scenario too; and every wrong merge or --shard is one line and exit status 2.
source "$(dirname "$0")/run_lib.bash" "$@"
write_scenarios
cd "$T"
CHARTS=()
for a in "${SMALL[@]}"; do [ "$a" = --no-charts ] || CHARTS+=("$a"); done
RUN=(compare base.ini alt.ini --reps 7 --seed 3 "${CHARTS[@]}")

"$CASELOAD" "${RUN[@]}" --out single || fail "the single run"
# shards N K...: shard K of N for each K given, into sN-K
shards() {
    local n=$1; shift
    for k in "$@"; do
        "$CASELOAD" "${RUN[@]}" --shard "$k/$n" --threads $((k % 2 + 1)) --out "s$n-$k" ||
            fail "shard $k/$n"
    done
}
same_as_single() {
    diff -r -x .caseload.lock single "$1" >"$T/diff" ||
        fail "$1 differs from the single run: $(head -5 "$T/diff")"
}
shards 1 0
shards 2 0 1
shards 3 0 1 2
shards 4 0 1 2 3
for f in shard.ini shard.dat manifest.sha256; do [ -f s3-1/$f ] || fail "a shard lacks $f"; done
[ -e s3-1/summary.csv ] && fail "a shard wrote results"
grep -qx 'shard = 1/3' s3-1/shard.ini ||
    fail "shard.ini does not name the shard: $(cat s3-1/shard.ini)"
"$CASELOAD" merge m1 s1-0 --quiet || fail "merge of 1"
"$CASELOAD" merge m2 s2-1 s2-0 --quiet || fail "merge of 2"
"$CASELOAD" merge m3 s3-2 s3-0 s3-1 --quiet || fail "merge of 3"
"$CASELOAD" merge m4 s4-3 s4-1 s4-0 s4-2 --quiet || fail "merge of 4"
for m in m1 m2 m3 m4; do same_as_single $m; done
[ -f m4/report.html ] && [ -f m4/results.xlsx ] && [ -f m4/charts/fan-caseload_per_sw.png ] ||
    fail "the merge drew no report, workbook or charts: $(ls m4 m4/charts)"
# merging again into the same folder replaces the results with the same bytes
"$CASELOAD" merge m4 s4-0 s4-1 s4-2 s4-3 --quiet || fail "merge again"
same_as_single m4

# run (one scenario), --no-charts, overrides: the same
ONE=(run base.ini --reps 5 --seed 9 "${SMALL[@]}" --set staff.social_worker.fte=14)
"$CASELOAD" "${ONE[@]}" --out one || fail "single run of one scenario"
"$CASELOAD" "${ONE[@]}" --shard 1/2 --out r1 && "$CASELOAD" "${ONE[@]}" --shard 0/2 --out r0 ||
    fail "shards of a run"
"$CASELOAD" merge rm r1 r0 --quiet --no-charts || fail "merge of a run"
diff -r -x .caseload.lock one rm >/dev/null || fail "a run's merge differs from the run"

# a sweep and a sensitivity analysis: each shard holds its share of every evaluation's
# replications; the merge runs the command again on them and writes the same files
DEC=() # the small authority's overrides, as sweep and sensitivity take them (no --years)
for ((i = 0; i < ${#SMALL[@]}; i++)); do
    [ "${SMALL[i]}" = --set ] && DEC+=(--set "${SMALL[i + 1]}")
done
DEC+=(--set scenario.years=1 --quiet)
SW=(sweep base.ini --grid staff.social_worker.fte=14:16:1 --reps 5 --seed 2 "${DEC[@]}")
"$CASELOAD" "${SW[@]}" --out sw >/dev/null || fail "single sweep"
for k in 0 1; do
    "$CASELOAD" "${SW[@]}" --shard $k/2 --out sw$k >/dev/null || fail "sweep shard $k"
done
"$CASELOAD" merge swm sw1 sw0 --quiet >/dev/null || fail "merge of a sweep"
diff -r -x .caseload.lock sw swm >/dev/null || fail "a sweep's merge differs from the sweep"
SE=(sensitivity base.ini alt.ini --only --range demand.repeat_prob=0.3:0.7 --reps 4 --seed 2
    "${DEC[@]}")
"$CASELOAD" "${SE[@]}" --out se >/dev/null || fail "single sensitivity"
for k in 0 1 2; do
    "$CASELOAD" "${SE[@]}" --shard $k/3 --out se$k >/dev/null || fail "sensitivity shard $k"
done
"$CASELOAD" merge sem se2 se0 se1 --quiet >/dev/null || fail "merge of a sensitivity analysis"
diff -r -x .caseload.lock se sem >/dev/null || fail "a sensitivity analysis's merge differs"

# refused CODE PATTERN CMD...: one_line, and the failed merge wrote no folder
refused() {
    one_line "$@"
    [ -e bad ] && fail "$*: a failed merge wrote its folder"
    return 0
}
M=("$CASELOAD" merge bad --quiet)
refused 2 "shard 1/3 (replications 3 to 4) is missing" "${M[@]}" s3-0 s3-2
refused 2 "s3-1 and s3-1 are both shard 1/3" "${M[@]}" s3-0 s3-1 s3-1 s3-2
refused 2 "it is one of 3 shards, not 2" "${M[@]}" s2-0 s3-1
"$CASELOAD" "${RUN[@]}" --seed 4 --shard 1/2 --out seed4 || fail "shard of seed 4"
refused 2 "seed4 is a shard of a different run from s2-0: its seed is 4, not 3" \
    "${M[@]}" s2-0 seed4
"$CASELOAD" "${RUN[@]}" --reps 8 --shard 1/2 --out reps8 || fail "shard of 8 replications"
refused 2 "it has 8 replications in all, not 7" "${M[@]}" s2-0 reps8
"$CASELOAD" "${RUN[@]}" --set staff.social_worker.fte=14 --shard 1/2 --out fte14 || fail "fte 14"
refused 2 "--set overrides, not" "${M[@]}" s2-0 fte14
"$CASELOAD" run base.ini --reps 7 --seed 3 "${CHARTS[@]}" --shard 1/2 --out runshard || fail "run"
refused 2 "it is a run of 1 file, not a compare of 2" "${M[@]}" s2-0 runshard
refused 2 "single: not a shard folder (no shard.ini" "${M[@]}" single
refused 2 "it is a sensitivity of 2 files, not a sweep of 1" "${M[@]}" sw0 se1
"$CASELOAD" "${SW[@]}" --reps 6 --shard 1/2 --out sw6 >/dev/null || fail "sweep of 6"
refused 2 "it has 6 replications in all, not 5" "${M[@]}" sw0 sw6
refused 2 "cannot be split into shards" "$CASELOAD" plan base.ini --vary staff.social_worker.fte \
    --target 'share_within_45wd>=0.8' --shard 0/2 --out bad
refused 2 "nothing: not a shard folder (no manifest.sha256)" "${M[@]}" nothing
cp -r s2-1 tampered && printf 'x' >>tampered/shard.dat
refused 2 "shard.dat" "${M[@]}" s2-0 tampered
# a shard.ini edited by hand (its manifest made again to match): the line or key at fault
edited() { # EDIT: s3-0 with shard.ini edited by sed, manifest remade, into "edited"
    rm -rf edited && cp -r s3-0 edited && sed -i "$1" edited/shard.ini
    (cd edited && { echo "run 0000000000000000"
        for f in shard.dat shard.ini; do echo "data $(sha256sum $f | cut -d' ' -f1) $f"; done
    } >manifest.sha256)
}
edited 's/^reps = 7/reps = x/' && refused 2 "edited/shard.ini:5: reps: not a value" "${M[@]}" edited
edited '/^digest/d' && refused 2 "edited/shard.ini: digest is missing" "${M[@]}" edited
edited 's/^count = 2/count = 3/' &&
    refused 2 "shard 0/3 of 7 replications is replications 1 to 2, not 1 to 3" "${M[@]}" edited
edited 's/^weeks = .*/weeks = 3/' && refused 2 "edited: its data were written as" "${M[@]}" edited
refused 2 "needs OUT and at least one SHARD_DIR" "$CASELOAD" merge bad
refused 2 "OUT s2-0/ is the shard folder s2-0" "$CASELOAD" merge s2-0/ s2-0 s2-1
refused 2 "unknown option '--reps'" "${M[@]}" s2-0 s2-1 --reps 3
# a scenario file changed after the shards ran: merge refuses, and so do shards that ran apart
cp base.ini base.saved && sed -i 's/fte = 15/fte = 15.5/' base.ini
refused 2 "now hold other settings than when s2-0 ran" "${M[@]}" s2-0 s2-1
"$CASELOAD" "${RUN[@]}" --shard 1/2 --out changed || fail "shard after the change"
refused 2 \
    "changed is a shard of a different run from s2-0: its scenario files held other settings" \
    "${M[@]}" s2-0 changed
mv base.saved base.ini

# --shard itself
for bad in 3/3 0/0 x 1 -1/2 1/x 2/1; do
    refused 2 "--shard '$bad': expected K/N" "$CASELOAD" "${RUN[@]}" --shard "$bad" --out bad
done
refused 2 "more shards than the 7 replications" "$CASELOAD" "${RUN[@]}" --shard 0/8 --out bad
mkdir mine && echo keep >mine/notes.txt
refused 2 "holds files caseload did not write" "$CASELOAD" "${RUN[@]}" --shard 0/2 --out mine
"$CASELOAD" "${RUN[@]}" --shard 0/2 --out mine --force || fail "--force shard"
[ "$(cat mine/notes.txt)" = keep ] || fail "a shard touched a user's file"
# a shard killed while writing leaves a temporary; the next shard into the folder removes it
touch s2-1/.shard.dat.tmp-AbCdEf
"$CASELOAD" "${RUN[@]}" --shard 1/2 --out s2-1 || fail "shard again"
no_temporaries "$T"
echo ok
