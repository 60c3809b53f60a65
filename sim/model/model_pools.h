/* model_pools: entity pools (families, cases, workers) and the index arrays and rings
 * (model_pools.c). */
#ifndef CASELOAD_MODEL_POOLS_H
#define CASELOAD_MODEL_POOLS_H

#include "model_state.h"

uint32_t model_family_new(model_state *st);
void model_family_free(model_state *st, uint32_t f);
uint32_t model_case_new(model_state *st);
void model_case_free(model_state *st, uint32_t c);
uint32_t model_worker_new(model_state *st);
void model_worker_free(model_state *st, uint32_t w);
int model_vec_push(model_vec_u32 *v, uint32_t x);
int model_ring_push(model_ring *r, uint32_t idx, uint32_t stamp, int front);
int model_ring_pop(model_ring *r, uint32_t *idx, uint32_t *stamp);

#endif
