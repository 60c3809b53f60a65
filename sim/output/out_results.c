/* output: write the results directory all-or-nothing. See include/output/output.h for the guarantee. */
#include "out_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outfile.h"

typedef void (*file_writer)(FILE *f, const out_ctx *c);

/* The data files in the order they are written and renamed. */
static const struct {
    const char *name;
    file_writer write;
} data_files[] = {
    {"summary.csv", out_write_summary_csv},
    {"weekly.csv", out_write_weekly_csv},
    {"replications.csv", out_write_replications_csv},
    {"differences.csv", out_write_differences_csv},
    {"events.csv", out_write_events_csv},
    {"assessment_days.csv", out_write_assessment_days_csv},
    {"summary.json", out_write_summary_json},
    {"measures.csv", out_write_measures_csv},
    {"assumptions.csv", out_write_assumptions_csv},
    /* last, so a reader that finds run.ini may take the files above as complete */
    {"run.ini", out_write_run_ini},
};
#define N_DATA_FILES (sizeof data_files / sizeof data_files[0])

static int join_path(char *buf, size_t len, const char *dir, const char *sub, const char *name,
                     char *err, size_t errlen)
{
    int n = snprintf(buf, len, "%s/%s%s%s", dir, sub, *sub ? "/" : "", name);
    if (n < 0 || (size_t)n >= len) {
        if (err)
            snprintf(err, errlen, "%s: path too long", dir);
        return -1;
    }
    return 0;
}

int out_prepare_dir(const char *dir, char *err, size_t errlen)
{
    char path[OUTFILE_PATH_MAX];
    if (outfile_mkdirs(dir, err, errlen))
        return -1;
    if (join_path(path, sizeof path, dir, "", "settings", err, errlen) ||
        outfile_mkdirs(path, err, errlen))
        return -1;
    /* Probe both directories with a temporary file, removed at once. */
    const char *subs[] = {"", "settings"};
    for (int i = 0; i < 2; i++) {
        outfile probe;
        if (join_path(path, sizeof path, dir, subs[i], "probe", err, errlen) ||
            outfile_open(&probe, path, err, errlen))
            return -1;
        outfile_abort(&probe);
    }
    return 0;
}

/* Whole-period summaries and paired differences, computed once for the CSV and JSON files. */
static int compute_summaries(out_ctx *c, char *err, size_t errlen)
{
    const runner_results *r = c->res;
    size_t cells = r->n_scenarios * M_COUNT;
    c->summary = calloc(cells, sizeof *c->summary);
    c->diff = calloc(cells, sizeof *c->diff);
    double *a = malloc(r->reps * sizeof *a), *b = malloc(r->reps * sizeof *b);
    double *scratch = malloc(r->reps * sizeof *scratch);
    int ok = c->summary && c->diff && a && b && scratch;
    for (int m = 0; ok && m < M_COUNT; m++) {
        for (size_t rep = 0; rep < r->reps; rep++)
            a[rep] = r->scn[0].values[rep * M_COUNT + (size_t)m];
        stats_summarize(a, r->reps, scratch, &c->summary[m]);
        for (size_t k = 1; k < r->n_scenarios; k++) {
            for (size_t rep = 0; rep < r->reps; rep++)
                b[rep] = r->scn[k].values[rep * M_COUNT + (size_t)m];
            stats_summarize(b, r->reps, scratch, &c->summary[k * M_COUNT + (size_t)m]);
            stats_paired_diff(a, b, r->reps, scratch, &c->diff[k * M_COUNT + (size_t)m]);
        }
    }
    free(a);
    free(b);
    free(scratch);
    if (!ok)
        snprintf(err, errlen, "out of memory for the summaries");
    return ok ? 0 : -1;
}

/* Flush a finished temporary file to disk, so a full disk shows here, before any rename. When the
 * stream already failed, errno still holds the reason from the failed write(): nothing that could
 * fail has run since, and every retry of the buffered write failed the same way. */
static int flush_to_disk(outfile *f, char *err, size_t errlen)
{
    int e = errno;
    int bad = ferror(f->fp) != 0;
    if (!bad && fflush(f->fp) != 0) {
        bad = 1;
        e = errno;
    }
    if (!bad && fsync(fileno(f->fp)) != 0) {
        bad = 1;
        e = errno;
    }
    if (bad)
        snprintf(err, errlen, "cannot write %s: %s", f->path, strerror(e ? e : EIO));
    return bad ? -1 : 0;
}

