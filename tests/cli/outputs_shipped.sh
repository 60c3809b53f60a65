#!/usr/bin/env bash
# The shipped comparisons' data files: weekly percentiles in order in every row (p5 <= p25 <= p50
# <= p75 <= p95), no floating-point residue (a nonzero value within 1e-9 of zero), a measures
# dictionary with every metric, and two runs with one seed give identical bytes in every file
# (PNG charts aside: their creation-time chunk is issue 15 item 10, tested with the --out work).
# Usage: bash outputs_shipped.sh CASELOAD SOURCE_DIR
set -u
caseload=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
fail() {
    echo "FAIL: $*" >&2
    fails=$((fails + 1))
}

demo=("$src/scenarios/isle-of-wight-2011.ini" "$src/scenarios/centre-cut-27.ini"
      "$src/scenarios/restructure.ini" "$src/scenarios/combined-2011.ini"
      "$src/scenarios/investment.ini")
# the same folder name both times (results.xlsx names its folder), and 1 and 2 threads
for run in a b; do
    "$caseload" compare "${demo[@]}" --reps 12 --seed 20110401 --threads "$([ $run = a ] && echo 1 || echo 2)" \
        --quiet --out "$work/demo" 2>"$work/err" || fail "compare ($run): $(cat "$work/err")"
    mv "$work/demo" "$work/demo-$run"
done
"$caseload" run "$src/scenarios/baseline.ini" --reps 4 --years 2 --seed 5 --quiet --no-charts \
    --out "$work/baseline" 2>"$work/err" || fail "run baseline: $(cat "$work/err")"

# every file but the PNGs, byte for byte
(cd "$work/demo-a" && find . -type f ! -name '*.png' | sort) >"$work/files"
[ "$(wc -l <"$work/files")" -ge 20 ] || fail "only $(wc -l <"$work/files") files in the results"
while read -r f; do
    cmp -s "$work/demo-a/$f" "$work/demo-b/$f" || fail "$f differs between two runs with one seed"
done <"$work/files"

for d in demo-a baseline; do
    w="$work/$d/weekly.csv"
    [ -s "$w" ] || { fail "$d: no weekly.csv"; continue; }
    bad=$(awk -F, 'NR > 1 && $7 != "" && !($7 <= $8 && $8 <= $9 && $9 <= $10 && $10 <= $11) {
                     n++; if (n <= 3) print FILENAME ":" NR ": " $0 } END { print n + 0 }' "$w")
    [ "$(echo "$bad" | tail -1)" = 0 ] || fail "$d: percentiles out of order: $bad"
    for f in weekly.csv summary.csv replications.csv differences.csv; do
        res=$(awk -F, 'NR > 1 { for (i = 3; i <= NF; i++) if ($i ~ /^-?[0-9.]+(e-?[0-9]+)?$/ &&
                        $i + 0 != 0 && $i + 0 < 1e-9 && $i + 0 > -1e-9) { n++; if (n <= 2) print NR ": " $i } }
                        END { print n + 0 }' "$work/$d/$f" 2>/dev/null)
        [ -f "$work/$d/$f" ] || continue
        [ "$(echo "$res" | tail -1)" = 0 ] || fail "$d/$f: residue near zero: $res"
    done
    m="$work/$d/measures.csv"
    [ "$(($(wc -l <"$m") - 1))" -eq "$(($(cut -d, -f2 "$work/$d/summary.csv" | sort -u | wc -l) - 1))" ] ||
        fail "$d: measures.csv does not have one row per metric"
    grep -q '^referrals,.*,neither,' "$m" || fail "$d: referrals should be neither better nor worse"
    grep -q '^share_within_45wd,.*,higher,' "$m" || fail "$d: share within 45 days is better higher"
    grep -q '^key,value,unit,source,meaning$' "$work/$d/assumptions.csv" || fail "$d: assumptions.csv"
    grep -q '^demand.repeat_prob,[^,]*,share,assumption,' "$work/$d/assumptions.csv" ||
        fail "$d: repeat_prob is not listed as an assumption"
done

[ "$fails" -eq 0 ] && echo "outputs_shipped: percentiles in order, exact zeros, same bytes from one seed"
exit $((fails > 0))
