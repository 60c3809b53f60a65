/* caseload sensitivity: every assumption to its low and high value, one at a time, on common
 * random numbers (sim/decide/sens.c); a tornado chart per measure, sensitivity.csv and a report.
 * Exit codes as sim/cli/cli.h. */
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

#define MAX_MEASURES 4
#define MAX_RANGES 64

static void usage(FILE *f)
{
    fprintf(f,
            "usage: caseload sensitivity BASE.ini [ALT.ini] [OPTIONS]\n\n"
            "Moves every assumption of the model (the defaults without a published source,\n"
            "docs/model.md) to its low and then its high value, one at a time, on the same\n"
            "replications (common random numbers), and ranks them by how much the answer moves:\n"
            "with ALT.ini the answer is the alternative's difference from the baseline, without\n"
            "it the baseline's own measures. Draws a tornado chart per measure.\n\n"
            "  --measure M       a measure (repeatable, at most %d; default share_within_45wd and\n"
            "                    caseload_per_sw); the first ranks the settings\n"
            "  --range K=LO:HI   try setting K over LO..HI instead of its default range, or add\n"
            "                    it (repeatable; values in the file's notation: 0.3, 60wd)\n"
            "  --only            only the settings given with --range\n"
            "  --reps N          replications of each run (default 100)\n"
            "  --seed S          master seed (default 1)\n"
            "  --threads T       threads (default: the online processors)\n"
            "  --set S.K=V       override a setting first, in both scenarios (repeatable)\n"
            "  --out DIR         results directory (default out/sensitivity/)\n"
            "  --shard K/N       run only shard K (0..N-1) of N: its share of every run's\n"
            "                    replications, into DIR for 'caseload merge', which writes the\n"
            "                    same files as one analysis (docs/cluster.md)\n"
            "  --no-charts       sensitivity.csv only\n"
            "  --quiet           no progress on stderr\n"
            "  --help            this text\n\n"
            "Writes DIR/sensitivity.csv (each setting, its low and high value, and each measure at\n"
            "the default, low and high, with intervals), DIR/charts/tornado-MEASURE.png and .svg\n"
            "and DIR/report.html.\n\n"
            "Exit status: 0 done; 1 a run-time failure; 2 bad arguments or scenario; 130/143\n"
            "stopped.\n",
            MAX_MEASURES);
}

typedef struct sens_opts {
    cli_decide_opts c;
    const char *alt;
    metric_id measures[MAX_MEASURES];
    int nmeasures, only;
    sens_range given[MAX_RANGES];
    int ngiven;
} sens_opts;

static int parse_sens_option(int argc, char **argv, int *i, sens_opts *o)
{
    int missing;
    char err[512];
    if (!strcmp(argv[*i], "--only")) {
        o->only = 1;
        return 0;
    }
    const char *v = cli_decide_value(argc, argv, i, "--measure", &missing);
    if (v) {
        int m = metric_parse(v);
        if (m < 0 || o->nmeasures == MAX_MEASURES) {
            fprintf(stderr, m < 0 ? "caseload sensitivity: --measure '%s': no such measure (see "
                                    "the metric column of summary.csv)\n"
                                  : "caseload sensitivity: --measure '%s': at most 4 measures\n", v);
            return -1;
        }
        o->measures[o->nmeasures++] = (metric_id)m;
        return 0;
    }
    if (!missing && (v = cli_decide_value(argc, argv, i, "--range", &missing))) {
        if (o->ngiven == MAX_RANGES || sens_parse_range(v, &o->given[o->ngiven], err, sizeof err)) {
            fprintf(stderr, "caseload sensitivity: %s\n", o->ngiven == MAX_RANGES ? "too many --range" : err);
            return -1;
        }
        o->ngiven++;
        return 0;
    }
    if (missing) {
        fprintf(stderr, "caseload sensitivity: %s needs a value\n", argv[*i]);
        return -1;
    }
    return 1;
}

static int sens_extra(int argc, char **argv, int *i, void *ctx)
{
    return parse_sens_option(argc, argv, i, ctx);
}

static int parse_args(int argc, char **argv, sens_opts *o)
{
    const char *files[2];
    int nfiles, rc = cli_decide_parse("sensitivity", argc, argv, &o->c, sens_extra, o, files, 2,
                                      &nfiles);
    if (rc)
        return rc;
    o->alt = nfiles > 1 ? files[1] : NULL;
    if (o->c.help)
        return 0;
    if (!o->c.file) {
        fprintf(stderr, "caseload sensitivity: needs a scenario file (see 'caseload sensitivity "
                        "--help')\n");
        return 2;
    }
    if (o->only && !o->ngiven) {
        fprintf(stderr, "caseload sensitivity: --only needs at least one --range\n");
        return 2;
    }
    if (!o->nmeasures) {
        o->measures[o->nmeasures++] = M_share_within_45wd;
        o->measures[o->nmeasures++] = M_caseload_per_sw;
    }
    return 0;
}

