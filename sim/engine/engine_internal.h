/* engine_internal: the engine's state, shared by engine.c (the heap and the merged delivery) and
 * engine_streams.c (deferred events and the sorted streams). Not public: include/engine/engine.h
 * is the contract. */
#ifndef CASELOAD_ENGINE_INTERNAL_H
#define CASELOAD_ENGINE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "engine.h"

/* A deferred or streamed event. seq orders it among stream events at the same time. */
typedef struct eng_node { double t; uint64_t seq; uint32_t kind, a, b; } eng_node;

/* A unit's deferred events wait in blocks (the unit's list of blocks, newest first), so that
 * releasing a unit reads memory in order instead of chasing one pointer per event: in a big
 * authority a day holds thousands of events and each pointer would be a cache miss. */
#define ENG_BLOCK 32
typedef struct eng_block {
    uint32_t next, n;        /* older block of the unit; nodes used */
    eng_node node[ENG_BLOCK];
} eng_block;

/* Where the next stream event comes from. */
enum { ENG_SRC_NONE, ENG_SRC_TODAY, ENG_SRC_BATCH, ENG_SRC_FIFO };

typedef struct eng_streams {
    uint64_t seq;              /* last stream seq given (first in, first out among the streams) */
    uint64_t done;             /* stream events delivered */
    /* the wheel: a bucket of blocks per whole time unit */
    eng_block *blocks; size_t capblocks; uint32_t nblocks, freeblk;
    uint32_t *head; int units, capunits; /* newest block of each unit, or UINT32_MAX */
    /* the released unit's events, sorted (stable) by (t, seq) */
    eng_node *today, *today_tmp; size_t captoday, captmp; /* tmp: scratch for the sort */
    uint32_t ntoday, today_pos;
    /* the batch: caller's array of n records whose first member is the time (double) */
    const unsigned char *batch; size_t batch_stride, batch_n, batch_pos;
    uint32_t batch_kind; uint64_t batch_seq;
    /* the FIFO: a ring of events in time order */
    eng_node *q; size_t qhead, qlen, qcap;
    eng_lookahead look;        /* the FIFO's and the released unit's next events */
} eng_streams;

#define NO_SLOT UINT32_MAX

/* 2^26 (67 million) pending events at most: more than any run fits in memory. 2^38 (2.7e11)
 * sequence numbers: when they run out, the pending events are renumbered in order (renumber()),
 * which keeps first in, first out without a wider key. */
#ifndef ENG_SLOT_BITS
#define ENG_SLOT_BITS 26
#endif
#define SLOT_MASK ((UINT64_C(1) << ENG_SLOT_BITS) - 1)
#define SEQ_LIMIT (UINT64_C(1) << (64 - ENG_SLOT_BITS))
#define MAX_SLOTS ((size_t)1 << ENG_SLOT_BITS)

typedef struct heap_entry {
    double time;  /* when the event fires */
    uint64_t key; /* seq << ENG_SLOT_BITS | slot: seq breaks ties first in, first out */
} heap_entry;

static inline uint32_t entry_slot(heap_entry x) { return (uint32_t)(x.key & SLOT_MASK); }

typedef struct slot_rec {
    uint32_t pos;  /* heap index while pending; next free slot while free */
    uint32_t gen;  /* generation: part of the handle, bumped when the slot is freed */
    uint32_t kind; /* caller's payload */
    uint32_t a;
    uint64_t b;
} slot_rec;

struct eng_engine {
    heap_entry *heap;   /* heap[0 .. count-1] */
    slot_rec *slots;    /* slots[0 .. cap-1] */
    size_t count;       /* pending events */
    size_t cap;         /* size of both arrays */
    uint32_t free_head; /* first free slot, or NO_SLOT */
    uint64_t next_seq;  /* sequence number for the next (re)schedule */
    uint64_t delivered; /* events handed out by eng_next */
    double now;         /* the clock: the time of the event being handled, whatever its source */
    eng_streams st;     /* the deferred-event wheel and the sorted streams (engine_streams.c) */
};

void eng_streams_free(eng_streams *s);
void eng_streams_reset(eng_streams *s); /* empty, keeping the memory */

/* The first of the streams' heads: its source (ENG_SRC_*) and time. Among the streams, equal
 * times go by seq: the event put in first. */
static inline int eng_streams_first(const eng_streams *s, double *t)
{
    /* An empty stream stands at +infinity; the choices are made with flags rather than branches
     * (which of the streams comes next changes from one event to the next, so a branch on it is
     * mispredicted often). */
    const double inf = __builtin_inf();
    int src = ENG_SRC_NONE;
    double best = inf;
    uint64_t seq = UINT64_MAX;
    if (s->today_pos < s->ntoday) {
        src = ENG_SRC_TODAY;
        best = s->today[s->today_pos].t;
        seq = s->today[s->today_pos].seq;
    }
    if (s->batch_pos < s->batch_n) {
        double x = *(const double *)(s->batch + s->batch_pos * s->batch_stride);
        int first = (x < best) | ((x == best) & (s->batch_seq < seq));
        best = first ? x : best;
        seq = first ? s->batch_seq : seq;
        src = first ? ENG_SRC_BATCH : src;
    }
    if (s->qlen) {
        const eng_node *q = &s->q[s->qhead];
        int first = (q->t < best) | ((q->t == best) & (q->seq < seq));
        best = first ? q->t : best;
        src = first ? ENG_SRC_FIFO : src;
    }
    *t = best;
    return src;
}

/* The lookahead of one stream, brought up to date when that stream changes (only its own can). */
static inline void eng_look_fifo(eng_streams *s)
{
    s->look.fifo_kind = s->qlen ? s->q[s->qhead].kind : ENG_NO_KIND;
    s->look.fifo_a = s->qlen ? s->q[s->qhead].a : 0;
}

static inline void eng_look_deferred(eng_streams *s)
{
    s->look.deferred_kind = s->today_pos < s->ntoday ? s->today[s->today_pos].kind : ENG_NO_KIND;
    s->look.deferred_a = s->today_pos < s->ntoday ? s->today[s->today_pos].a : 0;
}

/* Take the first stream event into *ev (its source from eng_streams_first); the clock moves to it.
 * Inline: eng_next runs it for most events. */
static inline void eng_streams_take(eng_engine *e, int src, eng_event *ev)
{
    eng_streams *s = &e->st;
    ev->handle = ENG_NO_HANDLE;
    ev->b = 0;
    if (src == ENG_SRC_TODAY) {
        const eng_node *x = &s->today[s->today_pos++];
        ev->time = x->t;
        ev->kind = x->kind;
        ev->a = x->a;
        ev->b = x->b;
        eng_look_deferred(s);
    } else if (src == ENG_SRC_BATCH) {
        ev->time = *(const double *)(s->batch + s->batch_pos * s->batch_stride);
        ev->kind = s->batch_kind;
        ev->a = (uint32_t)s->batch_pos++;
    } else {
        const eng_node *q = &s->q[s->qhead];
        ev->time = q->t;
        ev->kind = q->kind;
        ev->a = q->a;
        s->qhead = (s->qhead + 1) & (s->qcap - 1);
        s->qlen--;
        eng_look_fifo(s);
    }
    e->now = ev->time;
    s->done++;
}

#endif
