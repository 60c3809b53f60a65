/* csv: the one strict CSV reader (the results folder read back, figures, snapshots). See
 * include/util/csv.h. */
#include "csv.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void csv_free(csv_table *c)
{
    free(c->buf);
    free(c->field);
    free(c->header);
    free(c->line);
    c->buf = NULL;
    c->field = c->header = NULL;
    c->line = NULL;
    c->ncols = c->nrows = 0;
}

/* Growable array of field pointers plus, per row, its line. */
typedef struct csv_acc {
    char **v;
    size_t n, cap;
    size_t *lines;
    size_t nlines, lcap;
} csv_acc;

static int acc_push(csv_acc *a, char *s) { return UTIL_PUSH(a->v, a->n, a->cap, s); }

static int acc_line(csv_acc *a, size_t line) { return UTIL_PUSH(a->lines, a->nlines, a->lcap, line); }

/* Reads one field starting at *p, in place: the unquoted text is written back over the buffer
 * and NUL-terminated, which may overwrite the character that ended it, so that character is
 * returned through *end. Leaves *p on the (possibly overwritten) terminator. */
static int parse_field(char **p, char **out, char *end, const char *name, size_t line, char *err,
                       size_t errlen)
{
    char *s = *p, *w = *p;
    *out = w;
    if (*s == '"') {
        s++;
        for (;;) {
            if (*s == 0) {
                snprintf(err, errlen, "%s:%zu: unterminated quoted field", name, line);
                return CSV_EBAD;
            }
            if (*s == '"' && s[1] == '"') {
                *w++ = '"';
                s += 2;
            } else if (*s == '"') {
                s++;
                break;
            } else {
                *w++ = *s++;
            }
        }
        if (*s != ',' && *s != '\n' && *s != '\r' && *s != 0) {
            snprintf(err, errlen, "%s:%zu: text after a closing quote", name, line);
            return CSV_EBAD;
        }
    } else {
        while (*s != ',' && *s != '\n' && *s != '\r' && *s != 0) {
            if (*s == '"') {
                snprintf(err, errlen, "%s:%zu: a quote inside an unquoted field", name, line);
                return CSV_EBAD;
            }
            *w++ = *s++;
        }
    }
    *end = *s;
    *w = 0;
    *p = s;
    return 0;
}

/* Parses one line into fields; returns the count through *nf and leaves *p at the next line. */
static int parse_line(char **p, csv_acc *a, size_t *nf, const char *name, size_t line, char *err,
                      size_t errlen)
{
    *nf = 0;
    for (;;) {
        char *f, end;
        int rc = parse_field(p, &f, &end, name, line, err, errlen);
        if (rc)
            return rc;
        if (acc_push(a, f)) {
            snprintf(err, errlen, "%s: out of memory", name);
            return CSV_EIO;
        }
        (*nf)++;
        if (end == ',') {
            (*p)++;
            continue;
        }
        if (end == '\r') {
            if ((*p)[1] != '\n') {
                snprintf(err, errlen, "%s:%zu: stray carriage return", name, line);
                return CSV_EBAD;
            }
            (*p) += 2;
        } else if (end == '\n') {
            (*p)++;
        }
        return 0;
    }
}

static int finish(csv_table *c, csv_acc *a, const char *name, char *err, size_t errlen)
{
    c->header = malloc(c->ncols * sizeof *c->header);
    size_t nf = a->n - c->ncols;
    c->field = malloc((nf ? nf : 1) * sizeof *c->field);
    if (!c->header || !c->field) {
        snprintf(err, errlen, "%s: out of memory", name);
        return CSV_EIO;
    }
    memcpy(c->header, a->v, c->ncols * sizeof *c->header);
    memcpy(c->field, a->v + c->ncols, nf * sizeof *c->field);
    c->nrows = nf / c->ncols;
    c->line = a->lines;
    a->lines = NULL;
    return 0;
}

