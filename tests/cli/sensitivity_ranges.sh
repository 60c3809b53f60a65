# Every default range of caseload sensitivity (sim/decide/sens.c) names a setting of the shipped
# baseline, and both its low and its high value validate.
source "$(dirname "$0")/run_lib.bash" "$@"
src=$SRC/sim/decide/sens.c
n=0
while IFS='|' read -r key low high; do
    n=$((n + 1))
    for v in "$low" "$high"; do
        "$CASELOAD" validate "$SRC/scenarios/baseline.ini" --set "$key=$v" >/dev/null 2>"$T/err" \
            || fail "range $key=$v: $(cat "$T/err")"
    done
done < <(sed -n 's/^ *{"\([a-z_.]*\)", "\([^"]*\)", "\([^"]*\)",.*/\1|\2|\3/p' "$src")
[ $n -ge 15 ] || fail "only $n default ranges read from $src"
echo ok
