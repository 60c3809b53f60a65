/* cmd_run: `caseload run` and `caseload compare` - parse the command line, load the scenarios,
 * run the replications (runner.h), write the results (output.h) and draw the report (report.h).
 * See sim/cli/cli.h for the exit codes and docs/runner.md for what the run guarantees. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_snapshot.h"
#include "outfile.h"
#include "output.h"
#include "report.h"
#include "run_estimate.h"
#include "runner.h"
#include "scenario.h"
#include "stats.h"

/* The one piece of process-wide mutable state in caseload: the number of the signal (SIGINT or
 * SIGTERM) that asked the run to stop, 0 while none has. A signal handler can only talk to the
 * program through such a flag; the runner and the output writer read it through a pointer
 * (runner_config.stop, out_run.stop) and stop at the next replication or file. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

#define DEFAULT_REPS 100
#define DEFAULT_SEED 1
#define DEFAULT_OUT "out"
#define MAX_YEARS 50.0
/* Streaming aggregates and per-replication values beyond this are almost surely a typo. */
#define MAX_AGGREGATE_BYTES ((size_t)1 << 30)
/* Default limits on a run's estimated peak memory and time (run_estimate_make): a share of the
 * machine's memory, and an afternoon. --max-memory and --max-hours raise or lower them. */
#define DEFAULT_MEMORY_SHARE 0.75
#define DEFAULT_MAX_HOURS 2.0
#define GIB (1024.0 * 1024.0 * 1024.0)

typedef struct run_opts {
    int compare;           /* 1: caseload compare */
    const char **files;    /* scenario files in command-line order; [0] is the baseline */
    size_t nfiles;
    const char **sets;     /* "section.key=value" overrides in order (--years becomes one) */
    size_t nsets;
    char **owned;          /* the overrides made from --years, allocated to fit */
    size_t nowned;
    size_t reps;
    uint64_t seed;
    unsigned threads;
    const char *out;
    double max_memory;     /* bytes; 0: the default (memory_limit) */
    double max_hours;      /* 0: DEFAULT_MAX_HOURS */
    int charts, xlsx, quiet, help;
    int force;             /* --force: write into a folder that holds other files */
    const char *snapshot;  /* --snapshot DIR: start from its cases and staff (or NULL) */
    const char *write_snapshot; /* --write-snapshot DIR: the end of replication 1 (or NULL) */
    model_snapshot snap;   /* read from `snapshot` */
} run_opts;

