/* scn_snapshot: the snapshot folder's CSV files read and written (include/scenario/scn_snapshot.h,
 * docs/snapshot.md). Each file has a table of its columns; a row is read column by column and the
 * first thing wrong is the message, naming the file, the line and the column. */
#include "scn_snapshot.h"
#include "csv.h"
#include "outfile.h"
#include "params.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- reading ---- */

typedef struct col { const char *name; int required; } col;

static const col snapshot_cols[] = {{"key", 1}, {"value", 1}, {NULL, 0}};
static const col staff_cols[] = {{"worker", 1}, {"role", 1}, {"fte", 1}, {"contract", 1},
                                 {"newly_qualified", 1}, {"start_date", 1}, {NULL, 0}};
static const col case_cols[] = {{"family", 1}, {"children", 1}, {"status", 1}, {"start_date", 1},
                                {"worker", 1}, {"referral_date", 0}, {"need", 0},
                                {"presentation", 0}, {"effort_hours", 0}, {"hours_left", 0},
                                {"contacts", 0}, {"referrals", 0}, {"recent_contacts", 0},
                                {NULL, 0}};
static const col family_cols[] = {{"family", 1}, {"children", 1}, {"status", 1}, {"since", 1},
                                  {"returns", 0}, {"last_referral", 0}, {"need", 0},
                                  {"presentation", 0}, {"contacts", 0}, {"referrals", 0},
                                  {"recent_contacts", 0}, {NULL, 0}};

/* One file being read: the table, its columns' indices (-1: an optional column left out), and
 * what the messages need. */
typedef struct reader {
    csv_table t;
    const col *cols;
    int idx[16];
    cal_date date;  /* the snapshot's date: no date in a file may be after it */
    char *err;
    size_t errlen;
} reader;

static int bad(reader *r, size_t row, int k, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(r->err, r->errlen, "%s:%zu: column '%s': %s", r->t.path, r->t.line[row],
             r->cols[k].name, what);
    return SCN_SNAP_EBAD;
}

static void col_list(const col *cols, char *buf, size_t len)
{
    size_t n = 0;
    buf[0] = 0;
    for (int k = 0; cols[k].name && n < len; k++)
        n += (size_t)snprintf(buf + n, len - n, "%s%s", k ? ", " : "", cols[k].name);
}

/* The header: nothing unknown, nothing twice, every required column there. */
static int check_header(reader *r)
{
    char names[400];
    col_list(r->cols, names, sizeof names);
    for (size_t i = 0; i < r->t.ncols; i++) {
        int known = 0;
        for (int k = 0; r->cols[k].name && !known; k++)
            known = !strcmp(r->t.header[i], r->cols[k].name);
        for (size_t j = 0; j < i && known; j++)
            if (!strcmp(r->t.header[i], r->t.header[j])) {
                snprintf(r->err, r->errlen, "%s:1: column '%s' appears twice", r->t.path,
                         r->t.header[i]);
                return SCN_SNAP_EBAD;
            }
        if (!known) {
            snprintf(r->err, r->errlen, "%s:1: column '%s' is not a snapshot column (the "
                     "columns are %s)", r->t.path, r->t.header[i], names);
            return SCN_SNAP_EBAD;
        }
    }
    for (int k = 0; r->cols[k].name; k++) {
        r->idx[k] = csv_column(&r->t, r->cols[k].name);
        if (r->idx[k] < 0 && r->cols[k].required) {
            snprintf(r->err, r->errlen, "%s:1: no column '%s' (the columns are %s)", r->t.path,
                     r->cols[k].name, names);
            return SCN_SNAP_EBAD;
        }
    }
    return 0;
}

static int open_file(reader *r, const char *dir, const char *name, const col *cols, int optional,
                     int *absent)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    r->cols = cols;
    if (optional && access(path, F_OK) != 0 && errno == ENOENT) {
        *absent = 1;
        return 0;
    }
    int rc = csv_read(&r->t, path, SCN_SNAP_MAX_FILE, r->err, r->errlen);
    if (rc)
        return rc == CSV_EIO ? SCN_SNAP_EIO : SCN_SNAP_EBAD;
    return check_header(r);
}

static const char *text(const reader *r, size_t row, int k)
{
    return r->idx[k] < 0 ? "" : csv_field(&r->t, row, r->idx[k]);
}

