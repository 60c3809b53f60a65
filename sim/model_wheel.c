/* model_wheel: a bucket per working day for events that are never cancelled and lie on a later
 * day (recontacts, plan ends, episode ends, recruitments), and for leaving dates, which may move
 * but are stamped: a moved or cancelled one is left in place and ignored when it fires. They enter the engine when their day
 * starts (model_arrival_day calls model_wheel_release first thing), so the heap holds the events
 * of about one day plus those that may move (assessments, leaving dates). Within a bucket the
 * order is last in, first out; the engine then orders them by time. */
#include "model_internal.h"

#include <stdlib.h>

int model_wheel_setup(model_state *st)
{
    int days = st->stats.ndays;
    if (days > st->capwdays) {
        uint32_t *h = realloc(st->whead, (size_t)days * sizeof *h);
        if (!h)
            return -1;
        st->whead = h;
        st->capwdays = days;
    }
    for (int d = 0; d < days; d++)
        st->whead[d] = MODEL_NONE;
    st->nwnodes = 0;
    st->wfree = MODEL_NONE;
    return 0;
}

void model_wheel_free(model_state *st)
{
    free(st->wnodes);
    free(st->whead);
}

static uint32_t node_new(model_state *st)
{
    if (st->wfree != MODEL_NONE) {
        uint32_t n = st->wfree;
        st->wfree = st->wnodes[n].next;
        return n;
    }
    if (st->nwnodes == st->capwnodes) {
        uint32_t cap = st->capwnodes ? 2 * st->capwnodes : 1024;
        model_wheel_node *a = realloc(st->wnodes, (size_t)cap * sizeof *a);
        if (!a) {
            st->failed = 1;
            return MODEL_NONE;
        }
        st->wnodes = a;
        st->capwnodes = cap;
    }
    return st->nwnodes++;
}

void model_defer(model_state *st, double t, uint32_t kind, uint32_t a)
{
    model_defer_stamped(st, t, kind, a, 0);
}

void model_defer_stamped(model_state *st, double t, uint32_t kind, uint32_t a, uint32_t b)
{
    int day = (int)t;
    if (day >= st->stats.ndays)
        return; /* after the end of the run: it never happens */
    if (day <= (int)eng_now(st->eng)) {
        model_schedule(st, t, kind, a, b, NULL);
        return;
    }
    uint32_t n = node_new(st);
    if (n == MODEL_NONE)
        return;
    st->wnodes[n] = (model_wheel_node){t, kind, a, b, st->whead[day]};
    st->whead[day] = n;
}

void model_wheel_release(model_state *st, int day)
{
    uint32_t n = st->whead[day];
    st->whead[day] = MODEL_NONE;
    while (n != MODEL_NONE) {
        model_wheel_node *x = &st->wnodes[n];
        uint32_t next = x->next;
        model_schedule(st, x->t, x->kind, x->a, x->b, NULL);
        x->next = st->wfree;
        st->wfree = n;
        n = next;
    }
}
