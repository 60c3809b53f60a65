/* Helpers shared by the model tests: runs that average, and a small authority. */
#ifndef CASELOAD_MODEL_TESTUTIL_H
#define CASELOAD_MODEL_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model.h"

/* Checks come from tests/check.h (CHECK_MSG, check_done), which each test includes itself. */

/* Run replication rep of p into r (initialised here); exits on a model error. */
static inline void run_one(model_workspace *ws, const model_params *p, uint64_t seed, uint64_t rep, model_results *r)
{
    char err[256];
    if (model_results_init(r, p)) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    if (model_run(ws, p, seed, rep, r, err, sizeof err)) {
        fprintf(stderr, "model_run: %s\n", err);
        exit(2);
    }
}

/* Mean of the whole-period metrics over reps replications. */
static inline void run_mean(const model_params *p, uint64_t seed, int reps, double *mean)
{
    model_workspace *ws = model_workspace_create();
    memset(mean, 0, M_COUNT * sizeof *mean);
    for (int k = 0; k < reps; k++) {
        model_results r;
        run_one(ws, p, seed, (uint64_t)k, &r);
        for (int m = 0; m < M_COUNT; m++)
            mean[m] += r.total[m] / reps;
        model_results_free(&r);
    }
    model_workspace_destroy(ws);
}

/* An authority a third of the default's size (Isle of Wight scale), for fast tests. */
static inline void small_authority(model_params *p)
{
    params_defaults(p);
    double s = 26100.0 / p->children;
    p->children = 26100;
    p->contacts_per_week *= s;
    for (int r = 0; r < ROLE_COUNT; r++)
        p->staff[r].fte = (double)(long)(p->staff[r].fte * s + 0.5);
}

#endif