/* The default ranges with --range replacing or adding, or only the given ones with --only. */
static int ranges(const sens_opts *o, sens_range *out)
{
    int n = 0;
    if (!o->only)
        for (size_t i = 0; i < sens_default_count && n < MAX_RANGES; i++)
            out[n++] = sens_default_ranges[i];
    for (int g = 0; g < o->ngiven; g++) {
        int j = 0;
        while (j < n && strcmp(out[j].key, o->given[g].key))
            j++;
        if (j == n && n == MAX_RANGES)
            break;
        out[j] = o->given[g];
        if (j == n)
            n++;
    }
    return n;
}

static int write_csv(const sens_opts *o, const sens_result *r, char *err, size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/sensitivity.csv", o->c.out);
    outfile f;
    if (outfile_open(&f, path, err, errlen))
        return -1;
    fprintf(f.fp, "rank,key,low,high,measure,quantity,at_default,at_low,at_low_ci_lo,at_low_ci_hi,"
                  "at_high,at_high_ci_lo,at_high_ci_hi,spread\n");
    for (int i = 0; i < r->nrows; i++) {
        const sens_row *row = &r->rows[i];
        for (int k = 0; k < o->nmeasures; k++) {
            metric_id m = o->measures[k];
            fprintf(f.fp, "%d,%s,%s,%s,%s,%s,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g\n",
                    i + 1, row->range.key, row->range.low, row->range.high, metric_name(m),
                    o->alt ? "difference" : "level", r->at_default.mean[m], row->low.mean[m],
                    row->low.lo[m], row->low.hi[m], row->high.mean[m], row->high.lo[m],
                    row->high.hi[m], fabs(row->high.mean[m] - row->low.mean[m]));
        }
    }
    return outfile_commit(&f, err, errlen);
}

static int draw_and_report(const sens_opts *o, const sens_result *r, char *err, size_t errlen)
{
    int n = r->nrows, rc = 0;
    double *low = malloc((size_t)(n ? n : 1) * sizeof *low), *high = malloc((size_t)(n ? n : 1) * sizeof *high);
    char(*labels)[300] = malloc((size_t)(n ? n : 1) * sizeof *labels);
    const char **lp = malloc((size_t)(n ? n : 1) * sizeof *lp);
    char(*png)[4300] = malloc(MAX_MEASURES * sizeof *png);
    if (!low || !high || !labels || !lp || !png) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
    const char *pngs[MAX_MEASURES], *alts[MAX_MEASURES];
    for (int k = 0; k < o->nmeasures && !rc; k++) {
        metric_id m = o->measures[k];
        /* each chart in its own measure's order: the largest spread at the top */
        int *idx = malloc((size_t)(n ? n : 1) * sizeof *idx);
        if (!idx) {
            rc = -1;
            break;
        }
        for (int i = 0; i < n; i++)
            idx[i] = i;
        for (int i = 1; i < n; i++) /* insertion sort by spread: n is small */
            for (int j = i; j > 0; j--) {
                const sens_row *a = &r->rows[idx[j - 1]], *b = &r->rows[idx[j]];
                double sa = fabs(a->high.mean[m] - a->low.mean[m]), sb = fabs(b->high.mean[m] - b->low.mean[m]);
                if (!(sb > sa))
                    break;
                int t = idx[j];
                idx[j] = idx[j - 1];
                idx[j - 1] = t;
            }
        for (int i = 0; i < n; i++) {
            const sens_row *row = &r->rows[idx[i]];
            low[i] = row->low.mean[m];
            high[i] = row->high.mean[m];
            snprintf(labels[i], sizeof labels[i], "%s %s-%s", row->range.key, row->range.low,
                     row->range.high);
            lp[i] = labels[i];
        }
        free(idx);
        char title[512], xlabel[200], unit[160], src[512], svg[4300];
        chart_axis_title(m, o->alt != NULL, unit, sizeof unit);
        snprintf(title, sizeof title, o->alt ? "What the change depends on: %s"
                                             : "What it depends on: %s", chart_short_label(m));
        snprintf(xlabel, sizeof xlabel, "%s%s", o->alt ? "difference from the baseline, " : "", unit);
        snprintf(src, sizeof src, "caseload sensitivity %s%s%s, seed %llu, %zu replications a run",
                 o->c.file, o->alt ? " " : "", o->alt ? o->alt : "", o->c.seed, o->c.reps);
        chart_tornado d = {.title = title, .subtitle = "Each assumption to its low and high value, "
                                                       "one at a time, on the same replications",
                           .xlabel = xlabel, .source = src, .n = n, .labels = lp, .low = low,
                           .high = high, .base = r->at_default.mean[m],
                           .share = metric_kind_of(m) == MK_SHARE};
        snprintf(svg, sizeof svg, "%s/charts/tornado-%s.svg", o->c.out, metric_name(m));
        snprintf(png[k], sizeof png[k], "%s/charts/tornado-%s.png", o->c.out, metric_name(m));
        rc = chart_tornado_draw(&d, CHART_SVG, svg, err, errlen);
        if (!rc)
            rc = chart_tornado_draw(&d, CHART_PNG, png[k], err, errlen);
        pngs[k] = png[k];
        alts[k] = metric_label(m);
    }
    if (!rc) {
        char lead[1024], path[4200], footer[256];
        const sens_row *top = n ? &r->rows[0] : NULL;
        metric_id m = o->measures[0];
        if (top)
            snprintf(lead, sizeof lead, "Of the %d assumptions tried, %s matters most to %s%s: from "
                                        "%s to %s it moves it from %.3g to %.3g (%.3g with every "
                                        "setting as it is). The charts rank every assumption; "
                                        "sensitivity.csv holds every number with its 95%% interval.",
                     n, top->range.key, o->alt ? "the change in " : "", metric_label(m),
                     top->range.low, top->range.high, top->low.mean[m], top->high.mean[m],
                     r->at_default.mean[m]);
        else
            snprintf(lead, sizeof lead, "No assumption was tried.");
        snprintf(footer, sizeof footer, "caseload %s", CASELOAD_VERSION);
        const char *paras[1] = {lead};
        report_page pg = {.title = "Which assumptions the answer depends on", .paras = paras,
                          .nparas = 1, .chart_png = pngs, .chart_alt = alts,
                          .ncharts = o->nmeasures, .footer = footer};
        snprintf(path, sizeof path, "%s/report.html", o->c.out);
        rc = report_page_write(path, &pg, err, errlen);
    }
    free(low);
    free(high);
    free(labels);
    free(lp);
    free(png);
    return rc;
}

