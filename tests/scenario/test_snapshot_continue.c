/* Snapshot round trip (issue 16): a run continued from the snapshot of a run's end is
 * statistically indistinguishable from the run carried on without a break, over the following
 * year, on the key measures.
 *
 * For each replication r of the Isle of Wight baseline over one year:
 *   - its end state is taken (model_run_snapshot), written to a snapshot folder and read back
 *     (scn_snapshot_write / scn_snapshot_read: the files, not only the struct, make the trip);
 *   - continued: a one-year run from that snapshot (no warm-up), with another seed;
 *   - uninterrupted: the same replication run on for a second year. It is the run with the start
 *     a year later and the warm-up a year longer, so its clock, streams and events are those of
 *     the first run, and its measured period is exactly the year after the snapshot.
 * The paired differences (continued - uninterrupted) over replications must have a 95% interval
 * that holds 0 or a mean inside the measure's smallest difference that matters, for caseload per
 * social worker, the share of assessments within 45 working days, and the open cases by status
 * (child in need, protection plan, looked after, unallocated). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gsl/gsl_cdf.h>

#include "check.h"
#include "model.h"
#include "scenario.h"
#include "scn_snapshot.h"
#include "snapshot.h"

#define REPS 30
#define SEED 20110401u
#define SEED_CONTINUED 777u

static const metric_id key_measures[] = {M_caseload_per_sw, M_share_within_45wd, M_cin_open,
                                         M_cp_open, M_lac_open, M_unallocated_cases};
#define NKEY (sizeof key_measures / sizeof key_measures[0])

static int run_one(model_workspace *ws, const model_params *p, uint64_t seed, int rep, double *v)
{
    char err[512];
    model_results r;
    if (model_results_init(&r, p))
        return -1;
    int rc = model_run(ws, p, seed, (uint64_t)rep, &r, err, sizeof err);
    if (rc)
        fprintf(stderr, "model_run: %s\n", err);
    for (size_t k = 0; k < NKEY && !rc; k++)
        v[k] = r.total[key_measures[k]];
    model_results_free(&r);
    return rc;
}

/* Working days in [a, b). */
static double workdays(cal_date a, cal_date b)
{
    cal_workdays *w = cal_workdays_create(a, b - 1);
    double n = w ? cal_workdays_count(w) : NAN;
    cal_workdays_destroy(w);
    return n;
}

/* The end of replication rep as a snapshot, through the files in dir. */
static int snapshot_of(model_workspace *ws, const model_params *p, int rep, const char *dir,
                       model_snapshot *out)
{
    char err[512];
    model_results r;
    model_snapshot s;
    if (model_results_init(&r, p))
        return -1;
    int rc = model_run_snapshot(ws, p, SEED, (uint64_t)rep, &r, &s, err, sizeof err);
    /* taking the snapshot changes none of the run's results */
    double plain[NKEY];
    if (!rc && !run_one(ws, p, SEED, rep, plain))
        for (size_t k = 0; k < NKEY; k++)
            CHECK_MSG(plain[k] == r.total[key_measures[k]], "%s: %g with a snapshot, %g without",
                      metric_name(key_measures[k]), r.total[key_measures[k]], plain[k]);
    model_results_free(&r);
    if (!rc) {
        rc = scn_snapshot_write(dir, &s, "test_snapshot_continue", err, sizeof err);
        model_snapshot_free(&s);
    }
    if (!rc)
        rc = scn_snapshot_read(dir, out, err, sizeof err);
    if (rc)
        fprintf(stderr, "snapshot: %s\n", err);
    return rc;
}

int main(void)
{
    char err[1024];
    const char *sets[] = {"scenario.years=1"};
    scn_scenario s;
    if (scn_load(&s, CASELOAD_SOURCE_DIR "/scenarios/isle-of-wight-2011.ini", sets, 1, err,
                 sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    char dir[] = "/tmp/caseload-snapshot-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    model_workspace *ws = model_workspace_create();
    double d[NKEY][REPS], base[NKEY] = {0};
    int ok = ws != NULL;
    for (int rep = 0; rep < REPS && ok; rep++) {
        model_snapshot snap;
        ok = !snapshot_of(ws, &s.params, rep, dir, &snap);
        if (!ok)
            break;
        model_params cont = s.params, on = s.params;
        cont.start = on.start = snap.date;
        cont.warmup = 0;
        cont.snapshot = &snap;
        on.warmup += workdays(s.params.start, snap.date);
        double vc[NKEY], vu[NKEY];
        ok = !run_one(ws, &cont, SEED_CONTINUED, rep, vc) && !run_one(ws, &on, SEED, rep, vu);
        for (size_t k = 0; k < NKEY && ok; k++) {
            d[k][rep] = vc[k] - vu[k];
            base[k] += vu[k] / REPS;
        }
        model_snapshot_free(&snap);
    }
    CHECK_MSG(ok, "the runs failed");
    double t = gsl_cdf_tdist_Pinv(0.975, REPS - 1);
    printf("%-24s %12s %12s %22s %10s\n", "measure", "uninterrupted", "difference", "95% interval",
           "matters");
    for (size_t k = 0; k < NKEY && ok; k++) {
        double m = 0, v = 0;
        for (int r = 0; r < REPS; r++)
            m += d[k][r] / REPS;
        for (int r = 0; r < REPS; r++)
            v += (d[k][r] - m) * (d[k][r] - m) / (REPS - 1);
        double half = t * sqrt(v / REPS), rel;
        double absd = metric_default_smallest(key_measures[k], &rel);
        double matters = metric_smallest_abs(absd, rel, base[k]);
        printf("%-24s %12.3f %12.3f [%9.3f, %9.3f] %10.3f\n", metric_name(key_measures[k]),
               base[k], m, m - half, m + half, matters);
        CHECK_MSG(fabs(m) <= half || fabs(m) < matters,
                  "%s: continued - uninterrupted = %.3f, 95%% interval +-%.3f, smallest that "
                  "matters %.3f", metric_name(key_measures[k]), m, half, matters);
    }
    const char *files[] = {"snapshot.csv", "staff.csv", "open_cases.csv", "families.csv"};
    for (int i = 0; i < 4; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    model_workspace_destroy(ws);
    scn_free(&s);
    return check_done("test_snapshot_continue");
}
