/* plan: the least value of one setting that meets every target (include/decide/decide.h).
 *
 * The search assumes that meeting the targets is monotone in the setting (more social workers
 * never make assessments slower), checks it on what it evaluates, and works on the grid
 * x0 + k * step anchored at the scenario's own value x0:
 *   1. bracket: from x0, steps of 1, 2, 4, ... step up (or down) until the answer is between a
 *      value that fails and one that meets;
 *   2. bisect the bracket to one step;
 *   3. refine near the answer with more replications (refine_reps): the answer meets, one step
 *      below does not, both at the larger number; move up or down until that holds;
 *   4. the interval: at the refined number, the least value whose intervals could meet every
 *      target and the least whose intervals surely meet them.
 * Every evaluation runs replications 0..n-1 of the same seed (common random numbers). */
#include "decide.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct search {
    const dec_run *run;
    const plan_config *cfg;
    plan_result *res;
    double x0, from, to;
    char *err;
    size_t errlen;
} search;

static double grid(const search *s, double x)
{
    return s->x0 + round((x - s->x0) / s->cfg->step) * s->cfg->step;
}

/* The evaluation at (x, reps), from those done already or run now. */
static int eval(search *s, double x, size_t reps, dec_point *out)
{
    plan_result *r = s->res;
    for (size_t i = 0; i < r->npoints; i++)
        if (r->points[i].x[0] == x && r->points[i].reps == reps) {
            *out = r->points[i];
            return DEC_OK;
        }
    const char *keys[1] = {s->cfg->key};
    int rc = dec_eval(s->run, keys, &x, 1, reps, s->cfg->targets, s->cfg->ntargets,
                      s->cfg->confidence, out, s->err, s->errlen);
    if (rc)
        return rc;
    if (util_grow((void **)&r->points, &r->cap, r->npoints + 1, sizeof *r->points, 16)) {
        snprintf(s->err, s->errlen, "out of memory");
        return DEC_ERR;
    }
    r->points[r->npoints++] = *out;
    return DEC_OK;
}

/* Steps of 1, 2, 4, ... from x0 towards `dir` until the result changes; *fail and *pass bracket
 * the answer. Returns 1 when a bound is reached without a change (the bound meets or fails). */
static int bracket(search *s, size_t n, int meets0, double *fail, double *pass, int *rc)
{
    double d = s->cfg->step, prev = s->x0;
    int dir = meets0 ? -1 : 1;
    dec_point p;
    for (;;) {
        double x = grid(s, s->x0 + dir * d);
        int edge = 0;
        if (dir < 0 && x <= s->from) {
            x = s->from;
            edge = 1;
        } else if (dir > 0 && x >= s->to) {
            x = s->to;
            edge = 1;
        }
        if ((*rc = eval(s, x, n, &p)))
            return 0;
        if (p.meets_all != meets0) {
            *fail = meets0 ? x : prev;
            *pass = meets0 ? prev : x;
            return 0;
        }
        if (edge) {
            *fail = *pass = x;
            return 1;
        }
        prev = x;
        d *= 2;
    }
}

static int bisect(search *s, size_t n, double *fail, double *pass)
{
    dec_point p;
    while (*pass - *fail > s->cfg->step * 1.5) {
        double mid = grid(s, *fail + floor((*pass - *fail) / s->cfg->step / 2) * s->cfg->step);
        int rc = eval(s, mid, n, &p);
        if (rc)
            return rc;
        if (p.meets_all)
            *pass = mid;
        else
            *fail = mid;
    }
    return DEC_OK;
}

/* With n replications, move the answer until it meets and one step below does not. */
static int refine(search *s, size_t n, double *answer)
{
    dec_point at, below;
    for (int guard = 0; guard < 200; guard++) {
        int rc = eval(s, *answer, n, &at);
        if (rc)
            return rc;
        if (!at.meets_all) {
            if (*answer + s->cfg->step > s->to + 1e-9)
                return 1; /* the bound no longer meets with more replications */
            *answer = grid(s, *answer + s->cfg->step);
            continue;
        }
        double b = grid(s, *answer - s->cfg->step);
        if (b < s->from - 1e-9)
            break;
        if ((rc = eval(s, b, n, &below)))
            return rc;
        if (!below.meets_all)
            break;
        *answer = b;
    }
    return DEC_OK;
}

