/* chart_results: a results directory in memory. See include/plots/chart_data.h. */
#include "chart_data.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "manifest.h"
#include "params.h"

#define ERRF(...) (snprintf(err, errlen, __VA_ARGS__), CHART_EBAD)

void chart_results_free(chart_results *r)
{
    for (int s = 0; r->scen && s < r->nscen; s++) {
        for (int m = 0; m < M_COUNT; m++) {
            free(r->scen[s].weekly[m]);
            free(r->scen[s].reps[m]);
        }
        free(r->scen[s].settings);
    }
    free(r->scen);
    free(r->events);
    free(r->command);
    r->scen = NULL;
    r->events = NULL;
    r->command = NULL;
    r->nscen = r->nevents = 0;
}

/* A file of the folder as text: a plain file inside it (util_read_inside) and, when m is given, the
 * one the manifest names with the same digest, so nothing is drawn from a mix of two runs. */
static int read_checked(const chart_results *r, const manifest *m, const char *name, size_t cap,
                        char **text, size_t *len, char *err, size_t errlen)
{
    int rc = util_read_inside(r->dir, name, cap, text, len, err, errlen);
    if (rc)
        return rc == UTIL_EIO ? CHART_EIO : CHART_EBAD;
    if (m && manifest_check(m, r->dir, name, *text, *len, err, errlen)) {
        free(*text);
        *text = NULL;
        return CHART_EBAD;
    }
    return 0;
}

int chart_results_find(const chart_results *r, const char *id)
{
    for (int s = 0; s < r->nscen; s++)
        if (!strcmp(r->scen[s].id, id))
            return s;
    return -1;
}

cal_date chart_results_week_date(const chart_results *r, int w) { return r->start + 7 * w; }

/* ---- run.ini: a small INI reader of our own, because a command line may exceed the 200-byte
 * line limit of the packaged inih (include/scenario.h, text rules). ---- */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = 0;
    return s;
}

static int copy_to(char *dst, size_t cap, const char *src, const char *path, int line,
                   const char *key, char *err, size_t errlen)
{
    if (strlen(src) >= cap)
        return ERRF("%s:%d: value of '%s' is too long", path, line, key);
    memcpy(dst, src, strlen(src) + 1);
    return 0;
}