static void usage(FILE *f, int compare)
{
    if (compare)
        fprintf(f, "usage: caseload compare BASE.ini ALT.ini [ALT2.ini ...] [OPTIONS]\n\n"
                   "Runs every scenario over the same replications with common random numbers\n"
                   "(the same families arrive at the same times with the same need) and reports\n"
                   "each alternative's paired difference from the baseline (the first file)\n"
                   "with its 95%% interval.\n\n");
    else
        fprintf(f, "usage: caseload run FILE [OPTIONS]\n\n"
                   "Runs one scenario over many replications and writes the results, charts and\n"
                   "a report.\n\n");
    fprintf(f,
            "Options:\n"
            "  --reps N        replications (default %d; 1..%d)\n"
            "  --seed S        master seed, 0..18446744073709551615 (default %d); the same seed\n"
            "                  gives the same files, byte for byte, for any --threads\n"
            "  --years Y       measured years, the same as --set scenario.years=Y (0.25..%g)\n"
            "  --threads T     threads (default: the online processors; 1..%d)\n"
            "  --out DIR       results directory (default %s/)\n"
            "  --set S.K=V     override a setting in %s, e.g.\n"
            "                  --set staff.social_worker.fte=40 (repeatable)\n"
            "  --max-memory G  refuse a run estimated to need more than G GiB (default: %g%% of\n"
            "                  the machine's memory, less under an address-space limit)\n"
            "  --max-hours H   refuse a run estimated to take more than H hours (default %g)\n"
            "  --force         write into DIR even though it holds files that caseload did not\n"
            "                  write and no manifest (only caseload's own files are replaced)\n"
            "  --snapshot SNAP start on SNAP's date from its open cases, families and staff in\n"
            "                  post, with no warm-up (SNAP/open_cases.csv, staff.csv, ...; see\n"
            "                  docs/snapshot.md)\n"
            "  --write-snapshot SNAP\n"
            "                  also write the end of replication 1 (of the baseline) into SNAP,\n"
            "                  in the same format, to continue from\n"
            "  --no-charts     write the data files only: no charts, report.html or results.xlsx\n"
            "  --no-xlsx       leave out the Excel workbook results.xlsx\n"
            "  --quiet         no progress or timings on stderr\n"
            "  --help          this text\n\n"
            "Files written into DIR: summary.json, summary.csv, weekly.csv, replications.csv,\n"
            "differences.csv, events.csv, assessment_days.csv, measures.csv (what each measure\n"
            "means and how it is judged), assumptions.csv, targets.csv, run.ini, settings/ID.ini,\n"
            "and\n"
            "unless --no-charts charts/, report.html and results.xlsx (see docs/outputs.md),\n"
            "then manifest.sha256 naming them all. They replace the previous results only when\n"
            "every replication has run and every file is complete; only files a manifest names\n"
            "are ever replaced or removed. One run at a time writes DIR (.caseload.lock).\n\n"
            "Exit status: 0 done; 1 a run-time failure (cannot write DIR, disk full, out of\n"
            "memory, DIR in use by another run); 2 bad arguments or scenario files, a DIR of\n"
            "other files (see --force), or a run estimated beyond --max-memory or --max-hours;\n"
            "130/143 stopped by Ctrl-C/SIGTERM (the previous results are left as they were).\n",
            DEFAULT_REPS, RUNNER_MAX_REPS, DEFAULT_SEED, MAX_YEARS, RUNNER_MAX_THREADS, DEFAULT_OUT,
            compare ? "every scenario" : "the scenario", DEFAULT_MEMORY_SHARE * 100,
            DEFAULT_MAX_HOURS);
}

/* ---- argument parsing: every error is one line and exit code 2 ---- */

static int parse_count(const char *opt, const char *s, unsigned long long max,
                       unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = (s[0] >= '0' && s[0] <= '9') ? strtoull(s, &end, 10) : 0;
    if (!(s[0] >= '0' && s[0] <= '9') || *end || errno == ERANGE || v < 1 || v > max) {
        fprintf(stderr, "caseload: %s '%s': expected a whole number from 1 to %llu\n", opt, s,
                max);
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_seed(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    int digit = s[0] >= '0' && s[0] <= '9';
    unsigned long long v = digit ? strtoull(s, &end, 10) : 0;
    if (!digit || *end || errno == ERANGE) {
        fprintf(stderr, "caseload: --seed '%s': expected a whole number from 0 to %llu\n", s,
                (unsigned long long)UINT64_MAX);
        return -1;
    }
    *out = (uint64_t)v;
    return 0;
}

static int parse_years(const char *s, run_opts *o)
{
    char *end;
    double y = strtod(s, &end);
    if (end == s || *end || !(y >= 0.25 && y <= MAX_YEARS)) {
        fprintf(stderr, "caseload: --years '%s': expected a number of years from 0.25 to %g\n",
                s, MAX_YEARS);
        return -1;
    }
    /* sized to the text, however long: a fixed buffer once cut "--years 000...010" to 1 year */
    size_t len = strlen("scenario.years=") + strlen(s) + 1;
    char *buf = malloc(len);
    if (!buf) {
        fprintf(stderr, "caseload: out of memory\n");
        return -1;
    }
    snprintf(buf, len, "scenario.years=%s", s);
    o->owned[o->nowned++] = buf;
    o->sets[o->nsets++] = buf;
    return 0;
}

/* A positive number for --max-memory (GiB) or --max-hours. */
static int parse_limit(const char *opt, const char *s, double scale, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v > 0 && v <= 1e6)) {
        fprintf(stderr, "caseload: %s '%s': expected a number above 0\n", opt, s);
        return -1;
    }
    *out = v * scale;
    return 0;
}

