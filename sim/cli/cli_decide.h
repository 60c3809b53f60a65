/* cli_decide: what `caseload plan` and `caseload sweep` share: their common options, the stop flag
 * and progress lines, and the file names of their results (cli_decide.c). */
#ifndef CASELOAD_CLI_DECIDE_H
#define CASELOAD_CLI_DECIDE_H

#include <stddef.h>

#include "decide.h"
#include "outfile.h"
#include "output.h"

typedef struct cli_decide_opts {
    const char *file;          /* the scenario */
    const char *sets[DEC_MAX_SETS - 2];
    size_t nsets;
    size_t reps;
    unsigned long long seed;
    unsigned threads;
    const char *out;
    int quiet, help, charts;
    int sharded;               /* --shard K/N (sweep and sensitivity only) */
    size_t shard_k, shard_n;
    int argc;                  /* the command line, for a shard's shard.ini */
    char **argv;
    /* merge: every evaluation's values come from here instead of replications (dec_run) */
    int (*replay)(void *ctx, double *v, size_t n, char *err, size_t errlen);
    void *replay_ctx;
} cli_decide_opts;

/* A command's own options at argv[*i]: 0 taken, 1 not one of them, -1 bad (one line printed). */
typedef int (*cli_decide_extra)(int argc, char **argv, int *i, void *ctx);
/* The command line: shared options, then the command's own (extra), and up to maxfiles file
 * arguments into files (the first also into o->file). Returns 0, or 2 after one line. */
int cli_decide_parse(const char *cmd, int argc, char **argv, cli_decide_opts *o,
                     cli_decide_extra extra, void *ctx, const char **files, int maxfiles,
                     int *nfiles);

/* Options of both commands at argv[*i]: 0 taken, 1 not one of them, -1 bad (one line printed). */
int cli_decide_option(const char *cmd, int argc, char **argv, int *i, cli_decide_opts *o);
/* The value of a valued option at argv[*i] ("--opt V" or "--opt=V"), or NULL when argv[*i] is not
 * it; *missing when the value is absent. */
const char *cli_decide_value(int argc, char **argv, int *i, const char *name, int *missing);
int cli_decide_number(const char *cmd, const char *opt, const char *v, double *out);
/* The dec_run of the options: stop flag and progress on stderr set up. */
void cli_decide_run(const cli_decide_opts *o, dec_run *run);
/* Create the results directory and take its lock (outfile_lock_dir; the caller unlocks when its
 * files are written); 0, or 1 after printing one line. */
int cli_decide_outdir(const char *cmd, const char *dir, outfile_lock *lock);
/* The manifest of a command's results folder, written last (out_write_manifest): data (e.g.
 * "plan.csv") and, with charts, report.html and charts/PREFIX-MEASURE.png and .svg for each of the
 * n measures. 0, or 1 after printing one line. */
int cli_decide_manifest(const char *cmd, const char *dir, const char *data, int charts,
                        const char *prefix, const metric_id *m, size_t n);
/* "K/N" of --shard (N from 1 to RUNNER_MAX_REPS, K below N), for every command that takes it; cmd
 * names the command in the message ("" for run and compare). 0, or -1 after printing one line. */
int cli_parse_shard(const char *cmd, const char *v, size_t *k, size_t *n);
/* The folder of a command's results (cli_decide_outdir), or with --shard of its shard. */
int cli_decide_claim(const char *cmd, const cli_decide_opts *o, outfile_lock *lock);

/* --shard K/N of sweep and sensitivity: instead of the results, the shard's folder (output.h)
 * with the values of its replications at every evaluation. begin checks o->out and hooks the
 * writer into *run; end, after the evaluations, writes shard.ini and the manifest; abort gives
 * up. alt is the alternative scenario or NULL. Each returns 0 or an exit code after one line. */
typedef struct cli_decide_shard {
    out_shard info;
    out_shard_writer w;
    const char **args;
} cli_decide_shard;

int cli_decide_shard_begin(const char *cmd, const cli_decide_opts *o, const char *alt,
                           cli_decide_shard *sh, dec_run *run);
int cli_decide_shard_end(const char *cmd, cli_decide_shard *sh);
void cli_decide_shard_abort(cli_decide_shard *sh);

/* The digest (out_settings_digest) of file and alt (or NULL) loaded with the overrides. */
int cli_decide_digest(const char *cmd, const char *file, const char *alt,
                      const char *const *sets, size_t nsets, char digest[SHA256_HEX]);

/* Where a merge gets every evaluation's values (dec_run's replay). */
typedef int (*cli_decide_replay_fn)(void *ctx, double *v, size_t n, char *err, size_t errlen);

/* `caseload sweep` and `caseload sensitivity` with their arguments, the values replayed: a merge
 * of their shards writes their files by running them again on the shards' values. */
int cmd_sweep_replay(int argc, char **argv, cli_decide_replay_fn replay, void *ctx);
int cmd_sensitivity_replay(int argc, char **argv, cli_decide_replay_fn replay, void *ctx);

/* The exit code of a decide status, after printing err: 2 bad input, 130/143 stopped, 1 else. */
int cli_decide_exit(const char *cmd, int rc, const char *err);
/* "staff.social_worker.fte" -> "social worker FTE"-like text for axis titles. */
void cli_decide_key_label(const char *key, char *buf, size_t n);

#endif
