/* model_events: the scenario's dated levers.
 *
 * Threshold pressure and demand shocks act continuously through model_lever_strength (read at
 * each decision and each day's arrivals), so they need no events. The others change the state at
 * their date (phase 0) and, for those with a duration, undo it at the end (phase 1); an investment
 * with a ramp funds its posts in equal steps over the ramp (phases 0..n-1).
 *
 *   budget_cut          a saving of fraction x the target pool's budget in pounds (posts at
 *                       salary and on-costs, plus running costs per day open), landed as shares
 *                       of it: posts cut (at once, the most recently appointed going, or by
 *                       attrition), days closed a week (early help: staff and running costs of
 *                       a day open) and manager time (at a manager's cost). Each way saves what
 *                       it costs, so the capacity lost follows from the money.
 *   restructure         social workers' productive hours x productivity and their turnover x
 *                       turnover_multiplier for the duration; handoff_share of open social work
 *                       cases move at once to another worker (lost progress and a delay);
 *                       new_caseload_cap applies when the disruption ends (at once if no duration).
 *   history_use         chronologies on or off from the date.
 *   recruitment_freeze  no recruitment starts in the target pool for the duration.
 *   investment          fte added to the target's establishment.
 *   agency_cap          agency in every pool at most cap x establishment for the duration.
 */
#include "model_events.h"
#include "model_clock.h"
#include "model_earlyhelp.h"
#include "model_pools.h"
#include "model_ps.h"
#include "model_socialwork.h"
#include "model_staff.h"
#include "model_management.h"
#include "model_state.h"
#include "model_stats.h"
#include "model_units.h"

#include <math.h>
#include <string.h>

enum { PHASE_START = 0, PHASE_END = 1 };

double model_levers_combined(const model_state *st, params_event_type type, size_t off, double base,
                             int mul, double t)
{
    double v = base;
    for (int i = 0; i < st->p->n_events; i++) {
        const params_event *ev = &st->p->events[i];
        if (ev->type != type)
            continue;
        double x, s = model_lever_strength(st, ev, t);
        memcpy(&x, (const char *)ev + off, sizeof x);
        v = mul ? v * (1.0 + (x - 1.0) * s) : v + x * s;
    }
    return v;
}

double model_lever_strength(const model_state *st, const params_event *ev, double t)
{
    double ts = st->lever_t[ev - st->p->events];
    if (t < ts || (ev->duration > 0 && t >= ts + ev->duration))
        return 0;
    if (ev->ramp > 0 && t < ts + ev->ramp)
        return (t - ts) / ev->ramp;
    return 1;
}

static void set_productivity(model_state *st, double prod)
{
    double t = model_now(st);
    st->productivity = prod;
    double hours = st->p->staff[ROLE_SOCIAL_WORKER].hours_per_week * prod;
    const model_staff *s = &st->staff[ROLE_SOCIAL_WORKER];
    MODEL_FOR_EACH_IN_POST(st, s, w) {
        model_ps_advance(&st->workers[w].ps, t);
        st->workers[w].ps.hours = hours;
        model_sw_retime(st, w);
    }
    model_units_rehours_all(st);
}

static void set_cap(model_state *st, double cap)
{
    st->cap = cap;
    if (st->cap_nqsw > cap)
        st->cap_nqsw = cap;
    const model_staff *s = &st->staff[ROLE_SOCIAL_WORKER];
    MODEL_FOR_EACH_IN_POST(st, s, w)
        model_sw_room_update(st, w);
    model_sw_try_allocate(st);
}

/* Hand each open social work case, with probability `share`, to another social worker (in units,
 * to another unit). */
static void handoffs(model_state *st, double share)
{
    gsl_rng *r = st->rng->stream[MODEL_RNG_HANDOFF];
    const model_staff *s = &st->staff[ROLE_SOCIAL_WORKER];
    st->scratch.n = st->scratch2.n = 0;
    if (st->units_on) {
        model_units_holders(st, &st->scratch);
    } else {
        MODEL_FOR_EACH_IN_POST(st, s, w)
            if (model_vec_push(&st->scratch, w))
                st->failed = 1;
    }
    for (size_t i = 0; i < st->scratch.n; i++)
        for (uint32_t c = st->workers[st->scratch.a[i]].case_head; c != MODEL_NONE; c = st->cases[c].w_next)
            if (gsl_rng_uniform(r) < share && model_vec_push(&st->scratch2, c))
                st->failed = 1;
    if (st->scratch.n < 2)
        return;
    for (size_t i = 0; i < st->scratch2.n && !st->failed; i++) {
        uint32_t c = st->scratch2.a[i], from = st->cases[c].worker, to;
        do
            to = st->scratch.a[gsl_rng_uniform_int(r, st->scratch.n)];
        while (to == from);
        model_sw_handoff(st, c, to);
    }
}

/* Turnover of the social workers and of the units' other members, times mult (or, when the
 * disruption ends, divided by it: the same arithmetic as it was multiplied, so it comes back). */
static void scale_turnover(model_state *st, double mult, int undo)
{
    static const int roles[] = {ROLE_SOCIAL_WORKER, ROLE_PRACTITIONER, ROLE_CLINICIAN, ROLE_COORDINATOR};
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        model_staff_set_turnover(st, roles[i], undo ? st->staff[roles[i]].turnover_mult / mult
                                                     : st->staff[roles[i]].turnover_mult * mult);
}

