/* model_staff: staff pools by role: establishment, people in post, turnover, recruitment, agency.
 *
 * Every worker is one FTE; an establishment is rounded to whole posts. Each employed or agency
 * worker leaves with the pool's annual turnover hazard: a worker draws a unit exponential when
 * taking up post and leaves when the integrated hazard reaches it, so a restructure that changes
 * the hazard moves the leaving time without a new draw. A funded vacancy starts a recruitment that
 * ends after an exponential lag (none starts during a freeze); agency cover is sought for
 * agency_share of the vacancies (at most the agency cap) and released when vacancies are filled.
 * A social worker who goes hands every case back to the allocation queue. */
#include "model_staff.h"
#include "util.h"
#include "model_clock.h"
#include "model_earlyhelp.h"
#include "model_frontdoor.h"
#include "model_pools.h"
#include "model_socialwork.h"
#include "model_management.h"
#include "model_state.h"
#include "model_stats.h"
#include "model_units.h"

#include <math.h>
#include <gsl/gsl_randist.h>

static int posts(const model_staff *s)
{
    return (int)floor(s->establishment + 0.5);
}

static double hazard(const model_state *st, int role)
{
    return st->p->staff[role].turnover * st->staff[role].turnover_mult / CAL_WORKDAYS_YEAR;
}

/* Leaving dates wait in the day wheel, not the heap (one per worker would make it much larger);
 * a new date takes a new stamp, so the old one is ignored when it fires. */
static void schedule_leave(model_state *st, uint32_t w)
{
    model_worker *wk = &st->workers[w];
    double h = hazard(st, (int)wk->role);
    double t = h > 0 ? wk->leave_since + wk->leave_left / h : st->tend;
    wk->leave_stamp = 0;
    if (t >= st->tend)
        return;
    wk->leave_stamp = ++st->leave_seq;
    model_defer_stamped(st, t, MEV_LEAVE, w, wk->leave_stamp);
}

/* Social worker establishment and vacancies, booked as stocks when they change. */
static void book_pool(model_state *st, int role)
{
    if (role != ROLE_SOCIAL_WORKER)
        return;
    model_staff *s = &st->staff[role];
    double t = model_now(st), e = posts(s), v = e - s->employed > 0 ? e - s->employed : 0;
    model_stock_add(st, ST_SW_ESTAB, t, e - s->booked_estab);
    model_stock_add(st, ST_SW_VACANT, t, v - s->booked_vacant);
    s->booked_estab = e;
    s->booked_vacant = v;
}

static double annual_cost(const model_state *st, int role, int agency)
{
    const params_staff *ps = &st->p->staff[role];
    double days = role == ROLE_EARLY_HELP ? st->days_open / 5.0 : 1.0;
    return ps->salary * (1.0 + ps->oncost) * (agency ? 1.0 + ps->agency_premium : 1.0) * days;
}

double model_staff_post_cost(const model_state *st, int role, int agency)
{
    return annual_cost(st, role, agency);
}

/* Early help staff are paid for the days the centre opens: rebook those in post. */
void model_staff_days_changed(model_state *st, double from)
{
    const model_staff *s = &st->staff[ROLE_EARLY_HELP];
    double t = model_now(st), k = from > 0 ? st->days_open / from - 1.0 : 0;
    model_stock_add(st, ST_COST_STAFF, t, k * s->employed * annual_cost(st, ROLE_EARLY_HELP, 0) / (1 + k));
    model_stock_add(st, ST_COST_AGENCY, t, k * s->agency * annual_cost(st, ROLE_EARLY_HELP, 1) / (1 + k));
    model_costs_book(st, t);
}

/* Stocks and counters that follow a worker joining (+1) or going (-1). */
static void count(model_state *st, const model_worker *wk, int d)
{
    double t = model_now(st);
    int role = (int)wk->role;
    model_staff *s = &st->staff[role];
    if (wk->agency)
        s->agency += d;
    else
        s->employed += d;
    model_stock_add(st, wk->agency ? ST_COST_AGENCY : ST_COST_STAFF, t, d * annual_cost(st, role, wk->agency));
    if (role == ROLE_SOCIAL_WORKER) {
        model_stock_add(st, ST_SW_HEADS, t, d);
        model_stock_add(st, wk->agency ? ST_SW_AGENCY : ST_SW_EMPLOYED, t, d);
    } else if (role == ROLE_EARLY_HELP) {
        model_stock_add(st, ST_EH_FTE, t, d);
        model_costs_book(st, t);
    } else if (role == ROLE_FRONT_DOOR || role == ROLE_FRONT_DOOR_UNQUALIFIED) {
        model_fd_staff_changed(st);
    }
    book_pool(st, role);
}