static int parse_int(const char *v, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (!*v || *end || errno || x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}

static int run_key(chart_results *r, const char *k, const char *v, const char *path, int line,
                   char *err, size_t errlen)
{
    long x;
    if (!strcmp(k, "version"))
        return copy_to(r->version, sizeof r->version, v, path, line, k, err, errlen);
    if (!strcmp(k, "command")) { /* any length: a compare of 16 long paths runs to kilobytes */
        free(r->command);
        r->command = strdup(v);
        if (!r->command) {
            snprintf(err, errlen, "%s: out of memory", path);
            return CHART_EIO;
        }
        return 0;
    }
    if (!strcmp(k, "seed"))
        return copy_to(r->seed, sizeof r->seed, v, path, line, k, err, errlen);
    if (!strcmp(k, "replications")) {
        if (parse_int(v, 1, 100000000, &x))
            return ERRF("%s:%d: replications '%s' is not a positive whole number", path, line, v);
        r->replications = (int)x;
    } else if (!strcmp(k, "weeks")) {
        if (parse_int(v, 1, 100000, &x))
            return ERRF("%s:%d: weeks '%s' is not a positive whole number", path, line, v);
        r->weeks = (int)x;
    } else if (!strcmp(k, "measured_start")) {
        if (cal_parse_iso(v, &r->start))
            return ERRF("%s:%d: measured_start '%s' is not a date YYYY-MM-DD", path, line, v);
    }
    return 0; /* unknown keys (and `baseline`, checked against the sections) are ignored */
}

static int scen_key(chart_scenario *s, const char *k, const char *v, const char *path, int line,
                    char *err, size_t errlen)
{
    if (!strcmp(k, "name"))
        return copy_to(s->name, sizeof s->name, v, path, line, k, err, errlen);
    if (!strcmp(k, "label"))
        return copy_to(s->label, sizeof s->label, v, path, line, k, err, errlen);
    if (!strcmp(k, "file"))
        return copy_to(s->file, sizeof s->file, v, path, line, k, err, errlen);
    if (!strcmp(k, "baseline")) {
        if (strcmp(v, "yes") && strcmp(v, "no"))
            return ERRF("%s:%d: baseline must be yes or no, not '%s'", path, line, v);
        s->baseline = !strcmp(v, "yes");
    }
    return 0;
}

static int new_scenario(chart_results *r, const char *id, const char *path, int line, char *err,
                        size_t errlen)
{
    /* the id names settings/ID.ini: one plain name inside settings/, never a path out of it */
    char rel[sizeof r->scen[0].id + 16];
    snprintf(rel, sizeof rel, "settings/%s.ini", id);
    if (!*id || strlen(id) >= sizeof r->scen[0].id || strchr(id, '/') || !util_name_inside(rel))
        return ERRF("%s:%d: bad scenario id (empty, too long, or holding '/' or a control "
                    "character)", path, line);
    if (chart_results_find(r, id) >= 0)
        return ERRF("%s:%d: scenario '%s' appears twice", path, line, id);
    if (util_grow((void **)&r->scen, &r->capscen, (size_t)r->nscen + 1, sizeof *r->scen, 8)) {
        snprintf(err, errlen, "%s: out of memory", path);
        return CHART_EIO;
    }
    chart_scenario *s = &r->scen[r->nscen++];
    memset(s, 0, sizeof *s);
    memcpy(s->id, id, strlen(id) + 1);
    snprintf(s->name, sizeof s->name, "%s", id);
    return 0;
}

/* A section header: [run] or [scenario "ID"]. Sets *section to 0 (other), 1 (run), 2 (scenario). */
static int section_line(chart_results *r, char *s, int *section, const char *path, int line,
                        char *err, size_t errlen)
{
    size_t n = strlen(s);
    if (s[n - 1] != ']')
        return ERRF("%s:%d: section header without ']'", path, line);
    s[n - 1] = 0;
    char *name = trim(s + 1);
    if (!strcmp(name, "run")) {
        *section = 1;
        return 0;
    }
    if (!strncmp(name, "scenario", 8)) {
        char *q = trim(name + 8);
        size_t qn = strlen(q);
        if (qn < 2 || q[0] != '"' || q[qn - 1] != '"')
            return ERRF("%s:%d: expected [scenario \"ID\"]", path, line);
        q[qn - 1] = 0;
        *section = 2;
        return new_scenario(r, q + 1, path, line, err, errlen);
    }
    *section = 0;
    return 0;
}

static int ini_line(chart_results *r, char *raw, int *section, const char *path, int line,
                    char *err, size_t errlen)
{
    char *s = trim(raw);
    if (!*s || *s == ';' || *s == '#')
        return 0;
    if (*s == '[')
        return section_line(r, s, section, path, line, err, errlen);
    char *eq = strchr(s, '=');
    if (!eq)
        return ERRF("%s:%d: expected 'key = value'", path, line);
    *eq = 0;
    char *k = trim(s), *v = trim(eq + 1);
    if (*section == 1)
        return run_key(r, k, v, path, line, err, errlen);
    if (*section == 2)
        return scen_key(&r->scen[r->nscen - 1], k, v, path, line, err, errlen);
    return 0;
}

static int check_run(chart_results *r, const char *path, char *err, size_t errlen)
{
    if (!r->weeks || !r->replications || !r->seed[0] || r->start == INT32_MIN)
        return ERRF("%s: [run] needs seed, replications, measured_start and weeks", path);
    if (r->nscen == 0)
        return ERRF("%s: no [scenario \"ID\"] sections", path);
    int nb = 0;
    for (int s = 0; s < r->nscen; s++)
        if (r->scen[s].baseline) {
            r->baseline = s;
            nb++;
        }
    if (nb != 1)
        return ERRF("%s: expected exactly one scenario with baseline = yes, found %d", path, nb);
    return 0;
}

#define RUN_INI_MAX_BYTES (16 << 20)

/* Lines of any length: a command line may run to kilobytes (16 scenario paths, long --set). */
static int load_run_ini(chart_results *r, const manifest *m, char *err, size_t errlen)
{
    char path[sizeof r->dir + 16], *text;
    size_t len;
    snprintf(path, sizeof path, "%s/run.ini", r->dir);
    int rc = read_checked(r, m, "run.ini", RUN_INI_MAX_BYTES, &text, &len, err, errlen);
    if (rc)
        return rc;
    int line = 0, section = 0;
    r->start = INT32_MIN;
    if (memchr(text, 0, len))
        rc = ERRF("%s: contains a NUL byte (not a text file)", path);
    for (char *s = text, *next; !rc && *s; s = next) {
        line++;
        next = strchr(s, '\n');
        if (next)
            *next++ = 0;
        else
            next = s + strlen(s);
        rc = ini_line(r, s, &section, path, line, err, errlen);
    }
    free(text);
    return rc ? rc : check_run(r, path, err, errlen);
}

/* ---- the CSV files ---- */

/* Finds the named columns; all must exist. */
static int columns(const chart_csv *c, const char *const *names, int *idx, int n, char *err,
                   size_t errlen)
{
    for (int i = 0; i < n; i++) {
        idx[i] = chart_csv_column(c, names[i]);
        if (idx[i] < 0)
            return ERRF("%s:1: missing column '%s'", c->path, names[i]);
    }
    return 0;
}

static int row_scenario(const chart_results *r, const chart_csv *c, size_t row, int col,
                        int *out, char *err, size_t errlen)
{
    char shown[CSV_SHOWN]; /* a field quoted in a message (csv_shown) */
    *out = chart_results_find(r, chart_csv_field(c, row, col));
    if (*out < 0)
        return ERRF("%s:%zu: scenario '%s' is not in run.ini", c->path, c->line[row],
                    csv_shown(chart_csv_field(c, row, col), shown));
    return 0;
}

/* Every number a chart may be asked to draw is checked here, before libplot sees it: values
 * near the largest double once crashed libplot (a range of 3.6e308 overflows to infinity) and
 * 9e15 exhausted libxmi's memory. No result of a run comes near CHART_VALUE_MAX. */
static int numbers(const chart_csv *c, size_t row, const int *cols, double *out, int n, char *err,
                   size_t errlen)
{
    for (int i = 0; i < n; i++) {
        int rc = chart_csv_number(c, row, cols[i], &out[i], err, errlen);
        if (rc)
            return rc;
        if (fabs(out[i]) > CHART_VALUE_MAX)
            return ERRF("%s:%zu: column '%s': %g is outside what a chart can show (-%g to %g)",
                        c->path, c->line[row], c->header[cols[i]], out[i], CHART_VALUE_MAX,
                        CHART_VALUE_MAX);
    }
    return 0;
}

static const char *const stat_cols[] = {"mean", "ci_lo", "ci_hi", "p5", "p25", "p50", "p75", "p95"};

static chart_stat stat_of(const double *v)
{
    chart_stat s = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]};
    return s;
}