static int name_in(reader *r, size_t row, int k, const char *const *names, int n, int *out)
{
    char shown[CSV_SHOWN]; /* a field quoted in a message (csv_shown) */
    const char *s = text(r, row, k);
    for (int i = 0; i < n; i++)
        if (!strcmp(s, names[i])) {
            *out = i;
            return 0;
        }
    char list[400];
    size_t m = 0;
    for (int i = 0; i < n && m < sizeof list; i++)
        m += (size_t)snprintf(list + m, sizeof list - m, "%s%s", i ? ", " : "", names[i]);
    return bad(r, row, k, "'%s' is not one of: %s", csv_shown(s, shown), list);
}

static int id_of(reader *r, size_t row, int k, char *out)
{
    char shown[CSV_SHOWN]; /* a field quoted in a message (csv_shown) */
    const char *s = text(r, row, k);
    if (!*s)
        return bad(r, row, k, "empty (every row needs an identifier)");
    if (strlen(s) >= SNAP_ID_MAX)
        return bad(r, row, k, "'%s' is longer than %d characters", csv_shown(s, shown), SNAP_ID_MAX - 1);
    snprintf(out, SNAP_ID_MAX, "%s", s);
    return 0;
}

/* A date on or before the snapshot's; an empty optional one is 0. */
static int date_of(reader *r, size_t row, int k, cal_date *out)
{
    char shown[CSV_SHOWN]; /* a field quoted in a message (csv_shown) */
    const char *s = text(r, row, k);
    if (!*s && !r->cols[k].required) {
        *out = 0;
        return 0;
    }
    if (!*s)
        return bad(r, row, k, "empty (a date is needed, YYYY-MM-DD)");
    if (cal_parse_iso(s, out))
        return bad(r, row, k, "'%s' is not a date (YYYY-MM-DD)", csv_shown(s, shown));
    /* a case's dates are counted on the calendar; a worker's start only for the first year */
    if (*out < cal_from_ymd(CAL_FIRST_YEAR, 1, 1) && r->cols != staff_cols)
        return bad(r, row, k, "%s is before %d, the first year the calendar covers", s,
                   CAL_FIRST_YEAR);
    if (*out < r->date - SNAP_MAX_AGE_DAYS && r->cols != staff_cols)
        return bad(r, row, k, "%s is more than 18 years before the snapshot's date", s);
    if (*out > r->date) {
        char d[11];
        cal_format_iso(r->date, d);
        return bad(r, row, k, "%s is after the snapshot's date %s", s, d);
    }
    return 0;
}

/* A number in [lo, hi] (whole if `whole`); empty: NAN for an optional column. */
static int number_of(reader *r, size_t row, int k, double lo, double hi, int whole, double *out)
{
    char shown[CSV_SHOWN]; /* a field quoted in a message (csv_shown) */
    const char *s = text(r, row, k);
    if (!*s) {
        *out = NAN;
        return r->cols[k].required ? bad(r, row, k, "empty (a number is needed)") : 0;
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno == ERANGE || !isfinite(v))
        return bad(r, row, k, "'%s' is not a number", csv_shown(s, shown));
    if ((whole && v != floor(v)) || v < lo || v > hi)
        return bad(r, row, k, "%s is not %s from %g to %g", s, whole ? "a whole number" : "a number",
                   lo, hi);
    *out = v;
    return 0;
}

static int count_of(reader *r, size_t row, int k, double lo, double hi, int *out)
{
    double v;
    int rc = number_of(r, row, k, lo, hi, 1, &v);
    *out = isnan(v) ? -1 : (int)v;
    return rc;
}

static int yes_no(reader *r, size_t row, int k, int *out)
{
    static const char *const names[] = {"no", "yes"};
    if (!*text(r, row, k) && !r->cols[k].required) {
        *out = -1;
        return 0;
    }
    return name_in(r, row, k, names, 2, out);
}

static int read_date(reader *r, cal_date *date)
{
    char shown[CSV_SHOWN]; /* a field quoted in a message (csv_shown) */
    int have = 0;
    for (size_t i = 0; i < r->t.nrows; i++) {
        const char *key = text(r, i, 0), *v = text(r, i, 1);
        if (!strcmp(key, "source"))
            continue;
        if (strcmp(key, "date"))
            return bad(r, i, 0, "'%s' is not a snapshot key (date, source)", csv_shown(key, shown));
        if (have)
            return bad(r, i, 0, "date given twice");
        if (cal_parse_iso(v, date) || *date < cal_from_ymd(CAL_FIRST_YEAR + 1, 1, 1) ||
            *date > cal_from_ymd(CAL_LAST_YEAR - 1, 1, 1))
            return bad(r, i, 1, "'%s' is not a date (YYYY-MM-DD) from %d to %d", csv_shown(v, shown),
                       CAL_FIRST_YEAR + 1, CAL_LAST_YEAR - 1);
        have = 1;
    }
    if (!have) {
        snprintf(r->err, r->errlen, "%s: no 'date' row (the day the run starts on)", r->t.path);
        return SCN_SNAP_EBAD;
    }
    return 0;
}

