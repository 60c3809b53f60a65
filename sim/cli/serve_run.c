/* serve_run: one comparison for the workshop page, the way `caseload compare BASE ID.ini --reps N
 * --seed S` makes it: the same parser, runner (common random numbers), results files and report
 * code, into the server's own results folder. One at a time; refused when its estimate is above
 * the limits, stopped when it runs past the time limit or the server stops. See serve.h. */
#define _DEFAULT_SOURCE /* open_memstream */
#include "serve.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chart_data.h"
#include "json.h"
#include "outfile.h"
#include "output.h"
#include "report.h"
#include "run_core.h"
#include "run_estimate.h"
#include "runner.h"
#include "scenario.h"

#define GIB (1024.0 * 1024.0 * 1024.0)

typedef struct run_ctx {
    serve_state *s;
    double t0;
    size_t done;
    volatile sig_atomic_t stop; /* the runner's stop flag */
} run_ctx;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* After each replication: past the time limit, or the server stopping, ends the run. */
static void on_progress(void *ctx, size_t done, size_t total)
{
    run_ctx *c = ctx;
    (void)total;
    c->done = done;
    if (c->s->closing || now_seconds() - c->t0 > c->s->cfg.max_seconds)
        c->stop = 1;
}

/* ---- the request's fields ---- */

static int parse_reps(serve_state *s, const char *v, size_t *reps, serve_reply *r)
{
    char *end, msg[160];
    errno = 0;
    unsigned long long n = v && v[0] >= '0' && v[0] <= '9' ? strtoull(v, &end, 10) : 0;
    if (!v || !(v[0] >= '0' && v[0] <= '9') || *end || errno || n < 1 || n > s->cfg.max_reps) {
        snprintf(msg, sizeof msg, "replications: a whole number from 1 to %zu (this page's "
                                  "limit)", s->cfg.max_reps);
        serve_error(r, 400, "reps", 0, msg);
        return -1;
    }
    *reps = (size_t)n;
    return 0;
}

static int parse_seed(const char *v, uint64_t *seed, serve_reply *r)
{
    char *end;
    errno = 0;
    unsigned long long n = v && v[0] >= '0' && v[0] <= '9' ? strtoull(v, &end, 10) : 0;
    if (!v || !(v[0] >= '0' && v[0] <= '9') || *end || errno) {
        serve_error(r, 400, "seed", 0, "seed: a whole number from 0 to 18446744073709551615");
        return -1;
    }
    *seed = (uint64_t)n;
    return 0;
}

/* The baseline (a plain file name of the folder) and the page's scenario, loaded and checked
 * against each other as compare checks them. 0, or -1 with *r filled. */
static int load_pair(serve_state *s, serve_arg_fn arg, void *ctx, const char *body, size_t len,
                     scn_scenario scn[2], serve_reply *r)
{
    const char *base = arg(ctx, "baseline");
    char err[1024];
    if (!base || !*base || strchr(base, '/') || !strcmp(base, "..")) {
        serve_error(r, 400, "baseline", 0, "the baseline must be one of the scenario files of "
                                           "the folder (a file name, no folders or '..')");
        return -1;
    }
    if (serve_load_file(s, base, &scn[0], err, sizeof err)) {
        serve_error(r, 400, "baseline", 0, err);
        return -1;
    }
    if (serve_parse_text(s, arg, ctx, body, len, &scn[1], r))
        return -1;
    if (!strcmp(scn[0].id, scn[1].id)) {
        serve_error(r, 400, "name", 0, "the scenario's file name is the baseline's: give it "
                                       "another (results are labelled by file name)");
        return -1;
    }
    if (scn[0].params.start != scn[1].params.start || scn[0].params.years != scn[1].params.years) {
        snprintf(err, sizeof err, "%s.ini: [scenario] start and years must be the same as in "
                                  "the baseline %s, so the weeks line up", scn[1].id, base);
        serve_error(r, 400, "text", 0, err);
        return -1;
    }
    return 0;
}

/* The estimate of the command line (run_estimate.h) against this server's limits. */
static int admit(serve_state *s, const model_params *p, size_t reps, serve_reply *r)
{
    run_estimate est;
    char msg[512];
    run_estimate_make(p, 2, reps, s->cfg.threads, &est);
    if (est.bytes > s->cfg.max_memory) {
        snprintf(msg, sizeof msg, "this run would need about %.2f GiB of memory, above this "
                                  "page's limit of %.2f GiB: use fewer years or contacts",
                 est.bytes / GIB, s->cfg.max_memory / GIB);
        serve_error(r, 400, "reps", 0, msg);
        return -1;
    }
    if (est.seconds > s->cfg.max_seconds) {
        snprintf(msg, sizeof msg, "this run would take about %.0f s (%zu replications x 2 "
                                  "scenarios on %u thread%s), above this page's limit of %.0f s: "
                                  "use fewer replications",
                 est.seconds, reps, est.threads, est.threads == 1 ? "" : "s",
                 s->cfg.max_seconds);
        serve_error(r, 400, "reps", 0, msg);
        return -1;
    }
    return 0;
}

/* ---- the results folder and the answer ---- */

/* The command that gives the same numbers once the page's scenario is saved as ID.ini in the
 * folder: it goes into run.ini and the report, as for a run from the command line. */
