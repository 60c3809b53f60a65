# Bad command-line arguments: one line on stderr, exit code 2, nothing written. An unwritable or
# blocked --out is a run-time failure: one line, exit code 1, no files.
source "$(dirname "$0")/run_lib.bash" "$@"
write_scenarios
cd "$T"

# expect CODE ARGS...: run caseload, check the exit code, one line on stderr, no out/ directory
expect() {
    local want=$1
    shift
    "$CASELOAD" "$@" >"$T/stdout" 2>"$T/stderr"
    local got=$?
    [ "$got" -eq "$want" ] || fail "caseload $*: exit $got, expected $want ($(cat "$T/stderr"))"
    [ "$(wc -l <"$T/stderr")" -eq 1 ] || fail "caseload $*: expected one line on stderr, got: $(cat "$T/stderr")"
    [ -s "$T/stdout" ] && fail "caseload $*: wrote to stdout"
    [ -e "$T/out" ] && fail "caseload $*: created out/"
    return 0
}

expect 2 run base.ini --reps 0
expect 2 run base.ini --reps -1
expect 2 run base.ini --reps abc
expect 2 run base.ini --reps 12x
expect 2 run base.ini --reps 100001
expect 2 run base.ini --reps 99999999999999999999999
expect 2 run base.ini --reps
expect 2 run base.ini --threads 0
expect 2 run base.ini --threads 10000
expect 2 run base.ini --threads=-2
expect 2 run base.ini --seed -1
expect 2 run base.ini --seed x1
expect 2 run base.ini --seed 18446744073709551616
expect 2 run base.ini --years 0
expect 2 run base.ini --years 51
expect 2 run base.ini --years ten
expect 2 run base.ini --set staff.social_worker.fte
expect 2 run base.ini --set =3
expect 2 run base.ini --out ''
expect 2 run base.ini --frobnicate
expect 2 run base.ini -x
expect 2 run base.ini alt.ini
expect 2 run
expect 2 run missing.ini
expect 2 run "$T"
expect 2 compare base.ini
expect 2 compare base.ini missing.ini
expect 2 compare base.ini base.ini
expect 2 compare base.ini alt.ini --reps 0
grep -q 'reps' "$T/stderr" || fail "the --reps message should name the option"
expect 2 run base.ini --set no.such_key=1

# --out blocked by a file, and (when not root, which may write anywhere) a read-only directory
echo x >"$T/afile"
expect 1 run base.ini --reps 1 --out afile/results
grep -q 'afile' "$T/stderr" || fail "the message should name the directory"
if [ "$(id -u)" -ne 0 ]; then
    mkdir "$T/ro" && chmod 555 "$T/ro"
    expect 1 run base.ini --reps 1 --out ro/results
    expect 1 run base.ini --reps 1 --out ro
    [ -z "$(ls -A "$T/ro")" ] || fail "files written into a read-only directory"
    chmod 755 "$T/ro"
fi

# good arguments in both forms are accepted
"$CASELOAD" run base.ini --reps=2 --seed=0 --threads=2 --out=ok "${SMALL[@]}" || fail "--opt=value forms"
[ -s ok/summary.csv ] || fail "no results"

# --years as 81 characters (issue 20 item 9: a 96-byte buffer cut it to "...01", one year)
long_years=$(printf '0%.0s' $(seq 79))02
"$CASELOAD" run base.ini --reps 1 --out longyears "${SMALL[@]}" --years "$long_years" ||
    fail "--years of 81 characters refused"
grep -q '^weeks = 10[45]$' longyears/run.ini || fail "--years $long_years: $(grep weeks longyears/run.ini), want 2 years"
grep -q "scenario.years=$long_years" longyears/run.ini || fail "--years text not in the command"
echo "ok"
