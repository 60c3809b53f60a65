/* cli_snapshot: the snapshot options of run and compare. See cli_snapshot.h and docs/snapshot.md. */
#include "cli_snapshot.h"
#include "scn_snapshot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_snapshot_load(const char *dir, model_snapshot *snap, char *sets[2])
{
    char err[1024];
    int rc = scn_snapshot_read(dir, snap, err, sizeof err);
    if (rc) {
        fprintf(stderr, "caseload: %s\n", err);
        return rc == SCN_SNAP_EBAD ? 2 : 1;
    }
    char date[11];
    cal_format_iso(snap->date, date);
    sets[0] = malloc(32);
    sets[1] = malloc(32);
    if (!sets[0] || !sets[1]) {
        fprintf(stderr, "caseload: out of memory\n");
        return 1;
    }
    snprintf(sets[0], 32, "scenario.start=%s", date);
    snprintf(sets[1], 32, "scenario.warmup=0wd");
    return 0;
}

/* Replication 1 is run again on its own rather than kept from the runner: which thread ran it,
 * and so which workspace holds its end, depends on --threads; a fresh run of it does not. */
int cli_snapshot_write(const char *dir, const model_params *p, uint64_t seed, const char *command,
                       int quiet)
{
    char err[1024];
    model_results res;
    model_snapshot snap;
    model_workspace *ws = model_workspace_create();
    int rc = !ws || model_results_init(&res, p) ? -1 : 0;
    if (rc)
        snprintf(err, sizeof err, "out of memory");
    else if ((rc = model_run_snapshot(ws, p, seed, 0, &res, &snap, err, sizeof err)) == 0) {
        rc = scn_snapshot_write(dir, &snap, command, err, sizeof err);
        model_snapshot_free(&snap);
    }
    if (ws)
        model_results_free(&res);
    model_workspace_destroy(ws);
    if (rc) {
        fprintf(stderr, "caseload: --write-snapshot %s: %s\n", dir, err);
        return 1;
    }
    if (!quiet)
        fprintf(stderr, "caseload: the end of replication 1 is in %s/ (a snapshot to continue "
                        "from)\n", dir);
    return 0;
}
