#!/usr/bin/env bash
# docs/scenarios.md stays true to the code: its key reference is exactly what
# `caseload validate --keys` prints from the parameter tables (so a key, unit, default or event
# type added to sim/model/params.c and missing from the docs fails here), and every event example in it
# is a valid scenario.
# To refresh the docs after changing the tables: `make docs` (scripts/refresh-keys.sh).
# Usage: bash validate_keys.sh CASELOAD SOURCE_DIR
set -u
caseload=$1
doc=$2/docs/scenarios.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
fail() {
    echo "FAIL: $*" >&2
    fails=$((fails + 1))
}

"$caseload" validate --keys >"$work/keys.md" || fail "validate --keys exited $?"
sed -n '/^<!-- BEGIN caseload validate --keys/,/^<!-- END caseload validate --keys/p' "$doc" \
    | sed '1d;$d' >"$work/doc.md"
[ -s "$work/doc.md" ] || fail "no generated key reference between the markers in $doc"
if ! diff -u "$work/doc.md" "$work/keys.md" >"$work/diff"; then
    fail "docs/scenarios.md differs from 'caseload validate --keys' (refresh it, see this script):"
    head -40 "$work/diff" >&2
fi

# Every key the program resolves appears in the reference (a second, independent check).
"$caseload" validate "$2/scenarios/combined-2011.ini" | tail -n +2 | awk '{print $1}' \
    | sed 's/^staff\.[a-z_]*\./staff./; s/^event\.[A-Za-z0-9_-]*\./event./' | sort -u \
    | while read -r key; do
        leaf=${key##*.}
        grep -q "| \`$leaf\` |" "$work/keys.md" || echo "$key" >>"$work/missing"
    done
[ -e "$work/missing" ] && fail "keys missing from the reference: $(tr '\n' ' ' <"$work/missing")"

# Every event type has an example, and each example is a valid scenario on its own.
n=0
awk -v dir="$work" '/^```ini$/ {n++; f = dir "/example-" n ".ini"; next}
                    /^```$/ {f = ""; next}
                    f != "" {print > f}' "$work/keys.md"
for ex in "$work"/example-*.ini; do
    [ -e "$ex" ] || break
    n=$((n + 1))
    "$caseload" validate "$ex" >/dev/null 2>"$work/err" || fail "example $(head -1 "$ex"): $(cat "$work/err")"
done
types=$(grep -c '^### `type = ' "$work/keys.md")
[ "$n" -eq "$types" ] && [ "$types" -ge 8 ] || fail "$types event types but $n examples"

[ "$fails" -eq 0 ] || exit 1
echo "validate_keys: docs/scenarios.md matches the tables; $n event examples valid"
