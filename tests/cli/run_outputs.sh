# caseload run / compare: every file of docs/outputs.md is there and well-formed, and the files are
# byte-identical for --threads 1, 2 and 4 with the same seed (and differ for another seed).
source "$(dirname "$0")/run_lib.bash" "$@"
write_scenarios

"$CASELOAD" run --help | grep -q 'usage: caseload run FILE' || fail "run --help"
"$CASELOAD" compare --help | grep -q 'usage: caseload compare BASE.ini ALT.ini' || fail "compare --help"

for th in 1 2 4; do
    "$CASELOAD" compare "$T/base.ini" "$T/alt.ini" --reps 6 --seed 11 --threads $th \
        --out "$T/t$th" "${SMALL[@]}" || fail "compare --threads $th exited $?"
done
for f in $DATA_FILES settings/base.ini settings/alt.ini; do
    [ -s "$T/t1/$f" ] || fail "missing or empty: $f"
    cmp -s "$T/t1/$f" "$T/t2/$f" || fail "$f differs between --threads 1 and 2"
    cmp -s "$T/t1/$f" "$T/t4/$f" || fail "$f differs between --threads 1 and 4"
done
no_temporaries "$T"

"$CASELOAD" compare "$T/base.ini" "$T/alt.ini" --reps 6 --seed 12 --out "$T/s12" "${SMALL[@]}" \
    || fail "compare --seed 12"
cmp -s "$T/t1/replications.csv" "$T/s12/replications.csv" && fail "another seed gave the same results"

# Well-formed: headers, and rows = scenarios x (weeks | replications) x metrics.
O=$T/t1
weeks=$(sed -n 's/^weeks = //p' "$O/run.ini")
[ "$weeks" -ge 52 ] 2>/dev/null || fail "run.ini weeks = '$weeks'"
grep -q '^baseline = base$' "$O/run.ini" || fail "run.ini baseline"
grep -q '^\[scenario "alt"\]$' "$O/run.ini" || fail "run.ini scenario section"
head -1 "$O/summary.csv" | grep -qx 'scenario,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95' || fail "summary.csv header"
head -1 "$O/weekly.csv" | grep -qx 'scenario,week_start,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95' || fail "weekly.csv header"
head -1 "$O/replications.csv" | grep -qx 'scenario,replication,metric,value' || fail "replications.csv header"
head -1 "$O/differences.csv" | grep -qx 'scenario,metric,mean_diff,ci_lo,ci_hi,significant' || fail "differences.csv header"
head -1 "$O/events.csv" | grep -qx 'scenario,event,type,date,label' || fail "events.csv header"
head -1 "$O/assessment_days.csv" | grep -qx 'scenario,working_days,share,cumulative' || fail "assessment_days.csv header"
metrics=$(awk -F, 'NR > 1 && $1 == "base" { n++ } END { print n }' "$O/summary.csv")
[ "$metrics" -ge 30 ] || fail "summary.csv has $metrics metrics for base"
rows() { echo $(($(wc -l <"$1") - 1)); }
[ "$(rows "$O/summary.csv")" -eq $((2 * metrics)) ] || fail "summary.csv rows"
[ "$(rows "$O/weekly.csv")" -eq $((2 * weeks * metrics)) ] || fail "weekly.csv rows"
[ "$(rows "$O/replications.csv")" -eq $((2 * 6 * metrics)) ] || fail "replications.csv rows"
[ "$(rows "$O/differences.csv")" -eq "$metrics" ] || fail "differences.csv rows"
[ "$(rows "$O/assessment_days.csv")" -eq $((2 * 121)) ] || fail "assessment_days.csv rows"
# every row has the header's number of fields; no NaN or inf spelled out
for f in summary.csv weekly.csv replications.csv differences.csv assessment_days.csv; do
    awk -F, 'NR == 1 { n = NF } NF != n { bad++ } END { exit bad > 0 }' "$O/$f" || fail "$f: ragged rows"
    grep -qiE '(^|,)-?(nan|inf)' "$O/$f" && fail "$f spells out nan/inf"
done
# weeks start on consecutive 7-day steps from measured_start
start=$(sed -n 's/^measured_start = //p' "$O/run.ini")
first=$(awk -F, 'NR == 2 { print $2 }' "$O/weekly.csv")
[ "$first" = "$start" ] || fail "first week_start $first != measured_start $start"
if command -v python3 >/dev/null; then
    python3 - "$O/summary.json" <<'PY' || fail "summary.json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["seed"] == 11 and d["replications"] == 6, d["seed"]
s = d["scenarios"]
assert [x["id"] for x in s] == ["base", "alt"] and s[0]["baseline"] and not s[1]["baseline"]
assert "vs_baseline" not in s[0] and "caseload_per_sw" in s[1]["vs_baseline"]
m = s[0]["metrics"]["caseload_per_sw"]
assert set(m) == {"mean", "ci95", "p5", "p25", "p50", "p75", "p95"}
assert s[0]["settings"]["staff.social_worker.fte"] in ("15", "15.0")
assert s[0]["accounting"]["contacts"] > 0
PY
fi

# run writes the same files for one scenario; its baseline equals compare's (same seed)
"$CASELOAD" run "$T/base.ini" --reps 6 --seed 11 --threads 3 --out "$T/one" "${SMALL[@]}" || fail "run"
[ "$(rows "$T/one/differences.csv")" -eq 0 ] || fail "run: differences.csv should have a header only"
diff <(grep '^base,' "$T/t1/replications.csv") <(grep '^base,' "$T/one/replications.csv") >/dev/null \
    || fail "run and compare disagree on the baseline's replications"
ls "$T/one/settings" | grep -qx base.ini || fail "run: settings/base.ini"
echo "ok"
