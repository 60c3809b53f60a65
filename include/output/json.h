/* json: a tiny streaming JSON writer for summary.json.
 *
 * The writer inserts commas and indentation itself: call json_key before each value inside an
 * object, and values one after another inside an array. Strings are escaped (quote, backslash,
 * control characters; invalid UTF-8 bytes become U+FFFD so the output is always valid JSON).
 * Numbers are printed with %.10g; NaN and infinities are written as null. Errors are not reported
 * here: the caller checks ferror() on the stream (outfile_commit does). Nesting deeper than
 * JSON_MAX_DEPTH is a programming error (asserted). No global state.
 */
#ifndef CASELOAD_JSON_H
#define CASELOAD_JSON_H

#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

typedef struct json_writer {
    FILE *fp;
    int depth;                     /* open objects and arrays */
    int count[JSON_MAX_DEPTH];     /* values written so far at each depth */
    int after_key;                 /* the next value follows a key on the same line */
    int inline_from;               /* depth from which containers are written on one line (0: never) */
} json_writer;

/* Containers at depth >= inline_depth (1 = the top level) are written on one line; 0 = never. */
void json_init(json_writer *w, FILE *fp, int inline_depth);
void json_begin_object(json_writer *w);
void json_end_object(json_writer *w);
void json_begin_array(json_writer *w);
void json_end_array(json_writer *w);
void json_key(json_writer *w, const char *key);
void json_string(json_writer *w, const char *s);
void json_number(json_writer *w, double x);
void json_uint(json_writer *w, uint64_t x);
void json_bool(json_writer *w, int b);
void json_null(json_writer *w);
/* Finish the document with a newline (all containers must be closed). */
void json_finish(json_writer *w);

/* Write s as a JSON string literal (with quotes) to fp. */
void json_write_string(FILE *fp, const char *s);

#endif
