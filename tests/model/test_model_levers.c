/* Each lever moves its metrics the right way, shown on paired runs with common random numbers:
 * the baseline and the alternative run the same replications with the same seed, and the mean of
 * the paired differences must have the expected sign and be more than two standard errors from
 * zero. A lever the model reads but does not act on fails here. */
#include <math.h>
#include "check.h"
#include "model_testutil.h"
#include "model_scenarios.h"
#include "metrics.h"

#define REPS 12

typedef struct pair {
    double base[REPS][M_COUNT], alt[REPS][M_COUNT];
    double *wbase[REPS], *walt[REPS]; /* weekly series */
    int weeks;
} pair;

static void run_pair(const model_params *a, const model_params *b, pair *out)
{
    model_workspace *ws = model_workspace_create();
    for (int k = 0; k < REPS; k++) {
        model_results r;
        run_one(ws, a, 2011, (uint64_t)k, &r);
        memcpy(out->base[k], r.total, sizeof r.total);
        out->wbase[k] = r.weekly;
        out->weeks = r.weeks;
        run_one(ws, b, 2011, (uint64_t)k, &r);
        memcpy(out->alt[k], r.total, sizeof r.total);
        out->walt[k] = r.weekly;
    }
    model_workspace_destroy(ws);
}

static void free_pair(pair *pr)
{
    for (int k = 0; k < REPS; k++) {
        free(pr->wbase[k]);
        free(pr->walt[k]);
    }
}

/* Check alt - base has sign `dir` (+1 up, -1 down) on metric m, beyond two standard errors. */
static void expect(const char *lever, const pair *pr, metric_id m, int dir)
{
    double d[REPS], mean = 0, var = 0;
    for (int k = 0; k < REPS; k++) {
        d[k] = pr->alt[k][m] - pr->base[k][m];
        mean += d[k] / REPS;
    }
    for (int k = 0; k < REPS; k++)
        var += (d[k] - mean) * (d[k] - mean) / (REPS - 1);
    double se = sqrt(var / REPS);
    CHECK_MSG(dir * mean > 2 * se && dir * mean > 0, "%s: %s should go %s; mean diff %g (se %g)", lever,
              metric_name(m), dir > 0 ? "up" : "down", mean, se);
}

/* alt - base on metric m not below -rel of the baseline's mean: the lever does not cut it. */
static void expect_not_down(const char *lever, const pair *pr, metric_id m, double rel)
{
    double mean = 0, base = 0;
    for (int k = 0; k < REPS; k++) {
        mean += (pr->alt[k][m] - pr->base[k][m]) / REPS;
        base += pr->base[k][m] / REPS;
    }
    CHECK_MSG(mean >= -rel * fabs(base), "%s: %s should not fall; mean diff %g of %g", lever,
              metric_name(m), mean, base);
}

static void lever(const char *name, const model_params *base, const model_params *alt, metric_id m1, int d1,
                  int m2, int d2)
{
    pair pr;
    run_pair(base, alt, &pr);
    expect(name, &pr, m1, d1);
    if (m2 >= 0)
        expect(name, &pr, (metric_id)m2, d2);
    free_pair(&pr);
}

/* Mean over replications and over weeks [w0, w1) of a weekly metric. */
static double window(double *const *weekly, int w0, int w1, metric_id m)
{
    double s = 0;
    int n = 0;
    for (int k = 0; k < REPS; k++)
        for (int w = w0; w < w1; w++) {
            double v = weekly[k][(size_t)w * M_COUNT + m];
            if (!isnan(v)) {
                s += v;
                n++;
            }
        }
    return n ? s / n : NAN;
}

