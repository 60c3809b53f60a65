/* model_staff: staff pools: establishment, turnover, recruitment, agency (model_staff.c). */
#ifndef CASELOAD_MODEL_STAFF_H
#define CASELOAD_MODEL_STAFF_H

#include "model_state.h"

/* Every worker in post in staff pool s (a const model_staff *): the employed, most recently
 * appointed first, then agency workers. The body must not add or remove workers of the pool. */
#define MODEL_FOR_EACH_IN_POST(st, s, w)                                                         \
    for (int model_k_ = 0; model_k_ < 2; model_k_++)                                             \
        for (uint32_t w = model_k_ ? (s)->ag_head : (s)->emp_head; w != MODEL_NONE;              \
             w = (st)->workers[w].l_next)

int model_staff_setup(model_state *st);
/* One pool, empty at its establishment (a snapshot then adds the people in post), or set up as
 * the scenario describes it. */
void model_staff_open(model_state *st, int role);
void model_staff_setup_role(model_state *st, int role);
uint32_t model_staff_add(model_state *st, int role, int agency, int nqsw, double asye_left);
void model_staff_remove(model_state *st, uint32_t w, int left);
void model_staff_leave(model_state *st, uint32_t w, uint32_t stamp);
void model_staff_hire(model_state *st, int role);
void model_staff_agency_start(model_state *st, int role);
void model_staff_asye(model_state *st, uint32_t w);
void model_staff_rebalance(model_state *st, int role);
void model_staff_set_turnover(model_state *st, int role, double mult);
void model_staff_cut_now(model_state *st, int role);
/* Pounds a year of one post of the role (early help: times days open / 5, as closed days are not
 * paid), and rebooking of the role's staff costs after the days open changed from `from`. */
double model_staff_post_cost(const model_state *st, int role, int agency);
void model_staff_days_changed(model_state *st, double from);

#endif
