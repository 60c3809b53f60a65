# caseload sensitivity: one row per setting and measure, ranked by spread; a range whose low and
# high are the scenario's own value gives exactly the default result (common random numbers); the
# two settings with large effects rank above two with small ones for two seeds; with an alternative
# the quantity is the difference; tornado charts and the report are drawn; bad input is exit 2.
source "$(dirname "$0")/run_lib.bash" "$@"
IOW=$SRC/scenarios/isle-of-wight-2011.ini
CUT=$SRC/scenarios/centre-cut-27.ini
short=(--set scenario.years=2 --set scenario.warmup=2y --reps 12 --quiet)
ranges=(--only --range demand.escalation=0.1:0.4 --range staff.social_worker.hours_per_week=16:28
        --range social_work.noise_nqsw=0.4:0.5 --range social_work.handoff_delay=4wd:6wd
        --range demand.repeat_urgency=1:1)
for seed in 3 4; do
    "$CASELOAD" sensitivity "$IOW" "${ranges[@]}" "${short[@]}" --seed $seed --out "$T/s$seed" \
        >/dev/null || fail "sensitivity (seed $seed) exited $?"
    csv=$T/s$seed/sensitivity.csv
    [ "$(awk 'NR > 1' "$csv" | wc -l)" -eq 10 ] || fail "expected 5 settings x 2 measures: $(cat "$csv")"
    awk -F, 'NR > 1 && $5 == "share_within_45wd" {print $1, $14}' "$csv" | sort -n | \
        awk 'NR > 1 && $2 > prev + 1e-12 {bad = 1} {prev = $2} END {exit bad}' \
        || fail "ranks are not in order of spread: $(cat "$csv")"
    top2=$(awk -F, 'NR > 1 && $5 == "share_within_45wd" && $1 <= 2 {print $2}' "$csv" | sort | tr '\n' ' ')
    [ "$top2" = "demand.escalation staff.social_worker.hours_per_week " ] \
        || fail "seed $seed: the two large effects do not rank first: $top2"
    # repeat_urgency 1:1 is the default itself: exactly the default's numbers
    awk -F, '$2 == "demand.repeat_urgency" && ($7 != $8 || $7 != $11) {bad = 1} END {exit bad}' "$csv" \
        || fail "the default value run as a range differs from the default: $(grep repeat_urgency "$csv")"
    grep -q ',level,' "$csv" || fail "without an alternative the quantity is not the level"
done
for f in charts/tornado-share_within_45wd.png charts/tornado-caseload_per_sw.svg report.html; do
    [ -s "$T/s3/$f" ] || fail "no $f"
done
"$CASELOAD" sensitivity "$IOW" "$CUT" --only --range demand.escalation=0.1:0.4 "${short[@]}" \
    --out "$T/alt" --no-charts >/dev/null || fail "sensitivity with an alternative"
grep -q ',difference,' "$T/alt/sensitivity.csv" || fail "with an alternative the quantity is not the difference"
# the folder's manifest, written last: the data with its digest, the report and tornado charts by name
m=$T/s3/manifest.sha256
grep -qx "data $(sha256sum "$T/s3/sensitivity.csv" | cut -c1-64) sensitivity.csv" "$m" \
    || fail "sensitivity.csv not in the manifest: $(cat "$m" 2>&1)"
for d in report.html charts/tornado-share_within_45wd.png charts/tornado-caseload_per_sw.svg; do
    grep -qx "drawn $d" "$m" && [ -s "$T/s3/$d" ] || fail "$d not named or missing: $(cat "$m")"
done
grep -q '^drawn' "$T/alt/manifest.sha256" && fail "--no-charts: drawn files named"

expect_bad "write KEY=LOW:HIGH" sensitivity "$IOW" --range demand.escalation=0.1
expect_bad "--only needs at least one --range" sensitivity "$IOW" --only
expect_bad "no such measure" sensitivity "$IOW" --measure nonsense
expect_bad "at most 2 files, got another" sensitivity "$IOW" "$CUT" "$CUT"
expect_bad "demand.escalatoin" sensitivity "$IOW" --only --range demand.escalatoin=0.1:0.2 --out "$T/bad" --quiet
echo ok