static char *command_of(const scn_scenario scn[2], size_t reps, uint64_t seed)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    fputs("caseload compare", f);
    run_core_shell_word(f, scn[0].path);
    run_core_shell_word(f, scn[1].path);
    fprintf(f, " --reps %zu --seed %llu", reps, (unsigned long long)seed);
    fclose(f);
    return buf;
}

/* Results files, charts and report.html into the server's folder, as `compare` writes them
 * (run_core.h). 0, or -1 with err. */
static int write_results(serve_state *s, const scn_scenario scn[2], const runner_results *res,
                         const char *cmd, uint64_t seed, char *err, size_t errlen)
{
    outfile_lock lock;
    if (out_prepare_dir(s->results, 1, 0, err, errlen) != OUT_OK ||
        outfile_lock_dir(&lock, s->results, err, errlen))
        return -1;
    run_core_files f = {.dir = s->results, .command = cmd, .seed = seed, .scenarios = scn,
                        .res = res, .stop = &s->closing, .charts = 1, .xlsx = 0};
    int data_done;
    s->has_results = 0;
    int rc = run_core_write_files(&f, &data_done, err, errlen) == OUT_OK ? 0 : -1;
    outfile_unlock(&lock);
    s->has_results = rc == 0;
    return rc;
}

/* The findings, summary table and charts, read back from the folder as `plot` reads it. */
static char *answer_html(serve_state *s, char *err, size_t errlen)
{
    chart_results cr;
    if (chart_results_load(&cr, s->results, err, errlen))
        return NULL;
    char *html = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&html, &len);
    int rc = f ? report_write_answer(&cr, f, err, errlen) : -1;
    if (f)
        fclose(f);
    chart_results_free(&cr);
    if (rc) {
        free(html);
        return NULL;
    }
    return html;
}

static void answer(serve_reply *r, const char *html, const char *cmd, size_t reps, uint64_t seed,
                   double seconds)
{
    FILE *f = open_memstream(&r->body, &r->len);
    r->status = f ? 200 : 500;
    r->type = "application/json; charset=utf-8";
    if (!f)
        return;
    char sd[32];
    snprintf(sd, sizeof sd, "%llu", (unsigned long long)seed);
    json_writer w;
    json_init(&w, f, 2);
    json_begin_object(&w);
    json_key(&w, "ok");
    json_bool(&w, 1);
    json_key(&w, "reps");
    json_uint(&w, reps);
    json_key(&w, "seed");
    json_string(&w, sd);
    json_key(&w, "seconds");
    json_number(&w, seconds);
    json_key(&w, "command");
    json_string(&w, cmd);
    json_key(&w, "html");
    json_string(&w, html);
    json_end_object(&w);
    json_finish(&w);
    fclose(f);
}

static void stopped(serve_state *s, const run_ctx *c, size_t reps, serve_reply *r)
{
    char msg[256];
    if (s->closing) {
        serve_error(r, 503, "run", 0, "the server is stopping; the run was not finished");
        return;
    }
    snprintf(msg, sizeof msg, "the run passed this page's limit of %.0f s after %zu of %zu "
                              "replications: use fewer replications",
             s->cfg.max_seconds, c->done, reps);
    serve_error(r, 400, "reps", 0, msg);
}

static void replicate(serve_state *s, const scn_scenario scn[2], size_t reps, uint64_t seed,
                      serve_reply *r)
{
    model_params p[2] = {scn[0].params, scn[1].params};
    char err[1024];
    if (admit(s, p, reps, r))
        return;
    run_ctx c = {.s = s, .t0 = now_seconds()};
    runner_config cfg = {.params = p, .n_scenarios = 2, .reps = reps, .seed = seed,
                         .threads = s->cfg.threads, .model = &runner_model_real, .stop = &c.stop,
                         .progress = on_progress, .progress_ctx = &c};
    runner_results res;
    int rc = runner_run(&cfg, &res, err, sizeof err);
    if (rc == RUNNER_STOPPED) {
        stopped(s, &c, reps, r);
        return;
    }
    if (rc != RUNNER_OK) {
        serve_error(r, 500, "run", 0, err);
        return;
    }
    char *cmd = command_of(scn, reps, seed), *html = NULL;
    if (!cmd)
        snprintf(err, sizeof err, "out of memory");
    else if (!write_results(s, scn, &res, cmd, seed, err, sizeof err))
        html = answer_html(s, err, sizeof err);
    runner_results_free(&res);
    if (html)
        answer(r, html, cmd, reps, seed, now_seconds() - c.t0);
    else
        serve_error(r, 500, "run", 0, err);
    free(html);
    free(cmd);
}

void serve_run(serve_state *s, serve_arg_fn arg, void *ctx, const char *body, size_t len,
               serve_reply *r)
{
    if (pthread_mutex_trylock(&s->run_lock)) {
        serve_error(r, 503, "run", 0, "another run is under way (one at a time): wait for its "
                                      "answer, then run again");
        return;
    }
    scn_scenario scn[2];
    memset(scn, 0, sizeof scn);
    size_t reps;
    uint64_t seed;
    if (!parse_reps(s, arg(ctx, "reps"), &reps, r) && !parse_seed(arg(ctx, "seed"), &seed, r) &&
        !load_pair(s, arg, ctx, body, len, scn, r))
        replicate(s, scn, reps, seed, r);
    scn_free(&scn[0]);
    scn_free(&scn[1]);
    pthread_mutex_unlock(&s->run_lock);
}
