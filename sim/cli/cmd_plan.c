/* caseload plan: the least value of one setting that meets every target (sim/decide/plan.c),
 * printed with its interval and written to DIR: plan.csv, charts/plan-MEASURE.{png,svg} and
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

static void usage(FILE *f)
{
    fprintf(f,
            "usage: caseload plan BASE.ini --vary KEY --target 'MEASURE>=VALUE' [--target ...]\n"
            "                     [OPTIONS]\n\n"
            "Finds the least value of one setting (the FTE of a pool, a budget, a count) at which\n"
            "every target is met, on common random numbers: every value is run over the same\n"
            "replications, so two values differ by the setting alone. It steps out from the\n"
            "scenario's own value, halves the bracket to one step, then checks the answer and one\n"
            "step below with more replications. Targets are on the mean over replications, or\n"
            "with --confidence P in at least that share of runs.\n\n"
            "  --vary KEY          the setting, as in --set (e.g. staff.social_worker.fte)\n"
            "  --target T          MEASURE>=VALUE or MEASURE<=VALUE; shares as 0.85 or 85%%\n"
            "                      (repeatable, at most %d)\n"
            "  --confidence P      meet each target in at least this share of runs (0..1)\n"
            "  --step S            resolution of the answer (default 1)\n"
            "  --from X, --to Y    bounds of the search (default 0 and 3 x the value + 20 steps)\n"
            "  --reps N            replications while searching (default 40)\n"
            "  --refine-reps N     replications near the answer (default 4 x --reps)\n"
            "  --seed S            master seed (default 1)\n"
            "  --threads T         threads (default: the online processors)\n"
            "  --set S.K=V         override a setting first (repeatable)\n"
            "  --out DIR           results directory (default out/plan/)\n"
            "  --no-charts         plan.csv only: no charts or report.html\n"
            "  --quiet             no progress on stderr\n"
            "  --help              this text\n\n"
            "Prints the answer and writes DIR/plan.csv (every evaluation: value, replications,\n"
            "target, mean, 95%% interval, share of runs meeting it), DIR/charts/plan-MEASURE.png\n"
            "and .svg (the measure against the setting, the target and the answer) and\n"
            "DIR/report.html. The answer is the same for any --threads.\n\n"
            "Exit status: 0 done (also when no value within the bounds meets the targets: it\n"
            "says so); 1 a run-time failure; 2 bad arguments or scenario; 130/143 stopped.\n",
            DEC_MAX_TARGETS);
}

typedef struct plan_opts {
    cli_decide_opts c;
    plan_config cfg;
} plan_opts;

static int parse_plan_option(int argc, char **argv, int *i, plan_opts *o)
{
    static const char *const valued[] = {"--vary", "--target", "--confidence", "--step", "--from",
                                         "--to", "--refine-reps"};
    for (int k = 0; k < 7; k++) {
        int missing;
        const char *v = cli_decide_value(argc, argv, i, valued[k], &missing);
        if (missing) {
            fprintf(stderr, "caseload plan: %s needs a value\n", valued[k]);
            return -1;
        }
        if (!v)
            continue;
        char err[512];
        double x;
        switch (k) {
        case 0: o->cfg.key = v; return 0;
        case 1:
            if (o->cfg.ntargets == DEC_MAX_TARGETS) {
                fprintf(stderr, "caseload plan: at most %d targets\n", DEC_MAX_TARGETS);
                return -1;
            }
            if (dec_parse_target(v, &o->cfg.targets[o->cfg.ntargets], err, sizeof err)) {
                fprintf(stderr, "caseload plan: %s\n", err);
                return -1;
            }
            o->cfg.ntargets++;
            return 0;
        case 2:
            if (cli_decide_number("plan", "--confidence", v, &x)) return -1;
            if (!(x > 0 && x < 1)) {
                fprintf(stderr, "caseload plan: --confidence %s: a share of runs above 0 and "
                                "below 1 (e.g. 0.9)\n", v);
                return -1;
            }
            o->cfg.confidence = x;
            return 0;
        case 3:
            if (cli_decide_number("plan", "--step", v, &x)) return -1;
            if (!(x > 0)) {
                fprintf(stderr, "caseload plan: --step %s: must be above 0\n", v);
                return -1;
            }
            o->cfg.step = x;
            return 0;
        case 4: return cli_decide_number("plan", "--from", v, &o->cfg.from);
        case 5: return cli_decide_number("plan", "--to", v, &o->cfg.to);
        default:
            if (cli_decide_number("plan", "--refine-reps", v, &x)) return -1;
            if (!(x >= 1 && x <= 100000 && x == floor(x))) {
                fprintf(stderr, "caseload plan: --refine-reps %s: a whole number from 1 to "
                                "100000\n", v);
                return -1;
            }
            o->cfg.refine_reps = (size_t)x;
            return 0;
        }
    }
    return 1;
}

static int plan_extra(int argc, char **argv, int *i, void *ctx)
{
    return parse_plan_option(argc, argv, i, ctx);
}

static int parse_args(int argc, char **argv, plan_opts *o)
{
    const char *files[1];
    int nfiles, rc = cli_decide_parse("plan", argc, argv, &o->c, plan_extra, o, files, 1, &nfiles);
    if (rc)
        return rc;
    if (o->c.help)
        return 0;
    const char *missing = !o->c.file ? "a scenario file" : !o->cfg.key ? "--vary KEY"
                        : !o->cfg.ntargets ? "--target MEASURE>=VALUE" : NULL;
    if (missing) {
        fprintf(stderr, "caseload plan: needs %s (see 'caseload plan --help')\n", missing);
        return 2;
    }
    if (!isnan(o->cfg.from) && !isnan(o->cfg.to) && o->cfg.to <= o->cfg.from) {
        fprintf(stderr, "caseload plan: --to must be above --from\n");
        return 2;
    }
    return 0;
}

static void value_text(const dec_target *t, double v, char *buf, size_t n)
{
    if (metric_kind_of(t->m) == MK_SHARE)
        snprintf(buf, n, "%.1f%%", 100 * v);
    else
        snprintf(buf, n, "%.3g", v);
}

static void describe(const plan_opts *o, const plan_result *r, char *buf, size_t n)
{
    if (!r->found) {
        snprintf(buf, n, "No value of %s within the search's bounds meets every target: widen "
                         "them with --to, or the targets cannot be met by this setting alone.",
                 o->cfg.key);
        return;
    }
    int used = snprintf(buf, n, "The least %s that meets every target is %g (%zu replications): ",
                        o->cfg.key, r->answer, r->at.reps);
    for (int k = 0; k < o->cfg.ntargets && used > 0 && (size_t)used < n; k++) {
        const dec_target *t = &o->cfg.targets[k];
        char a[32], b[32], lo[32], hi[32];
        value_text(t, r->at.mean[t->m], a, sizeof a);
        value_text(t, r->at.lo[t->m], lo, sizeof lo);
        value_text(t, r->at.hi[t->m], hi, sizeof hi);
        value_text(t, r->below.mean[t->m], b, sizeof b);
        used += snprintf(buf + used, n - (size_t)used,
                         "%s%s is %s (95%% interval %s to %s) there and %s at %g%s", k ? "; " : "",
                         metric_label(t->m), a, lo, hi, b, r->answer - o->cfg.step,
                         o->cfg.confidence > 0 ? " (on the mean)" : "");
        if (o->cfg.confidence > 0 && (size_t)used < n)
            used += snprintf(buf + used, n - (size_t)used, ", met in %.0f%% of runs",
                             100 * r->at.share[k]);
    }
    if (used > 0 && (size_t)used < n) {
        if (isfinite(r->sure_hi))
            snprintf(buf + used, n - (size_t)used,
                     ". Allowing for chance (95%% intervals), the least value lies between %g and %g.",
                     r->sure_lo, r->sure_hi);
        else
            snprintf(buf + used, n - (size_t)used,
                     ". Allowing for chance, it is at least %g; no value up to the bound is sure to "
                     "meet every target.", r->sure_lo);
    }
}

static int write_csv(const plan_opts *o, const plan_result *r, char *err, size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/plan.csv", o->c.out);
    outfile f;
    if (outfile_open(&f, path, err, errlen))
        return -1;
    fprintf(f.fp, "key,value,replications,target,measure,mean,ci_lo,ci_hi,share_meeting,meets,"
                  "meets_all,answer\n");
    for (size_t i = 0; i < r->npoints; i++) {
        const dec_point *p = &r->points[i];
        int answer = r->found && p->x[0] == r->answer && p->reps == r->at.reps;
        for (int k = 0; k < o->cfg.ntargets; k++) {
            const dec_target *t = &o->cfg.targets[k];
            fprintf(f.fp, "%s,%.10g,%zu,\"%s\",%s,%.10g,%.10g,%.10g,%.10g,%d,%d,%d\n", o->cfg.key,
                    p->x[0], p->reps, t->text, metric_name(t->m), p->mean[t->m], p->lo[t->m],
                    p->hi[t->m], p->share[k], p->meets[k], p->meets_all, answer);
        }
    }
    return outfile_commit(&f, err, errlen);
}

static int by_x(const void *a, const void *b)
{
    double x = ((const dec_point *)a)->x[0], y = ((const dec_point *)b)->x[0];
    return (x > y) - (x < y);
}

/* One chart per target: at each value, the evaluation with the most replications. */
static int draw(const plan_opts *o, const plan_result *r, char png[][4300], char *err,
                size_t errlen)
{
    dec_point *pts = malloc((r->npoints ? r->npoints : 1) * sizeof *pts);
    double *buf = malloc(4 * (r->npoints ? r->npoints : 1) * sizeof *buf);
    if (!pts || !buf) {
        free(pts);
        free(buf);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    size_t n = 0;
    for (size_t i = 0; i < r->npoints; i++) {
        size_t j = 0;
        while (j < n && pts[j].x[0] != r->points[i].x[0])
            j++;
        if (j == n)
            pts[n++] = r->points[i];
        else if (r->points[i].reps > pts[j].reps)
            pts[j] = r->points[i];
    }
    qsort(pts, n, sizeof *pts, by_x);
    int rc = 0;
    char xlabel[160];
    cli_decide_key_label(o->cfg.key, xlabel, sizeof xlabel);
    for (int k = 0; k < o->cfg.ntargets && !rc; k++) {
        const dec_target *t = &o->cfg.targets[k];
        double *x = buf, *mean = buf + n, *lo = buf + 2 * n, *hi = buf + 3 * n;
        for (size_t i = 0; i < n; i++) {
            x[i] = pts[i].x[0];
            mean[i] = pts[i].mean[t->m];
            lo[i] = pts[i].lo[t->m];
            hi[i] = pts[i].hi[t->m];
        }
        char title[512], tl[128], al[96], ylabel[160], src[512];
        snprintf(title, sizeof title, "%s against %s", metric_label(t->m), xlabel);
        snprintf(tl, sizeof tl, "target %s", strchr(t->text, '=') ? strchr(t->text, '=') + 1 : t->text);
        snprintf(al, sizeof al, "answer: %g", r->answer);
        chart_axis_title(t->m, 0, ylabel, sizeof ylabel);
        snprintf(src, sizeof src, "caseload plan %s, seed %llu; means with 95%% intervals", o->c.file,
                 o->c.seed);
        chart_curve d = {.title = title, .subtitle = "Each value run over the same replications "
                                                     "(common random numbers)",
                         .xlabel = xlabel, .ylabel = ylabel, .source = src, .n = (int)n, .x = x,
                         .mean = mean, .lo = lo, .hi = hi,
                         .share = metric_kind_of(t->m) == MK_SHARE,
                         .from_zero = metric_kind_of(t->m) == MK_FLOW || metric_kind_of(t->m) == MK_STOCK,
                         .has_target = 1,
                         .target = t->value, .target_label = tl, .has_answer = r->found,
                         .answer = r->answer, .answer_label = al};
        char path[4300];
        snprintf(path, sizeof path, "%s/charts/plan-%s.svg", o->c.out, metric_name(t->m));
        rc = chart_curve_draw(&d, CHART_SVG, path, err, errlen);
        snprintf(png[k], 4300, "%s/charts/plan-%s.png", o->c.out, metric_name(t->m));
        if (!rc)
            rc = chart_curve_draw(&d, CHART_PNG, png[k], err, errlen);
    }
    free(pts);
    free(buf);
    return rc;
}

static int write_report(const plan_opts *o, const plan_result *r, const char *sentence,
                        char png[][4300], char *err, size_t errlen)
{
    char table[8192];
    int used = snprintf(table, sizeof table, "<table><tr><th>%s</th><th>replications</th>",
                        o->cfg.key);
    for (int k = 0; k < o->cfg.ntargets; k++)
        used += snprintf(table + used, sizeof table - (size_t)used, "<th>%s (target %s)</th>",
                         metric_name(o->cfg.targets[k].m),
                         strchr(o->cfg.targets[k].text, '=') + 1);
    used += snprintf(table + used, sizeof table - (size_t)used, "<th>meets every target</th></tr>\n");
    for (size_t i = 0; i < r->npoints && used < (int)sizeof table - 400; i++) {
        const dec_point *p = &r->points[i];
        used += snprintf(table + used, sizeof table - (size_t)used, "<tr><td>%g</td><td>%zu</td>",
                         p->x[0], p->reps);
        for (int k = 0; k < o->cfg.ntargets; k++) {
            char a[32], lo[32], hi[32];
            value_text(&o->cfg.targets[k], p->mean[o->cfg.targets[k].m], a, sizeof a);
            value_text(&o->cfg.targets[k], p->lo[o->cfg.targets[k].m], lo, sizeof lo);
            value_text(&o->cfg.targets[k], p->hi[o->cfg.targets[k].m], hi, sizeof hi);
            used += snprintf(table + used, sizeof table - (size_t)used, "<td>%s (%s to %s)</td>", a,
                             lo, hi);
        }
        used += snprintf(table + used, sizeof table - (size_t)used, "<td>%s</td></tr>\n",
                         p->meets_all ? "yes" : "no");
    }
    snprintf(table + used, sizeof table - (size_t)used, "</table>\n");
    char intro[1024], footer[512], path[4200];
    snprintf(intro, sizeof intro, "Scenario %s, varying %s in steps of %g. Every value was run over "
                                  "the same replications (seed %llu), so values differ by the "
                                  "setting alone; the evaluations below are in the order the "
                                  "search made them.", o->c.file, o->cfg.key, o->cfg.step, o->c.seed);
    snprintf(footer, sizeof footer, "caseload %s; plan.csv beside this page holds every number.",
             CASELOAD_VERSION);
    const char *paras[3] = {sentence, intro, r->monotone ? NULL
                            : "Warning: a higher value failed where a lower one met the targets, "
                              "so the measure is not monotone in this setting at this number of "
                              "replications; read the answer with care."};
    const char *alts[DEC_MAX_TARGETS], *pngs[DEC_MAX_TARGETS];
    for (int k = 0; k < o->cfg.ntargets; k++) {
        alts[k] = metric_label(o->cfg.targets[k].m);
        pngs[k] = png[k];
    }
    report_page pg = {.title = "How much is needed to meet the target", .paras = paras,
                      .nparas = r->monotone ? 2 : 3, .table_html = table, .chart_png = pngs,
                      .chart_alt = alts, .ncharts = o->c.charts ? o->cfg.ntargets : 0,
                      .footer = footer};
    snprintf(path, sizeof path, "%s/report.html", o->c.out);
    return report_page_write(path, &pg, err, errlen);
}

/* The run and its files, with the folder locked. */
static int plan_and_write(const plan_opts *o)
{
    int rc;
    dec_run run;
    cli_decide_run(&o->c, &run);
    plan_result res;
    char err[1024];
    rc = plan_run(&run, &o->cfg, &res, err, sizeof err);
    if (rc) {
        plan_result_free(&res);
        return cli_decide_exit("plan", rc, err);
    }
    char sentence[2048], png[DEC_MAX_TARGETS][4300];
    describe(o, &res, sentence, sizeof sentence);
    printf("%s\n", sentence);
    if (!res.monotone)
        printf("Warning: the targets were met at a lower value and missed at a higher one: the "
               "answer assumes a monotone effect.\n");
    rc = write_csv(o, &res, err, sizeof err);
    if (!rc && o->c.charts)
        rc = draw(o, &res, png, err, sizeof err);
    if (!rc && o->c.charts)
        rc = write_report(o, &res, sentence, png, err, sizeof err);
    plan_result_free(&res);
    if (rc) {
        fprintf(stderr, "caseload plan: %s\n", err);
        return 1;
    }
    metric_id ms[DEC_MAX_TARGETS];
    for (int k = 0; k < o->cfg.ntargets; k++)
        ms[k] = o->cfg.targets[k].m;
    if (cli_decide_manifest("plan", o->c.out, "plan.csv", o->c.charts, "plan", ms,
                            (size_t)o->cfg.ntargets))
        return 1;
    printf("Results: %s/plan.csv%s\n", o->c.out, o->c.charts ? ", charts/ and report.html" : "");
    return 0;
}

int cmd_plan(int argc, char **argv)
{
    plan_opts o = {.c = {.reps = 40, .seed = 1, .threads = runner_default_threads(),
                         .out = "out/plan", .charts = 1},
                   .cfg = {.step = 1, .from = NAN, .to = NAN}};
    int rc = parse_args(argc, argv, &o);
    if (rc || o.c.help) {
        if (o.c.help)
            usage(stdout);
        return rc;
    }
    outfile_lock lock;
    if (cli_decide_outdir("plan", o.c.out, &lock))
        return 1;
    rc = plan_and_write(&o);
    outfile_unlock(&lock);
    return rc;
}
