/* engine_streams: the deferred-event wheel and the sorted streams of include/engine/engine.h.
 *
 * Why: most of a simulation's events are never moved or cancelled, and many arrive already in time
 * order. Through the heap each would cost a push and a pop whose branches the processor cannot
 * predict; here an event costs an append and, when it is delivered, a comparison of three heads.
 * The heap keeps what may move or be cancelled, so it stays small too.
 *   - the wheel: events for a later whole time unit (a working day, for the model) wait in that
 *     unit's bucket; when the caller releases the unit they are sorted into the "today" stream;
 *   - the batch: the caller's array of records already in time order (the day's arrivals);
 *   - the FIFO: events pushed in time order (completions of a service that takes a fixed time).
 * eng_next (engine.c) merges the three with the heap under the same-time rules in engine.h. */
#include "engine_internal.h"
#include "util.h"

#include <stdlib.h>

#define NONE UINT32_MAX

void eng_streams_free(eng_streams *s)
{
    free(s->blocks);
    free(s->head);
    free(s->today);
    free(s->today_tmp);
    free(s->q);
}

void eng_streams_reset(eng_streams *s)
{
    s->seq = s->done = 0;
    s->ntoday = s->today_pos = 0;
    s->batch = NULL;
    s->batch_n = s->batch_pos = 0;
    s->qhead = s->qlen = 0;
    s->look = (eng_lookahead){ENG_NO_KIND, 0, ENG_NO_KIND, 0};
    for (int d = 0; d < s->units; d++)
        s->head[d] = UINT32_MAX;
    s->nblocks = 0;
    s->freeblk = UINT32_MAX;
}

int eng_defer_setup(eng_engine *e, int units)
{
    eng_streams *s = &e->st;
    if (units > s->capunits) {
        uint32_t *h = realloc(s->head, (size_t)units * sizeof *h);
        if (!h)
            return ENG_ENOMEM;
        s->head = h;
        s->capunits = units;
    }
    for (int d = 0; d < units; d++)
        s->head[d] = NONE;
    s->units = units;
    s->nblocks = 0;
    s->freeblk = NONE;
    return ENG_OK;
}

static uint32_t block_new(eng_streams *s)
{
    if (s->freeblk != NONE) {
        uint32_t n = s->freeblk;
        s->freeblk = s->blocks[n].next;
        return n;
    }
    if (util_grow((void **)&s->blocks, &s->capblocks, (size_t)s->nblocks + 1, sizeof *s->blocks, 256))
        return NONE;
    return s->nblocks++;
}

int eng_defer(eng_engine *e, double t, uint32_t kind, uint32_t a, uint32_t stamp)
{
    eng_streams *s = &e->st;
    int unit = (int)t;
    if (unit >= s->units)
        return ENG_OK; /* after the last unit: it never happens */
    /* The current unit is already released, so its events go to the heap. A stamped event at the
     * very start of a unit goes there too: it then runs before the events the caller scheduled at
     * that instant after it (from the wheel it would run after them). */
    if (unit <= (int)e->now || (stamp && t == (double)unit))
        return eng_schedule(e, t, kind, a, stamp, NULL);
    uint32_t k = s->head[unit];
    if (k == NONE || s->blocks[k].n == ENG_BLOCK) {
        uint32_t n = block_new(s);
        if (n == NONE)
            return ENG_ENOMEM;
        s->blocks[n].next = k;
        s->blocks[n].n = 0;
        s->head[unit] = k = n;
    }
    eng_block *blk = &s->blocks[k];
    blk->node[blk->n++] = (eng_node){t, stamp ? ++s->seq : 0, kind, a, stamp};
    return ENG_OK;
}

static int today_reserve(eng_streams *s, uint32_t n)
{
    return util_grow((void **)&s->today, &s->captoday, n, sizeof *s->today, 64)
        || util_grow((void **)&s->today_tmp, &s->captmp, n, sizeof *s->today_tmp, 64);
}

/* Order within a unit: by time, then seq (stamped events by when they were set, before the
 * others, which keep the bucket's order). */
static int after(const eng_node *x, const eng_node *y)
{
    return x->t > y->t || (x->t == y->t && x->seq > y->seq);
}

static void insertion_sort(eng_node *a, uint32_t n)
{
    for (uint32_t k = 1; k < n; k++) {
        eng_node x = a[k];
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
static void stable_sort(eng_streams *s, uint32_t n)
{
    enum { RUN = 16 };
    eng_node *a = s->today, *b = s->today_tmp;
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
        eng_node *t = a;
        a = b;
        b = t;
    }
    if (a != s->today) { /* the sorted run ended in the scratch buffer: swap the two */
        s->today_tmp = s->today;
        s->today = a;
    }
}

int eng_release(eng_engine *e, int unit)
{
    eng_streams *s = &e->st;
    uint32_t b = s->head[unit], k = 0;
    s->head[unit] = NONE;
    s->ntoday = s->today_pos = 0;
    uint64_t seq = ++s->seq;
    while (b != NONE) {
        eng_block *blk = &s->blocks[b];
        uint32_t next = blk->next;
        if (today_reserve(s, k + blk->n))
            return ENG_ENOMEM;
        for (uint32_t i = 0; i < blk->n; i++, k++) {
            s->today[k] = blk->node[i];
            if (!s->today[k].seq)
                s->today[k].seq = seq;
        }
        blk->next = s->freeblk;
        s->freeblk = b;
        b = next;
    }
    stable_sort(s, k);
    s->ntoday = k;
    eng_look_deferred(s);
    return ENG_OK;
}

void eng_batch(eng_engine *e, const void *records, size_t stride, size_t n, uint32_t kind)
{
    eng_streams *s = &e->st;
    s->batch = records;
    s->batch_stride = stride;
    s->batch_n = n;
    s->batch_pos = 0;
    s->batch_kind = kind;
    s->batch_seq = ++s->seq;
}

int eng_fifo_push(eng_engine *e, double t, uint32_t kind, uint32_t a)
{
    eng_streams *s = &e->st;
    if (s->qlen && s->q[(s->qhead + s->qlen - 1) & (s->qcap - 1)].t > t)
        return eng_schedule(e, t, kind, a, 0, NULL); /* out of order: the heap takes it */
    if (s->qlen == s->qcap
        && util_ring_grow((void **)&s->q, &s->qcap, &s->qhead, s->qlen, sizeof *s->q, 64))
        return ENG_ENOMEM;
    s->q[(s->qhead + s->qlen++) & (s->qcap - 1)] = (eng_node){t, ++s->seq, kind, a, 0};
    if (s->qlen == 1)
        eng_look_fifo(s);
    return ENG_OK;
}

const eng_lookahead *eng_lookahead_of(const eng_engine *e)
{
    return &e->st.look;
}
