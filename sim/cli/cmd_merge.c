/* cmd_merge: `caseload merge OUT SHARD_DIR...` - check that the shards are the whole of one run,
 * each replication once, then write the files a single run writes, byte for byte: a run's or
 * comparison's replications folded in order and written as run_core.h writes them; a sweep's or
 * sensitivity analysis's values replayed into the command (cli_decide.h). See docs/cluster.md.
 * Exit codes as sim/cli/cli.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "cli_decide.h"
#include "output.h"
#include "run_core.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: caseload merge OUT SHARD_DIR... [OPTIONS]\n\n"
            "Puts the shards of one run back together: the folders written by\n"
            "'caseload run|compare|sweep|sensitivity ... --shard K/N --out SHARD_DIR' for\n"
            "K = 0..N-1, in any order. It checks that they are shards of the same run (command,\n"
            "files, overrides, seed, replications and the scenarios' settings) and cover every\n"
            "replication once, then writes into OUT the same files as the command without\n"
            "--shard, byte for byte: data, charts, report.html and results.xlsx (a sweep or\n"
            "sensitivity analysis is run again on the shards' values). Run it where the shards\n"
            "ran: it reads the scenario files again and checks they have not changed\n"
            "(docs/cluster.md).\n\n"
            "Options:\n"
            "  --force         write into OUT even though it holds files that caseload did not\n"
            "                  write and no manifest (only caseload's own files are replaced)\n"
            "  --no-charts     write the data files only: no charts, report.html or results.xlsx\n"
            "  --no-xlsx       leave out the Excel workbook results.xlsx\n"
            "  --quiet         no timings on stderr\n"
            "  --help          this text\n\n"
            "Exit status: 0 done; 1 a run-time failure (cannot write OUT, disk full); 2 bad\n"
            "arguments, a folder that is not a shard, shards of different runs, a shard missing\n"
            "or given twice, or scenario files changed since the shards ran.\n");
}

typedef struct merge_opts {
    const char *out;
    const char **dirs;
    size_t ndirs;
    int charts, xlsx, quiet, force, help;
} merge_opts;

static int parse_args(int argc, char **argv, merge_opts *o)
{
    o->dirs = calloc((size_t)argc, sizeof *o->dirs);
    if (!o->dirs) {
        fprintf(stderr, "caseload merge: out of memory\n");
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--no-charts"))
            o->charts = 0;
        else if (!strcmp(a, "--no-xlsx"))
            o->xlsx = 0;
        else if (!strcmp(a, "--quiet"))
            o->quiet = 1;
        else if (!strcmp(a, "--force"))
            o->force = 1;
        else if (!strcmp(a, "--help") || !strcmp(a, "-h"))
            o->help = 1;
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "caseload merge: unknown option '%s' (see 'caseload merge --help')\n",
                    a);
            return 2;
        } else if (!o->out)
            o->out = a;
        else
            o->dirs[o->ndirs++] = a;
    }
    if (!o->help && !o->ndirs) {
        fprintf(stderr, "caseload merge: needs OUT and at least one SHARD_DIR (see 'caseload "
                        "merge --help')\n");
        return 2;
    }
    return 0;
}

/* What of b differs from a, as "its seed is 2, not 1"; "" when they are shards of one run. */
static void difference(const out_shard *a, const out_shard *b, char *buf, size_t len)
{
    *buf = 0;
    if (strcmp(a->version, b->version))
        snprintf(buf, len, "it was written by caseload %s, not %s", b->version, a->version);
    else if (a->kind != b->kind || a->nfiles != b->nfiles)
        snprintf(buf, len, "it is a %s of %zu file%s, not a %s of %zu",
                 out_shard_kind_name(b->kind), b->nfiles, b->nfiles == 1 ? "" : "s",
                 out_shard_kind_name(a->kind), a->nfiles);
    for (size_t i = 0; !*buf && i < a->nfiles; i++)
        if (strcmp(a->files[i], b->files[i]))
            snprintf(buf, len, "its scenario file %zu is %s, not %s", i + 1, b->files[i],
                     a->files[i]);
    if (*buf)
        return;
    if (a->seed != b->seed)
        snprintf(buf, len, "its seed is %llu, not %llu", (unsigned long long)b->seed,
                 (unsigned long long)a->seed);
    else if (a->reps != b->reps)
        snprintf(buf, len, "it has %zu replications in all, not %zu", b->reps, a->reps);
    else if (a->n != b->n)
        snprintf(buf, len, "it is one of %zu shards, not %zu", b->n, a->n);
    else if (a->nsets != b->nsets)
        snprintf(buf, len, "it has %zu --set overrides, not %zu", b->nsets, a->nsets);
    for (size_t i = 0; !*buf && i < a->nsets; i++)
        if (strcmp(a->sets[i], b->sets[i]))
            snprintf(buf, len, "its override %zu is %s, not %s", i + 1, b->sets[i], a->sets[i]);
    if (!*buf && a->nargs != b->nargs)
        snprintf(buf, len, "it has %zu arguments, not %zu", b->nargs, a->nargs);
    for (size_t i = 0; !*buf && i < a->nargs; i++)
        if (strcmp(a->args[i], b->args[i]))
            snprintf(buf, len, "its argument %zu is '%s', not '%s'", i + 1, b->args[i], a->args[i]);
    if (!*buf && a->evaluations != b->evaluations)
        snprintf(buf, len, "it holds %zu evaluations, not %zu", b->evaluations, a->evaluations);
    if (!*buf && (strcmp(a->digest, b->digest) || a->weeks != b->weeks || a->week0 != b->week0))
        snprintf(buf, len, "its scenario files held other settings when it ran");
}

