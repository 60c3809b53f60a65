/* serve_api: the requests of the workshop page that read: the scenario folder, the levers, a
 * check of the page's scenario text, its download, and the files of the last run. See serve.h. */
#define _DEFAULT_SOURCE /* open_memstream, fstatat */
#include "serve.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chart_data.h"
#include "json.h"
#include "params.h"
#include "report.h"
#include "scenario.h"
#include "util.h"

static const char json_type[] = "application/json; charset=utf-8";

void serve_error(serve_reply *r, unsigned status, const char *where, int line, const char *msg)
{
    free(r->body);
    memset(r, 0, sizeof *r);
    FILE *f = open_memstream(&r->body, &r->len);
    r->status = status;
    r->type = json_type;
    if (!f)
        return;
    json_writer w;
    json_init(&w, f, 1);
    json_begin_object(&w);
    json_key(&w, "ok");
    json_bool(&w, 0);
    json_key(&w, "error");
    json_string(&w, msg);
    json_key(&w, "where");
    json_string(&w, where);
    json_key(&w, "line");
    json_number(&w, line);
    json_end_object(&w);
    json_finish(&w);
    fclose(f);
}

/* ---- the scenario folder ---- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The plain *.ini files directly in the folder (no links, no hidden or odd names), sorted. */
static int list_files(const char *root, char ***names, size_t *n)
{
    size_t cap = 0;
    *names = NULL;
    *n = 0;
    DIR *d = opendir(root);
    if (!d)
        return -1;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        struct stat st;
        if (len < 5 || len > SERVE_ID_MAX + 4 || strcmp(e->d_name + len - 4, ".ini") ||
            e->d_name[0] == '.' || !util_name_inside(e->d_name) ||
            fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode))
            continue;
        char *copy = strdup(e->d_name);
        if (!copy || UTIL_PUSH(*names, *n, cap, copy)) {
            free(copy);
            break;
        }
    }
    closedir(d);
    if (*n)
        qsort(*names, *n, sizeof **names, by_name);
    return 0;
}

int serve_load_file(serve_state *s, const char *file, scn_scenario *scn, char *err, size_t errlen)
{
    char *text, path[PATH_MAX + 64];
    size_t len;
    memset(scn, 0, sizeof *scn);
    if (util_read_inside(s->root, file, SCN_MAX_FILE, &text, &len, err, errlen))
        return -1;
    snprintf(path, sizeof path, "%s/%s", s->root, file);
    int rc = scn_load_buffer_inside(scn, s->root, path, text, len, err, errlen);
    free(text);
    return rc;
}

/* The events the scenario ends up with, each with every key's value in the file's notation, so
 * the page can show a baseline's levers and edit them. */
static void json_events(json_writer *w, const scn_scenario *scn)
{
    json_begin_array(w);
    for (int i = 0; i < scn->params.n_events; i++) {
        const params_event *ev = &scn->params.events[i];
        char prefix[PARAMS_NAME_MAX + 8];
        int n = snprintf(prefix, sizeof prefix, "event.%s.", ev->name);
        json_begin_object(w);
        json_key(w, "name");
        json_string(w, ev->name);
        json_key(w, "type");
        json_string(w, params_event_type_name(ev->type));
        json_key(w, "values");
        json_begin_object(w);
        for (size_t k = 0; k < scn->n_settings; k++)
            if (!strncmp(scn->settings[k].key, prefix, (size_t)n) &&
                strcmp(scn->settings[k].key + n, "type")) {
                json_key(w, scn->settings[k].key + n);
                json_string(w, scn->settings[k].value);
            }
        json_end_object(w);
        json_end_object(w);
    }
    json_end_array(w);
}

