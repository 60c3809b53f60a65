#!/usr/bin/env bash
# Peer benchmark (issue 7): the same two models on caseload's engine (bench_pathway) and in SimPy
# (simpy_models.py), the same sizes, run one after the other on this machine. Prints each side's wall
# time, their ratio, and the mean waits with 95% confidence intervals over replications, and says
# whether the waits agree (difference within the 95% interval of the difference).
#
# usage: tests/bench/vs-simpy.sh [BUILD_DIR]       (default: build; needs tests/bench/bench_pathway)
# sizes: MMC_CUSTOMERS (200000), PATHWAY_REFERRALS (100000), REPS (20), SEED (1)
# "agree" uses 95% intervals, so about one comparison in 20 says DIFFER by chance alone: rerun with
# another SEED or more REPS before reading anything into one.
# Python is used here only to run the SimPy side; Debian's SimPy is importable only from
# /usr/bin/python3 (package python3-simpy3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
ours=$build/tests/bench/bench_pathway
py=/usr/bin/python3
mmc_n=${MMC_CUSTOMERS:-200000}
path_n=${PATHWAY_REFERRALS:-100000}
reps=${REPS:-20}
seed=${SEED:-1}

[ -x "$ours" ] || { echo "vs-simpy: $ours not built (cmake --build $build --target bench_pathway)" >&2; exit 2; }
$py -c 'import simpy' 2>/dev/null || { echo "vs-simpy: SimPy missing: apt-get install python3-simpy3" >&2; exit 2; }

now() { date +%s.%N; }

# run OUTFILE CMD...: runs CMD with its output in OUTFILE; prints the wall time in seconds.
run() {
  local out=$1 t0 t1
  shift
  t0=$(now)
  "$@" >"$out"
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

# stat FILE COLUMN: "mean half" over the lines of FILE (95% t interval).
stat() {
  awk -v col="$2" '
    BEGIN { split("12.706 4.303 3.182 2.776 2.571 2.447 2.365 2.306 2.262 2.228 2.201 2.179 2.160 " \
                  "2.145 2.131 2.120 2.110 2.101 2.093 2.086 2.080 2.074 2.069 2.064 2.060 2.056 " \
                  "2.052 2.048 2.045 2.042", t, " ") }
    { x[NR] = $col; s += $col }
    END {
      m = s / NR; ss = 0
      for (i = 1; i <= NR; i++) ss += (x[i] - m) ^ 2
      df = NR - 1; q = df < 1 ? 0 : (df <= 30 ? t[df] : 1.96)
      h = df < 1 ? 0 : q * sqrt(ss / df / NR)
      printf "%.6g %.6g", m, h
    }' "$1"
}

# compare LABEL FILE_OURS FILE_SIMPY COLUMN
compare() {
  local a b
  read -r ma ha <<<"$(stat "$2" "$4")"
  read -r mb hb <<<"$(stat "$3" "$4")"
  awk -v l="$1" -v ma="$ma" -v ha="$ha" -v mb="$mb" -v hb="$hb" 'BEGIN {
    d = ma - mb; if (d < 0) d = -d; h = sqrt(ha * ha + hb * hb)
    printf "  %-24s caseload %.5g +- %.3g   SimPy %.5g +- %.3g   %s\n", l, ma, ha, mb, hb,
           d <= h ? "agree" : "DIFFER"
  }'
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "vs-simpy: $reps replications each, seed $seed; $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"

echo "M/M/c: 10 servers, rho 0.9, $mmc_n customers a replication"
t_ours=$(run "$tmp/mmc.ours" "$ours" mmc 10 9 1 "$mmc_n" "$reps" "$seed")
t_py=$(run "$tmp/mmc.py" $py "$here/simpy_models.py" mmc 10 9 1 "$mmc_n" "$reps" "$seed")
awk -v a="$t_ours" -v b="$t_py" 'BEGIN { printf "  wall time: caseload %.3f s, SimPy %.3f s, ratio %.0fx\n", a, b, b / a }'
compare "mean wait" "$tmp/mmc.ours" "$tmp/mmc.py" 3
awk 'BEGIN { a = 9; b = 1; for (k = 1; k <= 10; k++) b = a * b / (k + a * b)
             c = 10 * b / (10 - a * (1 - b)); printf "  %-24s Erlang C %.5g\n", "", c / (10 - 9) }'

echo "Pathway: referrals 4.5/day -> screening (4, exp 0.5 d) -> 40% assessment (20, lognormal 10 d, CV 0.5) -> 50% case work (360, exp 90 d); $path_n referrals a replication"
t_ours=$(run "$tmp/path.ours" "$ours" pathway "$path_n" "$reps" "$seed")
t_py=$(run "$tmp/path.py" $py "$here/simpy_models.py" pathway "$path_n" "$reps" "$seed")
awk -v a="$t_ours" -v b="$t_py" 'BEGIN { printf "  wall time: caseload %.3f s, SimPy %.3f s, ratio %.0fx\n", a, b, b / a }'
compare "screening wait (days)" "$tmp/path.ours" "$tmp/path.py" 3
compare "assessment wait (days)" "$tmp/path.ours" "$tmp/path.py" 4
compare "case work wait (days)" "$tmp/path.ours" "$tmp/path.py" 5
