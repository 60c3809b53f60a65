/* workbook_check: is a workbook libxlsxwriter wrote complete? (plots_internal.h)
 *
 * libxlsxwriter assembles the archive from temporary files and does not check its writes to them:
 * with a full disk or a file-size limit, a sheet's XML is cut short, the archive around it is
 * still well formed (its end record, its directory, each member's CRC of what was written), and
 * workbook_close reports success. Excel then refuses the file. So every XML member is inflated
 * and must end with the closing tag of its root element (or be one self-closed element). */
#include "plots_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "util.h"

#define ZIP_MAX_BYTES (1u << 30)   /* larger than any workbook a run writes */
#define ZIP_MAX_MEMBER (1u << 30)

static uint32_t le16(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t le32(const unsigned char *p) { return le16(p) | le16(p + 2) << 16; }

/* The archive's end record (no comment: libxlsxwriter writes none). */
static int find_end(const unsigned char *z, size_t n, uint32_t *dir, uint32_t *count)
{
    if (n < 22 || memcmp(z + n - 22, "PK\x05\x06", 4))
        return -1;
    *count = le16(z + n - 22 + 10);
    *dir = le32(z + n - 22 + 16);
    return *dir < n ? 0 : -1;
}

/* Does the XML text end as its root element does? */
static int xml_complete(const char *x, size_t n)
{
    while (n && (x[n - 1] == '\n' || x[n - 1] == '\r' || x[n - 1] == ' '))
        n--;
    size_t i = 0;
    if (n > 5 && !memcmp(x, "<?xml", 5)) {
        const char *e = memchr(x, '>', n);
        if (!e)
            return 0;
        i = (size_t)(e - x) + 1;
    }
    while (i < n && x[i] != '<')
        i++;
    size_t name = i + 1, len = 0;
    while (name + len < n && !strchr(" \t\r\n/>", x[name + len]))
        len++;
    if (!len || n < len + 3)
        return 0;
    const char *root_end = memchr(x + name, '>', n - name);
    if (root_end && root_end == x + n - 1 && root_end[-1] == '/')
        return 1; /* one self-closed root */
    return x[n - 1] == '>' && x[n - len - 3] == '<' && x[n - len - 2] == '/' &&
           !memcmp(x + n - len - 1, x + name, len);
}

/* Inflate one member (stored or deflated) and check its CRC; *out is malloc'd. */
static int member_text(const unsigned char *z, size_t n, const unsigned char *cd, char **out,
                       size_t *outlen)
{
    uint32_t method = le16(cd + 10), crc = le32(cd + 16), csize = le32(cd + 20),
             usize = le32(cd + 24), off = le32(cd + 42);
    if (off > n - 30 || memcmp(z + off, "PK\x03\x04", 4) || usize > ZIP_MAX_MEMBER)
        return -1;
    size_t data = (size_t)off + 30 + le16(z + off + 26) + le16(z + off + 28);
    if (data > n || csize > n - data || (method != 0 && method != 8))
        return -1;
    char *buf = malloc((size_t)usize + 1);
    if (!buf)
        return -1;
    int ok;
    if (method == 0) {
        ok = csize == usize;
        if (ok)
            memcpy(buf, z + data, usize);
    } else {
        z_stream s = {.next_in = (Bytef *)(z + data), .avail_in = csize,
                      .next_out = (Bytef *)buf, .avail_out = usize};
        ok = inflateInit2(&s, -MAX_WBITS) == Z_OK;
        ok = ok && inflate(&s, Z_FINISH) == Z_STREAM_END && s.total_out == usize;
        inflateEnd(&s);
    }
    if (!ok || crc32(0L, (const Bytef *)buf, usize) != crc) {
        free(buf);
        return -1;
    }
    *out = buf;
    *outlen = usize;
    return 0;
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && !memcmp(s + n - k, suffix, k);
}

/* Every member of the directory at dir: XML complete, data intact. */
static int members_complete(const unsigned char *z, size_t n, uint32_t dir, uint32_t count)
{
    size_t p = dir;
    for (uint32_t i = 0; i < count; i++) {
        if (p > n - 46 || memcmp(z + p, "PK\x01\x02", 4))
            return -1;
        size_t name_len = le16(z + p + 28);
        size_t next = p + 46 + name_len + le16(z + p + 30) + le16(z + p + 32);
        if (next > n)
            return -1;
        const char *name = (const char *)z + p + 46;
        char *text = NULL;
        size_t len = 0;
        if (member_text(z, n, z + p, &text, &len))
            return -1;
        int bad = (ends_with(name, name_len, ".xml") || ends_with(name, name_len, ".rels")) &&
                  !xml_complete(text, len);
        free(text);
        if (bad)
            return -1;
        p = next;
    }
    return count ? 0 : -1;
}

int workbook_check(const char *tmp, const char *path, char *err, size_t errlen)
{
    char *z = NULL, rerr[300];
    size_t n = 0;
    if (util_read_file(tmp, ZIP_MAX_BYTES, &z, &n, rerr, sizeof rerr)) {
        snprintf(err, errlen, "cannot write %s: %s", path, rerr);
        return -1;
    }
    uint32_t dir = 0, count = 0;
    int rc = find_end((unsigned char *)z, n, &dir, &count) ||
             members_complete((unsigned char *)z, n, dir, count);
    free(z);
    if (rc)
        snprintf(err, errlen, "cannot write %s: incomplete (disk full?)", path);
    return rc ? -1 : 0;
}