static void restructure_window(const model_params *base)
{
    model_params q = *base;
    params_event *ev = add_event(&q, EVT_RESTRUCTURE, 2012, 4, 2);
    ev->duration = 130;
    ev->productivity = 0.75;
    ev->handoff_share = 0.3;
    pair pr;
    run_pair(base, &q, &pr);
    int w0 = (int)((cal_from_ymd(2012, 4, 2) - q.start) / 7), w1 = w0 + 26;
    double before = window(pr.walt, w0 - 26, w0, M_share_within_45wd);
    double during = window(pr.walt, w0 + 4, w1 + 4, M_share_within_45wd); /* effects lag allocation */
    CHECK_MSG(during < before - 0.02, "restructure: share within 45 wd %g during vs %g before", during, before);
    free_pair(&pr);
    q = *base;
    ev = add_event(&q, EVT_RESTRUCTURE, 2011, 4, 1);
    ev->duration = 260;
    ev->productivity = 1;
    ev->handoff_share = 0;
    ev->turnover_multiplier = 3;
    lever("restructure turnover", base, &q, M_turnover_rate, +1, -1, 0);
    model_params slow = *base; /* costly handoffs, the same in both runs of the pair */
    slow.handoff_delay = 15;
    slow.handoff_lost = 0.5;
    q = slow;
    ev = add_event(&q, EVT_RESTRUCTURE, 2011, 4, 1);
    ev->duration = 130;
    ev->productivity = 1;
    ev->turnover_multiplier = 1;
    ev->handoff_share = 1;
    run_pair(&slow, &q, &pr);
    w0 = (int)((cal_from_ymd(2011, 4, 1) - q.start) / 7);
    /* Over the 26 weeks of the disruption: in its first weeks the handed-off assessments stall,
     * and the few that complete then are the quick ones, so a shorter window would measure that
     * selection rather than the delay. */
    /* Workers work to the deadline, so the lost time shows as assessments pushed past it (the
     * quick ones still end early, which keeps the mean nearly where it was). */
    double b = window(pr.wbase, w0, w0 + 26, M_share_within_45wd);
    double a = window(pr.walt, w0, w0 + 26, M_share_within_45wd);
    CHECK_MSG(a < b - 0.01, "handoffs: share within 45 working days %g after vs %g in the baseline", a, b);
    double nb = window(pr.wbase, w0, w0 + 4, M_assessments_completed);
    double na = window(pr.walt, w0, w0 + 4, M_assessments_completed);
    CHECK_MSG(na < 0.5 * nb, "handoffs: %g assessments a week completed in the first 4 weeks vs %g",
              na, nb);
    free_pair(&pr);
}

static void staffing(const model_params *p)
{
    model_params q = *p;
    q.staff[ROLE_SOCIAL_WORKER].fte *= 1.2;
    lever("more social workers", p, &q, M_wd_to_assessment_mean, -1, M_caseload_per_sw, -1);
    q = *p;
    q.hours_cin *= 1.5;
    q.hours_cp *= 1.5;
    q.hours_lac *= 1.5;
    lever("more hours per plan case", p, &q, M_wd_to_assessment_mean, +1, M_overload_hours, +1);
    q = *p;
    params_event *ev = add_event(&q, EVT_INVESTMENT, 2011, 4, 1);
    ev->fte = 10;
    ev->ramp = 60;
    lever("investment", p, &q, M_sw_fte_in_post, +1, M_wd_to_assessment_mean, -1);
    q = *p;
    ev = add_event(&q, EVT_RECRUITMENT_FREEZE, 2011, 4, 1);
    ev->duration = 520;
    lever("recruitment freeze", p, &q, M_sw_fte_in_post, -1, M_vacancy_rate, +1);
    q = *p;
    ev = add_event(&q, EVT_AGENCY_CAP, 2011, 4, 1);
    ev->cap = 0;
    lever("agency cap", p, &q, M_agency_rate, -1, M_cost_agency, -1);
    q = *p;
    ev = add_event(&q, EVT_BUDGET_CUT, 2011, 4, 1);
    ev->target = ROLE_SOCIAL_WORKER;
    ev->fraction = 0.2;
    lever("social work cut at once", p, &q, M_caseload_per_sw, +1, M_wd_to_assessment_mean, +1);
    model_params r = *p;
    ev = add_event(&r, EVT_BUDGET_CUT, 2011, 4, 1);
    ev->target = ROLE_SOCIAL_WORKER;
    ev->fraction = 0.2;
    ev->by_attrition = 1;
    /* over the half year after the cut, when attrition has not yet caught up with it */
    pair pr;
    run_pair(&q, &r, &pr);
    int w0 = (int)((cal_from_ymd(2011, 4, 1) - q.start) / 7);
    double now = window(pr.wbase, w0 + 1, w0 + 27, M_sw_fte_in_post);
    double later = window(pr.walt, w0 + 1, w0 + 27, M_sw_fte_in_post);
    CHECK_MSG(later > now + 0.5, "cut by attrition rather than at once: %g in post vs %g", later, now);
    free_pair(&pr);
    q = *p;
    ev = add_event(&q, EVT_RESTRUCTURE, 2011, 4, 1);
    ev->productivity = 1;
    ev->turnover_multiplier = 1;
    ev->handoff_share = 0;
    ev->new_caseload_cap = 14;
    lever("lower caseload cap", p, &q, M_unallocated_cases, +1, M_days_to_allocation, +1);
}

