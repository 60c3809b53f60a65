/* scenario: resolve a scenario file (and its base chain, and --set overrides) into model_params,
 * remembering where every value came from. See include/scenario/scenario.h for the contract.
 *
 * A load builds one scn_ctx: the params being filled (defaults first), and for every key an origin
 * (default, file:line or --set). Files apply base first, so each file overrides what its base said;
 * within a file, entries apply in line order and the first mistake stops the load. Keys, sections
 * and units all come from the params tables: a row added there is a key here. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scenario.h"
#include "scn_internal.h"

#define MAX_FILES (SCN_MAX_DEPTH + 1)
#define ORIGIN_SET_FILE (-1)

typedef struct scn_origin {
    scn_source source;
    int file;   /* SCN_FROM_FILE: index into ctx->files */
    int line;   /* SCN_FROM_FILE: line; SCN_FROM_SET: index of the --set argument */
    long seq;   /* order of assignment, so the latest of several keys can be named */
    char value[SCN_VALUE_MAX];
} scn_origin;

typedef struct scn_ctx {
    model_params *p;
    scn_scenario *s;   /* for its warnings */
    scn_origin *gen;   /* [params_specs_count] */
    scn_origin *staff; /* [ROLE_COUNT][params_staff_specs_count] */
    scn_origin *ev;    /* [PARAMS_MAX_EVENTS][1 + params_event_specs_count]; column 0 = type */
    int ev_file[PARAMS_MAX_EVENTS]; /* where each event got its type: file index or -1 (--set) */
    int ev_line[PARAMS_MAX_EVENTS]; /* header line, or the --set index */
    char files[MAX_FILES][PATH_MAX]; /* names as used in messages */
    char chain[MAX_FILES][PATH_MAX]; /* real paths of the files being loaded, to find cycles */
    char root[PATH_MAX];  /* "": any file; else the real path of the only folder bases may be in */
    int n_files, depth;
    long seq;
    const char *const *sets;
    char *err;
    size_t errlen;
} scn_ctx;

/* What a section header means. */
typedef enum hkind { H_GENERAL, H_STAFF, H_EVENT } hkind;
typedef struct hinfo {
    hkind kind;
    const char *section; /* H_GENERAL: the table's section name */
    int role;            /* H_STAFF */
    int event;           /* H_EVENT: index into p->events */
    char label[96];      /* "[demand]", "[event \"centre-cut\"]" for messages */
} hinfo;

static int fail(scn_ctx *c, int file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "FILE:LINE: message", or "--set ARG: message" when file is ORIGIN_SET_FILE (line = set index),
 * or "FILE: message" when line is 0. Returns -1 so callers can `return fail(...)`. */
static int fail(scn_ctx *c, int file, int line, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (file == ORIGIN_SET_FILE)
        snprintf(c->err, c->errlen, "--set %s: %s", c->sets[line], msg);
    else if (line > 0)
        snprintf(c->err, c->errlen, "%s:%d: %s", c->files[file], line, msg);
    else
        snprintf(c->err, c->errlen, "%s: %s", c->files[file], msg);
    return -1;
}

static void warn(scn_ctx *c, int file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Like fail(), but a note in the scenario's warnings ("FILE:LINE: warning: ..."); the load goes
 * on. Warnings past SCN_MAX_WARNINGS are dropped. */
static void warn(scn_ctx *c, int file, int line, const char *fmt, ...)
{
    if (c->s->n_warnings >= SCN_MAX_WARNINGS)
        return;
    char msg[SCN_WARNING_MAX - 150], *out = c->s->warnings[c->s->n_warnings++];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (file == ORIGIN_SET_FILE)
        snprintf(out, SCN_WARNING_MAX, "--set %.60s: warning: %s", c->sets[line], msg);
    else if (line > 0)
        snprintf(out, SCN_WARNING_MAX, "%.100s:%d: warning: %s", c->files[file], line, msg);
    else
        snprintf(out, SCN_WARNING_MAX, "%.100s: warning: %s", c->files[file], msg);
}

/* The message at the place a value came from. */
static int fail_at(scn_ctx *c, const scn_origin *o, const char *msg)
{
    if (o->source == SCN_FROM_SET)
        return fail(c, ORIGIN_SET_FILE, o->line, "%s", msg);
    return fail(c, o->file, o->line, "%s", msg);
}

static size_t n_ev_cols(void)
{
    return 1 + params_event_specs_count;
}

static scn_origin *ev_origin(scn_ctx *c, int ev, size_t col)
{
    return &c->ev[(size_t)ev * n_ev_cols() + col];
}

/* ---------------------------------------------------------------- the tables */

static const params_spec *find_spec(const params_spec *rows, size_t n, const char *section,
                                    const char *key, size_t *index)
{
    for (size_t i = 0; i < n; i++)
        if ((!section || !strcmp(rows[i].section, section)) && !strcmp(rows[i].key, key)) {
            if (index)
                *index = i;
            return &rows[i];
        }
    return NULL;
}

static int is_general_section(const char *s)
{
    for (size_t i = 0; i < params_specs_count; i++)
        if (!strcmp(params_specs[i].section, s))
            return 1;
    return 0;
}

/* Distinct section names of params_specs, in table order. */
static size_t general_sections(const char **out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < params_specs_count; i++) {
        size_t j = 0;
        while (j < n && strcmp(out[j], params_specs[i].section))
            j++;
        if (j == n && n < cap)
            out[n++] = params_specs[i].section;
    }
    return n;
}

/* Keys an event of this type takes (without "type"), comma-separated, into buf. */
static void event_keys_list(params_event_type type, char *buf, size_t len)
{
    size_t used = (size_t)snprintf(buf, len, "type");
    for (size_t i = 0; i < params_event_specs_count && used < len; i++)
        if (params_event_specs[i].types & (1u << type))
            used += (size_t)snprintf(buf + used, len - used, ", %s", params_event_specs[i].key);
}

static void event_types_list(char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int t = 0; t < EVT_TYPE_COUNT && used < len; t++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", t ? ", " : "",
                                 params_event_type_name((params_event_type)t));
}

/* ---------------------------------------------------------------- setting one value */

static void record(scn_ctx *c, scn_origin *o, scn_source src, int file, int line, const char *text)
{
    o->source = src;
    o->file = file;
    o->line = line;
    o->seq = ++c->seq;
    const char *s = text;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n >= sizeof o->value)
        n = sizeof o->value - 1;
    memcpy(o->value, s, n);
    o->value[n] = '\0';
}

