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

#include "outfile.h"
#include "runner.h"
#include "scenario.h"
#include "sha256.h"

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

/* The manifest of a folder that plan, sweep or sensitivity wrote (their files are already in
 * place): the data files (names relative to dir) with their digests read from disk, the drawn
 * ones by name; files the folder's previous manifest names and this one does not are removed, as
 * out_write does, and the manifest is written last. The caller holds the folder's lock. Returns
 * OUT_OK or OUT_ERR with a message. */
int out_write_manifest(const char *dir, const char *const *data, size_t ndata,
                       const char *const *drawn, size_t ndrawn, char *err, size_t errlen);

/* Format x as a CSV field: "%.10g", or empty for NaN and infinities. buf holds 32 bytes. */
const char *out_number(double x, char buf[32]);

/* ---- shards (docs/cluster.md) ----
 *
 * A shard is a run of replications first..first+count-1 of a bigger run, written into its own
 * folder for `caseload merge`: OUT_SHARD_INFO, a text file naming the run (the command without
 * --shard, the scenario files and overrides in order, seed, replications, shard K/N, the measured
 * weeks, the data layout and a digest of the scenarios' resolved settings), and OUT_SHARD_DATA,
 * every replication's results as the runner hands them over (whole-period values, weekly values,
 * assessment durations and accounting of each scenario, as native doubles and 64-bit counts), then
 * manifest.sha256 naming both. The data are exactly what the runner would fold, so folding every
 * shard's replications in order (out_shard_replay) gives the aggregates of a single run, bit for
 * bit, and out_write then writes the same files. The folder follows the rules of a results folder:
 * a folder of other files and no manifest is refused (OUT_FOREIGN) unless force; the files are
 * written under temporary names and renamed when complete. */
#define OUT_SHARD_INFO "shard.ini"
#define OUT_SHARD_DATA "shard.dat"

/* What a shard is part of. A run or comparison's shard holds every replication's results; a
 * sweep's or sensitivity analysis's holds, evaluation after evaluation, the whole-period values
 * of its replications (dec_run's `values`), and its merge runs the command again on them. */
typedef enum out_shard_kind {
    OUT_SHARD_RUN,
    OUT_SHARD_COMPARE,
    OUT_SHARD_SWEEP,
    OUT_SHARD_SENSITIVITY,
    OUT_SHARD_KINDS
} out_shard_kind;

/* "run", "compare", "sweep", "sensitivity": the command's name. */
const char *out_shard_kind_name(out_shard_kind k);

typedef struct out_shard {
    out_shard_kind kind;
    const char *files[RUNNER_MAX_SCENARIOS]; /* scenario files as given, [0] the baseline */
    size_t nfiles;
    const char *const *sets;     /* --set overrides in order (--years as scenario.years=Y) */
    size_t nsets;
    const char *const *args;           /* sweep, sensitivity: the command's arguments but --shard,
                                  * --out, --threads and --quiet, which do not change results */
    size_t nargs;
    size_t evaluations;          /* sweep, sensitivity: evaluations in the data (read back) */
    uint64_t seed;
    size_t reps;                 /* replications of the whole run */
    size_t k, n;                 /* shard k of n, 0-based */
    size_t first, count;         /* its replications: first..first+count-1 */
    char digest[SHA256_HEX];     /* out_settings_digest of the scenarios */
    /* read back only (the writer takes them from the replications and from itself): */
    int weeks;                   /* measured weeks */
    cal_date week0;              /* first measured day */
    char version[32];            /* the caseload that wrote it */
    char layout[96];             /* what a replication is on disk: sizes and byte order */
    char *text_;                 /* read: the file's text the strings point into (owned) */
    const char **list_[2];       /* read: the arrays sets and args are (owned) */
} out_shard;

/* SHA-256 (hex) of the scenarios' resolved settings as settings/ID.ini holds them: shards whose
 * scenario files differ in any value differ in it. Returns 0, or -1 out of memory. */
int out_settings_digest(const scn_scenario *s, size_t n, char hex[SHA256_HEX]);

/* Writing: out_shard_begin checks and claims dir (as out_prepare_dir) and opens the data file;
 * out_shard_add (a runner_replication_fn, ctx the writer) appends one replication; out_shard_end
 * writes shard.ini and the manifest once all have been added. On any failure, or to give up,
 * out_shard_abort removes the temporaries and leaves dir as it was. */
typedef struct out_shard_writer {
    const out_shard *info;
    size_t n_scenarios;
    size_t added;
    int weeks;                   /* of the replications added */
    cal_date week0;
    outfile data;
    char dir[OUTFILE_PATH_MAX];
} out_shard_writer;

int out_shard_begin(out_shard_writer *w, const char *dir, const out_shard *info,
                    size_t n_scenarios, int force, char *err, size_t errlen);
void out_shard_add(void *w, size_t rep, const model_results *res);
/* sweep, sensitivity: one evaluation's n values (a dec_run `values` callback, ctx the writer). */
void out_shard_add_values(void *w, const double *v, size_t n);
int out_shard_end(out_shard_writer *w, char *err, size_t errlen);
void out_shard_abort(out_shard_writer *w);

/* Reading: dir's shard.ini into *s (free with out_shard_free, also after an error), its files
 * checked against the folder's manifest. Returns OUT_OK, or OUT_ERR with one line naming dir and
 * what is wrong (not a shard folder, a malformed line, a file that does not match the manifest,
 * another data layout). */
int out_shard_read(out_shard *s, const char *dir, char *err, size_t errlen);
void out_shard_free(out_shard *s);

/* Fold the replications of the shard read from dir into `into` (runner_results_init for the
 * whole run), at their places first..first+count-1. Returns OUT_OK or OUT_ERR with a message. */
int out_shard_replay(const char *dir, const out_shard *s, runner_results *into, char *err,
                     size_t errlen);

/* sweep, sensitivity: the values of a shard's evaluations read back in order. open, then read
 * each evaluation's n values, then close, which fails unless every value has been read. */
typedef struct out_shard_values {
    int fd;
    size_t size, pos;            /* bytes */
    char dir[OUTFILE_PATH_MAX];
} out_shard_values;

int out_shard_values_open(out_shard_values *r, const char *dir, char *err, size_t errlen);
int out_shard_values_read(out_shard_values *r, double *v, size_t n, char *err, size_t errlen);
int out_shard_values_close(out_shard_values *r, char *err, size_t errlen);

#endif
