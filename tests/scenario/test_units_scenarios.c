/* The shipped moves into units (issue 14): scenarios/restructure.ini (the island's hurried move,
 * competence not checked) against scenarios/units-done-well.ini (competence checked, fewer
 * handoffs, a phased start), REPS paired replications (common random numbers) over the year of
 * settling that follows the move (2011-01-04):
 *   - the hurried move is clearly worse on working days to assessment and on children at child
 *     protection level assessed below it: the mean paired difference's 95% interval is above zero
 *     and the difference is larger than the measure's smallest difference that matters (one working
 *     day; the larger of one child and 2% of the done-well value);
 *   - both files move the service into units, and say so in their keys.
 * Prints the numbers docs/model.md quotes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "model.h"
#include "scenario.h"

#define REPS 20
#define SEED 20110401u

typedef struct window { double wd, misjudged; } window;

/* Over the measured weeks starting in [from, from + 52 weeks): mean working days to assessment
 * (weighted by the week's assessments) and children misjudged at protection level. */
static window settling(const model_results *r, cal_date from)
{
    int w0 = (int)((from - r->week0) / 7);
    double days = 0, n = 0, mis = 0;
    for (int w = w0; w < w0 + 52 && w < r->weeks; w++) {
        const double *v = &r->weekly[(size_t)w * M_COUNT];
        if (v[M_assessments_completed] > 0 && !isnan(v[M_wd_to_assessment_mean])) {
            days += v[M_wd_to_assessment_mean] * v[M_assessments_completed];
            n += v[M_assessments_completed];
        }
        mis += v[M_cp_level_misjudged];
    }
    return (window){n > 0 ? days / n : NAN, mis};
}

static void load(const char *name, scn_scenario *s)
{
    char path[512], err[1024];
    snprintf(path, sizeof path, "%s/scenarios/%s.ini", CASELOAD_SOURCE_DIR, name);
    if (scn_load(s, path, NULL, 0, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        exit(2);
    }
    s->params.years = 3; /* the settling year and what follows */
}

static void run(model_workspace *ws, const model_params *p, uint64_t rep, window *out)
{
    model_results r;
    char err[256];
    if (model_results_init(&r, p) || model_run(ws, p, SEED, rep, &r, err, sizeof err)) {
        fprintf(stderr, "model_run: %s\n", err);
        exit(2);
    }
    *out = settling(&r, cal_from_ymd(2011, 1, 4));
    model_results_free(&r);
}

static void mean_half(const double *d, double *mean, double *half)
{
    double s = 0, ss = 0;
    for (int k = 0; k < REPS; k++)
        s += d[k];
    *mean = s / REPS;
    for (int k = 0; k < REPS; k++)
        ss += (d[k] - *mean) * (d[k] - *mean);
    *half = 2.093 * sqrt(ss / (REPS - 1) / REPS); /* t(0.975, 19) */
}

int main(void)
{
    scn_scenario hurried, well;
    load("restructure", &hurried);
    load("units-done-well", &well);
    const params_event *h = &hurried.params.events[0], *g = &well.params.events[0];
    CHECK_MSG(h->type == EVT_RESTRUCTURE && h->structure == STRUCTURE_UNITS && !h->competence_checked,
              "restructure.ini: a move into units without checking competence");
    CHECK_MSG(g->type == EVT_RESTRUCTURE && g->structure == STRUCTURE_UNITS && g->competence_checked
                  && g->handoff_share < h->handoff_share && g->duration < h->duration,
              "units-done-well.ini: checked, fewer handoffs, a shorter disruption");

    model_workspace *ws = model_workspace_create();
    double dwd[REPS], dmis[REPS], wd_well = 0, mis_well = 0, wd_h = 0, mis_h = 0;
    for (int k = 0; k < REPS; k++) {
        window a, b;
        run(ws, &hurried.params, (uint64_t)k, &a);
        run(ws, &well.params, (uint64_t)k, &b);
        dwd[k] = a.wd - b.wd;
        dmis[k] = a.misjudged - b.misjudged;
        wd_h += a.wd / REPS, mis_h += a.misjudged / REPS;
        wd_well += b.wd / REPS, mis_well += b.misjudged / REPS;
    }
    model_workspace_destroy(ws);
    double m, half;
    mean_half(dwd, &m, &half);
    printf("settling year: working days to assessment hurried %.1f, done well %.1f: %+.2f +- %.2f\n",
           wd_h, wd_well, m, half);
    CHECK_MSG(m - half > 0 && m > 1, "hurried not clearly slower to assess: %g +- %g", m, half);
    mean_half(dmis, &m, &half);
    double smallest = fmax(1, 0.02 * mis_well);
    printf("settling year: children at protection level misjudged hurried %.1f, done well %.1f: "
           "%+.2f +- %.2f\n", mis_h, mis_well, m, half);
    CHECK_MSG(m - half > 0 && m > smallest, "hurried not clearly worse on misjudged: %g +- %g", m, half);
    scn_free(&hurried);
    scn_free(&well);
    return check_done("test_units_scenarios");
}
