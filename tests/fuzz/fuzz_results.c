/* libFuzzer target: the results-folder reader of `plot` (run.ini, the five CSV files, the
 * manifest) on arbitrary bytes. The input is the files' texts one after another, separated by
 * the byte 0x01 (which no results file holds), in the order of `parts` below; they are written
 * into a scratch folder made once per process and read with chart_results_load_unchecked (the
 * parsers; the manifest check is fuzzed on its own through manifest_read). Whatever the input,
 * the reader must return 0 or an error with exactly one line, never crash, leak or overrun, and
 * what it accepts must be drawable: every value within CHART_VALUE_MAX, at most
 * PARAMS_MAX_EVENTS events a scenario, ids that stay inside settings/. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart_data.h"
#include "manifest.h"
#include "params.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const parts[] = {"run.ini", "summary.csv", "weekly.csv", "differences.csv",
                                    "events.csv", "assessment_days.csv", "manifest.sha256"};
#define N_PARTS (sizeof parts / sizeof parts[0])

/* The scratch folder, made on the first call and removed at exit. libFuzzer gives the target no
 * context pointer, so this one name is kept in a static: harness state, not the program's. */
static char scratch_dir[64];

static void remove_scratch(void)
{
    char path[128];
    for (size_t i = 0; i < N_PARTS; i++) {
        snprintf(path, sizeof path, "%s/%s", scratch_dir, parts[i]);
        unlink(path);
    }
    rmdir(scratch_dir);
}

static const char *scratch(void)
{
    if (!scratch_dir[0]) {
        /* memory-backed when there is /dev/shm: the target writes seven files a run */
        snprintf(scratch_dir, sizeof scratch_dir, "/dev/shm/caseload-fuzz-results-XXXXXX");
        if (!mkdtemp(scratch_dir)) {
            snprintf(scratch_dir, sizeof scratch_dir, "/tmp/caseload-fuzz-results-XXXXXX");
            if (!mkdtemp(scratch_dir))
                abort();
        }
        atexit(remove_scratch);
    }
    return scratch_dir;
}

static void put(const char *dir, const char *name, const uint8_t *p, size_t n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(p, 1, n, f);
    fclose(f);
}

static void check_stat(const chart_stat *s)
{
    const double v[] = {s->mean, s->ci_lo, s->ci_hi, s->p5, s->p25, s->p50, s->p75, s->p95};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (!isnan(v[i]) && !(fabs(v[i]) <= CHART_VALUE_MAX))
            abort();
}

static void check_accepted(const chart_results *r)
{
    int per[64] = {0};
    for (int s = 0; s < r->nscen; s++) {
        if (strchr(r->scen[s].id, '/') || !r->scen[s].id[0])
            abort();
        for (int m = 0; m < M_COUNT; m++) {
            check_stat(&r->scen[s].summary[m]);
            for (int w = 0; r->scen[s].weekly[m] && w < r->weeks; w++)
                check_stat(&r->scen[s].weekly[m][w]);
        }
    }
    for (int e = 0; e < r->nevents; e++)
        if (r->events[e].scenario < 64 && ++per[r->events[e].scenario] > PARAMS_MAX_EVENTS)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = scratch();
    const uint8_t *p = data, *end = data + size;
    for (size_t i = 0; i < N_PARTS; i++) {
        const uint8_t *sep = memchr(p, 1, (size_t)(end - p));
        const uint8_t *stop = sep ? sep : end;
        put(dir, parts[i], p, (size_t)(stop - p));
        p = sep ? sep + 1 : end;
    }
    chart_results r;
    char err[1024];
    int rc = chart_results_load_unchecked(&r, dir, err, sizeof err);
    if (rc == 0) {
        check_accepted(&r);
        chart_results_free(&r);
    } else if (!err[0] || strchr(err, '\n')) {
        abort(); /* the contract: exactly one line */
    }
    manifest m;
    rc = manifest_read(&m, dir, err, sizeof err);
    if (rc < 0 && (!err[0] || strchr(err, '\n')))
        abort();
    manifest_free(&m);
    return 0;
}