static void front_door(const model_params *p)
{
    model_params full = *p; /* early help near its capacity, so a cut of it bites */
    full.eh_caseload_cap = full.eh_caseload_max = 10;
    model_params q = full;
    params_event *ev = add_event(&q, EVT_BUDGET_CUT, 2011, 4, 1);
    ev->target = ROLE_EARLY_HELP;
    ev->fraction = 0.27;
    ev->fte_share = 0.15;
    ev->closure_share = 0.75;
    ev->management_share = 0.10;
    lever("early help cut 27% and a closure day", &full, &q, M_early_help_waiting, +1, M_early_help_starts, -1);
    lever("early help cut 27% (families give up)", &full, &q, M_early_help_gave_up, +1, M_cost_total, -1);
    model_params off = *p, on = *p;
    off.history_use = 0;
    on.history_use = 1;
    lever("history use", &off, &on, M_families_3plus_contacts_no_assessment, -1, M_referrals, +1);
    q = *p;
    ev = add_event(&q, EVT_HISTORY_USE, 2011, 4, 1);
    ev->enabled = 0;
    lever("history use off from a date", p, &q, M_families_3plus_contacts_no_assessment, +1, -1, 0);
    q = *p;
    ev = add_event(&q, EVT_THRESHOLD_PRESSURE, 2011, 4, 1);
    ev->threshold_shift = 0.3;
    ev->ramp = 60;
    lever("threshold pressure", p, &q, M_referrals, -1, M_unmet_high_need_child_days, +1);
    q = *p;
    ev = add_event(&q, EVT_THRESHOLD_PRESSURE, 2011, 4, 1);
    ev->outcome_shift = 0.3;
    lever("outcome shift", p, &q, M_assessment_nfa_share, +1, M_cp_plans_started, -1);
    {   /* down a step, not out of care: looked-after starts are not cut (the old shift moved the
         * looked-after cut point too and removed a third of them) */
        pair pr;
        run_pair(p, &q, &pr);
        expect_not_down("outcome shift", &pr, M_lac_started, 0.02);
        free_pair(&pr);
    }
    q = *p;
    ev = add_event(&q, EVT_DEMAND_SHOCK, 2011, 4, 1);
    ev->factor = 1.3;
    ev->ramp = 40;
    lever("demand shock", p, &q, M_contacts, +1, M_referrals, +1);
    q = *p;
    ev = add_event(&q, EVT_BUDGET_CUT, 2011, 4, 1);
    ev->target = ROLE_MANAGER;
    ev->fraction = 0.27;
    /* less manager time: fewer reviews, less supervision, more families misjudged again */
    lever("management time cut 27%", p, &q, M_decisions_reviewed, -1,
          M_supervision_hours_per_worker, -1);
    /* noisier judgements everywhere: more families referred who are not in need, and more high
     * need missed */
    /* (timeliness barely moves: workers work to the deadline whatever their supervision) */
    lever("management time cut 27% (downstream)", p, &q, M_assessment_nfa_share, +1,
          M_unmet_high_need_child_days, +1);
    q = *p;
    ev = add_event(&q, EVT_THRESHOLD_PRESSURE, 2011, 4, 1);
    ev->threshold_shift = 0.3;
    lever("threshold pressure routes to early help", p, &q, M_early_help_starts, +1,
          M_families_3plus_contacts_no_assessment, +1);
    model_params stretch = *p; /* early help near its cap: a wait makes workers take more */
    stretch.eh_caseload_cap = 8;
    model_params fixed = stretch;
    fixed.eh_caseload_max = 8;
    lever("early help caseloads bend before families give up", &fixed, &stretch,
          M_early_help_caseload_per_worker, +1, M_early_help_gave_up, -1);
    model_params gate = *p;
    gate.gatekeeping = 1.0;
    gate.gatekeeping_from = 0.5;
    lever("gatekeeping under load", p, &gate, M_referrals, -1, M_caseload_per_sw, -1);
    model_params hidden = *p;
    hidden.presentation_sd = 1.0;
    lever("presentation", p, &hidden, M_families_3plus_contacts_no_assessment, +1,
          M_unmet_high_need_child_days, +1);
}

