/* model_socialwork: allocation, assessment by processor sharing, outcomes, plans and closure.
 *
 * A referral becomes a case in the allocation queue (first in, first out; cases returned by a
 * leaver go to the front). A social worker with room under the cap for their grade takes the case
 * at the head: when several have room, two are drawn at random (the allocation stream) and the
 * one whose spare hours would give the case more time takes it, as a team manager weighing two
 * colleagues would; caseloads spread, but less than under a blind rota. Each plan case on a worker's caseload
 * takes its hours a week; the hours left are shared equally among the worker's assessments in
 * progress, never less than the floor each (model_ps). Whenever a worker's load changes, every
 * one of its assessments' completion events is moved (eng_reschedule).
 *
 * Same-time rule: a handler that frees a place (an assessment ending in no further action, a
 * plan closing, a worker joining) fills it from the queue before it returns, so a freed place is
 * never seen empty by a later event at the same instant. */
#include "model_socialwork.h"
#include "util.h"
#include "model_clock.h"
#include "model_demand.h"
#include "model_frontdoor.h"
#include "model_pools.h"
#include "model_ps.h"
#include "model_rand.h"
#include "model_management.h"
#include "model_state.h"
#include "model_stats.h"
#include "model_units.h"

#include <math.h>
#include <gsl/gsl_randist.h>

static double plan_hours_of(const model_params *p, int state)
{
    switch (state) {
    case CASE_CIN: return p->hours_cin;
    case CASE_S47: return p->hours_s47;
    case CASE_CP: return p->hours_cp;
    case CASE_LAC: return p->hours_lac;
    default: return 0;
    }
}

/* Children in the case's family: caseloads and counts are in children (as the DfE counts). */
static int kids_of(const model_state *st, const model_case *ca)
{
    return st->fams[ca->family].kids;
}

/* Hours a week a case in `state` takes: one child's, more for a sibling group. */
static double case_hours(const model_state *st, const model_case *ca, int state)
{
    return plan_hours_of(st->p, state) * model_family_work(st->p, kids_of(st, ca));
}

double model_sw_cap_of(const model_state *st, const model_worker *w)
{
    if (w->holder)
        return model_unit_cap(st, w);
    return (w->nqsw ? st->cap_nqsw : st->cap) * w->fte; /* part-timers: pro rata */
}

/* The caseload bucket w belongs in: qualified workers in post may be allocated above the
 * benchmark; newly qualified workers are protected (never above theirs). Units by their load. */
static uint32_t load_bucket(const model_state *st, const model_worker *wk)
{
    if (wk->holder)
        return model_unit_bucket(st, wk);
    if (!wk->alive || wk->nqsw || wk->role != ROLE_SOCIAL_WORKER || wk->unit != MODEL_NONE)
        return MODEL_NONE; /* a unit's members hold no case of their own */
    return wk->cases < MODEL_LOAD_BUCKETS - 1 ? wk->cases : MODEL_LOAD_BUCKETS - 1;
}

static void bucket_move(model_state *st, uint32_t w)
{
    model_worker *wk = &st->workers[w];
    uint32_t b = load_bucket(st, wk);
    if (b == wk->lb_bucket)
        return;
    if (wk->lb_bucket != MODEL_NONE)
        UTIL_LIST_REMOVE(st->workers, st->load_head[wk->lb_bucket], w, lb_prev, lb_next);
    wk->lb_bucket = b;
    wk->lb_prev = wk->lb_next = MODEL_NONE;
    if (b != MODEL_NONE)
        UTIL_LIST_PUSH_FRONT(st->workers, st->load_head[b], w, lb_prev, lb_next);
}

void model_sw_room_update(model_state *st, uint32_t w)
{
    model_worker *wk = &st->workers[w];
    bucket_move(st, w);
    int room = wk->alive && !model_unit_member(wk)
            && (double)wk->cases + 1.0 <= model_sw_cap_of(st, wk) + 1e-9;
    if (room && wk->room_pos == MODEL_NONE) {
        wk->room_pos = (uint32_t)st->room.n;
        if (model_vec_push(&st->room, w))
            st->failed = 1;
    } else if (!room && wk->room_pos != MODEL_NONE) {
        uint32_t last = st->room.a[--st->room.n];
        st->room.a[wk->room_pos] = last;
        st->workers[last].room_pos = wk->room_pos;
        wk->room_pos = MODEL_NONE;
    }
}

/* Workers above `limit` cases: the worker, or a unit's qualified members (by cases per member). */
static uint8_t over(const model_state *st, const model_worker *wk, int limit)
{
    return wk->holder ? model_unit_over(st, wk, limit) : wk->cases > (uint32_t)limit;
}