/* Could every target be met (the favourable end of each interval), or surely be met (the other)? */
static int judge(const plan_config *c, const dec_point *p, int surely)
{
    for (int k = 0; k < c->ntargets; k++) {
        const dec_target *t = &c->targets[k];
        double v;
        if (c->confidence > 0) { /* Wilson interval of the share of runs meeting it */
            double n = (double)p->reps, ph = p->share[k], z = 1.959964;
            double mid = (ph + z * z / (2 * n)) / (1 + z * z / n);
            double half = z * sqrt(ph * (1 - ph) / n + z * z / (4 * n * n)) / (1 + z * z / n);
            v = surely ? mid - half : mid + half;
            if (v < c->confidence)
                return 0;
            continue;
        }
        v = (surely == t->at_least) ? p->lo[t->m] : p->hi[t->m];
        if (!(t->at_least ? v >= t->value : v <= t->value))
            return 0;
    }
    return 1;
}

static int interval(search *s, size_t n)
{
    plan_result *r = s->res;
    dec_point p;
    double x = r->answer;
    int rc;
    for (int i = 0; i < 12; i++) { /* up from the answer: where every target is surely met */
        if ((rc = eval(s, x, n, &p)))
            return rc;
        if (judge(s->cfg, &p, 1) || x + s->cfg->step > s->to + 1e-9)
            break;
        x = grid(s, x + s->cfg->step);
    }
    r->sure_hi = judge(s->cfg, &p, 1) ? x : NAN;
    x = r->answer;
    for (int i = 0; i < 12; i++) { /* down from it: the least where every target could be met */
        double b = grid(s, x - s->cfg->step);
        if (b < s->from - 1e-9)
            break;
        if ((rc = eval(s, b, n, &p)))
            return rc;
        if (!judge(s->cfg, &p, 0))
            break;
        x = b;
    }
    r->sure_lo = x;
    return DEC_OK;
}

static void check_monotone(plan_result *r)
{
    r->monotone = 1;
    for (size_t i = 0; i < r->npoints; i++)
        for (size_t j = 0; j < r->npoints; j++)
            if (r->points[i].reps == r->points[j].reps && r->points[i].x[0] < r->points[j].x[0]
                && r->points[i].meets_all && !r->points[j].meets_all)
                r->monotone = 0;
}

int plan_run(const dec_run *run, const plan_config *cfg, plan_result *res, char *err,
             size_t errlen)
{
    memset(res, 0, sizeof *res);
    search s = {.run = run, .cfg = cfg, .res = res, .err = err, .errlen = errlen};
    int rc = dec_current_value(run, cfg->key, &s.x0, err, errlen);
    if (rc)
        return rc;
    s.from = isnan(cfg->from) ? 0 : cfg->from;
    s.to = isnan(cfg->to) ? 3 * s.x0 + 20 * cfg->step : cfg->to;
    if (s.x0 < s.from || s.x0 > s.to)
        s.x0 = s.x0 < s.from ? s.from : s.to;
    size_t n = run->reps, n1 = cfg->refine_reps ? cfg->refine_reps : 4 * run->reps;
    dec_point p0;
    if ((rc = eval(&s, s.x0, n, &p0)))
        return rc;
    double fail = s.x0, pass = s.x0;
    int edge = bracket(&s, n, p0.meets_all, &fail, &pass, &rc);
    if (rc)
        return rc;
    if (edge && !p0.meets_all) { /* nothing up to the bound meets */
        check_monotone(res);
        return DEC_OK;
    }
    if (!edge && (rc = bisect(&s, n, &fail, &pass)))
        return rc;
    res->answer = pass;
    rc = refine(&s, n1, &res->answer);
    if (rc < 0)
        return rc;
    res->found = rc == 0;
    if (res->found) {
        if ((rc = eval(&s, res->answer, n1, &res->at)))
            return rc;
        double b = grid(&s, res->answer - cfg->step);
        if (b >= s.from - 1e-9 && (rc = eval(&s, b, n1, &res->below)))
            return rc;
        if ((rc = interval(&s, n1)))
            return rc;
    }
    check_monotone(res);
    return DEC_OK;
}

void plan_result_free(plan_result *res)
{
    free(res->points);
    memset(res, 0, sizeof *res);
}
