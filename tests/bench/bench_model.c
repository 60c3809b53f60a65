/* bench_model: speed of the full model (issue 7), through the real runner.
 *
 *   bench_model [iow|england|scaling|units|all] [--reps N] [--repeat K] [--threads T]
 *
 *   iow      N (default 1,000) replications of scenarios/isle-of-wight-2011.ini (its warm-up and
 *            measured years as the file says) with 1 and then 2 threads; wall time, ms a
 *            replication and the speed-up. The two runs' aggregates must agree bit for bit.
 *   england  one replication of scenarios/baseline.ini scaled to England (11.8 million children;
 *            contacts and every staff pool scaled by the same factor), 10 measured years, 1 thread;
 *            wall and CPU time, peak resident memory of the process, contacts simulated.
 *   scaling  the Isle of Wight at 1x, 10x and 100x its demand (children, contacts a week and every
 *            staff pool's FTE scaled together; 100, 10 and 1 replications), 1 thread: time per
 *            contact, to show the cost grows linearly with demand.
 *   units    N replications of the Isle of Wight in pools, then the same in units (--set
 *            units.structure=units: Hackney's composition, 35 units), 1 thread each: wall time of
 *            each and the units run's time as a share of the pools run's (target within 25%).
 *   all      england, iow, scaling, units (england first so the peak memory printed is its own).
 *
 * --threads T runs the iow part with T threads only (no 1-thread run, no speed-up): the figure the
 * issue's target is about, cheap enough to pair with another build's under an outside timer.
 * --repeat K runs each measurement K times and prints every result with the best and worst, since
 * the machine may be shared. The scaled scenarios are made with the same "section.key=value"
 * overrides as `caseload run --set`, and each part prints the equivalent command.
 * Never run by CTest: speed belongs here, not in tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "runner.h"
#include "scenario.h"

#define IOW "scenarios/isle-of-wight-2011.ini"
#define BASELINE "scenarios/baseline.ini"
#define ENGLAND_CHILDREN 11.8e6
#define MAX_SETS 16

typedef struct overrides {
    char text[MAX_SETS][96];
    const char *ptr[MAX_SETS];
    size_t n;
} overrides;

typedef struct run_figures {
    double wall, cpu;        /* seconds */
    uint64_t contacts, events;
    runner_results res;      /* kept for the thread-count check; freed by the caller */
} run_figures;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 + (double)ru.ru_stime.tv_sec
         + ru.ru_stime.tv_usec * 1e-6;
}

static double peak_rss_mib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0; /* kilobytes on Linux */
}

static void add_set(overrides *o, const char *key, double value)
{
    if (o->n == MAX_SETS) {
        fprintf(stderr, "bench_model: too many overrides\n");
        exit(1);
    }
    snprintf(o->text[o->n], sizeof o->text[o->n], "%s=%.10g", key, value);
    o->ptr[o->n] = o->text[o->n];
    o->n++;
}

static void load(scn_scenario *s, const char *rel, const overrides *o)
{
    char path[4096], err[1024];
    snprintf(path, sizeof path, "%s/%s", CASELOAD_SOURCE_DIR, rel);
    if (scn_load(s, path, o ? o->ptr : NULL, o ? o->n : 0, err, sizeof err)) {
        fprintf(stderr, "bench_model: %s\n", err);
        scn_free(s);
        exit(1);
    }
}

/* Overrides that scale scenario `rel`'s children, contacts and every staff pool by `factor`. */
static void scale_sets(const char *rel, double factor, overrides *o)
{
    scn_scenario s;
    load(&s, rel, NULL);
    const model_params *p = &s.params;
    add_set(o, "demand.children", p->children * factor);
    add_set(o, "demand.contacts_per_week", p->contacts_per_week * factor);
    for (int r = 0; r < ROLE_COUNT; r++) {
        char key[64];
        snprintf(key, sizeof key, "staff.%s.fte", params_role_name((params_role)r));
        add_set(o, key, p->staff[r].fte * factor);
    }
    scn_free(&s);
}

static void print_command(const char *rel, size_t reps, unsigned threads, const overrides *o)
{
    printf("  command: caseload run %s --reps %zu --threads %u --no-charts --quiet", rel, reps,
           threads);
    for (size_t i = 0; o && i < o->n; i++)
        printf(" --set %s", o->ptr[i]);
    printf("\n");
}

