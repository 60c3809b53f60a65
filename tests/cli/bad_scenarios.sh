#!/usr/bin/env bash
# Every malformed scenario in tests/bad-scenarios/ is refused the same boring way: exit code 2,
# exactly one line on stderr naming the file, the line and the key with the expected message,
# nothing on stdout, and no file written.
#
# Each case NAME.ini states what it expects in a comment line
#     ; expect: WHERE: MESSAGE
# or, when the file cannot hold a comment (empty, binary, a directory), in NAME.ini.expect as
#     WHERE: MESSAGE
# WHERE is a line number in the file itself, "-" for a fault of the whole file ("FILE: message"),
# "--set" for an override ("--set KEY=VALUE: message"), or OTHER.ini:LINE for a mistake in a
# base file. An optional "; args: ..." line gives extra arguments (--set ...).
# Usage: bash bad_scenarios.sh CASELOAD SOURCE_DIR
set -u
caseload=$1
dir=$2/tests/bad-scenarios
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

before=$(ls -laR "$dir" | md5sum)
cases=0
fails=0
fail() {
    echo "FAIL $1: $2" >&2
    fails=$((fails + 1))
}

for path in "$dir"/*.ini; do
    name=$(basename "$path")
    cases=$((cases + 1))
    if [ -e "$path.expect" ]; then
        expect=$(head -n 1 "$path.expect")
        args=""
    else
        expect=$(grep -a -m 1 '^; expect: ' "$path" | sed 's/^; expect: //')
        args=$(grep -a -m 1 '^; args: ' "$path" | sed 's/^; args: //')
    fi
    if [ -z "$expect" ]; then
        fail "$name" "no expectation"
        continue
    fi
    where=${expect%%: *}
    message=${expect#*: }
    case "$where" in
        -) prefix="$path: " ;;
        --set) prefix="--set " ;;
        *.ini:*) prefix="$dir/$where: " ;;
        *) prefix="$path:$where: " ;;
    esac
    # shellcheck disable=SC2086 # args are words on purpose
    "$caseload" validate "$path" $args >"$work/.out" 2>"$work/.err"
    rc=$?
    err=$(cat "$work/.err")
    nlines=$(wc -l <"$work/.err")
    [ "$rc" -eq 2 ] || fail "$name" "exit code $rc, expected 2"
    [ -s "$work/.out" ] && fail "$name" "wrote to stdout: $(head -c 200 "$work/.out")"
    [ "$nlines" -eq 1 ] || fail "$name" "$nlines lines on stderr, expected exactly 1: $err"
    [[ "$err" == "$prefix"* ]] || fail "$name" "expected to start with '$prefix', got: $err"
    [[ "$err" == *"$message"* ]] || fail "$name" "expected '$message' in: $err"
    # a file that is not a scenario: its text never appears in the message (issue 20 item 6)
    case "$name" in
        not-a-scenario-*) word=$(head -c 4 "$path")
            [[ "$err" == *": "*"$word"* ]] && fail "$name" "the message repeats the file's text: $err" ;;
    esac
    rm -f "$work/.out" "$work/.err"
    leftover=$(ls -A "$work")
    [ -z "$leftover" ] && continue
    fail "$name" "files written: $leftover"
    rm -rf "${work:?}"/*
done

[ "$(ls -laR "$dir" | md5sum)" = "$before" ] || fail "bad-scenarios" "the directory changed"
[ "$cases" -ge 40 ] || fail "bad-scenarios" "only $cases cases (issue 8 asks for 40 or more)"
if [ "$fails" -gt 0 ]; then
    echo "$fails failure(s) in $cases bad scenarios" >&2
    exit 1
fi
echo "bad_scenarios: $cases malformed scenarios refused with exit 2 and one line each"
