/* model_frontdoor: screening of contacts (MASH / first response).
 *
 * Screeners are servers: a contact queues first in, first out and takes screening_hours of one
 * screener's time (a working day holds hours_per_week / 5 of it). The screener sees need less
 * the family's presentation (the same every time: a parent who rebuts every concern looks better
 * every time) plus noise, which grows for less qualified staff, with the backlog beyond a day's
 * work and with supervision below its standard. With chronologies on, every earlier contact of the
 * family within history_window (up to four) adds history_weight and the screener sees through
 * history_discount of the presentation. Two thresholds route the contact to no further action,
 * early help or a referral: threshold pressure and gatekeeping under load raise the referral
 * threshold (more to early help), and only an event's early_help_shift raises the other. A manager
 * reviews a share of decisions, as manager time allows (model_management.c), judging with the
 * family's history, seeing through presentation as a chronology does, with a reviewer's noise
 * (never the true need), and re-routes a decision the reviewer disagrees with. */
#include "model_frontdoor.h"
#include "model_clock.h"
#include "model_demand.h"
#include "model_earlyhelp.h"
#include "model_events.h"
#include "model_pools.h"
#include "model_rand.h"
#include "model_socialwork.h"
#include "model_state.h"
#include "model_stats.h"
#include "model_management.h"

#include <math.h>
#include <stddef.h>

enum { ROUTE_NFA, ROUTE_EH, ROUTE_REFER };

double model_threshold_shift(const model_state *st, double t)
{
    return model_levers_combined(st, EVT_THRESHOLD_PRESSURE, offsetof(params_event, threshold_shift),
                                 st->p->threshold_shift + st->gate_shift, 0, t);
}

/* Rise of the early help threshold: only when a scenario's event says so. */
static double early_help_shift(const model_state *st, double t)
{
    return model_levers_combined(st, EVT_THRESHOLD_PRESSURE, offsetof(params_event, early_help_shift), 0, 0, t);
}

double model_outcome_shift(const model_state *st, double t)
{
    return model_levers_combined(st, EVT_THRESHOLD_PRESSURE, offsetof(params_event, outcome_shift),
                                 st->p->outcome_shift, 0, t);
}

/* Contacts the front door clears in a working day with the screeners in post: kept up to date
 * as screeners come and go, since every decision reads it. */
void model_fd_staff_changed(model_state *st)
{
    double cap = 0;
    for (int r = ROLE_FRONT_DOOR; r <= ROLE_FRONT_DOOR_UNQUALIFIED; r++) {
        const model_staff *s = &st->staff[r];
        cap += (s->employed + s->agency) * st->p->staff[r].hours_per_week / 5.0 / st->p->screening_hours;
    }
    st->fd_clearance = cap;
}

static void start(model_state *st, uint32_t w, uint32_t f)
{
    model_worker *wk = &st->workers[w];
    double per_day = st->p->staff[wk->role].hours_per_week / 5.0;
    double dur = per_day > 0 ? st->p->screening_hours / per_day : 1.0;
    wk->busy_family = f;
    st->fd_busy++;
    model_schedule_screened(st, model_now(st) + dur, w);
}

void model_fd_contact(model_state *st, uint32_t f)
{
    if (st->fd_free.n) {
        start(st, st->fd_free.a[--st->fd_free.n], f);
        return;
    }
    if (model_ring_push(&st->fd_queue, f, 0, 0))
        st->failed = 1;
}

static double noise_sd(const model_state *st, int role)
{
    const model_params *p = st->p;
    double sd = role == ROLE_FRONT_DOOR ? p->noise_qualified : p->noise_unqualified;
    double cap = st->fd_clearance;
    double backlog = cap > 0 ? (double)st->fd_queue.len / cap - 1.0 : 0;
    return (sd + (backlog > 0 ? p->noise_overload * backlog : 0)) * model_supervision_mult(st);
}