static void caseload_change(model_state *st, uint32_t w, int delta)
{
    double t = model_now(st);
    model_worker *wk = &st->workers[w];
    wk->cases = (uint32_t)((int)wk->cases + delta);
    model_stock_add(st, ST_SW_CASES, t, delta);
    uint8_t o20 = over(st, wk, 20), o25 = over(st, wk, 25), o30 = over(st, wk, 30);
    model_stock_add(st, ST_SW_OVER20, t, (double)o20 - wk->over20);
    model_stock_add(st, ST_SW_OVER25, t, (double)o25 - wk->over25);
    model_stock_add(st, ST_SW_OVER30, t, (double)o30 - wk->over30);
    wk->over20 = o20;
    wk->over25 = o25;
    wk->over30 = o30;
    model_sw_room_update(st, w);
}

void model_sw_rebook(model_state *st, uint32_t w)
{
    caseload_change(st, w, 0);
}

/* Move the worker's next completion to its current rate, and book its overload. */
void model_sw_retime(model_state *st, uint32_t w)
{
    const model_params *p = st->p;
    model_worker *wk = &st->workers[w];
    double over = model_ps_rerate(&wk->ps, p->assessment_floor);
    if (wk->ps_head == MODEL_NONE) {
        model_cancel(st, &wk->ps_ev);
    } else {
        double tf = model_ps_finish(&wk->ps, st->cases[wk->ps_head].vfinish);
        if (wk->ps_ev == ENG_NO_HANDLE)
            model_schedule(st, tf, MEV_PS_DONE, w, 0, &wk->ps_ev);
        else if (eng_reschedule(st->eng, wk->ps_ev, tf) != ENG_OK)
            st->failed = 1;
    }
    model_stock_add(st, ST_OVERLOAD, model_now(st), over - wk->overload);
    wk->overload = over;
}

double model_sw_finish_of(const model_state *st, uint32_t c)
{
    const model_case *ca = &st->cases[c];
    return model_ps_finish(&st->workers[ca->worker].ps, ca->vfinish);
}

void model_sw_add_plan_hours(model_state *st, uint32_t w, double hours)
{
    model_worker *wk = &st->workers[w];
    model_ps_advance(&wk->ps, model_now(st));
    wk->ps.plan_hours += hours;
    if (wk->ps.plan_hours < 1e-9)
        wk->ps.plan_hours = 0;
    if (wk->holder)
        model_unit_plan_changed(st, w); /* its practitioner's share of the plan work moves */
}

/* Plan hours of a case in `state` joining (hours > 0) or leaving worker w. A unit keeps its section
 * 47 hours apart: only its qualified members lead that work (model_units.c). */
static void add_case_hours(model_state *st, uint32_t w, int state, double hours)
{
    if (state == CASE_S47 && st->workers[w].holder)
        model_unit_add_s47(st, w, hours);
    model_sw_add_plan_hours(st, w, hours);
}

/* Into the worker's sorted sharing set, after every member that finishes no later (ties: first
 * in, first done). */
static void ps_insert(model_state *st, uint32_t c, uint32_t w)
{
    model_worker *wk = &st->workers[w];
    model_case *ca = &st->cases[c];
    uint32_t prev = MODEL_NONE, next = wk->ps_head;
    while (next != MODEL_NONE && st->cases[next].vfinish <= ca->vfinish) {
        prev = next;
        next = st->cases[next].ps_next;
    }
    UTIL_LIST_INSERT_BEFORE(st->cases, wk->ps_head, next, prev, c, ps_prev, ps_next);
}

static void ps_unlink(model_state *st, uint32_t c, uint32_t w)
{
    model_worker *wk = &st->workers[w];
    model_case *ca = &st->cases[c];
    UTIL_LIST_REMOVE(st->cases, wk->ps_head, c, ps_prev, ps_next);
    ca->ps_prev = ca->ps_next = MODEL_NONE;
}

/* Work to the deadline: an assessment gets weight 1 in its worker's sharing until it is
 * deadline_focus working days old, deadline_weight from then (a worker turns to what is due). */
static double focus_time(const model_state *st, const model_case *ca)
{
    return ca->referred + st->p->deadline_focus;
}

