/* out_shard: a shard's folder, written by `run`, `compare`, `sweep` or `sensitivity` with
 * --shard K/N and read back by `merge`. See the shards part of include/output/output.h and
 * docs/cluster.md. */
#include "out_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#define INFO_MAX_BYTES (1 << 20)

static const char *const kind_names[OUT_SHARD_KINDS] = {"run", "compare", "sweep",
                                                        "sensitivity"};

const char *out_shard_kind_name(out_shard_kind k)
{
    return k < OUT_SHARD_KINDS ? kind_names[k] : "?";
}

/* A run or comparison (whose shards hold model results), not a sweep or sensitivity. */
static int holds_results(const out_shard *s)
{
    return s->kind == OUT_SHARD_RUN || s->kind == OUT_SHARD_COMPARE;
}

int out_settings_digest(const scn_scenario *s, size_t n, char hex[SHA256_HEX])
{
    sha256_ctx c;
    sha256_init(&c);
    for (size_t k = 0; k < n; k++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        if (!f)
            return -1;
        fprintf(f, "[%s]\n", s[k].id); /* the ids label the results, so they are the run's too */
        int bad = scn_write_resolved(&s[k], f) != 0;
        if (fclose(f) != 0 || bad) {
            free(buf);
            return -1;
        }
        sha256_update(&c, buf, len);
        free(buf);
    }
    unsigned char d[SHA256_BYTES];
    sha256_final(&c, d);
    sha256_hex(d, hex);
    return 0;
}

/* What one replication of one scenario is on disk; a reader with another layout (another
 * caseload, another byte order) cannot read the data and is told so. */
static void layout_of(int weeks, char *buf, size_t len)
{
    const uint16_t probe = 1;
    int little = *(const unsigned char *)&probe == 1;
    snprintf(buf, len, "%d metrics, %d weeks, %d duration bins, %zu accounting bytes, %s-endian",
             (int)M_COUNT, weeks, (int)MODEL_WD_HIST, sizeof(model_accounting),
             little ? "little" : "big");
}

static size_t record_bytes(int weeks)
{
    return (M_COUNT + (size_t)weeks * M_COUNT) * sizeof(double) + sizeof(uint64_t) *
           (MODEL_WD_HIST + 1) + sizeof(model_accounting);
}

/* ---- writing ---- */

static int join(char *buf, size_t len, const char *dir, const char *name, char *err,
                size_t errlen)
{
    int n = snprintf(buf, len, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= len) {
        snprintf(err, errlen, "%s: path too long", dir);
        return -1;
    }
    return 0;
}

int out_shard_begin(out_shard_writer *w, const char *dir, const out_shard *info,
                    size_t n_scenarios, int force, char *err, size_t errlen)
{
    memset(w, 0, sizeof *w);
    w->info = info;
    w->n_scenarios = n_scenarios;
    char path[OUTFILE_PATH_MAX];
    if (outfile_mkdirs(dir, err, errlen))
        return OUT_ERR;
    int rc = out_check_ownership(dir, force, err, errlen);
    if (rc)
        return rc;
    snprintf(w->dir, sizeof w->dir, "%s", dir);
    if (join(path, sizeof path, dir, OUT_SHARD_DATA, err, errlen) ||
        outfile_open(&w->data, path, err, errlen))
        return OUT_ERR;
    return OUT_OK;
}

/* Write errors stay on the stream and are reported by out_shard_end. */
void out_shard_add(void *ctx, size_t rep, const model_results *res)
{
    out_shard_writer *w = ctx;
    (void)rep; /* the replications arrive in order, so their place in the file is their number */
    w->weeks = res[0].weeks;
    w->week0 = res[0].week0;
    for (size_t k = 0; k < w->n_scenarios; k++) {
        const model_results *r = &res[k];
        fwrite(r->total, sizeof(double), M_COUNT, w->data.fp);
        fwrite(r->weekly, sizeof(double), (size_t)r->weeks * M_COUNT, w->data.fp);
        fwrite(r->wd_hist, sizeof(uint64_t), MODEL_WD_HIST, w->data.fp);
        fwrite(&r->acc, sizeof r->acc, 1, w->data.fp);
        fwrite(&r->events, sizeof r->events, 1, w->data.fp);
    }
    w->added++;
}

void out_shard_add_values(void *ctx, const double *v, size_t n)
{
    out_shard_writer *w = ctx;
    fwrite(v, sizeof *v, n, w->data.fp);
    w->added++;
}

