/* output: write the results directory all-or-nothing. See include/output/output.h for the guarantee. */
#include "out_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "manifest.h"
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
    {"targets.csv", out_write_targets_csv},
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

/* Names a run writes that are not results: the lock, and temporaries (".NAME.tmp-XXXXXX"). */
static int is_own_scratch(const char *name)
{
    return !strcmp(name, MANIFEST_LOCK) || (name[0] == '.' && strstr(name, ".tmp-") != NULL);
}

/* The first entry of dir (or its settings/ and charts/) that no run wrote, into first. A folder
 * with no manifest and such a file belongs to someone else (issue 15: `--out d` once deleted a
 * user's charts/board-logo.png and settings/my.ini). Returns 1 if there is one, else 0. */
static int foreign_entry(const char *dir, const char *sub, char *first, size_t len)
{
    char path[OUTFILE_PATH_MAX];
    if (join_path(path, sizeof path, dir, "", sub, NULL, 0))
        return 0;
    DIR *d = opendir(path);
    if (!d)
        return 0;
    struct dirent *ent;
    int found = 0;
    while (!found && (ent = readdir(d)) != NULL) {
        const char *n = ent->d_name;
        if (!strcmp(n, ".") || !strcmp(n, "..") || is_own_scratch(n))
            continue;
        if (!*sub && (!strcmp(n, "settings") || !strcmp(n, "charts"))) {
            found = foreign_entry(dir, n, first, len);
            continue;
        }
        snprintf(first, len, "%s%s%s", sub, *sub ? "/" : "", n);
        found = 1;
    }
    closedir(d);
    return found;
}

int out_check_ownership(const char *dir, int force, char *err, size_t errlen)
{
    manifest m;
    char first[300], why[512];
    int rc = manifest_read(&m, dir, why, sizeof why);
    manifest_free(&m);
    if (rc == 0 || force || !foreign_entry(dir, "", first, sizeof first))
        return OUT_OK;
    if (rc == 1)
        snprintf(err, errlen, "%s holds files caseload did not write ('%s') and no %s: choose "
                 "another --out, or add --force to write into it (only caseload's own files "
                 "are then replaced)", dir, first, MANIFEST_NAME);
    else
        snprintf(err, errlen, "%s; add --force to write into %s anyway", why, dir);
    return OUT_FOREIGN;
}

/* Probe a directory with a temporary file, removed at once. */
static int probe(const char *dir, const char *sub, char *err, size_t errlen)
{
    char path[OUTFILE_PATH_MAX];
    outfile f;
    if (join_path(path, sizeof path, dir, sub, "probe", err, errlen) ||
        outfile_open(&f, path, err, errlen))
        return -1;
    outfile_abort(&f);
    return 0;
}