/* Up to SNAP_RECENT dates, newest first, separated by spaces. */
static int recent_of(reader *r, size_t row, int k, cal_date *out)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", text(r, row, k));
    int n = 0;
    for (char *save = NULL, *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        cal_date d;
        if (n == SNAP_RECENT)
            return bad(r, row, k, "more than %d dates", SNAP_RECENT);
        if (cal_parse_iso(tok, &d))
            return bad(r, row, k, "'%s' is not a date (YYYY-MM-DD)", tok);
        if (d > r->date || d < r->date - SNAP_MAX_AGE_DAYS)
            return bad(r, row, k, "%s is not within the 18 years before the snapshot's date", tok);
        if (n && d > out[n - 1])
            return bad(r, row, k, "%s is after the date before it (newest first)", tok);
        out[n++] = d;
    }
    return 0;
}

static int staff_row(reader *r, size_t i, model_snapshot *s)
{
    static const char *const contracts[] = {"employed", "agency"};
    snap_staff w = {0};
    int rc = id_of(r, i, 0, w.worker);
    const char *role = text(r, i, 1);
    if (!rc && (w.role = params_role_parse(role)) < 0) {
        const char *names[ROLE_COUNT];
        for (int k = 0; k < ROLE_COUNT; k++)
            names[k] = params_role_name((params_role)k);
        rc = name_in(r, i, 1, names, ROLE_COUNT, &w.role);
    }
    if (!rc)
        rc = number_of(r, i, 2, 0.01, 1, 0, &w.fte);
    if (!rc)
        rc = name_in(r, i, 3, contracts, 2, &w.agency);
    if (!rc)
        rc = yes_no(r, i, 4, &w.nqsw);
    if (!rc)
        rc = date_of(r, i, 5, &w.start);
    for (size_t j = 0; !rc && j < s->nstaff; j++)
        if (!strcmp(s->staff[j].worker, w.worker))
            rc = bad(r, i, 0, "'%s' is listed twice", w.worker);
    if (!rc && UTIL_PUSH(s->staff, s->nstaff, s->capstaff, w))
        rc = SCN_SNAP_EIO;
    return rc;
}

/* The worker a case names: a social worker in staff.csv. */
static int worker_of(reader *r, size_t i, int k, const model_snapshot *s, int *out)
{
    const char *id = text(r, i, k);
    *out = -1;
    if (!*id)
        return 0;
    for (size_t j = 0; j < s->nstaff; j++)
        if (!strcmp(s->staff[j].worker, id)) {
            if (s->staff[j].role != ROLE_SOCIAL_WORKER)
                return bad(r, i, k, "'%s' is a %s in staff.csv, not a social worker", id,
                           params_role_name((params_role)s->staff[j].role));
            *out = (int)j;
            return 0;
        }
    return bad(r, i, k, "'%s' is not a worker in staff.csv", id);
}

static int case_history(reader *r, size_t i, snap_case *c)
{
    int rc = date_of(r, i, 5, &c->referred);
    if (!rc && c->referred && c->referred > c->start)
        rc = bad(r, i, 5, "the referral comes after the start_date");
    if (!rc)
        rc = number_of(r, i, 6, -1e3, 1e3, 0, &c->need);
    if (!rc)
        rc = number_of(r, i, 7, -1e3, 1e3, 0, &c->presentation);
    if (!rc)
        rc = number_of(r, i, 8, 0.01, 1e5, 0, &c->effort);
    if (!rc)
        rc = number_of(r, i, 9, 0, 1e5, 0, &c->hours_left);
    if (!rc && !isnan(c->hours_left) && !isnan(c->effort) && c->hours_left > c->effort)
        rc = bad(r, i, 9, "%g hours left of an assessment of %g", c->hours_left, c->effort);
    if (!rc)
        rc = count_of(r, i, 10, 0, 1e6, &c->contacts);
    if (!rc)
        rc = count_of(r, i, 11, 1, 1e6, &c->referrals);
    if (!rc)
        rc = recent_of(r, i, 12, c->recent);
    return rc;
}

