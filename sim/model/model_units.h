/* model_units: team structure, pools or Reclaiming Social Work units (model_units.c). */
#ifndef CASELOAD_MODEL_UNITS_H
#define CASELOAD_MODEL_UNITS_H

#include "model_state.h"

/* A person in a unit (not the slot that holds its cases). */
static inline int model_unit_member(const model_worker *wk)
{
    return wk->unit != MODEL_NONE && !wk->holder;
}

/* Units at the start of the run when [units] structure = units. */
int model_units_setup(model_state *st);
/* A restructure event's change of structure (pools to units or back), and its settling. */
void model_units_restructure(model_state *st, const params_event *ev);

/* A social worker or unit member took up post (while units are in force) or is going. */
void model_units_join(model_state *st, uint32_t w);
void model_units_leave(model_state *st, uint32_t w);
/* A member's grade changed (a newly qualified worker completed the assessed first year). */
void model_units_qualified(model_state *st, uint32_t w);
/* Productive hours changed (a restructure's productivity): every unit's hours follow. */
void model_units_rehours_all(model_state *st);
/* The holder h's plan hours changed (model_sw_add_plan_hours), or those of its section 47 enquiries
 * by dh: the practitioner's part of its hours follows. */
void model_unit_plan_changed(model_state *st, uint32_t h);
void model_unit_add_s47(model_state *st, uint32_t h, double dh);

/* For the holder slot wk: the benchmark and hard maximum, scaled by its qualified members in post;
 * qualified members (at least 1, to divide by); members above `limit` cases each (0 or all). */
double model_unit_cap(const model_state *st, const model_worker *wk);
double model_unit_qualified(const model_state *st, const model_worker *wk);
uint8_t model_unit_over(const model_state *st, const model_worker *wk, int limit);
/* Spread of the unit's assessors' error: qualified (or newly qualified/agency when it has no
 * experienced qualified member), less with its clinician, more while unchecked and settling. */
double model_unit_noise(const model_state *st, const model_worker *wk);

/* Allocation: the least loaded unit with room under its benchmark; the least loaded below its
 * hard maximum (above the benchmark). MODEL_NONE when there is none. Loads are per qualified
 * member (children a full unit would hold at that rate, to the nearest child: the unit's bucket
 * in the load lists, or MODEL_NONE when it holds nothing), so a unit short of staff is not chosen
 * for looking empty. */
uint32_t model_unit_bucket(const model_state *st, const model_worker *wk);
uint32_t model_units_choose(const model_state *st);
uint32_t model_units_least_loaded(const model_state *st);
/* Holders of the units in force into v (restructure handoffs); cases they hold, in children. */
void model_units_holders(model_state *st, model_vec_u32 *v);
double model_units_cases(const model_state *st);

#endif
