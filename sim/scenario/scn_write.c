/* scenario_write: the resolved scenario as a standalone INI file, and the key reference
 * (docs/scenarios.md), both generated from the params tables so that they cannot drift from the
 * parser. */
#include <stdio.h>
#include <string.h>

#include "scenario.h"
#include "scn_internal.h"

/* ---------------------------------------------------------------- resolved INI */

/* The section header a setting's key belongs to, and its last part (the key proper). */
static void split_key(const char *key, char *header, size_t hlen, const char **leaf)
{
    const char *dot = strchr(key, '.');
    const char *last = strrchr(key, '.');
    *leaf = last ? last + 1 : key;
    if (!dot || dot == last) {
        snprintf(header, hlen, "[%.*s]", dot ? (int)(dot - key) : (int)strlen(key), key);
        return;
    }
    snprintf(header, hlen, "[%.*s \"%.*s\"]", (int)(dot - key), key, (int)(last - dot - 1), dot + 1);
}

static void origin_text(const scn_setting *st, char *buf, size_t len)
{
    if (st->source == SCN_FROM_DEFAULT)
        snprintf(buf, len, "default");
    else if (st->source == SCN_FROM_SET)
        snprintf(buf, len, "--set");
    else
        snprintf(buf, len, "%s:%d", st->file, st->line);
}

/* "key = value ; origin" when it fits one line (inih's limit); otherwise the origin goes on a
 * comment line above and a long value is wrapped at spaces onto indented continuation lines. */
static int write_setting(FILE *f, const char *leaf, const scn_setting *st)
{
    char origin[600];
    origin_text(st, origin, sizeof origin);
    size_t klen = strlen(leaf), vlen = strlen(st->value);
    /* inih takes a ';' after a space for a comment, so "name = ;x" would lose ";x": a value that
     * starts with ';' follows the '=' directly */
    const char *eq = st->value[0] == ';' ? " =" : " = ";
    if (klen + 3 + vlen + 3 + strlen(origin) <= SCN_MAX_LINE)
        return fprintf(f, "%s%s%s ; %s\n", leaf, eq, st->value, origin) < 0 ? -1 : 0;
    if (fprintf(f, "; %s: %.*s\n", leaf, SCN_MAX_LINE - 4 - (int)klen, origin) < 0)
        return -1;
    const char *v = st->value;
    size_t room = SCN_MAX_LINE - klen - 3;
    int first = 1;
    while (*v) {
        size_t n = strlen(v);
        if (n > room) {
            n = room;
            /* break at a space, never before a ';' or '#' (that line would be a comment) */
            while (n > 0 && (v[n] != ' ' || v[n + 1] == ';' || v[n + 1] == '#'))
                n--;
            if (n == 0)
                n = room; /* one unbroken word: cannot happen for values the parser accepts */
        }
        int rc = first ? fprintf(f, "%s%s%.*s\n", leaf, eq, (int)n, v)
                       : fprintf(f, "    %.*s\n", (int)n, v);
        if (rc < 0)
            return -1;
        first = 0;
        v += n;
        while (*v == ' ')
            v++;
        room = SCN_MAX_LINE - 4;
    }
    if (first && fprintf(f, "%s =\n", leaf) < 0)
        return -1;
    return 0;
}

