/* cli_decide: what `caseload plan` and `caseload sweep` share: their common options, the stop flag
 * and progress lines, and the file names of their results (cli_decide.c). */
#ifndef CASELOAD_CLI_DECIDE_H
#define CASELOAD_CLI_DECIDE_H

#include <stddef.h>

#include "decide.h"
#include "outfile.h"

typedef struct cli_decide_opts {
    const char *file;          /* the scenario */
    const char *sets[DEC_MAX_SETS - 2];
    size_t nsets;
    size_t reps;
    unsigned long long seed;
    unsigned threads;
    const char *out;
    int quiet, help, charts;
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
/* The exit code of a decide status, after printing err: 2 bad input, 130/143 stopped, 1 else. */
int cli_decide_exit(const char *cmd, int rc, const char *err);
/* "staff.social_worker.fte" -> "social worker FTE"-like text for axis titles. */
void cli_decide_key_label(const char *key, char *buf, size_t n);

#endif
