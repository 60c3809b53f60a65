/* scenario: INI scenario files -> resolved model parameters.
 *
 * A scenario file states only what differs from its base: `base = FILE` in [scenario] inherits
 * another file (relative to the including file; chains allowed, cycles are errors), and a file with
 * no base starts from params_defaults(). Sections and keys are those of params_specs,
 * params_staff_specs ([staff "ROLE"]) and params_event_specs ([event "NAME"] with `type = ...`);
 * see docs/scenarios.md. Overrides from the command line ("section.key=value", e.g.
 * "demand.children=26000", "staff.social_worker.fte=40", "event.centre-cut.fraction=30%") apply
 * last.
 *
 * Errors: every function returns 0 on success or -1 with one line in err of the form
 *     FILE:LINE: message naming the key and what was expected
 * (or "--set KEY=VALUE: message" for an override; "FILE: message" when the fault is the whole file:
 * missing, a directory, empty, binary, too large). Nothing is half-filled on error: the caller
 * frees with scn_free either way.
 *
 * Text rules (inih r55 as Debian ships it, plus checks of our own): a line is at most
 * SCN_MAX_LINE bytes; `;` after a space starts a comment, `#` only at the start of a line; an
 * indented line continues the previous value (joined with one space); the file is UTF-8 (a BOM is
 * allowed) with no NUL or control characters; at most SCN_MAX_FILE bytes.
 *
 * Units (stored units are those of params.h): durations need a unit: `45wd` working days, `12w`
 * weeks (x5 = 60wd), `6m` months (x261/12 = 21.75wd each, so 6m = 130.5wd), `2y` years (x261 =
 * 522wd); money `£52,000` or `52000` (UTF-8 pound sign optional, commas only as thousands
 * separators); shares `0.27` or `27%`; dates ISO `2011-04-01`; booleans yes/no, true/false, on/off,
 * 1/0; monthly values 12 numbers separated by spaces or commas, January first; roles by name. */
#ifndef CASELOAD_SCENARIO_H
#define CASELOAD_SCENARIO_H

#include <stddef.h>
#include <stdio.h>
#include "params.h"

#define SCN_MAX_LINE 197          /* inih's 200-byte buffer less '\r', '\n' and '\0' */
#define SCN_MAX_FILE (1L << 20)   /* bytes; a scenario is a page of text, not a data set */
#define SCN_MAX_DEPTH 16          /* files in one base chain */
/* The most new contacts a week the settings may produce at their peak (scn_peak_demand): twice
 * the most contacts_per_week may be alone, room for seasons and shocks on the largest base rate;
 * a file whose factors multiply beyond it is refused. */
#define SCN_MAX_PEAK_DEMAND 200000

typedef enum scn_source { SCN_FROM_DEFAULT, SCN_FROM_FILE, SCN_FROM_SET } scn_source;

/* Where one resolved key's value came from. */
typedef struct scn_setting {
    char key[128];     /* "demand.children", "staff.social_worker.fte", "event.centre-cut.fraction" */
    char value[256];   /* the value as resolved, in the file's notation ("27%", "45wd") */
    scn_source source;
    const params_spec *spec; /* the row of the params tables the key belongs to */
    char file[512];    /* SCN_FROM_FILE: the file that set it last */
    int line;          /* SCN_FROM_FILE: its line */
} scn_setting;

#define SCN_MAX_WARNINGS 8
#define SCN_WARNING_MAX 512

typedef struct scn_scenario {
    char id[64];              /* file name without directory and ".ini": "centre-cut-27" */
    char path[4096];          /* the path as given */
    model_params params;      /* resolved */
    scn_setting *settings;    /* every key, in table order, then events; owned */
    size_t n_settings;
    /* Things that load but are probably not what was meant, one line each ("FILE:LINE: warning:
     * ..." naming the fix): a staff pool with no staff; an event dated after the run ends (it is
     * dropped, as it could have no effect). Callers print them; the load still succeeds. */
    char warnings[SCN_MAX_WARNINGS][SCN_WARNING_MAX];
    int n_warnings;
} scn_scenario;

/* Load and resolve a scenario file, then apply `nsets` overrides "section.key=value". On success
 * s->params passes params_check (a failure is reported at the key set last, with its file and
 * line), so callers need not check again. */
int scn_load(scn_scenario *s, const char *path, const char *const *sets, size_t nsets, char *err,
             size_t errlen);
void scn_free(scn_scenario *s);

/* The highest weekly rate of new contacts p can produce: contacts_per_week at the busiest month,
 * grown by a positive trend over the measured years, times every demand shock factor above 1
 * (all in force at once). scn_load refuses a scenario where it exceeds SCN_MAX_PEAK_DEMAND; the
 * run's resource estimate (cmd_run.c) is made from it. */
double scn_peak_demand(const model_params *p);

/* The same from memory: `name` stands for the file in messages, and a `base =` in it is looked up
 * relative to name's directory. The entry point of the fuzz targets. */
int scn_load_buffer(scn_scenario *s, const char *name, const char *data, size_t len,
                    const char *const *sets, size_t nsets, char *err, size_t errlen);

/* The same, confined to the folder root (caseload serve, whose text comes from a web page):
 * every `base =` on the chain must be a plain file name (no '/' or '..') whose file, links
 * resolved, lies directly in root; anything else is an error at its line, before the file is
 * read. name should be "ROOT/ID.ini". */
int scn_load_buffer_inside(scn_scenario *s, const char *root, const char *name, const char *data,
                           size_t len, char *err, size_t errlen);

/* Write the resolved settings as an INI file that reproduces the scenario on its own, each key with
 * a trailing comment saying where its value came from. Returns 0 or -1 on a write error. */
int scn_write_resolved(const scn_scenario *s, FILE *f);

/* One value in a file's notation -> the field of `base` (model_params, params_staff or params_event,
 * as the row's table says) that `spec` names, range-checked against spec->min/max. Returns 0, or
 * -1 with a message (no file or key prefix) in err saying what was expected. */
int scn_parse_value(const params_spec *spec, const char *text, void *base, char *err,
                    size_t errlen);
/* The stored value in a file's notation; it parses back to the same bits. */
void scn_format_value(const params_spec *spec, const void *base, char *buf, size_t len);

/* A value in the unit a person reads: shares as percentages, durations in working days ("45wd"),
 * money in pounds, other numbers plain. For messages, the key reference and ranges on a page. */
void scn_format_in_unit(params_type t, double v, char *buf, size_t len);

/* The nearest of n candidate words to `word` by edit distance, or NULL when none is close enough
 * to be a likely misspelling. */
const char *scn_nearest(const char *word, const char *const *cands, size_t n);

/* Write the key reference (Markdown: every section, key, unit, range, default and event type with
 * an example), generated from the params tables; docs/scenarios.md embeds it. 0 or -1 on error. */
int scn_write_keys(FILE *f);

#endif
