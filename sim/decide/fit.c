/* fit: a baseline fitted to an authority's published figures (include/decide/decide.h).
 *
 * The figures that are facts of the authority (children, social workers in post, vacancy, agency
 * and turnover rates) are set as they are. The rest are targets: the free settings each one
 * informs (fit_free below, the documented list) are fitted together by GSL's Nelder-Mead simplex
 * (gsl_multimin_fminimizer_nmsimplex2) on a fixed set of common-random-number replications, so
 * the objective is a deterministic function of the settings and two runs of the fit agree. The
 * objective is the sum of squared relative errors. Positive settings are searched on a log scale. */
#include "decide.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_multimin.h>

#include "chart_data.h"
#include "params.h"

/* The figures a file may hold: DfE local authority terms, what each is in the model. */
const fit_measure fit_measures[] = {
    {"children", FIT_SET, "demand.children", NULL, 0, "children under 18 (ONS mid-year estimate)"},
    {"referrals", FIT_TARGET, NULL, NULL, 0, "referrals to children's social care in the year (children)"},
    {"rereferral_rate", FIT_TARGET, NULL, NULL, 1, "share of referrals within 12 months of an earlier one"},
    {"assessments", FIT_TARGET, NULL, NULL, 0, "assessments completed in the year"},
    {"assessments_within_45wd", FIT_TARGET, NULL, NULL, 1, "share of assessments completed within 45 working days"},
    {"s47_enquiries", FIT_TARGET, NULL, NULL, 0, "section 47 enquiries started in the year"},
    {"icpcs", FIT_TARGET, NULL, NULL, 0, "initial child protection conferences in the year"},
    {"cpp_starts", FIT_TARGET, NULL, NULL, 0, "child protection plans started in the year"},
    {"cin_31mar", FIT_TARGET, NULL, NULL, 0, "children in need at 31 March (with those on plans and looked after)"},
    {"cpp_31mar", FIT_TARGET, NULL, NULL, 0, "children on a child protection plan at 31 March"},
    {"cla_31mar", FIT_TARGET, NULL, NULL, 0, "children looked after at 31 March"},
    {"caseload", FIT_TARGET, NULL, NULL, 0, "cases per case-holding social worker (FTE) at 30 September"},
    {"sw_fte", FIT_SET, "staff.social_worker.fte", NULL, 0, "case-holding children's social workers (FTE)"},
    {"vacancy_rate", FIT_SET, "staff.social_worker.vacancy", NULL, 1, "social worker vacancy rate (share of establishment)"},
    {"agency_rate", FIT_SET, "staff.social_worker.agency_share", NULL, 1, "agency social workers (share of establishment)"},
    {"turnover_rate", FIT_SET, "staff.social_worker.turnover", NULL, 1, "social worker turnover (leavers a year per FTE)"},
};
const size_t fit_measure_count = sizeof fit_measures / sizeof fit_measures[0];

/* The free settings, what informs each, and whether it is searched on a log scale. */
static const struct {
    const char *key, *informed_by[4];
    int log;
} fit_free[] = {
    {"demand.contacts_per_week", {"referrals"}, 1},
    {"demand.level_cin", {"assessments", "cin_31mar"}, 0},
    {"demand.level_cp", {"cpp_starts", "s47_enquiries", "icpcs", "cpp_31mar"}, 0},
    {"demand.level_s47", {"s47_enquiries"}, 0}, /* how many assessments lead to an enquiry */
    {"demand.level_lac", {"cla_31mar"}, 0},
    {"demand.rereferral_prob", {"rereferral_rate"}, 1},
    {"social_work.assessment_hours", {"assessments_within_45wd"}, 1},
    {"social_work.cp_duration", {"cpp_31mar"}, 1},
    {"social_work.lac_duration", {"cla_31mar"}, 1},
    {"social_work.cin_duration", {"cin_31mar"}, 1},
    {"staff.social_worker.fte", {"caseload"}, 1}, /* only when sw_fte is not a figure */
};
#define NFREE ((int)(sizeof fit_free / sizeof fit_free[0]))

const char *fit_free_key(int i) { return i >= 0 && i < NFREE ? fit_free[i].key : NULL; }

