/* workbook_check: a workbook whose archive is well formed but whose sheet was cut short (what
 * libxlsxwriter leaves on a full disk) is refused; complete ones, stored or deflated, are kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "check.h"
#include "plots_internal.h"

static void put16(FILE *f, unsigned v) { fputc((int)(v & 255), f); fputc((int)(v >> 8 & 255), f); }
static void put32(FILE *f, unsigned long v) { put16(f, (unsigned)(v & 0xffff)); put16(f, (unsigned)(v >> 16)); }

/* A zip archive with one member, stored (level < 0) or deflated. */
static void write_zip(const char *path, const char *name, const char *text, int level)
{
    size_t n = strlen(text), clen = n;
    unsigned char *data = (unsigned char *)strdup(text);
    unsigned method = 0;
    if (level >= 0) {
        uLongf cap = compressBound(n) + 16;
        unsigned char *out = malloc(cap);
        z_stream s = {.next_in = (Bytef *)text, .avail_in = (uInt)n, .next_out = out,
                      .avail_out = (uInt)cap};
        CHECK(deflateInit2(&s, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
        CHECK(deflate(&s, Z_FINISH) == Z_STREAM_END);
        clen = s.total_out;
        deflateEnd(&s);
        free(data);
        data = out;
        method = 8;
    }
    unsigned long crc = crc32(0L, (const Bytef *)text, (uInt)n);
    size_t nl = strlen(name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    fwrite("PK\x03\x04", 1, 4, f);
    put16(f, 20); put16(f, 0); put16(f, method); put16(f, 0); put16(f, 0);
    put32(f, crc); put32(f, clen); put32(f, n); put16(f, (unsigned)nl); put16(f, 0);
    fwrite(name, 1, nl, f);
    fwrite(data, 1, clen, f);
    long dir = ftell(f);
    fwrite("PK\x01\x02", 1, 4, f);
    put16(f, 20); put16(f, 20); put16(f, 0); put16(f, method); put16(f, 0); put16(f, 0);
    put32(f, crc); put32(f, clen); put32(f, n); put16(f, (unsigned)nl); put16(f, 0); put16(f, 0);
    put16(f, 0); put16(f, 0); put32(f, 0); put32(f, 0);
    fwrite(name, 1, nl, f);
    long end = ftell(f);
    fwrite("PK\x05\x06", 1, 4, f);
    put16(f, 0); put16(f, 0); put16(f, 1); put16(f, 1);
    put32(f, (unsigned long)(end - dir)); put32(f, (unsigned long)dir); put16(f, 0);
    CHECK(fclose(f) == 0);
    free(data);
}

static int check_as(const char *path, const char *want)
{
    char err[600] = "";
    int rc = workbook_check(path, "out/results.xlsx", err, sizeof err);
    if (rc)
        CHECK_HAS(err, want);
    return rc;
}

static int check(const char *path)
{
    return check_as(path, "cannot write out/results.xlsx: incomplete (disk full?)");
}

int main(void)
{
    char path[] = "/tmp/caseload-wbcheck-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    const char *whole = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<worksheet xmlns=\"x\"><sheetData><row r=\"1\"/></sheetData></worksheet>\n";
    const char *cut = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                      "<worksheet xmlns=\"x\"><sheetData><row r=\"1\"/></sheetDa";
    for (int level = -1; level <= 9; level += 10) {
        write_zip(path, "xl/worksheets/sheet1.xml", whole, level);
        CHECK(check(path) == 0);
        write_zip(path, "xl/worksheets/sheet1.xml", cut, level);
        CHECK(check(path) != 0);
        /* a root closed by another name is not complete either */
        write_zip(path, "xl/worksheets/sheet1.xml", "<worksheet><a></a></work>", level);
        CHECK(check(path) != 0);
        write_zip(path, "[Content_Types].xml", "<Types xmlns=\"t\"/>", level);
        CHECK(check(path) == 0);
        write_zip(path, "docProps/x.bin", "anything", level); /* not XML: CRC only */
        CHECK(check(path) == 0);
    }
    /* the archive itself cut short, or not an archive */
    write_zip(path, "xl/worksheets/sheet1.xml", whole, 6);
    CHECK(truncate(path, 40) == 0);
    CHECK(check(path) != 0);
    FILE *f = fopen(path, "w");
    fputs("not a zip", f);
    fclose(f);
    CHECK(check(path) != 0);
    unlink(path);
    CHECK(check_as(path, "No such file") != 0); /* gone */
    return check_done("test_workbook_check");
}
