/* model_streams: the model's own sorted event streams, merged with the engine's calendar (see
 * "Events" in model_internal.h).
 *
 * Why: most of the model's events are never moved or cancelled and arrive already in time order -
 * the day's new families (drawn sorted), the day's deferred events (sorted once when the day
 * starts) and screening completions (each starts no earlier than the one before and screening
 * takes a fixed time). Through the heap each would cost a push and a pop whose branches the
 * processor cannot predict; here it costs a comparison of three heads. The heap keeps what may
 * move or be cancelled (assessments, conferences, levers, the day's start), so it is small too.
 *
 * Order: the engine's event goes first at equal times; among the streams, the one whose event was
 * put in first (seq). */
#include "model_internal.h"

#include <math.h>
#include <stdlib.h>

enum { SRC_NONE, SRC_TODAY, SRC_ARRIVAL, SRC_SCREENED };

static int queue_grow(model_streams *ms)
{
    size_t n = ms->qcap ? 2 * ms->qcap : 64;
    model_timed *a = malloc(n * sizeof *a);
    if (!a)
        return -1;
    for (size_t i = 0; i < ms->qlen; i++)
        a[i] = ms->q[(ms->qhead + i) & (ms->qcap - 1)];
    free(ms->q);
    ms->q = a;
    ms->qhead = 0;
    ms->qcap = n;
    return 0;
}

void model_schedule_screened(model_state *st, double t, uint32_t w)
{
    model_streams *ms = &st->ms;
    if (ms->qlen && ms->q[(ms->qhead + ms->qlen - 1) & (ms->qcap - 1)].t > t) {
        /* Roles with different screening times can finish out of order: the heap takes it. */
        model_schedule(st, t, MEV_SCREENED, w, 0, NULL);
        return;
    }
    if (ms->qlen == ms->qcap && queue_grow(ms)) {
        st->failed = 1;
        return;
    }
    ms->q[(ms->qhead + ms->qlen++) & (ms->qcap - 1)] = (model_timed){t, ++ms->seq, MEV_SCREENED, w};
}

void model_streams_reset(model_state *st)
{
    model_streams *ms = &st->ms;
    ms->now = 0;
    ms->running = 0;
    ms->seq = ms->done = 0;
    ms->ntoday = ms->today_pos = 0;
    ms->arr_pos = 0;
    ms->qhead = ms->qlen = 0;
}

/* The first of the streams' heads: its source, time and seq. */
static int first(const model_state *st, double *t)
{
    const model_streams *ms = &st->ms;
    int src = SRC_NONE;
    double best = 0;
    uint64_t seq = 0;
    if (ms->today_pos < ms->ntoday) {
        src = SRC_TODAY;
        best = ms->today[ms->today_pos].t;
        seq = ms->today[ms->today_pos].seq;
    }
    if (ms->arr_pos < st->narr) {
        double x = st->arr[ms->arr_pos].t;
        if (src == SRC_NONE || x < best || (x == best && ms->arr_seq < seq)) {
            src = SRC_ARRIVAL;
            best = x;
            seq = ms->arr_seq;
        }
    }
    if (ms->qlen) {
        const model_timed *q = &ms->q[ms->qhead];
        if (src == SRC_NONE || q->t < best || (q->t == best && q->seq < seq)) {
            src = SRC_SCREENED;
            best = q->t;
        }
    }
    *t = best;
    return src;
}

/* Ask for the records the next screening and the day's next deferred event will touch while
 * this event runs: in a big
 * authority the family and case arrays are far larger than the caches, and these events come in
 * an order unrelated to where their records lie. A hint only: it changes no result. */
static void prefetch_next(const model_state *st)
{
    const model_streams *ms = &st->ms;
    if (ms->qlen) { /* the family the next screening decides on */
        uint32_t f = st->workers[ms->q[ms->qhead].a].busy_family;
        if (f != MODEL_NONE)
            __builtin_prefetch(&st->fams[f]);
    }
    if (ms->today_pos >= ms->ntoday)
        return;
    const model_wheel_node *x = &ms->today[ms->today_pos];
    switch (x->kind) {
    case MEV_RECONTACT:
    case MEV_EH_END: __builtin_prefetch(&st->fams[x->a]); break;
    case MEV_PLAN_END:
    case MEV_ASSESSED:
    case MEV_HOLD_END: __builtin_prefetch(&st->cases[x->a]); break;
    default: break;
    }
}

/* Take the first stream event into *ev (as the engine would have delivered it). */
static void take(model_state *st, int src, eng_event *ev)
{
    model_streams *ms = &st->ms;
    ev->handle = ENG_NO_HANDLE;
    ev->b = 0;
    if (src == SRC_TODAY) {
        const model_wheel_node *x = &ms->today[ms->today_pos++];
        ev->time = x->t;
        ev->kind = x->kind;
        ev->a = x->a;
        ev->b = x->b;
    } else if (src == SRC_ARRIVAL) {
        ev->time = st->arr[ms->arr_pos].t;
        ev->kind = MEV_ARRIVAL;
        ev->a = (uint32_t)ms->arr_pos++;
    } else {
        const model_timed *q = &ms->q[ms->qhead];
        ev->time = q->t;
        ev->kind = q->kind;
        ev->a = q->a;
        ms->qhead = (ms->qhead + 1) & (ms->qcap - 1);
        ms->qlen--;
    }
    ms->now = ev->time;
    ms->done++;
    prefetch_next(st);
}

int model_streams_next(model_state *st, eng_event *ev)
{
    double t;
    int src = first(st, &t);
    if (eng_next_until(st->eng, src == SRC_NONE ? INFINITY : t, ev)) {
        st->ms.now = ev->time;
        return 1;
    }
    if (src == SRC_NONE)
        return 0;
    take(st, src, ev);
    return 1;
}