static int open_csv(chart_csv *c, const chart_results *r, const manifest *m, const char *name,
                    char *err, size_t errlen)
{
    char path[sizeof r->dir + 32], *text;
    size_t len;
    snprintf(path, sizeof path, "%s/%s", r->dir, name);
    int rc = read_checked(r, m, name, CHART_CSV_MAX_BYTES, &text, &len, err, errlen);
    if (rc)
        return rc;
    rc = chart_csv_parse(c, path, text, len, err, errlen);
    free(text);
    return rc;
}

static int load_summary(chart_results *r, const chart_csv *c, char *err, size_t errlen)
{
    int col[10];
    const char *names[10] = {"scenario", "metric"};
    memcpy(names + 2, stat_cols, sizeof stat_cols);
    int rc = columns(c, names, col, 10, err, errlen);
    for (size_t i = 0; !rc && i < c->nrows; i++) {
        int s, m = metric_parse(chart_csv_field(c, i, col[1]));
        double v[8];
        rc = row_scenario(r, c, i, col[0], &s, err, errlen);
        if (!rc && m >= 0)
            rc = numbers(c, i, col + 2, v, 8, err, errlen);
        if (!rc && m >= 0) {
            r->scen[s].summary[m] = stat_of(v);
            r->scen[s].has_summary[m] = 1;
        }
    }
    return rc;
}

static int week_index(const chart_results *r, const chart_csv *c, size_t row, int col, int *w,
                      char *err, size_t errlen)
{
    char shown[CSV_SHOWN]; /* a field quoted in a message (csv_shown) */
    cal_date d;
    const char *t = chart_csv_field(c, row, col);
    if (cal_parse_iso(t, &d))
        return ERRF("%s:%zu: week_start '%s' is not a date YYYY-MM-DD", c->path, c->line[row],
                    csv_shown(t, shown));
    int off = d - r->start;
    if (off < 0 || off % 7 || off / 7 >= r->weeks) {
        char start[11];
        cal_format_iso(r->start, start);
        return ERRF("%s:%zu: week_start %s is not one of the %d weeks from measured_start %s in "
                    "run.ini",
                    c->path, c->line[row], t, r->weeks, start);
    }
    *w = off / 7;
    return 0;
}

