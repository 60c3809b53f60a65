/* cli_decide: the options, stop flag and messages shared by `plan` and `sweep` (cli_decide.h). */
#include "cli_decide.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "runner.h"
#include "scenario.h"

/* Set by SIGINT/SIGTERM: the runner finishes the replication in hand and stops. The one piece of
 * process-wide state, as a signal handler needs. */
static volatile sig_atomic_t stop_signal;

static void on_stop(int sig) { stop_signal = sig; }

static void progress(void *ctx, const char *what)
{
    const cli_decide_opts *o = ctx;
    if (!o->quiet)
        fprintf(stderr, "caseload: %s\n", what);
}

void cli_decide_run(const cli_decide_opts *o, dec_run *run)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    *run = (dec_run){.file = o->file, .sets = o->sets, .nsets = o->nsets, .reps = o->reps,
                     .seed = o->seed, .threads = o->threads, .stop = &stop_signal,
                     .progress = progress, .progress_ctx = (void *)o, .replay = o->replay,
                     .shard_ctx = o->replay_ctx};
}

const char *cli_decide_value(int argc, char **argv, int *i, const char *name, int *missing)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    *missing = 0;
    if (strncmp(a, name, n))
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n])
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

int cli_decide_number(const char *cmd, const char *opt, const char *v, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(*out)) {
        fprintf(stderr, "caseload %s: %s: '%s' is not a number\n", cmd, opt, v);
        return -1;
    }
    return 0;
}

static int count(const char *cmd, const char *opt, const char *v, unsigned long long max,
                 unsigned long long *out)
{
    char *end;
    errno = 0;
    *out = strtoull(v, &end, 10);
    if (!*v || *v == '-' || *end || errno || *out < 1 || *out > max) {
        fprintf(stderr, "caseload %s: %s: '%s' is not a whole number from 1 to %llu\n", cmd, opt, v,
                max);
        return -1;
    }
    return 0;
}

int cli_parse_shard(const char *cmd, const char *v, size_t *k_out, size_t *n_out)
{
    unsigned long long k, n;
    char *end;
    errno = 0;
    k = *v >= '0' && *v <= '9' ? strtoull(v, &end, 10) : 0;
    int ok = *v >= '0' && *v <= '9' && *end == '/' && !errno;
    const char *nv = ok ? end + 1 : "";
    n = *nv >= '0' && *nv <= '9' ? strtoull(nv, &end, 10) : 0;
    if (!ok || *end || errno || n < 1 || n > RUNNER_MAX_REPS || k >= n) {
        fprintf(stderr, "caseload%s%s: --shard '%s': expected K/N with N from 1 to %d and K from "
                        "0 to N-1, e.g. --shard 0/4 (K is $SLURM_ARRAY_TASK_ID)\n",
                *cmd ? " " : "", cmd, v, RUNNER_MAX_REPS);
        return -1;
    }
    *k_out = (size_t)k;
    *n_out = (size_t)n;
    return 0;
}

/* "K/N" of --shard. Only the commands whose evaluations do not depend on one another's results
 * can be split (sweep, sensitivity); plan and fit choose each next evaluation from the last. */
static int shard_option(const char *cmd, const char *v, cli_decide_opts *o)
{
    if (strcmp(cmd, "sweep") && strcmp(cmd, "sensitivity")) {
        fprintf(stderr, "caseload %s: --shard: each evaluation of %s depends on the one before, "
                        "so it cannot be split into shards (sweep and sensitivity can)\n",
                cmd, cmd);
        return -1;
    }
    if (cli_parse_shard(cmd, v, &o->shard_k, &o->shard_n))
        return -1;
    o->sharded = 1;
    return 0;
}

