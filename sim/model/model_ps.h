/* model_ps: the processor-sharing arithmetic of one social worker (inline: every
 * change of a worker's load runs it). */
#ifndef CASELOAD_MODEL_PS_H
#define CASELOAD_MODEL_PS_H

#include "model_state.h"

/* The processor-sharing arithmetic, inline since every change of a social worker's load runs it.
 * Rates are per working day; hours and floors are given per week (five working days). */

/* Rate (hours per working day) per unit of weight among assessments of total weight wsum from a
 * worker with `hours` productive hours a week of which plan cases take plan_hours: the rest shared
 * in proportion to weight, never below the floor (hours a week) per unit. 0 when wsum is 0. */
static inline double model_ps_share(double hours, double plan_hours, double wsum, double floor_hours)
{
    double share = (hours - plan_hours) / wsum;
    return share > floor_hours ? share : floor_hours;
}

static inline double model_ps_rate(double hours, double plan_hours, double wsum, double floor_hours)
{
    return wsum <= 1e-12 ? 0 : model_ps_share(hours, plan_hours, wsum, floor_hours) / 5.0;
}

/* Bring vtime up to now at the old rate. */
static inline void model_ps_advance(model_ps *ps, double now)
{
    ps->vtime += ps->rate * (now - ps->last);
    ps->last = now;
}

/* After n, hours or plan_hours changed: the new rate. Returns the hours a week of work beyond the
 * worker's productive hours (plan load plus floors), from the same share (one division, not two:
 * this runs on every change of a worker's load). */
static inline double model_ps_rerate(model_ps *ps, double floor_hours)
{
    double demand = ps->plan_hours;
    ps->rate = 0;
    if (ps->wsum > 1e-12) {
        double share = model_ps_share(ps->hours, ps->plan_hours, ps->wsum, floor_hours);
        ps->rate = share / 5.0;
        if (ps->n > 0)
            demand += ps->wsum * share;
    }
    return demand > ps->hours ? demand - ps->hours : 0;
}

/* Clock time the set's vtime reaches vfinish. */
static inline double model_ps_finish(const model_ps *ps, double vfinish)
{
    double left = vfinish - ps->vtime;
    return ps->last + (left > 0 ? left / ps->rate : 0);
}

#endif
