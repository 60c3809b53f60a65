/* model_management: manager time as one budget, gatekeeping under load, families' presentation
 * and leaving, and the cost stocks the budget cuts move.
 *
 * Managers in post (less the FTE-equivalents a budget cut's management landing removed) give
 * oversight_hours a week each to two calls on their time: supervising every front door, early help
 * and social worker in post (supervision_hours a week each, the standard) and reviewing
 * review_share of the front door's decisions (review_hours each). When the hours fall short of
 * both, both get the same share (`oversight`): that share of the decisions is reviewed, and each
 * worker gets that share of the standard, which raises their judgement error by supervision_noise
 * x (1 - share). The share is set at the start of each working day from the day's staff and a
 * moving average of decisions a day, so it costs nothing per decision. */
#include "model_management.h"
#include "model_pools.h"
#include "model_rand.h"
#include "model_staff.h"
#include "model_state.h"
#include "model_units.h"
#include "model_stats.h"

#include <math.h>

#define WEEKS_YEAR (CAL_DAYS_YEAR / 7.0)
#define WEEKS_MONTH (WEEKS_YEAR / 12.0)

static int in_post(const model_state *st, int role)
{
    return st->staff[role].employed + st->staff[role].agency;
}

static double sw_cases(const model_state *st)
{
    const model_staff *s = &st->staff[ROLE_SOCIAL_WORKER];
    uint32_t heads[2] = {s->emp_head, s->ag_head};
    double n = 0;
    for (int k = 0; k < 2; k++)
        for (uint32_t w = heads[k]; w != MODEL_NONE; w = st->workers[w].l_next)
            n += st->workers[w].cases;
    return n + model_units_cases(st);
}

/* Gatekeeping under load: the referral threshold rises with social care's load (cases held and
 * unallocated over what the workers in post hold at the cap) above gatekeeping_from. */
static double gatekeeping(const model_state *st)
{
    const model_params *p = st->p;
    int n = in_post(st, ROLE_SOCIAL_WORKER);
    if (p->gatekeeping <= 0 || n <= 0 || st->cap <= 0)
        return 0;
    double load = (sw_cases(st) + st->unallocated) / (n * st->cap) - p->gatekeeping_from;
    return load > 0 ? p->gatekeeping * load : 0;
}

static double oversight_share(const model_state *st)
{
    const model_params *p = st->p;
    double hours = (in_post(st, ROLE_MANAGER) - st->mgmt_fte_lost) * p->oversight_hours;
    int workers = in_post(st, ROLE_SOCIAL_WORKER) + in_post(st, ROLE_EARLY_HELP)
                + in_post(st, ROLE_FRONT_DOOR) + in_post(st, ROLE_FRONT_DOOR_UNQUALIFIED);
    double demand = p->supervision_hours * workers
                  + p->review_share * p->review_hours * st->decisions_day * 5.0;
    if (hours <= 0)
        return 0;
    return demand > hours ? hours / demand : 1.0;
}

void model_mgmt_day(model_state *st, double t)
{
    /* yesterday's decisions into a moving average over about four weeks */
    if (st->decisions_day < 0)
        st->decisions_day = st->p->contacts_per_week * 1.3 / 5.0;
    else
        st->decisions_day += (st->decisions_today - st->decisions_day) / 20.0;
    st->decisions_today = 0;
    st->oversight = oversight_share(st);
    st->gate_shift = gatekeeping(st);
    double sup = st->oversight * st->p->supervision_hours * WEEKS_MONTH; /* hours a month */
    model_stock_add(st, ST_SUPERVISION, t, sup - st->booked_supervision);
    st->booked_supervision = sup;
}

double model_supervision_mult(const model_state *st)
{
    return 1.0 + st->p->supervision_noise * (1.0 - st->oversight);
}

int model_mgmt_review(model_state *st, uint32_t f, double t)
{
    const model_family *fa = &st->fams[f];
    st->decisions_today++;
    int reviewed = model_key_u(fa->key, MODEL_RNG_REVIEW, fa->contacts, 0) < st->p->review_share * st->oversight;
    if (reviewed)
        model_flow_add(st, FL_REVIEWED, t, 1);
    return reviewed;
}

void model_family_present(model_state *st, uint32_t f, double z)
{
    st->fams[f].presentation = st->p->presentation_sd * z;
}

void model_family_gone(model_state *st, uint32_t f)
{
    uint32_t r = st->fams[f].referrals;
    st->ref_hist[r < 63 ? r : 63]++;
    st->acc.families_gone++;
    model_family_free(st, f);
}

/* Running costs a year of a pool (days open a week: early help's, else five). */
static double running_year(const model_state *st, int role)
{
    double days = role == ROLE_EARLY_HELP ? st->days_open : 5.0;
    return st->p->staff[role].running_cost * days * WEEKS_YEAR;
}

void model_costs_book(model_state *st, double t)
{
    double run = 0;
    for (int r = 0; r < ROLE_COUNT; r++)
        run += running_year(st, r);
    model_stock_add(st, ST_COST_RUNNING, t, run - st->booked_running);
    st->booked_running = run;
    double cap = st->p->eh_caseload_cap * in_post(st, ROLE_EARLY_HELP) * st->days_open / 5.0;
    model_stock_add(st, ST_EH_CAPACITY, t, cap - st->booked_eh_cap);
    st->booked_eh_cap = cap;
}