static void run(const model_params *p, size_t reps, unsigned threads, run_figures *f)
{
    runner_config cfg = {.params = p, .n_scenarios = 1, .reps = reps, .seed = 1,
                         .threads = threads, .model = &runner_model_real};
    char err[512];
    double w0 = now_s(), c0 = cpu_s();
    if (runner_run(&cfg, &f->res, err, sizeof err) != RUNNER_OK) {
        fprintf(stderr, "bench_model: %s\n", err);
        exit(1);
    }
    f->wall = now_s() - w0;
    f->cpu = cpu_s() - c0;
    f->contacts = f->res.scn[0].acc.contacts;
    f->events = f->res.events;
}

/* The aggregates of two runs of the same replications agree bit for bit. */
static int same_results(const runner_results *a, const runner_results *b)
{
    return a->reps == b->reps
        && memcmp(a->scn[0].values, b->scn[0].values, a->reps * M_COUNT * sizeof(double)) == 0
        && memcmp(a->scn[0].wd_hist, b->scn[0].wd_hist, sizeof a->scn[0].wd_hist) == 0
        && memcmp(&a->scn[0].acc, &b->scn[0].acc, sizeof a->scn[0].acc) == 0;
}

static void spread(const char *what, const double *x, int n, const char *unit)
{
    double lo = x[0], hi = x[0];
    for (int i = 1; i < n; i++) {
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    if (n > 1)
        printf("  %s over %d runs: lowest %.3f%s, highest %.3f%s\n", what, n, lo, unit, hi, unit);
}

/* The iow part with `threads` threads only. */
static void part_iow_only(const scn_scenario *s, size_t reps, unsigned threads, int repeat)
{
    print_command(IOW, reps, threads, NULL);
    double t[16];
    for (int k = 0; k < repeat; k++) {
        run_figures a;
        run(&s->params, reps, threads, &a);
        t[k] = a.wall;
        printf("  %u thread%s: %7.3f s wall, %6.2f ms a replication, %.0f events a replication\n",
               threads, threads == 1 ? " " : "s", a.wall, a.wall * 1e3 / reps,
               (double)a.events / reps);
        runner_results_free(&a.res);
    }
    spread("wall", t, repeat, " s");
}

static void part_iow(size_t reps, int repeat, unsigned threads)
{
    scn_scenario s;
    load(&s, IOW, NULL);
    printf("== iow: %zu replications of %s (%.3g warm-up working days + %g years)\n", reps, IOW,
           s.params.warmup, s.params.years);
    if (threads) {
        part_iow_only(&s, reps, threads, repeat);
        scn_free(&s);
        return;
    }
    print_command(IOW, reps, 1, NULL);
    double t1[16], t2[16], up[16];
    for (int k = 0; k < repeat; k++) {
        run_figures a, b;
        run(&s.params, reps, 1, &a);
        run(&s.params, reps, 2, &b);
        t1[k] = a.wall;
        t2[k] = b.wall;
        up[k] = a.wall / b.wall;
        printf("  1 thread : %7.3f s wall, %6.2f ms a replication, %.0f events a replication\n",
               a.wall, a.wall * 1e3 / reps, (double)a.events / reps);
        printf("  2 threads: %7.3f s wall, %6.2f ms a replication; speed-up %.2f; results %s\n",
               b.wall, b.wall * 1e3 / reps, up[k],
               same_results(&a.res, &b.res) ? "identical" : "DIFFER");
        runner_results_free(&a.res);
        runner_results_free(&b.res);
    }
    spread("1 thread", t1, repeat, " s");
    spread("2 threads", t2, repeat, " s");
    spread("speed-up", up, repeat, "");
    scn_free(&s);
}

static void part_england(int repeat)
{
    scn_scenario base;
    load(&base, BASELINE, NULL);
    double factor = ENGLAND_CHILDREN / base.params.children;
    scn_free(&base);
    overrides o = {0};
    scale_sets(BASELINE, factor, &o);
    add_set(&o, "scenario.years", 10);
    scn_scenario s;
    load(&s, BASELINE, &o);
    printf("== england: %s x %.2f (%.0f children), 10 measured years, 1 replication\n", BASELINE,
           factor, s.params.children);
    print_command(BASELINE, 1, 1, &o);
    double wall[16];
    for (int k = 0; k < repeat; k++) {
        run_figures f;
        run(&s.params, 1, 1, &f);
        wall[k] = f.wall;
        double years = s.params.years + s.params.warmup / CAL_WORKDAYS_YEAR;
        printf("  %.2f s wall, %.2f s CPU, peak RSS %.0f MiB (process); %.2f million contacts "
               "(%.2f million a year), %.1f million events\n",
               f.wall, f.cpu, peak_rss_mib(), f.contacts / 1e6, f.contacts / 1e6 / years,
               f.events / 1e6);
        runner_results_free(&f.res);
    }
    spread("wall", wall, repeat, " s");
    scn_free(&s);
}

static void part_scaling(int repeat)
{
    static const double factors[] = {1, 10, 100};
    static const size_t reps[] = {100, 10, 1};
    printf("== scaling: %s at 1x, 10x, 100x demand and staff, 1 thread\n", IOW);
    for (int i = 0; i < 3; i++) {
        overrides o = {0};
        scale_sets(IOW, factors[i], &o);
        scn_scenario s;
        load(&s, IOW, &o);
        double per[16] = {0};
        uint64_t contacts = 0;
        double ms = 0;
        for (int k = 0; k < repeat; k++) {
            run_figures f;
            run(&s.params, reps[i], 1, &f);
            per[k] = f.wall / (double)f.contacts * 1e6;
            contacts = f.contacts / reps[i];
            ms = f.wall * 1e3 / reps[i];
            runner_results_free(&f.res);
        }
        double best = per[0];
        for (int k = 1; k < repeat; k++)
            best = per[k] < best ? per[k] : best;
        printf("  %4.0fx: %zu replications, %9llu contacts each, %9.1f ms a replication, "
               "%.3f us a contact%s\n",
               factors[i], reps[i], (unsigned long long)contacts, ms, best,
               repeat > 1 ? " (best)" : "");
        spread("us a contact", per, repeat, "");
        if (i == 2)
            print_command(IOW, reps[i], 1, &o);
        scn_free(&s);
    }
}

/* CPU time, not wall time, and the best of the repeats: the machine is shared, and a neighbour's
 * burst would otherwise land on one side of the ratio. */
static void part_units(size_t reps, int repeat)
{
    overrides o = {0};
    snprintf(o.text[0], sizeof o.text[0], "units.structure=units");
    o.ptr[0] = o.text[0];
    o.n = 1;
    scn_scenario pools, units;
    load(&pools, IOW, NULL);
    load(&units, IOW, &o);
    printf("== units: %zu replications of %s in pools, then in units, 1 thread\n", reps, IOW);
    print_command(IOW, reps, 1, &o);
    double best_p = 1e300, best_u = 1e300;
    for (int k = 0; k < repeat; k++) {
        run_figures a, b;
        run(&pools.params, reps, 1, &a);
        run(&units.params, reps, 1, &b);
        best_p = a.cpu < best_p ? a.cpu : best_p;
        best_u = b.cpu < best_u ? b.cpu : best_u;
        printf("  pools: %7.3f s CPU, %6.2f ms a replication, %.0f events a replication\n", a.cpu,
               a.cpu * 1e3 / reps, (double)a.events / reps);
        printf("  units: %7.3f s CPU, %6.2f ms a replication, %.0f events a replication\n", b.cpu,
               b.cpu * 1e3 / reps, (double)b.events / reps);
        runner_results_free(&a.res);
        runner_results_free(&b.res);
    }
    printf("  best of %d: units %.3f s, pools %.3f s: units take %.1f%% of the pools run's time "
           "(target at most 125%%)\n", repeat, best_u, best_p, 100 * best_u / best_p);
    scn_free(&pools);
    scn_free(&units);
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_model [iow|england|scaling|units|all] [--reps N] [--repeat K] "
                    "[--threads T]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *part = "all";
    size_t reps = 1000;
    int repeat = 1;
    unsigned long threads = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--reps") && i + 1 < argc)
            reps = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
            repeat = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = strtoul(argv[++i], NULL, 10);
        else if (argv[i][0] != '-')
            part = argv[i];
        else
            usage();
    }
    if (reps < 1 || reps > RUNNER_MAX_REPS || repeat < 1 || repeat > 16 || threads > RUNNER_MAX_THREADS)
        usage();
    int all = !strcmp(part, "all");
    if (!all && strcmp(part, "iow") && strcmp(part, "england") && strcmp(part, "scaling")
        && strcmp(part, "units"))
        usage();
    if (all || !strcmp(part, "england"))
        part_england(repeat);
    if (all || !strcmp(part, "iow"))
        part_iow(reps, repeat, (unsigned)threads);
    if (all || !strcmp(part, "scaling"))
        part_scaling(repeat);
    if (all || !strcmp(part, "units"))
        part_units(reps, repeat);
    return 0;
}
