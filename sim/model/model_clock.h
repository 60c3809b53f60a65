/* model_clock: the bottom of the model: its clock, and the calls that put events in the engine's
 * calendar (model_clock.c). Every model file schedules through these, so a failure (out of memory)
 * is recorded in st->failed in one place and the run is abandoned.
 *
 * Which call for which event (the engine's same-time rules are in include/engine/engine.h):
 *   model_schedule         may move or be cancelled (keep the handle), or is due soon;
 *   model_defer            never cancelled, on a later working day: waits for its day;
 *   model_defer_stamped    the same for an event that may be superseded: it carries a stamp that
 *                          the handler compares with its entity's (a moved leaving date);
 *   model_schedule_screened a screening completion (the FIFO: screening takes a fixed time). */
#ifndef CASELOAD_MODEL_CLOCK_H
#define CASELOAD_MODEL_CLOCK_H

#include "model_state.h"

/* The clock: the time of the event being handled. run_loop keeps it in st->now, which saves an
 * engine call in the hot loop; before the run starts, and in tests that drive the engine by hand,
 * it is the engine's clock. */
static inline double model_now(const model_state *st)
{
    return st->running ? st->now : eng_now(st->eng);
}

int model_schedule(model_state *st, double t, uint32_t kind, uint32_t a, uint64_t b, eng_handle *h);
void model_cancel(model_state *st, eng_handle *h); /* then *h is ENG_NO_HANDLE */
void model_defer(model_state *st, double t, uint32_t kind, uint32_t a);
void model_defer_stamped(model_state *st, double t, uint32_t kind, uint32_t a, uint32_t stamp);
void model_schedule_screened(model_state *st, double t, uint32_t screener);
/* The deferred events of clock day `day` become due (called at the start of each day). */
void model_release_day(model_state *st, int day);

/* Clock time (working days) of a date, and the date of a clock day. */
double model_clock_of_date(const model_state *st, cal_date d);
cal_date model_date_of_day(const model_state *st, int day);

#endif
