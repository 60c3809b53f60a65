# caseload plot DIR: redraws charts and report from a results directory; every bad input is one
# clear line naming the file, exit 2; an I/O failure exits 1.
# Run by CTest as: bash plot_cli.sh <caseload> <source-dir>
set -u
bin=$1
src=$2
. "$src/tests/plots/synth.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

# expect CODE PATTERN -- ARGS: exit code, one stderr line matching PATTERN, nothing on stdout
expect() {
  local code=$1 pattern=$2
  shift 3
  "$bin" plot "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [ "$rc" -eq "$code" ] || bad "plot $*: exit $rc, want $code ($(cat "$tmp/err"))"
  [ "$(wc -l <"$tmp/err")" -eq 1 ] || bad "plot $*: want one line on stderr, got: $(cat "$tmp/err")"
  grep -q -- "$pattern" "$tmp/err" || bad "plot $*: stderr '$(cat "$tmp/err")' lacks '$pattern'"
  [ ! -s "$tmp/out" ] || bad "plot $*: printed on stdout: $(cat "$tmp/out")"
}

"$bin" plot --help >"$tmp/out" 2>&1 || bad "--help exit $?"
grep -q "usage: caseload plot DIR" "$tmp/out" || bad "--help text"
expect 2 "which results directory" --
expect 2 "unknown option '--bogus'" -- --bogus
expect 2 "$tmp/none: No such file or directory" -- "$tmp/none"
touch "$tmp/file"
expect 2 "$tmp/file: not a directory" -- "$tmp/file"
mkdir "$tmp/empty"
expect 2 "$tmp/empty has no manifest.sha256" -- "$tmp/empty"

# a good directory: every chart in both formats, the report, the paths printed
d="$tmp/res"
synth_results "$d"
"$bin" plot "$d" >"$tmp/out" 2>"$tmp/err" || bad "plot good dir: exit $? ($(cat "$tmp/err"))"
[ ! -s "$tmp/err" ] || bad "plot good dir: stderr: $(cat "$tmp/err")"
grep -q "Report: $d/report.html" "$tmp/out" || bad "report path not printed"
for stem in fan-caseload_per_sw fan-unallocated_cases fan-share_within_45wd fan-early_help_waiting \
  fan-families_3plus_contacts_no_assessment change-vs-baseline days-to-assessment; do
  for ext in png svg; do
    [ -s "$d/charts/$stem.$ext" ] || bad "missing charts/$stem.$ext"
  done
  head -c 8 "$d/charts/$stem.png" | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a" || bad "$stem.png is not a PNG"
done
[ -s "$d/report.html" ] || bad "no report.html"
# the days reading says how many are past the chart's edge: 0.97^120 of the baseline = 2.6%
grep -q "within 45 working days (and 2.6% take 120 working days or more)" "$d/report.html" ||
  bad "days reading lacks the share beyond 120 days"
[ "$(ls -A "$d/charts" | grep -c '^\.')" -eq 0 ] || bad "temporary files left in charts/"

# --no-report: charts only
rm -rf "$d/charts" "$d/report.html"
"$bin" plot "$d" --no-report >"$tmp/out" 2>"$tmp/err" || bad "--no-report exit $?"
[ -s "$d/charts/change-vs-baseline.png" ] || bad "--no-report drew no charts"
[ ! -e "$d/report.html" ] || bad "--no-report wrote report.html"
grep -q "Report:" "$tmp/out" && bad "--no-report printed a report path"

# malformed files: named with their line (the manifest made again each time, so the parsers
# are what refuses them)
cp "$d/weekly.csv" "$tmp/weekly.keep"
printf 'base,2011-01-04,caseload_per_sw,1,1,1,1,1,1,1,1\n' >>"$d/weekly.csv"
synth_manifest "$d"
expect 2 "weekly.csv:602: week_start 2011-01-04" -- "$d"
cp "$tmp/weekly.keep" "$d/weekly.csv"
sed -i '3s/,1$/,yes/' "$d/differences.csv"
synth_manifest "$d"
expect 2 "differences.csv:3: column 'significant': 'yes' is not a number" -- "$d"
sed -i '3s/,yes$/,1/' "$d/differences.csv"
synth_manifest "$d"
rm "$d/events.csv"
expect 2 "$d/events.csv: No such file or directory" -- "$d"
printf 'scenario,event,type,date,label\n' >"$d/events.csv"
synth_manifest "$d"

# an output that cannot be written is an I/O failure (exit 1): charts/ is a file
rm -rf "$d/charts"
touch "$d/charts"
expect 1 "charts" -- "$d"
rm -f "$d/charts"
"$bin" plot "$d" >/dev/null 2>&1 || bad "plot after repair: exit $?"

exit $fail
