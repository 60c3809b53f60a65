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
 * (or "--set KEY=VALUE: message" for an override). Nothing is half-filled on error: the caller
 * frees with scn_free either way. */
#ifndef CASELOAD_SCENARIO_H
#define CASELOAD_SCENARIO_H

#include <stddef.h>
#include <stdio.h>
#include "params.h"

typedef enum scn_source { SCN_FROM_DEFAULT, SCN_FROM_FILE, SCN_FROM_SET } scn_source;

/* Where one resolved key's value came from. */
typedef struct scn_setting {
    char key[128];     /* "demand.children", "staff.social_worker.fte", "event.centre-cut.fraction" */
    char value[256];   /* the value as resolved, in the file's notation ("27%", "45wd") */
    scn_source source;
    char file[512];    /* SCN_FROM_FILE: the file that set it last */
    int line;          /* SCN_FROM_FILE: its line */
} scn_setting;

typedef struct scn_scenario {
    char id[64];              /* file name without directory and ".ini": "centre-cut-27" */
    char path[4096];          /* the path as given */
    model_params params;      /* resolved */
    scn_setting *settings;    /* every key, in table order, then events; owned */
    size_t n_settings;
} scn_scenario;

/* Load and resolve a scenario file, then apply `nsets` overrides "section.key=value". */
int scn_load(scn_scenario *s, const char *path, const char *const *sets, size_t nsets, char *err,
             size_t errlen);
void scn_free(scn_scenario *s);

/* Write the resolved settings as an INI file that reproduces the scenario on its own, each key with
 * a trailing comment saying where its value came from. Returns 0 or -1 on a write error. */
int scn_write_resolved(const scn_scenario *s, FILE *f);

#endif
