/* sweep: every point of a grid of one or two settings (include/decide/decide.h). */
#include "decide.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SWEEP_MAX_VALUES 200 /* along one axis */

static int number(const char *s, const char *end, double *out)
{
    char buf[64];
    size_t n = (size_t)(end - s);
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *e;
    errno = 0;
    *out = strtod(buf, &e);
    return *e || errno || !isfinite(*out) ? -1 : 0;
}

int sweep_parse_axis(const char *s, sweep_axis *a, char *err, size_t errlen)
{
    memset(a, 0, sizeof *a);
    const char *eq = strchr(s, '='), *c1 = eq ? strchr(eq, ':') : NULL;
    const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (!eq || !c1 || !c2 || eq == s || (size_t)(eq - s) >= sizeof a->key) {
        snprintf(err, errlen, "--grid '%s': write KEY=FROM:TO:STEP, e.g. "
                              "staff.social_worker.fte=56:76:4", s);
        return DEC_EBAD;
    }
    memcpy(a->key, s, (size_t)(eq - s));
    if (number(eq + 1, c1, &a->from) || number(c1 + 1, c2, &a->to)
        || number(c2 + 1, c2 + strlen(c2), &a->step)) {
        snprintf(err, errlen, "--grid '%s': FROM, TO and STEP must be numbers", s);
        return DEC_EBAD;
    }
    if (a->step <= 0 || a->to < a->from) {
        snprintf(err, errlen, "--grid '%s': needs FROM <= TO and a STEP above 0", s);
        return DEC_EBAD;
    }
    if ((a->to - a->from) / a->step + 1 > SWEEP_MAX_VALUES) {
        snprintf(err, errlen, "--grid '%s': more than %d values; use a larger STEP", s,
                 SWEEP_MAX_VALUES);
        return DEC_EBAD;
    }
    return 0;
}

static int count(const sweep_axis *a)
{
    return (int)floor((a->to - a->from) / a->step + 1e-9) + 1;
}

int sweep_run(const dec_run *run, const sweep_axis *axes, int naxes, sweep_result *res, char *err,
              size_t errlen)
{
    memset(res, 0, sizeof *res);
    res->naxes = naxes;
    res->n[1] = 1;
    for (int k = 0; k < naxes; k++) {
        res->axis[k] = axes[k];
        res->n[k] = count(&axes[k]);
    }
    size_t total = (size_t)res->n[0] * (size_t)res->n[1];
    res->points = calloc(total, sizeof *res->points);
    if (!res->points) {
        snprintf(err, errlen, "out of memory");
        return DEC_ERR;
    }
    const char *keys[2] = {axes[0].key, naxes > 1 ? axes[1].key : NULL};
    for (int i = 0; i < res->n[0]; i++)
        for (int j = 0; j < res->n[1]; j++) {
            double x[2] = {axes[0].from + i * axes[0].step,
                           naxes > 1 ? axes[1].from + j * axes[1].step : 0};
            int rc = dec_eval(run, keys, x, naxes, run->reps, NULL, 0, 0,
                              &res->points[(size_t)i * (size_t)res->n[1] + (size_t)j], err, errlen);
            if (rc)
                return rc;
        }
    return DEC_OK;
}

void sweep_result_free(sweep_result *res)
{
    free(res->points);
    memset(res, 0, sizeof *res);
}