static int parse_set(const char *s, run_opts *o)
{
    const char *eq = strchr(s, '=');
    if (!eq || eq == s) {
        fprintf(stderr, "caseload: --set '%s': expected SECTION.KEY=VALUE, e.g. "
                        "--set staff.social_worker.fte=40\n", s);
        return -1;
    }
    o->sets[o->nsets++] = s;
    return 0;
}

/* The value of an option given as "--opt VALUE" or "--opt=VALUE"; NULL if it is not `name`. */
static const char *option_value(char **argv, int argc, int *i, const char *name, int *missing)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n))
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != 0)
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

/* One option at argv[*i]. Returns 0, 1 if it is not an option of ours, -1 on a bad value. */
static int parse_option(int argc, char **argv, int *i, run_opts *o)
{
    static const char *const valued[] = {"--reps", "--seed", "--years", "--threads", "--out",
                                         "--max-memory", "--max-hours", "--set", "--snapshot",
                                         "--write-snapshot"};
    const char *a = argv[*i];
    if (!strcmp(a, "--no-charts")) { o->charts = 0; return 0; }
    if (!strcmp(a, "--no-xlsx")) { o->xlsx = 0; return 0; }
    if (!strcmp(a, "--quiet")) { o->quiet = 1; return 0; }
    if (!strcmp(a, "--force")) { o->force = 1; return 0; }
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) { o->help = 1; return 0; }
    for (size_t k = 0; k < sizeof valued / sizeof valued[0]; k++) {
        int missing = 0;
        const char *v = option_value(argv, argc, i, valued[k], &missing);
        if (missing) {
            fprintf(stderr, "caseload: %s needs a value\n", valued[k]);
            return -1;
        }
        if (!v)
            continue;
        unsigned long long n;
        switch (k) {
        case 0:
            if (parse_count("--reps", v, RUNNER_MAX_REPS, &n)) return -1;
            o->reps = (size_t)n;
            return 0;
        case 1: return parse_seed(v, &o->seed);
        case 2: return parse_years(v, o);
        case 3:
            if (parse_count("--threads", v, RUNNER_MAX_THREADS, &n)) return -1;
            o->threads = (unsigned)n;
            return 0;
        case 4:
            if (!*v) {
                fprintf(stderr, "caseload: --out needs a directory name\n");
                return -1;
            }
            o->out = v;
            return 0;
        case 5: return parse_limit("--max-memory", v, GIB, &o->max_memory);
        case 6: return parse_limit("--max-hours", v, 1.0, &o->max_hours);
        case 7: return parse_set(v, o);
        default:
            if (!*v) {
                fprintf(stderr, "caseload: %s needs a directory name\n", valued[k]);
                return -1;
            }
            *(k == 8 ? &o->snapshot : &o->write_snapshot) = v;
            return 0;
        }
    }
    return 1;
}

static void opts_free(run_opts *o)
{
    free(o->files);
    free(o->sets);
    for (size_t i = 0; o->owned && i < o->nowned; i++)
        free(o->owned[i]);
    free(o->owned);
    model_snapshot_free(&o->snap);
}

