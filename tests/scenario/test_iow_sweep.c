/* A stretched service bends before it breaks (issue 12): scenarios/isle-of-wight-2011.ini with
 * 70, 66, 62 and 58 social worker FTE (the same as `--set staff.social_worker.fte=N`), REPS
 * replications each with common random numbers:
 *   - caseload per worker rises, the share of assessments within 45 working days falls and
 *     unallocated cases rise, each monotone in the FTE;
 *   - no 4-FTE step moves the share within 45 days by more than 15 points;
 *   - at 58 FTE caseloads reach the 20s and the allocation queue settles: its trend over the last
 *     measured year (least squares on the weekly values, per replication) is not significantly
 *     positive (mean slope less than two standard errors above zero);
 *   - the baseline (70 FTE) has a small live allocation queue (mean unallocated cases and days to
 *     allocation above 0) and is stable: the same trend test on unallocated cases, and caseload
 *     per worker rises from the fourth measured year to the fifth by less than half a case (the
 *     smallest difference that matters) or by less than two standard errors (a one-year slope of
 *     caseload would read the seasons).
 * Prints the table the closing note quotes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "model.h"
#include "scenario.h"

#define REPS 20
#define SEED 20110401u
#define NFTE 4

static const double ftes[NFTE] = {70, 66, 62, 58};

typedef struct sweep_point {
    double mean[M_COUNT];
    double slope_unalloc, se_unalloc; /* last-year trend of weekly unallocated cases, per week */
    double caseload_y45, se_y45;      /* caseload: year 5 mean - year 4 mean over replications */
} sweep_point;

/* Least-squares slope of weekly metric m over the last 52 weeks of one replication. */
static double last_year_slope(const model_results *r, metric_id m)
{
    int w0 = r->weeks - 52;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int n = 0;
    for (int w = w0; w < r->weeks; w++) {
        double y = r->weekly[(size_t)w * M_COUNT + m];
        if (isnan(y))
            continue;
        double x = w - w0;
        sx += x, sy += y, sxx += x * x, sxy += x * y, n++;
    }
    double d = n * sxx - sx * sx;
    return d > 0 ? (n * sxy - sx * sy) / d : 0;
}

/* Mean of weekly metric m over weeks [w0, w1). */
static double weeks_mean(const model_results *r, int w0, int w1, metric_id m)
{
    double s = 0;
    int n = 0;
    for (int w = w0; w < w1; w++) {
        double y = r->weekly[(size_t)w * M_COUNT + m];
        if (!isnan(y))
            s += y, n++;
    }
    return n ? s / n : NAN;
}

static void mean_se(const double *v, int n, double *mean, double *se)
{
    double s = 0, ss = 0;
    for (int i = 0; i < n; i++)
        s += v[i];
    *mean = s / n;
    for (int i = 0; i < n; i++)
        ss += (v[i] - *mean) * (v[i] - *mean);
    *se = sqrt(ss / (n - 1) / n);
}