static void write_info(FILE *f, const out_shard_writer *w)
{
    const out_shard *s = w->info;
    char layout[sizeof s->layout];
    layout_of(w->weeks, layout, sizeof layout);
    fprintf(f, "# caseload shard %zu/%zu: replications %zu to %zu of %zu, for `caseload merge` "
               "(docs/cluster.md)\n", s->k, s->n, s->first + 1, s->first + s->count, s->reps);
    fprintf(f, "version = %s\nkind = %s\nseed = %" PRIu64 "\nreps = %zu\nshard = %zu/%zu\n"
               "first = %zu\ncount = %zu\nweeks = %d\nweek0 = %ld\nlayout = %s\ndigest = %s\n",
            CASELOAD_VERSION, out_shard_kind_name(s->kind), s->seed, s->reps, s->k, s->n,
            s->first, s->count, w->weeks, (long)w->week0, layout, s->digest);
    if (!holds_results(s))
        fprintf(f, "evaluations = %zu\n", w->added);
    for (size_t i = 0; i < s->nfiles; i++)
        fprintf(f, "file = %s\n", s->files[i]);
    for (size_t i = 0; i < s->nsets; i++)
        fprintf(f, "set = %s\n", s->sets[i]);
    for (size_t i = 0; i < s->nargs; i++)
        fprintf(f, "arg = %s\n", s->args[i]);
}

/* The manifest of the two files, hashed from disk; what an earlier run left here and the old
 * manifest names is removed (as out_write does). */
static int write_manifest(const char *dir, char *err, size_t errlen)
{
    static const char *const names[] = {OUT_SHARD_DATA, OUT_SHARD_INFO};
    manifest now = {0}, old;
    char why[256];
    int rc = OUT_OK;
    for (size_t i = 0; rc == OUT_OK && i < 2; i++) {
        unsigned char sha[SHA256_BYTES];
        if (manifest_hash_file(dir, names[i], SIZE_MAX / 2, sha, err, errlen))
            rc = OUT_ERR;
        else if (manifest_add(&now, names[i], sha)) {
            snprintf(err, errlen, "out of memory");
            rc = OUT_ERR;
        }
    }
    manifest_finish(&now);
    if (manifest_read(&old, dir, why, sizeof why) < 0)
        memset(&old, 0, sizeof old);
    if (rc == OUT_OK)
        rc = out_remove_stale(dir, &old, &now, err, errlen);
    if (rc == OUT_OK && manifest_write(&now, dir, err, errlen))
        rc = OUT_ERR;
    manifest_free(&old);
    manifest_free(&now);
    return rc;
}

int out_shard_end(out_shard_writer *w, char *err, size_t errlen)
{
    char path[OUTFILE_PATH_MAX];
    outfile info = {0};
    if (holds_results(w->info) && w->added != w->info->count) {
        snprintf(err, errlen, "%s: %zu of the shard's %zu replications were written", w->dir,
                 w->added, w->info->count);
        out_shard_abort(w);
        return OUT_ERR;
    }
    if (join(path, sizeof path, w->dir, OUT_SHARD_INFO, err, errlen) ||
        outfile_open(&info, path, err, errlen)) {
        out_shard_abort(w);
        return OUT_ERR;
    }
    write_info(info.fp, w);
    /* the data first: a shard.ini beside it says the data are complete */
    if (outfile_commit(&w->data, err, errlen)) {
        outfile_abort(&info);
        return OUT_ERR;
    }
    if (outfile_commit(&info, err, errlen))
        return OUT_ERR;
    int rc = write_manifest(w->dir, err, errlen);
    out_remove_orphans(w->dir);
    return rc;
}

void out_shard_abort(out_shard_writer *w)
{
    outfile_abort(&w->data);
}

/* ---- reading ---- */

void out_shard_free(out_shard *s)
{
    free(s->list_[0]);
    free(s->list_[1]);
    free(s->text_);
    memset(s, 0, sizeof *s);
}

static int parse_size(const char *v, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (!(*v >= '0' && *v <= '9') || *end || errno)
        return -1;
    *out = (size_t)x;
    return 0;
}

