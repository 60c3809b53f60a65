/* output: the results directory of `caseload run` and `caseload compare` (docs/outputs.md is the
 * contract for every file's format).
 *
 * The guarantee (docs/runner.md): out_write first writes every file under a temporary name in its
 * final directory and flushes it to disk (fsync); only when all of them are complete are they
 * renamed into place, one after another. So a failure while writing (disk full, a file-size limit,
 * an I/O error, a stop request) removes the temporaries and leaves the previous results exactly as
 * they were. Only a failure of rename() itself, which needs no space, could leave a mix, and it is
 * reported. After the renames, files of an earlier run that no longer belong (settings/ of
 * scenarios not in this run, report.html and charts/ images drawn from the old data) are removed,
 * so a directory never pairs new data with an old report.
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

enum { OUT_OK = 0, OUT_ERR = -1, OUT_STOPPED = -2 };

typedef struct out_run {
    const char *command;               /* the command line as typed (run.ini, summary.json) */
    uint64_t seed;
    const scn_scenario *scenarios;     /* res->n_scenarios; [0] is the baseline */
    const runner_results *res;
    const volatile sig_atomic_t *stop; /* NULL, or a flag checked between files */
} out_run;

/* Create dir (and dir/settings) if needed and check that a file can be created there, so a bad
 * --out fails before the replications run. Returns 0, or -1 with a message. */
int out_prepare_dir(const char *dir, char *err, size_t errlen);

/* Write every file of docs/outputs.md except the charts and report. Returns OUT_OK, OUT_ERR with a
 * message, or OUT_STOPPED (nothing changed in dir). */
int out_write(const char *dir, const out_run *run, char *err, size_t errlen);

/* Format x as a CSV field: "%.10g", or empty for NaN and infinities. buf holds 32 bytes. */
const char *out_number(double x, char buf[32]);

#endif
