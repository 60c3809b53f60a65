#!/usr/bin/env bash
# caseload calendar: output format, a known year, help, and bad years (exit 2).
set -u
bin=$1
fail=0
err() { echo "calendar.sh: $*" >&2; fail=1; }

out=$("$bin" calendar 2022) || err "calendar 2022 exited $?"
want='2022-01-03  New Year'"'"'s Day (substitute day)
2022-04-15  Good Friday
2022-04-18  Easter Monday
2022-05-02  Early May bank holiday
2022-06-02  Spring bank holiday
2022-06-03  Platinum Jubilee bank holiday
2022-08-29  Summer bank holiday
2022-09-19  Bank Holiday for the State Funeral of Queen Elizabeth II
2022-12-26  Boxing Day
2022-12-27  Christmas Day (substitute day)
working days: 250'
[ "$out" = "$want" ] || err "calendar 2022 printed:
$out"

out=$("$bin" calendar 2020) || err "calendar 2020 exited $?"
grep -q '^2020-05-08  Early May bank holiday (VE day)$' <<<"$out" || err "2020: no VE day on 8 May"
grep -q '^working days: 254$' <<<"$out" || err "2020: working days wrong"

"$bin" calendar --help | grep -q 'usage: caseload calendar YEAR' || err "--help"

for bad in 1989 2101 20x2 "" -5 "2022 2023"; do
  # shellcheck disable=SC2086
  "$bin" calendar $bad >/dev/null 2>/tmp/calendar-err.$$
  rc=$?
  [ $rc -eq 2 ] || err "calendar '$bad' exited $rc, want 2"
  [ -s /tmp/calendar-err.$$ ] || err "calendar '$bad': no message"
done
rm -f /tmp/calendar-err.$$
"$bin" calendar 2022 extra >/dev/null 2>&1; [ $? -eq 2 ] || err "extra argument not rejected"
exit $fail
