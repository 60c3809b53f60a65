/* output_csv: the CSV files and run.ini (formats in docs/outputs.md). */
#include "out_internal.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "calendar.h"
#include "csv.h"

const char *out_number(double x, char buf[32])
{
    if (!isfinite(x))
        buf[0] = 0;
    else
        snprintf(buf, 32, "%.10g", x);
    return buf;
}

/* A CSV field: quoted (with quotes doubled) only when it holds a comma, a quote or a line break. */

static void summary_fields(FILE *f, const stats_summary *s)
{
    char b[32];
    fprintf(f, ",%s", out_number(s->mean, b));
    fprintf(f, ",%s", out_number(s->ci_lo, b));
    fprintf(f, ",%s", out_number(s->ci_hi, b));
    for (int q = 0; q < STATS_NQ; q++)
        fprintf(f, ",%s", out_number(s->q[q], b));
}

static const char *scn_id(const out_ctx *c, size_t k)
{
    return c->run->scenarios[k].id;
}

/* The scenario id as the first field: ids are file names and may hold a comma or a quote. */
static void id_field(FILE *f, const out_ctx *c, size_t k)
{
    csv_write_field(f, scn_id(c, k));
}

void out_write_summary_csv(FILE *f, const out_ctx *c)
{
    fputs("scenario,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95\n", f);
    for (size_t k = 0; k < c->res->n_scenarios; k++)
        for (int m = 0; m < M_COUNT; m++) {
            id_field(f, c, k);
            fprintf(f, ",%s", metric_name((metric_id)m));
            summary_fields(f, &c->summary[k * M_COUNT + (size_t)m]);
            fputc('\n', f);
        }
}

void out_write_weekly_csv(FILE *f, const out_ctx *c)
{
    fputs("scenario,week_start,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95\n", f);
    const runner_results *r = c->res;
    for (size_t k = 0; k < r->n_scenarios; k++)
        for (int w = 0; w < r->weeks; w++) {
            char date[11];
            cal_format_iso(r->week0 + 7 * w, date);
            for (int m = 0; m < M_COUNT; m++) {
                stats_summary s;
                stats_weekly_get(r->scn[k].weekly, (size_t)w * M_COUNT + (size_t)m, &s);
                id_field(f, c, k);
                fprintf(f, ",%s,%s", date, metric_name((metric_id)m));
                summary_fields(f, &s);
                fputc('\n', f);
            }
        }
}

void out_write_replications_csv(FILE *f, const out_ctx *c)
{
    fputs("scenario,replication,metric,value\n", f);
    const runner_results *r = c->res;
    char b[32];
    for (size_t k = 0; k < r->n_scenarios; k++)
        for (size_t rep = 0; rep < r->reps; rep++)
            for (int m = 0; m < M_COUNT; m++) {
                id_field(f, c, k);
                fprintf(f, ",%zu,%s,%s\n", rep + 1, metric_name((metric_id)m),
                        out_number(r->scn[k].values[rep * M_COUNT + (size_t)m], b));
            }
}

void out_write_differences_csv(FILE *f, const out_ctx *c)
{
    fputs("scenario,metric,mean_diff,ci_lo,ci_hi,significant\n", f);
    char b1[32], b2[32], b3[32];
    for (size_t k = 1; k < c->res->n_scenarios; k++)
        for (int m = 0; m < M_COUNT; m++) {
            const stats_diff *d = &c->diff[k * M_COUNT + (size_t)m];
            id_field(f, c, k);
            fprintf(f, ",%s,%s,%s,%s,%d\n", metric_name((metric_id)m),
                    out_number(d->mean, b1), out_number(d->ci_lo, b2), out_number(d->ci_hi, b3),
                    d->significant);
        }
}

static const char *role(int target)
{
    return params_role_label((params_role)target);
}

