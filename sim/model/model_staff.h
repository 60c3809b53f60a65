/* model_staff: staff pools: establishment, turnover, recruitment, agency (model_staff.c). */
#ifndef CASELOAD_MODEL_STAFF_H
#define CASELOAD_MODEL_STAFF_H

#include "model_state.h"

int model_staff_setup(model_state *st);
uint32_t model_staff_add(model_state *st, int role, int agency, int nqsw, double asye_left);
void model_staff_remove(model_state *st, uint32_t w, int left);
void model_staff_leave(model_state *st, uint32_t w, uint32_t stamp);
void model_staff_hire(model_state *st, int role);
void model_staff_agency_start(model_state *st, int role);
void model_staff_asye(model_state *st, uint32_t w);
void model_staff_rebalance(model_state *st, int role);
void model_staff_set_turnover(model_state *st, int role, double mult);
void model_staff_cut_now(model_state *st, int role);

#endif