static void ps_join(model_state *st, uint32_t c, uint32_t w)
{
    model_worker *wk = &st->workers[w];
    model_case *ca = &st->cases[c];
    double t = model_now(st);
    model_ps_advance(&wk->ps, t);
    int focused = t >= focus_time(st, ca);
    ca->psw = focused ? st->p->deadline_weight : 1.0;
    ca->vfinish = wk->ps.vtime + ca->remaining / ca->psw;
    ca->in_ps = 1;
    ps_insert(st, c, w);
    wk->ps.n++;
    wk->ps.wsum += ca->psw;
    if (!focused && st->p->deadline_weight != 1.0) {
        ca->focus_stamp = ++st->hold_seq;
        model_defer_stamped(st, focus_time(st, ca), MEV_FOCUS, c, ca->focus_stamp);
    }
}

static void ps_leave(model_state *st, uint32_t c, uint32_t w)
{
    model_worker *wk = &st->workers[w];
    model_case *ca = &st->cases[c];
    model_ps_advance(&wk->ps, model_now(st));
    double left = (ca->vfinish - wk->ps.vtime) * ca->psw;
    ca->remaining = left > 0 ? left : 0;
    ps_unlink(st, c, w);
    ca->in_ps = 0;
    ca->focus_stamp = 0; /* a pending MEV_FOCUS is now stale */
    wk->ps.n--;
    wk->ps.wsum = wk->ps.n ? wk->ps.wsum - ca->psw : 0;
    /* the caller retimes the worker, which moves or cancels ps_ev */
}

/* The assessment's deadline is near: it takes its larger weight, keeping the work it has had. */
void model_sw_focus(model_state *st, uint32_t c, uint32_t stamp)
{
    model_case *ca = &st->cases[c];
    if (!ca->in_ps || ca->focus_stamp != stamp)
        return;
    uint32_t w = ca->worker;
    model_worker *wk = &st->workers[w];
    model_ps_advance(&wk->ps, model_now(st));
    double left = (ca->vfinish - wk->ps.vtime) * ca->psw;
    ps_unlink(st, c, w);
    wk->ps.wsum += st->p->deadline_weight - ca->psw;
    ca->psw = st->p->deadline_weight;
    ca->focus_stamp = 0;
    ca->vfinish = wk->ps.vtime + (left > 0 ? left : 0) / ca->psw;
    ps_insert(st, c, w);
    model_sw_retime(st, w);
}

static void attach(model_state *st, uint32_t c, uint32_t w)
{
    model_case *ca = &st->cases[c];
    model_worker *wk = &st->workers[w];
    ca->worker = w;
    UTIL_LIST_PUSH_FRONT(st->cases, wk->case_head, c, w_prev, w_next);
    caseload_change(st, w, kids_of(st, ca));
}

static void detach(model_state *st, uint32_t c)
{
    model_case *ca = &st->cases[c];
    uint32_t w = ca->worker;
    model_worker *wk = &st->workers[w];
    if (ca->in_ps)
        ps_leave(st, c, w);
    ca->held = 0; /* a pending hold end is now stale */
    ca->hold_stamp = 0;
    add_case_hours(st, w, ca->state, -case_hours(st, ca, ca->state));
    UTIL_LIST_REMOVE(st->cases, wk->case_head, c, w_prev, w_next);
    ca->w_prev = ca->w_next = MODEL_NONE;
    ca->worker = MODEL_NONE;
    ca->had_worker = 1;
    caseload_change(st, w, -kids_of(st, ca));
}

/* Case c waits until t, then `kind` happens to it. Holds are cancelled only by a leaver or a
 * handoff, so the end waits in the day wheel (not the heap) and a released one is ignored by its
 * stamp. */
static void hold(model_state *st, uint32_t c, double t, uint32_t kind)
{
    model_case *ca = &st->cases[c];
    ca->held = 1;
    ca->hold_stamp = ++st->hold_seq;
    model_defer_stamped(st, t, kind, c, ca->hold_stamp);
}

/* Cases worker w holds above its benchmark (0 at or below it); a unit's, per qualified member. */
static double excess_cases(const model_state *st, const model_worker *wk)
{
    double x = (double)wk->cases - model_sw_cap_of(st, wk);
    if (wk->holder)
        x /= model_unit_qualified(st, wk);
    return x > 0 ? x : 0;
}

/* The first allocation of a referral: its assessment starts, cut shorter when the worker is over
 * the benchmark (overload costs thoroughness: overload_haste per case above it, at most half). */
static void first_allocation(model_state *st, uint32_t c, double t)
{
    model_case *ca = &st->cases[c];
    double cut = st->p->overload_haste * excess_cases(st, &st->workers[ca->worker]);
    cut = cut < 0.5 ? cut : 0.5;
    ca->effort *= 1.0 - cut;
    ca->remaining *= 1.0 - cut;
    ca->allocated = 1;
    model_flow_add(st, FL_ALLOCATED, t, kids_of(st, ca));
    model_flow_add(st, FL_ALLOC_WAIT, t, kids_of(st, ca) * (t - ca->referred));
    model_family_assessed(st, ca->family, t);
}