/* One "key = value" line into s. Returns 0, or -1 when the key is unknown or the value bad. */
static int info_line(out_shard *s, const char *key, char *v, size_t cap[2])
{
    size_t x;
    if (!strcmp(key, "file"))
        return s->nfiles < RUNNER_MAX_SCENARIOS ? (s->files[s->nfiles++] = v, 0) : -1;
    if (!strcmp(key, "set") && !UTIL_PUSH(s->list_[0], s->nsets, cap[0], (const char *)v))
        return s->sets = s->list_[0], 0;
    if (!strcmp(key, "arg") && !UTIL_PUSH(s->list_[1], s->nargs, cap[1], (const char *)v))
        return s->args = s->list_[1], 0;
    if (!strcmp(key, "kind")) {
        for (int k = 0; k < OUT_SHARD_KINDS; k++)
            if (!strcmp(v, kind_names[k]))
                return s->kind = (out_shard_kind)k, 0;
        return -1;
    }
    if (!strcmp(key, "version"))
        return snprintf(s->version, sizeof s->version, "%s", v) < (int)sizeof s->version ? 0 : -1;
    if (!strcmp(key, "layout"))
        return snprintf(s->layout, sizeof s->layout, "%s", v) < (int)sizeof s->layout ? 0 : -1;
    if (!strcmp(key, "digest"))
        return strlen(v) == SHA256_HEX - 1 ? (memcpy(s->digest, v, SHA256_HEX), 0) : -1;
    if (!strcmp(key, "shard")) {
        char *slash = strchr(v, '/');
        if (!slash)
            return -1;
        *slash = 0;
        int rc = parse_size(v, &s->k) || parse_size(slash + 1, &s->n);
        *slash = '/';
        return rc ? -1 : 0;
    }
    if (parse_size(v, &x))
        return -1;
    if (!strcmp(key, "seed"))
        s->seed = (uint64_t)strtoull(v, NULL, 10);
    else if (!strcmp(key, "reps"))
        s->reps = x;
    else if (!strcmp(key, "first"))
        s->first = x;
    else if (!strcmp(key, "count"))
        s->count = x;
    else if (!strcmp(key, "evaluations"))
        s->evaluations = x;
    else if (!strcmp(key, "weeks") && x <= 100000)
        s->weeks = (int)x;
    else if (!strcmp(key, "week0") && x <= INT32_MAX)
        s->week0 = (cal_date)x;
    else
        return -1;
    return 0;
}

/* The lines of s->text_, cut in place. */
static int parse_info(out_shard *s, const char *dir, char *err, size_t errlen)
{
    size_t cap[2] = {0, 0}, lineno = 0;
    for (char *p = s->text_, *next; p && *p; p = next) {
        next = strchr(p, '\n');
        if (next)
            *next++ = 0;
        lineno++;
        if (*p == '#' || !*p)
            continue;
        char *eq = strstr(p, " = ");
        if (!eq) {
            snprintf(err, errlen, "%s/%s:%zu: expected KEY = VALUE", dir, OUT_SHARD_INFO, lineno);
            return OUT_ERR;
        }
        *eq = 0;
        if (info_line(s, p, eq + 3, cap)) {
            snprintf(err, errlen, "%s/%s:%zu: %s: not a value a shard holds", dir,
                     OUT_SHARD_INFO, lineno, p);
            return OUT_ERR;
        }
    }
    return OUT_OK;
}

/* The fields a merge relies on are there and agree with each other. */
static int check_info(const out_shard *s, const char *dir, char *err, size_t errlen)
{
    size_t first, count;
    const char *bad = !s->nfiles || (s->kind == OUT_SHARD_RUN && s->nfiles != 1)
                          ? "file (one a scenario)"
                      : !s->reps || s->reps > RUNNER_MAX_REPS ? "reps"
                      : !s->n || s->k >= s->n || s->n > s->reps ? "shard (K/N, K < N <= reps)"
                      : !*s->digest ? "digest"
                      : holds_results(s) && !s->weeks ? "weeks"
                      : !holds_results(s) && !s->nargs ? "arg"
                      : NULL;
    if (bad) {
        snprintf(err, errlen, "%s/%s: %s is missing or out of range", dir, OUT_SHARD_INFO, bad);
        return OUT_ERR;
    }
    runner_shard_range(s->reps, s->k, s->n, &first, &count);
    if (first != s->first || count != s->count) {
        snprintf(err, errlen, "%s/%s: shard %zu/%zu of %zu replications is replications %zu to "
                 "%zu, not %zu to %zu", dir, OUT_SHARD_INFO, s->k, s->n, s->reps, first + 1,
                 first + count, s->first + 1, s->first + s->count);
        return OUT_ERR;
    }
    char want[sizeof s->layout];
    layout_of(s->weeks, want, sizeof want);
    if (strcmp(want, s->layout)) {
        snprintf(err, errlen, "%s: its data were written as %s by caseload %s; this caseload %s "
                 "reads %s", dir, s->layout, s->version, CASELOAD_VERSION, want);
        return OUT_ERR;
    }
    return OUT_OK;
}

int out_shard_read(out_shard *s, const char *dir, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    manifest m;
    char why[512];
    size_t len;
    int rc = manifest_read(&m, dir, why, sizeof why);
    if (rc == 0 && !manifest_find(&m, OUT_SHARD_INFO)) {
        snprintf(why, sizeof why, "%s: not a shard folder (no %s; made by caseload run, compare, "
                 "sweep or sensitivity --shard K/N)", dir, OUT_SHARD_INFO);
        rc = -1;
    } else if (rc == 1) {
        snprintf(why, sizeof why, "%s: not a shard folder (no %s)", dir, MANIFEST_NAME);
    }
    if (rc == 0)
        rc = manifest_verify(&m, dir, why, sizeof why);
    if (rc == 0)
        rc = util_read_inside(dir, OUT_SHARD_INFO, INFO_MAX_BYTES, &s->text_, &len, why,
                              sizeof why);
    manifest_free(&m);
    if (rc) {
        snprintf(err, errlen, "%s", why);
        return OUT_ERR;
    }
    if (parse_info(s, dir, err, errlen))
        return OUT_ERR;
    return check_info(s, dir, err, errlen);
}