void out_event_label(const params_event *ev, char *buf, size_t len)
{
    switch (ev->type) {
    case EVT_BUDGET_CUT:
        snprintf(buf, len, "Budget cut %.10g%% (%s)", ev->fraction * 100.0, role(ev->target));
        break;
    case EVT_RESTRUCTURE:
        if (ev->structure == STRUCTURE_UNITS)
            snprintf(buf, len, ev->competence_checked ? "Restructure into units"
                                                      : "Restructure into units (competence not checked)");
        else
            snprintf(buf, len, ev->structure == STRUCTURE_POOLS ? "Restructure into pools" : "Restructure");
        break;
    case EVT_THRESHOLD_PRESSURE:
        snprintf(buf, len, "Threshold pressure");
        break;
    case EVT_HISTORY_USE:
        snprintf(buf, len, ev->enabled ? "Chronologies used" : "Chronologies stopped");
        break;
    case EVT_RECRUITMENT_FREEZE:
        snprintf(buf, len, "Recruitment freeze (%s)", role(ev->target));
        break;
    case EVT_INVESTMENT:
        snprintf(buf, len, "Investment +%.10g FTE (%s)", ev->fte, role(ev->target));
        break;
    case EVT_AGENCY_CAP:
        snprintf(buf, len, "Agency cap %.10g%%", ev->cap * 100.0);
        break;
    case EVT_DEMAND_SHOCK:
        snprintf(buf, len, "Demand x%.10g", ev->factor);
        break;
    default:
        snprintf(buf, len, "%s", params_event_type_name(ev->type));
        break;
    }
}

void out_write_events_csv(FILE *f, const out_ctx *c)
{
    fputs("scenario,event,type,date,label\n", f);
    for (size_t k = 0; k < c->res->n_scenarios; k++) {
        const model_params *p = &c->run->scenarios[k].params;
        for (int e = 0; e < p->n_events && e < PARAMS_MAX_EVENTS; e++) {
            const params_event *ev = &p->events[e];
            char date[11], label[160];
            cal_format_iso(ev->date, date);
            out_event_label(ev, label, sizeof label);
            id_field(f, c, k);
            fputc(',', f);
            csv_write_field(f, ev->name);
            fprintf(f, ",%s,%s,", params_event_type_name(ev->type), date);
            csv_write_field(f, label);
            fputc('\n', f);
        }
    }
}

void out_write_assessment_days_csv(FILE *f, const out_ctx *c)
{
    fputs("scenario,working_days,share,cumulative\n", f);
    for (size_t k = 0; k < c->res->n_scenarios; k++) {
        const uint64_t *h = c->res->scn[k].wd_hist;
        uint64_t total = 0, cum = 0;
        for (int b = 0; b < MODEL_WD_HIST; b++)
            total += h[b];
        for (int b = 0; b < MODEL_WD_HIST; b++) {
            char b1[32], b2[32];
            cum += h[b];
            /* no assessments at all: the shares are missing, not zero */
            double share = total ? (double)h[b] / (double)total : NAN;
            double cumulative = total ? (double)cum / (double)total : NAN;
            id_field(f, c, k);
            fprintf(f, ",%d,%s,%s\n", b, out_number(share, b1),
                    out_number(cumulative, b2));
        }
    }
}

void out_write_run_ini(FILE *f, const out_ctx *c)
{
    const runner_results *r = c->res;
    char date[11];
    cal_format_iso(r->week0, date);
    fprintf(f, "[run]\nversion = %s\ncommand = %s\nseed = %" PRIu64 "\nreplications = %zu\n"
               "measured_start = %s\nweeks = %d\nbaseline = %s\n",
            CASELOAD_VERSION, c->run->command, c->run->seed, r->reps, date, r->weeks,
            scn_id(c, 0));
    for (size_t k = 0; k < r->n_scenarios; k++) {
        const scn_scenario *s = &c->run->scenarios[k];
        fprintf(f, "\n[scenario \"%s\"]\nname = %s\nlabel = %s\nfile = %s\nbaseline = %s\n",
                s->id, s->params.name, s->params.label, s->path, k == 0 ? "yes" : "no");
    }
}

/* The measures dictionary: what every metric column means and how the report judges it, as the
 * baseline's [report] section resolved it (docs/outputs.md). */
