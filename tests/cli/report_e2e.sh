# End to end: a short `caseload compare` of the shipped scenarios writes charts and report.html;
# `caseload plot` redraws the same report byte for byte; the report quotes the run's own numbers.
# Run by CTest as: bash report_e2e.sh <caseload> <source-dir>
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }
s="$src/scenarios"
d="$tmp/out"

"$bin" compare "$s/isle-of-wight-2011.ini" "$s/centre-cut-27.ini" "$s/investment.ini" \
  --reps 4 --seed 11 --out "$d" >"$tmp/out.log" 2>"$tmp/err.log" ||
  { bad "compare exit $?: $(tail -3 "$tmp/err.log")"; exit 1; }
for stem in fan-caseload_per_sw fan-unallocated_cases fan-share_within_45wd fan-early_help_waiting \
  fan-families_3plus_contacts_no_assessment change-vs-baseline days-to-assessment; do
  [ -s "$d/charts/$stem.png" ] && [ -s "$d/charts/$stem.svg" ] || bad "missing chart $stem"
done
r="$d/report.html"
[ -s "$r" ] || { bad "no report.html"; exit 1; }
[ "$(grep -c '<svg class="chart"' "$r")" -eq 7 ] || bad "report lacks its 7 inline charts"
grep -q -- "--seed 11" "$r" || bad "report lacks the command"
grep -q "seed 11" "$r" || bad "report lacks the seed"
[ "$(sed -n '/id="findings"/,/<\/ul>/p' "$r" | grep -c '<li>')" -eq 7 ] || bad "not 7 readings"

# the summary table quotes summary.csv: the baseline's caseload per worker, to one decimal
base=$(awk -F, '$1=="isle-of-wight-2011" && $2=="caseload_per_sw" {printf "%.1f", $3}' "$d/summary.csv")
grep -q "<td>$base<span class=\"ci\">" "$r" || bad "baseline caseload $base not in the summary table"
# a clear difference in differences.csv is marked in the table, with its sign
sig=$(awk -F, '$1=="investment" && $6==1 {n++} END {print n+0}' "$d/differences.csv")
marked=$(sed -n '/id="summary"/,/<\/table>/p' "$r" | grep -o 'class="sig"' | wc -l)
[ "$marked" -gt 0 ] || [ "$sig" -eq 0 ] || bad "no clear difference marked though investment has $sig"

# redrawing from the files alone gives the same report
cp "$r" "$tmp/first.html"
"$bin" plot "$d" >/dev/null 2>"$tmp/plot.err" || bad "plot exit $?: $(cat "$tmp/plot.err")"
cmp -s "$r" "$tmp/first.html" || bad "caseload plot does not reproduce report.html"
exit $fail