static int weekly_slot(chart_results *r, int s, int m, chart_stat **out)
{
    chart_stat **slot = &r->scen[s].weekly[m];
    if (!*slot) {
        *slot = malloc((size_t)r->weeks * sizeof **slot);
        if (!*slot)
            return -1;
        for (int w = 0; w < r->weeks; w++) {
            double nan8[8] = {NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN};
            (*slot)[w] = stat_of(nan8);
        }
    }
    *out = *slot;
    return 0;
}

static int load_weekly(chart_results *r, const chart_csv *c, char *err, size_t errlen)
{
    int col[11];
    const char *names[11] = {"scenario", "week_start", "metric"};
    memcpy(names + 3, stat_cols, sizeof stat_cols);
    int rc = columns(c, names, col, 11, err, errlen);
    for (size_t i = 0; !rc && i < c->nrows; i++) {
        int s, w, m = metric_parse(chart_csv_field(c, i, col[2]));
        double v[8];
        chart_stat *series;
        rc = row_scenario(r, c, i, col[0], &s, err, errlen);
        if (rc || m < 0)
            continue;
        rc = week_index(r, c, i, col[1], &w, err, errlen);
        if (!rc)
            rc = numbers(c, i, col + 3, v, 8, err, errlen);
        if (!rc && weekly_slot(r, s, m, &series)) {
            snprintf(err, errlen, "%s: out of memory", c->path);
            rc = CHART_EIO;
        }
        if (!rc)
            series[w] = stat_of(v);
    }
    return rc;
}

static int load_differences(chart_results *r, const chart_csv *c, char *err, size_t errlen)
{
    static const char *const names[] = {"scenario", "metric", "mean_diff", "ci_lo", "ci_hi",
                                        "significant"};
    int col[6];
    int rc = columns(c, names, col, 6, err, errlen);
    for (size_t i = 0; !rc && i < c->nrows; i++) {
        int s, m = metric_parse(chart_csv_field(c, i, col[1]));
        double v[4];
        rc = row_scenario(r, c, i, col[0], &s, err, errlen);
        if (!rc && m >= 0)
            rc = numbers(c, i, col + 2, v, 4, err, errlen);
        if (rc || m < 0)
            continue;
        if (s == r->baseline)
            return ERRF("%s:%zu: the baseline '%s' has no difference from itself", c->path,
                        c->line[i], r->scen[s].id);
        if (v[3] != 0 && v[3] != 1)
            return ERRF("%s:%zu: significant must be 0 or 1", c->path, c->line[i]);
        chart_diff d = {v[0], v[1], v[2], v[3] == 1, 1};
        r->scen[s].diff[m] = d;
    }
    return rc;
}

static int load_events(chart_results *r, const chart_csv *c, char *err, size_t errlen)
{
    char shown[CSV_SHOWN]; /* a field quoted in a message (csv_shown) */
    static const char *const names[] = {"scenario", "event", "type", "date", "label"};
    int col[5];
    int rc = columns(c, names, col, 5, err, errlen);
    if (!rc && c->nrows) {
        r->events = calloc(c->nrows, sizeof *r->events);
        if (!r->events) {
            snprintf(err, errlen, "%s: out of memory", c->path);
            return CHART_EIO;
        }
    }
    for (size_t i = 0; !rc && i < c->nrows; i++) {
        chart_event *e = &r->events[r->nevents];
        rc = row_scenario(r, c, i, col[0], &e->scenario, err, errlen);
        /* a run writes at most PARAMS_MAX_EVENTS a scenario; the charts' event labels are
         * quadratic in the events of a scenario, so 100,000 rows once took over 40 s */
        if (!rc && ++r->scen[e->scenario].nevents > PARAMS_MAX_EVENTS)
            rc = ERRF("%s:%zu: more than %d events for scenario '%s' (a scenario has at most %d)",
                      c->path, c->line[i], PARAMS_MAX_EVENTS, r->scen[e->scenario].id,
                      PARAMS_MAX_EVENTS);
        if (!rc && cal_parse_iso(chart_csv_field(c, i, col[3]), &e->date))
            rc = ERRF("%s:%zu: date '%s' is not a date YYYY-MM-DD", c->path, c->line[i],
                      csv_shown(chart_csv_field(c, i, col[3]), shown));
        if (rc)
            break;
        snprintf(e->name, sizeof e->name, "%s", chart_csv_field(c, i, col[1]));
        snprintf(e->type, sizeof e->type, "%s", chart_csv_field(c, i, col[2]));
        snprintf(e->label, sizeof e->label, "%s", chart_csv_field(c, i, col[4]));
        if (!e->label[0])
            snprintf(e->label, sizeof e->label, "%s", e->name);
        r->nevents++;
    }
    return rc;
}