/* Give case c to worker w (its caseload has room, or a restructure says so). */
void model_sw_assign(model_state *st, uint32_t c, uint32_t w)
{
    const model_params *p = st->p;
    double t = model_now(st);
    attach(st, c, w);
    model_case *ca = &st->cases[c];
    if (ca->had_worker)
        model_flow_add(st, FL_HANDOFFS, t, kids_of(st, ca));
    if (ca->state != CASE_ASSESS) {
        add_case_hours(st, w, ca->state, case_hours(st, ca, ca->state));
        model_sw_retime(st, w);
        return;
    }
    model_unmet_end(st, ca->family, t);
    if (!ca->allocated)
        first_allocation(st, c, t);
    if (ca->had_worker) { /* a handoff: some progress is lost and the new worker needs time */
        ca->remaining += p->handoff_lost * (ca->effort - ca->remaining);
        if (p->handoff_delay > 0) {
            hold(st, c, t + p->handoff_delay, MEV_HOLD_END);
            return;
        }
    }
    ps_join(st, c, w);
    model_sw_retime(st, w);
}

void model_sw_hold_end(model_state *st, uint32_t c, uint32_t stamp)
{
    model_case *ca = &st->cases[c];
    if (!ca->held || ca->hold_stamp != stamp)
        return; /* released by a leaver or a handoff since */
    ca->held = 0;
    ca->hold_stamp = 0;
    ps_join(st, c, ca->worker);
    model_sw_retime(st, ca->worker);
}

/* A case returned by a leaver (front) is due for allocation above the benchmark at once: it is
 * already open and must have a worker; a new referral after the wait the team tolerates. */
static void queue_push(model_state *st, uint32_t c, int front)
{
    model_case *ca = &st->cases[c];
    ca->due = model_now(st) + (front ? 0 : st->p->allocation_wait);
    ca->qstamp = ++st->stamp;
    ca->queued = 1;
    st->unallocated++;
    model_stock_add(st, ST_UNALLOC, model_now(st), kids_of(st, ca));
    if (model_ring_push(&st->alloc_queue, c, ca->qstamp, front))
        st->failed = 1;
}

static void queue_drop(model_state *st, uint32_t c)
{
    st->cases[c].queued = 0;
    st->unallocated--;
    model_stock_add(st, ST_UNALLOC, model_now(st), -kids_of(st, &st->cases[c]));
}

/* The live case at the head of the queue (stale entries dropped), or MODEL_NONE. */
static uint32_t queue_peek(model_state *st)
{
    model_ring *r = &st->alloc_queue;
    while (r->len) {
        uint32_t c = r->idx[r->head];
        if (st->cases[c].queued && st->cases[c].qstamp == r->stamp[r->head])
            return c;
        r->head = (r->head + 1) % r->cap;
        r->len--;
    }
    return MODEL_NONE;
}

static void queue_pop_head(model_state *st, uint32_t c)
{
    model_ring *r = &st->alloc_queue;
    r->head = (r->head + 1) % r->cap;
    r->len--;
    queue_drop(st, c);
}

/* Hours a week a new assessment would get from worker w. */
static double prospect(const model_state *st, uint32_t w)
{
    const model_ps *ps = &st->workers[w].ps;
    return model_ps_rate(ps->hours, ps->plan_hours, ps->wsum + 1, 0);
}

/* Two workers with room drawn at random; the one who could give the case more time takes it.
 * Units: the least loaded with room (a handful, known to the manager). */
static uint32_t choose_worker(model_state *st)
{
    if (st->units_on)
        return model_units_choose(st);
    gsl_rng *r = st->rng->stream[MODEL_RNG_ALLOCATION];
    uint32_t a = st->room.a[gsl_rng_uniform_int(r, st->room.n)];
    uint32_t b = st->room.a[gsl_rng_uniform_int(r, st->room.n)];
    return prospect(st, b) > prospect(st, a) ? b : a;
}

/* The least loaded qualified worker below the hard maximum, or MODEL_NONE. */
static uint32_t least_loaded(const model_state *st)
{
    if (st->units_on)
        return model_units_least_loaded(st);
    int top = (int)floor(st->p->caseload_max + 1e-9);
    if (top > MODEL_LOAD_BUCKETS - 1)
        top = MODEL_LOAD_BUCKETS - 1;
    for (int k = 0; k < top; k++)
        if (st->load_head[k] != MODEL_NONE)
            return st->load_head[k];
    return MODEL_NONE;
}

