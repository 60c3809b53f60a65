#!/usr/bin/env bash
# Inputs built to be slow or to crash (issue 20 items 5, 8, 9): each is refused quickly with one
# line, never a hang, a crash or all the memory.
source "$(dirname "$0")/run_lib.bash" "$@"
. "$SRC/tests/plots/synth.sh"
cd "$T"

# refused_fast SECONDS CODE PATTERN CMD...: exit CODE within SECONDS, one line holding PATTERN
refused_fast() {
    local secs=$1 want=$2 pattern=$3
    shift 3
    timeout "$secs" "$@" >"$T/stdout" 2>"$T/stderr"
    local rc=$?
    [ "$rc" -eq "$want" ] || fail "$*: exit $rc, expected $want within ${secs}s ($(head -c 300 "$T/stderr"))"
    [ "$(wc -l <"$T/stderr")" -eq 1 ] || fail "$*: expected one line: $(head -c 300 "$T/stderr")"
    grep -q -- "$pattern" "$T/stderr" || fail "$*: '$(head -c 300 "$T/stderr")' lacks '$pattern'"
    return 0
}

# 1 MiB of 41,000 event headers over 25,000 entries: event_header scanned every entry for every
# header (83 s before; a linear lookup now)
{
    printf '[scenario]\nname = x\n[event "e"]\ntype = budget_cut\n'
    for _ in $(seq 41000); do printf '[event "e"]\n'; done
    for _ in $(seq 25000); do printf 'x=1\n'; done
} >headers.ini
refused_fast 10 2 "headers.ini:41005: unknown key 'x'" "$CASELOAD" validate headers.ini

# extreme numbers in a results folder: one line, exit 2, before libplot sees them (SIGSEGV and
# 2 GB before)
for v in 1.797e308 -1.797e308 9e15 1e308; do
    rm -rf x && synth_results x
    sed -i "2s/^\([^,]*\),\([^,]*\),[^,]*,/\1,\2,$v,/" x/differences.csv
    synth_manifest x
    refused_fast 20 2 "differences.csv:2: column 'mean_diff'" "$CASELOAD" plot x
    rm -rf x && synth_results x
    sed -i "5s/^\(\([^,]*,\)\{8\}\)[^,]*,/\1$v,/" x/weekly.csv
    synth_manifest x
    refused_fast 20 2 "weekly.csv:5: column 'p50'" "$CASELOAD" plot x
done

# 100,000 rows of events.csv (over 40 s before): at most 32 a scenario, refused at once
rm -rf x && synth_results x
for i in $(seq 100000); do echo "cut,e$i,budget_cut,2011-04-01,label $i"; done >>x/events.csv
synth_manifest x
refused_fast 10 2 "more than 32 events for scenario 'cut'" "$CASELOAD" plot x
echo "ok"
