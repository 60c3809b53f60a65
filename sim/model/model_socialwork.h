/* model_socialwork: social care: allocation, assessment, plans (model_socialwork.c). */
#ifndef CASELOAD_MODEL_SOCIALWORK_H
#define CASELOAD_MODEL_SOCIALWORK_H

#include "model_state.h"

void model_refer(model_state *st, uint32_t f, int step_up);
void model_sw_try_allocate(model_state *st);
void model_sw_alloc_check(model_state *st);   /* MEV_ALLOC_CHECK */
void model_sw_alloc_meeting(model_state *st); /* MEV_ALLOC_MEETING */
void model_sw_assessed(model_state *st, uint32_t c);
void model_sw_ps_done(model_state *st, uint32_t w); /* the first of w's sharing set is done */
double model_sw_finish_of(const model_state *st, uint32_t c); /* clock time an assessment in a set ends */
void model_sw_hold_end(model_state *st, uint32_t c, uint32_t stamp);
void model_sw_held_assessed(model_state *st, uint32_t c, uint32_t stamp);
void model_sw_conference(model_state *st, uint32_t c); /* the s47 enquiry ends */
void model_sw_focus(model_state *st, uint32_t c, uint32_t stamp); /* MEV_FOCUS */
void model_sw_plan_end(model_state *st, uint32_t c);
void model_sw_assign(model_state *st, uint32_t c, uint32_t w);
void model_sw_unassign(model_state *st, uint32_t c); /* back to the allocation queue */
void model_sw_add_plan_hours(model_state *st, uint32_t w, double hours);
void model_sw_retime(model_state *st, uint32_t w);   /* after its hours changed */
void model_sw_room_update(model_state *st, uint32_t w);
double model_sw_cap_of(const model_state *st, const model_worker *w);
void model_sw_handoff(model_state *st, uint32_t c, uint32_t to);
/* Move a case without a handoff (the same people keep it: a move between structures). */
void model_sw_transfer(model_state *st, uint32_t c, uint32_t to);
/* Rebook w's caseload stocks and room after its benchmark or (a unit's) staffing changed. */
void model_sw_rebook(model_state *st, uint32_t w);
int model_sw_seed_plans(model_state *st); /* the open plans carried in at the start */
void model_sw_enqueue(model_state *st, uint32_t c); /* a new case joins the allocation queue */
void model_sw_start_allocation(model_state *st);    /* at the start: meetings, first allocations */

#endif