static int run_point(double fte, sweep_point *pt)
{
    char path[512], set[64], err[1024];
    snprintf(path, sizeof path, "%s/scenarios/isle-of-wight-2011.ini", CASELOAD_SOURCE_DIR);
    snprintf(set, sizeof set, "staff.social_worker.fte=%g", fte);
    const char *sets[] = {set};
    scn_scenario s;
    if (scn_load(&s, path, sets, 1, err, sizeof err) < 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    model_workspace *ws = model_workspace_create();
    double su[REPS], dy[REPS];
    for (int m = 0; m < M_COUNT; m++)
        pt->mean[m] = 0;
    for (int k = 0; k < REPS; k++) {
        model_results r;
        if (model_results_init(&r, &s.params) < 0
            || model_run(ws, &s.params, SEED, (uint64_t)k, &r, err, sizeof err) < 0) {
            fprintf(stderr, "model_run: %s\n", err);
            return -1;
        }
        for (int m = 0; m < M_COUNT; m++)
            pt->mean[m] += r.total[m] / REPS;
        su[k] = last_year_slope(&r, M_unallocated_cases);
        dy[k] = weeks_mean(&r, r.weeks - 52, r.weeks, M_caseload_per_sw)
              - weeks_mean(&r, r.weeks - 104, r.weeks - 52, M_caseload_per_sw);
        model_results_free(&r);
    }
    mean_se(su, REPS, &pt->slope_unalloc, &pt->se_unalloc);
    mean_se(dy, REPS, &pt->caseload_y45, &pt->se_y45);
    model_workspace_destroy(ws);
    scn_free(&s);
    return 0;
}

int main(void)
{
    sweep_point pt[NFTE];
    printf("isle-of-wight-2011.ini, %d replications (seed %u)\n", REPS, SEED);
    printf("%5s %10s %10s %11s %9s %9s %9s %9s %14s\n", "FTE", "caseload", "within45", "unallocated",
           "days2alloc", "over20", "over25", "over30", "unalloc/wk(se)");
    for (int i = 0; i < NFTE; i++) {
        if (run_point(ftes[i], &pt[i]) < 0)
            return 1;
        const double *m = pt[i].mean;
        printf("%5g %10.2f %10.3f %11.2f %9.2f %9.3f %9.3f %9.3f %+7.3f(%.3f)\n", ftes[i],
               m[M_caseload_per_sw], m[M_share_within_45wd], m[M_unallocated_cases],
               m[M_days_to_allocation], m[M_share_sw_over_20], m[M_share_sw_over_25],
               m[M_share_sw_over_30], pt[i].slope_unalloc, pt[i].se_unalloc);
    }
    for (int i = 1; i < NFTE; i++) {
        const double *a = pt[i - 1].mean, *b = pt[i].mean;
        CHECK_MSG(b[M_caseload_per_sw] > a[M_caseload_per_sw], "caseload %g at %g FTE, %g at %g",
                  b[M_caseload_per_sw], ftes[i], a[M_caseload_per_sw], ftes[i - 1]);
        CHECK_MSG(b[M_share_within_45wd] < a[M_share_within_45wd], "within 45 days %g at %g FTE, %g at %g",
                  b[M_share_within_45wd], ftes[i], a[M_share_within_45wd], ftes[i - 1]);
        CHECK_MSG(b[M_unallocated_cases] > a[M_unallocated_cases], "unallocated %g at %g FTE, %g at %g",
                  b[M_unallocated_cases], ftes[i], a[M_unallocated_cases], ftes[i - 1]);
        double step = 100 * (a[M_share_within_45wd] - b[M_share_within_45wd]);
        CHECK_MSG(step <= 15, "within 45 days falls %.1f points from %g to %g FTE", step, ftes[i - 1], ftes[i]);
    }
    const sweep_point *last = &pt[NFTE - 1], *base = &pt[0];
    CHECK_MSG(last->mean[M_caseload_per_sw] >= 20, "caseload at 58 FTE %g, not in the 20s",
              last->mean[M_caseload_per_sw]);
    CHECK_MSG(last->slope_unalloc < 2 * last->se_unalloc, "58 FTE: unallocated still rising %g a week (se %g)",
              last->slope_unalloc, last->se_unalloc);
    CHECK_MSG(base->mean[M_unallocated_cases] > 0 && base->mean[M_days_to_allocation] > 0,
              "baseline allocation queue not live: unallocated %g, days to allocation %g",
              base->mean[M_unallocated_cases], base->mean[M_days_to_allocation]);
    CHECK_MSG(base->slope_unalloc < 2 * base->se_unalloc, "baseline unallocated rising %g a week (se %g)",
              base->slope_unalloc, base->se_unalloc);
    printf("baseline caseload, year 5 - year 4: %+.2f (se %.2f)\n", base->caseload_y45, base->se_y45);
    CHECK_MSG(base->caseload_y45 < 0.5 || base->caseload_y45 < 2 * base->se_y45,
              "baseline caseload rises %+g (se %g) from year 4 to year 5", base->caseload_y45, base->se_y45);
    return check_done("test_iow_sweep");
}
