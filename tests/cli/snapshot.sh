# caseload run --snapshot / --write-snapshot (docs/snapshot.md).
#  - every folder of tests/bad-snapshots is data/snapshot-example with its files put over it (and
#    the file named in `remove` taken away): refused with one line, exit 2, the exact message of
#    its `expect` after "caseload: " and the folder, and no results written;
#  - the example runs; the run starts on the snapshot's date with no warm-up; the snapshot it
#    writes reads back and runs, and the same seed gives the same files for 1 and 2 threads;
#  - --write-snapshot leaves no temporary file and writes the four files.
source "$(dirname "$0")/run_lib.bash" "$@"
IOW="$SRC/scenarios/isle-of-wight-2011.ini"
RUN=(--reps 2 --years 0.25 --quiet --no-charts)
for d in "$SRC"/tests/bad-snapshots/*/; do
    name=$(basename "$d")
    rm -rf "$T/snap" "$T/out"
    cp -r "$SRC/data/snapshot-example" "$T/snap"
    for f in "$d"*.csv; do [ -e "$f" ] && cp "$f" "$T/snap/"; done
    [ -f "$d/remove" ] && rm "$T/snap/$(cat "$d/remove")"
    "$CASELOAD" run "$IOW" --snapshot "$T/snap" "${RUN[@]}" --out "$T/out" >/dev/null 2>"$T/err"
    rc=$?
    [ $rc -eq 2 ] || fail "$name: exit $rc, expected 2 ($(cat "$T/err"))"
    [ "$(wc -l <"$T/err")" -eq 1 ] || fail "$name: expected one line: $(cat "$T/err")"
    want="caseload: $T/snap/$(cat "$d/expect")"
    [ "$(cat "$T/err")" = "$want" ] || fail "$name: got '$(cat "$T/err")', expected '$want'"
    [ -e "$T/out" ] && fail "$name: wrote results"
done
"$CASELOAD" run "$IOW" --snapshot "$SRC/data/snapshot-example" "${RUN[@]}" --out "$T/a" \
    --write-snapshot "$T/end" --threads 1 || fail "the example snapshot does not run"
grep -q '^measured_start = 2011-04-01$' "$T/a/run.ini" || fail "not started on the snapshot's date: $(grep measured_start "$T/a/run.ini")"
grep -q -- '--snapshot .*--set scenario.warmup=0wd' "$T/a/run.ini" || fail "run.ini does not say how to re-run it"
for f in snapshot.csv staff.csv open_cases.csv families.csv; do
    [ -s "$T/end/$f" ] || fail "--write-snapshot wrote no $f"
done
no_temporaries "$T/end"
grep -q '^date,2011-07-01$' "$T/end/snapshot.csv" || fail "end date: $(cat "$T/end/snapshot.csv")"
"$CASELOAD" run "$IOW" --snapshot "$T/end" "${RUN[@]}" --out "$T/b1" --threads 1 || fail "the written snapshot does not run"
"$CASELOAD" run "$IOW" --snapshot "$T/end" "${RUN[@]}" --out "$T/b2" --threads 2 || fail "the written snapshot does not run on 2 threads"
cmp -s "$T/b1/summary.csv" "$T/b2/summary.csv" || fail "summary.csv differs between 1 and 2 threads"
# the report says the run started from the snapshot, not after a warm-up (a path with a space
# and a quote, as the command line quotes it)
mkdir -p "$T/my snap's"
cp "$SRC"/data/snapshot-example/*.csv "$T/my snap's/"
"$CASELOAD" run "$IOW" --snapshot "$T/my snap's" --reps 2 --years 0.25 --quiet --no-xlsx \
    --out "$T/rep" || fail "a snapshot run with charts"
grep -qF "This run starts on 2011-04-01 from a snapshot of open cases and staff in post ($T/my snap&#39;s), with no warm-up" "$T/rep/report.html" \
    || grep -qF "This run starts on 2011-04-01 from a snapshot of open cases and staff in post ($T/my snap's), with no warm-up" "$T/rep/report.html" \
    || fail "the report does not say the run started from the snapshot: $(grep -o 'This run starts[^<]*' "$T/rep/report.html")"
grep -q "Every run starts with a warm-up" "$T/rep/report.html" && fail "a snapshot run's report speaks of a warm-up"
# a units service started from the snapshot (the units formed from its staff in post): it runs,
# the same on 1 and 2 threads, and its cases are held by units (handoffs differ from the pools run)
for t in 1 2; do
    "$CASELOAD" run "$IOW" --snapshot "$T/end" "${RUN[@]}" --set units.structure=units \
        --out "$T/u$t" --threads $t || fail "a units service from a snapshot ($t threads)"
done
cmp -s "$T/u1/summary.csv" "$T/b1/summary.csv" && fail "units from a snapshot: the same results as pools"
cmp -s "$T/u1/summary.csv" "$T/u2/summary.csv" || fail "units from a snapshot: 1 and 2 threads differ"
# --shard with a snapshot is refused (the merge could not restart it)
"$CASELOAD" run "$IOW" --snapshot "$T/end" "${RUN[@]}" --shard 0/2 --out "$T/sh" 2>"$T/err" >/dev/null
[ $? -eq 2 ] && grep -q "cannot be used with --snapshot" "$T/err" || fail "--shard with --snapshot: $(cat "$T/err")"
"$CASELOAD" run "$IOW" --snapshot "$T/nowhere" "${RUN[@]}" --out "$T/c" 2>"$T/err" >/dev/null
[ $? -eq 2 ] || fail "a missing snapshot folder: not exit 2 ($(cat "$T/err"))"
echo ok
