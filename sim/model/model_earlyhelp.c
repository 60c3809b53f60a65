/* model_earlyhelp: children's centres and family support (CAF).
 *
 * Capacity is a number of places: caseload cap x early help workers in post x days open / 5. A
 * family routed here waits first in, first out until a place is free, then has an episode of
 * random length. While it waits its need may rise; if it reaches the child in need level on the
 * waiting list the service steps it up to social care (with step_up_prob) or it gives up and comes
 * back later as a repeat contact. At the end of an episode a family at level 2 or 3 is stepped up
 * with step_up_prob or leaves unmet; a family at level 0-1 leaves with its need met. Places lost
 * to a cut are not taken from families already in an episode: the cut bites on new starts. */
#include "model_earlyhelp.h"
#include "util.h"
#include "model_clock.h"
#include "model_demand.h"
#include "model_rand.h"
#include "model_socialwork.h"
#include "model_state.h"
#include "model_stats.h"

#include <math.h>

uint32_t model_eh_capacity(const model_state *st)
{
    const model_staff *s = &st->staff[ROLE_EARLY_HELP];
    double c = st->p->eh_caseload_cap * (s->employed + s->agency) * st->days_open / 5.0;
    return c > 0 ? (uint32_t)floor(c + 1e-9) : 0;
}

static void wait_join(model_state *st, uint32_t f, double t)
{
    const model_params *p = st->p;
    model_family *fa = &st->fams[f];
    model_unmet_end(st, f, t); /* the wait is booked whole when it ends, with its rising need */
    fa->state = FAM_EH_WAIT;
    fa->since = t;
    UTIL_LIST_PUSH_BACK(st->fams, st->eh_head, st->eh_tail, f, qprev, qnext);
    st->eh_waiting++;
    model_stock_add(st, ST_EH_WAIT, t, 1);
    if (p->escalation > 0 && fa->need < p->level_cin) {
        double tc = t + (p->level_cin - fa->need) / p->escalation * CAL_WORKDAYS_YEAR;
        if (tc < st->tend)
            model_schedule(st, tc, MEV_EH_ESCALATE, f, 0, &fa->ev);
    }
}

static void wait_leave(model_state *st, uint32_t f, double t)
{
    model_family *fa = &st->fams[f];
    UTIL_LIST_UNLINK(st->fams, st->eh_head, st->eh_tail, f, qprev, qnext);
    fa->qprev = fa->qnext = MODEL_NONE;
    st->eh_waiting--;
    model_stock_add(st, ST_EH_WAIT, t, -1);
    model_cancel(st, &fa->ev);
    model_unmet_rising(st, fa->need, fa->since, t, fa->kids);
    fa->need = model_need_after(st->p, fa->need, fa->since, t);
}

void model_eh_route(model_state *st, uint32_t f)
{
    wait_join(st, f, model_now(st));
    model_eh_fill(st);
}

static void episode_start(model_state *st, uint32_t f, double t)
{
    const model_params *p = st->p;
    model_family *fa = &st->fams[f];
    wait_leave(st, f, t);
    fa->state = FAM_EH;
    st->eh_open++;
    model_stock_add(st, ST_EH_CASES, t, 1);
    model_flow_add(st, FL_EH_STARTS, t, 1);
    model_unmet_begin(st, f, t);
    double z = model_key_normal(fa->key, MODEL_RNG_EARLY_HELP, fa->contacts, 0);
    model_defer(st, t + model_lognormal(p->episode_mean, p->episode_cv, z), MEV_EH_END, f);
}

void model_eh_fill(model_state *st)
{
    double t = model_now(st);
    uint32_t cap = model_eh_capacity(st);
    while (st->eh_open < cap && st->eh_head != MODEL_NONE && !st->failed)
        episode_start(st, st->eh_head, t);
}

static int steps_up(const model_state *st, const model_family *fa, uint32_t j)
{
    return model_key_u(fa->key, MODEL_RNG_EARLY_HELP, fa->contacts, j) < st->p->step_up_prob;
}

void model_eh_escalate(model_state *st, uint32_t f)
{
    double t = model_now(st);
    st->fams[f].ev = ENG_NO_HANDLE;
    wait_leave(st, f, t);
    model_unmet_begin(st, f, t);
    if (steps_up(st, &st->fams[f], 1))
        model_refer(st, f, 1);
    else
        model_family_away(st, f, 0, 0);
}

void model_eh_end(model_state *st, uint32_t f)
{
    double t = model_now(st);
    model_family *fa = &st->fams[f];
    st->eh_open--;
    model_stock_add(st, ST_EH_CASES, t, -1);
    if (model_level(st->p, fa->need) >= 2 && steps_up(st, fa, 2))
        model_refer(st, f, 1);
    else
        model_family_away(st, f, 1, 0);
    model_eh_fill(st);
}
