/* Conservation: the accounting identities of include/model/model.h hold exactly on every replication of
 * several parameter sets, including stressed ones that leave contacts waiting at the front door and
 * cases waiting for allocation at the end, and one with every lever. Whole-period values stay
 * finite and in range. */
#include <math.h>
#include "check.h"
#include "model_testutil.h"
#include "model_scenarios.h"
#include "metrics.h"

static void check_identities(const char *name, uint64_t rep, const model_results *r)
{
    const model_accounting *a = &r->acc;
    CHECK_MSG(a->contacts == a->front_door_nfa + a->early_help_routed + a->referrals_from_front_door
                                 + a->awaiting_screening_at_end,
              "%s rep %lu: contacts", name, (unsigned long)rep);
    CHECK_MSG(a->referrals == a->referrals_from_front_door + a->step_ups, "%s rep %lu: referrals", name,
              (unsigned long)rep);
    CHECK_MSG(a->referrals == a->assessments_completed + a->awaiting_allocation_at_end
                                  + a->assessments_in_progress_at_end,
              "%s rep %lu: assessments", name, (unsigned long)rep);
    /* every child: arrived = gone for good + still somewhere at the end; referrals in children */
    CHECK_MSG(a->children_arrived == a->children_left + a->children_present_at_end,
              "%s rep %lu: children %lu arrived, %lu left + %lu present", name, (unsigned long)rep,
              (unsigned long)a->children_arrived, (unsigned long)a->children_left,
              (unsigned long)a->children_present_at_end);
    CHECK_MSG(a->child_referrals == a->child_assessments_completed + a->child_awaiting_allocation_at_end
                                        + a->child_assessments_in_progress_at_end,
              "%s rep %lu: children referred", name, (unsigned long)rep);
    CHECK_MSG(a->child_referrals >= a->referrals && a->child_referrals < 5 * a->referrals,
              "%s rep %lu: %lu children in %lu referrals", name, (unsigned long)rep,
              (unsigned long)a->child_referrals, (unsigned long)a->referrals);
    CHECK_MSG(a->early_help_routed == a->early_help_started + a->early_help_left_waiting
                                          + a->early_help_gave_up + a->early_help_waiting_at_end,
              "%s rep %lu: early help", name, (unsigned long)rep);
    CHECK_MSG(a->families_new == a->families_gone + a->families_at_end, "%s rep %lu: families",
              name, (unsigned long)rep);
    CHECK_MSG(a->families_at_end == a->families_away_at_end + a->awaiting_screening_at_end
                                        + a->early_help_waiting_at_end
                                        + a->families_in_early_help_at_end + a->families_in_care_at_end,
              "%s rep %lu: each family in one place", name, (unsigned long)rep);
    CHECK_MSG(a->families_in_care_at_end == a->cases_open_at_end, "%s rep %lu: one case per family in care",
              name, (unsigned long)rep);
    CHECK_MSG(a->contacts > 0 && a->referrals > 0 && a->families_new > 0, "%s: no flow", name);
}

static void check_values(const char *name, const model_results *r)
{
    for (int m = 0; m < M_COUNT; m++) {
        double v = r->total[m];
        CHECK_MSG(isfinite(v), "%s: %s is %g", name, metric_name(m), v);
        if (metric_kind_of(m) == MK_SHARE && m != M_turnover_rate) /* leavers per FTE may pass 1 */
            CHECK_MSG(v >= 0 && v <= 1 + 1e-9, "%s: share %s = %g", name, metric_name(m), v);
        else
            CHECK_MSG(v >= -1e-6, "%s: %s = %g negative", name, metric_name(m), v);
    }
    uint64_t n = 0;
    for (int i = 0; i < MODEL_WD_HIST; i++)
        n += r->wd_hist[i];
    double expect = r->total[M_assessments_completed] * r->weeks * 7 / CAL_DAYS_YEAR;
    CHECK_MSG(fabs((double)n - expect) < 0.5, "%s: wd_hist holds %lu, not %g", name, (unsigned long)n, expect);
}

static void check_set(const char *name, const model_params *p, int reps, int want_backlog)
{
    model_workspace *ws = model_workspace_create();
    int backlog = 0;
    for (int k = 0; k < reps; k++) {
        model_results r;
        run_one(ws, p, 7, (uint64_t)k, &r);
        check_identities(name, (uint64_t)k, &r);
        check_values(name, &r);
        backlog |= r.acc.awaiting_allocation_at_end > 0 && r.acc.awaiting_screening_at_end > 0;
        model_results_free(&r);
    }
    if (want_backlog)
        CHECK_MSG(backlog, "%s: expected work waiting at the end", name);
    model_workspace_destroy(ws);
}

int main(void)
{
    model_params p;
    params_defaults(&p);
    check_set("defaults", &p, 2, 0);

    small_authority(&p);
    check_set("small", &p, 4, 0);

    model_params q = p;
    q.staff[ROLE_SOCIAL_WORKER].fte *= 0.6;
    q.staff[ROLE_FRONT_DOOR].fte = 2;
    q.staff[ROLE_FRONT_DOOR_UNQUALIFIED].fte = 1;
    check_set("overloaded", &q, 3, 1);

    q = p;
    q.staff[ROLE_SOCIAL_WORKER].turnover = 1.0;
    q.staff[ROLE_SOCIAL_WORKER].recruitment_lag = 40;
    q.handoff_delay = 10;
    check_set("high turnover", &q, 3, 0);

    q = p;
    every_lever(&q);
    check_set("every lever", &q, 4, 0);

    q = p;
    q.structure = STRUCTURE_UNITS;
    check_set("units", &q, 3, 0);
    q.staff[ROLE_SOCIAL_WORKER].turnover = 2.0; /* units left without a qualified member */
    q.staff[ROLE_PRACTITIONER].turnover = 1.0;
    check_set("units, high turnover", &q, 3, 0);
    q = p;
    into_units_and_back(&q);
    check_set("into units and back", &q, 3, 0);
    q = p;
    q.structure = STRUCTURE_UNITS;
    every_lever(&q);
    check_set("units, every lever", &q, 3, 0);

    /* one child a family: every count in children equals the count in families */
    q = p;
    q.family_one_child = 1;
    q.family_two_children = 0;
    model_workspace *ws = model_workspace_create();
    model_results r;
    run_one(ws, &q, 7, 0, &r);
    CHECK_MSG(r.acc.child_referrals == r.acc.referrals && r.acc.children_arrived > 0,
              "one child a family: %lu children referred in %lu referrals",
              (unsigned long)r.acc.child_referrals, (unsigned long)r.acc.referrals);
    model_results_free(&r);
    /* the published shares: about 1.76 children a referral's family */
    run_one(ws, &p, 7, 0, &r);
    double per = (double)r.acc.child_referrals / (double)r.acc.referrals;
    CHECK_MSG(per > 1.5 && per < 2.1, "%g children a referral", per);
    model_results_free(&r);
    model_workspace_destroy(ws);

    return check_done("test_model_accounting");
}
