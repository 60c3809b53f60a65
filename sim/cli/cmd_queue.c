/* caseload queue: the engine's validation run. Simulates an M/M/c queue (include/engine/mmc.h) for R
 * replications and prints JSON: the parameters, the Erlang C values, each run, and the mean over
 * runs with a 95% confidence interval. Bad arguments: one line on stderr, exit 2. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "cli.h"
#include "mmc.h"

#define MAX_REPS 100000u

typedef struct queue_args {
    mmc_params p;
    uint64_t reps, seed;
    int have_servers, have_rate, have_mean, have_customers;
} queue_args;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: caseload queue --servers C --arrival-rate L --service-mean M --customers N\n"
            "                      [--reps R] [--seed S]\n\n"
            "Validates the event engine: simulates an M/M/c queue (Poisson arrivals at rate L,\n"
            "C servers, exponential service with mean M, first come first served), N customers a\n"
            "run, R runs (default 10) from seed S (default 1), and prints JSON with each run's\n"
            "mean_wait, p_wait, mean_in_system, throughput and events, their means over runs with\n"
            "95%% intervals, the Erlang C values erlang_c_mean_wait and erlang_c_p_wait, and\n"
            "little_l_over_lambda_w (L / (lambda W), 1 up to rounding). Needs L * M / C < 1.\n"
            "Exit status: 0 done, 1 out of memory, 2 bad arguments.\n");
}

static int bad(const char *fmt, const char *opt, const char *val)
{
    fprintf(stderr, "caseload queue: ");
    fprintf(stderr, fmt, opt, val);
    fprintf(stderr, " (see 'caseload queue --help')\n");
    return 2;
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    if (*s < '0' || *s > '9') /* strtoull would accept "-1" and leading spaces */
        return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* Store one option's value; returns 0 or the exit code 2 after printing why. */
static int set_option(queue_args *a, const char *opt, const char *val)
{
    uint64_t u;
    double d;
    if (!strcmp(opt, "--servers")) {
        if (parse_u64(val, &u) || u > 100000)
            return bad("%s needs a whole number of servers from 1 to 100000, not '%s'", opt, val);
        a->p.servers = (unsigned)u;
        a->have_servers = 1;
    } else if (!strcmp(opt, "--arrival-rate") || !strcmp(opt, "--service-mean")) {
        if (parse_double(val, &d))
            return bad("%s needs a number, not '%s'", opt, val);
        if (opt[2] == 'a')
            a->p.arrival_rate = d, a->have_rate = 1;
        else
            a->p.service_mean = d, a->have_mean = 1;
    } else if (!strcmp(opt, "--customers")) {
        if (parse_u64(val, &u) || u > 4000000000u)
            return bad("%s needs a whole number from 1 to 4000000000, not '%s'", opt, val);
        a->p.customers = u;
        a->have_customers = 1;
    } else if (!strcmp(opt, "--reps")) {
        if (parse_u64(val, &u) || u < 1 || u > MAX_REPS)
            return bad("%s needs a whole number from 1 to 100000, not '%s'", opt, val);
        a->reps = u;
    } else if (!strcmp(opt, "--seed")) {
        if (parse_u64(val, &u))
            return bad("%s needs a whole number from 0 to 2^64-1, not '%s'", opt, val);
        a->seed = u;
    } else {
        return bad("unknown option '%s'%s", opt, "");
    }
    return 0;
}

static int parse_args(int argc, char **argv, queue_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i], *eq = strchr(opt, '=');
        char name[32];
        const char *val;
        if (strncmp(opt, "--", 2) != 0)
            return bad("unexpected argument '%s'%s", opt, "");
        if (eq) { /* --opt=value */
            size_t n = (size_t)(eq - opt);
            if (n >= sizeof name)
                return bad("unknown option '%s'%s", opt, "");
            memcpy(name, opt, n);
            name[n] = '\0';
            opt = name;
            val = eq + 1;
        } else if (i + 1 < argc) {
            val = argv[++i];
        } else {
            return bad("%s needs a value%s", opt, "");
        }
        int rc = set_option(a, opt, val);
        if (rc)
            return rc;
    }
    const char *missing = !a->have_servers ? "--servers" : !a->have_rate ? "--arrival-rate"
                        : !a->have_mean ? "--service-mean" : !a->have_customers ? "--customers" : NULL;
    if (missing)
        return bad("missing %s%s", missing, "");
    char msg[160];
    if (mmc_check(&a->p, msg, sizeof msg)) {
        fprintf(stderr, "caseload queue: %s\n", msg);
        return 2;
    }
    return 0;
}

/* ---- statistics over replications ---- */

