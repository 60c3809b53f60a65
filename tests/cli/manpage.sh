# The man page (docs/caseload.1) covers every command and every option that `--help` lists, and
# man renders it without warnings.
source "$(dirname "$0")/run_lib.bash" "$@"
page=$SRC/docs/caseload.1
[ -f "$page" ] || fail "no docs/caseload.1"
text=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$page")
cmds=$("$CASELOAD" --help | awk '/^Commands:/ {on = 1; next} on && /^  [a-z]/ {print $1}')
[ -n "$cmds" ] || fail "no commands in caseload --help"
for c in $cmds; do
    grep -q "^\.B $c\b\|caseload $c\b" <<<"$text" || fail "the man page does not describe '$c'"
    help=$("$CASELOAD" "$c" --help) || fail "$c --help exited $?"
    for opt in $(grep -o -- '--[a-z][a-z0-9-]*' <<<"$help" | sort -u); do
        grep -q -- "$opt\b" <<<"$text" || fail "the man page lacks $opt (from 'caseload $c --help')"
    done
done
for opt in $("$CASELOAD" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
    grep -q -- "$opt\b" <<<"$text" || fail "the man page lacks $opt (from 'caseload --help')"
done
if command -v man >/dev/null; then
    warn=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
    [ -z "$warn" ] || fail "man warns: $warn"
fi
echo ok