static int load_days(chart_results *r, const chart_csv *c, char *err, size_t errlen)
{
    static const char *const names[] = {"scenario", "working_days", "share", "cumulative"};
    int col[4];
    int rc = columns(c, names, col, 4, err, errlen);
    for (size_t i = 0; !rc && i < c->nrows; i++) {
        int s;
        double v[3];
        rc = row_scenario(r, c, i, col[0], &s, err, errlen);
        if (!rc)
            rc = numbers(c, i, col + 1, v, 3, err, errlen);
        if (rc)
            break;
        if (!(v[0] >= 0 && v[0] <= CHART_DAYS_MAX && v[0] == floor(v[0])))
            return ERRF("%s:%zu: working_days must be a whole number 0..%d", c->path, c->line[i],
                        CHART_DAYS_MAX);
        if (!(isnan(v[1]) || (v[1] >= 0 && v[1] <= 1)) || !(isnan(v[2]) || (v[2] >= 0 && v[2] <= 1)))
            return ERRF("%s:%zu: share and cumulative must be between 0 and 1", c->path,
                        c->line[i]);
        r->scen[s].days_share[(int)v[0]] = v[1];
        r->scen[s].days_cum[(int)v[0]] = v[2];
        r->scen[s].has_days = 1;
    }
    return rc;
}

/* measures.csv: each measure's direction and smallest difference (rows for unknown metrics are
 * skipped, like everywhere). */
static int load_measures(chart_results *r, const chart_csv *c, char *err, size_t errlen)
{
    char shown[CSV_SHOWN]; /* a field quoted in a message (csv_shown) */
    static const char *const names[] = {"metric", "direction", "smallest_abs", "smallest_rel"};
    int col[4];
    int rc = columns(c, names, col, 4, err, errlen);
    for (size_t i = 0; !rc && i < c->nrows; i++) {
        int m = metric_parse(chart_csv_field(c, i, col[0]));
        int d = metric_direction_parse(chart_csv_field(c, i, col[1]));
        double v[2];
        if (m < 0)
            continue;
        if (d < 0)
            return ERRF("%s:%zu: direction '%s' is not lower, higher, neither or cost", c->path,
                        c->line[i], csv_shown(chart_csv_field(c, i, col[1]), shown));
        rc = numbers(c, i, col + 2, v, 2, err, errlen);
        if (!rc && !(v[0] >= 0 && v[1] >= 0))
            return ERRF("%s:%zu: smallest_abs and smallest_rel must be numbers, at least 0",
                        c->path, c->line[i]);
        if (!rc)
            r->measure[m] = (chart_measure){(metric_direction)d, v[0], v[1]};
    }
    return rc;
}

static int load_replications(chart_results *r, const chart_csv *c, char *err, size_t errlen)
{
    static const char *const names[] = {"scenario", "replication", "metric", "value"};
    int col[4];
    int rc = columns(c, names, col, 4, err, errlen);
    for (size_t i = 0; !rc && i < c->nrows; i++) {
        int s, m = metric_parse(chart_csv_field(c, i, col[2]));
        double v[2];
        rc = row_scenario(r, c, i, col[0], &s, err, errlen);
        if (!rc && m >= 0)
            rc = numbers(c, i, col + 1, v, 1, err, errlen);
        if (!rc && m >= 0)
            rc = numbers(c, i, col + 3, v + 1, 1, err, errlen);
        if (rc || m < 0)
            continue;
        if (!(v[0] >= 1 && v[0] <= r->replications && v[0] == floor(v[0])))
            return ERRF("%s:%zu: replication must be a whole number 1..%d", c->path, c->line[i],
                        r->replications);
        double **slot = &r->scen[s].reps[m];
        if (!*slot) {
            *slot = malloc((size_t)r->replications * sizeof **slot);
            if (!*slot) {
                snprintf(err, errlen, "%s: out of memory", c->path);
                return CHART_EIO;
            }
            for (int k = 0; k < r->replications; k++)
                (*slot)[k] = NAN;
        }
        (*slot)[(int)v[0] - 1] = v[1];
    }
    return rc;
}

typedef int (*csv_loader)(chart_results *, const chart_csv *, char *, size_t);