typedef struct summary {
    double mean, half; /* mean and 95% half-width (NAN with one run) */
} summary;

static summary summarise(const double *x, uint64_t n)
{
    double m = 0, ss = 0;
    for (uint64_t i = 0; i < n; i++)
        m += x[i];
    m /= (double)n;
    for (uint64_t i = 0; i < n; i++)
        ss += (x[i] - m) * (x[i] - m);
    summary s = {m, NAN};
    if (n > 1)
        s.half = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * sqrt(ss / (double)(n - 1) / (double)n);
    return s;
}

/* ---- output ---- */

static void put_num(const char *key, double v, const char *sep)
{
    if (isfinite(v))
        printf("\"%s\": %.12g%s", key, v, sep);
    else
        printf("\"%s\": null%s", key, sep);
}

static void put_run(uint64_t rep, const mmc_result *r, int last)
{
    printf("    {\"rep\": %" PRIu64 ", ", rep);
    put_num("mean_wait", r->mean_wait, ", ");
    put_num("p_wait", r->p_wait, ", ");
    put_num("mean_in_system", r->mean_in_system, ", ");
    put_num("mean_number_in_system", r->mean_number, ", ");
    put_num("throughput", r->throughput, ", ");
    printf("\"events\": %" PRIu64 ", ", r->events);
    put_num("little_l_over_lambda_w", r->little_ratio, "");
    printf("}%s\n", last ? "" : ",");
}

enum { F_WAIT, F_PWAIT, F_SOJOURN, F_NUMBER, F_THROUGHPUT, F_EVENTS, F_LITTLE, F_COUNT };
static const char *const field_names[F_COUNT] = {
    "mean_wait", "p_wait", "mean_in_system", "mean_number_in_system", "throughput", "events",
    "little_l_over_lambda_w",
};

static void field_values(const mmc_result *r, double v[F_COUNT])
{
    v[F_WAIT] = r->mean_wait;
    v[F_PWAIT] = r->p_wait;
    v[F_SOJOURN] = r->mean_in_system;
    v[F_NUMBER] = r->mean_number;
    v[F_THROUGHPUT] = r->throughput;
    v[F_EVENTS] = (double)r->events;
    v[F_LITTLE] = r->little_ratio;
}

static void put_means(const mmc_result *runs, uint64_t reps, double *scratch)
{
    printf("  \"mean\": {\n");
    for (int f = 0; f < F_COUNT; f++) {
        for (uint64_t i = 0; i < reps; i++) {
            double v[F_COUNT];
            field_values(&runs[i], v);
            scratch[i] = v[f];
        }
        summary s = summarise(scratch, reps);
        printf("    ");
        put_num(field_names[f], s.mean, ", ");
        char key[64];
        snprintf(key, sizeof key, "%s_ci95_half_width", field_names[f]);
        put_num(key, s.half, f + 1 < F_COUNT ? ",\n" : "\n");
    }
    printf("  }\n");
}

static void put_json(const queue_args *a, const mmc_result *runs, double *scratch)
{
    const mmc_params *p = &a->p;
    printf("{\n  \"model\": \"M/M/c\", \"servers\": %u, ", p->servers);
    put_num("arrival_rate", p->arrival_rate, ", ");
    put_num("service_mean", p->service_mean, ", ");
    printf("\"customers\": %" PRIu64 ", \"reps\": %" PRIu64 ", \"seed\": %" PRIu64 ",\n  ",
           p->customers, a->reps, a->seed);
    put_num("rho", mmc_rho(p), ", ");
    put_num("erlang_c_mean_wait", mmc_erlang_c_mean_wait(p), ", ");
    put_num("erlang_c_p_wait", mmc_erlang_c_p_wait(p), ",\n");
    printf("  \"runs\": [\n");
    for (uint64_t i = 0; i < a->reps; i++)
        put_run(i, &runs[i], i + 1 == a->reps);
    printf("  ],\n");
    put_means(runs, a->reps, scratch);
    printf("}\n");
}

int cmd_queue(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        }
    queue_args a = {.reps = 10, .seed = 1};
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc;
    mmc_result *runs = calloc(a.reps, sizeof *runs);
    double *scratch = calloc(a.reps, sizeof *scratch);
    rc = runs && scratch ? 0 : 1;
    for (uint64_t i = 0; i < a.reps && rc == 0; i++)
        if (mmc_run(&a.p, a.seed, i, &runs[i]))
            rc = 1;
    if (rc == 0)
        put_json(&a, runs, scratch);
    else
        fprintf(stderr, "caseload queue: out of memory\n");
    free(runs);
    free(scratch);
    if (rc == 0 && (fflush(stdout) || ferror(stdout)))
        rc = 1;
    return rc;
}
