/* scn_text: bytes -> headers and entries with line numbers (see scn_internal.h).
 *
 * Debian's inih (r55) gives its handler no line number and splits lines longer than its 200-byte
 * buffer, so we feed it through a reader of our own: the reader counts lines (inih calls it once a
 * line, then calls the handler for that line) and notes section headers, and a check before
 * parsing rejects what inih would misread (long lines, binary, bad UTF-8). */
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scenario.h"
#include "scn_internal.h"
#include "util.h"

int scn_read_file(const char *path, char **data, size_t *len, char *err, size_t errlen)
{
    struct stat st;
    *data = NULL;
    *len = 0;
    if (stat(path, &st) < 0) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: is a directory, not a scenario file", path);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: is not a regular file", path);
        return -1;
    }
    if (st.st_size > SCN_MAX_FILE) {
        snprintf(err, errlen, "%s: is %lld bytes, too large for a scenario file (at most %ld)", path,
                 (long long)st.st_size, (long)SCN_MAX_FILE);
        return -1;
    }
    /* The checks above say what is wrong in a scenario's words; the reader does the rest. */
    return util_read_file(path, (size_t)SCN_MAX_FILE, data, len, err, errlen) ? -1 : 0;
}

/* ---------------------------------------------------------------- byte checks */

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is not one (overlong forms,
 * surrogates and code points past U+10FFFF included). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t need;
    unsigned min;
    unsigned cp;
    if ((s[0] & 0xE0) == 0xC0) {
        need = 2, min = 0x80, cp = s[0] & 0x1Fu;
    } else if ((s[0] & 0xF0) == 0xE0) {
        need = 3, min = 0x800, cp = s[0] & 0x0Fu;
    } else if ((s[0] & 0xF8) == 0xF0) {
        need = 4, min = 0x10000, cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (need > n)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return need;
}

/* One line's bytes (without its '\n'). */
static int check_line(const char *name, int line, const char *s, size_t n, char *err,
                      size_t errlen)
{
    if (n > 0 && s[n - 1] == '\r')
        n--; /* Windows line ends are fine */
    if (n > SCN_MAX_LINE) {
        snprintf(err, errlen,
                 "%s:%d: line is %zu bytes long, more than the %d a line may have; split a long "
                 "value over indented continuation lines",
                 name, line, n, SCN_MAX_LINE);
        return -1;
    }
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            snprintf(err, errlen, "%s:%d: control character 0x%02X in column %zu; a scenario is plain "
                     "text", name, line, c, i + 1);
            return -1;
        }
        size_t k = utf8_len((const unsigned char *)s + i, n - i);
        if (!k) {
            snprintf(err, errlen,
                     "%s:%d: not valid UTF-8 (byte 0x%02X in column %zu); save the file as UTF-8 "
                     "(a '\xc2\xa3' saved as Latin-1 or Windows-1252 is the usual cause)",
                     name, line, c, i + 1);
            return -1;
        }
        i += k;
    }
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i > 0 && i < n && s[i] == '[') {
        snprintf(err, errlen, "%s:%d: a section header must start at the beginning of the line (an "
                 "indented line continues the previous value)", name, line);
        return -1;
    }
    return 0;
}

static int check_bytes(const char *name, const char *data, size_t len, char *err, size_t errlen)
{
    if (memchr(data, '\0', len)) {
        snprintf(err, errlen, "%s: is a binary file (it contains NUL bytes), not a scenario text "
                 "file", name);
        return -1;
    }
    int line = 1;
    for (size_t pos = 0; pos < len; line++) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) : len - pos;
        if (check_line(name, line, data + pos, n, err, errlen) < 0)
            return -1;
        pos += n + 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- inih reader and handler */

typedef struct reader {
    scn_text *t;
    const char *data;
    size_t len, pos;
    int line;     /* lines handed to inih so far = the line inih is working on */
    int indented; /* the current line starts with a space or tab */
    int oom;
} reader;

static int push_header(reader *r, const char *s, size_t n)
{
    scn_text *t = r->t;
    if (util_grow((void **)&t->headers, &t->cap_headers, t->n_headers + 1, sizeof *t->headers, 16))
        return -1;
    scn_header *h = &t->headers[t->n_headers++];
    memset(h, 0, sizeof *h);
    h->line = r->line;
    const char *close = memchr(s, ']', n);
    size_t tn = close ? (size_t)(close - s - 1) : n - 1;
    memcpy(h->text, s + 1, tn < SCN_MAX_LINE ? tn : SCN_MAX_LINE);
    h->closed = close != NULL;
    if (close) {
        const char *p = close + 1, *end = s + n;
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
            p++;
        h->trailing = p < end && *p != ';' && *p != '#';
    }
    return 0;
}

