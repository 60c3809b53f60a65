/* manifest: the results folder's list of its own files. See include/manifest.h. */
#include "manifest.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outfile.h"
#include "util.h"

void manifest_free(manifest *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->e[i].name);
    free(m->e);
    memset(m, 0, sizeof *m);
}

int manifest_add(manifest *m, const char *name, const unsigned char *sha)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 32;
        manifest_entry *e = realloc(m->e, cap * sizeof *e);
        if (!e)
            return -1;
        m->e = e;
        m->cap = cap;
    }
    manifest_entry *e = &m->e[m->n];
    memset(e, 0, sizeof *e);
    e->name = strdup(name);
    if (!e->name)
        return -1;
    e->drawn = sha == NULL;
    if (sha)
        memcpy(e->sha, sha, SHA256_BYTES);
    m->n++;
    return 0;
}

const manifest_entry *manifest_find(const manifest *m, const char *name)
{
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->e[i].name, name))
            return &m->e[i];
    return NULL;
}

void manifest_finish(manifest *m)
{
    sha256_ctx c;
    sha256_init(&c);
    for (size_t i = 0; i < m->n; i++)
        if (!m->e[i].drawn) {
            sha256_update(&c, m->e[i].sha, SHA256_BYTES);
            sha256_update(&c, m->e[i].name, strlen(m->e[i].name) + 1);
        }
    unsigned char d[SHA256_BYTES];
    char hex[SHA256_HEX];
    sha256_final(&c, d);
    sha256_hex(d, hex);
    memcpy(m->run, hex, 16);
    m->run[16] = 0;
}

static int parse_hex(const char *s, unsigned char out[SHA256_BYTES])
{
    for (int i = 0; i < SHA256_BYTES; i++) {
        unsigned v = 0;
        for (int j = 0; j < 2; j++) {
            char ch = s[2 * i + j];
            int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
            if (d < 0)
                return -1;
            v = v * 16 + (unsigned)d;
        }
        out[i] = (unsigned char)v;
    }
    return s[2 * SHA256_BYTES] == ' ' ? 0 : -1;
}

/* One line (NUL-terminated, no newline). Returns 0, or -1 when malformed, -2 out of memory. */
static int parse_line(manifest *m, char *s)
{
    unsigned char sha[SHA256_BYTES];
    const char *name = NULL;
    if (!*s || *s == '#')
        return 0;
    if (!strncmp(s, "run ", 4)) {
        if (strlen(s + 4) != 16 || strspn(s + 4, "0123456789abcdef") != 16)
            return -1;
        memcpy(m->run, s + 4, 17);
        return 0;
    }
    if (!strncmp(s, "data ", 5) && strlen(s + 5) > 2 * SHA256_BYTES + 1 &&
        parse_hex(s + 5, sha) == 0)
        name = s + 5 + 2 * SHA256_BYTES + 1;
    else if (!strncmp(s, "drawn ", 6))
        name = s + 6;
    if (!name || !util_name_inside(name) || manifest_find(m, name))
        return -1;
    return manifest_add(m, name, !strncmp(s, "data ", 5) ? sha : NULL) ? -2 : 0;
}

int manifest_read(manifest *m, const char *dir, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    char *text;
    size_t len;
    int rc = util_read_inside(dir, MANIFEST_NAME, MANIFEST_MAX_BYTES, &text, &len, err, errlen);
    if (rc == UTIL_ENOENT)
        return 1;
    if (rc)
        return rc;
    int line = 0;
    int bad = memchr(text, 0, len) ? -1 : 0; /* a NUL: not text */
    for (char *s = text, *next; !bad && *s; s = next) {
        line++;
        next = strchr(s, '\n');
        if (next)
            *next++ = 0;
        else
            next = s + strlen(s);
        bad = parse_line(m, s);
    }
    free(text);
    if (!bad && strlen(m->run) != 16)
        bad = -3;
    if (bad) {
        snprintf(err, errlen, "%s/%s:%d: %s", dir, MANIFEST_NAME, line,
                 bad == -2 ? "out of memory" : bad == -3 ? "no run line"
                 : "not a manifest line written by caseload");
        manifest_free(m);
        return bad == -2 ? UTIL_EIO : MANIFEST_EBAD;
    }
    return 0;
}