int scn_write_resolved(const scn_scenario *s, FILE *f)
{
    if (fprintf(f, "; Resolved scenario '%s' (from %s), written by caseload.\n"
                   "; It stands alone (no base): every key, with where its value came from\n"
                   "; (default, FILE:LINE of the scenario chain, or --set).\n",
                s->id, s->path) < 0)
        return -1;
    char current[256] = "";
    for (size_t i = 0; i < s->n_settings; i++) {
        char header[256];
        const char *leaf;
        split_key(s->settings[i].key, header, sizeof header, &leaf);
        if (strcmp(header, current)) {
            if (fprintf(f, "\n%s\n", header) < 0)
                return -1;
            snprintf(current, sizeof current, "%s", header);
        }
        if (write_setting(f, leaf, &s->settings[i]) < 0)
            return -1;
    }
    return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

/* ---------------------------------------------------------------- key reference */

static const char *type_notation(params_type t)
{
    switch (t) {
    case PT_REAL: return "number";
    case PT_COUNT: return "number, not negative (`26,100` allowed)";
    case PT_BOOL: return "yes/no";
    case PT_SHARE: return "share: `0.27` or `27%`";
    case PT_DURATION: return "duration: `45wd`, `12w`, `6m`, `2y`";
    case PT_MONEY: return "money: `£52,000` or `52000`";
    case PT_DATE: return "date: `YYYY-MM-DD`";
    case PT_TEXT: return "text";
    case PT_MONTHLY: return "12 numbers, January first";
    case PT_ROLE: return "staff role";
    case PT_DIRECTION: return "`lower`, `higher`, `neither` or `cost`";
    case PT_SMALLEST: return "`0.5`, `2% of baseline` or `1 or 2% of baseline`";
    case PT_STRUCTURE: return "`pools` or `units` (an event: also `unchanged`)";
    }
    return "?";
}

static void range_text(const params_spec *s, char *buf, size_t len)
{
    if ((s->min == 0 && s->max == 0) || s->type == PT_BOOL || s->type == PT_ROLE ||
        s->type == PT_DIRECTION || s->type == PT_SMALLEST || s->type == PT_STRUCTURE) {
        snprintf(buf, len, "%s", s->type == PT_TEXT ? "" : s->type == PT_DATE ? "1990 to 2100" : "");
        return;
    }
    char lo[64], hi[64];
    scn_format_in_unit(s->type, s->min, lo, sizeof lo);
    scn_format_in_unit(s->type, s->max, hi, sizeof hi);
    snprintf(buf, len, "%s to %s", lo, hi);
}

/* Markdown table cells must not hold a bare '|'. */
static int cell(FILE *f, const char *s)
{
    for (; *s; s++)
        if ((*s == '|' ? fputs("\\|", f) : fputc(*s, f)) == EOF)
            return -1;
    return 0;
}

/* The source column: the cited row of data/published-figures.csv, or "assumption". Keys that do
 * not act on the model ([scenario] names, [report] judging) have none. */
static int source_cell(FILE *f, const params_spec *s)
{
    char src[300];
    if (!strcmp(s->section, "report") || s->type == PT_TEXT || s->type == PT_DATE)
        return 0;
    params_source_text(s->source, src, sizeof src);
    return cell(f, src);
}

/* A staff key's sources by pool: "social_worker: published: ...; the other pools: assumption". */
static void staff_source_cell(FILE *f, const params_spec *s)
{
    int cited = 0;
    char src[300];
    for (int r = 0; r < ROLE_COUNT; r++) {
        const char *c = params_staff_source((params_role)r, s);
        if (c == s->source)
            continue;
        params_source_text(c, src, sizeof src);
        fprintf(f, "%s%s: ", cited++ ? "; " : "", params_role_name((params_role)r));
        cell(f, src);
    }
    params_source_text(s->source, src, sizeof src);
    if (cited)
        fputs("; the other pools: ", f);
    cell(f, src);
}

static int write_row(FILE *f, const params_spec *s, const char *dflt, const char *extra)
{
    char range[160];
    range_text(s, range, sizeof range);
    int code = dflt[0] != '('; /* "(required)" is prose, a value is code */
    fprintf(f, "| `%s` |%s %s | %s | %s | %s", s->key, extra ? extra : "", type_notation(s->type),
            s->unit, range, code ? "`" : "");
    cell(f, dflt);
    fputs(code ? "` | " : " | ", f);
    cell(f, s->doc);
    fputs(" | ", f);
    source_cell(f, s);
    return fputs(" |\n", f) == EOF ? -1 : 0;
}

static int write_general(FILE *f, const model_params *p)
{
    const char *done[32];
    size_t nd = 0;
    for (size_t i = 0; i < params_specs_count; i++) {
        const char *sec = params_specs[i].section;
        size_t k = 0;
        while (k < nd && strcmp(done[k], sec))
            k++;
        if (k < nd || nd == 32)
            continue;
        done[nd++] = sec;
        fprintf(f, "\n### [%s]\n\n", sec);
        if (!strcmp(sec, "report"))
            fputs("How the report judges each measure's difference from the baseline (two keys "
                  "per measure of `measures.csv`; see docs/report.md). Only the baseline's "
                  "values count; the model does not read them.\n\n", f);
        fputs("| key | value | unit | range | default | meaning | source |\n"
              "| --- | --- | --- | --- | --- | --- | --- |\n", f);
        if (!strcmp(sec, "scenario"))
            fputs("| `base` | file name | file | | (none) | Scenario file this one inherits, relative "
                  "to this file's folder; chains allowed, cycles are errors | |\n", f);
        for (size_t j = i; j < params_specs_count; j++) {
            if (strcmp(params_specs[j].section, sec))
                continue;
            char v[SCN_VALUE_MAX];
            scn_format_value(&params_specs[j], p, v, sizeof v);
            write_row(f, &params_specs[j], v, NULL);
        }
    }
    return 0;
}

static int write_staff(FILE *f, const model_params *p)
{
    fputs("\n### [staff \"ROLE\"]\n\nOne section per staff pool. Roles:", f);
    for (int r = 0; r < ROLE_COUNT; r++)
        fprintf(f, "%s `%s`", r ? "," : "", params_role_name((params_role)r));
    fputs(".\n\n| key | value | unit | range | meaning | source |", f);
    for (int r = 0; r < ROLE_COUNT; r++)
        fprintf(f, " default: %s |", params_role_name((params_role)r));
    fputs("\n| --- | --- | --- | --- | --- | --- |", f);
    for (int r = 0; r < ROLE_COUNT; r++)
        fputs(" --- |", f);
    fputc('\n', f);
    for (size_t i = 0; i < params_staff_specs_count; i++) {
        const params_spec *s = &params_staff_specs[i];
        char range[160];
        range_text(s, range, sizeof range);
        fprintf(f, "| `%s` | %s | %s | %s | ", s->key, type_notation(s->type), s->unit, range);
        cell(f, s->doc);
        fputs(" | ", f);
        staff_source_cell(f, s);
        fputs(" |", f);
        for (int r = 0; r < ROLE_COUNT; r++) {
            char v[SCN_VALUE_MAX];
            scn_format_value(s, &p->staff[r], v, sizeof v);
            fprintf(f, " `%s` |", v);
        }
        fputc('\n', f);
    }
    return 0;
}

/* A value to show in an event example; rows without one show their default. */
static const char *example_value(const char *key, params_event_type t)
{
    static const struct { const char *key, *value; } ex[] = {
        {"date", "2011-04-01"},     {"fraction", "27%"},          {"by_attrition", "no"},
        {"fte_share", "15%"},       {"closure_share", "75%"},     {"management_share", "10%"},
        {"duration", "6m"},         {"early_help_shift", "0"},
        {"ramp", "3m"},             {"productivity", "80%"},      {"turnover_multiplier", "1.5"},
        {"handoff_share", "30%"},   {"new_caseload_cap", "18"},   {"threshold_shift", "0.3"},
        {"outcome_shift", "0.2"},   {"enabled", "no"},            {"fte", "16"},
        {"cap", "10%"},             {"factor", "1.2"},
    };
    if (!strcmp(key, "target"))
        return t == EVT_BUDGET_CUT ? "early_help" : "social_worker";
    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++)
        if (!strcmp(ex[i].key, key))
            return ex[i].value;
    return NULL;
}