/* Read exactly len bytes, or fail. */
static int read_all(int fd, void *buf, size_t len)
{
    for (size_t got = 0; got < len;) {
        ssize_t n = read(fd, (char *)buf + got, len - got);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            return -1;
        }
        got += (size_t)n;
    }
    return 0;
}

static int read_replication(int fd, model_results *res, size_t n, int weeks, cal_date week0)
{
    for (size_t k = 0; k < n; k++) {
        model_results *r = &res[k];
        r->weeks = weeks;
        r->week0 = week0;
        if (read_all(fd, r->total, sizeof r->total) ||
            read_all(fd, r->weekly, (size_t)weeks * M_COUNT * sizeof(double)) ||
            read_all(fd, r->wd_hist, sizeof r->wd_hist) || read_all(fd, &r->acc, sizeof r->acc) ||
            read_all(fd, &r->events, sizeof r->events))
            return -1;
    }
    return 0;
}

int out_shard_replay(const char *dir, const out_shard *s, runner_results *into, char *err,
                     size_t errlen)
{
    size_t n = into->n_scenarios, size;
    int fd;
    if (s->weeks != into->weeks || s->week0 != into->week0 || s->first + s->count > into->reps) {
        snprintf(err, errlen, "%s: the shard does not fit the run", dir);
        return OUT_ERR;
    }
    if (util_open_inside(dir, OUT_SHARD_DATA, SIZE_MAX / 2, &fd, &size, err, errlen))
        return OUT_ERR;
    if (size != s->count * n * record_bytes(s->weeks)) {
        snprintf(err, errlen, "%s/%s: %zu bytes, not the %zu of %zu replications of %zu "
                 "scenarios", dir, OUT_SHARD_DATA, size, s->count * n * record_bytes(s->weeks),
                 s->count, n);
        close(fd);
        return OUT_ERR;
    }
    model_results *res = calloc(n, sizeof *res);
    double *weekly = malloc(n * (size_t)s->weeks * M_COUNT * sizeof *weekly + 1);
    int rc = res && weekly ? OUT_OK : OUT_ERR;
    if (rc)
        snprintf(err, errlen, "out of memory");
    for (size_t k = 0; res && weekly && k < n; k++)
        res[k].weekly = weekly + k * (size_t)s->weeks * M_COUNT;
    for (size_t i = 0; rc == OUT_OK && i < s->count; i++) {
        if (read_replication(fd, res, n, s->weeks, s->week0)) {
            snprintf(err, errlen, "cannot read %s/%s: %s", dir, OUT_SHARD_DATA,
                     errno ? strerror(errno) : "shorter than it was");
            rc = OUT_ERR;
        } else {
            runner_results_fold(into, s->first + i, res);
        }
    }
    free(weekly);
    free(res);
    close(fd);
    return rc;
}

/* ---- the values of a sweep's or sensitivity analysis's shard ---- */

int out_shard_values_open(out_shard_values *r, const char *dir, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->fd = -1;
    snprintf(r->dir, sizeof r->dir, "%s", dir);
    if (util_open_inside(dir, OUT_SHARD_DATA, SIZE_MAX / 2, &r->fd, &r->size, err, errlen)) {
        r->fd = -1;
        return OUT_ERR;
    }
    return OUT_OK;
}

int out_shard_values_read(out_shard_values *r, double *v, size_t n, char *err, size_t errlen)
{
    size_t bytes = n * sizeof *v;
    if (r->size - r->pos < bytes || read_all(r->fd, v, bytes)) {
        snprintf(err, errlen, "%s/%s: ends before the evaluations the command makes (a shard of "
                 "another caseload, or cut short)", r->dir, OUT_SHARD_DATA);
        return OUT_ERR;
    }
    r->pos += bytes;
    return OUT_OK;
}

int out_shard_values_close(out_shard_values *r, char *err, size_t errlen)
{
    int rc = OUT_OK;
    if (r->fd >= 0 && r->pos != r->size) {
        snprintf(err, errlen, "%s/%s: holds more evaluations than the command makes", r->dir,
                 OUT_SHARD_DATA);
        rc = OUT_ERR;
    }
    if (r->fd >= 0)
        close(r->fd);
    r->fd = -1;
    return rc;
}
