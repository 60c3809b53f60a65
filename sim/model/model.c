/* model: one replication (see include/model/model.h): set-up, the event loop, the end-of-run
 * accounting. The flow itself is in model_demand.c, model_frontdoor.c, model_earlyhelp.c,
 * model_socialwork.c, model_staff.c and model_events.c; the metrics in model_stats.c. */
#include "model_clock.h"
#include "model_demand.h"
#include "model_earlyhelp.h"
#include "model_events.h"
#include "model_management.h"
#include "model_rand.h"
#include "model_frontdoor.h"
#include "model_socialwork.h"
#include "model_snapshot.h"
#include "model_staff.h"
#include "model_units.h"
#include "model_state.h"
#include "model_stats.h"
#include "model_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct model_workspace {
    model_state st;
    rng_streams rng;
    int rng_ready;
    cal_workdays *cal;
    cal_date cal_first, cal_last;
    eng_engine *eng; /* kept between runs: reset, not rebuilt, so its memory stays grown */
};

int model_weeks(const model_params *p)
{
    return (int)floor(p->years * CAL_DAYS_YEAR / 7.0 + 1e-9);
}

int model_results_init(model_results *r, const model_params *p)
{
    memset(r, 0, sizeof *r);
    r->weeks = model_weeks(p);
    r->week0 = p->start;
    r->weekly = calloc((size_t)(r->weeks > 0 ? r->weeks : 1) * M_COUNT, sizeof *r->weekly);
    return r->weekly ? 0 : -1;
}

void model_results_free(model_results *r)
{
    free(r->weekly);
    r->weekly = NULL;
}

model_workspace *model_workspace_create(void)
{
    return calloc(1, sizeof(model_workspace));
}

static void state_free(model_state *st)
{
    free(st->fams);
    free(st->fam_free.a);
    free(st->cases);
    free(st->case_free.a);
    free(st->workers);
    free(st->worker_free.a);
    free(st->arr);
    free(st->fd_queue.idx);
    free(st->fd_queue.stamp);
    free(st->fd_free.a);
    free(st->alloc_queue.idx);
    free(st->alloc_queue.stamp);
    free(st->room.a);
    free(st->scratch.a);
    free(st->scratch2.a);
    free(st->units);
    model_stats_free(&st->stats);
}

void model_workspace_destroy(model_workspace *ws)
{
    if (!ws)
        return;
    state_free(&ws->st);
    if (ws->rng_ready)
        rng_streams_free(&ws->rng);
    cal_workdays_destroy(ws->cal);
    eng_destroy(ws->eng);
    free(ws);
}

/* The working-day table: from far enough before the start for the warm-up to the end. */
static int calendar_setup(model_workspace *ws, const model_params *p, int weeks, char *err, size_t errlen)
{
    int warm = (int)floor(p->warmup + 0.5);
    cal_date first = p->start - (cal_date)(warm * 1.5 + 30), last = p->start + 7 * weeks + 14;
    if (p->snapshot) /* back to the oldest case, so the time a plan has run is counted in full */
        first = model_snapshot_earliest(p->snapshot, first);
    if (!ws->cal || ws->cal_first != first || ws->cal_last != last) {
        cal_workdays_destroy(ws->cal);
        ws->cal = cal_workdays_create(first, last);
        ws->cal_first = first;
        ws->cal_last = last;
        if (!ws->cal) {
            snprintf(err, errlen, "the run's dates are outside the calendar (%d-%d) or out of memory",
                     CAL_FIRST_YEAR, CAL_LAST_YEAR);
            return -1;
        }
    }
    ws->st.cal = ws->cal;
    ws->st.base = cal_workdays_index(ws->cal, p->start) - warm;
    return 0;
}

/* Empty the state for a new run, keeping every array's capacity. */
static void state_reset(model_state *st, const model_params *p, model_results *out)
{
    st->p = p;
    st->out = out;
    st->failed = 0;
    st->nfams = st->ncases = st->nworkers = 0;
    st->fam_free.n = st->case_free.n = st->worker_free.n = 0;
    st->narr = 0;
    st->fd_queue.len = st->fd_queue.head = 0;
    st->alloc_queue.len = st->alloc_queue.head = 0;
    st->fd_free.n = st->room.n = 0;
    st->fd_busy = 0;
    st->fd_clearance = 0;
    st->history_use = p->history_use;
    st->gate_shift = 0;
    st->mgmt_fte_lost = 0;
    st->oversight = 1;
    st->decisions_day = -1; /* set from the demand on the first day */
    st->decisions_today = 0;
    st->booked_supervision = st->booked_running = st->booked_eh_cap = 0;
    memset(st->ref_hist, 0, sizeof st->ref_hist);
    st->eh_head = st->eh_tail = MODEL_NONE;
    st->eh_waiting = st->eh_open = 0;
    st->days_open = p->days_open_per_week;
    st->shape.episode = model_lognormal_shape_of(p->episode_cv);
    st->shape.assessment = model_lognormal_shape_of(p->assessment_cv);
    st->shape.assessment_min = model_lognormal_shape_of(p->assessment_min_cv);
    st->shape.conference = model_lognormal_shape_of(p->conference_cv);
    st->shape.plan = model_lognormal_shape_of(p->plan_cv);
    st->unallocated = 0;
    for (int k = 0; k < MODEL_LOAD_BUCKETS; k++)
        st->load_head[k] = MODEL_NONE;
    st->alloc_ev = ENG_NO_HANDLE;
    st->alloc_meeting = 0;
    st->cap = p->caseload_cap;
    st->cap_nqsw = p->caseload_cap_nqsw;
    st->productivity = 1;
    st->nunits = 0;
    st->units_on = 0;
    st->stamp = 0;
    st->leave_seq = 0;
    st->hold_seq = 0;
    st->now = 0;
    st->running = 0;
    st->keep_returns = 0;
    memset(&st->acc, 0, sizeof st->acc);
}