static const fit_measure *find_measure(const char *name)
{
    for (size_t i = 0; i < fit_measure_count; i++)
        if (!strcmp(fit_measures[i].name, name))
            return &fit_measures[i];
    return NULL;
}

/* ---- reading the figures ---- */

static int bad(char *err, size_t errlen, const chart_csv *c, size_t row, const char *col,
               const char *what)
{
    snprintf(err, errlen, "%s:%zu: column '%s': %s", c->path, c->line[row], col, what);
    return DEC_EBAD;
}

static int value_of(const chart_csv *c, size_t row, int col, const fit_measure *m, double *out,
                    char *err, size_t errlen)
{
    const char *v = chart_csv_field(c, row, col);
    char buf[64];
    size_t n = 0;
    for (const char *p = v; *p && n + 1 < sizeof buf; p++)
        if (*p != ',')
            buf[n++] = *p;
    buf[n] = '\0';
    char *end;
    double x = strtod(buf, &end);
    int pct = *end == '%';
    if (pct)
        end++;
    if (end == buf || *end || !isfinite(x))
        return bad(err, errlen, c, row, "value", "is not a number (write 1792, 22% or 0.22)");
    if (pct)
        x /= 100;
    if (x < 0)
        return bad(err, errlen, c, row, "value", "is negative");
    if (m->share && x > 1)
        return bad(err, errlen, c, row, "value", "is a rate above 1 (100%)");
    *out = x;
    return 0;
}

static int check_consistent(const fit_figures *f, char *err, size_t errlen)
{
    static const struct { const char *part, *whole, *why; } rules[] = {
        {"cpp_31mar", "cin_31mar", "more children on child protection plans than in need"},
        {"cla_31mar", "cin_31mar", "more children looked after than in need"},
        {"icpcs", "s47_enquiries", "more initial conferences than section 47 enquiries"},
        {"cpp_starts", "referrals", "more child protection plans started than referrals"},
        {"assessments", "referrals", "far more assessments than referrals"},
        {"referrals", "children", "more referrals than children"},
    };
    for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
        const fit_figure *a = NULL, *b = NULL;
        for (int i = 0; i < f->n; i++) {
            if (!strcmp(f->fig[i].m->name, rules[r].part))
                a = &f->fig[i];
            if (!strcmp(f->fig[i].m->name, rules[r].whole))
                b = &f->fig[i];
        }
        double slack = !strcmp(rules[r].part, "assessments") ? 1.5 : 1.0;
        if (a && b && a->value > b->value * slack) {
            snprintf(err, errlen, "%s:%d: %s (%s %.10g, %s %.10g): the figures cannot all be right",
                     f->path, a->line, rules[r].why, rules[r].part, a->value, rules[r].whole, b->value);
            return DEC_EBAD;
        }
    }
    return 0;
}