/* The run and its files, with the folder locked; frees rg once the run has used it. */
static int sens_and_write(const sens_opts *o, sens_range *rg, int n)
{
    int rc;
    dec_run run;
    cli_decide_run(&o->c, &run);
    sens_result res;
    char err[1024];
    cli_decide_shard sh;
    if (o->c.sharded && (rc = cli_decide_shard_begin("sensitivity", &o->c, o->alt, &sh, &run))) {
        free(rg);
        return rc;
    }
    rc = sens_run(&run, o->alt, rg, n, o->measures, o->nmeasures, &res, err, sizeof err);
    free(rg);
    if (rc) {
        if (o->c.sharded)
            cli_decide_shard_abort(&sh);
        sens_result_free(&res);
        return cli_decide_exit("sensitivity", rc, err);
    }
    if (o->c.sharded) { /* the shard's values, not results: the merge makes those */
        sens_result_free(&res);
        return cli_decide_shard_end("sensitivity", &sh);
    }
    rc = write_csv(o, &res, err, sizeof err);
    if (!rc && o->c.charts)
        rc = draw_and_report(o, &res, err, sizeof err);
    for (int i = 0; i < res.nrows && i < 5; i++)
        printf("%d. %s (%s to %s): %s %.4g to %.4g\n", i + 1, res.rows[i].range.key,
               res.rows[i].range.low, res.rows[i].range.high, metric_name(o->measures[0]),
               res.rows[i].low.mean[o->measures[0]], res.rows[i].high.mean[o->measures[0]]);
    sens_result_free(&res);
    if (rc) {
        fprintf(stderr, "caseload sensitivity: %s\n", err);
        return 1;
    }
    if (cli_decide_manifest("sensitivity", o->c.out, "sensitivity.csv", o->c.charts, "tornado",
                            o->measures, (size_t)o->nmeasures))
        return 1;
    printf("Results: %s/sensitivity.csv%s\n", o->c.out, o->c.charts ? ", charts/ and report.html" : "");
    return 0;
}

int cmd_sensitivity(int argc, char **argv)
{
    return cmd_sensitivity_replay(argc, argv, NULL, NULL);
}

int cmd_sensitivity_replay(int argc, char **argv, cli_decide_replay_fn replay, void *ctx)
{
    sens_opts o = {.c = {.reps = 100, .seed = 1, .threads = runner_default_threads(),
                         .out = "out/sensitivity", .charts = 1, .replay = replay,
                         .replay_ctx = ctx}};
    int rc = parse_args(argc, argv, &o);
    if (rc || o.c.help) {
        if (o.c.help)
            usage(stdout);
        return rc;
    }
    sens_range *rg = malloc(MAX_RANGES * sizeof *rg);
    if (!rg)
        return 1;
    int n = ranges(&o, rg);
    outfile_lock lock;
    if (cli_decide_claim("sensitivity", &o.c, &lock)) {
        free(rg);
        return 1;
    }
    rc = sens_and_write(&o, rg, n);
    outfile_unlock(&lock);
    return rc;
}
