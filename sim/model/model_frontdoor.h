/* model_frontdoor: the front door: screening and its decisions (model_frontdoor.c). */
#ifndef CASELOAD_MODEL_FRONTDOOR_H
#define CASELOAD_MODEL_FRONTDOOR_H

#include "model_state.h"

void model_fd_contact(model_state *st, uint32_t f);
void model_fd_screened(model_state *st, uint32_t w);
void model_fd_add_screener(model_state *st, uint32_t w);
void model_fd_remove_screener(model_state *st, uint32_t w);
void model_fd_staff_changed(model_state *st); /* a screener joined or left: update fd_clearance */
double model_threshold_shift(const model_state *st, double t);
double model_outcome_shift(const model_state *st, double t);

#endif
