/* run_core: a run or comparison from loaded scenarios to its results folder, shared by `run`,
 * `compare` (cmd_run.c), `merge` (cmd_merge.c) and anything else that runs a comparison in the
 * process (the workshop page):
 *
 *     run_opts o = {...};                      the options (cmd_run.c parses them)
 *     run_core_load(&o, &s);                   the scenario files with the overrides
 *     run_core_check(&o, s);                   refuse a run beyond memory or time limits
 *     run_core_execute(&o, s);                 claim o.out, replicate, write every file, unlock
 *
 * or, with the pieces of run_core_execute: run_core_claim, run_core_replicate (into a
 * runner_results), run_core_write (the data files, then the charts, report and workbook), and
 * outfile_unlock. A single run and a merge of shards both end in run_core_write with the same
 * options and aggregates folded in replication order, so their files are the same, byte for byte.
 *
 * Every function prints its own one-line message on stderr ("caseload: ...") and returns 0 or
 * the exit code (cli.h; 128 + the signal when stopped by SIGINT or SIGTERM, which
 * run_core_install_signals sets up: the one piece of process-wide mutable state, a signal flag). */
#ifndef CASELOAD_RUN_CORE_H
#define CASELOAD_RUN_CORE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "outfile.h"
#include "runner.h"
#include "scenario.h"
#include "snapshot.h"

/* Default limits on a run's estimated peak memory and time (run_estimate_make): a share of the
 * machine's memory, and an afternoon. --max-memory and --max-hours raise or lower them. */
#define RUN_DEFAULT_MEMORY_SHARE 0.75
#define RUN_DEFAULT_MAX_HOURS 2.0

typedef struct run_opts {
    int compare;           /* 1: caseload compare */
    const char **files;    /* scenario files in command-line order; [0] is the baseline */
    size_t nfiles;
    const char **sets;     /* "section.key=value" overrides in order (--years becomes one) */
    size_t nsets;
    char **owned;          /* the overrides made from --years, allocated to fit */
    size_t nowned;
    size_t reps;           /* replications of the whole run */
    uint64_t seed;
    unsigned threads;
    const char *out;
    double max_memory;     /* bytes; 0: the default (a share of the machine's memory) */
    double max_hours;      /* 0: RUN_DEFAULT_MAX_HOURS */
    int charts, xlsx, quiet, help;
    int force;             /* --force: write into a folder that holds other files */
    int sharded;           /* --shard K/N given: write shard K of N's folder, not the results */
    size_t shard_k, shard_n;
    const char *snapshot;  /* --snapshot DIR: start from its cases and staff (or NULL) */
    const char *write_snapshot; /* --write-snapshot DIR: the end of replication 1 (or NULL) */
    model_snapshot snap;   /* read from `snapshot` */
} run_opts;

/* Load every file with the overrides; check ids are distinct and the measured periods agree.
 * *out (o->nfiles of them) is the caller's to free with run_core_free, whatever is returned. */
int run_core_load(const run_opts *o, scn_scenario **out);
void run_core_free(scn_scenario *s, size_t n);

/* Refuse what would exhaust the machine or run for most of a day: the time and workspaces of
 * the replications this process runs (a shard's share with --shard), the aggregates of all of
 * them (which a merge of the shards holds). */
int run_core_check(const run_opts *o, const scn_scenario *s);

void run_core_install_signals(void);

/* o->out made, checked as ours (or --force) and locked. */
int run_core_claim(const run_opts *o, outfile_lock *lock);

/* Replications first..first+count-1 of every scenario into *res (free it with
 * runner_results_free; zeroed on failure), each handed to `each` (NULL: none) in order; progress
 * on stderr unless o->quiet; the time taken in *seconds. */
int run_core_replicate(const run_opts *o, const scn_scenario *s, size_t first, size_t count,
                       runner_replication_fn each, void *ctx, runner_results *res,
                       double *seconds);

/* The results of o (every replication of o->reps, folded in order) into o->out, which the caller
 * has claimed: the data files, then unless --no-charts the charts, report and workbook. */
int run_core_write(const run_opts *o, const scn_scenario *s, const runner_results *res);

/* The same without printing, for a caller that reports errors its own way (the workshop page):
 * the data files of res (out_write), then with `charts` the charts and report.html, and with
 * `xlsx` results.xlsx, into dir, which the caller has claimed (out_prepare_dir, outfile_lock_dir).
 * Returns OUT_OK; OUT_STOPPED (nothing changed in dir); or OUT_ERR with one line in err, with
 * *data_done 1 when the data files are complete and only the drawing failed. */
typedef struct run_core_files {
    const char *dir;
    const char *command;               /* the command that reproduces the results (run.ini) */
    uint64_t seed;
    const scn_scenario *scenarios;     /* res->n_scenarios, [0] the baseline */
    const runner_results *res;
    const volatile sig_atomic_t *stop; /* NULL, or a flag checked between files */
    int charts, xlsx;
} run_core_files;

int run_core_write_files(const run_core_files *f, int *data_done, char *err, size_t errlen);

/* Append one word of a command line to f after a space: as it is when it is plain, else in
 * single quotes that a shell reads back as the same word. */
void run_core_shell_word(FILE *f, const char *word);

/* The whole of `run` and `compare`: claim, replicate, write (or with o->sharded, the shard's
 * folder), unlock; a line of timings on stderr unless o->quiet. */
int run_core_execute(const run_opts *o, const scn_scenario *s);

#endif
