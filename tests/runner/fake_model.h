/* fake_model: a tiny stand-in for include/model/model.h, so the runner and the outputs can be tested
 * without the real model. Values are a fixed hash of (seed, replication, week, metric) plus a
 * small effect of the social worker FTE, so they are reproducible and differ between scenarios.
 * Each replication sleeps a little (longer for some) so threads finish out of order.
 * A scenario whose name starts with "fail-at-" fails at that replication (1-based). */
#ifndef CASELOAD_TESTS_FAKE_MODEL_H
#define CASELOAD_TESTS_FAKE_MODEL_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runner.h"

struct model_workspace {
    int runs;
};

static model_workspace *fake_ws_create(void) { return calloc(1, sizeof(model_workspace)); }
static void fake_ws_destroy(model_workspace *ws) { free(ws); }

static int fake_results_init(model_results *r, const model_params *p)
{
    memset(r, 0, sizeof *r);
    r->weeks = (int)(p->years * 52.0);
    r->week0 = p->start;
    r->weekly = malloc((size_t)r->weeks * M_COUNT * sizeof(double));
    return r->weekly ? 0 : -1;
}

static void fake_results_free(model_results *r)
{
    free(r->weekly);
    r->weekly = NULL;
}

static uint64_t fake_mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static double fake_u(uint64_t seed, uint64_t rep, uint64_t a, uint64_t b)
{
    uint64_t h = fake_mix(fake_mix(fake_mix(fake_mix(seed) ^ rep) ^ a) ^ b);
    return (double)(h >> 11) / 9007199254740992.0;
}

static int fake_run(model_workspace *ws, const model_params *p, uint64_t seed, uint64_t rep,
                    model_results *out, char *err, size_t errlen)
{
    ws->runs++;
    if (!strncmp(p->name, "fail-at-", 8) && rep + 1 == strtoull(p->name + 8, NULL, 10)) {
        snprintf(err, errlen, "fake failure");
        return -1;
    }
    struct timespec ts = {0, (long)(fake_mix(rep) % 4) * 1000000L};
    nanosleep(&ts, NULL);
    double effect = p->staff[ROLE_SOCIAL_WORKER].fte;
    for (int m = 0; m < M_COUNT; m++) {
        out->total[m] = 10.0 * m + 5.0 * fake_u(seed, rep, 1000, (uint64_t)m) + 0.01 * effect;
        for (int w = 0; w < out->weeks; w++) {
            double v = m + fake_u(seed, rep, (uint64_t)w, (uint64_t)m) + 0.01 * effect;
            /* a missing value now and then, as for a median over no assessments */
            out->weekly[(size_t)w * M_COUNT + m] = (m == M_wd_to_assessment_median && (w + rep) % 5 == 0) ? NAN : v;
        }
    }
    memset(out->wd_hist, 0, sizeof out->wd_hist);
    out->wd_hist[rep % MODEL_WD_HIST] = 2;
    out->wd_hist[0] += 1;
    memset(&out->acc, 0, sizeof out->acc);
    out->acc.contacts = 100 + rep;
    out->acc.referrals = 10;
    out->events = 1000;
    return 0;
}

static const runner_model fake_model = {
    .workspace_create = fake_ws_create,
    .workspace_destroy = fake_ws_destroy,
    .results_init = fake_results_init,
    .results_free = fake_results_free,
    .run = fake_run,
};

/* Small parameters for the fake: only years, start, name and social worker FTE matter. */
static void fake_params(model_params *p, const char *name, double fte, double years)
{
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "%s", name);
    p->start = cal_from_ymd(2012, 4, 2);
    p->years = years;
    p->staff[ROLE_SOCIAL_WORKER].fte = fte;
}

#endif