static void write_event_type(FILE *f, params_event_type t)
{
    params_event ev;
    params_event_defaults(&ev, t);
    const char *name = params_event_type_name(t);
    fprintf(f, "\n### `type = %s`\n\n| key | value | unit | range | default | meaning | source |\n"
               "| --- | --- | --- | --- | --- | --- | --- |\n", name);
    for (size_t i = 0; i < params_event_specs_count; i++) {
        const params_spec *s = &params_event_specs[i];
        if (!(s->types & (1u << t)))
            continue;
        char v[SCN_VALUE_MAX];
        if (s->required & (1u << t))
            snprintf(v, sizeof v, "(required)");
        else
            scn_format_value(s, &ev, v, sizeof v);
        write_row(f, s, v, NULL);
    }
    fprintf(f, "\n```ini\n[event \"my-");
    for (const char *c = name; *c; c++)
        fputc(*c == '_' ? '-' : *c, f);
    fprintf(f, "\"]\ntype = %s\n", name);
    for (size_t i = 0; i < params_event_specs_count; i++) {
        const params_spec *s = &params_event_specs[i];
        if (!(s->types & (1u << t)))
            continue;
        const char *x = example_value(s->key, t);
        char v[SCN_VALUE_MAX];
        if (!x) {
            scn_format_value(s, &ev, v, sizeof v);
            x = v;
        }
        fprintf(f, "%s = %s\n", s->key, x);
    }
    fputs("```\n", f);
}

int scn_write_keys(FILE *f)
{
    model_params p;
    params_defaults(&p);
    fputs("## Key reference\n\n"
          "Generated by `caseload validate --keys` from the parameter tables (`sim/model/params.c`); a "
          "test fails if this section and the program disagree. Defaults are those of "
          "`scenarios/baseline.ini`, the calibrated typical authority. Ranges are in the unit "
          "shown; a value outside its range is an error. The source column cites the row of "
          "`data/published-figures.csv` (quantity, year) a default comes from, or says "
          "`assumption`: a default with no published figure behind it, which the report lists "
          "in its assumptions.\n",
          f);
    write_general(f, &p);
    write_staff(f, &p);
    fputs("\n### [event \"NAME\"]\n\nOne section per dated event; NAME is 1 to 63 letters, digits, "
          "`-` or `_`. `type` picks what the event does and which keys it takes; `date` is the day "
          "its effect starts. Types:",
          f);
    for (int t = 0; t < EVT_TYPE_COUNT; t++)
        fprintf(f, "%s `%s`", t ? "," : "", params_event_type_name((params_event_type)t));
    fputs(".\n\n| key | value | unit | range | default | meaning | source |\n"
          "| --- | --- | --- | --- | --- | --- | --- |\n"
          "| `type` | event type | type | | (required) | What the event does; decides its other "
          "keys (below) | |\n",
          f);
    for (int t = 0; t < EVT_TYPE_COUNT; t++)
        write_event_type(f, (params_event_type)t);
    return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}