static char *text_reader(char *str, int num, void *stream)
{
    reader *r = stream;
    if (r->oom || r->pos >= r->len || num < 2)
        return NULL;
    const char *s = r->data + r->pos;
    const char *nl = memchr(s, '\n', r->len - r->pos);
    size_t n = nl ? (size_t)(nl - s) + 1 : r->len - r->pos;
    size_t take = n < (size_t)num - 1 ? n : (size_t)num - 1; /* never: lines were checked */
    memcpy(str, s, take);
    str[take] = '\0';
    r->pos += n;
    r->line++;
    r->indented = s[0] == ' ' || s[0] == '\t';
    size_t content = n - (nl ? 1 : 0);
    if (content > 0 && s[0] == '[' && push_header(r, s, content) < 0)
        r->oom = 1;
    return str;
}

static int text_handler(void *user, const char *section, const char *name, const char *value)
{
    reader *r = user;
    scn_text *t = r->t;
    int header = (int)t->n_headers - 1;
    (void)section; /* inih truncates it at 50 bytes; the reader kept the whole header */
    if (t->n_entries > 0 && r->indented) {
        scn_entry *last = &t->entries[t->n_entries - 1];
        if (last->header == header && !strcmp(last->key, name)) { /* a continuation line */
            size_t used = strlen(last->value), add = strlen(value);
            if (used + 1 + add >= sizeof last->value)
                last->too_long = 1;
            else if (add > 0)
                snprintf(last->value + used, sizeof last->value - used, "%s%s", used ? " " : "",
                         value);
            return 1;
        }
    }
    if (util_grow((void **)&t->entries, &t->cap_entries, t->n_entries + 1, sizeof *t->entries, 16)) {
        r->oom = 1;
        return 0;
    }
    scn_entry *e = &t->entries[t->n_entries++];
    memset(e, 0, sizeof *e);
    e->line = r->line;
    e->header = header;
    snprintf(e->key, sizeof e->key, "%s", name);
    if (header >= 0 && !t->headers[header].type_entry && !strcmp(e->key, "type"))
        t->headers[header].type_entry = t->n_entries;
    if (strlen(value) >= sizeof e->value)
        e->too_long = 1;
    snprintf(e->value, sizeof e->value, "%s", value);
    return 1;
}

/* What was wrong with a line inih rejected. */
static void syntax_message(scn_text *t, const char *data, size_t len, int line)
{
    size_t pos = 0;
    for (int l = 1; l < line && pos < len; l++) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        pos = nl ? (size_t)(nl - data) + 1 : len;
    }
    const char *s = data + pos, *end = data + len;
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    size_t n = 0; /* the buffer need not end in a NUL */
    while (s + n < end && s[n] != '\r' && s[n] != '\n')
        n++;
    /* a file with no [section] before the bad line may be any file at all (a key file, a
     * password file): say so without repeating its text */
    int sections = 0;
    for (size_t i = 0; i < t->n_headers && !sections; i++)
        sections = t->headers[i].line < line;
    if (!sections && !(n > 0 && *s == '['))
        snprintf(t->syntax_msg, sizeof t->syntax_msg,
                 "not a scenario file: the line is not 'key = value' and no [section] comes "
                 "before it (a scenario starts with [scenario])");
    else if (n > 0 && *s == '[')
        snprintf(t->syntax_msg, sizeof t->syntax_msg,
                 "section header '%.*s' has no closing ']'", (int)(n > 60 ? 60 : n), s);
    else
        snprintf(t->syntax_msg, sizeof t->syntax_msg,
                 "expected 'key = value' or a [section], got '%.*s'%s", (int)(n > 60 ? 60 : n), s,
                 n > 60 ? "..." : "");
}

static int only_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

int scn_text_parse(scn_text *t, const char *name, const char *data, size_t len, char *err,
                   size_t errlen)
{
    memset(t, 0, sizeof *t);
    size_t skip = len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3) ? 3 : 0; /* UTF-8 BOM */
    if (only_blank(data + skip, len - skip)) {
        snprintf(err, errlen, "%s: is empty; a scenario states at least its [scenario] name", name);
        return -1;
    }
    if (check_bytes(name, data + skip, len - skip, err, errlen) < 0)
        return -1;
    reader r = {.t = t, .data = data, .len = len, .pos = skip};
    int rc = ini_parse_stream(text_reader, &r, text_handler, &r);
    if (r.oom || rc == -2) {
        snprintf(err, errlen, "%s: out of memory while reading", name);
        return -1;
    }
    if (rc > 0) {
        t->syntax_line = rc;
        syntax_message(t, data + skip, len - skip, rc);
    }
    if (t->n_entries == 0 && t->n_headers == 0 && !t->syntax_line) {
        snprintf(err, errlen, "%s: has no settings, only comments; a scenario states at least its "
                 "[scenario] name", name);
        return -1;
    }
    return 0;
}

void scn_text_free(scn_text *t)
{
    free(t->headers);
    free(t->entries);
    memset(t, 0, sizeof *t);
}
