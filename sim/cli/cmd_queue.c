/* caseload queue: the engine's validation run. Simulates an M/M/c queue (include/engine/mmc.h) for R
 * replications and prints JSON: the parameters, the Erlang C values, each run, and the mean over
 * runs with a 95% confidence interval. Bad arguments: one line on stderr, exit 2. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "mmc.h"
#include "stats.h"

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

/* ---- output: the results JSON, through the project's writer and statistics ---- */

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

static void put_run(json_writer *w, uint64_t rep, const mmc_result *r)
{
    double v[F_COUNT];
    field_values(r, v);
    json_begin_object(w);
    json_key(w, "rep");
    json_uint(w, rep);
    for (int f = 0; f < F_COUNT; f++) {
        json_key(w, field_names[f]);
        if (f == F_EVENTS)
            json_uint(w, r->events);
        else
            json_number(w, v[f]);
    }
    json_end_object(w);
}

/* Each field's mean over the runs and the half-width of its 95% interval (stats.h). */
static void put_means(json_writer *w, const mmc_result *runs, uint64_t reps, double *x,
                      double *scratch)
{
    json_key(w, "mean");
    json_begin_object(w);
    for (int f = 0; f < F_COUNT; f++) {
        for (uint64_t i = 0; i < reps; i++) {
            double v[F_COUNT];
            field_values(&runs[i], v);
            x[i] = v[f];
        }
        stats_summary s;
        stats_summarize(x, reps, scratch, &s);
        char key[64];
        snprintf(key, sizeof key, "%s_ci95_half_width", field_names[f]);
        json_key(w, field_names[f]);
        json_number(w, s.mean);
        json_key(w, key);
        json_number(w, s.ci_hi - s.mean);
    }
    json_end_object(w);
}

static void put_json(const queue_args *a, const mmc_result *runs, double *x, double *scratch)
{
    const mmc_params *p = &a->p;
    json_writer w;
    json_init(&w, stdout, 3);
    json_begin_object(&w);
    json_key(&w, "model");
    json_string(&w, "M/M/c");
    json_key(&w, "servers");
    json_uint(&w, p->servers);
    json_key(&w, "arrival_rate");
    json_number(&w, p->arrival_rate);
    json_key(&w, "service_mean");
    json_number(&w, p->service_mean);
    json_key(&w, "customers");
    json_uint(&w, p->customers);
    json_key(&w, "reps");
    json_uint(&w, a->reps);
    json_key(&w, "seed");
    json_uint(&w, a->seed);
    json_key(&w, "rho");
    json_number(&w, mmc_rho(p));
    json_key(&w, "erlang_c_mean_wait");
    json_number(&w, mmc_erlang_c_mean_wait(p));
    json_key(&w, "erlang_c_p_wait");
    json_number(&w, mmc_erlang_c_p_wait(p));
    json_key(&w, "runs");
    json_begin_array(&w);
    for (uint64_t i = 0; i < a->reps; i++)
        put_run(&w, i, &runs[i]);
    json_end_array(&w);
    put_means(&w, runs, a->reps, x, scratch);
    json_end_object(&w);
    json_finish(&w);
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
    double *x = calloc(a.reps, sizeof *x), *scratch = calloc(a.reps, sizeof *scratch);
    rc = runs && x && scratch ? 0 : 1;
    for (uint64_t i = 0; i < a.reps && rc == 0; i++)
        if (mmc_run(&a.p, a.seed, i, &runs[i]))
            rc = 1;
    if (rc == 0)
        put_json(&a, runs, x, scratch);
    else
        fprintf(stderr, "caseload queue: out of memory\n");
    free(runs);
    free(x);
    free(scratch);
    if (rc == 0 && (fflush(stdout) || ferror(stdout)))
        rc = 1;
    return rc;
}
