#!/usr/bin/env bash
# Units (issue 14) through the command line: the shipped moves into units run, give the same files
# byte for byte on 1 and 2 threads, and report the two measures that tell units from pools
# (handoffs, protection-level children misjudged) in the summary; a restructure back to pools
# loads and runs.
# Usage: bash units.sh CASELOAD SOURCE_DIR
set -u
bin=$1 src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

for t in 1 2; do
  "$bin" compare "$src/scenarios/isle-of-wight-2011.ini" "$src/scenarios/restructure.ini" \
    "$src/scenarios/units-done-well.ini" --reps 4 --years 2 --seed 5 --threads $t --no-charts \
    --quiet --out "$tmp/t$t" || fail "compare on $t threads exited $?"
done
for f in summary.csv weekly.csv differences.csv replications.csv; do
  cmp -s "$tmp/t1/$f" "$tmp/t2/$f" || fail "$f differs between 1 and 2 threads"
done
for s in restructure units-done-well; do
  for m in handoffs cp_level_misjudged; do
    grep -q "^$s,$m," "$tmp/t1/summary.csv" || fail "no $m for $s in summary.csv"
  done
done

cat >"$tmp/back.ini" <<INI
[scenario]
name = Into units and back
base = $src/scenarios/restructure.ini
[event "back-to-pools"]
type = restructure
date = 2012-01-03
duration = 3m
structure = pools
handoff_share = 20%
INI
"$bin" run "$tmp/back.ini" --reps 2 --years 2 --no-charts --quiet --out "$tmp/back" \
  || fail "a restructure back to pools exited $?"
grep -q '^structure = pools' "$tmp/back/settings/"*.ini || fail "the resolved file lost structure = pools"
echo "units: ok"