static void list_link(model_state *st, uint32_t w)
{
    model_worker *wk = &st->workers[w];
    model_staff *s = &st->staff[wk->role];
    uint32_t *head = wk->agency ? &s->ag_head : &s->emp_head;
    UTIL_LIST_PUSH_FRONT(st->workers, *head, w, l_prev, l_next);
}

static void list_unlink(model_state *st, uint32_t w)
{
    model_worker *wk = &st->workers[w];
    model_staff *s = &st->staff[wk->role];
    uint32_t *head = wk->agency ? &s->ag_head : &s->emp_head;
    UTIL_LIST_REMOVE(st->workers, *head, w, l_prev, l_next);
    wk->l_prev = wk->l_next = MODEL_NONE;
}

uint32_t model_staff_add(model_state *st, int role, int agency, int nqsw, double asye_left)
{
    double t = model_now(st);
    uint32_t w = model_worker_new(st);
    if (w == MODEL_NONE)
        return w;
    model_worker *wk = &st->workers[w];
    wk->role = (uint32_t)role;
    wk->agency = (uint8_t)agency;
    wk->nqsw = (uint8_t)nqsw;
    wk->ps.hours = st->p->staff[role].hours_per_week * (role == ROLE_SOCIAL_WORKER ? st->productivity : 1.0);
    wk->ps.last = t;
    wk->leave_left = gsl_ran_exponential(st->rng->stream[MODEL_RNG_TURNOVER], 1.0);
    wk->leave_since = t;
    wk->joined = nqsw ? t - (st->p->asye - asye_left) : t;
    list_link(st, w);
    count(st, wk, +1);
    schedule_leave(st, w);
    if (nqsw && asye_left < st->tend - t)
        model_schedule(st, t + asye_left, MEV_ASYE, w, 0, &st->workers[w].asye_ev);
    if (st->units_on && (role == ROLE_SOCIAL_WORKER || PARAMS_UNIT_ROLE(role)))
        model_units_join(st, w);
    if (role == ROLE_SOCIAL_WORKER) {
        model_sw_room_update(st, w);
        model_sw_try_allocate(st);
    } else if (role == ROLE_EARLY_HELP) {
        model_eh_fill(st);
    } else if (role == ROLE_FRONT_DOOR || role == ROLE_FRONT_DOOR_UNQUALIFIED) {
        model_fd_add_screener(st, w);
    }
    return w;
}

static void release_cases(model_state *st, uint32_t w)
{
    while (st->workers[w].case_head != MODEL_NONE && !st->failed)
        model_sw_unassign(st, st->workers[w].case_head);
    model_worker *wk = &st->workers[w];
    model_cancel(st, &wk->ps_ev);
    model_stock_add(st, ST_OVERLOAD, model_now(st), -wk->overload);
    wk->overload = 0;
}

void model_staff_remove(model_state *st, uint32_t w, int left)
{
    model_worker *wk = &st->workers[w];
    int role = (int)wk->role;
    if (left && role == ROLE_SOCIAL_WORKER && !wk->agency)
        model_flow_add(st, FL_SW_LEAVERS, model_now(st), 1);
    list_unlink(st, w);
    count(st, wk, -1);
    wk->leave_stamp = 0;
    model_cancel(st, &wk->asye_ev);
    wk->alive = 0;
    if (model_unit_member(wk))
        model_units_leave(st, w); /* the unit keeps its cases unless no qualified member is left */
    if (role == ROLE_SOCIAL_WORKER) {
        model_sw_room_update(st, w);
        release_cases(st, w);
        model_worker_free(st, w);
        model_sw_try_allocate(st);
    } else if (role == ROLE_FRONT_DOOR || role == ROLE_FRONT_DOOR_UNQUALIFIED) {
        model_fd_remove_screener(st, w);
        if (st->workers[w].busy_family == MODEL_NONE)
            model_worker_free(st, w);
    } else {
        model_worker_free(st, w);
    }
}

void model_staff_leave(model_state *st, uint32_t w, uint32_t stamp)
{
    if (!st->workers[w].alive || st->workers[w].leave_stamp != stamp)
        return; /* the date moved, or the worker went another way */
    int role = (int)st->workers[w].role;
    st->workers[w].leave_stamp = 0;
    model_staff_remove(st, w, 1);
    model_staff_rebalance(st, role);
}

static int agency_target(const model_state *st, int role)
{
    const model_staff *s = &st->staff[role];
    double vac = posts(s) - s->employed;
    double target = vac > 0 ? floor(st->p->staff[role].agency_share * vac + 0.5) : 0;
    if (s->agency_cap >= 0 && target > floor(s->agency_cap * posts(s) + 1e-9))
        target = floor(s->agency_cap * posts(s) + 1e-9);
    return (int)target;
}

