/* model_events: the scenario's levers (model_events.c). */
#ifndef CASELOAD_MODEL_EVENTS_H
#define CASELOAD_MODEL_EVENTS_H

#include "model_state.h"

int model_levers_setup(model_state *st);
void model_lever(model_state *st, uint32_t idx, uint64_t phase);
/* The combined effect at t of every event of `type`, from `base`: each contributes the double at
 * byte offset `off` of its params_event, x, scaled by its strength s (model_lever_strength).
 * Effects add (mul 0: base + sum of x s) or multiply (mul 1: base x product of 1 + (x - 1) s, for
 * factors such as a demand shock's). */
double model_levers_combined(const model_state *st, params_event_type type, size_t off, double base,
                             int mul, double t);
/* Fraction 0..1 of a ramped, time-limited effect of event ev at time t. */
double model_lever_strength(const model_state *st, const params_event *ev, double t);

#endif
