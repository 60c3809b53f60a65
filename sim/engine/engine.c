/* engine: the event calendar of include/engine/engine.h.
 *
 * Two arrays, both sized to the pool's capacity:
 *   heap[]  the binary min-heap itself; each entry holds the whole ordering key and the slot it
 *           belongs to in 16 bytes: the time, and one 64-bit word with the sequence number in its
 *           high SEQ_BITS and the slot index in its low SLOT_BITS. Sequence numbers are unique, so
 *           comparing (time, word) is comparing (time, seq), and sifting never touches the slots
 *           (no pointer chasing in the hot loop; four entries a cache line);
 *   slot[]  the events' payloads, the index of their heap entry (so cancel/reschedule find it in
 *           O(1)), and a generation that moves on whenever the slot is freed, which is what makes
 *           old handles stale. Free slots form a singly linked list threaded through `pos`.
 * A handle is (generation << 32) | slot index; generations start at 1 and skip 0 on wrap, so a
 * handle is never 0 (ENG_NO_HANDLE).
 */
#include "engine_internal.h"

#include <math.h>
#include <stdlib.h>

static inline int key_less(const heap_entry *x, const heap_entry *y)
{
    return x->time < y->time || (x->time == y->time && x->key < y->key);
}

/* Link slots [from, to) into the free list, lowest index first (so slots are reused in a
 * predictable order, which keeps runs reproducible regardless of growth history). */
static void link_free(eng_engine *e, size_t from, size_t to)
{
    for (size_t i = to; i-- > from;) {
        e->slots[i].pos = e->free_head;
        e->slots[i].gen = 1;
        e->free_head = (uint32_t)i;
    }
}

static int grow(eng_engine *e, size_t new_cap)
{
    if (new_cap > MAX_SLOTS)
        new_cap = MAX_SLOTS;
    if (new_cap <= e->cap)
        return ENG_ENOMEM;
    heap_entry *h = realloc(e->heap, new_cap * sizeof *h);
    if (!h)
        return ENG_ENOMEM;
    e->heap = h;
    slot_rec *s = realloc(e->slots, new_cap * sizeof *s);
    if (!s)
        return ENG_ENOMEM;
    e->slots = s;
    link_free(e, e->cap, new_cap);
    e->cap = new_cap;
    return ENG_OK;
}

eng_engine *eng_create(size_t capacity, double start)
{
    eng_engine *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->free_head = NO_SLOT;
    e->now = start;
    if (grow(e, capacity ? capacity : 16) != ENG_OK) {
        eng_destroy(e);
        return NULL;
    }
    return e;
}

void eng_reset(eng_engine *e, double start)
{
    e->count = 0;
    e->free_head = NO_SLOT;
    link_free(e, 0, e->cap);
    e->next_seq = 0;
    e->delivered = 0;
    e->now = start;
    eng_streams_reset(&e->st);
}

void eng_destroy(eng_engine *e)
{
    if (!e)
        return;
    free(e->heap);
    free(e->slots);
    eng_streams_free(&e->st);
    free(e);
}

double eng_now(const eng_engine *e) { return e->now; }
size_t eng_pending(const eng_engine *e) { return e->count; }
uint64_t eng_delivered(const eng_engine *e) { return e->delivered + e->st.done; }

/* Place entry x at index i, telling its slot where it now lives. */
static inline void put(eng_engine *e, size_t i, heap_entry x)
{
    e->heap[i] = x;
    e->slots[entry_slot(x)].pos = (uint32_t)i;
}

/* Move entry x, destined for the hole at i, up towards the root (hole technique: parents move down
 * into the hole, x is written once). */
static void sift_up(eng_engine *e, size_t i, heap_entry x)
{
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!key_less(&x, &e->heap[p]))
            break;
        put(e, i, e->heap[p]);
        i = p;
    }
    put(e, i, x);
}

/* Move entry x, destined for the hole at i, down towards the leaves. */
static void sift_down(eng_engine *e, size_t i, heap_entry x)
{
    size_t n = e->count;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && key_less(&e->heap[c + 1], &e->heap[c]))
            c++;
        if (!key_less(&e->heap[c], &x))
            break;
        put(e, i, e->heap[c]);
        i = c;
    }
    put(e, i, x);
}

/* Remove the entry at heap index i: the last entry fills the hole and moves whichever way its key
 * says. */
static void heap_remove(eng_engine *e, size_t i)
{
    heap_entry last = e->heap[--e->count];
    if (i == e->count)
        return;
    if (i > 0 && key_less(&last, &e->heap[(i - 1) / 2]))
        sift_up(e, i, last);
    else
        sift_down(e, i, last);
}

static void free_slot(eng_engine *e, uint32_t s)
{
    slot_rec *r = &e->slots[s];
    r->gen = r->gen == UINT32_MAX ? 1 : r->gen + 1;
    r->pos = e->free_head;
    e->free_head = s;
}

static eng_handle handle_of(const eng_engine *e, uint32_t s)
{
    return ((uint64_t)e->slots[s].gen << 32) | s;
}

/* The slot a handle names, or NO_SLOT when the handle is stale or was never issued. */
static uint32_t slot_of(const eng_engine *e, eng_handle h)
{
    uint32_t s = (uint32_t)h, gen = (uint32_t)(h >> 32);
    if (gen == 0 || s >= e->cap || e->slots[s].gen != gen)
        return NO_SLOT;
    /* A pending slot's heap entry points back at it; a free slot's `pos` is a free-list link, so
     * this also rejects a made-up handle that happens to carry a free slot's generation. */
    uint32_t pos = e->slots[s].pos;
    if (pos >= e->count || entry_slot(e->heap[pos]) != s)
        return NO_SLOT;
    return s;
}

