#!/usr/bin/env bash
# `run` never writes results its own reader rejects (issue 20 item 7): each field that once broke
# the round trip is written by a run and read back by `plot` (which checks every file against the
# manifest and parses it), and what cannot be written is refused before the run.
source "$(dirname "$0")/run_lib.bash" "$@"
write_scenarios
cd "$T"

# roundtrip NAME ARGS...: a run, then plot of its folder, both exit 0; the folder is $T/NAME
roundtrip() {
    local name=$1
    shift
    "$CASELOAD" "$@" --reps 1 --out "$T/$name" "${SMALL[@]}" 2>"$T/stderr" ||
        fail "$name: run exit $? ($(cat "$T/stderr"))"
    "$CASELOAD" plot "$T/$name" >/dev/null 2>"$T/stderr" ||
        fail "$name: plot refused what run wrote: $(cat "$T/stderr")"
}

# scenario ids with a comma and a quote (the CSV files quote them; run.ini keeps them)
cp base.ini 'a,b "c".ini'
roundtrip comma run 'a,b "c".ini'
grep -q '^"a,b ""c""",2' comma/weekly.csv || fail "id not quoted in weekly.csv"
grep -q '^\[scenario "a,b "c""\]$' comma/run.ini || fail "id not in run.ini"
grep -q 'a,b &quot;c&quot;' comma/report.html || fail "id not in the report"

# a scenario path over 399 bytes, and a compare of 16 such files (a command over 2,047 bytes)
deep=$T/$(printf 'd%.0s' $(seq 100))/$(printf 'e%.0s' $(seq 100))/$(printf 'f%.0s' $(seq 100))/$(printf 'g%.0s' $(seq 90))
mkdir -p "$deep"
files=()
for i in $(seq 16); do cp base.ini "$deep/scenario-$i.ini"; files+=("$deep/scenario-$i.ini"); done
[ ${#files[0]} -gt 399 ] || fail "test path too short: ${#files[0]}"
roundtrip deep run "${files[0]}"
roundtrip sixteen compare "${files[@]}"
[ "$(grep '^command = ' sixteen/run.ini | wc -c)" -gt 2047 ] || fail "command not long"
grep -q "scenario-16.ini" sixteen/report.html || fail "the long command is not in the report"

# --set text over 4,094 bytes (spaces before a value are allowed)
roundtrip longset run base.ini --set "demand.children=$(printf ' %.0s' $(seq 4100))7800"

# a denormal cost the reader once refused
roundtrip denormal run base.ini --set costs.lac_weekly_cost=1e-320

# a file name with a line break cannot be written into run.ini: refused up front, one line
cp base.ini "$T/new
line.ini"
"$CASELOAD" run "$T/new
line.ini" --reps 1 --out "$T/nl" "${SMALL[@]}" 2>"$T/stderr"
rc=$?
[ "$rc" -eq 2 ] || fail "newline in a file name: exit $rc"
[ "$(wc -l <"$T/stderr")" -eq 1 ] || fail "newline in a file name: $(cat "$T/stderr")"
grep -q 'control character (0x0A)' "$T/stderr" || fail "message: $(cat "$T/stderr")"
[ -e "$T/nl" ] && fail "a refused run created its folder"
echo "ok"
