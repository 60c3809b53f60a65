/* caseload fit: a baseline fitted to an authority's published figures (sim/decide/fit.c), written
 * as a scenario that inherits the base, each fitted value beside its targets. Exit codes as
 * sim/cli/cli.h. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_decide.h"
#include "outfile.h"
#include "runner.h"
#include "scenario.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: caseload fit FIGURES.csv --out MY-AUTHORITY.ini [--base FILE] [--keep KEY]...\n"
            "                    [OPTIONS]\n\n"
            "Fits a baseline to an authority's own published figures. FIGURES.csv has one row per\n"
            "figure (columns measure,value,year,source; data/figures-template.csv lists every\n"
            "measure and where the DfE publishes it). Facts of the authority (children, social\n"
            "workers, vacancy, agency and turnover rates) are set as they are; the other figures\n"
            "are targets, and the settings they inform (demand, level cut points, re-referral,\n"
            "assessment effort, plan lengths: docs/model.md lists them) are fitted together by a\n"
            "derivative-free simplex (GSL) on common random numbers. Writes a scenario that\n"
            "inherits the base, each fitted value with a comment giving its targets, the fitted\n"
            "values and the differences, and prints the same table; its [targets] section lets\n"
            "a run of it report how close each target is (targets.csv, the report's table).\n"
            "It stops once every target is within 1%%, or within 4%% after half of --max-evals.\n\n"
            "  --out FILE        the scenario to write (required)\n"
            "  --base FILE       the scenario it inherits (default scenarios/baseline.ini)\n"
            "  --keep KEY        hold a free setting at the base's value (repeatable)\n"
            "  --reps N          replications of each evaluation (default 12)\n"
            "  --max-evals N     evaluations at most (default 300)\n"
            "  --seed S          master seed (default 1)\n"
            "  --threads T       threads (default: the online processors)\n"
            "  --set S.K=V       override a setting of the base first (repeatable)\n"
            "  --quiet           no progress on stderr\n"
            "  --help            this text\n\n"
            "Exit status: 0 done (a target it could not reach within 5%% is named, with why);\n"
            "1 a run-time failure; 2 bad arguments, a malformed or inconsistent figures file\n"
            "(FILE:LINE: column ...), or a bad base scenario; 130/143 stopped.\n");
}

typedef struct fit_opts {
    cli_decide_opts c;
    const char *figures, *base, *outfile;
    fit_config cfg;
} fit_opts;

static int parse_args(int argc, char **argv, fit_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] == '-' && a[1]) {
            int missing = 0, rc = 0;
            const char *v;
            if (!strcmp(a, "--out") || !strncmp(a, "--out=", 6)) {
                v = cli_decide_value(argc, argv, &i, "--out", &missing);
                o->outfile = v;
            } else if ((v = cli_decide_value(argc, argv, &i, "--base", &missing))) {
                o->base = v;
            } else if (!missing && (v = cli_decide_value(argc, argv, &i, "--keep", &missing))) {
                if (o->cfg.nkeep == 16) {
                    fprintf(stderr, "caseload fit: at most 16 --keep\n");
                    return 2;
                }
                o->cfg.keep[o->cfg.nkeep++] = v;
            } else if (!missing && (v = cli_decide_value(argc, argv, &i, "--max-evals", &missing))) {
                double x;
                if (cli_decide_number("fit", "--max-evals", v, &x) || x < 1 || x > 100000 || x != floor(x)) {
                    fprintf(stderr, "caseload fit: --max-evals %s: a whole number from 1 to 100000\n", v);
                    return 2;
                }
                o->cfg.max_evals = (int)x;
            } else if (!missing) {
                rc = cli_decide_option("fit", argc, argv, &i, &o->c);
                if (rc < 0)
                    return 2;
                if (rc > 0) {
                    fprintf(stderr, "caseload fit: unknown option '%s' (see 'caseload fit --help')\n", a);
                    return 2;
                }
                continue;
            }
            if (missing || (!v && !missing)) {
                fprintf(stderr, "caseload fit: %s needs a value\n", a);
                return 2;
            }
        } else if (o->figures) {
            fprintf(stderr, "caseload fit: one figures file only, got '%s' and '%s'\n", o->figures, a);
            return 2;
        } else {
            o->figures = a;
        }
    }
    if (o->c.help)
        return 0;
    if (!o->figures || !o->outfile) {
        fprintf(stderr, "caseload fit: needs %s (see 'caseload fit --help')\n",
                !o->figures ? "a figures file" : "--out MY-AUTHORITY.ini");
        return 2;
    }
    for (int k = 0; k < o->cfg.nkeep; k++) {
        int known = 0;
        for (int j = 0; fit_free_key(j); j++)
            known |= !strcmp(fit_free_key(j), o->cfg.keep[k]);
        if (!known) {
            fprintf(stderr, "caseload fit: --keep %s: not one of the free settings (", o->cfg.keep[k]);
            for (int j = 0; fit_free_key(j); j++)
                fprintf(stderr, "%s%s", j ? ", " : "", fit_free_key(j));
            fprintf(stderr, ")\n");
            return 2;
        }
    }
    return 0;
}

/* The base's path as seen from the directory of the output file, so `base =` resolves there. */
static void relative_base(const char *base, const char *out, char *buf, size_t n)
{
    char rb[PATH_MAX], ro[PATH_MAX], dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", out);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    if (!realpath(base, rb) || !realpath(dir, ro)) {
        snprintf(buf, n, "%s", base);
        return;
    }
    size_t common = 0, i = 0;
    while (rb[i] && rb[i] == ro[i]) {
        if (rb[i] == '/')
            common = i;
        i++;
    }
    if (!ro[i] && rb[i] == '/')
        common = i;
    int ups = 0;
    for (const char *p = ro + common; *p; p++)
        ups += *p == '/';
    size_t used = 0;
    for (int k = 0; k < ups && used + 3 < n; k++)
        used += (size_t)snprintf(buf + used, n - used, "../");
    snprintf(buf + used, n - used, "%s", rb + common + 1);
}