/* Every other key's value ("social_work.caseload_cap": "18"), for the page's settings. */
static void json_settings(json_writer *w, const scn_scenario *scn)
{
    json_begin_object(w);
    for (size_t k = 0; k < scn->n_settings; k++)
        if (strncmp(scn->settings[k].key, "event.", 6)) {
            json_key(w, scn->settings[k].key);
            json_string(w, scn->settings[k].value);
        }
    json_end_object(w);
}

static void json_scenario(json_writer *w, serve_state *s, const char *file)
{
    scn_scenario scn;
    char err[1024];
    int rc = serve_load_file(s, file, &scn, err, sizeof err);
    json_begin_object(w);
    json_key(w, "file");
    json_string(w, file);
    if (rc) {
        json_key(w, "error");
        json_string(w, err);
    } else {
        char iso[11];
        json_key(w, "id");
        json_string(w, scn.id);
        json_key(w, "name");
        json_string(w, scn.params.name);
        json_key(w, "label");
        json_string(w, scn.params.label);
        cal_format_iso(scn.params.start, iso);
        json_key(w, "start");
        json_string(w, iso);
        json_key(w, "years");
        json_number(w, scn.params.years);
        json_key(w, "events");
        json_events(w, &scn);
        json_key(w, "settings");
        json_settings(w, &scn);
    }
    json_end_object(w);
    scn_free(&scn);
}

