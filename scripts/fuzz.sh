#!/usr/bin/env bash
# Build the libFuzzer targets with clang (ASan + UBSan) and run each for FUZZ_SECONDS seconds
# (default 30, what CI runs; FUZZ_SECONDS=600 for the long run). Seed corpora: the shipped
# scenarios and tests/bad-scenarios for the parser, a list of overrides for --set (both also get
# numbers of 100 to 140 digits with every ending, and tests/fuzz/scenario.dict: keys, sections,
# units, so mutations make real keys and long numbers; -max_len lets inputs grow that long), and
# the results folders in tests/fuzz/results/ for the results reader of `plot` (fuzz_results).
# Findings are written to build-fuzz/findings/; the script exits non-zero if any target crashed.
# Usage: scripts/fuzz.sh [TARGET...]     (targets: fuzz_scenario fuzz_set fuzz_results)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
build=${FUZZ_BUILD:-build-fuzz}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_scenario fuzz_set fuzz_results)

mkdir -p "$build"
command -v clang >/dev/null || { echo "fuzz.sh: clang not found (Debian package 'clang')" >&2; exit 2; }
CC=clang cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCASELOAD_FUZZ=ON \
    -DCASELOAD_WERROR=OFF \
    -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
    >"$build/configure.log" 2>&1 || { cat "$build/configure.log" >&2; exit 1; }
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target "${targets[@]}"

# Seeds: fresh copies each run (libFuzzer adds to the first corpus directory).
corpus=$build/corpus
rm -rf "$corpus"
mkdir -p "$corpus/fuzz_scenario" "$corpus/fuzz_set" "$corpus/fuzz_results" "$build/findings"
find scenarios tests/bad-scenarios -maxdepth 1 -type f -name '*.ini' \
    -exec cp {} "$corpus/fuzz_scenario/" \;
cp tests/fuzz/results/* "$corpus/fuzz_results/"
# Long numbers (issue 20: 127 digits and a point overran a buffer that 4.6 million runs without
# such seeds never reached): lengths around the parser's 128-byte limit, every ending it copies.
for digits in 100 120 126; do
    num=$(printf '9%.0s' $(seq "$digits"))
    for end in "" . .5 e+1 .e-1 % wd; do
        printf '[scenario]\nname = x\n[demand]\nchildren = %s%s\n' "$num" "$end" \
            >"$corpus/fuzz_scenario/long-$digits$end"
        printf 'costs.salary=%s%s' "$num" "$end" >"$corpus/fuzz_set/long-$digits$end"
    done
done
i=0
while IFS= read -r line; do
    i=$((i + 1))
    printf '%s' "$line" | tr '|' '\n' >"$corpus/fuzz_set/seed-$i"
done <<'SEEDS'
demand.children=26000
staff.social_worker.fte=40|event.cut.fraction=30%
event.new.type=demand_shock|event.new.date=2012-01-02|event.new.factor=1.3
scenario.warmup=6m|scenario.start=2010-04-01|scenario.years=5
costs.lac_weekly_cost=£1,100|demand.seasonal=1,1,1,1,1,1,1,0.8,1,1,1,0.9
front_door.history_use=no|event.cut.closure_share=75%
demand.childrn=5
staff.socialworker.fte=1
event.cut.target=manager|event.cut.by_attrition=yes
SEEDS

status=0
for t in "${targets[@]}"; do
    echo "== $t for ${seconds}s"
    opts=(-max_len=4096)
    case $t in
        fuzz_scenario) opts=(-max_len=8192 -dict=tests/fuzz/scenario.dict) ;;
        fuzz_set) opts=(-max_len=4096 -len_control=0 -dict=tests/fuzz/scenario.dict) ;;
        fuzz_results) opts=(-max_len=16384 -dict=tests/fuzz/results.dict) ;;
    esac
    if ! nice "$build/tests/fuzz/$t" "${opts[@]}" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$build/findings/$t-" \
        "$corpus/$t" 2>"$build/$t.log"; then
        status=1
        echo "$t: FOUND A PROBLEM; see $build/$t.log and $build/findings/" >&2
        grep -m 5 -E "ERROR|SUMMARY|runtime error" "$build/$t.log" >&2 || true
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|cov:" "$build/$t.log" | tail -3
done
exit $status
