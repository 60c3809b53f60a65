/* judge: is a difference from the baseline clear, and is it better or worse for children? See
 * include/chart_data.h and docs/report.md ("Judging a difference"). Used by the change chart and
 * by the report's sentences and table, so that both judge alike. */
#include "chart_data.h"

#include <math.h>

double chart_smallest(const chart_results *r, metric_id m)
{
    const chart_measure *cm = &r->measure[m];
    const chart_scenario *b = &r->scen[r->baseline];
    double base = b->has_summary[m] ? b->summary[m].mean : NAN;
    return metric_smallest_abs(cm->smallest_abs, cm->smallest_rel, base);
}

chart_verdict chart_judge(const chart_results *r, int s, metric_id m)
{
    const chart_diff *d = &r->scen[s].diff[m];
    if (s == r->baseline || !d->present || !isfinite(d->mean))
        return RV_NONE;
    if (!d->significant)
        return RV_UNCLEAR;
    double small = chart_smallest(r, m);
    /* a smallest difference that cannot be worked out (no baseline) does not block a verdict */
    return isfinite(small) && fabs(d->mean) < small ? RV_NEGLIGIBLE : RV_CLEAR;
}

int chart_better(const chart_results *r, int s, metric_id m)
{
    metric_direction dir = r->measure[m].dir;
    if (chart_judge(r, s, m) != RV_CLEAR || (dir != MD_LOWER && dir != MD_HIGHER))
        return 0;
    int up = r->scen[s].diff[m].mean > 0;
    return up == (dir == MD_HIGHER) ? 1 : -1;
}

