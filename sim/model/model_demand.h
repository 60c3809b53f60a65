/* model_demand: families, arrivals, repeats, unmet need (model_demand.c). */
#ifndef CASELOAD_MODEL_DEMAND_H
#define CASELOAD_MODEL_DEMAND_H

#include "model_state.h"

void model_arrival_day(model_state *st, int day);
void model_arrival(model_state *st, uint32_t i);
void model_recontact(model_state *st, uint32_t f);
int model_level(const model_params *p, double need); /* 0 none, 1 early help, 2 CIN, 3 CP+ */
/* Unmet high need: an open spell runs while a family at level 3 is in a state that does not meet
 * it (begin/end); a spell of rising need (away, waiting) is booked whole by model_unmet_rising.
 * Both count child-days (the family's children). */
void model_unmet_begin(model_state *st, uint32_t f, double t);
void model_unmet_end(model_state *st, uint32_t f, double t);
void model_unmet_rising(model_state *st, double need0, double a, double b, int kids);
/* Children in a family from a keyed uniform: the published shares of families with one and two
 * children; a family of three or more has 3 (70%), 4 (20%) or 5 (10%). */
int model_children_of(const model_params *p, double u);
/* Work for a family of k children as a multiple of one child's (a sibling group's assessment or
 * plan takes more than one child's effort but less than k times it). */
static inline double model_family_work(const model_params *p, int kids)
{
    return 1.0 + p->sibling_work * (kids - 1);
}
/* Need after rising from need0 over [a, b) at the escalation rate. */
double model_need_after(const model_params *p, double need0, double a, double b);
/* The family's need was not met (served_level below its level) or it was served and closed:
 * decide whether and when it comes back, or let it go. */
void model_family_away(model_state *st, uint32_t f, int served_level, int closed);
/* The same with whether it comes back already known (returns 1 or 0; -1: drawn as above). */
void model_family_away_as(model_state *st, uint32_t f, int served_level, int closed, int returns);
void model_family_assessed(model_state *st, uint32_t f, double t);
double model_demand_factor(const model_state *st, double t);

#endif
