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
 * Memory: event slots come from a pool owned by the engine that only grows (doubling); once it has
 * grown to the run's peak, scheduling allocates nothing. One engine per replication; engines share
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

/* Deliver the earliest event: removes it, sets the clock to its time, fills *ev. Returns 1, or 0
 * when the calendar is empty (the clock is unchanged). */
int eng_next(eng_engine *e, eng_event *ev);
/* As eng_next, but returns 0 without removing anything when the earliest event is after `until`. */
int eng_next_until(eng_engine *e, double until, eng_event *ev);

const char *eng_strerror(int status);

#endif