/* When the head of the queue cannot be placed under anyone's benchmark, wake up when it has
 * waited as long as the team tolerates (allocation as soon as possible only: meetings look at
 * the queue themselves). */
static void arm_check(model_state *st, uint32_t head)
{
    if (st->p->allocation_interval > 0 || head == MODEL_NONE || st->failed)
        return;
    double due = st->cases[head].due;
    if (due <= model_now(st))
        return; /* due already: nobody below the maximum; a freed place retries */
    if (st->alloc_ev == ENG_NO_HANDLE)
        model_schedule(st, due, MEV_ALLOC_CHECK, 0, 0, &st->alloc_ev);
    else if (eng_reschedule(st->eng, st->alloc_ev, due) != ENG_OK)
        st->failed = 1;
}

/* A team manager allocates the oldest case: to a worker under the benchmark if there is one;
 * otherwise, once it has waited as long as the team tolerates, to the least loaded qualified
 * worker under the hard maximum; otherwise it stays unallocated. With allocation meetings, only
 * while a meeting runs. */
void model_sw_try_allocate(model_state *st)
{
    if (st->p->allocation_interval > 0 && !st->alloc_meeting)
        return;
    uint32_t c = MODEL_NONE;
    while (st->unallocated && !st->failed && (c = queue_peek(st)) != MODEL_NONE) {
        uint32_t w = MODEL_NONE;
        if (st->room.n)
            w = choose_worker(st);
        else if (st->cases[c].due <= model_now(st))
            w = least_loaded(st);
        if (w == MODEL_NONE)
            break;
        queue_pop_head(st, c);
        model_sw_assign(st, c, w);
        c = MODEL_NONE;
    }
    arm_check(st, c);
}

void model_sw_enqueue(model_state *st, uint32_t c)
{
    queue_push(st, c, 0);
}

void model_sw_start_allocation(model_state *st)
{
    if (st->p->allocation_interval > 0)
        model_schedule(st, 0, MEV_ALLOC_MEETING, 0, 0, NULL);
    model_sw_try_allocate(st);
}

void model_sw_alloc_check(model_state *st)
{
    st->alloc_ev = ENG_NO_HANDLE;
    model_sw_try_allocate(st);
}

void model_sw_alloc_meeting(model_state *st)
{
    double t = model_now(st), next = t + st->p->allocation_interval;
    st->alloc_meeting = 1;
    model_sw_try_allocate(st);
    st->alloc_meeting = 0;
    if (next < st->tend)
        model_schedule(st, next, MEV_ALLOC_MEETING, 0, 0, NULL);
}

void model_refer(model_state *st, uint32_t f, int step_up)
{
    const model_params *p = st->p;
    double t = model_now(st);
    model_family *fa = &st->fams[f];
    st->acc.referrals++;
    st->acc.child_referrals += fa->kids;
    model_flow_add(st, FL_REFERRALS, t, fa->kids);
    if (step_up) {
        st->acc.step_ups++;
        model_flow_add(st, FL_STEP_UPS, t, fa->kids);
    }
    if (t - fa->last_referral <= MODEL_WINDOW_12M)
        model_flow_add(st, FL_REREFERRALS, t, fa->kids);
    fa->last_referral = t;
    fa->referrals++;
    fa->state = FAM_CARE;
    model_unmet_begin(st, f, t);
    double z = model_key_normal(fa->key, MODEL_RNG_EFFORT, fa->referrals, 0);
    uint32_t c = model_case_new(st);
    if (c == MODEL_NONE)
        return;
    model_case *ca = &st->cases[c];
    ca->referred = t;
    /* clear (low-need) cases take less work: the mean effort rises with the family's need */
    double mean = p->assessment_hours * exp(p->assessment_need_slope * (fa->need - p->level_cp))
                * model_family_work(p, fa->kids);
    ca->effort = ca->remaining = model_lognormal_of(mean, &st->shape.assessment, z);
    ca->state = CASE_ASSESS;
    ca->family = f;
    st->fams[f].caseid = c;
    queue_push(st, c, 0);
    model_sw_try_allocate(st);
}

/* A leaver's case goes back to the front of the queue with its progress so far. */
void model_sw_unassign(model_state *st, uint32_t c)
{
    detach(st, c);
    model_case *ca = &st->cases[c];
    if (ca->state == CASE_ASSESS)
        model_unmet_begin(st, ca->family, model_now(st));
    queue_push(st, c, 1);
}