int cli_decide_option(const char *cmd, int argc, char **argv, int *i, cli_decide_opts *o)
{
    const char *a = argv[*i];
    int absent;
    const char *sv = cli_decide_value(argc, argv, i, "--shard", &absent);
    if (sv || absent) {
        if (absent)
            fprintf(stderr, "caseload %s: --shard needs a value\n", cmd);
        return absent ? -1 : shard_option(cmd, sv, o);
    }
    if (!strcmp(a, "--quiet")) { o->quiet = 1; return 0; }
    if (!strcmp(a, "--no-charts")) { o->charts = 0; return 0; }
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) { o->help = 1; return 0; }
    static const char *const valued[] = {"--reps", "--seed", "--threads", "--out", "--set"};
    for (int k = 0; k < 5; k++) {
        int missing;
        const char *v = cli_decide_value(argc, argv, i, valued[k], &missing);
        if (missing) {
            fprintf(stderr, "caseload %s: %s needs a value\n", cmd, valued[k]);
            return -1;
        }
        if (!v)
            continue;
        unsigned long long n;
        switch (k) {
        case 0:
            if (count(cmd, "--reps", v, RUNNER_MAX_REPS, &n)) return -1;
            o->reps = (size_t)n;
            return 0;
        case 1: {
            char *end;
            errno = 0;
            o->seed = strtoull(v, &end, 10);
            if (!*v || *v == '-' || *end || errno) {
                fprintf(stderr, "caseload %s: --seed: '%s' is not a whole number from 0 to "
                                "18446744073709551615\n", cmd, v);
                return -1;
            }
            return 0;
        }
        case 2:
            if (count(cmd, "--threads", v, RUNNER_MAX_THREADS, &n)) return -1;
            o->threads = (unsigned)n;
            return 0;
        case 3:
            if (!*v) {
                fprintf(stderr, "caseload %s: --out needs a directory name\n", cmd);
                return -1;
            }
            o->out = v;
            return 0;
        default:
            if (!strchr(v, '=') || o->nsets >= sizeof o->sets / sizeof o->sets[0]) {
                fprintf(stderr, "caseload %s: --set '%s': write SECTION.KEY=VALUE (at most %zu)\n",
                        cmd, v, sizeof o->sets / sizeof o->sets[0]);
                return -1;
            }
            o->sets[o->nsets++] = v;
            return 0;
        }
    }
    return 1;
}

int cli_decide_parse(const char *cmd, int argc, char **argv, cli_decide_opts *o,
                     cli_decide_extra extra, void *ctx, const char **files, int maxfiles,
                     int *nfiles)
{
    *nfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] == '-' && a[1]) {
            int rc = cli_decide_option(cmd, argc, argv, &i, o);
            if (rc > 0 && extra)
                rc = extra(argc, argv, &i, ctx);
            if (rc < 0)
                return 2;
            if (rc > 0) {
                fprintf(stderr, "caseload %s: unknown option '%s' (see 'caseload %s --help')\n",
                        cmd, a, cmd);
                return 2;
            }
        } else if (*nfiles == maxfiles) {
            fprintf(stderr, "caseload %s: at most %d file%s, got another: '%s'\n", cmd, maxfiles,
                    maxfiles == 1 ? "" : "s", a);
            return 2;
        } else {
            files[(*nfiles)++] = a;
        }
    }
    o->file = *nfiles ? files[0] : NULL;
    o->argc = argc;
    o->argv = argv;
    if (o->sharded && o->shard_n > o->reps) {
        fprintf(stderr, "caseload %s: --shard %zu/%zu: more shards than the %zu replications of "
                        "a point (each shard runs at least one)\n", cmd, o->shard_k, o->shard_n,
                o->reps);
        return 2;
    }
    return 0;
}

int cli_decide_outdir(const char *cmd, const char *dir, outfile_lock *lock)
{
    char err[1024], charts[4200];
    snprintf(charts, sizeof charts, "%s/charts", dir);
    /* one writer at a time, as for run and plot: two plans into one folder would mix */
    if (outfile_mkdirs(charts, err, sizeof err) || outfile_lock_dir(lock, dir, err, sizeof err)) {
        fprintf(stderr, "caseload %s: %s\n", cmd, err);
        return 1;
    }
    return 0;
}

int cli_decide_claim(const char *cmd, const cli_decide_opts *o, outfile_lock *lock)
{
    char err[1024];
    if (!o->sharded)
        return cli_decide_outdir(cmd, o->out, lock);
    if (outfile_mkdirs(o->out, err, sizeof err) ||
        outfile_lock_dir(lock, o->out, err, sizeof err)) {
        fprintf(stderr, "caseload %s: %s\n", cmd, err);
        return 1;
    }
    return 0;
}

/* The arguments that make the results: all but --shard, --out, --threads and --quiet. */
static const char **result_args(const cli_decide_opts *o, size_t *n)
{
    static const char *const dropped[] = {"--shard", "--out", "--threads"};
    const char **args = calloc((size_t)o->argc + 1, sizeof *args);
    *n = 0;
    for (int i = 1; args && i < o->argc; i++) {
        const char *a = o->argv[i];
        int drop = !strcmp(a, "--quiet");
        for (size_t k = 0; !drop && k < sizeof dropped / sizeof dropped[0]; k++) {
            size_t len = strlen(dropped[k]);
            if (!strncmp(a, dropped[k], len) && (a[len] == '=' || !a[len])) {
                drop = 1;
                i += !a[len]; /* its value too */
            }
        }
        if (!drop)
            args[(*n)++] = a;
    }
    return args;
}