/* Returns 0, or the exit code (2) after printing one line. */
static int parse_args(int argc, char **argv, run_opts *o)
{
    size_t n = (size_t)argc + 2; /* room for the two overrides a snapshot makes */
    o->files = calloc(n, sizeof *o->files);
    o->sets = calloc(n, sizeof *o->sets);
    o->owned = calloc(n, sizeof *o->owned);
    if (!o->files || !o->sets || !o->owned) {
        fprintf(stderr, "caseload: out of memory\n");
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] == '-' && a[1] != 0) {
            int rc = parse_option(argc, argv, &i, o);
            if (rc < 0)
                return 2;
            if (rc > 0) {
                fprintf(stderr, "caseload %s: unknown option '%s' (see 'caseload %s --help')\n",
                        argv[0], a, argv[0]);
                return 2;
            }
        } else {
            o->files[o->nfiles++] = a;
        }
    }
    if (o->help)
        return 0;
    size_t want = o->compare ? 2 : 1;
    if (o->nfiles < want || (!o->compare && o->nfiles > 1)) {
        fprintf(stderr, "caseload %s: %s (see 'caseload %s --help')\n", argv[0],
                o->compare ? "needs a baseline and at least one alternative scenario file"
                           : "needs exactly one scenario file",
                argv[0]);
        return 2;
    }
    if (o->nfiles > RUNNER_MAX_SCENARIOS) {
        fprintf(stderr, "caseload %s: at most %d scenarios at a time\n", argv[0],
                RUNNER_MAX_SCENARIOS);
        return 2;
    }
    if (!o->snapshot)
        return 0;
    int rc = cli_snapshot_load(o->snapshot, &o->snap, o->owned + o->nowned);
    o->nowned += 2;
    o->sets[o->nsets++] = o->owned[o->nowned - 2];
    o->sets[o->nsets++] = o->owned[o->nowned - 1];
    return rc;
}

/* ---- scenarios ---- */

static void scenarios_free(scn_scenario *s, size_t n)
{
    for (size_t k = 0; s && k < n; k++)
        scn_free(&s[k]);
    free(s);
}

/* A file name with a line break or another control character cannot be written into run.ini
 * (one line a key) or read back: refused before anything runs. Commas and quotes are fine (the
 * CSV files quote the id). Returns 1 after printing one line, else 0. */
static int control_character(const char *path)
{
    for (const char *p = path; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            char shown[120];
            size_t n = 0;
            for (const char *q = path; *q && n + 5 < sizeof shown; q++)
                n += (size_t)snprintf(shown + n, sizeof shown - n,
                                      (unsigned char)*q < 0x20 || *q == 0x7f ? "\\x%02X" : "%c",
                                      (unsigned char)*q);
            fprintf(stderr, "caseload: scenario file name '%s' holds a control character "
                            "(0x%02X), which the results files cannot hold: rename the file\n",
                    shown, (unsigned char)*p);
            return 1;
        }
    return 0;
}

/* Load every file with the overrides; check ids are distinct and the measured periods agree.
 * Returns 0, or an exit code (2 bad input, 1 out of memory) after printing one line. */
static int load_scenarios(const run_opts *o, scn_scenario **out)
{
    scn_scenario *s = calloc(o->nfiles, sizeof *s);
    if (!s) {
        fprintf(stderr, "caseload: out of memory\n");
        return 1;
    }
    *out = s;
    char err[1024];
    for (size_t k = 0; k < o->nfiles; k++) {
        if (control_character(o->files[k]))
            return 2;
        if (scn_load(&s[k], o->files[k], o->sets, o->nsets, err, sizeof err)) {
            fprintf(stderr, "caseload: %s\n", err);
            return 2;
        }
        for (int w = 0; w < s[k].n_warnings; w++) /* even with --quiet: they change the run */
            fprintf(stderr, "caseload: %s\n", s[k].warnings[w]);
        for (size_t j = 0; j < k; j++)
            if (!strcmp(s[j].id, s[k].id)) {
                fprintf(stderr, "caseload: %s and %s have the same scenario id '%s': rename one "
                                "(results are labelled by file name)\n", o->files[j],
                        o->files[k], s[k].id);
                return 2;
            }
        if (k > 0 && (s[k].params.start != s[0].params.start ||
                      s[k].params.years != s[0].params.years)) {
            fprintf(stderr, "caseload: %s: [scenario] start and years must be the same as in the "
                            "baseline %s, so the weeks line up\n", o->files[k], o->files[0]);
            return 2;
        }
    }
    return 0;
}

