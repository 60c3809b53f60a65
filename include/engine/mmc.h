/* mmc: an M/M/c queue simulated on the engine, and the Erlang C formulas it must agree with.
 *
 * This is the engine's validation model (DESIGN.md section 7), not part of the social-care model:
 * Poisson arrivals at rate lambda, c identical servers, exponential service with the given mean,
 * one first-come first-served queue. A run starts empty at time 0, admits exactly `customers`
 * arrivals and ends when the last of them leaves, so every statistic covers the same customers.
 * Starting empty biases the mean wait down by about (relaxation time / run length); runs of 10^5
 * customers or more make that small beside the sampling error, even at rho = 0.95.
 *
 * Randomness: two streams, arrivals (purpose MMC_STREAM_ARRIVALS) and service times
 * (MMC_STREAM_SERVICE), seeded by rng_seed(seed, replication, purpose), so a replication's result
 * depends only on (parameters, seed, replication). Nothing here keeps global state.
 *
 * Errors: mmc_check describes the first bad parameter in the caller's buffer and returns -1;
 * mmc_run returns 0, or -1 when out of memory (the result is then undefined).
 */
#ifndef CASELOAD_MMC_H
#define CASELOAD_MMC_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

enum { MMC_STREAM_ARRIVALS = 0, MMC_STREAM_SERVICE = 1, MMC_STREAMS = 2 };

typedef struct mmc_params {
    unsigned servers;    /* c >= 1 */
    double arrival_rate; /* lambda > 0 */
    double service_mean; /* 1/mu > 0; needs rho = lambda * service_mean / c < 1 */
    uint64_t customers;  /* arrivals per run, >= 1 */
} mmc_params;

typedef struct mmc_result {
    double mean_wait;          /* mean time from arrival to start of service */
    double p_wait;             /* share of customers who waited (all servers busy on arrival) */
    double mean_in_system;     /* mean time from arrival to departure (W) */
    double mean_number;        /* time-average number in system over the run (L) */
    double throughput;         /* customers served per unit time over the run */
    double little_ratio;       /* L / (lambda W), lambda measured as customers / run length */
    double end_time;           /* when the last customer left */
    uint64_t served;           /* customers served (== customers) */
    uint64_t events;           /* events delivered by the engine */
} mmc_result;

/* 0 if the parameters describe a stable queue; otherwise -1 and a one-line reason in msg. */
int mmc_check(const mmc_params *p, char *msg, size_t msg_size);

double mmc_rho(const mmc_params *p);
/* Erlang C: probability that an arrival waits, and the mean wait in the queue (steady state). */
double mmc_erlang_c_p_wait(const mmc_params *p);
double mmc_erlang_c_mean_wait(const mmc_params *p);

/* One run with the caller's generators (for benchmarks that bring their own). */
int mmc_run_with(const mmc_params *p, gsl_rng *arrivals, gsl_rng *service, mmc_result *out);
/* One replication with its own streams seeded from (seed, replication). */
int mmc_run(const mmc_params *p, uint64_t seed, uint64_t replication, mmc_result *out);

#endif
