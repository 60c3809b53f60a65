/* model_management: manager time for review and supervision, gatekeeping under load, families'
 * presentation and leaving, and the cost stocks budget cuts move (model_management.c). */
#ifndef CASELOAD_MODEL_MANAGEMENT_H
#define CASELOAD_MODEL_MANAGEMENT_H

#include "model_state.h"

void model_mgmt_day(model_state *st, double t);   /* day start: oversight share, gatekeeping */
double model_supervision_mult(const model_state *st); /* multiplier on a supervised worker's noise */
int model_mgmt_review(model_state *st, uint32_t f, double t); /* 1: this decision is reviewed */
/* The family's presentation, drawn once when it first appears (z: a standard normal from the
 * stream that draws its need, so the same family presents the same in every scenario). */
void model_family_present(model_state *st, uint32_t f, double z);
void model_family_gone(model_state *st, uint32_t f);  /* count its referrals, free the slot */
void model_costs_book(model_state *st, double t);     /* running costs and early help capacity */

#endif
