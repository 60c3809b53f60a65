/* model_events: the scenario's levers (model_events.c). */
#ifndef CASELOAD_MODEL_EVENTS_H
#define CASELOAD_MODEL_EVENTS_H

#include "model_state.h"

int model_levers_setup(model_state *st);
void model_lever(model_state *st, uint32_t idx, uint64_t phase);
/* Fraction 0..1 of a ramped, time-limited effect of event ev at time t. */
double model_lever_strength(const model_state *st, const params_event *ev, double t);

#endif