void out_write_measures_csv(FILE *f, const out_ctx *c)
{
    static const char *const kinds[] = {"flow", "stock", "share", "value"};
    const params_report *rep = &c->run->scenarios[0].params.report;
    fputs("metric,label,unit,kind,weekly_basis,summary_basis,direction,smallest_abs,smallest_rel,"
          "smallest,definition\n", f);
    for (int m = 0; m < M_COUNT; m++) {
        const params_smallest *sm = &rep->smallest[m];
        double base = c->summary[m].mean;
        char b1[32], b2[32], b3[32];
        fprintf(f, "%s,", metric_name((metric_id)m));
        csv_write_field(f, metric_label((metric_id)m));
        fputc(',', f);
        csv_write_field(f, metric_unit((metric_id)m));
        fprintf(f, ",%s,", kinds[metric_kind_of((metric_id)m)]);
        csv_write_field(f, metric_weekly_basis((metric_id)m));
        fputc(',', f);
        csv_write_field(f, metric_summary_basis((metric_id)m));
        fprintf(f, ",%s,%s,%s,%s,", metric_direction_name((metric_direction)rep->direction[m]),
                out_number(sm->abs, b1), out_number(sm->rel, b2),
                out_number(metric_smallest_abs(sm->abs, sm->rel, base), b3));
        csv_write_field(f, metric_definition((metric_id)m));
        fputc('\n', f);
    }
}

/* 1 when an earlier scenario already listed this default (the same key and value). */
/* Units' settings act only on a service that is in units at some time. */
static int acts(const scn_scenario *s, const scn_setting *st)
{
    return !params_key_is_units(st->key) || params_uses_units(&s->params);
}

static int listed_before(const out_ctx *c, size_t k, const scn_setting *st)
{
    for (size_t j = 0; j < k; j++) {
        const scn_scenario *s = &c->run->scenarios[j];
        for (size_t i = 0; i < s->n_settings; i++)
            if (s->settings[i].source == SCN_FROM_DEFAULT && !strcmp(s->settings[i].key, st->key)
                && !strcmp(s->settings[i].value, st->value) && acts(s, &s->settings[i]))
                return 1;
    }
    return 0;
}

/* The citation of a setting's default: its row's, or for [staff "ROLE"] that pool's. */
static const char *setting_source(const scn_setting *st)
{
    char role[64];
    const char *k = st->key;
    if (strncmp(k, "staff.", 6) || !strchr(k + 6, '.'))
        return st->spec->source;
    snprintf(role, sizeof role, "%.*s", (int)(strchr(k + 6, '.') - (k + 6)), k + 6);
    int r = params_role_parse(role);
    return r < 0 ? st->spec->source : params_staff_source((params_role)r, st->spec);
}

/* Every default the scenarios use that acts on the model, with its source: a row of
 * data/published-figures.csv, or "assumption" (the report's assumptions list). */
void out_write_assumptions_csv(FILE *f, const out_ctx *c)
{
    fputs("key,value,unit,source,meaning\n", f);
    for (size_t k = 0; k < c->res->n_scenarios; k++) {
        const scn_scenario *s = &c->run->scenarios[k];
        for (size_t i = 0; i < s->n_settings; i++) {
            const scn_setting *st = &s->settings[i];
            if (st->source != SCN_FROM_DEFAULT || !st->spec || listed_before(c, k, st))
                continue;
            if (!params_is_assumption(st->spec) && !st->spec->source)
                continue; /* names, dates and [report] settings */
            if (!acts(s, st))
                continue;
            char src[400];
            params_source_text(setting_source(st), src, sizeof src);
            fprintf(f, "%s,", st->key);
            csv_write_field(f, st->value);
            fputc(',', f);
            csv_write_field(f, st->spec->unit);
            fputc(',', f);
            csv_write_field(f, src);
            fputc(',', f);
            csv_write_field(f, st->spec->doc);
            fputc('\n', f);
        }
    }
}

/* The baseline's [targets] (a fitted scenario's published figures) against the run's means:
 * measure, target, model, relative difference, and what the figure is. Only the header when the
 * baseline has none. */
void out_write_targets_csv(FILE *f, const out_ctx *c)
{
    const model_params *p = &c->run->scenarios[0].params;
    double mean[M_COUNT];
    for (int m = 0; m < M_COUNT; m++)
        mean[m] = c->summary[m].mean;
    fputs("measure,target,model,difference,share,definition\n", f);
    for (int t = 0; t < PARAMS_TARGET_COUNT; t++) {
        double target = p->targets.value[t];
        if (!(target > 0))
            continue;
        double model = params_target_model(t, mean);
        char b1[32], b2[32], b3[32];
        fprintf(f, "%s,%s,%s,%s,%d,", params_target_name(t), out_number(target, b1),
                out_number(model, b2), out_number((model - target) / target, b3),
                params_target_is_share(t));
        csv_write_field(f, params_target_doc(t));
        fputc('\n', f);
    }
}
