/* caseload sweep: every point of a grid of one or two settings (sim/decide/sweep.c), written to
 * DIR: sweep.csv, charts/sweep-MEASURE.{png,svg} (lines for one key, a heat map for two) and
 * report.html. Exit codes as sim/cli/cli.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "cli.h"
#include "cli_decide.h"
#include "outfile.h"
#include "report.h"
#include "runner.h"

#define MAX_MEASURES 8

static void usage(FILE *f)
{
    fprintf(f,
            "usage: caseload sweep BASE.ini --grid KEY=FROM:TO:STEP [--grid ...] [OPTIONS]\n\n"
            "Runs the scenario at every point of a grid of one or two settings, each point over\n"
            "the same replications (common random numbers), and draws each measure against the\n"
            "settings: lines for one key, a heat map for two. It shows where a service stops\n"
            "bending and starts to break.\n\n"
            "  --grid KEY=FROM:TO:STEP  a setting and its values, e.g.\n"
            "                        staff.social_worker.fte=54:74:2 (one or two; at most 200\n"
            "                        values each)\n"
            "  --measure M           a measure to draw (repeatable, at most %d; default\n"
            "                        share_within_45wd, caseload_per_sw, unallocated_cases)\n"
            "  --reps N              replications a point (default 40)\n"
            "  --seed S              master seed (default 1)\n"
            "  --threads T           threads (default: the online processors)\n"
            "  --set S.K=V           override a setting first (repeatable)\n"
            "  --out DIR             results directory (default out/sweep/)\n"
            "  --shard K/N           run only shard K (0..N-1) of N: its share of every point's\n"
            "                        replications, into DIR for 'caseload merge', which writes\n"
            "                        the same files as one sweep (docs/cluster.md)\n"
            "  --no-charts           sweep.csv only\n"
            "  --quiet               no progress on stderr\n"
            "  --help                this text\n\n"
            "Writes DIR/sweep.csv (one row per point and measure: the settings, mean and 95%%\n"
            "interval), DIR/charts/sweep-MEASURE.png and .svg, and DIR/report.html.\n\n"
            "Exit status: 0 done; 1 a run-time failure; 2 bad arguments or scenario; 130/143\n"
            "stopped.\n",
            MAX_MEASURES);
}

typedef struct sweep_opts {
    cli_decide_opts c;
    sweep_axis axes[2];
    int naxes;
    metric_id measures[MAX_MEASURES];
    int nmeasures;
} sweep_opts;

static int parse_sweep_option(int argc, char **argv, int *i, sweep_opts *o)
{
    int missing;
    char err[512];
    const char *v = cli_decide_value(argc, argv, i, "--grid", &missing);
    if (v) {
        if (o->naxes == 2) {
            fprintf(stderr, "caseload sweep: at most two --grid settings\n");
            return -1;
        }
        if (sweep_parse_axis(v, &o->axes[o->naxes], err, sizeof err)) {
            fprintf(stderr, "caseload sweep: %s\n", err);
            return -1;
        }
        o->naxes++;
        return 0;
    }
    if (!missing && (v = cli_decide_value(argc, argv, i, "--measure", &missing))) {
        int m = metric_parse(v);
        if (m < 0 || o->nmeasures == MAX_MEASURES) {
            fprintf(stderr, m < 0 ? "caseload sweep: --measure '%s': no such measure (see the "
                                    "metric column of summary.csv)\n"
                                  : "caseload sweep: --measure '%s': at most 8 measures\n", v);
            return -1;
        }
        o->measures[o->nmeasures++] = (metric_id)m;
        return 0;
    }
    if (missing) {
        fprintf(stderr, "caseload sweep: %s needs a value\n", argv[*i]);
        return -1;
    }
    return 1;
}

static int sweep_extra(int argc, char **argv, int *i, void *ctx)
{
    return parse_sweep_option(argc, argv, i, ctx);
}

static int parse_args(int argc, char **argv, sweep_opts *o)
{
    const char *files[1];
    int nfiles, rc = cli_decide_parse("sweep", argc, argv, &o->c, sweep_extra, o, files, 1, &nfiles);
    if (rc)
        return rc;
    if (o->c.help)
        return 0;
    if (!o->c.file || !o->naxes) {
        fprintf(stderr, "caseload sweep: needs %s (see 'caseload sweep --help')\n",
                !o->c.file ? "a scenario file" : "--grid KEY=FROM:TO:STEP");
        return 2;
    }
    if (o->naxes == 2 && !strcmp(o->axes[0].key, o->axes[1].key)) {
        fprintf(stderr, "caseload sweep: the two --grid settings are the same key\n");
        return 2;
    }
    if (!o->nmeasures) {
        o->measures[o->nmeasures++] = M_share_within_45wd;
        o->measures[o->nmeasures++] = M_caseload_per_sw;
        o->measures[o->nmeasures++] = M_unallocated_cases;
    }
    return 0;
}

static int write_csv(const sweep_opts *o, const sweep_result *r, char *err, size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/sweep.csv", o->c.out);
    outfile f;
    if (outfile_open(&f, path, err, errlen))
        return -1;
    fprintf(f.fp, "key1,value1,key2,value2,replications,measure,mean,ci_lo,ci_hi\n");
    for (int i = 0; i < r->n[0] * r->n[1]; i++) {
        const dec_point *p = &r->points[i];
        for (int m = 0; m < M_COUNT; m++) {
            fprintf(f.fp, "%s,%.10g,", r->axis[0].key, p->x[0]);
            if (r->naxes > 1)
                fprintf(f.fp, "%s,%.10g,", r->axis[1].key, p->x[1]);
            else
                fputs(",,", f.fp);
            fprintf(f.fp, "%zu,%s,", p->reps, metric_name((metric_id)m));
            if (isfinite(p->mean[m]))
                fprintf(f.fp, "%.10g,%.10g,%.10g\n", p->mean[m], p->lo[m], p->hi[m]);
            else
                fputs(",,\n", f.fp);
        }
    }
    return outfile_commit(&f, err, errlen);
}

static int draw_one(const sweep_opts *o, const sweep_result *r, metric_id m, double *buf,
                    const char *png, const char *svg, char *err, size_t errlen)
{
    char title[512], x1[160], x2[160], ylabel[160], src[256];
    cli_decide_key_label(r->axis[0].key, x1, sizeof x1);
    chart_axis_title(m, 0, ylabel, sizeof ylabel);
    snprintf(src, sizeof src, "caseload sweep %s, seed %llu, %zu replications a point", o->c.file,
             o->c.seed, o->c.reps);
    int nx = r->n[0], ny = r->n[1], rc;
    for (int i = 0; i < nx; i++)
        buf[i] = r->axis[0].from + i * r->axis[0].step;
    if (r->naxes == 1) {
        double *mean = buf + nx, *lo = buf + 2 * nx, *hi = buf + 3 * nx;
        for (int i = 0; i < nx; i++) {
            mean[i] = r->points[i].mean[m];
            lo[i] = r->points[i].lo[m];
            hi[i] = r->points[i].hi[m];
        }
        snprintf(title, sizeof title, "%s against %s", metric_label(m), x1);
        chart_curve d = {.title = title, .subtitle = "Means over the same replications at each "
                                                     "value, with 95% intervals",
                         .xlabel = x1, .ylabel = ylabel, .source = src, .n = nx, .x = buf,
                         .mean = mean, .lo = lo, .hi = hi, .share = metric_kind_of(m) == MK_SHARE,
                         .from_zero = metric_kind_of(m) == MK_FLOW || metric_kind_of(m) == MK_STOCK};
        rc = chart_curve_draw(&d, CHART_SVG, svg, err, errlen);
        return rc ? rc : chart_curve_draw(&d, CHART_PNG, png, err, errlen);
    }
    cli_decide_key_label(r->axis[1].key, x2, sizeof x2);
    double *y = buf + nx, *v = y + ny;
    for (int j = 0; j < ny; j++)
        y[j] = r->axis[1].from + j * r->axis[1].step;
    for (int i = 0; i < nx * ny; i++)
        v[i] = r->points[i].mean[m];
    snprintf(title, sizeof title, "%s by %s and %s", metric_label(m), x1, x2);
    chart_heat d = {.title = title, .subtitle = "Mean over the same replications at each point",
                    .xlabel = x1, .ylabel = x2, .source = src, .nx = nx, .ny = ny, .x = buf,
                    .y = y, .value = v, .share = metric_kind_of(m) == MK_SHARE};
    rc = chart_heat_draw(&d, CHART_SVG, svg, err, errlen);
    return rc ? rc : chart_heat_draw(&d, CHART_PNG, png, err, errlen);
}

static int draw_and_report(const sweep_opts *o, const sweep_result *r, char *err, size_t errlen)
{
    int nx = r->n[0], ny = r->n[1];
    double *buf = malloc((size_t)(4 * nx + ny + nx * ny) * sizeof *buf);
    char(*png)[4300] = malloc(MAX_MEASURES * sizeof *png);
    if (!buf || !png) {
        free(buf);
        free(png);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    const char *pngs[MAX_MEASURES], *alts[MAX_MEASURES];
    int rc = 0;
    for (int k = 0; k < o->nmeasures && !rc; k++) {
        char svg[4300];
        snprintf(svg, sizeof svg, "%s/charts/sweep-%s.svg", o->c.out, metric_name(o->measures[k]));
        snprintf(png[k], sizeof png[k], "%s/charts/sweep-%s.png", o->c.out,
                 metric_name(o->measures[k]));
        rc = draw_one(o, r, o->measures[k], buf, png[k], svg, err, errlen);
        pngs[k] = png[k];
        alts[k] = metric_label(o->measures[k]);
    }
    if (!rc) {
        char intro[1024], path[4200], footer[256];
        snprintf(intro, sizeof intro, "Scenario %s at every value of %s%s%s, each over the same %zu "
                                      "replications (seed %llu): values differ by the settings "
                                      "alone. sweep.csv beside this page holds every number.",
                 o->c.file, r->axis[0].key, r->naxes > 1 ? " and " : "",
                 r->naxes > 1 ? r->axis[1].key : "", o->c.reps, o->c.seed);
        snprintf(footer, sizeof footer, "caseload %s", CASELOAD_VERSION);
        const char *paras[1] = {intro};
        report_page pg = {.title = "What changes across the settings", .paras = paras, .nparas = 1,
                          .chart_png = pngs, .chart_alt = alts, .ncharts = o->nmeasures,
                          .footer = footer};
        snprintf(path, sizeof path, "%s/report.html", o->c.out);
        rc = report_page_write(path, &pg, err, errlen);
    }
    free(buf);
    free(png);
    return rc;
}

/* The run and its files, with the folder locked. */
static int sweep_and_write(const sweep_opts *o)
{
    int rc;
    dec_run run;
    cli_decide_run(&o->c, &run);
    sweep_result res;
    char err[1024];
    cli_decide_shard sh;
    if (o->c.sharded && (rc = cli_decide_shard_begin("sweep", &o->c, NULL, &sh, &run)))
        return rc;
    rc = sweep_run(&run, o->axes, o->naxes, &res, err, sizeof err);
    if (rc) {
        if (o->c.sharded)
            cli_decide_shard_abort(&sh);
        sweep_result_free(&res);
        return cli_decide_exit("sweep", rc, err);
    }
    if (o->c.sharded) { /* the shard's values, not results: the merge makes those */
        sweep_result_free(&res);
        return cli_decide_shard_end("sweep", &sh);
    }
    rc = write_csv(o, &res, err, sizeof err);
    if (!rc && o->c.charts)
        rc = draw_and_report(o, &res, err, sizeof err);
    sweep_result_free(&res);
    if (rc) {
        fprintf(stderr, "caseload sweep: %s\n", err);
        return 1;
    }
    if (cli_decide_manifest("sweep", o->c.out, "sweep.csv", o->c.charts, "sweep", o->measures,
                            (size_t)o->nmeasures))
        return 1;
    printf("Results: %s/sweep.csv%s\n", o->c.out, o->c.charts ? ", charts/ and report.html" : "");
    return 0;
}

int cmd_sweep(int argc, char **argv)
{
    return cmd_sweep_replay(argc, argv, NULL, NULL);
}

int cmd_sweep_replay(int argc, char **argv, cli_decide_replay_fn replay, void *ctx)
{
    sweep_opts o = {.c = {.reps = 40, .seed = 1, .threads = runner_default_threads(),
                          .out = "out/sweep", .charts = 1, .replay = replay, .replay_ctx = ctx}};
    int rc = parse_args(argc, argv, &o);
    if (rc || o.c.help) {
        if (o.c.help)
            usage(stdout);
        return rc;
    }
    outfile_lock lock;
    if (cli_decide_claim("sweep", &o.c, &lock))
        return 1;
    rc = sweep_and_write(&o);
    outfile_unlock(&lock);
    return rc;
}