int fit_read_figures(const char *path, fit_figures *f, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    snprintf(f->path, sizeof f->path, "%s", path);
    chart_csv c;
    int rc = chart_csv_read(&c, path, err, errlen);
    if (rc)
        return rc == CHART_EBAD ? DEC_EBAD : DEC_ERR;
    int cm = chart_csv_column(&c, "measure"), cv = chart_csv_column(&c, "value");
    int cy = chart_csv_column(&c, "year"), cs = chart_csv_column(&c, "source");
    if (cm < 0 || cv < 0 || cy < 0 || cs < 0) {
        snprintf(err, errlen, "%s:1: the header needs the columns measure,value,year,source "
                              "(data/figures-template.csv)", path);
        chart_csv_free(&c);
        return DEC_EBAD;
    }
    for (size_t row = 0; row < c.nrows && !rc; row++) {
        const char *name = chart_csv_field(&c, row, cm);
        const fit_measure *m = find_measure(name);
        if (!m) {
            char what[256], shown[CSV_SHOWN];
            snprintf(what, sizeof what, "no measure '%s' (data/figures-template.csv lists them)",
                     csv_shown(name, shown));
            rc = bad(err, errlen, &c, row, "measure", what);
            break;
        }
        for (int i = 0; i < f->n; i++)
            if (f->fig[i].m == m) {
                char what[256];
                snprintf(what, sizeof what, "'%s' appears twice (first on line %d)", name, f->fig[i].line);
                rc = bad(err, errlen, &c, row, "measure", what);
            }
        if (rc)
            break;
        if (f->n == FIT_MAX_FIGURES) {
            rc = bad(err, errlen, &c, row, "measure", "too many rows");
            break;
        }
        if (m->kind == FIT_TARGET && params_target_find(m->name) < 0) {
            rc = bad(err, errlen, &c, row, "measure", "a target with no [targets] key (params.h)");
            break;
        }
        if (m->kind == FIT_TARGET) { /* every measure it is compared with exists in this build */
            char parts[128];
            snprintf(parts, sizeof parts, "%s", params_target_metrics(params_target_find(m->name)));
            for (char *tok = strtok(parts, "+"); tok && !rc; tok = strtok(NULL, "+"))
                if (metric_parse(tok) < 0) {
                    char what[256];
                    snprintf(what, sizeof what, "'%s' needs the model's measure '%s', which this "
                                                "build does not have", name, tok);
                    rc = bad(err, errlen, &c, row, "measure", what);
                }
            if (rc)
                break;
        }
        fit_figure *g = &f->fig[f->n];
        g->m = m;
        g->line = (int)c.line[row];
        if ((rc = value_of(&c, row, cv, m, &g->value, err, errlen)))
            break;
        if (!strcmp(m->name, "children") && g->value < 1)
            rc = bad(err, errlen, &c, row, "value", "there must be at least one child");
        if (!*chart_csv_field(&c, row, cy))
            rc = bad(err, errlen, &c, row, "year", "is empty (the year the figure is for)");
        if (!rc && !*chart_csv_field(&c, row, cs))
            rc = bad(err, errlen, &c, row, "source", "is empty (where the figure is published)");
        if (!rc) {
            snprintf(g->year, sizeof g->year, "%s", chart_csv_field(&c, row, cy));
            snprintf(g->source, sizeof g->source, "%s", chart_csv_field(&c, row, cs));
            f->n++;
        }
    }
    chart_csv_free(&c);
    if (!rc && f->n == 0) {
        snprintf(err, errlen, "%s: no figures", path);
        rc = DEC_EBAD;
    }
    return rc ? rc : check_consistent(f, err, errlen);
}

/* ---- the fit ---- */

typedef struct fit_ctx {
    const dec_run *run;
    const fit_figures *fig;
    const fit_config *cfg;
    int free_idx[16], nfree;
    char sets[32][192];
    int nsets;                 /* the figures set as they are */
    int evals, failed;
    double ratio;              /* the authority's children over the base's */
    int fitted[FIT_MAX_FIGURES]; /* the figure is a target some free setting informs */
    char *err;
    size_t errlen;
    double best_f, best_x[16];
    double best_max;       /* the largest relative error of a fitted target at the best point */
    dec_point best;
} fit_ctx;

static double model_value(const dec_point *p, const fit_measure *m)
{
    return params_target_model(params_target_find(m->name), p->mean);
}

static double setting_of(const fit_ctx *c, int k, double y)
{
    return fit_free[c->free_idx[k]].log ? exp(y) : y;
}

static double objective(const gsl_vector *v, void *params)
{
    fit_ctx *c = params;
    if (c->failed)
        return GSL_POSINF;
    char own[16][192];
    const char *extra[48];
    int n = 0;
    for (int i = 0; i < c->nsets; i++)
        extra[n++] = c->sets[i];
    for (int k = 0; k < c->nfree; k++) {
        snprintf(own[k], sizeof own[k], "%s=%.10g%s", fit_free[c->free_idx[k]].key,
                 setting_of(c, k, gsl_vector_get(v, (size_t)k)),
                 strstr(fit_free[c->free_idx[k]].key, "_duration") ? "wd" : "");
        extra[n++] = own[k];
    }
    dec_point p;
    memset(&p, 0, sizeof p);
    int rc = dec_eval_sets(c->run, NULL, extra, n, c->run->reps, NULL, 0, 0, &p, c->err, c->errlen);
    c->evals++;
    if (rc == DEC_EBAD)
        return GSL_POSINF; /* out of a setting's range: the simplex steps back */
    if (rc) {
        c->failed = rc;
        return GSL_POSINF;
    }
    double f = 0, worst = 0;
    for (int i = 0; i < c->fig->n; i++) {
        const fit_figure *g = &c->fig->fig[i];
        if (g->m->kind != FIT_TARGET || g->value <= 0 || !c->fitted[i])
            continue;
        double e = (model_value(&p, g->m) - g->value) / g->value;
        f += isfinite(e) ? e * e : 1e6;
        double a = isfinite(e) ? fabs(e) : GSL_POSINF;
        worst = a > worst ? a : worst;
    }
    if (f < c->best_f) {
        c->best_f = f;
        c->best_max = worst;
        c->best = p;
        for (int k = 0; k < c->nfree; k++)
            c->best_x[k] = gsl_vector_get(v, (size_t)k);
    }
    return f;
}

