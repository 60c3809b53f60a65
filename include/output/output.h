/* output: the results directory of `caseload run` and `caseload compare` (docs/outputs.md is the
 * contract for every file's format).
 *
 * The guarantee (docs/runner.md): out_write first writes every file under a temporary name in its
 * final directory and flushes it to disk (fsync); only when all of them are complete are they
 * renamed into place, one after another. So a failure while writing (disk full, a file-size limit,
 * an I/O error, a stop request) removes the temporaries and leaves the previous results exactly as
 * they were. After the renames, the files the previous manifest (manifest.h) names that this run
 * does not write as data (settings/ of scenarios not in this run, the charts and report.html drawn
 * from the old data) are removed, and nothing else; then the new manifest is written, last. A
 * kill between the first rename and the manifest leaves a folder whose files do not match its
 * manifest, which `plot` refuses; orphaned temporaries are removed by the next run.
 *
 * Nothing here prints; errors are one line in err naming the path and the reason.
 */
#ifndef CASELOAD_OUTPUT_H
#define CASELOAD_OUTPUT_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "runner.h"
#include "scenario.h"

enum { OUT_OK = 0, OUT_ERR = -1, OUT_STOPPED = -2, OUT_FOREIGN = -3 };

typedef struct out_run {
    const char *command;               /* the command line as typed (run.ini, summary.json) */
    uint64_t seed;
    const scn_scenario *scenarios;     /* res->n_scenarios; [0] is the baseline */
    const runner_results *res;
    const volatile sig_atomic_t *stop; /* NULL, or a flag checked between files */
    const char *const *drawn;          /* files drawn from the data afterwards ("charts/x.png",
                                        * "report.html"), claimed in the manifest; may be NULL */
    size_t ndrawn;
} out_run;

/* Create dir (and dir/settings, and dir/charts when `charts`) if needed and check that a file can
 * be created in each, so a bad --out fails before the replications run. A dir with no manifest
 * that holds files caseload did not write is refused (OUT_FOREIGN) unless `force`. The caller
 * should hold the folder's lock (outfile_lock_dir) from here until the results are complete.
 * Returns OUT_OK, OUT_ERR or OUT_FOREIGN with a message. */
int out_prepare_dir(const char *dir, int charts, int force, char *err, size_t errlen);

/* Write every file of docs/outputs.md except the charts and report. Returns OUT_OK, OUT_ERR with a
 * message, or OUT_STOPPED (nothing changed in dir). */
int out_write(const char *dir, const out_run *run, char *err, size_t errlen);

/* Format x as a CSV field: "%.10g", or empty for NaN and infinities. buf holds 32 bytes. */
const char *out_number(double x, char buf[32]);

#endif
