/* run_core: from loaded scenarios to a results folder or a shard's folder (run_core.h), for run,
 * compare, merge and the workshop page. See docs/runner.md for what a run guarantees. */
#include "run_core.h"
#include "cli_snapshot.h"

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

#include "output.h"
#include "report.h"
#include "run_estimate.h"
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

/* Streaming aggregates and per-replication values beyond this are almost surely a typo. */
#define MAX_AGGREGATE_BYTES ((size_t)1 << 30)
#define GIB (1024.0 * 1024.0 * 1024.0)

/* ---- scenarios ---- */

void run_core_free(scn_scenario *s, size_t n)
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

/* Returns 0, or an exit code (2 bad input, 1 out of memory) after printing one line. */
int run_core_load(const run_opts *o, scn_scenario **out)
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
static int check_size(const run_opts *o, const scn_scenario *s, size_t reps)
{
    double weeks = ceil(s[0].params.years * CAL_DAYS_YEAR / 7.0) + 1;
    size_t kept = runner_weekly_kept((int)weeks, reps, o->nfiles);
    double bytes = (double)o->nfiles * ((double)stats_weekly_bytes((size_t)weeks * M_COUNT, kept) +
                                        (double)reps * M_COUNT * sizeof(double));
    if (bytes > (double)MAX_AGGREGATE_BYTES) {
        fprintf(stderr, "caseload: %zu scenarios x %zu replications x %g years need %.1f GiB of "
                        "aggregates (limit 1 GiB): use fewer replications, years or scenarios\n",
                o->nfiles, reps, s[0].params.years, bytes / (1 << 30));
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
    double lim = phys > 0 ? phys * RUN_DEFAULT_MEMORY_SHARE : 4 * GIB;
    snprintf(what, len, "%g%% of this machine's %.1f GiB", RUN_DEFAULT_MEMORY_SHARE * 100,
             phys / GIB);
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

/* The scenarios' parameters side by side, as the runner and the estimate take them (the caller
 * frees it); NULL after printing one line. */
static model_params *params_of(const run_opts *o, const scn_scenario *s)
{
    model_params *params = malloc(o->nfiles * sizeof *params);
    if (!params) {
        fprintf(stderr, "caseload: out of memory\n");
        return NULL;
    }
    for (size_t k = 0; k < o->nfiles; k++)
        params[k] = s[k].params;
    return params;
}

/* Estimate the run's peak memory and time before it starts and refuse, in one line with the
 * estimate and the limit, what would exhaust the machine (issue 20: a valid scenario once took
 * 24 GB before the kernel killed it without a word) or run for most of a day. */
static int check_resources(const run_opts *o, const scn_scenario *s, size_t reps)
{
    model_params *params = params_of(o, s);
    if (!params)
        return 1;
    run_estimate est;
    run_estimate_make(params, o->nfiles, reps, o->threads, &est);
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
    double hours = o->max_hours > 0 ? o->max_hours : RUN_DEFAULT_MAX_HOURS;
    if (est.seconds > hours * 3600) {
        format_hours(est.seconds, t, sizeof t);
        format_hours(hours * 3600, tl, sizeof tl);
        fprintf(stderr, "caseload: this run would take about %s (%zu replications x %zu "
                        "scenario%s on %u thread%s), above the limit of %s%s: use fewer "
                        "replications or years, or --max-hours H\n",
                t, reps, o->nfiles, o->nfiles == 1 ? "" : "s", est.threads,
                est.threads == 1 ? "" : "s", tl, o->max_hours > 0 ? " (--max-hours)" : "");
        return 2;
    }
    return 0;
}

void run_core_shell_word(FILE *f, const char *a)
{
    static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                "0123456789-_./=:+,%@";
    size_t n = strlen(a);
    if (n && strspn(a, plain) == n) {
        fprintf(f, " %s", a);
        return;
    }
    fputs(" '", f);
    for (; *a; a++)
        fputs(*a == '\'' ? "'\\''" : (char[2]){*a, 0}, f);
    fputc('\'', f);
}

/* The command that reproduces the results, for run.ini and summary.json: the files, --reps and
 * --seed always (so defaults may change without changing its meaning), and every override in
 * order (--years as its --set). Options that do not change the results (--threads, --out, --quiet,
 * --no-charts, --shard) are left out, so the files are the same whatever they were. */
static char *command_line(const run_opts *o)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    fprintf(f, "caseload %s", o->compare ? "compare" : "run");
    for (size_t i = 0; i < o->nfiles; i++)
        run_core_shell_word(f, o->files[i]);
    if (o->snapshot) {
        fputs(" --snapshot", f);
        run_core_shell_word(f, o->snapshot);
    }
    fprintf(f, " --reps %zu --seed %llu", o->reps, (unsigned long long)o->seed);
    for (size_t i = 0; i < o->nsets; i++) {
        fputs(" --set", f);
        run_core_shell_word(f, o->sets[i]);
    }
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
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

void run_core_install_signals(void)
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

int run_core_write_files(const run_core_files *f, int *data_done, char *err, size_t errlen)
{
    char names[N_DRAWN][96];
    const char *drawn[N_DRAWN];
    drawn_files(names, drawn);
    out_run run = {.command = f->command, .seed = f->seed, .scenarios = f->scenarios,
                   .res = f->res, .stop = f->stop, .drawn = drawn, .ndrawn = N_DRAWN};
    int rc = out_write(f->dir, &run, err, errlen);
    *data_done = rc == OUT_OK;
    if (rc != OUT_OK || !f->charts)
        return rc;
    report_options ropt = {.charts = 1, .html = 1, .xlsx = f->xlsx};
    return report_render_dir(f->dir, &ropt, err, errlen) ? OUT_ERR : OUT_OK;
}

int run_core_write(const run_opts *o, const scn_scenario *s, const runner_results *res)
{
    char err[1024];
    char *cmd = command_line(o);
    if (!cmd) {
        fprintf(stderr, "caseload: out of memory\n");
        return 1;
    }
    run_core_files f = {.dir = o->out, .command = cmd, .seed = o->seed, .scenarios = s,
                        .res = res, .stop = &stop_signal, .charts = o->charts, .xlsx = o->xlsx};
    int data_done, rc = run_core_write_files(&f, &data_done, err, sizeof err);
    free(cmd);
    if (rc == OUT_OK)
        return 0;
    if (rc == OUT_STOPPED)
        return stopped_exit(o->out);
    /* The data files already in place stay: only the charts and report are missing. */
    if (data_done)
        fprintf(stderr, "caseload: %s (the data files in %s are complete)\n", err, o->out);
    else
        fprintf(stderr, "caseload: %s\n", err);
    return 1;
}

/* Returns 0 or an exit code. A shard's folder is claimed by out_shard_begin, which checks it as
 * out_prepare_dir does but makes no settings/ or charts/. */
int run_core_claim(const run_opts *o, outfile_lock *lock)
{
    char err[1024];
    int rc = o->sharded ? outfile_mkdirs(o->out, err, sizeof err)
                        : out_prepare_dir(o->out, o->charts, o->force, err, sizeof err);
    if (rc == OUT_OK)
        rc = outfile_lock_dir(lock, o->out, err, sizeof err) ? OUT_ERR : OUT_OK;
    if (rc == OUT_OK)
        return 0;
    fprintf(stderr, "caseload: %s\n", err);
    return rc == OUT_FOREIGN ? 2 : 1;
}


int run_core_check(const run_opts *o, const scn_scenario *s)
{
    size_t first = 0, reps = o->reps;
    if (o->sharded)
        runner_shard_range(o->reps, o->shard_k, o->shard_n, &first, &reps);
    /* the aggregates of every replication: the merge of the shards holds them all */
    int rc = check_size(o, s, o->reps);
    return rc ? rc : check_resources(o, s, reps);
}

int run_core_replicate(const run_opts *o, const scn_scenario *s, size_t first, size_t count,
                       runner_replication_fn each, void *ctx, runner_results *res,
                       double *seconds)
{
    char err[1024];
    memset(res, 0, sizeof *res);
    model_params *params = params_of(o, s);
    if (!params)
        return 1;
    double t0 = now_seconds();
    progress pg = {.tty = isatty(STDERR_FILENO), .quiet = o->quiet, .start = t0, .last = t0};
    runner_config cfg = {.params = params, .n_scenarios = o->nfiles, .reps = count,
                         .first_rep = first, .seed = o->seed, .threads = o->threads,
                         .model = &runner_model_real, .stop = &stop_signal,
                         .progress = on_progress, .progress_ctx = &pg, .replication = each,
                         .replication_ctx = ctx};
    int rc = runner_run(&cfg, res, err, sizeof err);
    free(params);
    *seconds = now_seconds() - t0;
    if (rc == RUNNER_OK)
        return 0;
    if (pg.tty && !o->quiet && pg.last_done)
        fputc('\n', stderr); /* end the progress bar's line */
    if (rc == RUNNER_STOPPED)
        return stopped_exit(o->out);
    fprintf(stderr, "caseload: %s\n", err);
    return 1;
}

/* A stop request that came after the files were complete: they stay, and the exit says so. */
static int stopped_after(const run_opts *o, int rc)
{
    if (rc == 0 && stop_signal) {
        fprintf(stderr, "caseload: stopped by signal %d after the results were written to %s\n",
                (int)stop_signal, o->out);
        rc = 128 + (int)stop_signal;
    }
    return rc;
}

static void report_timing(const run_opts *o, const runner_results *res, double t_run,
                          double t_all)
{
    unsigned used = (size_t)o->threads > res->reps ? (unsigned)res->reps : o->threads;
    fprintf(stderr, "caseload: %zu replications x %zu scenario%s in %.1f s (%.3g events/s, %u "
                    "thread%s), %.1f s in all; %s in %s/\n",
            res->reps, o->nfiles, o->nfiles == 1 ? "" : "s", t_run,
            t_run > 0 ? (double)res->events / t_run : 0.0, used, used == 1 ? "" : "s", t_all,
            o->sharded ? "shard" : "results", o->out);
}

/* The shard's folder: the data of its replications as they are folded, then shard.ini and the
 * manifest. */
static int run_shard(const run_opts *o, const scn_scenario *s, runner_results *res,
                     double *t_run)
{
    char err[1024];
    out_shard info = {.kind = o->compare ? OUT_SHARD_COMPARE : OUT_SHARD_RUN,
                      .nfiles = o->nfiles, .sets = o->sets, .nsets = o->nsets, .seed = o->seed,
                      .reps = o->reps, .k = o->shard_k, .n = o->shard_n};
    for (size_t k = 0; k < o->nfiles; k++)
        info.files[k] = o->files[k];
    runner_shard_range(o->reps, o->shard_k, o->shard_n, &info.first, &info.count);
    if (out_settings_digest(s, o->nfiles, info.digest)) {
        fprintf(stderr, "caseload: out of memory\n");
        return 1;
    }
    out_shard_writer w;
    int rc = out_shard_begin(&w, o->out, &info, o->nfiles, o->force, err, sizeof err);
    if (rc != OUT_OK) {
        fprintf(stderr, "caseload: %s\n", err);
        return rc == OUT_FOREIGN ? 2 : 1;
    }
    rc = run_core_replicate(o, s, info.first, info.count, out_shard_add, &w, res, t_run);
    if (rc) {
        out_shard_abort(&w);
        return rc;
    }
    if (out_shard_end(&w, err, sizeof err) != OUT_OK) {
        fprintf(stderr, "caseload: %s\n", err);
        return 1;
    }
    return 0;
}

static int replicate_and_write(const run_opts *o, const scn_scenario *s)
{
    runner_results res;
    double t0 = now_seconds(), t_run = 0;
    int rc;
    if (o->sharded) {
        rc = run_shard(o, s, &res, &t_run);
    } else {
        rc = run_core_replicate(o, s, 0, o->reps, NULL, NULL, &res, &t_run);
        if (rc == 0)
            rc = run_core_write(o, s, &res);
    }
    rc = stopped_after(o, rc);
    if (rc == 0 && !o->quiet)
        report_timing(o, &res, t_run, now_seconds() - t0);
    runner_results_free(&res);
    return rc;
}

int run_core_execute(const run_opts *o, const scn_scenario *s)
{
    outfile_lock lock;
    int rc = run_core_claim(o, &lock);
    if (rc)
        return rc;
    rc = replicate_and_write(o, s);
    outfile_unlock(&lock);
    if (rc == 0 && o->write_snapshot) {
        char *cmd = command_line(o);
        rc = cmd ? cli_snapshot_write(o->write_snapshot, &s[0].params, o->seed, cmd, o->quiet) : 1;
        free(cmd);
    }
    return rc;
}