static int informs(const fit_figures *f, int j, const fit_config *cfg)
{
    for (int i = 0; i < cfg->nkeep; i++)
        if (!strcmp(cfg->keep[i], fit_free[j].key))
            return 0;
    for (int i = 0; i < f->n; i++) /* a fact of the authority is not fitted */
        if (f->fig[i].m->kind == FIT_SET && !strcmp(f->fig[i].m->key, fit_free[j].key))
            return 0;
    for (int i = 0; i < f->n; i++)
        for (int k = 0; k < 4 && fit_free[j].informed_by[k]; k++)
            if (!strcmp(f->fig[i].m->name, fit_free[j].informed_by[k]))
                return 1;
    return 0;
}

static const fit_figure *figure(const fit_figures *f, const char *name)
{
    for (int i = 0; i < f->n; i++)
        if (!strcmp(f->fig[i].m->name, name))
            return &f->fig[i];
    return NULL;
}

/* The base at the authority's size: its staff pools not given by a figure scaled by the ratio of
 * children, so that the simplex starts near the answer. */
static void scale_staff(fit_ctx *c, double ratio)
{
    static const char *const pools[] = {"social_worker", "front_door", "front_door_unqualified",
                                        "early_help", "manager"};
    for (size_t i = 0; i < sizeof pools / sizeof pools[0]; i++) {
        char key[96];
        double v;
        snprintf(key, sizeof key, "staff.%s.fte", pools[i]);
        int given = 0; /* by the user's --set: already the authority's */
        for (size_t k = 0; k < c->run->nsets; k++)
            given |= !strncmp(c->run->sets[k], key, strlen(key)) && c->run->sets[k][strlen(key)] == '=';
        int is_free = 0; /* then the simplex starts from the scaled value instead */
        for (int k = 0; k < c->nfree; k++)
            is_free |= !strcmp(fit_free[c->free_idx[k]].key, key);
        if (given || is_free || (!strcmp(pools[i], "social_worker") && figure(c->fig, "sw_fte"))
            || dec_current_value(c->run, key, &v, c->err, c->errlen))
            continue;
        snprintf(c->sets[c->nsets++], sizeof c->sets[0], "%s=%.10g", key, v * ratio);
    }
}

/* The figures that are facts of the authority, as overrides. */
static void fill_sets(fit_ctx *c)
{
    const fit_figure *ch = figure(c->fig, "children");
    double base_children;
    c->ratio = 1;
    if (ch && !dec_current_value(c->run, "demand.children", &base_children, c->err, c->errlen)
        && base_children > 0 && ch->value != base_children) {
        c->ratio = ch->value / base_children;
        scale_staff(c, c->ratio);
    }
    for (int i = 0; i < c->fig->n; i++) {
        const fit_figure *g = &c->fig->fig[i];
        if (g->m->kind != FIT_SET)
            continue;
        double v = g->value;
        if (!strcmp(g->m->name, "agency_rate")) { /* agency as a share of vacancies covered */
            double vac = NAN;
            for (int k = 0; k < c->fig->n; k++)
                if (!strcmp(c->fig->fig[k].m->name, "vacancy_rate"))
                    vac = c->fig->fig[k].value;
            if (!(vac > 0))
                continue; /* without the vacancy rate the agency rate cannot be placed */
            v = v / vac > 1 ? 1 : v / vac;
        }
        snprintf(c->sets[c->nsets++], sizeof c->sets[0], "%s=%.10g", g->m->key, v);
    }
}