/* Memory the aggregates will hold, so an absurd request fails at once with a clear message. */
static int check_size(const run_opts *o, const scn_scenario *s)
{
    double weeks = ceil(s[0].params.years * CAL_DAYS_YEAR / 7.0) + 1;
    size_t kept = runner_weekly_kept((int)weeks, o->reps, o->nfiles);
    double bytes = (double)o->nfiles * ((double)stats_weekly_bytes((size_t)weeks * M_COUNT, kept) +
                                        (double)o->reps * M_COUNT * sizeof(double));
    if (bytes > (double)MAX_AGGREGATE_BYTES) {
        fprintf(stderr, "caseload: %zu scenarios x %zu replications x %g years need %.1f GiB of "
                        "aggregates (limit 1 GiB): use fewer replications, years or scenarios\n",
                o->nfiles, o->reps, s[0].params.years, bytes / (1 << 30));
        return 2;
    }
    return 0;
}

/* The default memory limit and what it is, for the message: a share of the machine's memory, or
 * less when an address-space limit (ulimit -v, prlimit --as) leaves less. Under such a limit,
 * each thread's stack and malloc arena reserve address space beyond the memory used (about
 * 72 MiB a thread with glibc), and the program and libraries some more. */
static double memory_limit(const run_opts *o, unsigned threads, char *what, size_t len)
{
    if (o->max_memory > 0) {
        snprintf(what, len, "--max-memory");
        return o->max_memory;
    }
    double phys = (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE);
    double lim = phys > 0 ? phys * DEFAULT_MEMORY_SHARE : 4 * GIB;
    snprintf(what, len, "%g%% of this machine's %.1f GiB", DEFAULT_MEMORY_SHARE * 100, phys / GIB);
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
        double room = (double)rl.rlim_cur - 128.0 * 1024 * 1024 - threads * 72.0 * 1024 * 1024;
        if (room < lim) {
            lim = room > 0 ? room : 0;
            snprintf(what, len, "the address-space limit of %.2f GiB less room for %u thread%s",
                     (double)rl.rlim_cur / GIB, threads, threads == 1 ? "" : "s");
        }
    }
    return lim;
}

static void format_hours(double seconds, char *buf, size_t len)
{
    if (seconds < 60)
        snprintf(buf, len, "%.0f s", seconds);
    else if (seconds < 3600)
        snprintf(buf, len, "%.0f min", seconds / 60);
    else
        snprintf(buf, len, "%.1f h", seconds / 3600);
}

/* Estimate the run's peak memory and time before it starts and refuse, in one line with the
 * estimate and the limit, what would exhaust the machine (issue 20: a valid scenario once took
 * 24 GB before the kernel killed it without a word) or run for most of a day. */
static int check_resources(const run_opts *o, const scn_scenario *s)
{
    model_params *params = malloc(o->nfiles * sizeof *params);
    if (!params) {
        fprintf(stderr, "caseload: out of memory\n");
        return 1;
    }
    for (size_t k = 0; k < o->nfiles; k++)
        params[k] = s[k].params;
    run_estimate est;
    run_estimate_make(params, o->nfiles, o->reps, o->threads, &est);
    free(params);
    char what[160], t[32], tl[32];
    double mem_limit = memory_limit(o, est.threads, what, sizeof what);
    if (est.bytes > mem_limit) {
        fprintf(stderr, "caseload: this run would need about %.2f GiB of memory (%u thread%s x "
                        "%.2f GiB for up to %.0f contacts a week over %.3g simulated years, and "
                        "%.2f GiB of aggregates), above the limit of %.2f GiB (%s): use fewer "
                        "threads, years or contacts, or --max-memory GIB\n",
                est.bytes / GIB, est.threads, est.threads == 1 ? "" : "s",
                est.workspace_bytes / GIB, est.peak_demand, est.simulated_years,
                est.aggregate_bytes / GIB, mem_limit / GIB, what);
        return 2;
    }
    double hours = o->max_hours > 0 ? o->max_hours : DEFAULT_MAX_HOURS;
    if (est.seconds > hours * 3600) {
        format_hours(est.seconds, t, sizeof t);
        format_hours(hours * 3600, tl, sizeof tl);
        fprintf(stderr, "caseload: this run would take about %s (%zu replications x %zu "
                        "scenario%s on %u thread%s), above the limit of %s%s: use fewer "
                        "replications or years, or --max-hours H\n",
                t, o->reps, o->nfiles, o->nfiles == 1 ? "" : "s", est.threads,
                est.threads == 1 ? "" : "s", tl, o->max_hours > 0 ? " (--max-hours)" : "");
        return 2;
    }
    return 0;
}

