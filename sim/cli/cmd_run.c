/* cmd_run: `caseload run` and `caseload compare` - parse the command line, then load, check and
 * run the scenarios into their results folder, or with --shard K/N a shard's folder (run_core.h).
 * See sim/cli/cli.h for the exit codes and docs/runner.md for what the run guarantees. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_decide.h"
#include "cli_snapshot.h"
#include "run_core.h"

#define DEFAULT_REPS 100
#define DEFAULT_SEED 1
#define DEFAULT_OUT "out"
#define MAX_YEARS 50.0
#define GIB (1024.0 * 1024.0 * 1024.0)

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
            "  --shard K/N     run only shard K (0..N-1) of N: its share of the replications,\n"
            "                  written to DIR as shard.ini and shard.dat for 'caseload merge',\n"
            "                  which makes the same files as one run (docs/cluster.md)\n"
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
            "and unless --no-charts charts/, report.html and results.xlsx (see docs/outputs.md),\n"
            "then manifest.sha256 naming them all. They replace the previous results only when\n"
            "every replication has run and every file is complete; only files a manifest names\n"
            "are ever replaced or removed. One run at a time writes DIR (.caseload.lock).\n\n"
            "Exit status: 0 done; 1 a run-time failure (cannot write DIR, disk full, out of\n"
            "memory, DIR in use by another run); 2 bad arguments or scenario files, a DIR of\n"
            "other files (see --force), or a run estimated beyond --max-memory or --max-hours;\n"
            "130/143 stopped by Ctrl-C/SIGTERM (the previous results are left as they were).\n",
            DEFAULT_REPS, RUNNER_MAX_REPS, DEFAULT_SEED, MAX_YEARS, RUNNER_MAX_THREADS, DEFAULT_OUT,
            compare ? "every scenario" : "the scenario", RUN_DEFAULT_MEMORY_SHARE * 100,
            RUN_DEFAULT_MAX_HOURS);
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

/* "K/N": shard K (0..N-1) of N, N from 1 to the most replications. Whether N exceeds --reps is
 * checked once every option is read. */
static int parse_shard(const char *s, run_opts *o)
{
    if (cli_parse_shard("", s, &o->shard_k, &o->shard_n))
        return -1;
    o->sharded = 1;
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
                                         "--max-memory", "--max-hours", "--shard", "--set",
                                         "--snapshot", "--write-snapshot"};
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
        case 7: return parse_shard(v, o);
        case 8: return parse_set(v, o);
        default:
            if (!*v) {
                fprintf(stderr, "caseload: %s needs a directory name\n", valued[k]);
                return -1;
            }
            *(k == 9 ? &o->snapshot : &o->write_snapshot) = v;
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
    if (o->sharded && o->shard_n > o->reps) {
        fprintf(stderr, "caseload %s: --shard %zu/%zu: more shards than the %zu replications "
                        "(each shard runs at least one)\n", argv[0], o->shard_k, o->shard_n,
                o->reps);
        return 2;
    }
    if (o->sharded && (o->snapshot || o->write_snapshot)) {
        fprintf(stderr, "caseload %s: --shard cannot be used with --snapshot or --write-snapshot "
                        "(yet): run the snapshot's start in one process\n", argv[0]);
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
        rc = run_core_load(&o, &s);
        for (size_t k = 0; rc == 0 && o.snapshot && k < o.nfiles; k++)
            s[k].params.snapshot = &o.snap;
        if (rc == 0)
            rc = run_core_check(&o, s);
        if (rc == 0) {
            run_core_install_signals();
            rc = run_core_execute(&o, s);
        }
    }
    run_core_free(s, o.nfiles);
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