int cli_decide_digest(const char *cmd, const char *file, const char *alt,
                      const char *const *sets, size_t nsets, char digest[SHA256_HEX])
{
    scn_scenario s[2];
    char err[1024];
    const char *files[2] = {file, alt};
    size_t n = 0;
    int rc = 0;
    for (; n < (alt ? 2u : 1u) && !rc; n++)
        if (scn_load(&s[n], files[n], sets, nsets, err, sizeof err)) {
            fprintf(stderr, "caseload %s: %s\n", cmd, err);
            rc = 2;
            break;
        }
    if (!rc && out_settings_digest(s, n, digest)) {
        fprintf(stderr, "caseload %s: out of memory\n", cmd);
        rc = 1;
    }
    while (n--)
        scn_free(&s[n]);
    return rc;
}

int cli_decide_shard_begin(const char *cmd, const cli_decide_opts *o, const char *alt,
                           cli_decide_shard *sh, dec_run *run)
{
    char err[1024];
    memset(sh, 0, sizeof *sh);
    sh->info = (out_shard){.kind = strcmp(cmd, "sweep") ? OUT_SHARD_SENSITIVITY : OUT_SHARD_SWEEP,
                           .files = {o->file, alt}, .nfiles = alt ? 2 : 1, .sets = o->sets,
                           .nsets = o->nsets, .seed = o->seed, .reps = o->reps,
                           .k = o->shard_k, .n = o->shard_n};
    runner_shard_range(o->reps, o->shard_k, o->shard_n, &sh->info.first, &sh->info.count);
    sh->args = result_args(o, &sh->info.nargs);
    sh->info.args = sh->args;
    if (!sh->args) {
        fprintf(stderr, "caseload %s: out of memory\n", cmd);
        return 1;
    }
    int rc = cli_decide_digest(cmd, o->file, alt, o->sets, o->nsets, sh->info.digest);
    if (rc)
        return rc;
    rc = out_shard_begin(&sh->w, o->out, &sh->info, 0, 0, err, sizeof err);
    if (rc != OUT_OK) {
        fprintf(stderr, "caseload %s: %s\n", cmd, err);
        return rc == OUT_FOREIGN ? 2 : 1;
    }
    run->shard_k = o->shard_k;
    run->shard_n = o->shard_n;
    run->values = out_shard_add_values;
    run->shard_ctx = &sh->w;
    return 0;
}

int cli_decide_shard_end(const char *cmd, cli_decide_shard *sh)
{
    char err[1024];
    int rc = out_shard_end(&sh->w, err, sizeof err);
    free(sh->args);
    sh->args = NULL;
    if (rc != OUT_OK) {
        fprintf(stderr, "caseload %s: %s\n", cmd, err);
        return 1;
    }
    return 0;
}

void cli_decide_shard_abort(cli_decide_shard *sh)
{
    out_shard_abort(&sh->w);
    free(sh->args);
    sh->args = NULL;
}

int cli_decide_manifest(const char *cmd, const char *dir, const char *data, int charts,
                        const char *prefix, const metric_id *m, size_t n)
{
    enum { MAX_DRAWN = 2 * 32 + 1 };
    char names[MAX_DRAWN][160], err[1024];
    const char *drawn[MAX_DRAWN];
    size_t nd = 0;
    if (charts) {
        snprintf(names[nd++], sizeof names[0], "report.html");
        for (size_t k = 0; k < n && nd + 2 <= MAX_DRAWN; k++)
            for (int svg = 0; svg < 2; svg++)
                snprintf(names[nd++], sizeof names[0], "charts/%s-%s.%s", prefix,
                         metric_name(m[k]), svg ? "svg" : "png");
    }
    for (size_t i = 0; i < nd; i++)
        drawn[i] = names[i];
    if (out_write_manifest(dir, &data, 1, drawn, nd, err, sizeof err)) {
        fprintf(stderr, "caseload %s: %s\n", cmd, err);
        return 1;
    }
    return 0;
}

int cli_decide_exit(const char *cmd, int rc, const char *err)
{
    if (rc == DEC_STOPPED) {
        fprintf(stderr, "caseload %s: stopped by signal %d\n", cmd, (int)stop_signal);
        return 128 + (int)stop_signal;
    }
    fprintf(stderr, "caseload %s: %s\n", cmd, err);
    return rc == DEC_EBAD ? 2 : 1;
}

void cli_decide_key_label(const char *key, char *buf, size_t n)
{
    const char *k = key;
    if (!strncmp(k, "staff.", 6)) {
        k += 6;
        const char *dot = strchr(k, '.');
        size_t role = dot ? (size_t)(dot - k) : strlen(k);
        snprintf(buf, n, "%.*s %s", (int)role, k, dot ? dot + 1 : "");
    } else {
        snprintf(buf, n, "%s", k);
    }
    for (char *p = buf; *p; p++)
        if (*p == '_' || *p == '.')
            *p = ' ';
    for (char *p = buf; (p = strstr(p, "fte")); p += 3)
        memcpy(p, "FTE", 3);
}