static int case_row(reader *r, size_t i, model_snapshot *s)
{
    snap_case c = {0};
    const char *names[SNAP_CASE_STATUS_COUNT];
    for (int k = 0; k < SNAP_CASE_STATUS_COUNT; k++)
        names[k] = snap_case_status_name(k);
    int rc = id_of(r, i, 0, c.family);
    if (!rc)
        rc = count_of(r, i, 1, 1, SCN_SNAP_MAX_CHILDREN, &c.children);
    if (!rc)
        rc = name_in(r, i, 2, names, SNAP_CASE_STATUS_COUNT, &c.status);
    if (!rc)
        rc = date_of(r, i, 3, &c.start);
    if (!rc)
        rc = worker_of(r, i, 4, s, &c.worker);
    if (!rc && c.status == SNAP_AWAITING && c.worker >= 0)
        rc = bad(r, i, 4, "a case awaiting allocation has no worker (leave it empty)");
    if (!rc && c.status == SNAP_ASSESSMENT && c.worker < 0)
        rc = bad(r, i, 4, "empty: a case in assessment has a worker (or is awaiting allocation)");
    if (!rc)
        rc = case_history(r, i, &c);
    for (size_t j = 0; !rc && j < s->ncases; j++)
        if (!strcmp(s->cases[j].family, c.family))
            rc = bad(r, i, 0, "'%s' is listed twice (one open case a family)", c.family);
    if (!rc && UTIL_PUSH(s->cases, s->ncases, s->capcases, c))
        rc = SCN_SNAP_EIO;
    return rc;
}

static int family_row(reader *r, size_t i, model_snapshot *s)
{
    snap_family f = {0};
    const char *names[SNAP_FAMILY_STATUS_COUNT];
    for (int k = 0; k < SNAP_FAMILY_STATUS_COUNT; k++)
        names[k] = snap_family_status_name(k);
    int rc = id_of(r, i, 0, f.family);
    if (!rc)
        rc = count_of(r, i, 1, 1, SCN_SNAP_MAX_CHILDREN, &f.children);
    if (!rc)
        rc = name_in(r, i, 2, names, SNAP_FAMILY_STATUS_COUNT, &f.status);
    if (!rc)
        rc = date_of(r, i, 3, &f.since);
    if (!rc)
        rc = yes_no(r, i, 4, &f.returns);
    if (!rc)
        rc = date_of(r, i, 5, &f.last_referral);
    if (!rc)
        rc = number_of(r, i, 6, -1e3, 1e3, 0, &f.need);
    if (!rc)
        rc = number_of(r, i, 7, -1e3, 1e3, 0, &f.presentation);
    if (!rc)
        rc = count_of(r, i, 8, 0, 1e6, &f.contacts);
    if (!rc)
        rc = count_of(r, i, 9, 0, 1e6, &f.referrals);
    if (!rc)
        rc = recent_of(r, i, 10, f.recent);
    for (size_t j = 0; !rc && j < s->ncases; j++)
        if (!strcmp(s->cases[j].family, f.family))
            rc = bad(r, i, 0, "'%s' has an open case in open_cases.csv", f.family);
    for (size_t j = 0; !rc && j < s->nfamilies; j++)
        if (!strcmp(s->families[j].family, f.family))
            rc = bad(r, i, 0, "'%s' is listed twice", f.family);
    if (!rc && UTIL_PUSH(s->families, s->nfamilies, s->capfamilies, f))
        rc = SCN_SNAP_EIO;
    return rc;
}

typedef int (*row_fn)(reader *r, size_t i, model_snapshot *s);

static int read_rows(const char *dir, const char *name, const col *cols, int optional, row_fn fn,
                     model_snapshot *s, char *err, size_t errlen)
{
    reader r = {.date = s->date, .err = err, .errlen = errlen};
    int absent = 0;
    int rc = open_file(&r, dir, name, cols, optional, &absent);
    for (size_t i = 0; !rc && !absent && i < r.t.nrows; i++)
        rc = fn(&r, i, s);
    if (rc == SCN_SNAP_EIO && !strstr(err, name))
        snprintf(err, errlen, "%s/%s: out of memory", dir, name);
    csv_free(&r.t);
    return rc;
}

int scn_snapshot_read(const char *dir, model_snapshot *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    reader r = {.err = err, .errlen = errlen};
    int absent = 0;
    int rc = open_file(&r, dir, "snapshot.csv", snapshot_cols, 0, &absent);
    if (!rc)
        rc = read_date(&r, &out->date);
    csv_free(&r.t);
    if (!rc)
        rc = read_rows(dir, "staff.csv", staff_cols, 0, staff_row, out, err, errlen);
    if (!rc)
        rc = read_rows(dir, "open_cases.csv", case_cols, 0, case_row, out, err, errlen);
    if (!rc)
        rc = read_rows(dir, "families.csv", family_cols, 1, family_row, out, err, errlen);
    if (rc)
        model_snapshot_free(out);
    return rc;
}

/* ---- writing ---- */

