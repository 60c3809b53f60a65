/* model_stats: stocks, flows and durations of the run (model_stats.c); the three
 * updates are inline: nearly every event makes several. */
#ifndef CASELOAD_MODEL_STATS_H
#define CASELOAD_MODEL_STATS_H

#include "model_state.h"

int model_stats_setup(model_state *st);

/* Stock k changes by delta at time t (see model_stats.c for the difference array). */
static inline void model_stock_add(model_state *st, model_stock k, double t, double delta)
{
    model_stats *s = &st->stats;
    if (t >= s->ndays || delta == 0)
        return;
    if (t < 0)
        t = 0;
    int d = (int)t;
    size_t row = (size_t)k * (size_t)(s->capdays + 2);
    s->part[row + d] += delta * ((double)(d + 1) - t);
    s->diff[row + d + 1] += delta;
}

/* Stock k is higher by delta over [a, b). */
static inline void model_stock_interval(model_state *st, model_stock k, double a, double b,
                                        double delta)
{
    if (b <= a)
        return;
    model_stock_add(st, k, a, delta);
    model_stock_add(st, k, b, -delta);
}

/* Flow f gains x at time t (counted only in the measured period, by week). */
static inline void model_flow_add(model_state *st, model_flow f, double t, double x)
{
    if (t < st->t0 || t >= st->tend)
        return;
    int w = st->stats.week_of_day[(int)t];
    if (w >= 0)
        st->stats.flows[(size_t)w * FL_COUNT + f] += x;
}
void model_record_duration(model_state *st, double t, int wd, int children);
void model_stats_finish(model_state *st);
void model_stats_free(model_stats *s);

#endif