/* Parse text into the field, check it, and note its origin. file/line as for fail(). */
static int set_value(scn_ctx *c, scn_origin *o, const params_spec *spec, void *base,
                     const char *text, int file, int line, const char *label)
{
    char msg[512];
    if (file != ORIGIN_SET_FILE && o->source == SCN_FROM_FILE && o->file == file)
        return fail(c, file, line, "'%s' is set twice in %s (first on line %d)", spec->key, label,
                    o->line);
    if (scn_parse_value(spec, text, base, msg, sizeof msg) < 0)
        return fail(c, file, line, "'%s' in %s: %s", spec->key, label, msg);
    record(c, o, file == ORIGIN_SET_FILE ? SCN_FROM_SET : SCN_FROM_FILE, file, line, text);
    return 0;
}

/* ---------------------------------------------------------------- events */

static int find_event(const model_params *p, const char *name)
{
    for (int i = 0; i < p->n_events; i++)
        if (!strcmp(p->events[i].name, name))
            return i;
    return -1;
}

static int parse_event_type(scn_ctx *c, const char *text, int file, int line, const char *label)
{
    char w[64];
    snprintf(w, sizeof w, "%s", text);
    int t = params_event_type_parse(w);
    if (t >= 0)
        return t;
    const char *names[EVT_TYPE_COUNT];
    for (int i = 0; i < EVT_TYPE_COUNT; i++)
        names[i] = params_event_type_name((params_event_type)i);
    const char *near = scn_nearest(w, names, EVT_TYPE_COUNT);
    if (near)
        return fail(c, file, line, "unknown event type '%s' in %s; did you mean '%s'?", w, label,
                    near);
    char list[256];
    event_types_list(list, sizeof list);
    return fail(c, file, line, "unknown event type '%s' in %s; expected one of %s", w, label, list);
}

/* Give event `name` the type `text`: a new event, or an inherited one retyped (which starts it
 * afresh from that type's defaults), or the same type again (nothing changes). */
static int define_event(scn_ctx *c, const char *name, const char *text, int file, int line,
                        int def_line, const char *label)
{
    int t = parse_event_type(c, text, file, line, label);
    if (t < 0)
        return -1;
    model_params *p = c->p;
    int ev = find_event(p, name);
    if (ev >= 0 && file != ORIGIN_SET_FILE) {
        scn_origin *o = ev_origin(c, ev, 0);
        if (o->source == SCN_FROM_FILE && o->file == file)
            return fail(c, file, line, "'type' is set twice in %s (first on line %d)", label,
                        o->line);
    }
    int fresh = ev < 0;
    if (fresh) {
        if (p->n_events >= PARAMS_MAX_EVENTS)
            return fail(c, file, line, "too many events: a scenario has at most %d",
                        PARAMS_MAX_EVENTS);
        ev = p->n_events++;
    }
    if (fresh || (int)p->events[ev].type != t) {
        params_event_defaults(&p->events[ev], (params_event_type)t);
        snprintf(p->events[ev].name, sizeof p->events[ev].name, "%s", name);
        memset(ev_origin(c, ev, 0), 0, n_ev_cols() * sizeof(scn_origin));
        c->ev_file[ev] = file;
        c->ev_line[ev] = def_line;
    }
    record(c, ev_origin(c, ev, 0), file == ORIGIN_SET_FILE ? SCN_FROM_SET : SCN_FROM_FILE, file,
           line, text);
    return ev;
}

/* A key of an event section (not "type"). */
static int set_event_key(scn_ctx *c, int ev, const char *key, const char *text, int file, int line,
                         const char *label)
{
    params_event *e = &c->p->events[ev];
    size_t j;
    const params_spec *spec = find_spec(params_event_specs, params_event_specs_count, NULL, key, &j);
    char keys[512];
    event_keys_list(e->type, keys, sizeof keys);
    const char *tname = params_event_type_name(e->type);
    if (!spec || !(spec->types & (1u << e->type))) {
        const char *cands[64];
        size_t n = 0;
        cands[n++] = "type";
        for (size_t i = 0; i < params_event_specs_count && n < 64; i++)
            if (params_event_specs[i].types & (1u << e->type))
                cands[n++] = params_event_specs[i].key;
        const char *near = scn_nearest(key, cands, n);
        if (spec && !near)
            return fail(c, file, line, "'%s' does not apply to a %s event in %s; it takes: %s", key,
                        tname, label, keys);
        if (near)
            return fail(c, file, line, "unknown key '%s' in %s; did you mean '%s'?", key, label,
                        near);
        return fail(c, file, line, "unknown key '%s' in %s; a %s event takes: %s", key, label,
                    tname, keys);
    }
    return set_value(c, ev_origin(c, ev, 1 + j), spec, e, text, file, line, label);
}

/* ---------------------------------------------------------------- general and staff keys */

static int unknown_key(scn_ctx *c, const char *key, const char *section, const params_spec *rows,
                       size_t n_rows, int file, int line, const char *label)
{
    const char *cands[128];
    size_t n = 0;
    if (!strcmp(section, "scenario"))
        cands[n++] = "base";
    for (size_t i = 0; i < n_rows && n < 128; i++)
        if (!strcmp(rows[i].section, section))
            cands[n++] = rows[i].key;
    const char *near = scn_nearest(key, cands, n);
    if (near)
        return fail(c, file, line, "unknown key '%s' in %s; did you mean '%s'?", key, label, near);
    const params_spec *elsewhere = find_spec(params_specs, params_specs_count, NULL, key, NULL);
    if (elsewhere && strcmp(elsewhere->section, section))
        return fail(c, file, line, "unknown key '%s' in %s; it belongs in [%s]", key, label,
                    elsewhere->section);
    if (strcmp(section, "staff") && find_spec(params_staff_specs, params_staff_specs_count, NULL,
                                              key, NULL))
        return fail(c, file, line, "unknown key '%s' in %s; it belongs in [staff \"ROLE\"]", key,
                    label);
    if (!strcmp(key, "base"))
        return fail(c, file, line, "unknown key 'base' in %s; it belongs in [scenario]", label);
    return fail(c, file, line, "unknown key '%s' in %s (see 'caseload validate --keys')", key,
                label);
}

static int set_general_key(scn_ctx *c, const char *section, const char *key, const char *text,
                           int file, int line, const char *label)
{
    size_t i;
    const params_spec *spec = find_spec(params_specs, params_specs_count, section, key, &i);
    if (!spec)
        return unknown_key(c, key, section, params_specs, params_specs_count, file, line, label);
    return set_value(c, &c->gen[i], spec, c->p, text, file, line, label);
}

