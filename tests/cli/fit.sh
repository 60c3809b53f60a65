# caseload fit: every file of tests/bad-figures is refused with one line, exit 2 (the exact message
# where a .expect file gives it, after "caseload fit: " and the folder); a fit of a small authority
# from two figures reaches both within 5% and writes a scenario that validates and inherits its
# base (and validates, however long a source: issue 16, the England example's did not); --keep of
# an unknown setting is refused.
source "$(dirname "$0")/run_lib.bash" "$@"
for f in "$SRC"/tests/bad-figures/*.csv; do
    "$CASELOAD" fit "$f" --out "$T/x.ini" --quiet >/dev/null 2>"$T/err"
    rc=$?
    [ $rc -eq 2 ] || fail "$(basename "$f"): exit $rc, expected 2 ($(cat "$T/err"))"
    [ "$(wc -l <"$T/err")" -eq 1 ] || fail "$(basename "$f"): expected one line: $(cat "$T/err")"
    grep -q "$(basename "$f")" "$T/err" || fail "$(basename "$f"): the message does not name the file: $(cat "$T/err")"
    if [ -f "$f.expect" ]; then
        want="caseload fit: $SRC/tests/bad-figures/$(cat "$f.expect")"
        [ "$(cat "$T/err")" = "$want" ] || fail "$(basename "$f"): got '$(cat "$T/err")', expected '$want'"
    fi
    [ -e "$T/x.ini" ] && fail "$(basename "$f"): wrote a scenario"
done
write_scenarios
cat >"$T/figures.csv" <<'CSV'
measure,value,year,source
children,7800,2024,test
referrals,400,2024,"a test, with a comma"
caseload,18,2024,"a long citation a long citation a long citation a long citation a long citation a long citation a long citation a long citation a long citation a long citation a long citation a long citation a long citation a long citation a long citation a long citation a long citation a long citation a long citation a long citation"
CSV
"$CASELOAD" fit "$T/figures.csv" --base "$T/base.ini" --out "$T/fitted.ini" --reps 4 --quiet \
    --set scenario.years=1 --set scenario.warmup=26w --set staff.front_door.fte=1 \
    --set staff.front_door_unqualified.fte=1 --set staff.manager.fte=2 --set staff.early_help.fte=4 \
    >"$T/out" 2>&1 || fail "fit exited $?: $(cat "$T/out")"
grep -q "Every target is within 5%" "$T/out" || fail "targets not reached: $(cat "$T/out")"
grep -q '^base = base.ini$' "$T/fitted.ini" || fail "the scenario does not inherit its base: $(cat "$T/fitted.ini")"
grep -q '^contacts_per_week = .*; fitted' "$T/fitted.ini" || fail "no fitted contacts_per_week"
grep -q '^; referrals  *400 ' "$T/fitted.ini" || fail "no target table in the scenario"
"$CASELOAD" validate "$T/fitted.ini" >/dev/null || fail "the fitted scenario does not validate"
grep -q '^\[targets\]$' "$T/fitted.ini" && grep -q '^referrals = 400 ' "$T/fitted.ini" || fail "no [targets] in the scenario: $(cat "$T/fitted.ini")"
# a run of the fitted baseline says how close each target is: targets.csv and the report's table
"$CASELOAD" run "$T/fitted.ini" --reps 4 --quiet --no-xlsx --set scenario.years=1 \
    --set scenario.warmup=26w --out "$T/run" || fail "the fitted scenario does not run"
grep -q '^measure,target,model,difference,share,definition$' "$T/run/targets.csv" || fail "targets.csv header: $(head -1 "$T/run/targets.csv")"
grep -q '^referrals,400,' "$T/run/targets.csv" && grep -q '^caseload,18,' "$T/run/targets.csv" || fail "targets.csv: $(cat "$T/run/targets.csv")"
grep -q 'id="targets"' "$T/run/report.html" && grep -q '<tr><td>referrals</td><td class="num">400</td>' "$T/run/report.html" || fail "the report has no table of targets"
"$CASELOAD" run "$T/base.ini" --reps 2 "${SMALL[@]}" --out "$T/plain" || fail "the base does not run"
[ "$(wc -l <"$T/plain/targets.csv")" -eq 1 ] || fail "a baseline without targets has target rows"
"$CASELOAD" fit "$T/figures.csv" --keep demand.contacts_per_wk --out "$T/y.ini" 2>"$T/err" >/dev/null
[ $? -eq 2 ] && grep -q "not one of the free settings" "$T/err" || fail "--keep unknown: $(cat "$T/err")"
echo ok
