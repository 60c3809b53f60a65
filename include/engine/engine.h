/* engine: a domain-free discrete-event engine (clock + event calendar).
 *
 * An event is a (time, kind, payload) record waiting in the calendar; when it is the earliest one,
 * eng_next() removes it, advances the clock to its time and hands it to the caller, who decides
 * what it means (the engine knows nothing of social care). The caller drives the loop:
 *
 *     eng_event ev;
 *     while (eng_next(e, &ev)) switch (ev.kind) { ... }
 *
 * Calendar: a binary min-heap ordered by (time, sequence number). The sequence number is taken when
 * an event is scheduled (or rescheduled), so events at the same time run in the order they were
 * scheduled: first in, first out. Each event's slot records its heap index, so cancel and
 * reschedule by handle are O(log n).
 *
 * Beside the heap, three streams hold events that are never cancelled, which is most of them and
 * makes each far cheaper than a heap push and pop (engine_streams.c says why):
 *   - deferred events (eng_defer): they wait in a bucket per whole time unit until the caller
 *     releases the unit (eng_release), which sorts them into the unit's stream. One that may have
 *     to be ignored carries a stamp (b), which the caller compares with its entity's when it fires;
 *   - a batch (eng_batch): the caller's array of records already in time order;
 *   - a FIFO (eng_fifo_push): events pushed in time order.
 * eng_next delivers from all four, one clock, under these same-time rules (the only ones):
 *   1. the heap's event goes first at equal times;
 *   2. among the streams, the event put in first goes first: a stamped deferred event counts as
 *      put in when it was deferred, the other deferred events when their unit was released, a
 *      batch's records when the batch was given, a FIFO event when it was pushed;
 *   3. within the heap, first scheduled, first run; within a released unit, by time, then by (2),
 *      then in bucket order (blocks of 32, the newest block first, each in the order deferred).
 *
 * Memory: event slots, buckets and stream buffers belong to the engine and only grow (doubling);
 * once they have grown to the run's peak, scheduling allocates nothing. One engine per replication; engines share
 * nothing, so replications run on threads without locks.
 *
 * Time is a double in whatever unit the caller uses (the model uses working days). Times must be
 * finite and never earlier than eng_now(): the engine rejects the past with ENG_EPAST.
 */
#ifndef CASELOAD_ENGINE_H
#define CASELOAD_ENGINE_H

#include <stddef.h>
#include <stdint.h>

typedef struct eng_engine eng_engine;

/* A handle names one scheduled event. It stays valid until the event is delivered by eng_next()
 * or cancelled; after that the engine recognises it as stale (the slot's generation has moved on)
 * and cancel/reschedule return ENG_ESTALE instead of touching another event. 0 is never a valid
 * handle, so callers may use it for "none". */
typedef uint64_t eng_handle;
#define ENG_NO_HANDLE ((eng_handle)0)

typedef struct eng_event {
    double time;       /* when it fires (the clock's value during its handling) */
    uint32_t kind;     /* caller-defined */
    uint32_t a;        /* caller-defined payload, e.g. an entity index */
    uint64_t b;        /* caller-defined payload */
    eng_handle handle; /* the handle it had (now stale) */
} eng_event;

enum eng_status {
    ENG_OK = 0,
    ENG_ENOMEM = -1, /* the pool could not grow */
    ENG_EPAST = -2,  /* time earlier than now, or not finite */
    ENG_ESTALE = -3, /* handle already delivered or cancelled */
};

/* Create an engine with room for `capacity` pending events before the pool first grows.
 * Returns NULL when out of memory. The clock starts at `start`. */
eng_engine *eng_create(size_t capacity, double start);
void eng_destroy(eng_engine *e);
/* Empty the calendar and the streams and set the clock to `start`, keeping all memory: the next
 * run then allocates nothing until it outgrows the last one. Behaves as a new engine. */
void eng_reset(eng_engine *e, double start);

double eng_now(const eng_engine *e);
size_t eng_pending(const eng_engine *e);     /* events in the calendar */
uint64_t eng_delivered(const eng_engine *e); /* events handed out by eng_next so far */

/* Schedule an event at absolute time t. *out (if not NULL) receives its handle. */
int eng_schedule(eng_engine *e, double t, uint32_t kind, uint32_t a, uint64_t b, eng_handle *out);
/* Remove a pending event. */
int eng_cancel(eng_engine *e, eng_handle h);
/* Move a pending event to time t; it takes a new sequence number (it goes after events already
 * scheduled at t). The handle stays the same. */
int eng_reschedule(eng_engine *e, eng_handle h, double t);
/* Time of a pending event, or a negative status for a stale handle. */
int eng_time_of(const eng_engine *e, eng_handle h, double *t);

/* Deliver the earliest event of the heap and the streams (the same-time rules above): removes it,
 * sets the clock to its time, fills *ev (a stream event's handle is ENG_NO_HANDLE). Returns 1, or
 * 0 when nothing is pending (the clock is unchanged). */
int eng_next(eng_engine *e, eng_event *ev);

/* Deferred events: buckets for the whole time units [0, units); called before the first
 * eng_defer (again for each run: it empties the buckets, keeping their memory). */
int eng_defer_setup(eng_engine *e, int units);
/* Event (kind, a, b = stamp) at t: into its unit's bucket; at or after `units` it never happens
 * and is dropped. It goes to the heap instead when its unit is not later than the clock's (that
 * unit is released already), or when it is stamped and t is the unit's very start, so that it
 * runs before the events scheduled for that instant after it, as the heap would have it. */
int eng_defer(eng_engine *e, double t, uint32_t kind, uint32_t a, uint32_t stamp);
/* The unit's deferred events, sorted, become the current deferred stream (replacing the previous
 * unit's, which must be delivered by then). The caller calls it once a unit, at the unit's start
 * (before any of its events is due). */
int eng_release(eng_engine *e, int unit);
/* The batch: n records of `stride` bytes from `records`, each beginning with its time (double),
 * in time order, delivered as events of `kind` with a = the record's index. The engine only reads
 * the array; the caller keeps it alive and unchanged until the last record is delivered or a new
 * batch replaces it. */
void eng_batch(eng_engine *e, const void *records, size_t stride, size_t n, uint32_t kind);
/* The FIFO: an event at t no earlier than the last one pushed (an earlier one goes to the heap). */
int eng_fifo_push(eng_engine *e, double t, uint32_t kind, uint32_t a);
/* What the FIFO and the released unit hold next (kind ENG_NO_KIND when empty), so that the caller
 * can prefetch the records they will touch without a call per event. Each half is brought up to
 * date when its own stream's head changes (eng_next delivers from it, eng_release fills it, a push
 * finds the FIFO empty). The pointer stays valid for the engine's life. */
#define ENG_NO_KIND UINT32_MAX
typedef struct eng_lookahead { uint32_t fifo_kind, fifo_a, deferred_kind, deferred_a; } eng_lookahead;
const eng_lookahead *eng_lookahead_of(const eng_engine *e);

const char *eng_strerror(int status);

#endif