/* Append one shell word to p: as it is when plain, else in single quotes. Returns the new end. */
static char *shell_word(char *p, const char *a)
{
    int plain = *a && strspn(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                "0123456789-_./=:+,%@") == strlen(a);
    *p++ = ' ';
    if (!plain)
        *p++ = '\'';
    for (; *a; a++) {
        if (!plain && *a == '\'') {
            memcpy(p, "'\\''", 4);
            p += 4;
        } else {
            *p++ = *a;
        }
    }
    if (!plain)
        *p++ = '\'';
    return p;
}

/* The command that reproduces the results, for run.ini and summary.json: the files, --reps and
 * --seed always (so defaults may change without changing its meaning), and every override in
 * order (--years as its --set). Options that do not change the results (--threads, --out, --quiet,
 * --no-charts) are left out, so the files are the same whatever they were. */
static char *command_line(const run_opts *o)
{
    size_t len = 64 + (o->snapshot ? 4 * strlen(o->snapshot) + 16 : 0);
    for (size_t i = 0; i < o->nfiles; i++)
        len += 4 * strlen(o->files[i]) + 4;
    for (size_t i = 0; i < o->nsets; i++)
        len += 4 * strlen(o->sets[i]) + 10;
    char *buf = malloc(len), *p = buf;
    if (!buf)
        return NULL;
    p += sprintf(p, "caseload %s", o->compare ? "compare" : "run");
    for (size_t i = 0; i < o->nfiles; i++)
        p = shell_word(p, o->files[i]);
    if (o->snapshot) {
        p += sprintf(p, " --snapshot");
        p = shell_word(p, o->snapshot);
    }
    p += sprintf(p, " --reps %zu --seed %llu", o->reps, (unsigned long long)o->seed);
    for (size_t i = 0; i < o->nsets; i++) {
        p += sprintf(p, " --set");
        p = shell_word(p, o->sets[i]);
    }
    *p = 0;
    return buf;
}

/* ---- progress and timings (stderr only, never in the files) ---- */

typedef struct progress {
    int tty, quiet;
    double start, last;
    size_t last_done;
} progress;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void format_duration(double s, char *buf, size_t len)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, len, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, len, "%ld:%02ld", t / 60, t % 60);
}

static void on_progress(void *ctx, size_t done, size_t total)
{
    progress *pg = ctx;
    double t = now_seconds();
    int last = done == total;
    /* A terminal redraws at most ten times a second. A log gets a line for the first replication
     * (an early estimate), then one per tenth of the run or every ten seconds. */
    int log_line = done == 1 || done * 10 / total != pg->last_done * 10 / total ||
                   t - pg->last >= 10.0;
    if (pg->quiet || (!last && (pg->tty ? t - pg->last < 0.1 : !log_line)))
        return;
    pg->last = t;
    pg->last_done = done;
    double elapsed = t - pg->start;
    double remaining = elapsed / (double)done * (double)(total - done);
    char e[32], r[32];
    format_duration(elapsed, e, sizeof e);
    format_duration(remaining, r, sizeof r);
    if (pg->tty) {
        enum { WIDTH = 30 };
        char bar[WIDTH + 1];
        size_t fill = done * WIDTH / total;
        for (size_t i = 0; i < WIDTH; i++)
            bar[i] = i < fill ? '#' : '.';
        bar[WIDTH] = 0;
        fprintf(stderr, "\r[%s] %zu/%zu replications  elapsed %s  remaining %s\033[K%s", bar,
                done, total, e, r, last ? "\n" : "");
    } else {
        fprintf(stderr, "caseload: %zu/%zu replications, %s elapsed, about %s remaining\n", done,
                total, e, r);
    }
    fflush(stderr);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* A file-size limit then makes write() fail with EFBIG, reported like a full disk, instead
     * of killing the process with temporaries left behind. */
    signal(SIGXFSZ, SIG_IGN);
}

