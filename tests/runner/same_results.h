/* same_results: every number a results folder is made from (whole-period values, the duration
 * histogram, the accounting counts and every weekly summary), compared bit for bit between two
 * runner_results: a run on other threads, or folded back from shards. Shared by the runner's tests. */
#ifndef CASELOAD_TEST_SAME_RESULTS_H
#define CASELOAD_TEST_SAME_RESULTS_H

#include <string.h>

#include "runner.h"
#include "stats.h"

static int same_results(const runner_results *a, const runner_results *b)
{
    if (a->n_scenarios != b->n_scenarios || a->reps != b->reps || a->weeks != b->weeks ||
        a->week0 != b->week0)
        return 0;
    for (size_t k = 0; k < a->n_scenarios; k++) {
        const runner_scenario *x = &a->scn[k], *y = &b->scn[k];
        if (memcmp(x->values, y->values, a->reps * M_COUNT * sizeof(double)) ||
            memcmp(x->wd_hist, y->wd_hist, sizeof x->wd_hist) ||
            memcmp(&x->acc, &y->acc, sizeof x->acc))
            return 0;
        for (size_t c = 0; c < (size_t)a->weeks * M_COUNT; c++) {
            stats_summary s, t;
            stats_weekly_get(x->weekly, c, &s);
            stats_weekly_get(y->weekly, c, &t);
            if (memcmp(&s, &t, sizeof s))
                return 0;
        }
    }
    return 1;
}

#endif