void serve_scenarios(serve_state *s, serve_reply *r)
{
    char **names;
    size_t n;
    if (list_files(s->root, &names, &n)) {
        serve_error(r, 500, "baseline", 0, "cannot read the scenarios folder");
        return;
    }
    FILE *f = open_memstream(&r->body, &r->len);
    if (f) {
        json_writer w;
        json_init(&w, f, 3);
        json_begin_object(&w);
        json_key(&w, "folder");
        json_string(&w, s->root);
        json_key(&w, "max_reps");
        json_uint(&w, s->cfg.max_reps);
        json_key(&w, "max_seconds");
        json_number(&w, s->cfg.max_seconds);
        json_key(&w, "scenarios");
        json_begin_array(&w);
        for (size_t i = 0; i < n; i++)
            json_scenario(&w, s, names[i]);
        json_end_array(&w);
        json_end_object(&w);
        json_finish(&w);
        fclose(f);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    r->status = f ? 200 : 500;
    r->type = json_type;
}

/* ---- the levers: params_event_specs, and the other settings, as `validate --keys` lists them */

static const char *kind_name(params_type t)
{
    static const char *const names[] = {
        [PT_REAL] = "number", [PT_COUNT] = "count", [PT_BOOL] = "yes/no",
        [PT_SHARE] = "share", [PT_DURATION] = "duration", [PT_MONEY] = "money",
        [PT_DATE] = "date", [PT_TEXT] = "text", [PT_MONTHLY] = "monthly",
        [PT_ROLE] = "role", [PT_DIRECTION] = "direction", [PT_SMALLEST] = "smallest"};
    return (size_t)t < sizeof names / sizeof names[0] && names[t] ? names[t] : "text";
}

static void json_range(json_writer *w, const params_spec *sp)
{
    char lo[64], hi[64], both[140] = "";
    int numeric = sp->type == PT_REAL || sp->type == PT_COUNT || sp->type == PT_SHARE ||
                  sp->type == PT_DURATION || sp->type == PT_MONEY;
    if (numeric && !(sp->min == 0 && sp->max == 0)) {
        scn_format_in_unit(sp->type, sp->min, lo, sizeof lo);
        scn_format_in_unit(sp->type, sp->max, hi, sizeof hi);
        snprintf(both, sizeof both, "%s to %s", lo, hi);
    }
    json_key(w, "range");
    json_string(w, both);
}

/* The fields every key has: its kind, unit, meaning and range. */
static void json_spec(json_writer *w, const params_spec *sp)
{
    json_key(w, "key");
    json_string(w, sp->key);
    json_key(w, "kind");
    json_string(w, kind_name(sp->type));
    json_key(w, "unit");
    json_string(w, sp->unit);
    json_key(w, "doc");
    json_string(w, sp->doc);
    json_range(w, sp);
}

static void json_lever_key(json_writer *w, const params_spec *sp, params_event_type t,
                           const params_event *ev)
{
    char v[SCN_MAX_LINE];
    json_begin_object(w);
    json_spec(w, sp);
    json_key(w, "required");
    json_bool(w, (sp->required >> t) & 1u);
    scn_format_value(sp, ev, v, sizeof v);
    json_key(w, "default");
    json_string(w, v);
    json_end_object(w);
}

/* One setting outside the events: its section header as a file writes it ("social_work",
 * "staff \"social_worker\""), its name as validate prints it, and its spec. */
static void json_setting(json_writer *w, const char *header, const char *name,
                         const params_spec *sp)
{
    json_begin_object(w);
    json_key(w, "section");
    json_string(w, header);
    json_key(w, "name");
    json_string(w, name);
    json_spec(w, sp);
    json_end_object(w);
}

/* The settings a page may change: every key of the sections and staff pools except [scenario]
 * (the page writes name, label and base itself; start and years must stay the baseline's) and
 * [report] (how the report judges, not the service). */
static void json_settings_specs(json_writer *w)
{
    char name[160], header[80];
    json_begin_array(w);
    for (size_t i = 0; i < params_specs_count; i++) {
        const params_spec *sp = &params_specs[i];
        if (!strcmp(sp->section, "scenario") || !strcmp(sp->section, "report"))
            continue;
        snprintf(name, sizeof name, "%s.%s", sp->section, sp->key);
        json_setting(w, sp->section, name, sp);
    }
    for (int role = 0; role < ROLE_COUNT; role++)
        for (size_t i = 0; i < params_staff_specs_count; i++) {
            const char *rn = params_role_name((params_role)role);
            snprintf(name, sizeof name, "staff.%s.%s", rn, params_staff_specs[i].key);
            snprintf(header, sizeof header, "staff \"%s\"", rn);
            json_setting(w, header, name, &params_staff_specs[i]);
        }
    json_end_array(w);
}

void serve_levers(serve_reply *r)
{
    FILE *f = open_memstream(&r->body, &r->len);
    r->status = f ? 200 : 500;
    r->type = json_type;
    if (!f)
        return;
    json_writer w;
    json_init(&w, f, 4);
    json_begin_object(&w);
    json_key(&w, "roles");
    json_begin_array(&w);
    for (int i = 0; i < ROLE_COUNT; i++) {
        json_begin_object(&w);
        json_key(&w, "name");
        json_string(&w, params_role_name((params_role)i));
        json_key(&w, "label");
        json_string(&w, params_role_label((params_role)i));
        json_end_object(&w);
    }
    json_end_array(&w);
    json_key(&w, "types");
    json_begin_array(&w);
    for (int t = 0; t < EVT_TYPE_COUNT; t++) {
        params_event ev;
        params_event_defaults(&ev, (params_event_type)t);
        json_begin_object(&w);
        json_key(&w, "type");
        json_string(&w, params_event_type_name((params_event_type)t));
        json_key(&w, "keys");
        json_begin_array(&w);
        for (size_t i = 0; i < params_event_specs_count; i++)
            if ((params_event_specs[i].types >> t) & 1u)
                json_lever_key(&w, &params_event_specs[i], (params_event_type)t, &ev);
        json_end_array(&w);
        json_end_object(&w);
    }
    json_end_array(&w);
    json_key(&w, "settings");
    json_settings_specs(&w);
    json_end_object(&w);
    json_finish(&w);
    fclose(f);
}

/* ---- the page's scenario text ---- */

static int id_ok(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n < 1 || n > SERVE_ID_MAX || id[0] == '-')
        return 0;
    return strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == n;
}