static double rel_diff(double model, double target)
{
    return target > 0 ? (model - target) / target : NAN;
}

/* The section of a key ("staff \"social_worker\"", "demand") and its name in it. */
static void split_key(const char *key, char *sec, size_t n, const char **name)
{
    const char *eq = strchr(key, '='), *dot = NULL;
    for (const char *p = key; p < eq; p++)
        if (*p == '.')
            dot = p;
    if (!strncmp(key, "staff.", 6))
        snprintf(sec, n, "staff \"%.*s\"", (int)(dot - key - 6), key + 6);
    else
        snprintf(sec, n, "%.*s", (int)(dot - key), key);
    *name = dot + 1;
}

/* Every key = value, grouped under its section (each section once, in first-seen order). */
static void write_keys(FILE *f, char keys[][192], int n)
{
    int done[64] = {0};
    for (int i = 0; i < n && i < 64; i++) {
        if (done[i])
            continue;
        char sec[96], sec2[96];
        const char *name;
        split_key(keys[i], sec, sizeof sec, &name);
        fprintf(f, "\n[%s]\n", sec);
        for (int j = i; j < n && j < 64; j++) {
            split_key(keys[j], sec2, sizeof sec2, &name);
            if (done[j] || strcmp(sec, sec2))
                continue;
            const char *eq = strchr(keys[j], '=');
            fprintf(f, "%.*s = %s\n", (int)(eq - name), name, eq + 1);
            done[j] = 1;
        }
    }
}

/* One line of the scenario, cut to the parser's line length (a long source is cut short: the
 * figures file keeps it whole). */
static void put_line(FILE *f, const char *fmt, ...)
{
    char line[SCN_MAX_LINE + 1];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(f, "%s\n", line);
}

/* The targets as keys the parser keeps, so a run of the fitted scenario reports how close each
 * is (the report's table of target, model and difference). Each line stays within the parser's
 * line length: the comment (year, source) is cut to fit. */
static void write_targets(FILE *f, const fit_figures *fig)
{
    fprintf(f, "\n[targets]\n; the published figures fitted to: the report compares the run with "
               "them\n");
    for (int i = 0; i < fig->n; i++) {
        const fit_figure *g = &fig->fig[i];
        if (g->m->kind != FIT_TARGET)
            continue;
        put_line(f, "%s = %.10g  ; %s, %s", g->m->name, g->value, g->year, g->source);
    }
}