/* The free settings' start (the base's values) and first steps. */
static int setup(fit_ctx *c, gsl_vector *x, gsl_vector *step)
{
    for (int k = 0; k < c->nfree; k++) {
        double v0;
        int rc = dec_current_value(c->run, fit_free[c->free_idx[k]].key, &v0, c->err, c->errlen);
        if (rc)
            return rc;
        if (!strcmp(fit_free[c->free_idx[k]].key, "demand.contacts_per_week"))
            v0 *= c->ratio;
        int lg = fit_free[c->free_idx[k]].log;
        gsl_vector_set(x, (size_t)k, lg ? log(v0 > 0 ? v0 : 1e-6) : v0);
        gsl_vector_set(step, (size_t)k, lg ? 0.15 : 0.08);
    }
    return 0;
}

int fit_run(const dec_run *run, const fit_figures *fig, const fit_config *cfg, fit_result *res,
            char *err, size_t errlen)
{
    memset(res, 0, sizeof *res);
    fit_ctx c = {.run = run, .fig = fig, .cfg = cfg, .err = err, .errlen = errlen,
                 .best_f = GSL_POSINF, .best_max = GSL_POSINF};
    for (int j = 0; j < NFREE; j++)
        if (informs(fig, j, cfg))
            c.free_idx[c.nfree++] = j;
    for (int i = 0; i < fig->n; i++)
        for (int k = 0; k < c.nfree; k++)
            for (int q = 0; q < 4 && fit_free[c.free_idx[k]].informed_by[q]; q++)
                if (!strcmp(fit_free[c.free_idx[k]].informed_by[q], fig->fig[i].m->name))
                    c.fitted[i] = res->fitted[i] = 1;
    res->nfree = c.nfree;
    fill_sets(&c);
    if (c.nfree == 0) { /* only facts: nothing to fit, evaluate them once */
        gsl_vector *none = gsl_vector_alloc(1);
        objective(none, &c);
        gsl_vector_free(none);
    } else {
        gsl_vector *x = gsl_vector_alloc((size_t)c.nfree), *step = gsl_vector_alloc((size_t)c.nfree);
        int rc = setup(&c, x, step);
        if (rc) {
            gsl_vector_free(x);
            gsl_vector_free(step);
            return rc;
        }
        gsl_multimin_function fn = {.f = objective, .n = (size_t)c.nfree, .params = &c};
        gsl_multimin_fminimizer *m = gsl_multimin_fminimizer_alloc(
            gsl_multimin_fminimizer_nmsimplex2, (size_t)c.nfree);
        gsl_multimin_fminimizer_set(m, &fn, x, step);
        for (int it = 0; it < 10000 && c.evals < cfg->max_evals && !c.failed; it++) {
            if (gsl_multimin_fminimizer_iterate(m))
                break;
            if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(m), cfg->tolerance) == GSL_SUCCESS)
                break;
            /* near enough: every target within a quarter of stop_within, or within it once half
             * the evaluations are spent (a compromise that is not improving much) */
            if (c.best_f < cfg->good_enough || c.best_max <= cfg->stop_within / 4 ||
                (c.best_max <= cfg->stop_within && c.evals >= cfg->max_evals / 2))
                break;
        }
        gsl_multimin_fminimizer_free(m);
        gsl_vector_free(x);
        gsl_vector_free(step);
    }
    if (c.failed)
        return c.failed;
    if (!isfinite(c.best_f))
        return DEC_EBAD; /* every evaluation was refused: err holds the last reason */
    res->evals = c.evals;
    res->objective = c.best_f;
    res->at = c.best;
    for (int k = 0; k < c.nfree; k++) {
        res->key[k] = fit_free[c.free_idx[k]].key;
        res->value[k] = setting_of(&c, k, c.best_x[k]);
    }
    res->nsets = c.nsets;
    for (int i = 0; i < c.nsets; i++)
        snprintf(res->sets[i], sizeof res->sets[i], "%s", c.sets[i]);
    for (int i = 0; i < fig->n; i++)
        res->model[i] = fig->fig[i].m->kind == FIT_TARGET ? model_value(&c.best, fig->fig[i].m) : NAN;
    return DEC_OK;
}