/* Case c moves to `to` with its progress and no handoff: the same people go on working it (a worker
 * joining a unit brings its cases; a unit that is dissolved leaves them with its members). A hold
 * is dropped: an assessment waiting for its checks finishes again at once and waits for them. */
void model_sw_transfer(model_state *st, uint32_t c, uint32_t to)
{
    uint32_t from = st->cases[c].worker;
    uint8_t had = st->cases[c].had_worker;
    detach(st, c);
    model_sw_retime(st, from);
    model_case *ca = &st->cases[c];
    ca->had_worker = had;
    attach(st, c, to);
    if (ca->state == CASE_ASSESS)
        ps_join(st, c, to);
    else
        add_case_hours(st, to, ca->state, case_hours(st, ca, ca->state));
    model_sw_retime(st, to);
}

void model_sw_handoff(model_state *st, uint32_t c, uint32_t to)
{
    uint32_t from = st->cases[c].worker;
    detach(st, c);
    model_sw_retime(st, from);
    model_sw_assign(st, c, to);
}

static int outcome(model_state *st, const model_case *ca, const model_worker *wk, double t)
{
    const model_params *p = st->p;
    const model_family *fa = &st->fams[ca->family];
    double sd = wk->holder ? model_unit_noise(st, wk)
              : (wk->nqsw || wk->agency) ? p->noise_nqsw : p->noise_assessor;
    sd *= model_supervision_mult(st);
    sd += p->overload_noise * excess_cases(st, wk); /* overload costs judgement */
    double z = model_key_normal(fa->key, MODEL_RNG_OUTCOMES, fa->referrals, 0);
    double seen = model_perceived_need(fa, p->history_discount, sd, z); /* an assessment reads the history */
    /* threshold pressure moves outcomes down a step (CP -> CIN -> NFA), not out of care */
    double s = model_outcome_shift(st, t);
    if (seen < p->level_cin + s)
        return CASE_FREE; /* no further action */
    if (seen < p->level_s47 + s)
        return CASE_CIN;
    if (seen < p->level_lac)
        return CASE_S47;
    return CASE_LAC;
}

static double plan_length(const model_state *st, const model_case *ca, double mean, uint32_t j)
{
    const model_family *fa = &st->fams[ca->family];
    return model_lognormal_of(mean, &st->shape.plan, model_key_normal(fa->key, MODEL_RNG_DURATIONS, fa->referrals, j));
}

static void start_plan(model_state *st, uint32_t c, int state, double t)
{
    const model_params *p = st->p;
    model_case *ca = &st->cases[c];
    ca->state = (uint8_t)state;
    ca->since = t;
    const model_family *fa = &st->fams[ca->family];
    if (state == CASE_CIN) {
        model_flow_add(st, FL_CIN, t, kids_of(st, ca));
        model_stock_add(st, ST_CIN, t, kids_of(st, ca));
        model_defer(st, t + plan_length(st, ca, p->cin_duration, 0), MEV_PLAN_END, c);
        model_unmet_begin(st, ca->family, t); /* a child in need plan does not protect */
    } else if (state == CASE_S47) {
        model_flow_add(st, FL_S47, t, kids_of(st, ca));
        double z = model_key_normal(fa->key, MODEL_RNG_DURATIONS, fa->referrals, 1);
        double end = t + model_lognormal_of(p->conference_delay, &st->shape.conference, z);
        model_schedule(st, end, MEV_CONFERENCE, c, 0, &ca->ev);
    } else {
        model_flow_add(st, FL_LAC, t, kids_of(st, ca));
        model_stock_add(st, ST_LAC, t, kids_of(st, ca));
        model_defer(st, t + plan_length(st, ca, p->lac_duration, 3), MEV_PLAN_END, c);
    }
}

void model_sw_ps_done(model_state *st, uint32_t w)
{
    st->workers[w].ps_ev = ENG_NO_HANDLE;
    model_sw_assessed(st, st->workers[w].ps_head);
}

void model_sw_held_assessed(model_state *st, uint32_t c, uint32_t stamp)
{
    const model_case *ca = &st->cases[c];
    if (ca->held && ca->hold_stamp == stamp)
        model_sw_assessed(st, c);
}

/* When the checks with partner agencies (and visits) of this referral are done: a keyed draw, so
 * the same referral waits as long for them in every scenario. */
static double checks_done(const model_state *st, const model_case *ca)
{
    const model_family *fa = &st->fams[ca->family];
    if (fa->need < st->p->level_cin)
        return ca->referred; /* a clear case below child in need level needs no partner checks */
    double z = model_key_normal(fa->key, MODEL_RNG_EFFORT, fa->referrals, 1);
    return ca->referred + model_lognormal_of(st->p->assessment_min, &st->shape.assessment_min, z);
}