/* Earlier contacts of the family within the chronology's window (up to four are kept). */
static int earlier_contacts(const model_state *st, const model_family *fa, double t)
{
    int n = 0;
    for (int i = 1; i < 5; i++)
        n += (double)fa->recent[i] > t - st->p->history_window;
    return n;
}

static int route_of(const model_state *st, double seen, double t)
{
    const model_params *p = st->p;
    if (seen >= p->threshold_referral + model_threshold_shift(st, t))
        return ROUTE_REFER;
    return seen < p->threshold_early_help + early_help_shift(st, t) ? ROUTE_NFA : ROUTE_EH;
}

/* A reviewing manager judges from the history and sees through presentation as a chronology does,
 * with a reviewer's own error, never the true need. */
static int review(model_state *st, uint32_t f, int route, double t)
{
    if (!model_mgmt_review(st, f, t))
        return route;
    const model_params *p = st->p;
    const model_family *fa = &st->fams[f];
    double z = model_key_normal(fa->key, MODEL_RNG_PRESENTATION, fa->contacts, 1);
    double seen = model_perceived_need(fa, p->history_discount, p->review_noise, z)
                + p->history_weight * earlier_contacts(st, fa, t);
    int r = route_of(st, seen, t);
    if (r != route)
        model_flow_add(st, FL_REVIEW_CHANGED, t, 1);
    return r;
}

static int decide(model_state *st, uint32_t f, int role, double t)
{
    const model_params *p = st->p;
    const model_family *fa = &st->fams[f];
    double z = model_key_normal(fa->key, MODEL_RNG_SCREENING, fa->contacts, 0);
    int hist = st->history_use ? earlier_contacts(st, fa, t) : 0;
    double through = st->history_use ? p->history_discount : 0;
    double seen = model_perceived_need(fa, through, noise_sd(st, role), z) + p->history_weight * hist;
    return review(st, f, route_of(st, seen, t), t);
}

static void dispatch(model_state *st, uint32_t f, int route)
{
    switch (route) {
    case ROUTE_NFA:
        st->acc.front_door_nfa++;
        model_family_away(st, f, 0, 0);
        break;
    case ROUTE_EH:
        st->acc.early_help_routed++;
        model_eh_route(st, f);
        break;
    default:
        st->acc.referrals_from_front_door++;
        model_refer(st, f, 0);
    }
}

void model_fd_screened(model_state *st, uint32_t w)
{
    double t = model_now(st);
    model_worker *wk = &st->workers[w];
    uint32_t f = wk->busy_family;
    int role = (int)wk->role;
    wk->busy_family = MODEL_NONE;
    st->fd_busy--;
    model_flow_add(st, FL_DECISIONS, t, 1);
    /* days by truncation (both times are >= 0): floor() is a library call here */
    if ((int64_t)t - (int64_t)st->fams[f].contact_t <= 1)
        model_flow_add(st, FL_DECISIONS_1WD, t, 1);
    dispatch(st, f, decide(st, f, role, t));
    if (!st->workers[w].alive) { /* left while screening: the slot is free only now */
        model_worker_free(st, w);
        return;
    }
    model_fd_add_screener(st, w);
}

/* A screener with nothing in service takes the next contact, or waits for one. */
void model_fd_add_screener(model_state *st, uint32_t w)
{
    uint32_t f, stamp;
    if (model_ring_pop(&st->fd_queue, &f, &stamp))
        start(st, w, f);
    else if (model_vec_push(&st->fd_free, w))
        st->failed = 1;
}

/* Take a screener out. One in service finishes the contact first (its slot is freed then). */
void model_fd_remove_screener(model_state *st, uint32_t w)
{
    if (st->workers[w].busy_family != MODEL_NONE)
        return;
    for (size_t i = 0; i < st->fd_free.n; i++)
        if (st->fd_free.a[i] == w) {
            st->fd_free.a[i] = st->fd_free.a[--st->fd_free.n];
            break;
        }
}