static int set_staff_key(scn_ctx *c, int role, const char *key, const char *text, int file,
                         int line, const char *label)
{
    size_t i;
    const params_spec *spec = find_spec(params_staff_specs, params_staff_specs_count, NULL, key, &i);
    if (!spec)
        return unknown_key(c, key, "staff", params_staff_specs, params_staff_specs_count, file, line,
                           label);
    scn_origin *o = &c->staff[(size_t)role * params_staff_specs_count + i];
    return set_value(c, o, spec, &c->p->staff[role], text, file, line, label);
}

/* ---------------------------------------------------------------- section headers */

static int valid_event_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= PARAMS_NAME_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
              || ch == '-' || ch == '_'))
            return 0;
    }
    return 1;
}

/* Split `word "arg"`; returns 1 if a quoted argument was found, 0 if none, -1 if malformed. */
static int split_header(const char *text, char *word, size_t wlen, char *arg, size_t alen)
{
    const char *s = text;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strcspn(s, " \t\"");
    snprintf(word, wlen, "%.*s", (int)n, s);
    s += n;
    while (*s == ' ' || *s == '\t')
        s++;
    arg[0] = '\0';
    if (!*s)
        return 0;
    if (*s != '"')
        return -1;
    const char *q = strchr(s + 1, '"');
    if (!q)
        return -1;
    snprintf(arg, alen, "%.*s", (int)(q - s - 1), s + 1);
    for (q++; *q == ' ' || *q == '\t'; q++)
        ;
    return *q ? -1 : 1;
}

static int unknown_section(scn_ctx *c, const char *word, int file, int line)
{
    const char *cands[32];
    size_t n = general_sections(cands, 30);
    cands[n++] = "staff";
    cands[n++] = "event";
    const char *near = scn_nearest(word, cands, n);
    if (near && (!strcmp(near, "staff") || !strcmp(near, "event")))
        return fail(c, file, line, "unknown section [%s]; did you mean [%s \"%s\"]?", word, near,
                    !strcmp(near, "staff") ? "ROLE" : "NAME");
    if (near)
        return fail(c, file, line, "unknown section [%s]; did you mean [%s]?", word, near);
    char list[512];
    size_t used = 0;
    for (size_t i = 0; i + 2 < n && used < sizeof list; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "[%s], ", cands[i]);
    return fail(c, file, line, "unknown section [%s]; expected one of %s[staff \"ROLE\"] or "
                "[event \"NAME\"]", word, list);
}

static int staff_header(scn_ctx *c, const char *arg, int file, int line, hinfo *h)
{
    int r = params_role_parse(arg);
    if (r < 0) {
        const char *names[ROLE_COUNT];
        for (int i = 0; i < ROLE_COUNT; i++)
            names[i] = params_role_name((params_role)i);
        const char *near = scn_nearest(arg, names, ROLE_COUNT);
        if (near)
            return fail(c, file, line, "unknown staff role '%s' in [staff \"%s\"]; did you mean "
                        "'%s'?", arg, arg, near);
        char list[256];
        size_t used = 0;
        for (int i = 0; i < ROLE_COUNT && used < sizeof list; i++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
                                     names[i]);
        return fail(c, file, line, "unknown staff role '%s' in [staff \"%s\"]; expected one of %s",
                    arg, arg, list);
    }
    h->kind = H_STAFF;
    h->role = r;
    return 0;
}

/* [event "NAME"]: find its `type` among the section's entries first, since the type decides which
 * keys the section may hold. */
static int event_header(scn_ctx *c, const scn_text *t, size_t hi, const char *arg, int file,
                        hinfo *h)
{
    int line = t->headers[hi].line;
    if (!valid_event_name(arg))
        return fail(c, file, line, "event name '%s' must be 1 to %d letters, digits, '-' or '_'",
                    arg, PARAMS_NAME_MAX - 1);
    h->kind = H_EVENT;
    size_t te = t->headers[hi].type_entry;
    const scn_entry *e = te ? &t->entries[te - 1] : NULL;
    if (e && !(t->syntax_line && e->line >= t->syntax_line)) {
        h->event = define_event(c, arg, e->value, file, e->line, line, h->label);
        return h->event < 0 ? -1 : 0;
    }
    h->event = find_event(c->p, arg);
    if (h->event < 0) {
        char list[256];
        event_types_list(list, sizeof list);
        return fail(c, file, line, "%s has no type; add 'type = ' one of %s", h->label, list);
    }
    return 0;
}

static int read_header(scn_ctx *c, const scn_text *t, size_t hi, int file, hinfo *h)
{
    const scn_header *hd = &t->headers[hi];
    char word[64], arg[SCN_MAX_LINE + 1];
    int q = split_header(hd->text, word, sizeof word, arg, sizeof arg);
    snprintf(h->label, sizeof h->label, "[%.90s]", hd->text);
    if (hd->trailing)
        return fail(c, file, hd->line, "unexpected text after the ']' of %s", h->label);
    int named = !strcmp(word, "staff") || !strcmp(word, "event");
    if (!named && !is_general_section(word))
        return unknown_section(c, word, file, hd->line);
    if (q < 0 || (named && q == 0))
        return fail(c, file, hd->line, "expected [%s \"%s\"], got %s", word,
                    !strcmp(word, "staff") ? "ROLE" : !strcmp(word, "event") ? "NAME" : "...",
                    h->label);
    if (!named && q > 0)
        return fail(c, file, hd->line, "section [%s] takes no name, got %s", word, h->label);
    if (!strcmp(word, "staff"))
        return staff_header(c, arg, file, hd->line, h);
    if (!strcmp(word, "event"))
        return event_header(c, t, hi, arg, file, h);
    h->kind = H_GENERAL;
    for (size_t i = 0; i < params_specs_count; i++)
        if (!strcmp(params_specs[i].section, word))
            h->section = params_specs[i].section;
    return 0;
}

/* ---------------------------------------------------------------- one file */

static int load_file(scn_ctx *c, const char *path, const char *real);

static int entry_outside(scn_ctx *c, const scn_entry *e, int file)
{
    const params_spec *s = find_spec(params_specs, params_specs_count, NULL, e->key, NULL);
    if (s)
        return fail(c, file, e->line, "'%s' is outside any section; it belongs in [%s]", e->key,
                    s->section);
    /* not a key of ours, before any section: the file may be anything (the first field of a
     * password file), so its text is not repeated */
    return fail(c, file, e->line, "not a scenario file: a key outside any section that is not a "
                "scenario key (a scenario starts with [scenario])");
}

