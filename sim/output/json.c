/* json: streaming writer. See include/output/json.h. */
#include "json.h"

#include <assert.h>
#include <inttypes.h>
#include <math.h>

void json_init(json_writer *w, FILE *fp, int inline_depth)
{
    w->fp = fp;
    w->depth = 0;
    w->count[0] = 0;
    w->after_key = 0;
    w->inline_from = inline_depth;
}

static int is_inline(const json_writer *w, int depth)
{
    return w->inline_from > 0 && depth >= w->inline_from;
}

/* Separator and indentation before a value or a key at the current depth. */
static void before_item(json_writer *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth > 0) {
        if (w->count[w->depth - 1]++ > 0)
            fputc(',', w->fp);
        if (is_inline(w, w->depth)) {
            if (w->count[w->depth - 1] > 1)
                fputc(' ', w->fp);
        } else {
            fputc('\n', w->fp);
            for (int i = 0; i < w->depth; i++)
                fputs("  ", w->fp);
        }
    }
}

static void open_container(json_writer *w, char c)
{
    before_item(w);
    assert(w->depth < JSON_MAX_DEPTH);
    fputc(c, w->fp);
    w->count[w->depth++] = 0;
}

static void close_container(json_writer *w, char c)
{
    assert(w->depth > 0);
    int had = w->count[w->depth - 1];
    w->depth--;
    if (had && !is_inline(w, w->depth + 1)) {
        fputc('\n', w->fp);
        for (int i = 0; i < w->depth; i++)
            fputs("  ", w->fp);
    }
    fputc(c, w->fp);
}

void json_begin_object(json_writer *w) { open_container(w, '{'); }
void json_end_object(json_writer *w) { close_container(w, '}'); }
void json_begin_array(json_writer *w) { open_container(w, '['); }
void json_end_array(json_writer *w) { close_container(w, ']'); }

void json_key(json_writer *w, const char *key)
{
    before_item(w);
    json_write_string(w->fp, key);
    fputs(": ", w->fp);
    w->after_key = 1;
}

void json_string(json_writer *w, const char *s)
{
    before_item(w);
    json_write_string(w->fp, s);
}

void json_number(json_writer *w, double x)
{
    before_item(w);
    if (isfinite(x))
        fprintf(w->fp, "%.10g", x);
    else
        fputs("null", w->fp);
}

void json_uint(json_writer *w, uint64_t x)
{
    before_item(w);
    fprintf(w->fp, "%" PRIu64, x);
}

void json_bool(json_writer *w, int b)
{
    before_item(w);
    fputs(b ? "true" : "false", w->fp);
}

void json_null(json_writer *w)
{
    before_item(w);
    fputs("null", w->fp);
}

void json_finish(json_writer *w)
{
    assert(w->depth == 0);
    fputc('\n', w->fp);
}

/* Length of the valid UTF-8 sequence at s (2-4), or 0 when the bytes there are not one. Overlong
 * forms, surrogates and code points above U+10FFFF are invalid. */
static int utf8_len(const unsigned char *s)
{
    unsigned c = s[0];
    int n;
    uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0; /* also stops at the terminating NUL */
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

void json_write_string(FILE *fp, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    fputc('"', fp);
    while (*s) {
        unsigned c = *s;
        if (c == '"' || c == '\\') {
            fputc('\\', fp);
            fputc((int)c, fp);
        } else if (c == '\n') {
            fputs("\\n", fp);
        } else if (c == '\t') {
            fputs("\\t", fp);
        } else if (c == '\r') {
            fputs("\\r", fp);
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(fp, "\\u%04x", c);
        } else if (c >= 0x80) {
            int n = utf8_len(s);
            if (n == 0) {
                fputs("\\ufffd", fp);
                s++;
                continue;
            }
            fwrite(s, 1, (size_t)n, fp);
            s += n;
            continue;
        } else {
            fputc((int)c, fp);
        }
        s++;
    }
    fputc('"', fp);
}