int serve_parse_text(serve_state *s, serve_arg_fn arg, void *ctx, const char *body, size_t len,
                     scn_scenario *scn, serve_reply *r)
{
    const char *id = arg(ctx, "name");
    memset(scn, 0, sizeof *scn);
    if (!id_ok(id)) {
        serve_error(r, 400, "name", 0, "the file name: 1 to 48 letters, digits, '-' or '_' "
                                       "(it becomes NAME.ini)");
        return -1;
    }
    char path[PATH_MAX + 64], err[1024];
    int n = snprintf(path, sizeof path, "%s/%s.ini", s->root, id);
    if (!scn_load_buffer_inside(scn, s->root, path, body ? body : "", len, err, sizeof err))
        return 0;
    /* the parser's own line "FILE:LINE: message": the line, when it is of the page's text */
    int line = 0;
    if (!strncmp(err, path, (size_t)n) && err[n] == ':')
        line = atoi(err + n + 1);
    serve_error(r, 400, "text", line, err);
    return -1;
}

void serve_check(serve_state *s, serve_arg_fn arg, void *ctx, const char *body, size_t len,
                 serve_reply *r)
{
    scn_scenario scn;
    if (serve_parse_text(s, arg, ctx, body, len, &scn, r))
        return;
    FILE *f = open_memstream(&r->body, &r->len);
    r->status = f ? 200 : 500;
    r->type = json_type;
    if (f) {
        json_writer w;
        json_init(&w, f, 2);
        json_begin_object(&w);
        json_key(&w, "ok");
        json_bool(&w, 1);
        json_key(&w, "name");
        json_string(&w, scn.params.name);
        json_key(&w, "events");
        json_number(&w, scn.params.n_events);
        json_key(&w, "warnings");
        json_begin_array(&w);
        for (int i = 0; i < scn.n_warnings; i++)
            json_string(&w, scn.warnings[i]);
        json_end_array(&w);
        json_end_object(&w);
        json_finish(&w);
        fclose(f);
    }
    scn_free(&scn);
}

void serve_download(serve_state *s, serve_arg_fn arg, void *ctx, const char *body, size_t len,
                    serve_reply *r)
{
    scn_scenario scn;
    if (serve_parse_text(s, arg, ctx, body, len, &scn, r))
        return;
    scn_free(&scn);
    r->body = malloc(len ? len : 1);
    if (!r->body) {
        serve_error(r, 500, "run", 0, "out of memory");
        return;
    }
    memcpy(r->body, body, len);
    r->len = len;
    r->status = 200;
    r->type = "text/plain; charset=utf-8";
    snprintf(r->filename, sizeof r->filename, "%s.ini", arg(ctx, "name"));
}

/* ---- the last run's report and charts ---- */

/* "report.html" or "charts/STEM.svg|png" for a chart of the report's table; NULL otherwise. */
static const char *result_name(const char *url, char *rel, size_t n, const char **type)
{
    if (!strcmp(url, "/report.html")) {
        *type = "text/html; charset=utf-8";
        return "report.html";
    }
    for (int i = 0; i < REPORT_CHART_COUNT; i++)
        for (int png = 0; png < 2; png++) {
            snprintf(rel, n, "charts/%s.%s", report_chart_stem(i), png ? "png" : "svg");
            if (url[0] == '/' && !strcmp(url + 1, rel)) {
                *type = png ? "image/png" : "image/svg+xml";
                return rel;
            }
        }
    return NULL;
}

void serve_result_file(serve_state *s, const char *url, serve_reply *r)
{
    char rel[128], err[256];
    const char *type = NULL, *name = result_name(url, rel, sizeof rel, &type);
    if (!name) {
        serve_error(r, 404, "run", 0, "no such page");
        return;
    }
    if (!s->has_results ||
        util_read_inside(s->results, name, CHART_MAX_FILE, &r->body, &r->len, err, sizeof err)) {
        serve_error(r, 404, "run", 0, "no run has finished yet");
        return;
    }
    r->status = 200;
    r->type = type;
}
