/* bench_engine: the engine's speed against the practical floor, in one process.
 *
 *   engine: the M/M/c validation queue (include/engine/mmc.h) on the engine: 1,000,000 customers,
 *           10 servers, rho 0.9 (2,000,000 events).
 *   floor:  the same queue, the same event sequence and the same GSL draws, on a bare binary heap
 *           of (time, kind) pairs: no sequence numbers, handles, slots or pool. What is left is the
 *           model's own work plus the least a calendar can cost, so engine / floor is the share of
 *           the achievable speed the engine reaches (target 80% or more).
 * Each is run several times, alternating, and the best time of each is kept (the least disturbed by
 * the machine). Prints events per second for both, the ratio, and the peak resident memory.
 *
 * usage: bench_engine [customers] [repeats]
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include <gsl/gsl_randist.h>

#include "mmc.h"
#include "rng.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- the floor: M/M/c on a bare binary heap ---- */

typedef struct bare_entry {
    double time;
    uint32_t kind;
} bare_entry;

typedef struct bare_heap {
    bare_entry *a;
    size_t n, cap;
} bare_heap;

static void bare_push(bare_heap *h, double t, uint32_t kind)
{
    if (h->n == h->cap) {
        h->cap *= 2;
        h->a = realloc(h->a, h->cap * sizeof *h->a);
        if (!h->a)
            abort();
    }
    size_t i = h->n++;
    while (i > 0 && t < h->a[(i - 1) / 2].time) {
        h->a[i] = h->a[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->a[i] = (bare_entry){t, kind};
}

static bare_entry bare_pop(bare_heap *h)
{
    bare_entry top = h->a[0], x = h->a[--h->n];
    size_t i = 0, n = h->n;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && h->a[c + 1].time < h->a[c].time)
            c++;
        if (!(h->a[c].time < x.time))
            break;
        h->a[i] = h->a[c];
        i = c;
    }
    if (n > 0)
        h->a[i] = x;
    return top;
}

/* The same model as sim/engine/mmc.c, event for event and draw for draw; returns the mean wait. */
static double floor_run(const mmc_params *p, gsl_rng *arr, gsl_rng *svc, uint64_t *events)
{
    bare_heap h = {malloc(16 * sizeof(bare_entry)), 0, 16};
    size_t qcap = 1 << 16, qhead = 0, qlen = 0;
    double *queue = malloc(qcap * sizeof *queue);
    if (!h.a || !queue)
        abort();
    double amean = 1.0 / p->arrival_rate, smean = p->service_mean, sum_wait = 0;
    uint64_t to_arrive = p->customers - 1, n = 0;
    unsigned busy = 0;
    bare_push(&h, gsl_ran_exponential(arr, amean), 1);
    while (h.n > 0) {
        bare_entry ev = bare_pop(&h);
        double t = ev.time, arrived = t;
        n++;
        if (ev.kind == 1) {
            if (to_arrive > 0) {
                to_arrive--;
                bare_push(&h, t + gsl_ran_exponential(arr, amean), 1);
            }
            if (busy == p->servers) {
                if (qlen == qcap)
                    abort(); /* the benchmark sizes the queue generously */
                queue[(qhead + qlen++) % qcap] = t;
                continue;
            }
        } else {
            busy--;
            if (qlen == 0)
                continue;
            arrived = queue[qhead];
            qhead = (qhead + 1) % qcap;
            qlen--;
        }
        busy++;
        sum_wait += t - arrived;
        bare_push(&h, t + gsl_ran_exponential(svc, smean), 2);
    }
    free(h.a);
    free(queue);
    *events = n;
    return sum_wait / (double)p->customers;
}

/* ---- timing ---- */

typedef struct timing {
    double best;       /* seconds, best of the repeats */
    uint64_t events;   /* per run */
    double mean_wait;  /* to show both did the same work */
} timing;

static void time_engine(const mmc_params *p, timing *t)
{
    rng_streams s;
    if (rng_streams_init(&s, MMC_STREAMS, 1, 0))
        abort();
    mmc_result r;
    double t0 = now_seconds();
    if (mmc_run_with(p, s.stream[MMC_STREAM_ARRIVALS], s.stream[MMC_STREAM_SERVICE], &r))
        abort();
    double dt = now_seconds() - t0;
    if (t->best == 0 || dt < t->best)
        t->best = dt;
    t->events = r.events;
    t->mean_wait = r.mean_wait;
    rng_streams_free(&s);
}

static void time_floor(const mmc_params *p, timing *t)
{
    rng_streams s;
    if (rng_streams_init(&s, MMC_STREAMS, 1, 0))
        abort();
    double t0 = now_seconds();
    t->mean_wait = floor_run(p, s.stream[MMC_STREAM_ARRIVALS], s.stream[MMC_STREAM_SERVICE],
                             &t->events);
    double dt = now_seconds() - t0;
    if (t->best == 0 || dt < t->best)
        t->best = dt;
    rng_streams_free(&s);
}

int main(int argc, char **argv)
{
    uint64_t customers = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
    int repeats = argc > 2 ? atoi(argv[2]) : 7;
    if (customers < 1 || repeats < 1) {
        fprintf(stderr, "usage: bench_engine [customers] [repeats]\n");
        return 2;
    }
    mmc_params p = {10, 9.0, 1.0, customers};
    timing eng = {0}, flr = {0};
    for (int i = 0; i < repeats; i++) {
        time_engine(&p, &eng);
        time_floor(&p, &flr);
    }
    double eng_rate = (double)eng.events / eng.best, flr_rate = (double)flr.events / flr.best;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("M/M/c: %llu customers, 10 servers, rho 0.9; best of %d runs each\n",
           (unsigned long long)customers, repeats);
    printf("engine: %llu events in %.4f s = %.2f M events/s (mean wait %.6f)\n",
           (unsigned long long)eng.events, eng.best, eng_rate / 1e6, eng.mean_wait);
    printf("floor:  %llu events in %.4f s = %.2f M events/s (mean wait %.6f)\n",
           (unsigned long long)flr.events, flr.best, flr_rate / 1e6, flr.mean_wait);
    printf("engine / floor: %.1f%% (target >= 80%%)\n", 100.0 * eng_rate / flr_rate);
    printf("peak RSS: %.1f MiB (target < 20 MiB)\n", (double)ru.ru_maxrss / 1024.0);
    return 0;
}
