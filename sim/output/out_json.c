/* output_json: summary.json (format in docs/outputs.md). */
#include "out_internal.h"

#include "calendar.h"
#include "json.h"

/* "ci95": [lo, hi] */
static void ci95(json_writer *w, double lo, double hi)
{
    json_key(w, "ci95");
    json_begin_array(w);
    json_number(w, lo);
    json_number(w, hi);
    json_end_array(w);
}

static void metric_summary(json_writer *w, const stats_summary *s)
{
    static const char *const qnames[STATS_NQ] = {"p5", "p25", "p50", "p75", "p95"};
    json_begin_object(w);
    json_key(w, "mean");
    json_number(w, s->mean);
    ci95(w, s->ci_lo, s->ci_hi);
    for (int q = 0; q < STATS_NQ; q++) {
        json_key(w, qnames[q]);
        json_number(w, s->q[q]);
    }
    json_end_object(w);
}

static void metric_diff(json_writer *w, const stats_diff *d)
{
    json_begin_object(w);
    json_key(w, "mean_diff");
    json_number(w, d->mean);
    ci95(w, d->ci_lo, d->ci_hi);
    json_key(w, "significant");
    json_bool(w, d->significant);
    json_end_object(w);
}

static void settings(json_writer *w, const scn_scenario *s)
{
    json_begin_object(w);
    for (size_t i = 0; i < s->n_settings; i++) {
        json_key(w, s->settings[i].key);
        json_string(w, s->settings[i].value);
    }
    json_end_object(w);
}

static void events(json_writer *w, const model_params *p)
{
    json_begin_array(w);
    for (int e = 0; e < p->n_events && e < PARAMS_MAX_EVENTS; e++) {
        char date[11];
        cal_format_iso(p->events[e].date, date);
        json_begin_object(w);
        json_key(w, "name");
        json_string(w, p->events[e].name);
        json_key(w, "type");
        json_string(w, params_event_type_name(p->events[e].type));
        json_key(w, "date");
        json_string(w, date);
        json_end_object(w);
    }
    json_end_array(w);
}

static void accounting(json_writer *w, const model_accounting *a)
{
#define ACC(field)            \
    json_key(w, #field);      \
    json_uint(w, a->field);
    json_begin_object(w);
    ACC(contacts)
    ACC(front_door_nfa)
    ACC(early_help_routed)
    ACC(referrals_from_front_door)
    ACC(awaiting_screening_at_end)
    ACC(referrals)
    ACC(step_ups)
    ACC(assessments_completed)
    ACC(awaiting_allocation_at_end)
    ACC(assessments_in_progress_at_end)
    json_end_object(w);
#undef ACC
}

static void scenario(json_writer *w, const out_ctx *c, size_t k)
{
    const scn_scenario *s = &c->run->scenarios[k];
    json_begin_object(w);
    json_key(w, "id");
    json_string(w, s->id);
    json_key(w, "name");
    json_string(w, s->params.name);
    json_key(w, "label");
    json_string(w, s->params.label);
    json_key(w, "file");
    json_string(w, s->path);
    json_key(w, "baseline");
    json_bool(w, k == 0);
    json_key(w, "settings");
    settings(w, s);
    json_key(w, "events");
    events(w, &s->params);
    json_key(w, "metrics");
    json_begin_object(w);
    for (int m = 0; m < M_COUNT; m++) {
        json_key(w, metric_name((metric_id)m));
        metric_summary(w, &c->summary[k * M_COUNT + (size_t)m]);
    }
    json_end_object(w);
    if (k > 0) {
        json_key(w, "vs_baseline");
        json_begin_object(w);
        for (int m = 0; m < M_COUNT; m++) {
            json_key(w, metric_name((metric_id)m));
            metric_diff(w, &c->diff[k * M_COUNT + (size_t)m]);
        }
        json_end_object(w);
    }
    json_key(w, "accounting");
    accounting(w, &c->res->scn[k].acc);
    json_end_object(w);
}

void out_write_summary_json(FILE *f, const out_ctx *c)
{
    json_writer w;
    /* Depth 5 holds one metric's numbers and one event's fields: one line each keeps the file
     * readable; settings and metrics get a line per key. */
    json_init(&w, f, 5);
    char date[11];
    cal_format_iso(c->res->week0, date);
    json_begin_object(&w);
    json_key(&w, "caseload_version");
    json_string(&w, CASELOAD_VERSION);
    json_key(&w, "command");
    json_string(&w, c->run->command);
    json_key(&w, "seed");
    json_uint(&w, c->run->seed);
    json_key(&w, "replications");
    json_uint(&w, c->res->reps);
    json_key(&w, "measured_start");
    json_string(&w, date);
    json_key(&w, "weeks");
    json_uint(&w, (uint64_t)c->res->weeks);
    json_key(&w, "scenarios");
    json_begin_array(&w);
    for (size_t k = 0; k < c->res->n_scenarios; k++)
        scenario(&w, c, k);
    json_end_array(&w);
    json_end_object(&w);
    json_finish(&w);
}