void model_sw_assessed(model_state *st, uint32_t c)
{
    double t = model_now(st);
    model_case *ca = &st->cases[c];
    uint32_t w = ca->worker, f = ca->family;
    ca->ev = ENG_NO_HANDLE;
    if (ca->in_ps) {
        ps_leave(st, c, w);
        model_sw_retime(st, w);
    }
    double checked = checks_done(st, ca);
    if (t < checked) { /* the work is done; the checks are not */
        hold(st, c, checked, MEV_ASSESSED);
        return;
    }
    ca->held = 0;
    ca->hold_stamp = 0;
    st->acc.assessments_completed++;
    st->acc.child_assessments_completed += kids_of(st, ca);
    model_record_duration(st, t, (int)(floor(t) - floor(ca->referred)), kids_of(st, ca));
    int state = outcome(st, ca, &st->workers[w], t);
    if ((state == CASE_FREE || state == CASE_CIN) && st->fams[f].need >= st->p->level_cp)
        model_flow_add(st, FL_CP_MISJUDGED, t, kids_of(st, ca));
    if (state == CASE_FREE) {
        model_flow_add(st, FL_NFA, t, kids_of(st, ca));
        ca->state = CASE_FREE; /* so detach releases no plan hours */
        detach(st, c);
        model_sw_retime(st, w);
        model_case_free(st, c);
        model_family_away(st, f, 0, 0);
        model_sw_try_allocate(st);
        return;
    }
    start_plan(st, c, state, t);
    add_case_hours(st, w, state, case_hours(st, ca, state));
    model_sw_retime(st, w);
}

/* The case moves to another state: its worker's plan hours follow. */
static void restate(model_state *st, uint32_t c, int state)
{
    model_case *ca = &st->cases[c];
    double dh = case_hours(st, ca, state) - case_hours(st, ca, ca->state);
    int was = ca->state;
    ca->state = (uint8_t)state;
    uint32_t w = ca->worker;
    if (w != MODEL_NONE && st->workers[w].holder) { /* an enquiry's hours leave the unit's s47 */
        if (was == CASE_S47)
            model_unit_add_s47(st, w, -case_hours(st, ca, CASE_S47));
        if (state == CASE_S47)
            model_unit_add_s47(st, w, case_hours(st, ca, CASE_S47));
    }
    if (w != MODEL_NONE && (dh != 0 || st->workers[w].holder)) {
        model_sw_add_plan_hours(st, w, dh);
        model_sw_retime(st, w);
    }
}

/* A section 47 enquiry ends with no further action: the case closes. */
static void s47_close(model_state *st, uint32_t c)
{
    model_case *ca = &st->cases[c];
    uint32_t f = ca->family, w = ca->worker;
    if (w != MODEL_NONE) {
        detach(st, c); /* releases the enquiry's hours */
        model_sw_retime(st, w);
    } else if (ca->queued) {
        queue_drop(st, c);
    }
    model_case_free(st, c);
    model_family_away(st, f, 0, 0);
    model_sw_try_allocate(st);
}

/* The enquiry ends. What it found (need seen again, a second keyed look with the assessor's
 * noise) decides: an initial child protection conference at child protection level, which makes
 * a plan for cpp_share of children and a child in need plan for the rest; a child in need plan
 * at child in need level; otherwise no further action. */
void model_sw_conference(model_state *st, uint32_t c)
{
    const model_params *p = st->p;
    double t = model_now(st);
    model_case *ca = &st->cases[c];
    const model_family *fa = &st->fams[ca->family];
    ca->ev = ENG_NO_HANDLE;
    double z = model_key_normal(fa->key, MODEL_RNG_OUTCOMES, fa->referrals, 1);
    double sd = p->noise_assessor;
    if (ca->worker != MODEL_NONE && st->workers[ca->worker].holder)
        sd = model_unit_noise(st, &st->workers[ca->worker]);
    double seen = model_perceived_need(fa, p->history_discount, sd, z);
    double s = model_outcome_shift(st, t);
    if (fa->need >= p->level_cp && seen < p->level_cp + s)
        model_flow_add(st, FL_CP_MISJUDGED, t, kids_of(st, ca));
    if (seen < p->level_cin + s) {
        s47_close(st, c);
        return;
    }
    int plan = seen >= p->level_cp + s;
    if (plan) {
        model_flow_add(st, FL_ICPC, t, kids_of(st, ca));
        plan = model_key_u(fa->key, MODEL_RNG_OUTCOMES, fa->referrals, 2) < p->cpp_share;
    }
    if (!plan) {
        restate(st, c, CASE_CIN);
        start_plan(st, c, CASE_CIN, t);
        return;
    }
    restate(st, c, CASE_CP);
    ca->since = t;
    model_flow_add(st, FL_CP, t, kids_of(st, ca));
    model_stock_add(st, ST_CP, t, kids_of(st, ca));
    model_defer(st, t + plan_length(st, ca, p->cp_duration, 2), MEV_PLAN_END, c);
}