static int stopped_exit(const char *dir)
{
    fprintf(stderr, "caseload: stopped by signal %d; the previous results in %s are as they "
                    "were\n", (int)stop_signal, dir);
    return 128 + (int)stop_signal;
}

/* ---- the run ---- */

static int draw_report(const run_opts *o)
{
    char err[1024];
    report_options ropt = {.charts = 1, .html = 1, .xlsx = o->xlsx};
    if (report_render_dir(o->out, &ropt, err, sizeof err) == 0)
        return 0;
    /* The data files are already in place (and stay): only the charts and report are missing. */
    fprintf(stderr, "caseload: %s (the data files in %s are complete)\n", err, o->out);
    return 1;
}

/* The files drawn from the data (charts in both formats, the report, the workbook), claimed in
 * the manifest whether or not this run draws them, so the old ones go with the old data. */
enum { N_DRAWN = 2 * REPORT_CHART_COUNT + 2 };

static void drawn_files(char names[N_DRAWN][96], const char *ptrs[N_DRAWN])
{
    for (int i = 0; i < REPORT_CHART_COUNT; i++) {
        snprintf(names[2 * i], sizeof names[0], "charts/%s.svg", report_chart_stem(i));
        snprintf(names[2 * i + 1], sizeof names[0], "charts/%s.png", report_chart_stem(i));
    }
    snprintf(names[N_DRAWN - 2], sizeof names[0], "report.html");
    snprintf(names[N_DRAWN - 1], sizeof names[0], "results.xlsx");
    for (int i = 0; i < N_DRAWN; i++)
        ptrs[i] = names[i];
}

static int write_results(const run_opts *o, const scn_scenario *s, const runner_results *res)
{
    char err[1024];
    char *cmd = command_line(o);
    if (!cmd) {
        fprintf(stderr, "caseload: out of memory\n");
        return 1;
    }
    char names[N_DRAWN][96];
    const char *drawn[N_DRAWN];
    drawn_files(names, drawn);
    out_run run = {.command = cmd, .seed = o->seed, .scenarios = s, .res = res,
                   .stop = &stop_signal, .drawn = drawn, .ndrawn = N_DRAWN};
    int rc = out_write(o->out, &run, err, sizeof err);
    free(cmd);
    if (rc == OUT_STOPPED)
        return stopped_exit(o->out);
    if (rc != OUT_OK) {
        fprintf(stderr, "caseload: %s\n", err);
        return 1;
    }
    return 0;
}

/* The results folder made, checked as ours and locked for this run. Returns 0 or an exit code. */
static int claim_out(const run_opts *o, outfile_lock *lock)
{
    char err[1024];
    int rc = out_prepare_dir(o->out, o->charts, o->force, err, sizeof err);
    if (rc == OUT_OK)
        rc = outfile_lock_dir(lock, o->out, err, sizeof err) ? OUT_ERR : OUT_OK;
    if (rc == OUT_OK)
        return 0;
    fprintf(stderr, "caseload: %s\n", err);
    return rc == OUT_FOREIGN ? 2 : 1;
}

