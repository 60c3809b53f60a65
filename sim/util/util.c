/* util: the growable array and the file reader of include/util/util.h. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
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

static int read_fd(int fd, size_t size, size_t max_bytes, const char *dir, const char *rel,
                   char **text, size_t *len, char *err, size_t errlen);

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
    return read_fd(fd, (size_t)st.st_size, max_bytes, path, "", text, len, err, errlen);
}

/* Read an open regular file (of `size` bytes when opened) to its end, at most max_bytes, into a
 * new NUL-terminated buffer; closes fd. Messages start with dir then rel. */
static int read_fd(int fd, size_t size, size_t max_bytes, const char *dir, const char *rel,
                   char **text, size_t *len, char *err, size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s%s%s", dir, *rel ? "/" : "", rel);
    /* One byte more than the file for the NUL; read to the end, not to the size stat saw: the
     * file may have grown since. */
    size_t cap = size + 1, n = 0;
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

int util_name_inside(const char *rel)
{
    if (!*rel || *rel == '/')
        return 0;
    for (const char *p = rel; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return 0;
    for (const char *c = rel;;) {
        size_t n = strcspn(c, "/");
        if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
            return 0;
        if (!c[n])
            return 1;
        c += n + 1;
    }
}

/* Open each folder of rel below dirfd without following links; returns the last one's fd and
 * leaves *base on the file's own name. */
static int open_parents(int dirfd, const char *rel, const char **base)
{
    int fd = dup(dirfd);
    const char *c = rel;
    for (const char *slash; fd >= 0 && (slash = strchr(c, '/')) != NULL; c = slash + 1) {
        char part[256];
        size_t n = (size_t)(slash - c);
        if (n >= sizeof part) {
            close(fd);
            errno = ENAMETOOLONG;
            return -1;
        }
        memcpy(part, c, n);
        part[n] = 0;
        int next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        close(fd);
        fd = next;
    }
    *base = c;
    return fd;
}

static int fail_inside(int status, char *err, size_t errlen, const char *dir, const char *rel,
                       const char *why)
{
    snprintf(err, errlen, "%s/%s: %s", dir, rel, why);
    return status;
}

static int open_checked(const char *dir, const char *rel, int *fd_out, char *err, size_t errlen)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return fail_inside(errno == ENOENT ? UTIL_ENOENT : errno == ENOTDIR ? UTIL_ENOTREG
                           : UTIL_EIO, err, errlen, dir, rel, strerror(errno));
    const char *base;
    int pfd = open_parents(dfd, rel, &base);
    close(dfd);
    int fd = pfd < 0 ? -1 : openat(pfd, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    int e = errno;
    if (pfd >= 0)
        close(pfd);
    if (fd >= 0) {
        *fd_out = fd;
        return UTIL_OK;
    }
    if (e == ELOOP)
        return fail_inside(UTIL_ELINK, err, errlen, dir, rel,
                           "a symbolic link (only plain files inside the folder are read)");
    if (e == ENOTDIR)
        return fail_inside(UTIL_ELINK, err, errlen, dir, rel,
                           "a folder on the way is a symbolic link or a file");
    return fail_inside(e == ENOENT ? UTIL_ENOENT : UTIL_EIO, err, errlen, dir, rel, strerror(e));
}

int util_open_inside(const char *dir, const char *rel, size_t max_bytes, int *fd_out,
                     size_t *size, char *err, size_t errlen)
{
    *fd_out = -1;
    if (!util_name_inside(rel))
        return fail_inside(UTIL_ELINK, err, errlen, dir, rel, "not a name inside the folder");
    int fd, rc = open_checked(dir, rel, &fd, err, errlen);
    if (rc)
        return rc;
    struct stat st;
    char why[96];
    if (fstat(fd, &st) != 0) {
        rc = fail_inside(UTIL_EIO, err, errlen, dir, rel, strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        rc = fail_inside(UTIL_ENOTREG, err, errlen, dir, rel, "not a regular file");
    } else if ((uintmax_t)st.st_size > max_bytes) {
        snprintf(why, sizeof why, "%jd bytes, more than the %zu it may have", (intmax_t)st.st_size,
                 max_bytes);
        rc = fail_inside(UTIL_ETOOBIG, err, errlen, dir, rel, why);
    }
    if (rc) {
        close(fd);
        return rc;
    }
    *fd_out = fd;
    *size = (size_t)st.st_size;
    return UTIL_OK;
}

int util_read_inside(const char *dir, const char *rel, size_t max_bytes, char **text,
                     size_t *len, char *err, size_t errlen)
{
    *text = NULL;
    *len = 0;
    int fd;
    size_t size;
    int rc = util_open_inside(dir, rel, max_bytes, &fd, &size, err, errlen);
    return rc ? rc : read_fd(fd, size, max_bytes, dir, rel, text, len, err, errlen);
}
