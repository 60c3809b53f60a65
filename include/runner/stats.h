/* stats: summaries over replications - mean, Student-t 95% interval, percentiles.
 *
 * Two ways in, one summary out:
 *   - stats_summarize: exact, from all the values (whole-period metrics; the caller keeps every
 *     replication's value, which is small: replications x metrics doubles).
 *   - stats_weekly: for weekly series. When created with room for every replication (exact_reps,
 *     which the runner gives whenever the values fit its memory budget) a cell keeps its values
 *     and its summary is stats_summarize of them: exact, as the whole-period ones (replications wait in a
 *     small stage and go into the cells a few at a time, so adding one stays cheap on the thread
 *     that folds them; a summary read in between sees them all). Otherwise it is
 *     streaming, for series too big to keep whole. Each streaming cell
 *     (one week of one metric) keeps a running mean and variance (Welford) and one P^2 quantile
 *     estimator per percentile (GSL's gsl_rstat_quantile, embedded in one flat array). The estimates
 *     depend on the order values arrive in, so the caller must add replications in replication
 *     order for results to be reproducible. With fewer than five values the percentiles are exact.
 *
 * Weekly percentiles are repaired before they are read: P^2 runs one estimator per percentile, so
 * estimates can cross (p50 above p75) and stray outside the values seen; stats_weekly_get sorts
 * the five estimates and clamps them to the cell's smallest and largest value, so p5 <= p25 <= p50
 * <= p75 <= p95 always holds and a cell whose values were all equal (all zero) reports exactly
 * that value.
 *
 * Values within STATS_ZERO of zero are floating-point residue of sums that cancel (hours added
 * and taken off): stats_clean makes them exactly 0; both ways in apply it to the values and to the
 * means (of values, and of paired differences, that cancel), so a measure that
 * is zero is written as 0, never 1e-17.
 *
 * Missing values (NaN, e.g. the median of no assessments) are skipped: a summary over no values is
 * all NaN (n = 0). The interval is mean +- t(0.975, n-1) s / sqrt(n); with n = 1 it equals the mean.
 * Nothing here keeps global state or prints.
 */
#ifndef CASELOAD_STATS_H
#define CASELOAD_STATS_H

#include <stddef.h>

#define STATS_NQ 5 /* percentiles reported: 5, 25, 50, 75, 95 */

#define STATS_ZERO 1e-9 /* in any measure's stored unit, far below anything it can mean */

extern const double stats_quantiles[STATS_NQ]; /* {0.05, 0.25, 0.50, 0.75, 0.95}; const data */

typedef struct stats_summary {
    size_t n;             /* values used (NaN skipped) */
    double mean;          /* NaN when n == 0 */
    double sd;            /* sample standard deviation; 0 when n == 1, NaN when n == 0 */
    double ci_lo, ci_hi;  /* 95% Student-t interval of the mean */
    double q[STATS_NQ];   /* percentiles, in the order of stats_quantiles */
} stats_summary;

/* x, or exactly 0 when |x| < STATS_ZERO (NaN stays NaN). */
double stats_clean(double x);

/* Half-width of the 95% interval of a mean: t(0.975, n-1) * sd / sqrt(n); 0 when n < 2. */
double stats_ci_halfwidth(double sd, size_t n);

/* Summarize x[0..n) exactly. `scratch` must hold n doubles (x is not changed; scratch is
 * overwritten with the sorted non-NaN values). Percentiles by gsl_stats_quantile_from_sorted_data
 * (linear interpolation between order statistics). */
void stats_summarize(const double *x, size_t n, double *scratch, stats_summary *out);

/* Paired difference b[i] - a[i] over the i where both are present. */
typedef struct stats_diff {
    size_t n;
    double mean, ci_lo, ci_hi; /* NaN when n == 0 */
    int significant;           /* 1 when n >= 2 and the interval excludes zero */
} stats_diff;

/* `scratch` must hold n doubles. */
void stats_paired_diff(const double *a, const double *b, size_t n, double *scratch,
                       stats_diff *out);

/* Streaming summaries of `cells` values per replication. */
typedef struct stats_weekly stats_weekly;

/* exact_reps: values to keep per cell for exact summaries (0: streaming only, P^2 estimators).
 * Adding more than exact_reps replications is a programming error (the summaries then cover the
 * first exact_reps). NULL when out of memory. */
stats_weekly *stats_weekly_create(size_t cells, size_t exact_reps);
void stats_weekly_destroy(stats_weekly *w);
/* Add one replication: values[0..cells). NaN values are skipped for their cell. */
void stats_weekly_add(stats_weekly *w, const double *values);
/* Summary of one cell so far (sd and interval from the running variance). */
void stats_weekly_get(const stats_weekly *w, size_t cell, stats_summary *out);
/* Bytes a stats_weekly of `cells` cells and exact_reps kept values holds, whatever the number of
 * replications added. */
size_t stats_weekly_bytes(size_t cells, size_t exact_reps);

#endif
