#!/usr/bin/env bash
# caseload validate: every shipped scenario is valid and its settings name their origin; --set,
# --ini (a standalone copy that validates to the same values), --help, and argument mistakes
# (exit 2, one line on stderr). Nothing is written to the working directory.
# Usage: bash validate.sh CASELOAD SOURCE_DIR
set -u
caseload=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fails=0
fail() {
    echo "FAIL: $*" >&2
    fails=$((fails + 1))
}

# Usage: expect_bad EXPECTED-SUBSTRING ARGS... : exit 2, one line on stderr, nothing on stdout
expect_bad() {
    local want=$1
    shift
    "$caseload" validate "$@" >"$work/.out" 2>"$work/.err"
    local rc=$?
    [ "$rc" -eq 2 ] || fail "validate $*: exit $rc, expected 2"
    [ "$(wc -l <"$work/.err")" -eq 1 ] || fail "validate $*: not one line: $(cat "$work/.err")"
    [ -s "$work/.out" ] && fail "validate $*: wrote to stdout"
    grep -qF -- "$want" "$work/.err" || fail "validate $*: '$want' not in: $(cat "$work/.err")"
    rm -f "$work/.out" "$work/.err"
}

# Warnings: the scenario loads (exit 0, settings on stdout), one line each on stderr naming the fix.
# An event after the run's end (--years 1 on a five-year scenario) is left out, not a failure.
"$caseload" validate "$src/scenarios/combined-2011.ini" --set scenario.years=1 >"$work/.out" \
    2>"$work/.err" || fail "years=1: exit $? ($(cat "$work/.err"))"
grep -q ': valid: .*, 1 event,' "$work/.out" || fail "years=1: the restructure should stay: $(head -1 "$work/.out")"
[ "$(grep -c 'warning: date 2011-04-01 of \[event' "$work/.err")" -eq 5 ] ||
    fail "years=1: expected 5 warnings, got: $(cat "$work/.err")"
# the line of the centre cut's date, found in the file so that editing its comments moves nothing here
cut_date=$(awk '/^\[event "centre-cut"\]/ {e = 1} e && /^date *=/ {print NR; exit}' "$src/scenarios/combined-2011.ini")
grep -qF "combined-2011.ini:$cut_date: warning: date 2011-04-01 of [event \"centre-cut\"] is after the run ends on 2011-03-31, so the event is left out; to include it, run at least 2 years (years = 2 in [scenario], or --years 2)" "$work/.err" ||
    fail "years=1: message: $(head -1 "$work/.err")"
printf '[scenario]\nname = no managers\n\n[staff "manager"]\nfte = 0\n' >"$work/nomgr.ini"
"$caseload" validate "$work/nomgr.ini" >"$work/.out" 2>"$work/.err" || fail "fte 0: exit $?"
grep -qF 'nomgr.ini:5: warning: [staff "manager"] fte = 0: the pool has no staff, so no front door decision is reviewed by a manager' "$work/.err" ||
    fail "fte 0: $(cat "$work/.err")"
"$caseload" validate "$src/scenarios/baseline.ini" --set staff.social_worker.fte=0 >/dev/null \
    2>"$work/.err" || fail "set fte 0: exit $?"
grep -qF -- '--set staff.social_worker.fte=0: warning: [staff "social_worker"] fte = 0' "$work/.err" ||
    fail "set fte 0: $(cat "$work/.err")"
rm -f "$work/.out" "$work/.err" "$work/nomgr.ini"

for f in "$src"/scenarios/*.ini; do
    "$caseload" validate "$f" >"$work/.out" 2>"$work/.err" || fail "$f: $(cat "$work/.err")"
    [ -s "$work/.err" ] && fail "$f: wrote to stderr"
    head -1 "$work/.out" | grep -q ": valid: " || fail "$f: no summary line"
    rm -f "$work/.out" "$work/.err"
done

out=$("$caseload" validate "$src/scenarios/centre-cut-27.ini" --set demand.trend=1%)
line_of() { grep -n "^$2 *=" "$1" | head -1 | cut -d: -f1; }
cut_line=$(line_of "$src/scenarios/centre-cut-27.ini" fraction)
iow_line=$(line_of "$src/scenarios/isle-of-wight-2011.ini" children)
grep -qE "^event\.centre-cut\.fraction +=  *27% +; .*scenarios/centre-cut-27\.ini:$cut_line\$" <<<"$out" \
    || fail "fraction origin (line $cut_line) not shown"
grep -qE "^demand\.children +=  *26,100 +; .*scenarios/isle-of-wight-2011\.ini:$iow_line\$" <<<"$out" \
    || fail "inherited children origin (line $iow_line) not shown"
grep -qE "^demand\.need_sd +=  *1 +; default\$" <<<"$out" || fail "default origin not shown"
grep -qE "^demand\.trend +=  *1% +; --set\$" <<<"$out" || fail "--set origin not shown"
n_keys=$(grep -c ' = ' <<<"$out")
[ "$n_keys" -ge 100 ] || fail "only $n_keys settings listed"

# --ini: a standalone file (no base) that resolves to the same values
"$caseload" validate "$src/scenarios/combined-2011.ini" --set staff.manager.fte=7 --ini >"$work/r.ini" \
    || fail "--ini failed"
grep -q '^base' "$work/r.ini" && fail "--ini output has a base"
values() { "$caseload" validate "$@" | tail -n +2 | sed 's/ *;.*//'; }
diff <(values "$src/scenarios/combined-2011.ini" --set staff.manager.fte=7) <(values "$work/r.ini") \
    >/dev/null || fail "--ini output resolves to different values"
rm -f "$work/r.ini"

# The combined 2011 scenario's move into units is the hurried one of restructure.ini, key for key
# (it inherits it): the two files must not drift apart.
move() { values "$1" | grep '^event\.units-restructure\.'; }
move "$src/scenarios/restructure.ini" >"$work/move-r"
move "$src/scenarios/combined-2011.ini" >"$work/move-c"
grep -qE '^event\.units-restructure\.structure += units$' "$work/move-r" || fail "restructure.ini: not a move into units"
diff "$work/move-r" "$work/move-c" >/dev/null ||
    fail "combined-2011.ini's move into units differs from restructure.ini's: $(diff "$work/move-r" "$work/move-c" | tr '\n' ' ')"
rm -f "$work/move-r" "$work/move-c"

"$caseload" validate --help | grep -q "usage: caseload validate" || fail "--help"
expect_bad "no scenario file given"
expect_bad "unknown option '--frobnicate'" "$src/scenarios/baseline.ini" --frobnicate
expect_bad "one scenario file at a time" "$src/scenarios/baseline.ini" "$src/scenarios/investment.ini"
expect_bad "--set needs SECTION.KEY=VALUE" "$src/scenarios/baseline.ini" --set
expect_bad "--set demand.children: expected section.key=value" "$src/scenarios/baseline.ini" \
    --set demand.children
expect_bad "missing.ini: cannot open: No such file or directory" "$work/missing.ini"
expect_bad "is a directory" "$src/scenarios"

[ -z "$(ls -A "$work")" ] || fail "files written: $(ls -A "$work")"
[ "$fails" -eq 0 ] || exit 1
echo "validate: shipped scenarios valid, origins shown, --ini round trip, argument errors"
