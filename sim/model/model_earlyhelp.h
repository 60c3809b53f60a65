/* model_earlyhelp: early help: the waiting list and episodes (model_earlyhelp.c). */
#ifndef CASELOAD_MODEL_EARLYHELP_H
#define CASELOAD_MODEL_EARLYHELP_H

#include "model_state.h"

void model_eh_route(model_state *st, uint32_t f);
void model_eh_escalate(model_state *st, uint32_t f);
void model_eh_give_up(model_state *st, uint32_t f); /* waited past its patience */
void model_eh_end(model_state *st, uint32_t f);
void model_eh_fill(model_state *st); /* start episodes while there is room */
uint32_t model_eh_capacity(const model_state *st);

#endif
