/* output internals shared by sim/output*.c: the summaries every file is made from, computed once,
 * and one writer function per file. Not a public header. */
#ifndef CASELOAD_OUTPUT_IMPL_H
#define CASELOAD_OUTPUT_IMPL_H

#include <stdio.h>

#include "manifest.h"
#include "output.h"
#include "stats.h"

typedef struct out_ctx {
    const out_run *run;
    const runner_results *res;
    stats_summary *summary; /* n_scenarios x M_COUNT whole-period summaries */
    stats_diff *diff;       /* n_scenarios x M_COUNT; row 0 (the baseline) unused */
} out_ctx;

/* Each writes one whole file to f; write errors are left on the stream for the caller. */
void out_write_summary_json(FILE *f, const out_ctx *c);
void out_write_summary_csv(FILE *f, const out_ctx *c);
void out_write_weekly_csv(FILE *f, const out_ctx *c);
void out_write_replications_csv(FILE *f, const out_ctx *c);
void out_write_differences_csv(FILE *f, const out_ctx *c);
void out_write_events_csv(FILE *f, const out_ctx *c);
void out_write_assessment_days_csv(FILE *f, const out_ctx *c);
void out_write_run_ini(FILE *f, const out_ctx *c);
void out_write_measures_csv(FILE *f, const out_ctx *c);
void out_write_assumptions_csv(FILE *f, const out_ctx *c);
void out_write_targets_csv(FILE *f, const out_ctx *c);

/* out_results.c, for the shard folder too: a folder with no manifest and files caseload did not
 * write is refused unless force (OUT_FOREIGN with a message); the files the old manifest names
 * that the new one does not name as data are removed. */
int out_check_ownership(const char *dir, int force, char *err, size_t errlen);
int out_remove_stale(const char *dir, const manifest *old, const manifest *now, char *err,
                     size_t errlen);
/* Temporaries a killed writer left in dir, settings/ and charts/ (the caller holds the lock). */
void out_remove_orphans(const char *dir);

/* A short label for an event, for chart markers ("Budget cut 27% (early_help)"). */
void out_event_label(const params_event *ev, char *buf, size_t len);

#endif
