/* runner: replications on POSIX threads, common random numbers across scenarios, and in-order
 * aggregation over replications.
 *
 * A task is one replication index r. The thread that takes it runs EVERY scenario for r with the
 * same master seed and replication number, so the model's per-purpose streams give each scenario
 * the same families at the same times (common random numbers), and the paired difference
 * alternative - baseline is taken replication by replication.
 *
 * Threads take replications in increasing order and write them into a ring of 2 x threads slots;
 * the calling thread folds finished replications into the aggregates strictly in replication order
 * (a slot is reused only after it has been folded). So the results are the same, bit for bit, for
 * any number of threads and any machine load, and memory is bounded by the ring, not by the number
 * of replications. Each thread has its own model_workspace; the parameters are shared read-only.
 *
 * What is kept: every replication's whole-period values (replications x metrics doubles per
 * scenario; exact percentiles later), the weekly series' values too while all scenarios' fit in
 * RUNNER_EXACT_BYTES (exact weekly percentiles; beyond that streaming aggregates, stats.h),
 * the histogram of working days to assessment and the accounting counts summed over replications.
 *
 * Stopping: when cfg->stop is not NULL and becomes non-zero (a signal handler sets it), threads
 * finish the model_run they are in, take no more work, and runner_run returns RUNNER_STOPPED.
 * Nothing here prints or keeps global state.
 */
#ifndef CASELOAD_RUNNER_H
#define CASELOAD_RUNNER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "stats.h"

#define RUNNER_MAX_THREADS 256
#define RUNNER_MAX_REPS 100000
#define RUNNER_MAX_SCENARIOS 16
#define RUNNER_EXACT_BYTES ((size_t)256 << 20) /* weekly values kept for exact percentiles */

/* Replications of weekly values kept per cell for a run of this size: reps when they fit
 * RUNNER_EXACT_BYTES over all scenarios, else 0 (streaming percentiles). */
size_t runner_weekly_kept(int weeks, size_t reps, size_t n_scenarios);

enum { RUNNER_OK = 0, RUNNER_ERR = -1, RUNNER_STOPPED = -2 };

/* The model as the runner sees it: a table of functions, so tests can run the runner on a small
 * fake model. runner_model_real (sim/runner/runner_model.c) is the one of include/model/model.h; it lives in its
 * own file so a test that uses a fake does not link the model. */
typedef struct runner_model {
    model_workspace *(*workspace_create)(void);
    void (*workspace_destroy)(model_workspace *ws);
    int (*results_init)(model_results *r, const model_params *p);
    void (*results_free)(model_results *r);
    int (*run)(model_workspace *ws, const model_params *p, uint64_t seed, uint64_t rep,
               model_results *out, char *err, size_t errlen);
} runner_model;

extern const runner_model runner_model_real; /* const table, not mutable state */

/* Called on the calling thread after each replication is folded in (done = replications folded). */
typedef void (*runner_progress_fn)(void *ctx, size_t done, size_t total);

/* Called on the calling thread with each replication's results (n_scenarios of them), in
 * replication order, just before they are folded in: how a shard (output.h) keeps every value a
 * merge needs. rep is the model's replication number (first_rep + i). */
typedef void (*runner_replication_fn)(void *ctx, size_t rep, const model_results *res);

typedef struct runner_config {
    const model_params *params;       /* n_scenarios scenarios; [0] is the baseline (read-only) */
    size_t n_scenarios;               /* 1..RUNNER_MAX_SCENARIOS; all must have the same weeks */
    size_t reps;                      /* 1..RUNNER_MAX_REPS */
    size_t first_rep;                 /* the model's number of the first (0; a shard's first) */
    size_t exact_bytes;               /* weekly values kept while all fit this (0:
                                       * RUNNER_EXACT_BYTES; tests make it small to reach the
                                       * streaming estimators) */
    uint64_t seed;                    /* master seed */
    unsigned threads;                 /* 1..RUNNER_MAX_THREADS (fewer are used if reps < threads) */
    const runner_model *model;        /* &runner_model_real, or a test's fake */
    const volatile sig_atomic_t *stop; /* NULL, or a flag that asks the run to stop */
    runner_progress_fn progress;      /* NULL: none */
    void *progress_ctx;
    runner_replication_fn replication; /* NULL: none */
    void *replication_ctx;
} runner_config;

/* Aggregates of one scenario over all replications. */
typedef struct runner_scenario {
    double *values;                   /* reps x M_COUNT whole-period values: values[r*M_COUNT+m] */
    stats_weekly *weekly;             /* weeks x M_COUNT cells: cell w*M_COUNT+m */
    uint64_t wd_hist[MODEL_WD_HIST];  /* summed over replications */
    model_accounting acc;             /* summed over replications */
} runner_scenario;

typedef struct runner_results {
    size_t n_scenarios, reps;
    int weeks;                        /* measured weeks (the same for every scenario) */
    cal_date week0;                   /* first day of the measured period */
    uint64_t events;                  /* engine events over all runs (for timings) */
    runner_scenario *scn;             /* n_scenarios, in the order of cfg->params */
} runner_results;

/* Run cfg->reps replications of every scenario into *out. Returns RUNNER_OK; RUNNER_ERR with one
 * line in err (out of memory, a thread that cannot start, a model error: "replication R, scenario
 * S: ..."); or RUNNER_STOPPED. *out is valid only on RUNNER_OK; free it with runner_results_free
 * (safe on a zeroed struct, and runner_run leaves *out zeroed on failure). */
int runner_run(const runner_config *cfg, runner_results *out, char *err, size_t errlen);
void runner_results_free(runner_results *r);

/* The aggregates runner_run fills, for a caller that has the replications' results already (a
 * merge of shards, output.h): runner_results_init allocates them for reps replications of
 * n_scenarios scenarios over `weeks` weeks from week0, zeroed, keeping the weekly values within
 * exact_bytes as runner_config's (RUNNER_ERR with a message when out of memory);
 * runner_results_fold adds replication i (0..reps-1, each once, in increasing order: the
 * streaming percentiles depend on the order) from n_scenarios results. runner_run calls the same
 * two, so results folded here are the same, bit for bit, as a run of the same replications. */
int runner_results_init(runner_results *out, size_t n_scenarios, size_t reps, int weeks,
                        cal_date week0, size_t exact_bytes, char *err, size_t errlen);
void runner_results_fold(runner_results *out, size_t i, const model_results *res);

/* Shard k of n of a run of reps replications (docs/cluster.md) is replications
 * first..first+count-1: contiguous ranges in order, their sizes differing by at most one, that
 * together cover every replication once. n must be 1..reps and k below n. */
void runner_shard_range(size_t reps, size_t k, size_t n, size_t *first, size_t *count);

/* Threads to use by default: the online processors, within 1..RUNNER_MAX_THREADS. */
unsigned runner_default_threads(void);

#endif
