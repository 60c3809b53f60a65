/* Validation of the engine as an M/M/c queue (include/engine/mmc.h): for several (c, rho), including
 * rho = 0.95, the replication mean of the mean wait and of the probability of waiting lie within
 * the 99% confidence interval around the Erlang C values; Little's law holds on every run; the same
 * seed gives the same results; the Erlang C formulas match hand-computed values. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "mmc.h"
#include "check.h"

static void test_erlang_c(void)
{
    mmc_params p = {2, 1.0, 1.0, 1};
    CHECK(fabs(mmc_erlang_c_p_wait(&p) - 1.0 / 3) < 1e-12);
    CHECK(fabs(mmc_erlang_c_mean_wait(&p) - 1.0 / 3) < 1e-12);
    mmc_params q = {1, 0.8, 1.0, 1}; /* M/M/1: P(wait) = rho, Wq = rho / (mu - lambda) */
    CHECK(fabs(mmc_erlang_c_p_wait(&q) - 0.8) < 1e-12);
    CHECK(fabs(mmc_erlang_c_mean_wait(&q) - 4.0) < 1e-12);
    /* c = 3, a = 2: B = 4/19, C = 4/9, Wq = C / (3 - 2) with mu = 1. */
    mmc_params r = {3, 2.0, 1.0, 1};
    CHECK(fabs(mmc_erlang_c_p_wait(&r) - 4.0 / 9) < 1e-12);
    CHECK(fabs(mmc_erlang_c_mean_wait(&r) - 4.0 / 9) < 1e-12);
    mmc_params big = {200, 190.0, 1.0, 1}; /* large c must not overflow */
    CHECK(isfinite(mmc_erlang_c_p_wait(&big)) && mmc_erlang_c_p_wait(&big) > 0 &&
          mmc_erlang_c_p_wait(&big) < 1);
}

static void test_check(void)
{
    char msg[160];
    mmc_params ok = {2, 1.0, 1.0, 10};
    CHECK(mmc_check(&ok, msg, sizeof msg) == 0);
    mmc_params bad[] = {
        {0, 1.0, 1.0, 10}, {2, -1.0, 1.0, 10}, {2, 1.0, 0.0, 10}, {2, 1.0, 1.0, 0},
        {2, 2.0, 1.0, 10}, /* rho = 1 */
        {2, 3.0, 1.0, 10}, {2, NAN, 1.0, 10}, {2, 1.0, INFINITY, 10},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        msg[0] = '\0';
        CHECK(mmc_check(&bad[i], msg, sizeof msg) == -1 && strlen(msg) > 0);
    }
}

typedef struct config {
    unsigned c;
    double rho;
    uint64_t customers;
    unsigned reps;
} config;

/* |mean - expected| within the 99% t-interval of the replications. */
static int in_ci99(const char *what, const config *k, const double *x, unsigned n, double expected)
{
    double m = 0, ss = 0;
    for (unsigned i = 0; i < n; i++)
        m += x[i];
    m /= n;
    for (unsigned i = 0; i < n; i++)
        ss += (x[i] - m) * (x[i] - m);
    double half = gsl_cdf_tdist_Pinv(0.995, n - 1.0) * sqrt(ss / (n - 1.0) / n);
    int ok = fabs(m - expected) <= half;
    printf("c=%u rho=%.2f %-9s mean %.5f  Erlang C %.5f  99%% half-width %.5f (%.2f%%) %s\n", k->c,
           k->rho, what, m, expected, half, 100 * half / expected, ok ? "ok" : "OUTSIDE");
    return ok;
}

static void test_against_erlang_c(void)
{
    /* Sized so that the 99% half-width is a few per cent of the value (power to see a small
     * error) and the whole test stays a few seconds: rho = 0.95 needs the longest runs. */
    const config cases[] = {
        {1, 0.50, 100000, 16}, {3, 0.80, 200000, 16}, {10, 0.90, 300000, 16},
        {1, 0.95, 600000, 16}, {4, 0.95, 600000, 16},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const config *cf = &cases[k];
        /* Service mean 1, so lambda = rho * c. */
        mmc_params p = {cf->c, cf->rho * cf->c, 1.0, cf->customers};
        double wait[32], pwait[32];
        for (unsigned r = 0; r < cf->reps; r++) {
            mmc_result res;
            CHECK(mmc_run(&p, 20110401, r, &res) == 0);
            wait[r] = res.mean_wait;
            pwait[r] = res.p_wait;
            CHECK(res.served == cf->customers && res.events == 2 * cf->customers);
            CHECK(fabs(res.little_ratio - 1.0) < 0.01);
            CHECK(fabs(res.mean_in_system - res.mean_wait - 1.0) < 0.02); /* service mean 1 */
            CHECK(fabs(res.throughput - p.arrival_rate) < 0.02 * p.arrival_rate);
        }
        CHECK(in_ci99("mean_wait", cf, wait, cf->reps, mmc_erlang_c_mean_wait(&p)));
        CHECK(in_ci99("p_wait", cf, pwait, cf->reps, mmc_erlang_c_p_wait(&p)));
    }
}

static void test_reproducible(void)
{
    mmc_params p = {3, 2.4, 1.0, 20000};
    mmc_result a, b, c;
    CHECK(mmc_run(&p, 7, 3, &a) == 0 && mmc_run(&p, 7, 4, &c) == 0 && mmc_run(&p, 7, 3, &b) == 0);
    CHECK(memcmp(&a, &b, sizeof a) == 0);
    CHECK(a.mean_wait != c.mean_wait);
    mmc_params one = {1, 0.5, 1.0, 1};
    CHECK(mmc_run(&one, 1, 0, &a) == 0 && a.served == 1 && a.events == 2 && a.mean_wait == 0);
}

int main(void)
{
    test_erlang_c();
    test_check();
    test_reproducible();
    test_against_erlang_c();
    return check_done("test_mmc");
}
