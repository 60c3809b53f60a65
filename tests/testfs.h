/* testfs: file helpers shared by the C tests. Static functions in a header, like check.h: each test
 * is its own executable. */
#ifndef CASELOAD_TESTS_TESTFS_H
#define CASELOAD_TESTS_TESTFS_H

#include <stdio.h>
#include <stdlib.h>

/* The whole of the file at path, NUL-terminated, in a malloc'd buffer the caller frees; its size in
 * *len unless len is NULL. NULL if the file cannot be opened or read in full. */
static inline char *testfs_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    long n = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0)
        buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = 0;
        if (len)
            *len = (size_t)n;
    }
    return buf;
}

#endif
