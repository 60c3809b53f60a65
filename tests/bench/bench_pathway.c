/* bench_pathway: the two peer-benchmark models on caseload's engine, for tests/bench/vs-simpy.sh.
 *
 *   bench_pathway mmc SERVERS ARRIVAL_RATE SERVICE_MEAN CUSTOMERS REPS SEED
 *       the M/M/c validation queue (include/engine/mmc.h, the code behind `caseload queue`);
 *   bench_pathway pathway REFERRALS REPS SEED
 *       a three-stage pathway: referrals 4.5 a day; screening by 4 servers, exponential mean 0.5
 *       days; 40% go on to assessment by 20 workers, lognormal mean 10 days and CV 0.5; half of those
 *       go on to case work, 360 places, exponential mean 90 days. Each stage is first come, first
 *       served. A run admits REFERRALS referrals and ends when the last one leaves.
 * Prints one line a replication, "rep R WAIT...", the mean wait at each stage (the format of
 * simpy_models.py, which holds the same models in SimPy).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "engine.h"
#include "mmc.h"
#include "rng.h"

enum { STAGES = 3 };
enum { S_ARRIVALS, S_SCREEN, S_ROUTE, S_ASSESS, S_CASE, S_COUNT }; /* random stream purposes */
enum { EV_REFERRAL = STAGES, EV_DONE = 0 };                       /* EV_DONE + stage: leaves it */

typedef struct stage {
    unsigned servers, busy;
    double *queue; /* arrival times at the stage of those waiting: ring buffer, qcap a power of 2 */
    size_t qcap, qhead, qlen;
    double sum_wait;
    uint64_t started;
} stage;

typedef struct pathway {
    eng_engine *eng;
    rng_streams rng;
    stage st[STAGES];
    uint64_t to_arrive;
    double ln_mu, ln_sigma;
} pathway;

static const unsigned servers_of[STAGES] = {4, 20, 360};
static const double rate = 4.5, screen_mean = 0.5, p_assess = 0.4, assess_mean = 10.0,
                    assess_cv = 0.5, p_case = 0.5, case_mean = 90.0;

static void die(const char *what)
{
    fprintf(stderr, "bench_pathway: %s\n", what);
    exit(1);
}

static double duration(pathway *w, int k)
{
    switch (k) {
    case 0: return gsl_ran_exponential(w->rng.stream[S_SCREEN], screen_mean);
    case 1: return gsl_ran_lognormal(w->rng.stream[S_ASSESS], w->ln_mu, w->ln_sigma);
    default: return gsl_ran_exponential(w->rng.stream[S_CASE], case_mean);
    }
}

static void start(pathway *w, int k, double arrived, double now)
{
    stage *s = &w->st[k];
    s->busy++;
    s->started++;
    s->sum_wait += now - arrived;
    if (eng_schedule(w->eng, now + duration(w, k), EV_DONE + (uint32_t)k, 0, 0, NULL) != ENG_OK)
        die("out of memory");
}

static void enter(pathway *w, int k, double now)
{
    stage *s = &w->st[k];
    if (s->busy < s->servers) {
        start(w, k, now, now);
        return;
    }
    if (s->qlen == s->qcap) { /* grow the ring by doubling, unrolled into a fresh array */
        double *q = malloc(2 * s->qcap * sizeof *q);
        if (!q)
            die("out of memory");
        for (size_t i = 0; i < s->qlen; i++)
            q[i] = s->queue[(s->qhead + i) & (s->qcap - 1)];
        free(s->queue);
        s->queue = q;
        s->qhead = 0;
        s->qcap *= 2;
    }
    s->queue[(s->qhead + s->qlen++) & (s->qcap - 1)] = now; /* a mask, not a division */
}

