/* stats: mean, Student-t interval and percentiles over replications. See include/runner/stats.h. */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rstat.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

const double stats_quantiles[STATS_NQ] = {0.05, 0.25, 0.50, 0.75, 0.95};

double stats_clean(double x) { return fabs(x) < STATS_ZERO ? 0.0 : x; }

double stats_ci_halfwidth(double sd, size_t n)
{
    if (n < 2)
        return 0.0;
    return gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * sd / sqrt((double)n);
}

static void summary_empty(stats_summary *out)
{
    out->n = 0;
    out->mean = out->sd = out->ci_lo = out->ci_hi = NAN;
    for (int k = 0; k < STATS_NQ; k++)
        out->q[k] = NAN;
}

/* Copy the non-NaN values of x into dst; returns how many. */
static size_t copy_present(const double *x, size_t n, double *dst)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            dst[m++] = stats_clean(x[i]);
    return m;
}

static void set_interval(stats_summary *out)
{
    double h = stats_ci_halfwidth(out->sd, out->n);
    out->ci_lo = out->mean - h;
    out->ci_hi = out->mean + h;
}

void stats_summarize(const double *x, size_t n, double *scratch, stats_summary *out)
{
    size_t m = copy_present(x, n, scratch);
    if (m == 0) {
        summary_empty(out);
        return;
    }
    out->n = m;
    out->mean = stats_clean(gsl_stats_mean(scratch, 1, m)); /* values that cancel: exactly 0 */
    out->sd = m > 1 ? gsl_stats_sd_m(scratch, 1, m, out->mean) : 0.0;
    set_interval(out);
    gsl_sort(scratch, 1, m);
    for (int k = 0; k < STATS_NQ; k++)
        out->q[k] = gsl_stats_quantile_from_sorted_data(scratch, 1, m, stats_quantiles[k]);
}

void stats_paired_diff(const double *a, const double *b, size_t n, double *scratch,
                       stats_diff *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(a[i]) && !isnan(b[i]))
            scratch[m++] = stats_clean(stats_clean(b[i]) - stats_clean(a[i]));
    out->n = m;
    out->significant = 0;
    if (m == 0) {
        out->mean = out->ci_lo = out->ci_hi = NAN;
        return;
    }
    double mean = gsl_stats_mean(scratch, 1, m);
    double sd = m > 1 ? gsl_stats_sd_m(scratch, 1, m, mean) : 0.0;
    out->mean = stats_clean(mean); /* differences that cancel: exactly 0, not 1e-15 */
    double h = stats_ci_halfwidth(sd, m);
    out->ci_lo = out->mean - h;
    out->ci_hi = out->mean + h;
    /* One value says nothing about noise, so it is never called significant. */
    out->significant = m >= 2 && (out->ci_lo > 0.0 || out->ci_hi < 0.0);
}

/* ---- streaming ---- */

/* One week of one metric: Welford's running mean and sum of squared deviations, and one P^2
 * estimator per percentile. Fixed size, so memory does not grow with replications. */
typedef struct weekly_cell {
    size_t n;
    double mean;
    double m2;
    double min, max; /* of the values seen: the percentiles are clamped to them */
    gsl_rstat_quantile_workspace q[STATS_NQ];
} weekly_cell;

/* Exact mode keeps a cell's values contiguous (cell-major), which is what a summary reads; a
 * replication arrives as one value per cell. Writing it straight in would touch a new cache line
 * and page for every cell, so replications wait in a stage (replication-major, STAGE_REPS of them)
 * and go in STAGE_REPS at a time: one cache line a cell. */
#define STAGE_REPS 8

struct stats_weekly {
    size_t cells;
    weekly_cell *cell; /* streaming only */
    size_t exact;   /* values kept per cell (0: streaming only) */
    double *values; /* cells x exact, cell-major: a cell's values are contiguous */
    double *stage;  /* STAGE_REPS x cells: replications added since the last flush */
    size_t staged;  /* replications in the stage */
    double *scratch; /* exact doubles for stats_summarize (allocated once, so reading needs none) */
    double *gather; /* exact doubles: a cell's kept and staged values, when some are staged */
    size_t added;   /* replications added */
};

/* Bytes a cell holds: its kept values and its row of the stage, or its streaming estimators. */
static size_t cell_bytes(size_t exact_reps)
{
    return exact_reps ? (exact_reps + STAGE_REPS) * sizeof(double) : sizeof(weekly_cell);
}

size_t stats_weekly_bytes(size_t cells, size_t exact_reps)
{
    /* the cells, and the scratch and gather buffers of exact mode */
    return sizeof(stats_weekly) + cells * cell_bytes(exact_reps) + 2 * exact_reps * sizeof(double);
}

