# Shared set-up for tests/cli/run*.sh, compare*.sh and faults*.sh (sourced, not a test itself:
# CTest runs only *.sh). Usage: source run_lib.bash "$@"  (args: path-to-caseload source-dir)
set -u
CASELOAD=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# A small authority (a tenth of the defaults), one measured year after a half-year warm-up, so a
# replication takes moments. Applies to every scenario of a run.
SMALL=(--set demand.children=7800 --set demand.contacts_per_week=23
       --set staff.front_door.fte=1 --set staff.front_door_unqualified.fte=1
       --set staff.early_help.fte=4 --set staff.manager.fte=2 --set scenario.warmup=26w
       --years 1 --quiet --no-charts)

# base.ini: the small authority's social workers; alt.ini: one more social worker.
write_scenarios() {
    cat >"$T/base.ini" <<'INI'
[scenario]
name = Small test authority
[staff "social_worker"]
fte = 15
INI
    cat >"$T/alt.ini" <<'INI'
[scenario]
base = base.ini
name = One more social worker
[staff "social_worker"]
fte = 16
INI
}

# one_line CODE TEXT CMD...: CMD exits CODE with exactly one line on stderr, holding TEXT (a fixed
# string); stdout and stderr are left in $T/stdout and $T/stderr.
one_line() {
    local want=$1 pattern=$2
    shift 2
    "$@" >"$T/stdout" 2>"$T/stderr"
    local rc=$?
    [ "$rc" -eq "$want" ] || fail "$*: exit $rc, expected $want ($(cat "$T/stderr"))"
    [ "$(wc -l <"$T/stderr")" -eq 1 ] || fail "$*: expected one line, got: $(cat "$T/stderr")"
    grep -qF -- "$pattern" "$T/stderr" || fail "$*: '$(cat "$T/stderr")' lacks '$pattern'"
    return 0
}

# Fails when a temporary file of outfile is left anywhere under $1.
no_temporaries() {
    if find "$1" -name '*.tmp-*' | grep -q .; then
        fail "temporary files left in $1: $(find "$1" -name '*.tmp-*')"
    fi
}

# A checksum of every file under $1 (to show previous results were left exactly as they were).
tree_sum() {
    (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum)
}

DATA_FILES="summary.json summary.csv weekly.csv replications.csv differences.csv events.csv
assessment_days.csv run.ini"

# expect_bad MESSAGE ARGS...: caseload ARGS exits 2 with one line on stderr containing MESSAGE.
expect_bad() {
    local want=$1; shift
    "$CASELOAD" "$@" >/dev/null 2>"$T/err"
    local rc=$?
    [ $rc -eq 2 ] || fail "$*: exit $rc, expected 2 ($(cat "$T/err"))"
    [ "$(wc -l <"$T/err")" -eq 1 ] || fail "$*: expected one line: $(cat "$T/err")"
    grep -qF -- "$want" "$T/err" || fail "$*: message lacks '$want': $(cat "$T/err")"
}