/* A field as CSV: quoted when it holds a comma, a quote or a line break. */
static void field(FILE *f, const char *s, int last)
{
    csv_write_field(f, s);
    fputc(last ? '\n' : ',', f);
}

static void date_field(FILE *f, cal_date d, int last)
{
    char b[11] = "";
    if (d)
        cal_format_iso(d, b);
    field(f, b, last);
}

/* A number that reads back to the same double (17 significant digits), or empty for NAN. */
static void num_field(FILE *f, double v, int last)
{
    char b[40] = "";
    if (!isnan(v))
        snprintf(b, sizeof b, "%.17g", v);
    field(f, b, last);
}

static void int_field(FILE *f, int v, int last)
{
    char b[24] = "";
    if (v >= 0)
        snprintf(b, sizeof b, "%d", v);
    field(f, b, last);
}

static void recent_field(FILE *f, const cal_date *recent, int last)
{
    char b[SNAP_RECENT * 11 + 1] = "";
    size_t n = 0;
    for (int i = 0; i < SNAP_RECENT && recent[i]; i++) {
        if (n)
            b[n++] = ' ';
        cal_format_iso(recent[i], b + n);
        n += 10;
    }
    field(f, b, last);
}

static void header(FILE *f, const col *cols)
{
    for (int k = 0; cols[k].name; k++)
        field(f, cols[k].name, !cols[k + 1].name);
}

static void write_staff(FILE *f, const model_snapshot *s)
{
    header(f, staff_cols);
    for (size_t i = 0; i < s->nstaff; i++) {
        const snap_staff *w = &s->staff[i];
        char fte[32];
        snprintf(fte, sizeof fte, "%g", w->fte);
        field(f, w->worker, 0);
        field(f, params_role_name((params_role)w->role), 0);
        field(f, fte, 0);
        field(f, w->agency ? "agency" : "employed", 0);
        field(f, w->nqsw ? "yes" : "no", 0);
        date_field(f, w->start, 1);
    }
}

static void write_cases(FILE *f, const model_snapshot *s)
{
    header(f, case_cols);
    for (size_t i = 0; i < s->ncases; i++) {
        const snap_case *c = &s->cases[i];
        field(f, c->family, 0);
        int_field(f, c->children, 0);
        field(f, snap_case_status_name(c->status), 0);
        date_field(f, c->start, 0);
        field(f, c->worker >= 0 ? s->staff[c->worker].worker : "", 0);
        date_field(f, c->referred, 0);
        num_field(f, c->need, 0);
        num_field(f, c->presentation, 0);
        num_field(f, c->effort, 0);
        num_field(f, c->hours_left, 0);
        int_field(f, c->contacts, 0);
        int_field(f, c->referrals, 0);
        recent_field(f, c->recent, 1);
    }
}

static void write_families(FILE *f, const model_snapshot *s)
{
    header(f, family_cols);
    for (size_t i = 0; i < s->nfamilies; i++) {
        const snap_family *m = &s->families[i];
        field(f, m->family, 0);
        int_field(f, m->children, 0);
        field(f, snap_family_status_name(m->status), 0);
        date_field(f, m->since, 0);
        field(f, m->returns < 0 ? "" : m->returns ? "yes" : "no", 0);
        date_field(f, m->last_referral, 0);
        num_field(f, m->need, 0);
        num_field(f, m->presentation, 0);
        int_field(f, m->contacts, 0);
        int_field(f, m->referrals, 0);
        recent_field(f, m->recent, 1);
    }
}

static void write_meta(FILE *f, const model_snapshot *s, const char *source)
{
    header(f, snapshot_cols);
    field(f, "date", 0);
    date_field(f, s->date, 1);
    if (source) {
        field(f, "source", 0);
        field(f, source, 1);
    }
}

int scn_snapshot_write(const char *dir, const model_snapshot *s, const char *source, char *err,
                       size_t errlen)
{
    if (outfile_mkdirs(dir, err, errlen))
        return SCN_SNAP_EIO;
    const char *names[] = {"staff.csv", "open_cases.csv", "families.csv", "snapshot.csv"};
    for (int k = 0; k < 4; k++) {
        char path[OUTFILE_PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        outfile o;
        if (outfile_open(&o, path, err, errlen))
            return SCN_SNAP_EIO;
        if (k == 0)
            write_staff(o.fp, s);
        else if (k == 1)
            write_cases(o.fp, s);
        else if (k == 2)
            write_families(o.fp, s);
        else
            write_meta(o.fp, s, source);
        if (outfile_commit(&o, err, errlen))
            return SCN_SNAP_EIO;
    }
    return 0;
}