static void dispatch(model_state *st, const eng_event *ev)
{
    switch (ev->kind) {
    case MEV_ARRIVAL_DAY: model_arrival_day(st, (int)ev->a); break;
    case MEV_ARRIVAL: model_arrival(st, ev->a); break;
    case MEV_RECONTACT: model_recontact(st, ev->a); break;
    case MEV_SCREENED: model_fd_screened(st, ev->a); break;
    case MEV_EH_ESCALATE: model_eh_escalate(st, ev->a); break;
    case MEV_EH_END: model_eh_end(st, ev->a); break;
    case MEV_ASSESSED: model_sw_held_assessed(st, ev->a, (uint32_t)ev->b); break;
    case MEV_HOLD_END: model_sw_hold_end(st, ev->a, (uint32_t)ev->b); break;
    case MEV_CONFERENCE: model_sw_conference(st, ev->a); break;
    case MEV_PLAN_END: model_sw_plan_end(st, ev->a); break;
    case MEV_LEAVE: model_staff_leave(st, ev->a, (uint32_t)ev->b); break;
    case MEV_HIRE: model_staff_hire(st, (int)ev->a); break;
    case MEV_AGENCY: model_staff_agency_start(st, (int)ev->a); break;
    case MEV_ASYE: model_staff_asye(st, ev->a); break;
    case MEV_LEVER: model_lever(st, ev->a, ev->b); break;
    case MEV_PS_DONE: model_sw_ps_done(st, ev->a); break;
    case MEV_ALLOC_CHECK: model_sw_alloc_check(st); break;
    case MEV_ALLOC_MEETING: model_sw_alloc_meeting(st); break;
    case MEV_FOCUS: model_sw_focus(st, ev->a, (uint32_t)ev->b); break;
    case MEV_EH_GIVE_UP: model_eh_give_up(st, ev->a); break;
    default: break;
    }
}

/* Spells still open at the end are counted up to it; cases are counted by where they are. */
static void close_run(model_state *st)
{
    double t = st->tend;
    for (uint32_t f = 0; f < st->nfams; f++) {
        model_family *fa = &st->fams[f];
        if (fa->state == FAM_FREE)
            continue;
        st->acc.families_at_end++;
        st->acc.families_away_at_end += fa->state == FAM_AWAY;
        st->acc.families_in_early_help_at_end += fa->state == FAM_EH;
        st->acc.families_in_care_at_end += fa->state == FAM_CARE;
        st->ref_hist[fa->referrals < 63 ? fa->referrals : 63]++;
        model_unmet_end(st, f, t);
        if (fa->state == FAM_EH_WAIT)
            model_unmet_rising(st, fa->need, fa->since, t, fa->kids);
        st->acc.children_present_at_end += fa->kids;
    }
    for (uint32_t c = 0; c < st->ncases; c++) {
        const model_case *ca = &st->cases[c];
        st->acc.cases_open_at_end += ca->state != CASE_FREE;
        if (ca->state != CASE_ASSESS)
            continue;
        int kids = st->fams[ca->family].kids;
        if (ca->worker == MODEL_NONE) {
            st->acc.awaiting_allocation_at_end++;
            st->acc.child_awaiting_allocation_at_end += kids;
        } else {
            st->acc.assessments_in_progress_at_end++;
            st->acc.child_assessments_in_progress_at_end += kids;
        }
    }
    st->acc.awaiting_screening_at_end = st->fd_queue.len + st->fd_busy;
    st->acc.early_help_waiting_at_end = st->eh_waiting;
}

/* Ask for the records that the next screening and the day's next deferred event will touch while
 * this event runs: in a big authority the family and case arrays are far larger than the caches,
 * and these events come in an order unrelated to where their records lie. A hint only: it changes
 * no result. */
