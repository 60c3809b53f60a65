/* cli_snapshot: `--snapshot DIR` and `--write-snapshot DIR` of run and compare (cli_snapshot.c):
 * the snapshot read and turned into the run's start, and the end of replication 1 written. */
#ifndef CASELOAD_CLI_SNAPSHOT_H
#define CASELOAD_CLI_SNAPSHOT_H

#include <stdint.h>
#include "model.h"
#include "snapshot.h"

/* Read DIR into *snap and make the overrides that start the run on its date with no warm-up
 * ("scenario.start=DATE", "scenario.warmup=0wd", each malloc'd into sets[0..1]). Returns 0, or
 * an exit code (2 bad snapshot, 1 unreadable) after printing one line. */
int cli_snapshot_load(const char *dir, model_snapshot *snap, char *sets[2]);
/* Run replication 1 of p (seed) once more, on its own, and write its end state into DIR with
 * `command` as its source. Returns 0, or 1 after printing one line. */
int cli_snapshot_write(const char *dir, const model_params *p, uint64_t seed, const char *command,
                       int quiet);

#endif