void model_staff_rebalance(model_state *st, int role)
{
    model_staff *s = &st->staff[role];
    const params_staff *ps = &st->p->staff[role];
    double t = model_now(st);
    gsl_rng *r = st->rng->stream[MODEL_RNG_RECRUITMENT];
    while (!s->frozen && s->employed + s->pipeline < posts(s) && !st->failed) {
        s->pipeline++;
        model_defer(st, t + gsl_ran_exponential(r, ps->recruitment_lag), MEV_HIRE, (uint32_t)role);
    }
    int target = agency_target(st, role);
    while (s->agency + s->agency_pending < target && !st->failed) {
        s->agency_pending++;
        model_defer(st, t + gsl_ran_exponential(r, ps->agency_lag), MEV_AGENCY, (uint32_t)role);
    }
    while (s->agency > target && s->ag_head != MODEL_NONE && !st->failed)
        model_staff_remove(st, s->ag_head, 0);
    book_pool(st, role);
}

void model_staff_hire(model_state *st, int role)
{
    model_staff *s = &st->staff[role];
    const model_params *p = st->p;
    s->pipeline--;
    if (s->employed < posts(s)) {
        int nqsw = role == ROLE_SOCIAL_WORKER
                && gsl_rng_uniform(st->rng->stream[MODEL_RNG_RECRUITMENT]) < p->nqsw_recruit_share;
        model_staff_add(st, role, 0, nqsw, p->asye);
    }
    model_staff_rebalance(st, role);
}

void model_staff_agency_start(model_state *st, int role)
{
    model_staff *s = &st->staff[role];
    s->agency_pending--;
    if (s->agency < agency_target(st, role))
        model_staff_add(st, role, 1, 0, 0);
}

void model_staff_asye(model_state *st, uint32_t w)
{
    st->workers[w].asye_ev = ENG_NO_HANDLE;
    st->workers[w].nqsw = 0;
    model_units_qualified(st, w);
    model_sw_room_update(st, w);
    model_sw_try_allocate(st);
}

void model_staff_set_turnover(model_state *st, int role, double mult)
{
    double t = model_now(st), h = hazard(st, role);
    model_staff *s = &st->staff[role];
    MODEL_FOR_EACH_IN_POST(st, s, w) {
        model_worker *wk = &st->workers[w];
        wk->leave_left -= h * (t - wk->leave_since);
        wk->leave_since = t;
    }
    s->turnover_mult = mult;
    MODEL_FOR_EACH_IN_POST(st, s, w)
        schedule_leave(st, w);
}

/* Posts cut at once: the most recently appointed go first. */
void model_staff_cut_now(model_state *st, int role)
{
    model_staff *s = &st->staff[role];
    while (s->employed > posts(s) && s->emp_head != MODEL_NONE && !st->failed)
        model_staff_remove(st, s->emp_head, 0);
    model_staff_rebalance(st, role);
}

void model_staff_open(model_state *st, int role)
{
    st->staff[role] = (model_staff){.establishment = st->p->staff[role].fte, .agency_cap = -1,
                                    .turnover_mult = 1, .emp_head = MODEL_NONE,
                                    .ag_head = MODEL_NONE};
}

/* The pool as the scenario describes it: its establishment less the vacancies, some of them
 * covered by agency staff. */
void model_staff_setup_role(model_state *st, int role)
{
    const model_params *p = st->p;
    gsl_rng *r = st->rng->stream[MODEL_RNG_STAFF_INIT];
    model_staff *s = &st->staff[role];
    const params_staff *ps = &p->staff[role];
    model_staff_open(st, role);
    int e = posts(s), employed = (int)floor(e * (1.0 - ps->vacancy) + 0.5);
    int agency = (int)floor(e * ps->vacancy * ps->agency_share + 0.5);
    for (int i = 0; i < employed && !st->failed; i++) {
        int nqsw = role == ROLE_SOCIAL_WORKER && gsl_rng_uniform(r) < p->nqsw_share;
        model_staff_add(st, role, 0, nqsw, gsl_rng_uniform(r) * p->asye);
    }
    for (int i = 0; i < agency && !st->failed; i++)
        model_staff_add(st, role, 1, 0, 0);
    model_staff_rebalance(st, role);
}

int model_staff_setup(model_state *st)
{
    for (int role = 0; role < ROLE_COUNT; role++)
        model_staff_setup_role(st, role);
    return st->failed ? -1 : 0;
}
