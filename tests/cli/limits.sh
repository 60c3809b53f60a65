#!/usr/bin/env bash
# A run's peak memory and time are estimated from its settings before it starts (issue 20 item 2):
# what exceeds the limit is refused in one line with the estimate and the limit (exit 2, nothing
# written), the flags lift the limits, and a compare of every shipped scenario under a 2 GiB
# address-space limit runs or is refused up front, never killed.
source "$(dirname "$0")/run_lib.bash" "$@"
write_scenarios
cd "$T"

# refused CMD...: exit 2, one line naming the estimate and the limit, no results folder
refused() {
    timeout 20 "$@" >"$T/stdout" 2>"$T/stderr" # a run that is not refused would take hours
    local rc=$?
    [ "$rc" -eq 2 ] || fail "$*: exit $rc, expected 2 ($(cat "$T/stderr"))"
    [ "$(wc -l <"$T/stderr")" -eq 1 ] || fail "$*: expected one line: $(cat "$T/stderr")"
    grep -q 'would .*about .*above the limit of' "$T/stderr" || fail "$*: message: $(cat "$T/stderr")"
    [ -e "$T/res" ] && fail "$*: created the results folder"
    return 0
}

# 8 h 45 min before the estimate: refused at once, and the message says how to lift the limit
refused "$CASELOAD" run base.ini --reps 100000 --years 50 --quiet --out res
grep -q -- '--max-hours' "$T/stderr" || fail "time message does not name --max-hours"
# 4.7 GB a replication a thread: refused under a 2 GiB address space (not under AddressSanitizer,
# whose shadow memory needs terabytes of address space before main runs)
asan=0
ldd "$CASELOAD" 2>/dev/null | grep -q 'libasan' && asan=1
if [ $asan -eq 0 ]; then
    refused prlimit --as=2147483648 "$CASELOAD" run base.ini \
        --set demand.contacts_per_week=100000 --reps 2 --quiet --out res
    grep -q 'address-space limit of 2.00 GiB' "$T/stderr" || fail "memory message: $(cat "$T/stderr")"
fi
# an explicit limit is the one stated
refused "$CASELOAD" run base.ini --max-memory 0.01 --reps 2 --quiet --out res
grep -q 'limit of 0.01 GiB (--max-memory)' "$T/stderr" || fail "--max-memory: $(cat "$T/stderr")"
# and a generous one lets a small run through
"$CASELOAD" run base.ini --max-hours 100 --max-memory 100 --reps 2 --out res "${SMALL[@]}" ||
    fail "--max-hours/--max-memory refused a small run"
rm -rf res
"$CASELOAD" run base.ini --max-hours 0 >/dev/null 2>&1 && fail "--max-hours 0 accepted"

# every shipped scenario, and the demo's compare, under 2 GiB of address space: they fit, so they
# run (a refusal would be exit 2, a kill 137). Skipped under AddressSanitizer, whose
# shadow memory needs terabytes of address space.
if [ $asan -eq 1 ]; then
    echo "skipping the address-space checks under AddressSanitizer"
else
    as2g() { prlimit --as=2147483648 "$CASELOAD" "$@" --reps 2 --years 2 --threads 2 --quiet \
        --no-charts --out "$T/shipped" 2>"$T/stderr"; }
    for f in "$SRC"/scenarios/*.ini; do
        as2g run "$f" || fail "run $f under 2 GiB: exit $? ($(cat "$T/stderr"))"
    done
    as2g compare "$SRC"/scenarios/isle-of-wight-2011.ini "$SRC"/scenarios/centre-cut-27.ini \
        "$SRC"/scenarios/restructure.ini "$SRC"/scenarios/units-done-well.ini \
        "$SRC"/scenarios/combined-2011.ini "$SRC"/scenarios/investment.ini \
        || fail "the demo compare under 2 GiB: exit $?"
fi
echo "ok"