static int apply_entry(scn_ctx *c, const scn_text *t, const hinfo *hs, const scn_entry *e, int file)
{
    if (e->header < 0)
        return entry_outside(c, e, file);
    const hinfo *h = &hs[e->header];
    if (!e->key[0])
        return fail(c, file, e->line, "a value with no key before its '=' in %s", h->label);
    if (e->too_long)
        return fail(c, file, e->line, "the value of '%s' in %s is longer than %d bytes", e->key,
                    h->label, SCN_VALUE_MAX - 1);
    switch (h->kind) {
    case H_STAFF:
        return set_staff_key(c, h->role, e->key, e->value, file, e->line, h->label);
    case H_EVENT:
        if (!strcmp(e->key, "type")) {
            const scn_origin *o = ev_origin(c, h->event, 0);
            if (o->source == SCN_FROM_FILE && o->file == file && o->line == e->line)
                return 0; /* applied with its header */
            return fail(c, file, e->line, "'type' is set twice in %s (first on line %d)", h->label,
                        o->line);
        }
        return set_event_key(c, h->event, e->key, e->value, file, e->line, h->label);
    case H_GENERAL:
        if (!strcmp(h->section, "scenario") && !strcmp(e->key, "base"))
            return 0; /* applied first, see apply_base */
        return set_general_key(c, h->section, e->key, e->value, file, e->line, h->label);
    }
    (void)t;
    return 0;
}

static int is_scenario_header(const scn_text *t, int hi)
{
    if (hi < 0)
        return 0;
    char word[64], arg[8];
    return split_header(t->headers[hi].text, word, sizeof word, arg, sizeof arg) == 0
           && !strcmp(word, "scenario");
}

/* 1 when the load is confined to a folder (scn_load_buffer_inside) and path, links resolved,
 * is not directly inside it. */
static int outside_root(const scn_ctx *c, const char *path)
{
    char real[PATH_MAX];
    if (!c->root[0])
        return 0;
    if (!realpath(path, real))
        return 1;
    size_t n = strlen(c->root);
    return strncmp(real, c->root, n) || real[n] != '/' || strchr(real + n + 1, '/');
}

/* base = FILE, relative to this file's directory. */
static int resolve_base(scn_ctx *c, int file, const scn_entry *e, char *out, size_t len)
{
    const char *v = e->value;
    if (!v[0])
        return fail(c, file, e->line, "'base' in [scenario]: no file name given");
    if (c->root[0] && (strchr(v, '/') || !strcmp(v, "..") || !strcmp(v, ".")))
        return fail(c, file, e->line, "'base' in [scenario]: '%s' is not a file name in the "
                                      "scenarios folder (no folders or '..')", v);
    const char *me = c->files[file];
    const char *slash = strrchr(me, '/');
    int n;
    if (v[0] == '/' || !slash)
        n = snprintf(out, len, "%s", v);
    else
        n = snprintf(out, len, "%.*s/%s", (int)(slash - me), me, v);
    if (n < 0 || (size_t)n >= len)
        return fail(c, file, e->line, "'base' in [scenario]: the path is too long");
    struct stat st;
    if (stat(out, &st) < 0)
        return fail(c, file, e->line, "base file '%s' not found (looked for %s)", v, out);
    if (S_ISDIR(st.st_mode))
        return fail(c, file, e->line, "base '%s' is a directory, not a scenario file", v);
    return outside_root(c, out) ? fail(c, file, e->line, "base '%s' is a link to a file outside "
                                                         "the scenarios folder", v)
                                : 0;
}

static int apply_base(scn_ctx *c, const scn_text *t, int file)
{
    const scn_entry *base = NULL;
    for (size_t i = 0; i < t->n_entries; i++) {
        const scn_entry *e = &t->entries[i];
        if (t->syntax_line && e->line >= t->syntax_line)
            break;
        if (strcmp(e->key, "base") || !is_scenario_header(t, e->header))
            continue;
        if (base)
            return fail(c, file, e->line, "'base' is set twice in [scenario] (first on line %d)",
                        base->line);
        base = e;
    }
    if (!base)
        return 0;
    char path[PATH_MAX], real[PATH_MAX];
    if (resolve_base(c, file, base, path, sizeof path) < 0)
        return -1;
    if (!realpath(path, real))
        snprintf(real, sizeof real, "%s", path);
    for (int i = 0; i < c->depth; i++)
        if (!strcmp(c->chain[i], real)) {
            char cycle[1024];
            size_t used = 0;
            for (int k = i; k < c->depth && used < sizeof cycle; k++) {
                const char *b = strrchr(c->chain[k], '/');
                used += (size_t)snprintf(cycle + used, sizeof cycle - used, "%s -> ",
                                         b ? b + 1 : c->chain[k]);
            }
            const char *b = strrchr(real, '/');
            return fail(c, file, base->line, "base '%s' makes a cycle: %s%s", base->value, cycle,
                        b ? b + 1 : real);
        }
    if (c->depth >= SCN_MAX_DEPTH)
        return fail(c, file, base->line, "too many levels of 'base' (at most %d files in a chain)",
                    SCN_MAX_DEPTH);
    return load_file(c, path, real);
}

/* Headers and entries in line order, up to the first line inih could not read. */
static int apply_text(scn_ctx *c, const scn_text *t, int file)
{
    hinfo *hs = calloc(t->n_headers + 1, sizeof *hs);
    if (!hs)
        return fail(c, file, 0, "out of memory");
    int rc = apply_base(c, t, file);
    size_t hi = 0, ei = 0;
    while (rc == 0 && (hi < t->n_headers || ei < t->n_entries)) {
        int hline = hi < t->n_headers ? t->headers[hi].line : INT_MAX;
        int eline = ei < t->n_entries ? t->entries[ei].line : INT_MAX;
        int line = hline < eline ? hline : eline;
        if (t->syntax_line && line >= t->syntax_line)
            break;
        if (hline < eline) {
            rc = read_header(c, t, hi, file, &hs[hi]);
            hi++;
        } else {
            rc = apply_entry(c, t, hs, &t->entries[ei], file);
            ei++;
        }
    }
    if (rc == 0 && t->syntax_line)
        rc = fail(c, file, t->syntax_line, "%s", t->syntax_msg);
    free(hs);
    return rc;
}

static int load_data(scn_ctx *c, const char *name, const char *real, const char *data, size_t len)
{
    if (c->n_files >= MAX_FILES) {
        snprintf(c->err, c->errlen, "%s: too many levels of 'base'", name);
        return -1;
    }
    int file = c->n_files++;
    snprintf(c->files[file], sizeof c->files[file], "%s", name);
    scn_text t;
    if (scn_text_parse(&t, name, data, len, c->err, c->errlen) < 0) {
        scn_text_free(&t);
        return -1;
    }
    snprintf(c->chain[c->depth++], sizeof c->chain[0], "%s", real);
    int rc = apply_text(c, &t, file);
    c->depth--;
    scn_text_free(&t);
    return rc;
}