void model_sw_plan_end(model_state *st, uint32_t c)
{
    double t = model_now(st);
    model_case *ca = &st->cases[c];
    uint32_t f = ca->family, w = ca->worker;
    int served = ca->state == CASE_CIN ? 2 : 3;
    int comes_back = ca->state != CASE_LAC; /* leaving care: permanence or adulthood */
    ca->ev = ENG_NO_HANDLE;
    model_stock_add(st, ca->state == CASE_CIN ? ST_CIN : ca->state == CASE_CP ? ST_CP : ST_LAC, t, -kids_of(st, ca));
    if (w != MODEL_NONE) {
        detach(st, c);
        model_sw_retime(st, w);
    } else if (ca->queued) {
        queue_drop(st, c);
    }
    model_case_free(st, c);
    model_unmet_end(st, f, t);
    model_family_away(st, f, served, comes_back);
    model_sw_try_allocate(st);
}

/* One open plan carried in at the start: need drawn within the plan's level, and the time left of
 * a plan in progress, a uniform share of a length-biased plan length (for a lognormal, the same
 * lognormal with its log-mean raised by its log-variance); the referral was that long ago. */
static int seed_one(model_state *st, int state, double lo, double hi, double mean)
{
    const model_params *p = st->p;
    gsl_rng *r = st->rng->stream[MODEL_RNG_INITIAL];
    uint32_t f = model_family_new(st), c = model_case_new(st);
    if (f == MODEL_NONE || c == MODEL_NONE)
        return 1;
    double len = model_lognormal_of(mean, &st->shape.plan, gsl_ran_gaussian_ziggurat(r, 1.0)) * (1.0 + p->plan_cv * p->plan_cv);
    double left = gsl_rng_uniform_pos(r) * len;
    model_family *fa = &st->fams[f];
    fa->need = lo + (hi - lo) * gsl_rng_uniform(r);
    fa->key = ((uint64_t)gsl_rng_get(r) << 32) ^ gsl_rng_get(r);
    st->acc.families_new++;
    model_family_present(st, f, gsl_ran_gaussian_ziggurat(r, 1.0));
    fa->kids = (uint8_t)model_children_of(p, model_key_u(fa->key, MODEL_RNG_NEED, 0, 7));
    st->acc.children_arrived += fa->kids;
    fa->state = FAM_CARE;
    fa->caseid = c;
    fa->referrals = 1;
    fa->last_referral = fa->last_assess = left - len - p->assessment_min;
    model_case *ca = &st->cases[c];
    ca->family = f;
    ca->state = (uint8_t)state;
    ca->allocated = 1;
    ca->referred = ca->since = fa->last_referral;
    model_stock_add(st, state == CASE_CIN ? ST_CIN : state == CASE_CP ? ST_CP : ST_LAC, 0, fa->kids);
    model_defer(st, left, MEV_PLAN_END, c);
    queue_push(st, c, 0);
    if (state == CASE_CIN)
        model_unmet_begin(st, f, 0);
    return st->fams[f].kids;
}

int model_sw_seed_plans(model_state *st)
{
    const model_params *p = st->p;
    double per = p->children / 1e4, top = p->level_lac + p->need_sd;
    int n[3] = {(int)floor(per * p->initial_cin_per_10k + 0.5), (int)floor(per * p->initial_cp_per_10k + 0.5),
                (int)floor(per * p->initial_lac_per_10k + 0.5)};
    /* families until the children carried in reach each rate */
    for (int i = 0; i < n[0] && !st->failed;)
        i += seed_one(st, CASE_CIN, p->level_cin, p->level_cp, p->cin_duration);
    for (int i = 0; i < n[1] && !st->failed;)
        i += seed_one(st, CASE_CP, p->level_cp, p->level_lac, p->cp_duration);
    for (int i = 0; i < n[2] && !st->failed;)
        i += seed_one(st, CASE_LAC, p->level_lac, top, p->lac_duration);
    model_sw_start_allocation(st);
    return st->failed ? -1 : 0;
}