static int replicate_and_write(const run_opts *o, const scn_scenario *s, char *err,
                               size_t errlen)
{
    model_params *params = malloc(o->nfiles * sizeof *params);
    if (!params) {
        fprintf(stderr, "caseload: out of memory\n");
        return 1;
    }
    for (size_t k = 0; k < o->nfiles; k++)
        params[k] = s[k].params;
    double t0 = now_seconds();
    progress pg = {.tty = isatty(STDERR_FILENO), .quiet = o->quiet, .start = t0, .last = t0};
    runner_config cfg = {.params = params, .n_scenarios = o->nfiles, .reps = o->reps,
                         .seed = o->seed, .threads = o->threads, .model = &runner_model_real,
                         .stop = &stop_signal, .progress = on_progress, .progress_ctx = &pg};
    runner_results res;
    int rc = runner_run(&cfg, &res, err, errlen);
    free(params);
    if (rc != RUNNER_OK) {
        if (pg.tty && !o->quiet && pg.last_done)
            fputc('\n', stderr); /* end the progress bar's line */
        if (rc == RUNNER_STOPPED)
            return stopped_exit(o->out);
        fprintf(stderr, "caseload: %s\n", err);
        return 1;
    }
    double t_run = now_seconds() - t0;
    rc = write_results(o, s, &res);
    if (rc == 0 && o->charts)
        rc = draw_report(o);
    if (rc == 0 && stop_signal) {
        fprintf(stderr, "caseload: stopped by signal %d after the results were written to %s\n",
                (int)stop_signal, o->out);
        rc = 128 + (int)stop_signal;
    }
    unsigned used = (size_t)cfg.threads > o->reps ? (unsigned)o->reps : cfg.threads;
    if (rc == 0 && !o->quiet)
        fprintf(stderr, "caseload: %zu replications x %zu scenario%s in %.1f s (%.3g events/s, "
                        "%u thread%s), %.1f s in all; results in %s/\n",
                o->reps, o->nfiles, o->nfiles == 1 ? "" : "s", t_run,
                t_run > 0 ? (double)res.events / t_run : 0.0, used, used == 1 ? "" : "s",
                now_seconds() - t0, o->out);
    runner_results_free(&res);
    return rc;
}

static int run_scenarios(const run_opts *o, const scn_scenario *s)
{
    char err[1024];
    outfile_lock lock;
    int claimed = claim_out(o, &lock);
    if (claimed)
        return claimed;
    int rc = replicate_and_write(o, s, err, sizeof err);
    outfile_unlock(&lock);
    if (rc == 0 && o->write_snapshot) {
        char *cmd = command_line(o);
        rc = cmd ? cli_snapshot_write(o->write_snapshot, &s[0].params, o->seed, cmd, o->quiet) : 1;
        free(cmd);
    }
    return rc;
}

static int run_command(int argc, char **argv, int compare)
{
    run_opts o = {.compare = compare, .reps = DEFAULT_REPS, .seed = DEFAULT_SEED,
                  .threads = runner_default_threads(), .out = DEFAULT_OUT, .charts = 1,
                  .xlsx = 1};
    int rc = parse_args(argc, argv, &o);
    if (rc == 0 && o.help)
        usage(stdout, compare);
    scn_scenario *s = NULL;
    if (rc == 0 && !o.help) {
        rc = load_scenarios(&o, &s);
        for (size_t k = 0; rc == 0 && o.snapshot && k < o.nfiles; k++)
            s[k].params.snapshot = &o.snap;
        if (rc == 0)
            rc = check_size(&o, s);
        if (rc == 0)
            rc = check_resources(&o, s);
        if (rc == 0) {
            install_signals();
            rc = run_scenarios(&o, s);
        }
    }
    scenarios_free(s, o.nfiles);
    opts_free(&o);
    return rc;
}

int cmd_run(int argc, char **argv)
{
    return run_command(argc, argv, 0);
}

int cmd_compare(int argc, char **argv)
{
    return run_command(argc, argv, 1);
}