static int by_key(const void *x, const void *y)
{
    const heap_entry *a = x, *b = y;
    return key_less(a, b) ? -1 : key_less(b, a) ? 1 : 0;
}

/* Sequence numbers ran out: sort the pending events (a sorted array is a valid heap) and number
 * them 0, 1, ... in that order, which keeps their relative order. Once per 2^38 schedules. */
static void renumber(eng_engine *e)
{
    qsort(e->heap, e->count, sizeof e->heap[0], by_key);
    for (size_t i = 0; i < e->count; i++) {
        uint32_t s = entry_slot(e->heap[i]);
        e->heap[i].key = ((uint64_t)i << ENG_SLOT_BITS) | s;
        e->slots[s].pos = (uint32_t)i;
    }
    e->next_seq = e->count;
}

/* The heap entry of slot s at time t, with the next sequence number. */
static heap_entry make_entry(eng_engine *e, double t, uint32_t s)
{
    if (e->next_seq == SEQ_LIMIT)
        renumber(e);
    return (heap_entry){t, (e->next_seq++ << ENG_SLOT_BITS) | s};
}

static int time_ok(const eng_engine *e, double t) { return isfinite(t) && t >= e->now; }

int eng_schedule(eng_engine *e, double t, uint32_t kind, uint32_t a, uint64_t b, eng_handle *out)
{
    if (!time_ok(e, t))
        return ENG_EPAST;
    if (e->free_head == NO_SLOT && grow(e, e->cap * 2) != ENG_OK)
        return ENG_ENOMEM;
    uint32_t s = e->free_head;
    slot_rec *r = &e->slots[s];
    e->free_head = r->pos;
    r->kind = kind;
    r->a = a;
    r->b = b;
    sift_up(e, e->count, make_entry(e, t, s));
    e->count++;
    if (out)
        *out = handle_of(e, s);
    return ENG_OK;
}

int eng_cancel(eng_engine *e, eng_handle h)
{
    uint32_t s = slot_of(e, h);
    if (s == NO_SLOT)
        return ENG_ESTALE;
    heap_remove(e, e->slots[s].pos);
    free_slot(e, s);
    return ENG_OK;
}

int eng_reschedule(eng_engine *e, eng_handle h, double t)
{
    uint32_t s = slot_of(e, h);
    if (s == NO_SLOT)
        return ENG_ESTALE;
    if (!time_ok(e, t))
        return ENG_EPAST;
    heap_entry x = make_entry(e, t, s); /* first: it may renumber, which moves entries */
    size_t i = e->slots[s].pos;
    /* The new key is later than the old one unless t moved earlier. */
    if (i > 0 && key_less(&x, &e->heap[(i - 1) / 2]))
        sift_up(e, i, x);
    else
        sift_down(e, i, x);
    return ENG_OK;
}

int eng_time_of(const eng_engine *e, eng_handle h, double *t)
{
    uint32_t s = slot_of(e, h);
    if (s == NO_SLOT)
        return ENG_ESTALE;
    *t = e->heap[e->slots[s].pos].time;
    return ENG_OK;
}

/* Refill the hole at the root with x, which came from the bottom of the heap. Bottom-up (Floyd):
 * walk the hole down along the smaller children to a leaf, then sift x up from there. x is usually
 * among the latest events, so it seldom climbs far, and each level costs one comparison instead of
 * the two of a plain sift-down: this is the engine's hottest loop. (A branch-free choice of child
 * with a sentinel was tried and was slower.) */
static void refill_root(eng_engine *e, heap_entry x)
{
    size_t i = 0, n = e->count;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && key_less(&e->heap[c + 1], &e->heap[c]))
            c++;
        put(e, i, e->heap[c]);
        i = c;
    }
    sift_up(e, i, x);
}

/* Not inlined: eng_next's stream path, which most events take, then needs no registers saved. */
__attribute__((noinline)) static void deliver_top(eng_engine *e, eng_event *ev)
{
    heap_entry top = e->heap[0];
    uint32_t s = entry_slot(top);
    slot_rec *r = &e->slots[s];
    ev->time = top.time;
    ev->kind = r->kind;
    ev->a = r->a;
    ev->b = r->b;
    ev->handle = handle_of(e, s);
    e->now = top.time;
    e->delivered++;
    heap_entry last = e->heap[--e->count];
    if (e->count > 0)
        refill_root(e, last);
    free_slot(e, s);
}

/* The heap's earliest event goes first when it is no later than the streams' first (engine.h). */
int eng_next(eng_engine *e, eng_event *ev)
{
    double t;
    int src = eng_streams_first(&e->st, &t);
    if (e->count > 0 && (src == ENG_SRC_NONE || e->heap[0].time <= t)) {
        deliver_top(e, ev);
        return 1;
    }
    if (src == ENG_SRC_NONE)
        return 0;
    eng_streams_take(e, src, ev);
    return 1;
}

const char *eng_strerror(int status)
{
    switch (status) {
    case ENG_OK: return "ok";
    case ENG_ENOMEM: return "out of memory: the event pool could not grow";
    case ENG_EPAST: return "event time is earlier than the clock or not finite";
    case ENG_ESTALE: return "stale event handle (already delivered or cancelled)";
    default: return "unknown engine status";
    }
}