static int load_csv(chart_results *r, const manifest *m, const char *name, csv_loader fn,
                    char *err, size_t errlen)
{
    chart_csv c;
    int rc = open_csv(&c, r, m, name, err, errlen);
    if (!rc) {
        rc = fn(r, &c, err, errlen);
        chart_csv_free(&c);
    }
    return rc;
}

/* A file results of older versions lack: read when it is there (checked: when the manifest
 * names it as data). */
static int load_optional(chart_results *r, const manifest *m, const char *name, csv_loader fn,
                         char *err, size_t errlen)
{
    if (m) {
        const manifest_entry *e = manifest_find(m, name);
        if (!e || e->drawn)
            return 0;
    } else {
        int fd;
        size_t size;
        if (util_open_inside(r->dir, name, CHART_CSV_MAX_BYTES, &fd, &size, err, errlen) ==
            UTIL_ENOENT)
            return 0;
        if (fd >= 0)
            close(fd);
    }
    return load_csv(r, m, name, fn, err, errlen);
}

static void default_measures(chart_results *r)
{
    for (int m = 0; m < M_COUNT; m++) {
        chart_measure *cm = &r->measure[m];
        cm->dir = metric_default_direction((metric_id)m);
        cm->smallest_abs = metric_default_smallest((metric_id)m, &cm->smallest_rel);
    }
}

/* settings/ID.ini as the run wrote it, for the report; NULL when the manifest does not name it
 * (the report then says it is missing) or, unchecked, when there is none. */
static int load_settings(chart_results *r, const manifest *m, char *err, size_t errlen)
{
    for (int s = 0; s < r->nscen; s++) {
        char rel[sizeof r->scen[0].id + 16];
        size_t len;
        snprintf(rel, sizeof rel, "settings/%s.ini", r->scen[s].id);
        const manifest_entry *e = m ? manifest_find(m, rel) : NULL;
        if (m && (!e || e->drawn))
            continue;
        int rc = read_checked(r, m, rel, SETTINGS_MAX_BYTES, &r->scen[s].settings, &len, err,
                              errlen);
        if (rc && (m || rc == CHART_EIO))
            return rc;
    }
    return 0;
}

static int load_all(chart_results *r, const char *dir, const manifest *m, char *err,
                    size_t errlen)
{
    memset(r, 0, sizeof *r);
    if (strlen(dir) >= sizeof r->dir - 32)
        return ERRF("%s: path too long", dir);
    snprintf(r->dir, sizeof r->dir, "%s", dir);
    static const struct {
        const char *name;
        csv_loader fn;
    } files[] = {{"summary.csv", load_summary},
                 {"weekly.csv", load_weekly},
                 {"differences.csv", load_differences},
                 {"events.csv", load_events},
                 {"assessment_days.csv", load_days}};
    default_measures(r);
    int rc = load_run_ini(r, m, err, errlen);
    for (size_t i = 0; !rc && i < sizeof files / sizeof files[0]; i++)
        rc = load_csv(r, m, files[i].name, files[i].fn, err, errlen);
    if (!rc)
        rc = load_optional(r, m, "measures.csv", load_measures, err, errlen);
    if (!rc)
        rc = load_optional(r, m, "replications.csv", load_replications, err, errlen);
    if (!rc)
        rc = load_settings(r, m, err, errlen);
    if (rc)
        chart_results_free(r);
    return rc;
}

int chart_results_load(chart_results *r, const char *dir, char *err, size_t errlen)
{
    manifest m;
    int rc = manifest_read(&m, dir, err, errlen);
    if (rc == 1) {
        memset(r, 0, sizeof *r);
        return ERRF("%s has no %s: not a results folder of this version of caseload, or its run "
                    "did not finish; run again", dir, MANIFEST_NAME);
    }
    if (rc) {
        memset(r, 0, sizeof *r);
        return rc == UTIL_EIO ? CHART_EIO : CHART_EBAD;
    }
    /* every data file the manifest names must match, the ones plot does not read too */
    rc = manifest_verify(&m, dir, err, errlen);
    if (rc)
        rc = rc == UTIL_EIO ? CHART_EIO : CHART_EBAD;
    if (rc)
        memset(r, 0, sizeof *r);
    else
        rc = load_all(r, dir, &m, err, errlen);
    manifest_free(&m);
    return rc;
}

int chart_results_load_unchecked(chart_results *r, const char *dir, char *err, size_t errlen)
{
    return load_all(r, dir, NULL, err, errlen);
}
