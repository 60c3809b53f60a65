/* util: the growable array and the file reader of include/util/util.h. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int util_grow(void **a, size_t *cap, size_t need, size_t elem, size_t min)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap > min ? *cap : min;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem)
            return -1;
        n *= 2;
    }
    void *b = realloc(*a, n * elem);
    if (!b)
        return -1;
    *a = b;
    *cap = n;
    return 0;
}

int util_ring_grow(void **a, size_t *cap, size_t *head, size_t len, size_t elem, size_t min)
{
    size_t n = *cap ? 2 * *cap : min;
    if (*cap > SIZE_MAX / 2 / elem)
        return -1;
    unsigned char *b = malloc(n * elem);
    if (!b)
        return -1;
    const unsigned char *old = *a;
    for (size_t i = 0; i < len; i++)
        memcpy(b + i * elem, old + ((*head + i) % *cap) * elem, elem);
    free(*a);
    *a = b;
    *cap = n;
    *head = 0;
    return 0;
}

static int fail(int status, char *err, size_t errlen, const char *fmt, const char *path,
                const char *why)
{
    snprintf(err, errlen, fmt, path, why);
    return status;
}

int util_read_file(const char *path, size_t max_bytes, char **text, size_t *len, char *err,
                   size_t errlen)
{
    *text = NULL;
    *len = 0;
    struct stat st;
    if (stat(path, &st))
        return fail(errno == ENOENT || errno == ENOTDIR ? UTIL_ENOENT : UTIL_EIO, err, errlen,
                    "%s: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return fail(UTIL_ENOTREG, err, errlen, "%s: %s", path, "is not a regular file");
    if ((uintmax_t)st.st_size > max_bytes) {
        snprintf(err, errlen, "%s: is %jd bytes, more than the %zu it may have", path,
                 (intmax_t)st.st_size, max_bytes);
        return UTIL_ETOOBIG;
    }
    /* O_NONBLOCK: if the file was swapped for a FIFO since stat, open does not wait for a writer. */
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0)
        return fail(UTIL_EIO, err, errlen, "%s: cannot open: %s", path, strerror(errno));
    if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        close(fd);
        return fail(UTIL_ENOTREG, err, errlen, "%s: %s", path, "is not a regular file");
    }
    /* One byte more than the file for the NUL; read to the end, not to the size stat saw: the
     * file may have grown since. */
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = malloc(cap);
    int status = buf ? UTIL_OK : fail(UTIL_EIO, err, errlen, "%s: %s", path, "out of memory");
    while (status == UTIL_OK) {
        if (n + 1 == cap && util_grow((void **)&buf, &cap, cap + 1, 1, 4096)) {
            status = fail(UTIL_EIO, err, errlen, "%s: %s", path, "out of memory");
            break;
        }
        ssize_t r = read(fd, buf + n, cap - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            status = fail(UTIL_EIO, err, errlen, "%s: cannot read: %s", path, strerror(errno));
        else if (r == 0)
            break;
        else if ((n += (size_t)r) > max_bytes)
            status = fail(UTIL_ETOOBIG, err, errlen, "%s: %s", path, "grew past its size limit");
    }
    close(fd);
    if (status != UTIL_OK) {
        free(buf);
        return status;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return UTIL_OK;
}
