/* Reproducibility and common random numbers.
 *  - The same seed, replication and parameters give identical results, byte for byte, whether the
 *    workspace is fresh or reused after other runs.
 *    The same holds with a move into units and back.
 *  - Another replication gives different results.
 *  - Common random numbers: with repeat contacts and re-referrals switched off, every contact is a
 *    new family, so the weekly contacts must be identical whatever the staffing. */
#include <math.h>
#include "check.h"
#include "model_testutil.h"
#include "model_scenarios.h"
#include "metrics.h"

static int same(const model_results *a, const model_results *b)
{
    return a->weeks == b->weeks && !memcmp(a->total, b->total, sizeof a->total)
        && !memcmp(a->weekly, b->weekly, (size_t)a->weeks * M_COUNT * sizeof *a->weekly)
        && !memcmp(a->wd_hist, b->wd_hist, sizeof a->wd_hist) && !memcmp(&a->acc, &b->acc, sizeof a->acc)
        && a->events == b->events;
}

static void reproducible(int units)
{
    model_params p;
    small_authority(&p);
    every_lever(&p);
    if (units)
        into_units_and_back(&p);
    model_workspace *w1 = model_workspace_create(), *w2 = model_workspace_create();
    model_results a, b, c;
    run_one(w1, &p, 42, 3, &a);
    run_one(w2, &p, 42, 0, &c); /* dirty the second workspace first */
    model_results_free(&c);
    run_one(w2, &p, 42, 3, &b);
    CHECK_MSG(same(&a, &b), "same seed and replication differ");
    run_one(w1, &p, 42, 4, &c);
    CHECK_MSG(!same(&a, &c), "replications 3 and 4 are identical");
    model_results_free(&a);
    model_results_free(&b);
    model_results_free(&c);
    model_workspace_destroy(w1);
    model_workspace_destroy(w2);
}

static void common_random_numbers(void)
{
    model_params p;
    small_authority(&p);
    p.repeat_prob = 0;
    p.repeat_prob_urgency = 0; /* no family comes back at any need */
    p.rereferral_prob = 0;
    model_params q = p;
    q.staff[ROLE_SOCIAL_WORKER].fte *= 0.7;
    q.staff[ROLE_FRONT_DOOR].fte += 3;
    model_workspace *ws = model_workspace_create();
    model_results a, b;
    run_one(ws, &p, 9, 1, &a);
    run_one(ws, &q, 9, 1, &b);
    int diff = 0;
    for (int w = 0; w < a.weeks; w++)
        diff += a.weekly[(size_t)w * M_COUNT + M_contacts] != b.weekly[(size_t)w * M_COUNT + M_contacts];
    CHECK_MSG(diff == 0, "%d weeks differ in new contacts between staffing scenarios", diff);
    CHECK_MSG(a.total[M_wd_to_assessment_mean] != b.total[M_wd_to_assessment_mean], "staffing changed nothing");
    model_results_free(&a);
    model_results_free(&b);
    model_workspace_destroy(ws);
}

int main(void)
{
    reproducible(0);
    reproducible(1); /* a move into units and back, with every other lever */
    common_random_numbers();
    return check_done("test_model_determinism");
}