static void leave(pathway *w, int k, double now)
{
    stage *s = &w->st[k];
    s->busy--;
    if (s->qlen > 0) {
        double arrived = s->queue[s->qhead];
        s->qhead = (s->qhead + 1) & (s->qcap - 1);
        s->qlen--;
        start(w, k, arrived, now);
    }
    gsl_rng *route = w->rng.stream[S_ROUTE];
    if (k == 0 && gsl_rng_uniform(route) < p_assess)
        enter(w, 1, now);
    else if (k == 1 && gsl_rng_uniform(route) < p_case)
        enter(w, 2, now);
}

static void next_referral(pathway *w, double now)
{
    if (w->to_arrive == 0)
        return;
    w->to_arrive--;
    double t = now + gsl_ran_exponential(w->rng.stream[S_ARRIVALS], 1.0 / rate);
    if (eng_schedule(w->eng, t, EV_REFERRAL, 0, 0, NULL) != ENG_OK)
        die("out of memory");
}

static void pathway_rep(uint64_t referrals, uint64_t seed, uint64_t rep, double wait[STAGES])
{
    pathway w = {.to_arrive = referrals};
    w.ln_sigma = sqrt(log(1 + assess_cv * assess_cv));
    w.ln_mu = log(assess_mean) - w.ln_sigma * w.ln_sigma / 2;
    w.eng = eng_create(512, 0.0);
    if (!w.eng || rng_streams_init(&w.rng, S_COUNT, seed, rep))
        die("out of memory");
    for (int k = 0; k < STAGES; k++) {
        w.st[k] = (stage){.servers = servers_of[k], .qcap = 64};
        if (!(w.st[k].queue = malloc(64 * sizeof(double))))
            die("out of memory");
    }
    next_referral(&w, 0.0);
    eng_event ev;
    while (eng_next(w.eng, &ev)) {
        if (ev.kind == EV_REFERRAL) {
            next_referral(&w, ev.time);
            enter(&w, 0, ev.time);
        } else {
            leave(&w, (int)(ev.kind - EV_DONE), ev.time);
        }
    }
    for (int k = 0; k < STAGES; k++) {
        wait[k] = w.st[k].started ? w.st[k].sum_wait / (double)w.st[k].started : 0.0;
        free(w.st[k].queue);
    }
    rng_streams_free(&w.rng);
    eng_destroy(w.eng);
}

static uint64_t arg_u64(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || end == s)
        die("expected a whole number");
    return v;
}

static double arg_double(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (*end || end == s)
        die("expected a number");
    return v;
}

int main(int argc, char **argv)
{
    if (argc == 8 && !strcmp(argv[1], "mmc")) {
        mmc_params p = {(unsigned)arg_u64(argv[2]), arg_double(argv[3]), arg_double(argv[4]),
                        arg_u64(argv[5])};
        uint64_t reps = arg_u64(argv[6]), seed = arg_u64(argv[7]);
        char msg[160];
        if (mmc_check(&p, msg, sizeof msg))
            die(msg);
        for (uint64_t r = 0; r < reps; r++) {
            mmc_result res;
            if (mmc_run(&p, seed, r, &res))
                die("out of memory");
            printf("rep %llu %.9g\n", (unsigned long long)r, res.mean_wait);
        }
        return 0;
    }
    if (argc == 5 && !strcmp(argv[1], "pathway")) {
        uint64_t n = arg_u64(argv[2]), reps = arg_u64(argv[3]), seed = arg_u64(argv[4]);
        for (uint64_t r = 0; r < reps; r++) {
            double wait[STAGES];
            pathway_rep(n, seed, r, wait);
            printf("rep %llu %.9g %.9g %.9g\n", (unsigned long long)r, wait[0], wait[1], wait[2]);
        }
        return 0;
    }
    fprintf(stderr, "usage: bench_pathway mmc SERVERS ARRIVAL_RATE SERVICE_MEAN CUSTOMERS REPS SEED\n"
                    "       bench_pathway pathway REFERRALS REPS SEED\n");
    return 2;
}
