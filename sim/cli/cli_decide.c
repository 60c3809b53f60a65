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
                     .progress = progress, .progress_ctx = (void *)o};
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

int cli_decide_option(const char *cmd, int argc, char **argv, int *i, cli_decide_opts *o)
{
    const char *a = argv[*i];
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