static int create_streaming(stats_weekly *w, size_t cells)
{
    weekly_cell *c = malloc(cells ? cells * sizeof *c : 1);
    if (!c)
        return -1;
    memset(c, 0, cells * sizeof *c);
    for (size_t i = 0; i < cells; i++)
        for (int k = 0; k < STATS_NQ; k++) {
            /* The workspace struct is public in gsl_rstat.h: embedding it saves an allocation
             * per estimator; reset() initialises it from p. */
            c[i].q[k].p = stats_quantiles[k];
            gsl_rstat_quantile_reset(&c[i].q[k]);
        }
    w->cell = c;
    return 0;
}

static int create_exact(stats_weekly *w, size_t cells, size_t exact_reps)
{
    w->values = malloc(cells * exact_reps * sizeof(double) + 1);
    w->stage = malloc(cells * STAGE_REPS * sizeof(double) + 1);
    w->scratch = malloc(exact_reps * sizeof(double));
    w->gather = malloc(exact_reps * sizeof(double));
    return w->values && w->stage && w->scratch && w->gather ? 0 : -1;
}

stats_weekly *stats_weekly_create(size_t cells, size_t exact_reps)
{
    if (exact_reps > (size_t)-1 / 4 / sizeof(double) || cells > (size_t)-1 / (cell_bytes(exact_reps) + 1))
        return NULL;
    stats_weekly *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->cells = cells;
    w->exact = exact_reps;
    if (exact_reps ? create_exact(w, cells, exact_reps) : create_streaming(w, cells)) {
        stats_weekly_destroy(w);
        return NULL;
    }
    return w;
}

void stats_weekly_destroy(stats_weekly *w)
{
    if (!w)
        return;
    free(w->cell);
    free(w->values);
    free(w->stage);
    free(w->scratch);
    free(w->gather);
    free(w);
}

/* The staged replications into their cells' kept values. */
static void flush_stage(stats_weekly *w)
{
    size_t first = w->added - w->staged;
    for (size_t i = 0; i < w->cells; i++) {
        double *dst = &w->values[i * w->exact + first];
        for (size_t j = 0; j < w->staged; j++)
            dst[j] = w->stage[j * w->cells + i];
    }
    w->staged = 0;
}

/* Kept values are all an exact summary reads (stats_weekly_get): no running moments. */
static void add_exact(stats_weekly *w, const double *values)
{
    if (w->added == w->exact)
        return; /* beyond the kept replications (stats.h) */
    memcpy(&w->stage[w->staged * w->cells], values, w->cells * sizeof *values);
    w->staged++;
    w->added++;
    if (w->staged == STAGE_REPS || w->added == w->exact)
        flush_stage(w);
}

void stats_weekly_add(stats_weekly *w, const double *values)
{
    if (w->exact) {
        add_exact(w, values); /* NaN kept: stats_summarize skips it */
        return;
    }
    w->added++;
    for (size_t i = 0; i < w->cells; i++) {
        double x = stats_clean(values[i]);
        if (isnan(x))
            continue;
        weekly_cell *c = &w->cell[i];
        c->min = c->n == 0 ? x : fmin(c->min, x);
        c->max = c->n == 0 ? x : fmax(c->max, x);
        c->n++;
        double d = x - c->mean;
        c->mean += d / (double)c->n;
        c->m2 += d * (x - c->mean);
        for (int k = 0; k < STATS_NQ; k++)
            gsl_rstat_quantile_add(x, &c->q[k]);
    }
}

/* A cell's values so far, in replication order: in place unless some are still staged. */
static const double *cell_values(const stats_weekly *w, size_t cell)
{
    const double *kept = &w->values[cell * w->exact];
    if (!w->staged)
        return kept;
    size_t flushed = w->added - w->staged;
    memcpy(w->gather, kept, flushed * sizeof *kept);
    for (size_t j = 0; j < w->staged; j++)
        w->gather[flushed + j] = w->stage[j * w->cells + cell];
    return w->gather;
}

void stats_weekly_get(const stats_weekly *w, size_t cell, stats_summary *out)
{
    if (w->exact) { /* every value is kept; none present gives the empty summary */
        if (w->added)
            stats_summarize(cell_values(w, cell), w->added, w->scratch, out);
        else
            summary_empty(out);
        return;
    }
    const weekly_cell *c = &w->cell[cell];
    if (c->n == 0) {
        summary_empty(out);
        return;
    }
    out->n = c->n;
    out->mean = stats_clean(c->mean);
    out->sd = c->n > 1 ? sqrt(c->m2 / (double)(c->n - 1)) : 0.0;
    for (int k = 0; k < STATS_NQ; k++) {
        /* get() sorts the first values in place while n < 5: work on a copy so reading a summary
         * never changes the estimator. */
        gsl_rstat_quantile_workspace q = c->q[k];
        out->q[k] = gsl_rstat_quantile_get(&q);
    }
    /* the repair stated in stats.h: in order, and within the values seen */
    gsl_sort(out->q, 1, STATS_NQ);
    for (int k = 0; k < STATS_NQ; k++)
        out->q[k] = fmin(fmax(out->q[k], c->min), c->max);
    if (c->min == c->max) { /* all equal: no rounding residue in the mean or the spread */
        out->mean = c->min;
        out->sd = 0.0;
    }
    set_interval(out);
}