static void restructure(model_state *st, const params_event *ev, uint64_t phase)
{
    if (phase == PHASE_START) {
        set_productivity(st, st->productivity * ev->productivity);
        scale_turnover(st, ev->turnover_multiplier, 0);
        model_units_restructure(st, ev);
        handoffs(st, ev->handoff_share);
        if (ev->duration > 0)
            return;
    } else {
        set_productivity(st, st->productivity / ev->productivity);
        scale_turnover(st, ev->turnover_multiplier, 1);
    }
    if (ev->new_caseload_cap > 0)
        set_cap(st, ev->new_caseload_cap);
}

#define WEEKS_YEAR (CAL_DAYS_YEAR / 7.0)

/* Days a week the target opens (early help's; other pools work five). */
static double days_of(const model_state *st, int role)
{
    return role == ROLE_EARLY_HELP ? st->days_open : 5.0;
}

/* Close `closed` days a week of the early help service (never below half a day). */
static void close_days(model_state *st, double closed)
{
    double from = st->days_open;
    st->days_open = from - closed > 0.5 ? from - closed : 0.5;
    model_staff_days_changed(st, from);
}

/* The saving lands in order: posts at the post's cost now, then days closed at what a day open
 * costs with the posts left, then manager time; so the parts add up to the saving, never more. */
static void budget_cut(model_state *st, const params_event *ev)
{
    const model_params *p = st->p;
    int role = ev->target;
    model_staff *s = &st->staff[role];
    double post = model_staff_post_cost(st, role, 0), days = days_of(st, role);
    double running = p->staff[role].running_cost * days * WEEKS_YEAR;
    double posts = s->establishment, saving = ev->fraction * (posts * post + running);
    double cut = post > 0 ? ev->fte_share * saving / post : 0;
    cut = cut < posts ? cut : posts;
    s->establishment = posts - cut;
    if (role == ROLE_EARLY_HELP && ev->closure_share > 0) {
        double day = ((posts - cut) * post + running) / days; /* a day open a week, a year */
        if (day > 0)
            close_days(st, ev->closure_share * saving / day);
    }
    const params_staff *m = &p->staff[ROLE_MANAGER];
    double mcost = m->salary * (1.0 + m->oncost);
    if (mcost > 0 && ev->management_share > 0) {
        double fte = ev->management_share * saving / mcost;
        st->mgmt_fte_lost += fte;
        model_stock_add(st, ST_COST_STAFF, model_now(st), -fte * mcost);
    }
    double t = model_now(st);
    double made = saving * (ev->fte_share + ev->closure_share + ev->management_share);
    model_stock_add(st, ST_CUT_SAVING, t, made);
    if (role == ROLE_EARLY_HELP && posts > 0) /* capacity goes with the posts and their days */
        model_stock_add(st, ST_CUT_CAP_LOST, t, 1.0 - (posts - cut) * st->days_open / (posts * days));
    if (ev->by_attrition)
        model_staff_rebalance(st, role);
    else
        model_staff_cut_now(st, role);
    model_eh_fill(st);
}

static void agency_cap(model_state *st, double cap)
{
    for (int r = 0; r < ROLE_COUNT; r++) {
        st->staff[r].agency_cap = cap;
        model_staff_rebalance(st, r);
    }
}

static int investment_steps(const params_event *ev)
{
    return ev->ramp > 0 && ev->fte > 1 ? (int)ceil(ev->fte) : 1;
}

void model_lever(model_state *st, uint32_t idx, uint64_t phase)
{
    const params_event *ev = &st->p->events[idx];
    switch (ev->type) {
    case EVT_BUDGET_CUT: budget_cut(st, ev); break;
    case EVT_RESTRUCTURE: restructure(st, ev, phase); break;
    case EVT_HISTORY_USE: st->history_use = ev->enabled; break;
    case EVT_RECRUITMENT_FREEZE:
        st->staff[ev->target].frozen += phase == PHASE_START ? 1 : -1;
        model_staff_rebalance(st, ev->target);
        break;
    case EVT_INVESTMENT:
        st->staff[ev->target].establishment += ev->fte / investment_steps(ev);
        model_staff_rebalance(st, ev->target);
        break;
    case EVT_AGENCY_CAP: agency_cap(st, phase == PHASE_START ? ev->cap : -1); break;
    default: break; /* threshold_pressure, demand_shock: read continuously */
    }
}

static void at(model_state *st, double t, uint32_t i, uint64_t phase)
{
    if (t < st->tend)
        model_schedule(st, t > 0 ? t : 0, MEV_LEVER, i, phase, NULL);
}

int model_levers_setup(model_state *st)
{
    const model_params *p = st->p;
    for (int i = 0; i < p->n_events; i++) {
        const params_event *ev = &p->events[i];
        double t = model_clock_of_date(st, ev->date);
        st->lever_t[i] = t;
        int ends = ev->duration > 0 && (ev->type == EVT_RESTRUCTURE || ev->type == EVT_RECRUITMENT_FREEZE
                                        || ev->type == EVT_AGENCY_CAP);
        if (ev->type == EVT_THRESHOLD_PRESSURE || ev->type == EVT_DEMAND_SHOCK)
            continue;
        if (ev->type == EVT_INVESTMENT) {
            int n = investment_steps(ev);
            for (int k = 0; k < n; k++)
                at(st, n > 1 ? t + ev->ramp * (k + 1) / n : t, (uint32_t)i, (uint64_t)k);
            continue;
        }
        at(st, t, (uint32_t)i, PHASE_START);
        if (ends)
            at(st, t + ev->duration, (uint32_t)i, PHASE_END);
    }
    return st->failed ? -1 : 0;
}
