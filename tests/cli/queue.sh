#!/usr/bin/env bash
# caseload queue: JSON fields, Erlang C values, Little's law, byte-identical output for one seed,
# --help, and bad arguments (one line on stderr, exit 2).
set -u
bin=$1
fail=0
err() { echo "queue.sh: $*" >&2; fail=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

args=(queue --servers 3 --arrival-rate 2.4 --service-mean 1 --customers 20000 --reps 4 --seed 99)
"$bin" "${args[@]}" >"$tmp/a.json" || err "run 1 exited $?"
"$bin" "${args[@]}" >"$tmp/b.json" || err "run 2 exited $?"
cmp -s "$tmp/a.json" "$tmp/b.json" || err "same seed, different output"
"$bin" "${args[@]/99/100}" >"$tmp/c.json" || err "run 3 exited $?"
cmp -s "$tmp/a.json" "$tmp/c.json" && err "different seed, same output"

for key in mean_wait p_wait mean_in_system throughput events erlang_c_mean_wait erlang_c_p_wait \
           little_l_over_lambda_w '"runs"' '"mean"'; do
  grep -q "$key" "$tmp/a.json" || err "no $key in output"
done
[ "$(grep -c '"rep":' "$tmp/a.json")" -eq 4 ] || err "expected 4 runs"
# c = 3, a = 2.4: Erlang C P(wait) = 0.647191, Wq = P(wait) / (c mu - lambda) = 1.078652.
grep -q '"erlang_c_p_wait": 0.64719' "$tmp/a.json" || err "erlang_c_p_wait wrong"
grep -q '"erlang_c_mean_wait": 1.07865' "$tmp/a.json" || err "erlang_c_mean_wait wrong"
# Little's law on every run and in the mean: L / (lambda W) within 1e-6 of 1.
ratios=$(grep -o '"little_l_over_lambda_w": [0-9.e+-]*' "$tmp/a.json" | awk '{print $2}')
[ "$(wc -l <<<"$ratios")" -eq 5 ] || err "expected 5 Little ratios"
awk '{ if ($1 < 0.999999 || $1 > 1.000001) bad = 1 } END { exit bad }' <<<"$ratios" \
  || err "Little's law fails: $ratios"
grep -q '"events": 40000,' "$tmp/a.json" || err "events should be 2 x customers"

"$bin" queue --help | grep -q 'usage: caseload queue' || err "--help"

expect2() {
  "$bin" queue "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [ $rc -eq 2 ] || err "'$*' exited $rc, want 2"
  [ "$(wc -l <"$tmp/err")" -eq 1 ] || err "'$*': want one line on stderr, got: $(cat "$tmp/err")"
  [ -s "$tmp/out" ] && err "'$*': printed to stdout"
}
ok=(--arrival-rate 0.5 --service-mean 1 --customers 100)
expect2 --servers 1 --arrival-rate 1 --service-mean 1 --customers 100          # rho = 1
expect2 --servers 2 --arrival-rate 3 --service-mean 1 --customers 100          # rho > 1
expect2 --servers 0 "${ok[@]}"
expect2 --servers -1 "${ok[@]}"
expect2 --servers 1 --arrival-rate -0.5 --service-mean 1 --customers 100
expect2 --servers 1 --arrival-rate 0.5 --service-mean -1 --customers 100
expect2 --servers 1 --arrival-rate abc --service-mean 1 --customers 100
expect2 --servers 1.5 "${ok[@]}"
expect2 --servers 1 "${ok[@]}" --customers 0
expect2 --servers 1 "${ok[@]}" --reps 0
expect2 --servers 1 "${ok[@]}" --seed x
expect2 --servers 1 "${ok[@]}" --reps
expect2 --arrival-rate 0.5 --service-mean 1 --customers 100                    # no --servers
expect2 --servers 1 "${ok[@]}" --bogus 3
expect2 --servers 1 "${ok[@]}" stray
"$bin" queue --servers=1 --arrival-rate=0.5 --service-mean=1 --customers=100 --reps=2 >/dev/null \
  || err "--opt=value form rejected"
exit $fail