static void prefetch_next(const model_state *st, const eng_lookahead *next)
{
    if (next->fifo_kind == MEV_SCREENED) { /* the family the next screening decides on */
        uint32_t f = st->workers[next->fifo_a].busy_family;
        if (f != MODEL_NONE)
            __builtin_prefetch(&st->fams[f]);
    }
    switch (next->deferred_kind) {
    case MEV_RECONTACT:
    case MEV_EH_END: __builtin_prefetch(&st->fams[next->deferred_a]); break;
    case MEV_PLAN_END:
    case MEV_ASSESSED:
    case MEV_HOLD_END: __builtin_prefetch(&st->cases[next->deferred_a]); break;
    default: break;
    }
}

static int run_loop(model_state *st)
{
    eng_event ev;
    const eng_lookahead *next = eng_lookahead_of(st->eng);
    st->running = 1;
    while (!st->failed && eng_next(st->eng, &ev)) {
        if (ev.kind == MEV_END)
            break;
        st->now = ev.time;
        if (ev.handle == ENG_NO_HANDLE) /* from a stream: the next ones are known */
            prefetch_next(st, next);
        dispatch(st, &ev);
    }
    st->running = 0;
    return st->failed ? -1 : 0;
}

static int setup(model_workspace *ws, const model_params *p, uint64_t seed, uint64_t rep,
                 model_results *out, char *err, size_t errlen)
{
    model_state *st = &ws->st;
    if (calendar_setup(ws, p, out->weeks, err, errlen))
        return -1;
    if (!ws->rng_ready) {
        if (rng_streams_init(&ws->rng, MODEL_RNG_COUNT, seed, rep)) {
            snprintf(err, errlen, "out of memory (random streams)");
            return -1;
        }
        ws->rng_ready = 1;
    } else {
        rng_streams_reseed(&ws->rng, seed, rep);
    }
    st->rng = &ws->rng;
    state_reset(st, p, out);
    st->weeks = out->weeks;
    st->t0 = model_clock_of_date(st, p->start);
    st->tend = model_clock_of_date(st, p->start + 7 * out->weeks);
    if (ws->eng)
        eng_reset(ws->eng, 0.0);
    else
        ws->eng = eng_create(1024, 0.0);
    st->eng = ws->eng;
    if (!st->eng || model_stats_setup(st) || eng_defer_setup(st->eng, st->stats.ndays)) {
        snprintf(err, errlen, "out of memory (engine or statistics)");
        return -1;
    }
    return 0;
}

static int run(model_workspace *ws, const model_params *p, uint64_t seed, uint64_t rep,
               model_results *out, int keep_returns, char *err, size_t errlen)
{
    if (params_check(p, err, errlen))
        return -1;
    if (out->weeks != model_weeks(p) || !out->weekly || out->weeks < 1) {
        snprintf(err, errlen, "results not initialised for these parameters (model_results_init)");
        return -1;
    }
    memset(out->total, 0, sizeof out->total);
    memset(out->wd_hist, 0, sizeof out->wd_hist);
    memset(out->weekly, 0, (size_t)out->weeks * M_COUNT * sizeof *out->weekly);
    model_state *st = &ws->st;
    int rc = setup(ws, p, seed, rep, out, err, errlen);
    if (!rc) {
        st->keep_returns = keep_returns;
        model_schedule(st, st->tend, MEV_END, 0, 0, NULL);
        if (p->snapshot ? model_snapshot_start(st, p->snapshot) || model_units_setup(st)
                        : model_staff_setup(st) || model_units_setup(st) || model_sw_seed_plans(st))
            rc = -1;
        if (!rc && model_levers_setup(st))
            rc = -1;
        model_costs_book(st, 0);
        model_schedule(st, 0, MEV_ARRIVAL_DAY, 0, 0, NULL);
        if (!rc)
            rc = run_loop(st);
        if (!rc) {
            close_run(st);
            model_stats_finish(st);
            rc = st->failed ? -1 : 0;
        }
        if (rc)
            snprintf(err, errlen, "out of memory during the run");
        out->acc = st->acc;
        out->events = eng_delivered(st->eng);
    }
    return rc;
}

int model_run(model_workspace *ws, const model_params *p, uint64_t seed, uint64_t rep,
              model_results *out, char *err, size_t errlen)
{
    return run(ws, p, seed, rep, out, 0, err, errlen);
}

int model_run_snapshot(model_workspace *ws, const model_params *p, uint64_t seed, uint64_t rep,
                       model_results *out, model_snapshot *snap, char *err, size_t errlen)
{
    memset(snap, 0, sizeof *snap);
    if (run(ws, p, seed, rep, out, 1, err, errlen))
        return -1;
    if (model_snapshot_record(&ws->st, snap)) {
        model_snapshot_free(snap);
        snprintf(err, errlen, "out of memory (snapshot)");
        return -1;
    }
    return 0;
}

model_state *model_test_open(model_workspace *ws, const model_params *p, model_results *out,
                             char *err, size_t errlen)
{
    return setup(ws, p, 1, 0, out, err, errlen) ? NULL : &ws->st;
}

const model_state *model_test_state(const model_workspace *ws)
{
    return &ws->st;
}

void model_test_close(model_workspace *ws)
{
    (void)ws; /* the engine and state are the workspace's, freed with it */
}
