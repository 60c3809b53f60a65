/* Units against pools (issue 14), on paired runs (common random numbers: the same families arrive
 * with the same need in both):
 *  - the same demand and the same qualified hours (the social worker establishment; the units have
 *    a coordinator but no practitioner or clinician, so no case work hours are added but the
 *    coordinator's relief): a units service has fewer handoffs when staff leave (a unit keeps the
 *    cases of a member who goes) and a shorter time to assessment, each difference's 95% interval
 *    above zero and larger than the measure's smallest difference that matters;
 *  - the relief is what shortens the wait: units without their coordinator lose most of the gain;
 *  - a unit's cases are held by its holder alone: no social worker in a unit holds a case of their
 *    own, and a unit with no qualified member holds none (checked at the end of a run with very
 *    high turnover, which empties units now and then);
 *  - only the qualified lead section 47 work: a unit's hours are its qualified members' (with the
 *    coordinator's relief) plus its practitioners' share at most up to its plan work other than
 *    enquiries, and the enquiries' hours it keeps apart are those of its cases under enquiry;
 *  - a restructure into units and back to pools keeps every case (tests/model/test_model_accounting.c
 *    runs the identities on the same sets). */
#include <math.h>
#include "check.h"
#include "model_testutil.h"
#include "model_scenarios.h"
#include "model_state.h"
#include "model_demand.h"
#include "model_test.h"
#include "metrics.h"

#define REPS 10

/* Mean and 95% half-width (t with REPS-1 degrees of freedom) of a - b over the replications. */
typedef struct paired { double mean, half; } paired;

static paired compare(const model_params *a, const model_params *b, metric_id m)
{
    model_workspace *ws = model_workspace_create();
    double d[REPS], s = 0, ss = 0;
    for (int k = 0; k < REPS; k++) {
        model_results ra, rb;
        run_one(ws, a, 11, (uint64_t)k, &ra);
        run_one(ws, b, 11, (uint64_t)k, &rb);
        d[k] = ra.total[m] - rb.total[m];
        s += d[k];
        model_results_free(&ra);
        model_results_free(&rb);
    }
    model_workspace_destroy(ws);
    double mean = s / REPS;
    for (int k = 0; k < REPS; k++)
        ss += (d[k] - mean) * (d[k] - mean);
    return (paired){mean, 2.262 * sqrt(ss / (REPS - 1) / REPS)}; /* t(0.975, 9) */
}

static void base_pair(model_params *pools, model_params *units)
{
    small_authority(pools);
    pools->years = 3;
    *units = *pools;
    units->structure = STRUCTURE_UNITS;
    units->unit_practitioners = 0;
    units->unit_clinicians = 0;
    units->unit_coordinators = 1;
    /* the same benchmark per qualified member as the pools' */
    units->unit_caseload_cap = 2 * pools->caseload_cap;
    units->unit_caseload_max = 2 * pools->caseload_max;
}

static void fewer_handoffs_and_shorter_waits(void)
{
    model_params pools, units;
    base_pair(&pools, &units);
    paired h = compare(&pools, &units, M_handoffs);
    printf("handoffs a year: pools - units = %.1f +- %.1f\n", h.mean, h.half);
    CHECK_MSG(h.mean - h.half > 0 && h.mean > 1, "units do not hand off fewer cases: %g +- %g",
              h.mean, h.half);
    paired w = compare(&pools, &units, M_wd_to_assessment_mean);
    printf("working days to assessment: pools - units = %.2f +- %.2f\n", w.mean, w.half);
    CHECK_MSG(w.mean - w.half > 0 && w.mean > 1, "units do not assess sooner: %g +- %g", w.mean, w.half);

    model_params bare = units;
    bare.unit_coordinators = 0;
    paired r = compare(&bare, &units, M_wd_to_assessment_mean);
    printf("working days to assessment: units without - with coordinator = %.2f +- %.2f\n", r.mean, r.half);
    CHECK_MSG(r.mean - r.half > 0 && r.mean > 0.5 * w.mean,
              "the coordinator's relief is not what shortens the wait: %g of %g", r.mean, w.mean);
}

/* A holder's hours, from its unit's members and its cases (no restructure: productivity 1). */
static void unit_hours_hold(const char *name, const model_state *st, const model_worker *wk)
{
    const model_params *p = st->p;
    const model_unit *u = &st->units[wk->unit];
    double s47 = 0;
    for (uint32_t c = wk->case_head; c != MODEL_NONE; c = st->cases[c].w_next)
        if (st->cases[c].state == CASE_S47)
            s47 += p->hours_s47 * model_family_work(p, st->fams[st->cases[c].family].kids);
    CHECK_MSG(fabs(s47 - u->s47_hours) < 1e-6, "%s: enquiry hours %g kept as %g", name, s47, u->s47_hours);
    double co = u->n[ROLE_COORDINATOR] / p->unit_coordinators;
    double q = u->n[ROLE_SOCIAL_WORKER] * (p->staff[ROLE_SOCIAL_WORKER].hours_per_week
                                           + (co < 1 ? co : 1) * p->unit_admin_relief);
    double prac = u->n[ROLE_PRACTITIONER] * p->unit_practitioner_share
                * p->staff[ROLE_PRACTITIONER].hours_per_week;
    double other = fmax(0, wk->ps.plan_hours - s47);
    CHECK_MSG(fabs(wk->ps.hours - (q + fmin(prac, other))) < 1e-6, "%s: unit hours %g, not %g + min(%g, %g)",
              name, wk->ps.hours, q, prac, other);
}

/* After a run: members hold nothing; holders hold only what a qualified member can lead. */
static void holders_alone(const char *name, const model_params *p)
{
    model_workspace *ws = model_workspace_create();
    model_results r;
    run_one(ws, p, 5, 0, &r);
    const model_state *st = model_test_state(ws);
    int members = 0, orphan = 0, holders = 0;
    for (uint32_t w = 0; w < st->nworkers; w++) {
        const model_worker *wk = &st->workers[w];
        if (!wk->alive)
            continue;
        if (wk->holder) {
            holders++;
            unit_hours_hold(name, st, wk);
            orphan += st->units[wk->unit].n[ROLE_SOCIAL_WORKER] == 0 && wk->cases > 0;
        } else if (wk->unit != MODEL_NONE) {
            members++;
            CHECK_MSG(wk->cases == 0, "%s: a unit member holds %u children", name, wk->cases);
        }
    }
    CHECK_MSG(holders == (int)st->nunits && holders > 0 && members > holders,
              "%s: %d holders, %u units, %d members", name, holders, st->nunits, members);
    CHECK_MSG(orphan == 0, "%s: %d units with no qualified member hold cases", name, orphan);
    model_results_free(&r);
    model_workspace_destroy(ws);
}

static void units_hold_their_cases(void)
{
    model_params pools, units;
    base_pair(&pools, &units);
    holders_alone("units", &units);
    units.unit_practitioners = 1;
    units.staff[ROLE_PRACTITIONER].hours_per_week = 400; /* more than the plan work: capped */
    holders_alone("units with practitioners", &units);
    units.staff[ROLE_PRACTITIONER].hours_per_week = 30;
    units.staff[ROLE_SOCIAL_WORKER].turnover = 2.0; /* units empty now and then */
    units.staff[ROLE_SOCIAL_WORKER].recruitment_lag = 60;
    holders_alone("units, high turnover", &units);
}

int main(void)
{
    fewer_handoffs_and_shorter_waits();
    units_hold_their_cases();
    return check_done("test_model_units");
}
