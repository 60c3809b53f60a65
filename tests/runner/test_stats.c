/* Unit tests of sim/runner/stats.c against values computed by hand (t quantiles from tables). */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "stats.h"

static void test_summary_exact(void)
{
    /* mean 3, sd sqrt(2.5), t(0.975,4) = 2.7764451; quantile index p(n-1). */
    const double x[] = {5, 3, 1, 4, 2};
    double scratch[5];
    stats_summary s;
    stats_summarize(x, 5, scratch, &s);
    CHECK(s.n == 5);
    CHECK_NEAR(s.mean, 3.0, 1e-12);
    CHECK_NEAR(s.sd, sqrt(2.5), 1e-12);
    double h = 2.7764451052 * sqrt(2.5) / sqrt(5.0);
    CHECK_NEAR(s.ci_lo, 3.0 - h, 1e-8);
    CHECK_NEAR(s.ci_hi, 3.0 + h, 1e-8);
    CHECK_NEAR(s.q[0], 1.2, 1e-12);
    CHECK_NEAR(s.q[1], 2.0, 1e-12);
    CHECK_NEAR(s.q[2], 3.0, 1e-12);
    CHECK_NEAR(s.q[3], 4.0, 1e-12);
    CHECK_NEAR(s.q[4], 4.8, 1e-12);
    CHECK(x[0] == 5); /* input untouched */
}

static void test_summary_missing(void)
{
    /* NaN skipped: {1, 3}: mean 2, sd sqrt 2, t(0.975,1) = 12.7062047 -> half-width 12.7062. */
    const double x[] = {1, NAN, 3};
    double scratch[3];
    stats_summary s;
    stats_summarize(x, 3, scratch, &s);
    CHECK(s.n == 2);
    CHECK_NEAR(s.mean, 2.0, 1e-12);
    CHECK_NEAR(s.ci_hi - s.mean, 12.7062047362, 1e-7);
    CHECK_NEAR(s.q[2], 2.0, 1e-12);

    const double none[] = {NAN, NAN};
    stats_summarize(none, 2, scratch, &s);
    CHECK(s.n == 0 && isnan(s.mean) && isnan(s.ci_lo) && isnan(s.q[2]));

    const double one[] = {7.5};
    stats_summarize(one, 1, scratch, &s);
    CHECK(s.n == 1 && s.mean == 7.5 && s.ci_lo == 7.5 && s.ci_hi == 7.5 && s.q[0] == 7.5);
}

static void test_paired_diff(void)
{
    /* differences {1,2,3}: mean 2, sd 1, t(0.975,2) = 4.3026527 -> half 2.4841377: includes 0. */
    const double a[] = {1, 2, 3}, b[] = {2, 4, 6};
    double scratch[3];
    stats_diff d;
    stats_paired_diff(a, b, 3, scratch, &d);
    CHECK(d.n == 3);
    CHECK_NEAR(d.mean, 2.0, 1e-12);
    CHECK_NEAR(d.ci_lo, 2.0 - 4.3026527297 / sqrt(3.0), 1e-8);
    CHECK(!d.significant);

    /* differences {1, 1.1, 0.9}: mean 1, sd 0.1, half 0.248 -> excludes 0. */
    const double c[] = {2, 3.1, 3.9};
    stats_paired_diff(a, c, 3, scratch, &d);
    CHECK_NEAR(d.mean, 1.0, 1e-12);
    CHECK_NEAR(d.ci_hi, 1.0 + 4.3026527297 * 0.1 / sqrt(3.0), 1e-8);
    CHECK(d.significant);

    /* negative and significant; a missing value drops its pair */
    const double e[] = {0, NAN, 2}, f[] = {-1, 5, 1.01};
    stats_paired_diff(e, f, 3, scratch, &d);
    CHECK(d.n == 2);
    CHECK_NEAR(d.mean, -0.995, 1e-12);
    /* sd 0.00707, t(1) = 12.706: half 0.0635 -> [-1.0585, -0.9315], excludes 0 */
    CHECK_NEAR(d.ci_hi, -0.995 + 12.7062047362 * 0.005, 1e-8);
    CHECK(d.significant == (d.ci_hi < 0 || d.ci_lo > 0));
}

static void test_weekly_small_exact(void)
{
    /* With fewer than five replications the streaming percentiles are exact. */
    stats_weekly *w = stats_weekly_create(2, 0);
    CHECK(w != NULL);
    const double reps[4][2] = {{4, NAN}, {1, 10}, {3, NAN}, {2, 20}};
    for (int r = 0; r < 4; r++)
        stats_weekly_add(w, reps[r]);
    double col[4] = {4, 1, 3, 2}, scratch[4];
    stats_summary e, s;
    stats_summarize(col, 4, scratch, &e);
    stats_weekly_get(w, 0, &s);
    CHECK(s.n == 4);
    CHECK_NEAR(s.mean, e.mean, 1e-12);
    CHECK_NEAR(s.ci_lo, e.ci_lo, 1e-9);
    for (int k = 0; k < STATS_NQ; k++)
        CHECK_NEAR(s.q[k], e.q[k], 1e-12);
    stats_weekly_get(w, 1, &s);
    CHECK(s.n == 2);
    CHECK_NEAR(s.mean, 15.0, 1e-12);
    stats_weekly_get(w, 1, &s); /* reading twice gives the same */
    CHECK_NEAR(s.q[2], 15.0, 1e-12);
    stats_weekly_destroy(w);
}

