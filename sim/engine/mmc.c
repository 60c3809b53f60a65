/* mmc: the M/M/c validation queue on the engine (include/engine/mmc.h).
 *
 * Two kinds of event: an arrival (which schedules the next arrival until `customers` have come) and
 * a departure. A customer's service time is drawn when service starts, so its time in system is
 * known then and a departure carries no payload. Waiting customers' arrival times sit in a ring
 * buffer that grows by doubling (first-come first-served).
 *
 * Same-time rule: an arrival and a departure at the same instant run in scheduling order (engine
 * FIFO); with continuous distributions such ties have probability zero.
 */
#include "mmc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "engine.h"
#include "rng.h"
#include "util.h"

enum { EV_ARRIVAL = 1, EV_DEPARTURE = 2 };

typedef struct mmc_sim {
    eng_engine *eng;
    gsl_rng *arr, *svc;
    double arrival_mean, service_mean;
    uint64_t to_arrive; /* arrivals still to come */
    unsigned servers, busy;
    double *queue; /* arrival times of waiting customers: ring buffer */
    size_t qcap, qhead, qlen;
    double last_t, area; /* integral of the number in system over [0, last_t] */
    double sum_wait, sum_sojourn;
    uint64_t waited, served;
} mmc_sim;

int mmc_check(const mmc_params *p, char *msg, size_t msg_size)
{
    if (p->servers < 1)
        snprintf(msg, msg_size, "--servers must be a whole number of at least 1");
    else if (!(p->arrival_rate > 0) || !isfinite(p->arrival_rate))
        snprintf(msg, msg_size, "--arrival-rate must be a positive number (got %g)", p->arrival_rate);
    else if (!(p->service_mean > 0) || !isfinite(p->service_mean))
        snprintf(msg, msg_size, "--service-mean must be a positive number (got %g)", p->service_mean);
    else if (p->customers < 1)
        snprintf(msg, msg_size, "--customers must be at least 1");
    else if (!(mmc_rho(p) < 1))
        snprintf(msg, msg_size,
                 "unstable queue: rho = arrival-rate * service-mean / servers = %g, must be below 1",
                 mmc_rho(p));
    else
        return 0;
    return -1;
}

double mmc_rho(const mmc_params *p) { return p->arrival_rate * p->service_mean / p->servers; }

/* Erlang B by the stable recursion B(k) = a B(k-1) / (k + a B(k-1)), then C from B. */
double mmc_erlang_c_p_wait(const mmc_params *p)
{
    double a = p->arrival_rate * p->service_mean, b = 1.0;
    for (unsigned k = 1; k <= p->servers; k++)
        b = a * b / (k + a * b);
    double c = p->servers;
    return c * b / (c - a * (1.0 - b));
}

double mmc_erlang_c_mean_wait(const mmc_params *p)
{
    double mu = 1.0 / p->service_mean;
    return mmc_erlang_c_p_wait(p) / (p->servers * mu - p->arrival_rate);
}

/* ---- the simulation ---- */

static int queue_push(mmc_sim *s, double t)
{
    if (s->qlen == s->qcap
        && util_ring_grow((void **)&s->queue, &s->qcap, &s->qhead, s->qlen, sizeof *s->queue, 16))
        return -1;
    size_t tail = s->qhead + s->qlen;
    if (tail >= s->qcap)
        tail -= s->qcap;
    s->queue[tail] = t;
    s->qlen++;
    return 0;
}

static double queue_pop(mmc_sim *s)
{
    double t = s->queue[s->qhead];
    if (++s->qhead == s->qcap)
        s->qhead = 0;
    s->qlen--;
    return t;
}

/* Start serving a customer who arrived at `arrived`; the clock is `now`. */
static int start_service(mmc_sim *s, double arrived, double now)
{
    double service = gsl_ran_exponential(s->svc, s->service_mean);
    s->busy++;
    s->sum_wait += now - arrived;
    s->sum_sojourn += now - arrived + service;
    return eng_schedule(s->eng, now + service, EV_DEPARTURE, 0, 0, NULL) == ENG_OK ? 0 : -1;
}

static int schedule_arrival(mmc_sim *s, double now)
{
    s->to_arrive--;
    double t = now + gsl_ran_exponential(s->arr, s->arrival_mean);
    return eng_schedule(s->eng, t, EV_ARRIVAL, 0, 0, NULL) == ENG_OK ? 0 : -1;
}

static int on_arrival(mmc_sim *s, double now)
{
    if (s->to_arrive > 0 && schedule_arrival(s, now))
        return -1;
    if (s->busy < s->servers)
        return start_service(s, now, now);
    s->waited++;
    return queue_push(s, now);
}

static int on_departure(mmc_sim *s, double now)
{
    s->busy--;
    s->served++;
    if (s->qlen > 0)
        return start_service(s, queue_pop(s), now);
    return 0;
}

static int simulate(mmc_sim *s)
{
    if (schedule_arrival(s, 0.0))
        return -1;
    eng_event ev;
    while (eng_next(s->eng, &ev)) {
        s->area += (double)(s->busy + s->qlen) * (ev.time - s->last_t);
        s->last_t = ev.time;
        int rc = ev.kind == EV_ARRIVAL ? on_arrival(s, ev.time) : on_departure(s, ev.time);
        if (rc)
            return -1;
    }
    return 0;
}

static void summarise(const mmc_sim *s, const mmc_params *p, mmc_result *out)
{
    double n = (double)s->served, T = s->last_t;
    out->served = s->served;
    out->events = eng_delivered(s->eng);
    out->end_time = T;
    out->mean_wait = s->sum_wait / n;
    out->p_wait = (double)s->waited / n;
    out->mean_in_system = s->sum_sojourn / n;
    out->mean_number = T > 0 ? s->area / T : 0.0;
    out->throughput = T > 0 ? n / T : 0.0;
    /* Over a run that ends empty, area = sum of times in system, so L / (lambda W) = 1 up to
     * rounding: a check on the bookkeeping, not on the random numbers. */
    double lambda = T > 0 ? (double)p->customers / T : 0.0;
    out->little_ratio = out->mean_in_system > 0 ? out->mean_number / (lambda * out->mean_in_system)
                                                : 1.0;
}

int mmc_run_with(const mmc_params *p, gsl_rng *arrivals, gsl_rng *service, mmc_result *out)
{
    mmc_sim s = {
        .arr = arrivals, .svc = service, .servers = p->servers, .to_arrive = p->customers,
        .arrival_mean = 1.0 / p->arrival_rate, .service_mean = p->service_mean, .qcap = 64,
    };
    s.eng = eng_create(p->servers + 2, 0.0);
    s.queue = malloc(s.qcap * sizeof *s.queue);
    int rc = -1;
    if (s.eng && s.queue && simulate(&s) == 0) {
        summarise(&s, p, out);
        rc = 0;
    }
    free(s.queue);
    eng_destroy(s.eng);
    return rc;
}

int mmc_run(const mmc_params *p, uint64_t seed, uint64_t replication, mmc_result *out)
{
    rng_streams st;
    if (rng_streams_init(&st, MMC_STREAMS, seed, replication))
        return -1;
    int rc = mmc_run_with(p, st.stream[MMC_STREAM_ARRIVALS], st.stream[MMC_STREAM_SERVICE], out);
    rng_streams_free(&st);
    return rc;
}
