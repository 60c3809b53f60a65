/* sens: one assumption at a time to its low and high value, on common random numbers
 * (include/decide/decide.h). Each setting's three evaluations (default, low, high) run over the
 * same replications of the same seed, so the spread between low and high is the assumption's
 * effect, not chance's. With an alternative scenario the measure is the alternative's paired
 * difference from the baseline: "which assumptions does the answer to the board depend on". */
#include "decide.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The assumptions of docs/model.md (defaults without a published source) and the ranges they are
 * tried over: plausible low and high values, each a judgement stated here and in docs/model.md. */
const sens_range sens_default_ranges[] = {
    {"demand.presentation_sd", "0.3", "0.7", "spread of how much better or worse families look than they are"},
    {"demand.repeat_prob", "0.25", "0.55", "chance a family with slight unmet need contacts again"},
    {"demand.repeat_prob_urgency", "0.25", "1", "how fast the chance of never coming back falls with need"},
    {"demand.unmet_persistence", "253wd", "759wd", "how long the unmet need of a family that never returns lasts"},
    {"demand.escalation", "0.1", "0.4", "rise of unmet need a year"},
    {"demand.sibling_work", "0.15", "0.5", "extra work for each further child of a family"},
    {"front_door.history_discount", "0.3", "0.7", "share of a family's presentation chronologies see through"},
    {"front_door.review_noise", "0.1", "0.35", "a reviewing manager's noise"},
    {"front_door.noise_overload", "0", "0.3", "extra noise when the front door is over-loaded"},
    {"front_door.gatekeeping", "0", "0.5", "rise of the referral threshold with social care's load"},
    {"management.oversight_hours", "3", "8", "managers' hours a week for reviews and supervision"},
    {"management.supervision_noise", "0.25", "1", "extra noise of an unsupervised worker"},
    {"early_help.noise_early_help", "0.25", "0.6", "family support workers' noise in recognising need"},
    {"early_help.wait_patience", "30wd", "120wd", "how long families wait for early help before giving up"},
    {"social_work.allocation_wait", "5wd", "20wd", "wait a team tolerates before allocating above the benchmark"},
    {"social_work.overload_noise", "0", "0.05", "assessor's extra noise per case above the benchmark"},
    {"social_work.overload_haste", "0", "0.05", "assessment effort cut per case above the benchmark"},
    {"social_work.deadline_weight", "6", "20", "how strongly workers favour assessments near the deadline"},
    {"social_work.assessment_need_slope", "0.4", "1.2", "how much more effort a higher-need family's assessment takes"},
    {"social_work.handoff_lost", "0.1", "0.5", "share of an assessment's work lost in a handoff"},
};
const size_t sens_default_count = sizeof sens_default_ranges / sizeof sens_default_ranges[0];

int sens_parse_range(const char *s, sens_range *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    const char *eq = strchr(s, '='), *colon = eq ? strchr(eq, ':') : NULL;
    if (!eq || !colon || eq == s || colon == eq + 1 || !colon[1] || (size_t)(eq - s) >= sizeof r->key
        || (size_t)(colon - eq - 1) >= sizeof r->low || strlen(colon + 1) >= sizeof r->high) {
        snprintf(err, errlen, "--range '%s': write KEY=LOW:HIGH, e.g. demand.repeat_prob=0.3:0.7", s);
        return DEC_EBAD;
    }
    memcpy(r->key, s, (size_t)(eq - s));
    memcpy(r->low, eq + 1, (size_t)(colon - eq - 1));
    snprintf(r->high, sizeof r->high, "%s", colon + 1);
    snprintf(r->why, sizeof r->why, "given with --range");
    return 0;
}

static int one(const dec_run *run, const char *alt, const char *key, const char *value,
               dec_point *out, char *err, size_t errlen)
{
    char set[256];
    const char *extra[1] = {set};
    memset(out, 0, sizeof *out);
    snprintf(set, sizeof set, "%s=%s", key, value);
    return dec_eval_sets(run, alt, value ? extra : NULL, value ? 1 : 0, run->reps, NULL, 0, 0, out,
                         err, errlen);
}

static int by_span(const void *a, const void *b)
{
    const sens_row *p = a, *q = b;
    if (p->span != q->span)
        return p->span < q->span ? 1 : -1;
    return strcmp(p->range.key, q->range.key); /* a fixed order for equal effects */
}

int sens_run(const dec_run *run, const char *alt, const sens_range *ranges, int n,
             const metric_id *measures, int nm, sens_result *res, char *err, size_t errlen)
{
    memset(res, 0, sizeof *res);
    res->rows = calloc((size_t)(n > 0 ? n : 1), sizeof *res->rows);
    if (!res->rows) {
        snprintf(err, errlen, "out of memory");
        return DEC_ERR;
    }
    int rc = one(run, alt, NULL, NULL, &res->at_default, err, errlen);
    for (int i = 0; i < n && !rc; i++) {
        sens_row *row = &res->rows[res->nrows];
        row->range = ranges[i];
        if ((rc = one(run, alt, ranges[i].key, ranges[i].low, &row->low, err, errlen)))
            break;
        if ((rc = one(run, alt, ranges[i].key, ranges[i].high, &row->high, err, errlen)))
            break;
        res->nrows++;
    }
    if (rc)
        return rc;
    /* rank by the first measure's spread between low and high */
    metric_id m = measures[0];
    for (int i = 0; i < res->nrows; i++) {
        double a = res->rows[i].low.mean[m], b = res->rows[i].high.mean[m];
        res->rows[i].span = isfinite(a) && isfinite(b) ? fabs(b - a) : 0;
    }
    (void)nm;
    qsort(res->rows, (size_t)res->nrows, sizeof *res->rows, by_span);
    return DEC_OK;
}

void sens_result_free(sens_result *res)
{
    free(res->rows);
    memset(res, 0, sizeof *res);
}