/* Every shard read, and all of one run. Returns 0, or 2 after one line. */
static int read_shards(const merge_opts *o, out_shard *sh)
{
    char err[1024], why[512];
    struct stat out, dir;
    int out_exists = stat(o->out, &out) == 0;
    for (size_t i = 0; i < o->ndirs; i++) {
        /* the results would replace the shard's files, which the old manifest names */
        if (out_exists && stat(o->dirs[i], &dir) == 0 && dir.st_dev == out.st_dev &&
            dir.st_ino == out.st_ino) {
            fprintf(stderr, "caseload merge: OUT %s is the shard folder %s: merge into another "
                            "folder\n", o->out, o->dirs[i]);
            return 2;
        }
        if (out_shard_read(&sh[i], o->dirs[i], err, sizeof err) != OUT_OK) {
            fprintf(stderr, "caseload merge: %s\n", err);
            return 2;
        }
        difference(&sh[0], &sh[i], why, sizeof why);
        if (*why) {
            fprintf(stderr, "caseload merge: %s is a shard of a different run from %s: %s\n",
                    o->dirs[i], o->dirs[0], why);
            return 2;
        }
    }
    return 0;
}

/* Each shard of 0..N-1 exactly once: by_k[k] is the index of shard k's folder. Returns 0, or 2
 * after one line. */
static int check_cover(const merge_opts *o, const out_shard *sh, size_t *by_k)
{
    size_t n = sh[0].n;
    for (size_t k = 0; k < n; k++)
        by_k[k] = SIZE_MAX;
    for (size_t i = 0; i < o->ndirs; i++) {
        size_t k = sh[i].k;
        if (by_k[k] != SIZE_MAX) {
            fprintf(stderr, "caseload merge: %s and %s are both shard %zu/%zu: give each shard "
                            "once\n", o->dirs[by_k[k]], o->dirs[i], k, n);
            return 2;
        }
        by_k[k] = i;
    }
    for (size_t k = 0; k < n; k++)
        if (by_k[k] == SIZE_MAX) {
            size_t first, count;
            runner_shard_range(sh[0].reps, k, n, &first, &count);
            fprintf(stderr, "caseload merge: shard %zu/%zu (replications %zu to %zu) is "
                            "missing: %zu of the %zu shards given\n", k, n, first + 1,
                    first + count, o->ndirs, n);
            return 2;
        }
    return 0;
}

/* The scenario files as they are now (their settings' digest) must be the ones the shards ran.
 * Returns 0, or 2 after one line. */
