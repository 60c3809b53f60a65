/* decide: the questions a board paper asks, answered with the runner on common random numbers.
 *
 *   dec_eval    one scenario with extra overrides, over replications 0..reps-1 of a seed: each
 *               measure's mean, 95% interval and per-replication values' share meeting a target;
 *   plan_run    the least value of one setting (an FTE, a budget) that meets every target, either
 *               on the mean or in a given share of runs (`caseload plan`);
 *   sweep_run   a grid of one or two settings (`caseload sweep`).
 * Every evaluation of a search uses the same seed and replications, so two values differ by the
 * lever alone, and the answer is the same for any number of threads. Nothing here prints; a
 * progress callback reports each evaluation. Errors are one line in err; a scenario or override
 * that does not load returns DEC_EBAD (bad input), anything else DEC_ERR, and a stop request
 * DEC_STOPPED. */
#ifndef CASELOAD_DECIDE_H
#define CASELOAD_DECIDE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "metrics.h"

enum { DEC_OK = 0, DEC_ERR = -1, DEC_STOPPED = -2, DEC_EBAD = -3 };

#define DEC_MAX_TARGETS 8
#define DEC_MAX_SETS 64

/* "share_within_45wd>=0.85" (or 85%), "unallocated_cases<=10". */
typedef struct dec_target {
    metric_id m;
    int at_least;      /* 1: >=, 0: <= */
    double value;
    char text[96];     /* as given */
} dec_target;

/* Parse a target. Returns 0, or DEC_EBAD with a message naming the part that is wrong. */
int dec_parse_target(const char *s, dec_target *t, char *err, size_t errlen);

/* What every evaluation shares: the scenario file, the user's overrides, the replications. */
typedef struct dec_run {
    const char *file;
    const char *const *sets;   /* the user's --set overrides, applied before the varied keys */
    size_t nsets;
    size_t reps;               /* replications of an evaluation (plan adds more near its answer) */
    uint64_t seed;
    unsigned threads;
    const volatile sig_atomic_t *stop;
    void (*progress)(void *ctx, const char *what); /* NULL, or told of each evaluation */
    void *progress_ctx;
    /* Shards (docs/cluster.md). With shard_n > 0, an evaluation runs only the replications of
     * shard shard_k of shard_n (runner_shard_range's split of its reps) and hands their values to
     * `values` (the point's summaries are then of that part alone). With `replay`, none runs: an
     * evaluation's values, every replication's, come from replay, evaluation after evaluation in
     * the order they are made. The values are reps x M_COUNT doubles, replication-major, as
     * summarised (with an alternative, alt minus the baseline). */
    size_t shard_k, shard_n;
    void (*values)(void *ctx, const double *v, size_t n);
    int (*replay)(void *ctx, double *v, size_t n, char *err, size_t errlen);
    void *shard_ctx;
} dec_run;

/* One evaluation: measures over reps replications. */
typedef struct dec_point {
    double x[2];               /* the varied values */
    size_t reps;
    double mean[M_COUNT], lo[M_COUNT], hi[M_COUNT]; /* NaN where a measure has no value */
    double share[DEC_MAX_TARGETS];    /* share of replications meeting each target */
    int meets[DEC_MAX_TARGETS];       /* the target is met (on the mean, or in >= confidence) */
    int meets_all;
} dec_point;

/* Evaluate the scenario with keys[i]=x[i] (i < nkeys) added to the overrides, over reps
 * replications. Targets (nt of them) are judged on the mean when confidence is 0, else on the
 * share of replications meeting them. */
int dec_eval(const dec_run *run, const char *const *keys, const double *x, int nkeys, size_t reps,
             const dec_target *t, int nt, double confidence, dec_point *out, char *err,
             size_t errlen);

/* The same with overrides given as text ("demand.repeat_delay=60wd"); with alt, the scenario alt
 * runs beside run->file with the same overrides and the point holds alt minus the baseline,
 * paired replication by replication (targets then judge the difference). */
int dec_eval_sets(const dec_run *run, const char *alt, const char *const *extra, int nextra,
                  size_t reps, const dec_target *t, int nt, double confidence, dec_point *out,
                  char *err, size_t errlen);

/* The setting's value in the scenario as loaded (with the user's overrides), as a number; DEC_EBAD
 * if the key is not a number-valued setting of the scenario. */
int dec_current_value(const dec_run *run, const char *key, double *out, char *err, size_t errlen);

/* ---- plan ---- */

typedef struct plan_config {
    const char *key;           /* the varied setting, e.g. staff.social_worker.fte */
    double step;               /* resolution of the answer (default 1) */
    double from, to;           /* bounds of the search (NaN: from the setting's range) */
    dec_target targets[DEC_MAX_TARGETS];
    int ntargets;
    double confidence;         /* 0: on the mean; else the share of runs that must meet them */
    size_t refine_reps;        /* replications near the answer (default 4 x run->reps) */
} plan_config;

