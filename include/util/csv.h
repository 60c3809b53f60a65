/* csv: the one CSV reader, small and strict: a header row, comma separators, fields optionally
 * quoted with '"' ('""' inside quotes is one quote), LF or CRLF line ends; every row must have as
 * many fields as the header. Errors name the file and the line ("name:line: what is wrong").
 *
 * Ownership: the caller owns the struct; csv_free releases what csv_parse/csv_read allocated and
 * is safe on a zeroed struct. */
#ifndef CASELOAD_CSV_H
#define CASELOAD_CSV_H

#include <stddef.h>
#include <stdio.h>

#define CSV_EIO (-1)  /* the file exists but cannot be read, or out of memory */
#define CSV_EBAD (-2) /* the file is missing, empty or malformed */

typedef struct csv_table {
    char path[512];   /* for messages */
    char *buf;        /* the text; fields are NUL-terminated in place */
    char **field;     /* nrows * ncols pointers into buf, row-major, header excluded */
    char **header;    /* ncols column names */
    size_t *line;     /* 1-based source line of each data row */
    size_t ncols;     /* fields per row */
    size_t nrows;     /* data rows */
} csv_table;

/* Parse text (len bytes, NUL termination not needed) as CSV; `name` is used in messages.
 * Returns 0, or CSV_EBAD with "name:line: what is wrong" in err. */
int csv_parse(csv_table *c, const char *name, const char *text, size_t len, char *err,
              size_t errlen);
/* Read (at most max_bytes) and parse a file. CSV_EBAD when missing or malformed, CSV_EIO when
 * unreadable. */
int csv_read(csv_table *c, const char *path, size_t max_bytes, char *err, size_t errlen);
void csv_free(csv_table *c);
/* Column index by header name, or -1. */
int csv_column(const csv_table *c, const char *name);
const char *csv_field(const csv_table *c, size_t row, int col);
/* The field as a number: an empty field is NAN (a missing value). Returns 0, or CSV_EBAD with
 * "path:line: column 'col': 'text' is not a number" in err. */
int csv_number(const csv_table *c, size_t row, int col, double *out, char *err, size_t errlen);

/* A field's text fit to quote in a one-line message: control characters (a quoted field may hold
 * line breaks) as \n, \r, \t or \xNN, and cut after CSV_SHOWN_CHARS characters with "...".
 * Writes into buf (CSV_SHOWN bytes) and returns it. */
#define CSV_SHOWN_CHARS 40
#define CSV_SHOWN (4 * CSV_SHOWN_CHARS + 4)
const char *csv_shown(const char *s, char buf[CSV_SHOWN]);

/* Write s as one CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line
 * break, as csv_parse reads it back. */
void csv_write_field(FILE *f, const char *s);

#endif