int manifest_write(const manifest *m, const char *dir, char *err, size_t errlen)
{
    char path[OUTFILE_PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", dir, MANIFEST_NAME) >= (int)sizeof path) {
        snprintf(err, errlen, "%s: path too long", dir);
        return -1;
    }
    outfile f;
    if (outfile_open(&f, path, err, errlen))
        return -1;
    fprintf(f.fp, "# caseload results manifest: the files this run wrote, written last. `caseload "
                  "plot` checks each data file's SHA-256;\n# caseload replaces or removes only "
                  "files named here (docs/outputs.md).\nrun %s\n", m->run);
    for (size_t i = 0; i < m->n; i++) {
        char hex[SHA256_HEX];
        if (m->e[i].drawn) {
            fprintf(f.fp, "drawn %s\n", m->e[i].name);
        } else {
            sha256_hex(m->e[i].sha, hex);
            fprintf(f.fp, "data %s %s\n", hex, m->e[i].name);
        }
    }
    return outfile_commit(&f, err, errlen);
}

int manifest_hash_file(const char *dir, const char *rel, size_t cap,
                       unsigned char sha[SHA256_BYTES], char *err, size_t errlen)
{
    int fd;
    size_t size;
    int rc = util_open_inside(dir, rel, cap, &fd, &size, err, errlen);
    if (rc)
        return rc;
    sha256_ctx c;
    sha256_init(&c);
    static const size_t piece = 1 << 16;
    unsigned char *buf = malloc(piece);
    ssize_t got = buf ? 0 : -1;
    while (buf && (got = read(fd, buf, piece)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            break;
        sha256_update(&c, buf, (size_t)got);
    }
    if (got < 0) {
        snprintf(err, errlen, "cannot read %s/%s: %s", dir, rel,
                 buf ? strerror(errno) : "out of memory");
        rc = UTIL_EIO;
    }
    free(buf);
    close(fd);
    sha256_final(&c, sha);
    return rc;
}

/* The digest of one entry against the one computed; the message when they differ. */
static int compare_digest(const manifest *m, const manifest_entry *e, const char *dir,
                          const unsigned char d[SHA256_BYTES], char *err, size_t errlen)
{
    if (!memcmp(d, e->sha, SHA256_BYTES))
        return 0;
    snprintf(err, errlen, "%s/%s is not the file run %s wrote (its SHA-256 differs from %s): "
             "the folder mixes two runs or was changed; run again", dir, e->name, m->run,
             MANIFEST_NAME);
    return MANIFEST_EBAD;
}

int manifest_check(const manifest *m, const char *dir, const char *rel, const char *text,
                   size_t len, char *err, size_t errlen)
{
    const manifest_entry *e = manifest_find(m, rel);
    if (!e || e->drawn) {
        snprintf(err, errlen, "%s/%s is not a data file named in %s (not written by the run)",
                 dir, rel, MANIFEST_NAME);
        return MANIFEST_EBAD;
    }
    sha256_ctx c;
    unsigned char d[SHA256_BYTES];
    sha256_init(&c);
    sha256_update(&c, text, len);
    sha256_final(&c, d);
    return compare_digest(m, e, dir, d, err, errlen);
}

int manifest_verify(const manifest *m, const char *dir, char *err, size_t errlen)
{
    for (size_t i = 0; i < m->n; i++) {
        unsigned char d[SHA256_BYTES];
        if (m->e[i].drawn)
            continue;
        /* streamed and uncapped: replications.csv of 100,000 replications runs to gigabytes */
        int rc = manifest_hash_file(dir, m->e[i].name, SIZE_MAX, d, err, errlen);
        if (!rc)
            rc = compare_digest(m, &m->e[i], dir, d, err, errlen);
        if (rc)
            return rc;
    }
    return 0;
}