/* Walks the buffer line by line; blank lines are allowed only at the end of the file. */
static int parse_all(csv_table *c, csv_acc *a, const char *name, char *err, size_t errlen)
{
    char *p = c->buf;
    size_t line = 0;
    while (*p) {
        line++;
        if (*p == '\n' || (*p == '\r' && p[1] == '\n')) {
            char *q = p;
            while (*q == '\n' || *q == '\r')
                q++;
            if (*q) {
                snprintf(err, errlen, "%s:%zu: empty line", name, line);
                return CSV_EBAD;
            }
            break;
        }
        size_t nf;
        int rc = parse_line(&p, a, &nf, name, line, err, errlen);
        if (rc)
            return rc;
        if (line == 1) {
            c->ncols = nf;
            continue;
        }
        if (nf != c->ncols) {
            snprintf(err, errlen, "%s:%zu: %zu fields, expected %zu as in the header", name, line,
                     nf, c->ncols);
            return CSV_EBAD;
        }
        if (acc_line(a, line)) {
            snprintf(err, errlen, "%s: out of memory", name);
            return CSV_EIO;
        }
    }
    if (line == 0 || c->ncols == 0) {
        snprintf(err, errlen, "%s: empty file (expected a header row)", name);
        return CSV_EBAD;
    }
    return 0;
}

int csv_parse(csv_table *c, const char *name, const char *text, size_t len, char *err,
                    size_t errlen)
{
    memset(c, 0, sizeof *c);
    snprintf(c->path, sizeof c->path, "%s", name);
    if (memchr(text, 0, len)) {
        snprintf(err, errlen, "%s: contains a NUL byte (not a text file)", name);
        return CSV_EBAD;
    }
    c->buf = malloc(len + 1);
    if (!c->buf) {
        snprintf(err, errlen, "%s: out of memory", name);
        return CSV_EIO;
    }
    memcpy(c->buf, text, len);
    c->buf[len] = 0;
    csv_acc a = {0};
    int rc = parse_all(c, &a, name, err, errlen);
    if (!rc)
        rc = finish(c, &a, name, err, errlen);
    free(a.v);
    free(a.lines);
    if (rc)
        csv_free(c);
    return rc;
}

int csv_read(csv_table *c, const char *path, size_t max_bytes, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    char *text;
    size_t n;
    int rc = util_read_file(path, max_bytes, &text, &n, err, errlen);
    if (rc)
        return rc == UTIL_EIO ? CSV_EIO : CSV_EBAD;
    rc = csv_parse(c, path, text, n, err, errlen);
    free(text);
    return rc;
}

int csv_column(const csv_table *c, const char *name)
{
    for (size_t i = 0; i < c->ncols; i++)
        if (!strcmp(c->header[i], name))
            return (int)i;
    return -1;
}

const char *csv_field(const csv_table *c, size_t row, int col)
{
    return c->field[row * c->ncols + (size_t)col];
}

const char *csv_shown(const char *s, char buf[CSV_SHOWN])
{
    size_t w = 0;
    for (size_t n = 0; *s; s++, n++) {
        if (n == CSV_SHOWN_CHARS) {
            memcpy(buf + w, "...", 3);
            w += 3;
            break;
        }
        unsigned char ch = (unsigned char)*s;
        if (ch >= 0x20 && ch != 0x7f)
            buf[w++] = (char)ch;
        else if (ch == '\n' || ch == '\r' || ch == '\t') {
            buf[w++] = '\\';
            buf[w++] = ch == '\n' ? 'n' : ch == '\r' ? 'r' : 't';
        } else
            w += (size_t)snprintf(buf + w, 5, "\\x%02x", ch);
    }
    buf[w] = 0;
    return buf;
}

int csv_number(const csv_table *c, size_t row, int col, double *out, char *err,
                     size_t errlen)
{
    const char *s = csv_field(c, row, col);
    if (!*s) {
        *out = NAN;
        return 0;
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    /* strtod accepts "nan" and "inf"; the runner never writes them, so they are malformed here.
     * ERANGE on a tiny value is underflow to a denormal or zero, which the runner does write
     * (lac_weekly_cost = 1e-320): that is a number; ERANGE on overflow is not. */
    int overflow = errno == ERANGE && fabs(v) > 1;
    if (*end || overflow || !isfinite(v) || end == s) {
        char col_text[CSV_SHOWN], value[CSV_SHOWN];
        snprintf(err, errlen, "%s:%zu: column '%s': '%s' is not a number", c->path, c->line[row],
                 csv_shown(c->header[col], col_text), csv_shown(s, value));
        return CSV_EBAD;
    }
    *out = v;
    return 0;
}

void csv_write_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}