int out_prepare_dir(const char *dir, int charts, int force, char *err, size_t errlen)
{
    char path[OUTFILE_PATH_MAX];
    if (outfile_mkdirs(dir, err, errlen))
        return OUT_ERR;
    int rc = out_check_ownership(dir, force, err, errlen);
    if (rc)
        return rc;
    /* charts/ too when they will be drawn: a read-only charts/ once left the old charts beside
     * the new data; now it fails here, before anything runs or changes */
    const char *subs[] = {"settings", "charts"};
    for (int i = 0; i < (charts ? 2 : 1); i++)
        if (join_path(path, sizeof path, dir, "", subs[i], err, errlen) ||
            outfile_mkdirs(path, err, errlen) || probe(dir, subs[i], err, errlen))
            return OUT_ERR;
    return probe(dir, "", err, errlen) ? OUT_ERR : OUT_OK;
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

/* The name of file i relative to dir ("weekly.csv", "settings/alt.ini"). */
static void file_name(const out_run *run, size_t i, char *buf, size_t len)
{
    if (i < N_DATA_FILES)
        snprintf(buf, len, "%s", data_files[i].name);
    else
        snprintf(buf, len, "settings/%s.ini", run->scenarios[i - N_DATA_FILES].id);
}

/* Each temporary's digest, read back from disk (what was written, not what was meant). */
static int hash_temporaries(const char *dir, const out_run *run, const outfile *files,
                            size_t nfiles, manifest *m, char *err, size_t errlen)
{
    for (size_t i = 0; i < nfiles; i++) {
        char name[300], tmp[OUTFILE_PATH_MAX + 16];
        unsigned char sha[SHA256_BYTES];
        file_name(run, i, name, sizeof name);
        const char *base = strrchr(files[i].tmp, '/');
        snprintf(tmp, sizeof tmp, "%s%s", i < N_DATA_FILES ? "" : "settings/",
                 base ? base + 1 : files[i].tmp);
        if (manifest_hash_file(dir, tmp, SIZE_MAX / 2, sha, err, errlen))
            return OUT_ERR;
        if (manifest_add(m, name, sha)) {
            snprintf(err, errlen, "out of memory");
            return OUT_ERR;
        }
    }
    for (size_t i = 0; i < run->ndrawn; i++)
        if (manifest_add(m, run->drawn[i], NULL)) {
            snprintf(err, errlen, "out of memory");
            return OUT_ERR;
        }
    manifest_finish(m);
    return OUT_OK;
}

/* Files the previous run's manifest names that this run does not write as data (settings of a
 * scenario no longer in the run, the charts and report drawn from the old data): removed, and
 * nothing else. A file that cannot be removed is an error, not old charts beside new data. With
 * keep_drawn the new manifest's drawn files are kept (plan, sweep and sensitivity draw before they
 * write the manifest; run draws after). */
static int remove_unnamed(const char *dir, const manifest *old, const manifest *now,
                          int keep_drawn, char *err, size_t errlen)
{
    for (size_t i = 0; i < old->n; i++) {
        const manifest_entry *e = manifest_find(now, old->e[i].name);
        char path[OUTFILE_PATH_MAX];
        if ((e && (!e->drawn || keep_drawn)) ||
            join_path(path, sizeof path, dir, "", old->e[i].name, NULL, 0))
            continue;
        if (unlink(path) != 0 && errno != ENOENT) {
            snprintf(err, errlen, "cannot remove %s of the previous run: %s", path,
                     strerror(errno));
            return OUT_ERR;
        }
    }
    return OUT_OK;
}

int out_remove_stale(const char *dir, const manifest *old, const manifest *now, char *err,
                     size_t errlen)
{
    return remove_unnamed(dir, old, now, 0, err, errlen);
}

/* Temporaries left by a run that was killed (".NAME.tmp-XXXXXX"): with the lock held no other
 * caseload is writing here, so every one is an orphan. */
void out_remove_orphans(const char *dir)
{
    static const char *const subs[] = {"", "settings", "charts"};
    for (size_t k = 0; k < sizeof subs / sizeof subs[0]; k++) {
        char path[OUTFILE_PATH_MAX], file[OUTFILE_PATH_MAX];
        if (join_path(path, sizeof path, dir, "", subs[k], NULL, 0))
            continue;
        DIR *d = opendir(path);
        if (!d)
            continue;
        struct dirent *ent;
        while ((ent = readdir(d)) != NULL)
            if (ent->d_name[0] == '.' && strstr(ent->d_name, ".tmp-") &&
                !join_path(file, sizeof file, path, "", ent->d_name, NULL, 0))
                unlink(file);
        closedir(d);
    }
}

/* Phase 2: rename in order, remove what the old manifest names and the new data replace, then
 * write the new manifest last. A stop request here is ignored: the renames take moments and
 * finishing them is what keeps the directory consistent. */
static int switch_results(const char *dir, outfile *files, size_t nfiles, const manifest *now,
                          char *err, size_t errlen)
{
    manifest old;
    char why[256];
    if (manifest_read(&old, dir, why, sizeof why) < 0)
        memset(&old, 0, sizeof old); /* unreadable (--force): nothing of it is removed */
    int rc = OUT_OK;
    for (size_t i = 0; i < nfiles; i++)
        if (rc != OUT_OK)
            outfile_abort(&files[i]);
        else if (outfile_commit(&files[i], err, errlen))
            rc = OUT_ERR;
    if (rc == OUT_OK)
        rc = out_remove_stale(dir, &old, now, err, errlen);
    if (rc == OUT_OK && manifest_write(now, dir, err, errlen))
        rc = OUT_ERR;
    manifest_free(&old);
    return rc;
}

int out_write_manifest(const char *dir, const char *const *data, size_t ndata,
                       const char *const *drawn, size_t ndrawn, char *err, size_t errlen)
{
    manifest now = {0}, old;
    int rc = OUT_OK;
    for (size_t i = 0; i < ndata && rc == OUT_OK; i++) {
        unsigned char sha[SHA256_BYTES];
        if (manifest_hash_file(dir, data[i], SIZE_MAX / 2, sha, err, errlen))
            rc = OUT_ERR;
        else if (manifest_add(&now, data[i], sha))
            rc = OUT_ERR, snprintf(err, errlen, "out of memory");
    }
    for (size_t i = 0; i < ndrawn && rc == OUT_OK; i++)
        if (manifest_add(&now, drawn[i], NULL))
            rc = OUT_ERR, snprintf(err, errlen, "out of memory");
    if (rc == OUT_OK) {
        char why[256];
        manifest_finish(&now);
        if (manifest_read(&old, dir, why, sizeof why) < 0)
            memset(&old, 0, sizeof old); /* unreadable: nothing of it is removed */
        rc = remove_unnamed(dir, &old, &now, 1, err, errlen); /* drawn already: kept */
        if (rc == OUT_OK && manifest_write(&now, dir, err, errlen))
            rc = OUT_ERR;
        manifest_free(&old);
    }
    manifest_free(&now);
    return rc;
}

int out_write(const char *dir, const out_run *run, char *err, size_t errlen)
{
    out_ctx c = {.run = run, .res = run->res};
    size_t nfiles = N_DATA_FILES + run->res->n_scenarios;
    outfile *files = calloc(nfiles, sizeof *files);
    manifest now = {0};
    int rc = OUT_ERR;
    if (!files) {
        snprintf(err, errlen, "out of memory");
    } else if (compute_summaries(&c, err, errlen) == 0) {
        rc = write_temporaries(dir, &c, files, nfiles, err, errlen);
        if (rc == OUT_STOPPED)
            snprintf(err, errlen, "stopped before the results were written");
        if (rc == OUT_OK)
            rc = hash_temporaries(dir, run, files, nfiles, &now, err, errlen);
    }
    if (files && rc != OUT_OK)
        for (size_t i = 0; i < nfiles; i++)
            outfile_abort(&files[i]);
    else if (files)
        rc = switch_results(dir, files, nfiles, &now, err, errlen);
    out_remove_orphans(dir);
    manifest_free(&now);
    free(files);
    free(c.summary);
    free(c.diff);
    return rc;
}