/* Allocation by team managers and the cost of overload, on a stretched authority (a quarter of
 * its social workers gone) where the benchmark binds. */
static void allocation_and_overload(const model_params *p)
{
    model_params tight = *p;
    tight.staff[ROLE_SOCIAL_WORKER].fte = floor(0.75 * tight.staff[ROLE_SOCIAL_WORKER].fte + 0.5);
    model_params q = tight;
    q.allocation_wait = 0; /* managers allocate above the benchmark at once */
    lever("no wait before allocation above the benchmark", &tight, &q, M_unallocated_cases, -1,
          M_share_sw_over_20, +1);
    q = tight;
    q.caseload_max = tight.caseload_cap; /* no allocation above the benchmark at all */
    lever("hard maximum at the benchmark", &tight, &q, M_unallocated_cases, +1, M_days_to_allocation, +1);
    q = *p;
    q.allocation_interval = 5; /* a weekly allocation meeting */
    lever("weekly allocation meeting", p, &q, M_days_to_allocation, +1, M_wd_to_assessment_mean, +1);
    model_params calm = tight, hasty = tight;
    calm.overload_haste = 0;
    hasty.overload_haste = 0.05;
    lever("overload cuts assessments shorter", &calm, &hasty, M_wd_to_assessment_mean, -1, -1, 0);
    model_params careful = tight, noisy = tight;
    careful.overload_noise = 0;
    noisy.overload_noise = 0.2;
    /* more noise sends children past the cut points both ways; most referred children sit in
     * the child in need band just above its lower cut, so more are wrongly closed (no further
     * action) and fewer reach the enquiry cut (measured: NFA up, s47 down) */
    lever("overload adds assessor noise", &careful, &noisy, M_assessment_nfa_share, +1, M_s47_per_referral, -1);
    q = *p;
    q.sibling_work = 0; /* a sibling group costs one child's work */
    lever("sibling groups cost more work", &q, p, M_wd_to_assessment_mean, +1, M_overload_hours, +1);
    q = *p;
    q.deadline_weight = 1; /* no work to the deadline */
    lever("work to the deadline", &q, p, M_share_within_45wd, +1, -1, 0);
}

int main(void)
{
    model_params p;
    small_authority(&p);
    staffing(&p);
    front_door(&p);
    restructure_window(&p);
    allocation_and_overload(&p);
    return check_done("test_model_levers");
}
