/* dec_eval: one evaluation of a scenario with extra overrides (include/decide/decide.h). */
#include "decide.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "scenario.h"
#include "stats.h"

int dec_parse_target(const char *s, dec_target *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    snprintf(t->text, sizeof t->text, "%s", s);
    const char *op = strstr(s, ">=");
    t->at_least = 1;
    if (!op) {
        op = strstr(s, "<=");
        t->at_least = 0;
    }
    if (!op || op == s) {
        snprintf(err, errlen, "target '%s': write MEASURE>=VALUE or MEASURE<=VALUE, e.g. "
                              "share_within_45wd>=85%%", s);
        return DEC_EBAD;
    }
    char name[64];
    size_t n = (size_t)(op - s);
    if (n >= sizeof name)
        n = sizeof name - 1;
    memcpy(name, s, n);
    name[n] = '\0';
    int m = metric_parse(name);
    if (m < 0) {
        snprintf(err, errlen, "target '%s': no measure '%s' (the measures are the metric column "
                              "of summary.csv, e.g. share_within_45wd, caseload_per_sw)", s, name);
        return DEC_EBAD;
    }
    t->m = (metric_id)m;
    const char *v = op + 2;
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    int pct = *end == '%';
    if (pct)
        end++;
    if (end == v || *end || errno || !isfinite(x)) {
        snprintf(err, errlen, "target '%s': '%s' is not a number", s, v);
        return DEC_EBAD;
    }
    if (pct)
        x /= 100;
    if (metric_kind_of(t->m) == MK_SHARE && !pct && (x < 0 || x > 1)) {
        snprintf(err, errlen, "target '%s': %s is a share, 0..1 or a percentage (%g%%)", s, name, x);
        return DEC_EBAD;
    }
    t->value = x;
    return 0;
}

static int meets(const dec_target *t, double v)
{
    return v == v && (t->at_least ? v >= t->value : v <= t->value);
}

/* The user's overrides, then the extra ones. */
static int overrides(const dec_run *run, const char *const *extra, int nextra, const char **sets,
                     char *err, size_t errlen)
{
    if (run->nsets + (size_t)nextra > DEC_MAX_SETS) {
        snprintf(err, errlen, "too many --set overrides (at most %d)", DEC_MAX_SETS - 2);
        return DEC_EBAD;
    }
    for (size_t i = 0; i < run->nsets; i++)
        sets[i] = run->sets[i];
    for (int k = 0; k < nextra; k++)
        sets[run->nsets + (size_t)k] = extra[k];
    return 0;
}

static void summarise(const double *v, size_t reps, const dec_target *t, int nt,
                      double confidence, double *scratch, dec_point *out)
{
    double *col = scratch + reps;
    for (int m = 0; m < M_COUNT; m++) {
        for (size_t r = 0; r < reps; r++)
            col[r] = v[r * M_COUNT + (size_t)m];
        stats_summary s;
        stats_summarize(col, reps, scratch, &s);
        out->mean[m] = s.mean;
        out->lo[m] = s.ci_lo;
        out->hi[m] = s.ci_hi;
    }
    out->meets_all = 1;
    for (int k = 0; k < nt; k++) {
        size_t ok = 0;
        for (size_t r = 0; r < reps; r++)
            ok += (size_t)meets(&t[k], v[r * M_COUNT + t[k].m]);
        out->share[k] = (double)ok / (double)reps;
        out->meets[k] = confidence > 0 ? out->share[k] >= confidence : meets(&t[k], out->mean[t[k].m]);
        out->meets_all &= out->meets[k];
    }
}

/* Replications first..first+count-1 of the baseline, or with an alternative alt minus the
 * baseline, replication by replication, into v (count x M_COUNT). */
static int replicate(const dec_run *run, const model_params *params, size_t nsc, size_t first,
                     size_t count, double *v, char *err, size_t errlen)
{
    runner_config cfg = {.params = params, .n_scenarios = nsc, .reps = count,
                         .first_rep = first, .seed = run->seed, .threads = run->threads,
                         .model = &runner_model_real, .stop = run->stop};
    runner_results res;
    int rc = runner_run(&cfg, &res, err, errlen);
    if (rc == RUNNER_STOPPED)
        return DEC_STOPPED;
    if (rc != RUNNER_OK)
        return DEC_ERR;
    const double *base = res.scn[0].values;
    for (size_t i = 0; i < count * M_COUNT; i++)
        v[i] = nsc > 1 ? res.scn[1].values[i] - base[i] : base[i];
    runner_results_free(&res);
    return DEC_OK;
}