static int stop_requested(const out_run *run)
{
    return run->stop && *run->stop;
}

/* Phase 1: every file complete under its temporary name. On failure all are removed. */
static int write_temporaries(const char *dir, const out_ctx *c, outfile *files, size_t nfiles,
                             char *err, size_t errlen)
{
    char path[OUTFILE_PATH_MAX];
    for (size_t i = 0; i < nfiles; i++) {
        if (stop_requested(c->run))
            return OUT_STOPPED;
        int is_data = i < N_DATA_FILES;
        const scn_scenario *s = is_data ? NULL : &c->run->scenarios[i - N_DATA_FILES];
        char name[80];
        snprintf(name, sizeof name, "%s%s", is_data ? data_files[i].name : s->id,
                 is_data ? "" : ".ini");
        if (join_path(path, sizeof path, dir, is_data ? "" : "settings", name, err, errlen) ||
            outfile_open(&files[i], path, err, errlen))
            return OUT_ERR;
        if (is_data)
            data_files[i].write(files[i].fp, c);
        else if (scn_write_resolved(s, files[i].fp) != 0) {
            snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno ? errno : EIO));
            return OUT_ERR;
        }
        if (flush_to_disk(&files[i], err, errlen))
            return OUT_ERR;
    }
    return OUT_OK;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

/* Remove files in dir/sub ending in one of the suffixes, except `keep` ids (settings). */
static void remove_matching(const char *dir, const char *sub, const char *const *suffixes,
                            const out_run *run, size_t nkeep)
{
    char path[OUTFILE_PATH_MAX];
    if (join_path(path, sizeof path, dir, "", sub, NULL, 0))
        return;
    DIR *d = opendir(path);
    if (!d)
        return;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        const char *n = ent->d_name;
        if (n[0] == '.')
            continue; /* temporaries of another run that may still be writing */
        int match = 0;
        for (const char *const *s = suffixes; *s; s++)
            match |= has_suffix(n, *s);
        for (size_t k = 0; match && k < nkeep; k++) {
            size_t idlen = strlen(run->scenarios[k].id);
            if (!strncmp(n, run->scenarios[k].id, idlen) && !strcmp(n + idlen, ".ini"))
                match = 0;
        }
        char file[OUTFILE_PATH_MAX];
        if (match && !join_path(file, sizeof file, path, "", n, NULL, 0))
            unlink(file);
    }
    closedir(d);
}

/* Files from an earlier run that the new data would contradict. */
static void remove_stale(const char *dir, const out_run *run)
{
    static const char *const ini[] = {".ini", NULL};
    static const char *const images[] = {".png", ".svg", NULL};
    char path[OUTFILE_PATH_MAX];
    remove_matching(dir, "settings", ini, run, run->res->n_scenarios);
    remove_matching(dir, "charts", images, run, 0);
    if (!join_path(path, sizeof path, dir, "", "report.html", NULL, 0))
        unlink(path);
}

int out_write(const char *dir, const out_run *run, char *err, size_t errlen)
{
    out_ctx c = {.run = run, .res = run->res};
    size_t nfiles = N_DATA_FILES + run->res->n_scenarios;
    outfile *files = calloc(nfiles, sizeof *files);
    int rc = OUT_ERR;
    if (!files) {
        snprintf(err, errlen, "out of memory");
    } else if (compute_summaries(&c, err, errlen) == 0) {
        rc = write_temporaries(dir, &c, files, nfiles, err, errlen);
        if (rc == OUT_STOPPED)
            snprintf(err, errlen, "stopped before the results were written");
    }
    /* Phase 2: rename in order. A stop request here is ignored: the renames take moments and
     * finishing them is what keeps the directory consistent. */
    for (size_t i = 0; files && i < nfiles; i++) {
        if (rc != OUT_OK) {
            outfile_abort(&files[i]);
        } else if (outfile_commit(&files[i], err, errlen)) {
            rc = OUT_ERR;
        }
    }
    if (rc == OUT_OK)
        remove_stale(dir, run);
    free(files);
    free(c.summary);
    free(c.diff);
    return rc;
}