static int settings_unchanged(const char *digest, const out_shard *sh, const char *dir)
{
    if (!strcmp(digest, sh->digest))
        return 0;
    fprintf(stderr, "caseload merge: the scenario files (%s%s) now hold other settings than when "
                    "%s ran: merge where the shards ran, with the files as they were\n",
            sh->files[0], sh->nfiles > 1 ? " ..." : "", dir);
    return 2;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Fold every shard in the order of its replications, then write the run's files. */
static int fold_and_write(const merge_opts *o, const run_opts *ro, const scn_scenario *s,
                          const out_shard *sh, const size_t *by_k)
{
    char err[1024];
    runner_results res;
    double t0 = now_seconds();
    if (runner_results_init(&res, ro->nfiles, ro->reps, sh[0].weeks, sh[0].week0, 0, err,
                            sizeof err)) {
        fprintf(stderr, "caseload merge: %s\n", err);
        return 1;
    }
    int rc = 0;
    for (size_t k = 0; !rc && k < sh[0].n; k++)
        if (out_shard_replay(o->dirs[by_k[k]], &sh[by_k[k]], &res, err, sizeof err)) {
            fprintf(stderr, "caseload merge: %s\n", err);
            rc = 2;
        }
    double t_fold = now_seconds() - t0;
    if (!rc)
        rc = run_core_write(ro, s, &res);
    if (!rc && !o->quiet)
        fprintf(stderr, "caseload merge: %zu shards, %zu replications x %zu scenario%s: read "
                        "in %.2f s, %.2f s in all; results in %s/\n", sh[0].n, ro->reps,
                ro->nfiles, ro->nfiles == 1 ? "" : "s", t_fold, now_seconds() - t0, o->out);
    runner_results_free(&res);
    return rc;
}

/* A run or comparison: its options are the run's whose parts the shards are (files, overrides,
 * seed, replications), which make the same command line, so run.ini and summary.json are the
 * same too. */
static int merge_results(const merge_opts *o, const out_shard *sh, const size_t *by_k)
{
    /* run_opts' arrays are filled by parsing; here they are copies of the shard's */
    const char **names = malloc((sh[0].nfiles + sh[0].nsets) * sizeof *names);
    if (!names) {
        fprintf(stderr, "caseload merge: out of memory\n");
        return 1;
    }
    memcpy(names, sh[0].files, sh[0].nfiles * sizeof *names);
    for (size_t i = 0; i < sh[0].nsets; i++)
        names[sh[0].nfiles + i] = sh[0].sets[i];
    run_opts ro = {.compare = sh[0].kind == OUT_SHARD_COMPARE, .files = names,
                   .nfiles = sh[0].nfiles, .sets = names + sh[0].nfiles, .nsets = sh[0].nsets,
                   .reps = sh[0].reps, .seed = sh[0].seed, .threads = 1, .out = o->out,
                   .charts = o->charts, .xlsx = o->xlsx, .quiet = o->quiet, .force = o->force};
    scn_scenario *s = NULL;
    char digest[SHA256_HEX];
    int rc = run_core_load(&ro, &s);
    if (!rc && out_settings_digest(s, ro.nfiles, digest)) {
        fprintf(stderr, "caseload merge: out of memory\n");
        rc = 1;
    }
    if (!rc)
        rc = settings_unchanged(digest, &sh[0], o->dirs[0]);
    outfile_lock lock;
    if (!rc && !(rc = run_core_claim(&ro, &lock))) {
        run_core_install_signals();
        rc = fold_and_write(o, &ro, s, sh, by_k);
        outfile_unlock(&lock);
    }
    run_core_free(s, ro.nfiles);
    free(names);
    return rc;
}

/* A sweep's or sensitivity analysis's shards: each evaluation's values, shard after shard. */
typedef struct replay_ctx {
    out_shard_values *r;  /* one reader a shard, in the order of k */
    size_t n;
} replay_ctx;

static int replay(void *ctx, double *v, size_t n, char *err, size_t errlen)
{
    const replay_ctx *c = ctx;
    size_t reps = n / M_COUNT;
    for (size_t k = 0; k < c->n; k++) {
        size_t first, count;
        runner_shard_range(reps, k, c->n, &first, &count);
        if (out_shard_values_read(&c->r[k], v + first * M_COUNT, count * M_COUNT, err, errlen))
            return -1;
    }
    return 0;
}

/* The command's own arguments again, its --out OUT and merge's --quiet and --no-charts. */
static char **command_argv(const merge_opts *o, const out_shard *s, int *argc)
{
    char **argv = calloc(s->nargs + 6, sizeof *argv);
    int n = 0, bad = !argv;
    if (!bad)
        argv[n++] = strdup(out_shard_kind_name(s->kind));
    for (size_t i = 0; !bad && i < s->nargs; i++)
        argv[n++] = strdup(s->args[i]);
    if (!bad) {
        argv[n++] = strdup("--out");
        argv[n++] = strdup(o->out);
        if (o->quiet)
            argv[n++] = strdup("--quiet");
        if (!o->charts)
            argv[n++] = strdup("--no-charts");
    }
    for (int i = 0; !bad && i < n; i++)
        bad = !argv[i];
    *argc = n;
    if (bad && argv) {
        for (int i = 0; i < n; i++)
            free(argv[i]);
        free(argv);
        argv = NULL;
    }
    return argv;
}

static int replay_command(const merge_opts *o, const out_shard *sh, replay_ctx *c)
{
    int argc, rc;
    char **argv = command_argv(o, &sh[0], &argc);
    if (!argv) {
        fprintf(stderr, "caseload merge: out of memory\n");
        return 1;
    }
    rc = sh[0].kind == OUT_SHARD_SWEEP ? cmd_sweep_replay(argc, argv, replay, c)
                                       : cmd_sensitivity_replay(argc, argv, replay, c);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    free(argv);
    return rc;
}

static int merge_values(const merge_opts *o, const out_shard *sh, const size_t *by_k)
{
    char digest[SHA256_HEX], err[1024];
    size_t n = sh[0].n;
    const char *cmd = out_shard_kind_name(sh[0].kind);
    int rc = cli_decide_digest(cmd, sh[0].files[0], sh[0].nfiles > 1 ? sh[0].files[1] : NULL,
                               sh[0].sets, sh[0].nsets, digest);
    if (!rc)
        rc = settings_unchanged(digest, &sh[0], o->dirs[0]);
    replay_ctx c = {.r = calloc(n, sizeof *c.r), .n = n};
    if (!rc && !c.r) {
        fprintf(stderr, "caseload merge: out of memory\n");
        rc = 1;
    }
    size_t opened = 0;
    for (; !rc && opened < n; opened++)
        if (out_shard_values_open(&c.r[opened], o->dirs[by_k[opened]], err, sizeof err)) {
            fprintf(stderr, "caseload merge: %s\n", err);
            rc = 2;
            break;
        }
    if (!rc)
        rc = replay_command(o, sh, &c);
    for (size_t k = 0; k < opened; k++)
        if (out_shard_values_close(&c.r[k], err, sizeof err) && !rc) {
            fprintf(stderr, "caseload merge: %s\n", err);
            rc = 2;
        }
    free(c.r);
    return rc;
}

static int merge(const merge_opts *o, out_shard *sh, size_t *by_k)
{
    int rc = read_shards(o, sh);
    if (!rc)
        rc = check_cover(o, sh, by_k);
    if (rc)
        return rc;
    if (sh[0].kind == OUT_SHARD_RUN || sh[0].kind == OUT_SHARD_COMPARE)
        return merge_results(o, sh, by_k);
    return merge_values(o, sh, by_k);
}

int cmd_merge(int argc, char **argv)
{
    merge_opts o = {.charts = 1, .xlsx = 1};
    int rc = parse_args(argc, argv, &o);
    if (rc == 0 && o.help)
        usage(stdout);
    if (rc || o.help) {
        free(o.dirs);
        return rc;
    }
    out_shard *sh = calloc(o.ndirs, sizeof *sh);
    size_t *by_k = malloc(RUNNER_MAX_REPS * sizeof *by_k);
    if (!sh || !by_k) {
        fprintf(stderr, "caseload merge: out of memory\n");
        rc = 1;
    } else {
        rc = merge(&o, sh, by_k);
    }
    for (size_t i = 0; sh && i < o.ndirs; i++)
        out_shard_free(&sh[i]);
    free(sh);
    free(by_k);
    free(o.dirs);
    return rc;
}