int dec_eval_sets(const dec_run *run, const char *alt, const char *const *extra, int nextra,
                  size_t reps, const dec_target *t, int nt, double confidence, dec_point *out,
                  char *err, size_t errlen)
{
    const char *sets[DEC_MAX_SETS];
    out->reps = reps;
    int rc = overrides(run, extra, nextra, sets, err, errlen);
    if (rc)
        return rc;
    scn_scenario s[2];
    size_t nsc = alt ? 2 : 1, n = run->nsets + (size_t)nextra;
    if (scn_load(&s[0], run->file, sets, n, err, errlen))
        return DEC_EBAD;
    if (alt && scn_load(&s[1], alt, sets, n, err, errlen)) {
        scn_free(&s[0]);
        return DEC_EBAD;
    }
    if (run->progress) {
        char what[512];
        snprintf(what, sizeof what, "%s%s, %zu replications", nextra ? extra[0] : "as it is",
                 nextra > 1 ? " (and more)" : "", reps);
        run->progress(run->progress_ctx, what);
    }
    model_params params[2] = {s[0].params, alt ? s[1].params : s[0].params};
    for (size_t k = 0; k < nsc; k++)
        scn_free(&s[k]);
    size_t first = 0, count = reps;
    if (run->shard_n)
        runner_shard_range(reps, run->shard_k, run->shard_n, &first, &count);
    double *v = malloc(count * M_COUNT * sizeof *v), *scratch = malloc(3 * count * sizeof *scratch);
    if (!v || !scratch) {
        free(v);
        free(scratch);
        snprintf(err, errlen, "out of memory");
        return DEC_ERR;
    }
    if (run->replay)
        rc = run->replay(run->shard_ctx, v, count * M_COUNT, err, errlen) ? DEC_EBAD : DEC_OK;
    else
        rc = replicate(run, params, nsc, first, count, v, err, errlen);
    if (rc == DEC_OK && run->values)
        run->values(run->shard_ctx, v, count * M_COUNT);
    if (rc == DEC_OK)
        summarise(v, count, t, nt, confidence, scratch, out);
    free(v);
    free(scratch);
    return rc;
}

int dec_eval(const dec_run *run, const char *const *keys, const double *x, int nkeys, size_t reps,
             const dec_target *t, int nt, double confidence, dec_point *out, char *err,
             size_t errlen)
{
    char own[2][192];
    const char *extra[2];
    memset(out, 0, sizeof *out);
    for (int k = 0; k < nkeys && k < 2; k++) {
        out->x[k] = x[k];
        snprintf(own[k], sizeof own[k], "%s=%.10g", keys[k], x[k]);
        extra[k] = own[k];
    }
    return dec_eval_sets(run, NULL, extra, nkeys < 2 ? nkeys : 2, reps, t, nt, confidence, out,
                         err, errlen);
}

/* "70", "£52,000", "27%" -> a number; -1 for a value with a unit (durations) or not a number. */
static int plain_number(const char *v, double *out)
{
    char buf[256];
    size_t n = 0;
    for (const char *p = v; *p && n + 1 < sizeof buf; p++) {
        if (*p == ',' || (unsigned char)*p == 0xC2 || (unsigned char)*p == 0xA3)
            continue; /* thousands commas and the pound sign (UTF-8 C2 A3) */
        buf[n++] = *p;
    }
    buf[n] = '\0';
    char *end;
    errno = 0;
    double x = strtod(buf, &end);
    int pct = *end == '%';
    if (pct)
        end++;
    else if (!strcmp(end, "wd"))
        end += 2; /* a duration, stored in working days */
    if (end == buf || *end || errno || !isfinite(x))
        return -1;
    *out = pct ? x / 100 : x;
    return 0;
}

int dec_current_value(const dec_run *run, const char *key, double *out, char *err, size_t errlen)
{
    scn_scenario s;
    if (scn_load(&s, run->file, run->sets, run->nsets, err, errlen))
        return DEC_EBAD;
    int rc = DEC_EBAD;
    snprintf(err, errlen, "%s: no setting '%s' (see caseload validate %s)", run->file, key,
             run->file);
    for (size_t i = 0; i < s.n_settings; i++) {
        if (strcmp(s.settings[i].key, key))
            continue;
        if (plain_number(s.settings[i].value, out) == 0) {
            rc = DEC_OK;
        } else {
            snprintf(err, errlen, "%s is '%s': only a setting whose value is a number (FTE, a "
                                  "count, money, a share) can be varied", key, s.settings[i].value);
        }
        break;
    }
    scn_free(&s);
    return rc;
}