static int load_file(scn_ctx *c, const char *path, const char *real)
{
    char *data;
    size_t len;
    if (scn_read_file(path, &data, &len, c->err, c->errlen) < 0)
        return -1;
    int rc = load_data(c, path, real, data, len);
    free(data);
    return rc;
}

/* ---------------------------------------------------------------- --set overrides */

static int apply_set(scn_ctx *c, size_t si)
{
    const char *arg = c->sets[si];
    const int F = ORIGIN_SET_FILE, L = (int)si;
    const char *eq = strchr(arg, '=');
    if (!eq)
        return fail(c, F, L, "expected section.key=value (such as demand.children=26000)");
    char key[256], parts[3][256];
    size_t kn = (size_t)(eq - arg);
    while (kn > 0 && (arg[kn - 1] == ' ' || arg[kn - 1] == '\t'))
        kn--;
    if (kn >= sizeof key)
        return fail(c, F, L, "the key is too long");
    memcpy(key, arg, kn);
    key[kn] = '\0';
    char value[SCN_VALUE_MAX];
    const char *v = eq + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    size_t vn = strlen(v);
    while (vn > 0 && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
        vn--;
    if (vn < sizeof value)
        snprintf(value, sizeof value, "%.*s", (int)vn, v);
    if (vn >= sizeof value)
        return fail(c, F, L, "the value is longer than %d bytes", SCN_VALUE_MAX - 1);
    int np = 0;
    for (char *s = key, *dot; np < 3; s = dot + 1) {
        dot = strchr(s, '.');
        snprintf(parts[np++], sizeof parts[0], "%.*s", dot ? (int)(dot - s) : (int)strlen(s), s);
        if (!dot)
            break;
        if (np == 3)
            return fail(c, F, L, "expected section.key, staff.ROLE.key or event.NAME.key");
    }
    char label[600];
    if (!strcmp(parts[0], "staff") || !strcmp(parts[0], "event")) {
        if (np != 3)
            return fail(c, F, L, "expected %s.%s.key", parts[0],
                        parts[0][0] == 's' ? "ROLE" : "NAME");
        snprintf(label, sizeof label, "[%s \"%s\"]", parts[0], parts[1]);
        if (parts[0][0] == 's') {
            hinfo h = {0};
            if (staff_header(c, parts[1], F, L, &h) < 0)
                return -1;
            return set_staff_key(c, h.role, parts[2], value, F, L, label);
        }
        if (!valid_event_name(parts[1]))
            return fail(c, F, L, "event name '%s' must be 1 to %d letters, digits, '-' or '_'",
                        parts[1], PARAMS_NAME_MAX - 1);
        if (!strcmp(parts[2], "type"))
            return define_event(c, parts[1], value, F, L, L, label) < 0 ? -1 : 0;
        int ev = find_event(c->p, parts[1]);
        if (ev < 0)
            return fail(c, F, L, "no event '%s' in the scenario (set event.%s.type first to add "
                        "one)", parts[1], parts[1]);
        return set_event_key(c, ev, parts[2], value, F, L, label);
    }
    if (np != 2)
        return fail(c, F, L, "expected section.key (such as demand.children)");
    if (!is_general_section(parts[0]))
        return unknown_section(c, parts[0], F, L);
    if (!strcmp(parts[0], "scenario") && !strcmp(parts[1], "base"))
        return fail(c, F, L, "'base' cannot be changed with --set");
    snprintf(label, sizeof label, "[%s]", parts[0]);
    return set_general_key(c, parts[0], parts[1], value, F, L, label);
}

/* ---------------------------------------------------------------- checks of the whole */

/* d moved by wd working days (dir = +1 or -1), stopping at the calendar's edges. */
static cal_date step_workdays(cal_date d, double wd, int dir)
{
    const cal_date lo = cal_from_ymd(CAL_FIRST_YEAR, 1, 1), hi = cal_from_ymd(CAL_LAST_YEAR, 12, 31);
    long n = (long)ceil(wd);
    for (long i = 0; i < n && d > lo && d < hi; i++) {
        d += dir;
        while (d > lo && d < hi && !cal_is_working_day(d))
            d += dir;
    }
    return d;
}

static const scn_origin *gen_origin(const scn_ctx *c, const char *section, const char *key)
{
    size_t i;
    if (!find_spec(params_specs, params_specs_count, section, key, &i))
        return NULL;
    return &c->gen[i];
}

/* The later-set of two keys, to blame for a relation between them. */
static const scn_origin *later(const scn_origin *a, const scn_origin *b)
{
    if (!a || a->source == SCN_FROM_DEFAULT)
        return b;
    if (!b || b->source == SCN_FROM_DEFAULT)
        return a;
    return a->seq > b->seq ? a : b;
}

static int fail_run(scn_ctx *c, const scn_origin *o, const char *msg)
{
    if (o && o->source != SCN_FROM_DEFAULT)
        return fail_at(c, o, msg);
    return fail(c, 0, 0, "%s", msg);
}

/* The run's span: [begin, end], warm-up included. Checked against the calendar's years. */
static int run_span(scn_ctx *c, cal_date *begin, cal_date *end)
{
    const model_params *p = c->p;
    const scn_origin *start = gen_origin(c, "scenario", "start");
    const scn_origin *years = gen_origin(c, "scenario", "years");
    const scn_origin *warm = gen_origin(c, "scenario", "warmup");
    char msg[256];
    /* a rough bound first, so the working-day walk stays inside the calendar */
    if (p->start - (cal_date)(p->warmup * 7.0 / 5.0) - 40 < cal_from_ymd(CAL_FIRST_YEAR, 1, 1)) {
        snprintf(msg, sizeof msg, "the warm-up of %gwd before the start reaches back before %d, "
                 "the first year the calendar covers", p->warmup, CAL_FIRST_YEAR);
        return fail_run(c, later(start, warm), msg);
    }
    *end = p->start + (cal_date)llround(p->years * CAL_DAYS_YEAR) - 1;
    if (*end > cal_from_ymd(CAL_LAST_YEAR, 12, 31)) {
        snprintf(msg, sizeof msg, "the run (%g years from the start) ends after %d, the last year "
                 "the calendar covers", p->years, CAL_LAST_YEAR);
        return fail_run(c, later(start, years), msg);
    }
    *begin = step_workdays(p->start, p->warmup, -1);
    return 0;
}

static int check_event_keys(scn_ctx *c, int ev)
{
    const params_event *e = &c->p->events[ev];
    for (size_t j = 0; j < params_event_specs_count; j++) {
        const params_spec *s = &params_event_specs[j];
        if (!(s->required & (1u << e->type)) || ev_origin(c, ev, 1 + j)->source != SCN_FROM_DEFAULT)
            continue;
        if (c->ev_file[ev] == ORIGIN_SET_FILE)
            return fail(c, ORIGIN_SET_FILE, c->ev_line[ev], "[event \"%s\"] (%s) needs '%s' (%s)",
                        e->name, params_event_type_name(e->type), s->key, s->unit);
        return fail(c, c->ev_file[ev], c->ev_line[ev], "[event \"%s\"] (%s) needs '%s' (%s)",
                    e->name, params_event_type_name(e->type), s->key, s->unit);
    }
    return 0;
}

static size_t ev_col(const char *key)
{
    size_t j = 0;
    find_spec(params_event_specs, params_event_specs_count, NULL, key, &j);
    return 1 + j;
}

static int check_event_date(scn_ctx *c, int ev, cal_date begin, cal_date end)
{
    const params_event *e = &c->p->events[ev];
    char d[11], b[11], msg[300];
    cal_format_iso(e->date, d);
    if (e->date < begin) {
        cal_format_iso(begin, b);
        snprintf(msg, sizeof msg, "date %s of [event \"%s\"] is before the run starts on %s (the "
                 "start less the warm-up)", d, e->name, b);
        return fail_at(c, ev_origin(c, ev, ev_col("date")), msg);
    }
    if (e->date > end) { /* e.g. --years 1 on a scenario written for five: a note, not a fault */
        const scn_origin *o = ev_origin(c, ev, ev_col("date"));
        cal_format_iso(end, b);
        double years = ceil((double)(e->date - c->p->start + 1) / 365.25);
        const char *fmt = "date %s of [event \"%s\"] is after the run ends on %s, so the event is "
                          "left out; to include it, run at least %g years (years = %g in "
                          "[scenario], or --years %g)";
        if (o->source == SCN_FROM_SET)
            warn(c, ORIGIN_SET_FILE, o->line, fmt, d, e->name, b, years, years, years);
        else
            warn(c, o->file, o->line, fmt, d, e->name, b, years, years, years);
        return 1;
    }
    return 0;
}

static void swap_events(scn_ctx *c, int i, int j);

/* Takes event ev out of the scenario (with its origins), keeping the others in order. */
static void drop_event(scn_ctx *c, int ev)
{
    for (int j = ev; j + 1 < c->p->n_events; j++)
        swap_events(c, j, j + 1);
    c->p->n_events--;
    /* the freed slot as a scenario without the event has it (params_defaults zeroes it), so the
     * resolved file of this scenario loads to the same parameters, bit for bit */
    memset(&c->p->events[c->p->n_events], 0, sizeof c->p->events[0]);
}

/* What each pool does, for the warning about a pool with no staff. */
static const char *const pool_work[ROLE_COUNT] = {
    "no referral is ever allocated or assessed and no plan is worked",
    "no contact is screened by a qualified social worker",
    "no contact is screened by a contact officer",
    "no family gets early help",
    "no front door decision is reviewed by a manager",
    "", "", "", /* unit members: the composition in [units] sets their establishment */
};

/* A pool with no staff loads (a scenario may mean it), but is rarely what was meant. */
static void warn_empty_pools(scn_ctx *c)
{
    for (int r = 0; r < ROLE_COUNT; r++) {
        if (c->p->staff[r].fte > 0 || PARAMS_UNIT_ROLE(r))
            continue;
        int added = 0;
        for (int e = 0; e < c->p->n_events; e++)
            added |= c->p->events[e].type == EVT_INVESTMENT && c->p->events[e].target == r;
        if (added)
            continue;
        const scn_origin *o = &c->staff[(size_t)r * params_staff_specs_count];
        const char *fmt = "[staff \"%s\"] fte = 0: the pool has no staff, so %s; give it an FTE "
                          "above 0, or add an investment event that funds it";
        const char *role = params_role_name((params_role)r);
        if (o->source == SCN_FROM_SET)
            warn(c, ORIGIN_SET_FILE, o->line, fmt, role, pool_work[r]);
        else
            warn(c, o->source == SCN_FROM_FILE ? o->file : 0,
                 o->source == SCN_FROM_FILE ? o->line : 0, fmt, role, pool_work[r]);
    }
}

static int takes_target(params_event_type t)
{
    size_t j = ev_col("target") - 1;
    return (params_event_specs[j].types & (1u << t)) != 0;
}

/* Events whose effects would depend on which is applied first: the same lever on the same pool on
 * the same day, or a restructure that starts while the previous one still disrupts. */
static int check_event_order(scn_ctx *c, int a, int b, cal_date end)
{
    const params_event *x = &c->p->events[a], *y = &c->p->events[b];
    if (x->type != y->type)
        return 0;
    const params_event *first = x->date <= y->date ? x : y, *second = first == x ? y : x;
    int second_i = first == x ? b : a;
    char d1[11], d2[11], msg[400];
    cal_format_iso(first->date, d1);
    cal_format_iso(second->date, d2);
    if (x->date == y->date && (!takes_target(x->type) || x->target == y->target)) {
        snprintf(msg, sizeof msg, "[event \"%s\"] and [event \"%s\"] are both %s on %s: the order of "
                 "their effects is undefined; merge them or give them different dates",
                 first->name, second->name, params_event_type_name(x->type), d1);
        return fail_at(c, ev_origin(c, second_i, ev_col("date")), msg);
    }
    if (x->type == EVT_RESTRUCTURE) {
        cal_date stop = first->duration > 0 ? step_workdays(first->date, first->duration, 1) : end;
        if (second->date < stop) {
            snprintf(msg, sizeof msg, "restructure [event \"%s\"] on %s starts during the %gwd "
                     "disruption of [event \"%s\"] (from %s); a restructure must start after the "
                     "previous one's disruption ends", second->name, d2, first->duration,
                     first->name, d1);
            return fail_at(c, ev_origin(c, second_i, ev_col("date")), msg);
        }
    }
    return 0;
}

/* A budget cut's landings are shares of one saving: the posts cut take what the others leave
 * unless the file says, and landings that add up to more than the whole count the cut twice. */
static int check_landings(scn_ctx *c, int ev)
{
    params_event *e = &c->p->events[ev];
    if (e->type != EVT_BUDGET_CUT)
        return 0;
    const scn_origin *fte = ev_origin(c, ev, ev_col("fte_share"));
    const scn_origin *clo = ev_origin(c, ev, ev_col("closure_share"));
    const scn_origin *mgt = ev_origin(c, ev, ev_col("management_share"));
    char msg[400];
    if (e->closure_share > 0 && e->target != ROLE_EARLY_HELP) {
        snprintf(msg, sizeof msg, "[event \"%s\"]: closure_share applies only to a cut of "
                 "early_help (the service with days open), not %s", e->name,
                 params_role_name((params_role)e->target));
        return fail_at(c, clo, msg);
    }
    double rest = 1.0 - e->closure_share - e->management_share;
    if (fte->source == SCN_FROM_DEFAULT)
        e->fte_share = rest > 0 ? rest : 0;
    double sum = e->fte_share + e->closure_share + e->management_share;
    if (sum <= 1 + 1e-9)
        return 0;
    snprintf(msg, sizeof msg, "[event \"%s\"]: fte_share + closure_share + management_share = %g%% "
             "of the saving; the landings count the cut more than once (they must add up to at "
             "most 100%%)", e->name, 100 * sum);
    const scn_origin *o = later(later(fte->source == SCN_FROM_DEFAULT ? NULL : fte, clo), mgt);
    return fail_at(c, o, msg);
}

static void swap_events(scn_ctx *c, int i, int j)
{
    params_event tmp = c->p->events[i];
    c->p->events[i] = c->p->events[j];
    c->p->events[j] = tmp;
    size_t n = n_ev_cols();
    for (size_t k = 0; k < n; k++) {
        scn_origin o = *ev_origin(c, i, k);
        *ev_origin(c, i, k) = *ev_origin(c, j, k);
        *ev_origin(c, j, k) = o;
    }
    int f = c->ev_file[i], l = c->ev_line[i];
    c->ev_file[i] = c->ev_file[j], c->ev_line[i] = c->ev_line[j];
    c->ev_file[j] = f, c->ev_line[j] = l;
}

/* Stable insertion sort by date: events on one day keep the order they were defined in. */
static void sort_events(scn_ctx *c)
{
    for (int i = 1; i < c->p->n_events; i++)
        for (int j = i; j > 0 && c->p->events[j].date < c->p->events[j - 1].date; j--)
            swap_events(c, j, j - 1);
}

/* params_check names the keys it objects to; blame the one set last. */
static int fail_params(scn_ctx *c, const char *msg)
{
    const scn_origin *best = NULL;
    for (size_t i = 0; i < params_specs_count; i++) {
        const char *k = params_specs[i].key, *hit = msg;
        size_t kl = strlen(k);
        while ((hit = strstr(hit, k)) != NULL) {
            char before = hit == msg ? ' ' : hit[-1], after = hit[kl];
            if (!(before == '_' || (before >= 'a' && before <= 'z'))
                && !(after == '_' || (after >= 'a' && after <= 'z')))
                break;
            hit += kl;
        }
        char sec[80];
        snprintf(sec, sizeof sec, "[%s]", params_specs[i].section);
        if (hit && (!strchr(msg, '[') || strstr(msg, sec)))
            best = later(best, &c->gen[i]);
    }
    return fail_run(c, best, msg);
}

/* The highest weekly rate of new contacts the settings can produce: the base rate at the busiest
 * month, grown by the trend to the end of the run, with every demand shock that raises demand in
 * force at once (their factors multiply). Each of these is bounded alone; their product is what
 * the model simulates, so it is bounded too (16 shocks of x2.5 once passed and took 24 GB). */
double scn_peak_demand(const model_params *p)
{
    double season = 0;
    for (int m = 0; m < 12; m++)
        season = p->seasonal[m] > season ? p->seasonal[m] : season;
    double peak = p->contacts_per_week * season;
    if (p->trend > 0)
        peak *= pow(1.0 + p->trend, p->years);
    for (int i = 0; i < p->n_events; i++)
        if (p->events[i].type == EVT_DEMAND_SHOCK && p->events[i].factor > 1)
            peak *= p->events[i].factor;
    return peak;
}

static int check_demand(scn_ctx *c)
{
    const model_params *p = c->p;
    double peak = scn_peak_demand(p);
    if (!(peak > SCN_MAX_PEAK_DEMAND))
        return 0;
    /* blame the factor set last: the one that took the product over */
    const scn_origin *o = gen_origin(c, "demand", "contacts_per_week");
    o = later(o, gen_origin(c, "demand", "seasonal"));
    o = later(o, gen_origin(c, "demand", "trend"));
    int shocks = 0;
    for (int i = 0; i < p->n_events; i++)
        if (p->events[i].type == EVT_DEMAND_SHOCK && p->events[i].factor > 1) {
            o = later(o, ev_origin(c, i, ev_col("factor")));
            shocks++;
        }
    double season = 0;
    for (int m = 0; m < 12; m++)
        season = p->seasonal[m] > season ? p->seasonal[m] : season;
    double rest = peak / (p->contacts_per_week * season);
    char msg[512];
    snprintf(msg, sizeof msg, "demand at its peak would be %.4g contacts a week "
             "(contacts_per_week %g x busiest month %g x %.4g from the trend and %d demand "
             "shock%s in force together), above the most the model runs, %d: lower "
             "contacts_per_week or a factor",
             peak, p->contacts_per_week, season, rest, shocks, shocks == 1 ? "" : "s",
             SCN_MAX_PEAK_DEMAND);
    return fail_run(c, o, msg);
}

static int check_whole(scn_ctx *c)
{
    cal_date begin = 0, end = 0;
    if (run_span(c, &begin, &end) < 0)
        return -1;
    for (int i = 0; i < c->p->n_events; i++) {
        if (check_event_keys(c, i) < 0 || check_landings(c, i) < 0)
            return -1;
        int rc = check_event_date(c, i, begin, end);
        if (rc < 0)
            return -1;
        if (rc > 0)
            drop_event(c, i--);
    }
    for (int i = 0; i < c->p->n_events; i++)
        for (int j = i + 1; j < c->p->n_events; j++)
            if (check_event_order(c, i, j, end) < 0)
                return -1;
    sort_events(c);
    if (check_demand(c) < 0)
        return -1;
    char msg[512];
    if (params_check(c->p, msg, sizeof msg) < 0)
        return fail_params(c, msg);
    warn_empty_pools(c);
    return 0;
}

/* ---------------------------------------------------------------- the settings list */

static void put_setting(scn_setting *st, const char *key, const scn_origin *o,
                        const params_spec *spec, const void *base, const scn_ctx *c)
{
    snprintf(st->key, sizeof st->key, "%.127s", key); /* keys are short: names <= 63 */
    st->source = o->source;
    st->spec = spec;
    if (o->source == SCN_FROM_DEFAULT)
        scn_format_value(spec, base, st->value, sizeof st->value);
    else
        snprintf(st->value, sizeof st->value, "%s", o->value);
    if (o->source == SCN_FROM_FILE) {
        snprintf(st->file, sizeof st->file, "%.511s", c->files[o->file]);
        st->line = o->line;
    }
}

static int build_settings(scn_scenario *s, const scn_ctx *c)
{
    const model_params *p = c->p;
    size_t n = params_specs_count + (size_t)ROLE_COUNT * params_staff_specs_count;
    n += (size_t)p->n_events * n_ev_cols();
    s->settings = calloc(n, sizeof *s->settings);
    if (!s->settings)
        return -1;
    char key[256];
    size_t k = 0;
    for (size_t i = 0; i < params_specs_count; i++) {
        snprintf(key, sizeof key, "%s.%s", params_specs[i].section, params_specs[i].key);
        put_setting(&s->settings[k++], key, &c->gen[i], &params_specs[i], p, c);
    }
    for (int r = 0; r < ROLE_COUNT; r++)
        for (size_t i = 0; i < params_staff_specs_count; i++) {
            snprintf(key, sizeof key, "staff.%s.%s", params_role_name((params_role)r),
                     params_staff_specs[i].key);
            put_setting(&s->settings[k++], key,
                        &c->staff[(size_t)r * params_staff_specs_count + i],
                        &params_staff_specs[i], &p->staff[r], c);
        }
    for (int e = 0; e < p->n_events; e++) {
        const params_event *ev = &p->events[e];
        scn_setting *st = &s->settings[k++];
        const scn_origin *o = ev_origin((scn_ctx *)c, e, 0);
        snprintf(st->key, sizeof st->key, "event.%s.type", ev->name);
        snprintf(st->value, sizeof st->value, "%s", params_event_type_name(ev->type));
        st->source = o->source;
        if (o->source == SCN_FROM_FILE) {
            snprintf(st->file, sizeof st->file, "%.511s", c->files[o->file]);
            st->line = o->line;
        }
        for (size_t j = 0; j < params_event_specs_count; j++) {
            if (!(params_event_specs[j].types & (1u << ev->type)))
                continue;
            snprintf(key, sizeof key, "event.%s.%s", ev->name, params_event_specs[j].key);
            put_setting(&s->settings[k++], key, ev_origin((scn_ctx *)c, e, 1 + j),
                        &params_event_specs[j], ev, c);
        }
    }
    s->n_settings = k;
    return 0;
}

/* ---------------------------------------------------------------- entry points */

static scn_ctx *ctx_create(scn_scenario *s, const char *const *sets, char *err, size_t errlen)
{
    scn_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->s = s;
    model_params *p = &s->params;
    c->p = p;
    c->sets = sets;
    c->err = err;
    c->errlen = errlen;
    c->gen = calloc(params_specs_count, sizeof *c->gen);
    c->staff = calloc((size_t)ROLE_COUNT * params_staff_specs_count, sizeof *c->staff);
    c->ev = calloc((size_t)PARAMS_MAX_EVENTS * n_ev_cols(), sizeof *c->ev);
    if (!c->gen || !c->staff || !c->ev) {
        free(c->gen), free(c->staff), free(c->ev), free(c);
        return NULL;
    }
    params_defaults(p);
    return c;
}

static void ctx_destroy(scn_ctx *c)
{
    if (!c)
        return;
    free(c->gen);
    free(c->staff);
    free(c->ev);
    free(c);
}

static void set_id(scn_scenario *s, const char *path)
{
    snprintf(s->path, sizeof s->path, "%s", path);
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    if (n > 4 && !strcmp(b + n - 4, ".ini"))
        n -= 4;
    snprintf(s->id, sizeof s->id, "%.*s", (int)n, b);
}

/* Shared tail of both loads: overrides, whole-scenario checks, the settings list. */
static int finish(scn_scenario *s, scn_ctx *c, size_t nsets)
{
    for (size_t i = 0; i < nsets; i++)
        if (apply_set(c, i) < 0)
            return -1;
    if (check_whole(c) < 0)
        return -1;
    if (build_settings(s, c) < 0)
        return fail(c, 0, 0, "out of memory");
    return 0;
}

static int load_any(scn_scenario *s, const char *root, const char *path, const char *data,
                    size_t len, const char *const *sets, size_t nsets, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    set_id(s, path);
    scn_ctx *c = ctx_create(s, sets, err, errlen);
    if (!c) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    if (root && !realpath(root, c->root)) {
        ctx_destroy(c);
        snprintf(err, errlen, "%s: cannot open the scenarios folder", root);
        return -1;
    }
    char real[PATH_MAX];
    if (!realpath(path, real))
        snprintf(real, sizeof real, "%s", path);
    int rc;
    if (data) {
        char *copy = malloc(len + 1); /* NUL-terminated, as a file read would be */
        if (!copy) {
            ctx_destroy(c);
            snprintf(err, errlen, "%s: out of memory", path);
            return -1;
        }
        memcpy(copy, data, len);
        copy[len] = '\0';
        rc = load_data(c, path, real, copy, len);
        free(copy);
    } else {
        snprintf(c->files[0], sizeof c->files[0], "%s", path);
        rc = load_file(c, path, real);
    }
    if (rc == 0)
        rc = finish(s, c, nsets);
    ctx_destroy(c);
    if (rc < 0) {
        free(s->settings);
        s->settings = NULL;
        s->n_settings = 0;
    }
    return rc;
}

int scn_load(scn_scenario *s, const char *path, const char *const *sets, size_t nsets, char *err,
             size_t errlen)
{
    return load_any(s, NULL, path, NULL, 0, sets, nsets, err, errlen);
}

int scn_load_buffer(scn_scenario *s, const char *name, const char *data, size_t len,
                    const char *const *sets, size_t nsets, char *err, size_t errlen)
{
    return load_any(s, NULL, name, data ? data : "", len, sets, nsets, err, errlen);
}

int scn_load_buffer_inside(scn_scenario *s, const char *root, const char *name, const char *data,
                           size_t len, char *err, size_t errlen)
{
    return load_any(s, root, name, data ? data : "", len, NULL, 0, err, errlen);
}

void scn_free(scn_scenario *s)
{
    if (!s)
        return;
    free(s->settings);
    s->settings = NULL;
    s->n_settings = 0;
}