typedef struct plan_result {
    int found;                 /* a value within the bounds meets every target */
    double answer;             /* the least such value (on the grid of step) */
    double sure_lo, sure_hi;   /* 95%: the least value lies between these (the targets' intervals) */
    dec_point at, below;       /* the evaluations at the answer and one step below, refined */
    dec_point *points;         /* every evaluation, in order (owned; plan_result_free) */
    size_t npoints, cap;
    int monotone;              /* 0: a higher value failed where a lower one passed (warn) */
} plan_result;

int plan_run(const dec_run *run, const plan_config *cfg, plan_result *res, char *err,
             size_t errlen);
void plan_result_free(plan_result *res);

/* ---- sweep ---- */

typedef struct sweep_axis {
    char key[128];
    double from, to, step;
} sweep_axis;

/* "KEY=FROM:TO:STEP". Returns 0, or DEC_EBAD with a message. */
int sweep_parse_axis(const char *s, sweep_axis *a, char *err, size_t errlen);

typedef struct sweep_result {
    sweep_axis axis[2];
    int naxes;
    int n[2];                  /* values along each axis */
    dec_point *points;         /* n[0] x n[1] evaluations, the first axis slowest (owned) */
} sweep_result;

int sweep_run(const dec_run *run, const sweep_axis *axes, int naxes, sweep_result *res, char *err,
              size_t errlen);
void sweep_result_free(sweep_result *res);

/* ---- sensitivity ---- */

/* One assumption and the range it is tried over, in the file's notation ("60wd", "0.3"). */
typedef struct sens_range {
    char key[128], low[64], high[64], why[160];
} sens_range;

/* Every assumption of docs/model.md with its range (sim/decide/sens.c). */
extern const sens_range sens_default_ranges[];
extern const size_t sens_default_count;

/* "KEY=LOW:HIGH". Returns 0, or DEC_EBAD with a message. */
int sens_parse_range(const char *s, sens_range *r, char *err, size_t errlen);

typedef struct sens_row {
    sens_range range;
    dec_point low, high;      /* the measures with the setting at its low and its high value */
    double span;              /* |high - low| of the first measure: the ranking */
} sens_row;

typedef struct sens_result {
    dec_point at_default;     /* every setting as the scenario has it */
    sens_row *rows;           /* n of them, the largest effect on the first measure first (owned) */
    int nrows;
} sens_result;

/* Each range's low and high, one at a time; with alt, every point is alt minus the baseline. The
 * rows are ranked by the spread of measures[0]. */
int sens_run(const dec_run *run, const char *alt, const sens_range *ranges, int n,
             const metric_id *measures, int nm, sens_result *res, char *err, size_t errlen);
void sens_result_free(sens_result *res);

/* ---- fit ---- */

enum { FIT_SET, FIT_TARGET };

/* A figure a file may hold (sim/decide/fit.c, data/figures-template.csv). */
typedef struct fit_measure {
    const char *name;   /* "referrals" */
    int kind;           /* FIT_SET: a fact set as it is; FIT_TARGET: fitted */
    const char *key;    /* FIT_SET: the setting */
    const char *metric; /* NULL: a FIT_TARGET's measures are its [targets] row's (params.h) */
    int share;          /* a rate 0..1 (22% or 0.22) */
    const char *definition;
} fit_measure;
extern const fit_measure fit_measures[];
extern const size_t fit_measure_count;
/* The i-th free setting of the documented list, or NULL past its end. */
const char *fit_free_key(int i);

#define FIT_MAX_FIGURES 32
typedef struct fit_figure {
    const fit_measure *m;
    double value;
    int line;
    char year[32], source[256];
} fit_figure;
typedef struct fit_figures {
    char path[1024];
    fit_figure fig[FIT_MAX_FIGURES];
    int n;
} fit_figures;

/* Read FIGURES.csv (measure,value,year,source). Every bad row is DEC_EBAD with
 * "FILE:LINE: column 'C': what is wrong"; inconsistent figures are refused with the reason. */
int fit_read_figures(const char *path, fit_figures *f, char *err, size_t errlen);

typedef struct fit_config {
    const char *keep[16];      /* free settings held fixed */
    int nkeep;
    int max_evals;             /* evaluations at most (each run->reps replications) */
    double tolerance;          /* the simplex's size at which the fit stops */
    double good_enough;        /* stop when the sum of squared relative errors is below this */
    double stop_within;        /* or when every fitted target is within this relative error once
                                  half of max_evals are spent (within a quarter of it: at once) */
} fit_config;

typedef struct fit_result {
    const char *key[16];       /* the fitted settings (nfree) and their values */
    double value[16];
    int nfree;
    char sets[32][192];        /* the facts set as they are, as overrides */
    int nsets;
    double model[FIT_MAX_FIGURES]; /* the fitted model's value of each figure (NaN for facts) */
    int fitted[FIT_MAX_FIGURES];   /* a target that a free setting informs (the others follow) */
    dec_point at;              /* every measure of the fitted scenario */
    double objective;          /* sum of squared relative errors */
    int evals;
} fit_result;

int fit_run(const dec_run *run, const fit_figures *fig, const fit_config *cfg, fit_result *res,
            char *err, size_t errlen);

#endif