static void test_weekly_many(void)
{
    /* 1..2000 in a scrambled but fixed order: mean and sd exact, P^2 percentiles close. */
    const size_t n = 2000;
    stats_weekly *w = stats_weekly_create(1, 0);
    double *x = malloc(n * sizeof *x), *scratch = malloc(n * sizeof *scratch);
    for (size_t i = 0; i < n; i++) {
        x[i] = (double)((i * 7919) % n) + 1; /* 7919 is prime, so a permutation */
        stats_weekly_add(w, &x[i]);
    }
    stats_summary e, s;
    stats_summarize(x, n, scratch, &e);
    stats_weekly_get(w, 0, &s);
    CHECK_NEAR(s.mean, 1000.5, 1e-9);
    CHECK_NEAR(s.sd, e.sd, 1e-9);
    CHECK_NEAR(s.ci_hi, e.ci_hi, 1e-6);
    for (int k = 0; k < STATS_NQ; k++)
        CHECK_NEAR(s.q[k], e.q[k], 0.02 * n); /* within 2% of the range */
    /* The footprint does not depend on how many were added. */
    CHECK(stats_weekly_bytes(1, 0) < 1024);
    CHECK(stats_weekly_bytes(522 * 38, 0) < 20u * 1024 * 1024); /* 10 years x all metrics */
    /* the repair: in order, within the values seen */
    for (int k = 1; k < STATS_NQ; k++)
        CHECK(s.q[k - 1] <= s.q[k]);
    CHECK(s.q[0] >= 1 && s.q[STATS_NQ - 1] <= (double)n);
    free(x);
    free(scratch);
    stats_weekly_destroy(w);
}

/* Kept values give the exact summary (the same as stats_summarize); mostly-zero cells, where
 * P^2 estimates cross and leave residue like 1e-19, come out in order and exactly zero. */
static void test_weekly_exact(void)
{
    const size_t n = 40;
    stats_weekly *w = stats_weekly_create(2, n);
    double x[40], scratch[40];
    for (size_t i = 0; i < n; i++) {
        x[i] = i % 9 == 0 ? 0.003 * (double)(i % 4 + 1) : (i % 2 ? 1e-17 : 0);
        double row[2] = {x[i], i % 5 ? NAN : (double)i};
        stats_weekly_add(w, row);
    }
    stats_summary e, s;
    stats_summarize(x, n, scratch, &e);
    stats_weekly_get(w, 0, &s);
    CHECK(s.n == n);
    CHECK(s.mean == e.mean && s.ci_lo == e.ci_lo);
    for (int k = 0; k < STATS_NQ; k++)
        CHECK(s.q[k] == e.q[k]);
    CHECK(s.q[0] == 0 && s.q[2] == 0); /* 1e-17 is residue: exactly 0 */
    stats_weekly_get(w, 1, &s);
    CHECK(s.n == 8);
    CHECK_NEAR(s.mean, 17.5, 1e-12);
    CHECK(stats_weekly_bytes(10, 40) >= 10 * 40 * sizeof(double));
    stats_weekly_destroy(w);
    /* streaming, the same values: repaired into order and within [min, max] */
    w = stats_weekly_create(1, 0);
    for (size_t i = 0; i < n; i++)
        stats_weekly_add(w, &x[i]);
    stats_weekly_get(w, 0, &s);
    for (int k = 1; k < STATS_NQ; k++)
        CHECK(s.q[k - 1] <= s.q[k]);
    CHECK(s.q[0] >= 0 && s.q[STATS_NQ - 1] <= 0.012);
    stats_weekly_destroy(w);
}

/* Exact summaries read at every count, while some replications are still staged (stats.c takes
 * them in a few at a time) and after: the same as stats_summarize of the values so far, in each of
 * several cells, and extra replications beyond the kept ones change nothing. */
static int same(double a, double b) { return a == b || (isnan(a) && isnan(b)); }

static void test_weekly_exact_midway(void)
{
    enum { CELLS = 5, N = 21 };
    stats_weekly *w = stats_weekly_create(CELLS, N);
    double x[CELLS][N], scratch[N];
    for (size_t r = 0; r < N; r++) {
        double row[CELLS];
        for (size_t c = 0; c < CELLS; c++)
            row[c] = x[c][r] = (c == 3 && r % 3 == 0) ? NAN : (double)((r * 7 + c * 5) % 11) + 0.25 * (double)c;
        stats_weekly_add(w, row);
        for (size_t c = 0; c < CELLS; c++) {
            stats_summary e, s;
            stats_summarize(x[c], r + 1, scratch, &e);
            stats_weekly_get(w, c, &s);
            CHECK(s.n == e.n && same(s.mean, e.mean) && same(s.sd, e.sd));
            for (int k = 0; k < STATS_NQ; k++)
                CHECK(same(s.q[k], e.q[k]));
        }
    }
    double extra[CELLS] = {1e6, 1e6, 1e6, 1e6, 1e6};
    stats_weekly_add(w, extra);
    stats_summary e, s;
    stats_summarize(x[2], N, scratch, &e);
    stats_weekly_get(w, 2, &s);
    CHECK(s.n == N && s.mean == e.mean && s.q[STATS_NQ - 1] == e.q[STATS_NQ - 1]);
    stats_weekly_destroy(w);
}

int main(void)
{
    test_summary_exact();
    test_summary_missing();
    test_paired_diff();
    test_weekly_small_exact();
    test_weekly_many();
    test_weekly_exact();
    test_weekly_exact_midway();
    return check_done("test_stats");
}
