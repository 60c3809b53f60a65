/* model_ps: processor sharing of one worker's spare hours (see model_ps in model_internal.h).
 * Rates are per working day; hours and floors are given per week (five working days). */
#include "model_internal.h"

double model_ps_rate(double hours, double plan_hours, int n, double floor_hours)
{
    if (n <= 0)
        return 0;
    double share = (hours - plan_hours) / n;
    return (share > floor_hours ? share : floor_hours) / 5.0;
}

void model_ps_advance(model_ps *ps, double now)
{
    ps->vtime += ps->rate * (now - ps->last);
    ps->last = now;
}

void model_ps_rerate(model_ps *ps, double floor_hours)
{
    ps->rate = model_ps_rate(ps->hours, ps->plan_hours, ps->n, floor_hours);
}

double model_ps_finish(const model_ps *ps, double vfinish)
{
    double left = vfinish - ps->vtime;
    return ps->last + (left > 0 ? left / ps->rate : 0);
}

double model_ps_overload(const model_ps *ps, double floor_hours)
{
    double demand = ps->plan_hours;
    if (ps->n > 0) {
        double share = (ps->hours - ps->plan_hours) / ps->n;
        demand += ps->n * (share > floor_hours ? share : floor_hours);
    }
    return demand > ps->hours ? demand - ps->hours : 0;
}