static int write_scenario(const fit_opts *o, const fit_figures *fig, const fit_result *r,
                          char *err, size_t errlen)
{
    outfile f;
    if (outfile_open(&f, o->outfile, err, errlen))
        return -1;
    char base[PATH_MAX];
    relative_base(o->base, o->outfile, base, sizeof base);
    put_line(f.fp, "; Fitted by caseload fit %s to %s", CASELOAD_VERSION, o->figures);
    fprintf(f.fp, "; (seed %llu, %zu replications an evaluation, %d evaluations; sum of squared "
                  "relative errors %.3g).\n;\n"
                  "; figure                     target       fitted   difference   year, source\n",
            o->c.seed, o->c.reps, r->evals, r->objective);
    for (int i = 0; i < fig->n; i++) {
        const fit_figure *g = &fig->fig[i];
        if (g->m->kind == FIT_TARGET)
            put_line(f.fp, "; %-24s %10.4g %12.4g %+10.1f%%   %s%s, %s", g->m->name, g->value,
                     r->model[i], 100 * rel_diff(r->model[i], g->value), g->year,
                     r->fitted[i] ? "" : " (not fitted: it follows from the others)", g->source);
        else
            put_line(f.fp, "; %-24s %10.4g   (set as it is)          %s, %s", g->m->name,
                     g->value, g->year, g->source);
    }
    fprintf(f.fp, "\n[scenario]\n");
    put_line(f.fp, "name = Fitted to %.100s", o->figures); /* the name holds 127 characters */
    fprintf(f.fp, "base = %s\n", base);
    char keys[64][192];
    int n = 0;
    for (size_t i = 0; i < o->c.nsets && n < 64; i++) { /* the --set the fit ran with */
        int fitted = 0;
        for (int k = 0; k < r->nfree; k++)
            fitted |= !strncmp(o->c.sets[i], r->key[k], strlen(r->key[k]))
                      && o->c.sets[i][strlen(r->key[k])] == '=';
        if (!fitted && strncmp(o->c.sets[i], "scenario.", 9))
            snprintf(keys[n++], sizeof keys[0], "%s", o->c.sets[i]);
    }
    for (int i = 0; i < r->nsets && n < 64; i++)
        snprintf(keys[n++], sizeof keys[0], "%s", r->sets[i]);
    for (int k = 0; k < r->nfree && n < 64; k++)
        snprintf(keys[n++], sizeof keys[0], "%s=%.6g%s  ; fitted", r->key[k], r->value[k],
                 strstr(r->key[k], "_duration") ? "wd" : "");
    write_keys(f.fp, keys, n);
    write_targets(f.fp, fig);
    return outfile_commit(&f, err, errlen);
}

static void print_table(const fit_opts *o, const fit_figures *fig, const fit_result *r)
{
    printf("%-26s %12s %12s %11s\n", "figure", "target", "fitted", "difference");
    int unmet = 0;
    for (int i = 0; i < fig->n; i++) {
        const fit_figure *g = &fig->fig[i];
        if (g->m->kind != FIT_TARGET) {
            printf("%-26s %12.5g %12s\n", g->m->name, g->value, "set");
            continue;
        }
        double d = rel_diff(r->model[i], g->value);
        printf("%-26s %12.5g %12.5g %+10.1f%%\n", g->m->name, g->value, r->model[i], 100 * d);
        unmet += !(fabs(d) <= 0.05);
    }
    for (int k = 0; k < r->nfree; k++)
        printf("fitted %s = %.6g\n", r->key[k], r->value[k]);
    for (int i = 0; i < fig->n; i++) {
        const fit_figure *g = &fig->fig[i];
        double d = rel_diff(r->model[i], g->value);
        if (g->m->kind != FIT_TARGET || fabs(d) <= 0.05)
            continue;
        int kept = o->cfg.nkeep > 0;
        printf("not reached within 5%%: %s (%+.1f%%): %s\n", g->m->name, 100 * d,
               !r->fitted[i]
                   ? "no free setting moves it directly: it follows from the fitted demand, plan "
                     "lengths and staff (for caseload: check that sw_fte counts case-holders only)"
               : kept ? "a setting that informs it may be held by --keep"
                      : "the settings it shares with other targets cannot meet them all: a "
                        "compromise (raise --max-evals, or check the figures agree)");
    }
    if (!unmet)
        printf("Every target is within 5%%.\n");
}

int cmd_fit(int argc, char **argv)
{
    fit_opts o = {.c = {.reps = 12, .seed = 1, .threads = runner_default_threads(), .charts = 1},
                  .base = "scenarios/baseline.ini",
                  /* stop a point inside the 5% the table is judged by, so that another
                   * run's replications do not tip a target over it */
                  .cfg = {.max_evals = 300, .tolerance = 1e-3, .good_enough = 1e-5,
                          .stop_within = 0.04}};
    int rc = parse_args(argc, argv, &o);
    if (rc || o.c.help) {
        if (o.c.help)
            usage(stdout);
        return rc;
    }
    char err[1024];
    fit_figures fig;
    rc = fit_read_figures(o.figures, &fig, err, sizeof err);
    if (rc)
        return cli_decide_exit("fit", rc, err);
    /* the figures' children first: the base at the authority's size */
    o.c.file = o.base;
    dec_run run;
    cli_decide_run(&o.c, &run);
    fit_result res;
    rc = fit_run(&run, &fig, &o.cfg, &res, err, sizeof err);
    if (rc)
        return cli_decide_exit("fit", rc, err);
    print_table(&o, &fig, &res);
    if (write_scenario(&o, &fig, &res, err, sizeof err)) {
        fprintf(stderr, "caseload fit: %s\n", err);
        return 1;
    }
    printf("Scenario: %s (caseload validate %s)\n", o.outfile, o.outfile);
    return 0;
}
