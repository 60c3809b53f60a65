/* model_earlyhelp: children's centres and family support (CAF).
 *
 * Capacity is a number of places: caseload cap x early help workers in post (a worker holds the
 * same families however many days the centre opens). A closure day is a day on which no family is
 * seen, so an episode that starts while the centre opens d days a week takes 5 / d times as long.
 * A family routed here waits first in, first out until a place is free, then has an episode of
 * random length. While it waits its need may rise; if it reaches the child in need level on the
 * waiting list the service steps it up to social care (with step_up_prob) or it goes away unmet.
 * A family that has waited longer than its patience (exponential, mean wait_patience) gives up and
 * goes away unmet, so the list has a ceiling. At the end of an episode a family at level 2 or 3 is
 * stepped up only if its lead worker sees it at that level (presentation, the worker's error and
 * supervision) and then with step_up_prob; otherwise it leaves unmet (a family that engages and
 * presents well is the one not stepped up). A family at level 0-1 leaves with its need met. Places
 * lost to a cut are not taken from families already in an episode: the cut bites on new starts. */
#include "model_earlyhelp.h"
#include "util.h"
#include "model_clock.h"
#include "model_demand.h"
#include "model_rand.h"
#include "model_socialwork.h"
#include "model_state.h"
#include "model_stats.h"
#include "model_frontdoor.h"
#include "model_management.h"
#include "model_staff.h"

#include <math.h>

/* Places: caseload_cap per worker in post, or caseload_max once the oldest family on the list has
 * waited longer than stretch_after (a centre under pressure takes more families per worker before
 * it turns them away; checked whenever a family joins or leaves). */
uint32_t model_eh_capacity(const model_state *st)
{
    const model_params *p = st->p;
    const model_staff *s = &st->staff[ROLE_EARLY_HELP];
    int stretched = st->eh_head != MODEL_NONE
                 && model_now(st) - st->fams[st->eh_head].since > p->eh_stretch_after;
    double c = (stretched ? p->eh_caseload_max : p->eh_caseload_cap) * (s->employed + s->agency);
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
    /* whichever comes first: the need reaches level 2, or the family gives up */
    double tg = t + model_exp_u(p->wait_patience, model_key_u(fa->key, MODEL_RNG_EARLY_HELP, fa->contacts, 3));
    double tc = p->escalation > 0 && fa->need < p->level_cin
              ? t + (p->level_cin - fa->need) / p->escalation * CAL_WORKDAYS_YEAR : st->tend;
    if (tc <= tg && tc < st->tend)
        model_schedule(st, tc, MEV_EH_ESCALATE, f, 0, &fa->ev);
    else if (tg < st->tend)
        model_schedule(st, tg, MEV_EH_GIVE_UP, f, 0, &fa->ev);
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
    fa->since = t;
    st->eh_open++;
    model_stock_add(st, ST_EH_CASES, t, 1);
    model_flow_add(st, FL_EH_STARTS, t, 1);
    st->acc.early_help_started++;
    model_unmet_begin(st, f, t);
    double z = model_key_normal(fa->key, MODEL_RNG_EARLY_HELP, fa->contacts, 0);
    double len = model_lognormal_of(p->episode_mean, &st->shape.episode, z) * 5.0 / st->days_open;
    model_defer(st, t + len, MEV_EH_END, f);
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

/* Whether the lead worker sees the family at child in need level or above. A step-up is a
 * referral, so the pressure that raises the front door's referral threshold raises this bar too
 * ("pressure for cases to be dealt with at CAF level"). */
static int recognised(const model_state *st, const model_family *fa)
{
    const model_params *p = st->p;
    double t = model_now(st);
    double z = model_key_normal(fa->key, MODEL_RNG_EARLY_HELP, fa->contacts, 4);
    double sd = p->noise_early_help * model_supervision_mult(st);
    double bar = p->level_cin + model_threshold_shift(st, t) - p->threshold_shift;
    return model_perceived_need(fa, 0, sd, z) >= bar;
}

void model_eh_give_up(model_state *st, uint32_t f)
{
    double t = model_now(st);
    st->fams[f].ev = ENG_NO_HANDLE;
    wait_leave(st, f, t);
    st->acc.early_help_gave_up++;
    model_flow_add(st, FL_EH_GAVE_UP, t, 1);
    model_unmet_begin(st, f, t);
    model_family_away(st, f, 0, 0);
}

void model_eh_escalate(model_state *st, uint32_t f)
{
    double t = model_now(st);
    st->fams[f].ev = ENG_NO_HANDLE;
    wait_leave(st, f, t);
    st->acc.early_help_left_waiting++;
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
    if (model_level(st->p, fa->need) >= 2 && recognised(st, fa) && steps_up(st, fa, 2))
        model_refer(st, f, 1);
    else
        model_family_away(st, f, 1, 0);
    model_eh_fill(st);
}
