/* model_wheel: a bucket per working day for events that are never cancelled and lie on a later
 * day (recontacts, plan ends, episode ends, recruitments), and for leaving dates, which may move
 * but are stamped: a moved or cancelled one is left in place and ignored when it fires. When
 * their day starts (model_arrival_day calls model_wheel_release first thing) they are sorted by
 * time into the day's stream (st->ms.today), which run_loop merges with the engine's calendar;
 * they never enter the heap. */
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
    st->nwblocks = 0;
    st->wfree = MODEL_NONE;
    return 0;
}

void model_wheel_free(model_state *st)
{
    free(st->wblocks);
    free(st->whead);
    free(st->ms.today);
    free(st->ms.today_tmp);
    free(st->ms.q);
}

static uint32_t block_new(model_state *st)
{
    if (st->wfree != MODEL_NONE) {
        uint32_t n = st->wfree;
        st->wfree = st->wblocks[n].next;
        return n;
    }
    if (st->nwblocks == st->capwblocks) {
        uint32_t cap = st->capwblocks ? 2 * st->capwblocks : 256;
        model_wheel_block *a = realloc(st->wblocks, (size_t)cap * sizeof *a);
        if (!a) {
            st->failed = 1;
            return MODEL_NONE;
        }
        st->wblocks = a;
        st->capwblocks = cap;
    }
    return st->nwblocks++;
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
    /* A stamped event (one the engine used to hold) at the very start of a day goes to the engine
     * too: there it runs before the day's MEV_ARRIVAL_DAY, which was scheduled after it, as it
     * always has; from the wheel it would run after. (Times that are whole days happen: screening
     * takes a sixth of a day, so a referral can fall on one.) */
    if (day <= (int)model_now(st) || (b && t == (double)day)) {
        model_schedule(st, t, kind, a, b, NULL);
        return;
    }
    uint32_t k = st->whead[day];
    if (k == MODEL_NONE || st->wblocks[k].n == MODEL_WHEEL_BLOCK) {
        uint32_t n = block_new(st);
        if (n == MODEL_NONE)
            return;
        st->wblocks[n].next = k;
        st->wblocks[n].n = 0;
        st->whead[day] = k = n;
    }
    model_wheel_block *blk = &st->wblocks[k];
    blk->node[blk->n++] = (model_wheel_node){t, b ? ++st->ms.seq : 0, kind, a, b};
}

static int today_reserve(model_streams *ms, uint32_t n)
{
    if (n <= ms->captoday)
        return 0;
    uint32_t cap = ms->captoday ? ms->captoday : 64;
    while (cap < n)
        cap *= 2;
    model_wheel_node *a = realloc(ms->today, (size_t)cap * sizeof *a);
    if (!a)
        return -1;
    ms->today = a;
    model_wheel_node *b = realloc(ms->today_tmp, (size_t)cap * sizeof *b);
    if (!b)
        return -1;
    ms->today_tmp = b;
    ms->captoday = cap;
    return 0;
}

/* Order within a day: by time, then seq (stamped events by when they were set, before the
 * others, which keep the bucket's order). */
static int after(const model_wheel_node *x, const model_wheel_node *y)
{
    return x->t > y->t || (x->t == y->t && x->seq > y->seq);
}

static void insertion_sort(model_wheel_node *a, uint32_t n)
{
    for (uint32_t k = 1; k < n; k++) {
        model_wheel_node x = a[k];
        uint32_t i = k;
        while (i > 0 && after(&a[i - 1], &x)) {
            a[i] = a[i - 1];
            i--;
        }
        a[i] = x;
    }
}

/* Stable sort by time: insertion sort on runs of 16, then bottom-up merges through tmp (a big
 * authority's day holds thousands of events, where insertion sort alone would be quadratic). */
static void stable_sort(model_streams *ms, uint32_t n)
{
    enum { RUN = 16 };
    model_wheel_node *a = ms->today, *b = ms->today_tmp;
    for (uint32_t i = 0; i < n; i += RUN)
        insertion_sort(a + i, n - i < RUN ? n - i : RUN);
    for (uint32_t w = RUN; w < n; w *= 2) {
        for (uint32_t lo = 0; lo < n; lo += 2 * w) {
            uint32_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            uint32_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                b[k++] = after(&a[i], &a[j]) ? a[j++] : a[i++];
            while (i < mid)
                b[k++] = a[i++];
            while (j < hi)
                b[k++] = a[j++];
        }
        model_wheel_node *t = a;
        a = b;
        b = t;
    }
    if (a != ms->today) { /* the sorted run ended in the scratch buffer: swap the two */
        ms->today_tmp = ms->today;
        ms->today = a;
    }
}

/* The day's bucket into st->ms.today in time order; equal times keep the bucket's order (blocks
 * newest first, each block in the order its events were set). */
void model_wheel_release(model_state *st, int day)
{
    model_streams *ms = &st->ms;
    uint32_t b = st->whead[day], k = 0;
    st->whead[day] = MODEL_NONE;
    ms->ntoday = ms->today_pos = 0;
    uint64_t seq = ++ms->seq;
    while (b != MODEL_NONE) {
        model_wheel_block *blk = &st->wblocks[b];
        uint32_t next = blk->next;
        if (today_reserve(ms, k + blk->n)) {
            st->failed = 1;
            return;
        }
        for (uint32_t i = 0; i < blk->n; i++, k++) {
            ms->today[k] = blk->node[i];
            if (!ms->today[k].seq)
                ms->today[k].seq = seq;
        }
        blk->next = st->wfree;
        st->wfree = b;
        b = next;
    }
    stable_sort(ms, k);
    ms->ntoday = k;
}
