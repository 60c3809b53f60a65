# Common random numbers (issue 5): for a small change - one more social worker - the 95% interval
# of the paired per-replication difference (compare: same seed, same replication, every scenario)
# is much narrower than the interval of the difference of two independent runs (different seeds).
source "$(dirname "$0")/run_lib.bash" "$@"
write_scenarios
N=20
METRIC=caseload_per_sw

"$CASELOAD" compare "$T/base.ini" "$T/alt.ini" --reps $N --seed 1 --out "$T/crn" "${SMALL[@]}" \
    || fail "compare"
"$CASELOAD" run "$T/base.ini" --reps $N --seed 1 --out "$T/ind_base" "${SMALL[@]}" || fail "run base"
"$CASELOAD" run "$T/alt.ini" --reps $N --seed 2 --out "$T/ind_alt" "${SMALL[@]}" || fail "run alt"

# column of per-replication values of METRIC for one scenario
values() { awk -F, -v s="$2" -v m=$METRIC '$1 == s && $3 == m { print $4 }' "$1"; }

# mean and variance of a column
meanvar() { awk '{ x[NR] = $1; s += $1 } END { m = s / NR; for (i in x) v += (x[i] - m) ^ 2;
                   printf "%.12g %.12g\n", m, v / (NR - 1) }'; }

read -r _ dvar < <(paste -d, <(values "$T/crn/replications.csv" alt) \
                             <(values "$T/crn/replications.csv" base) |
                   awk -F, '{ print $1 - $2 }' | meanvar)
read -r lo hi < <(awk -F, -v m=$METRIC '$1 == "alt" && $2 == m { print $4, $5 }' "$T/crn/differences.csv")
[ -n "$lo" ] || fail "no $METRIC row in differences.csv"
read -r _ va < <(values "$T/ind_base/replications.csv" base | meanvar)
read -r _ vb < <(values "$T/ind_alt/replications.csv" alt | meanvar)

# t(0.975, 19) = 2.0930241 for both intervals, so the ratio compares the spreads.
awk -v lo="$lo" -v hi="$hi" -v dv="$dvar" -v va="$va" -v vb="$vb" -v n=$N 'BEGIN {
    t = 2.0930241
    paired = (hi - lo) / 2
    own = t * sqrt(dv / n)
    indep = t * sqrt((va + vb) / n)
    printf "paired half-width %.4g, independent %.4g, ratio %.3f\n", paired, indep, paired / indep
    if (indep <= 0) { print "FAIL: no spread between replications"; exit 1 }
    # differences.csv must be the paired interval of the replications it came from
    if (paired - own > 1e-6 * (1 + own) || own - paired > 1e-6 * (1 + own)) {
        printf "FAIL: differences.csv half-width %.10g, from replications.csv %.10g\n", paired, own
        exit 1
    }
    if (paired / indep >= 0.5) { print "FAIL: common random numbers did not narrow the interval"; exit 1 }
}' || fail "CRN interval"

# The same seed in compare and run gives the baseline the same replications.
diff <(values "$T/crn/replications.csv" base) <(values "$T/ind_base/replications.csv" base) >/dev/null \
    || fail "compare's baseline differs from run's with the same seed"
echo "ok"
