/* plainfile: reading a plain file inside a folder. See include/plainfile.h. */
#include "plainfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int plainfile_name_ok(const char *rel)
{
    if (!*rel || *rel == '/')
        return 0;
    for (const char *p = rel; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return 0;
    const char *c = rel;
    for (;;) {
        size_t n = strcspn(c, "/");
        if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
            return 0;
        if (!c[n])
            return 1;
        c += n + 1;
    }
}

static int fail(int rc, char *err, size_t errlen, const char *dir, const char *rel,
                const char *why)
{
    snprintf(err, errlen, "cannot read %s/%s: %s", dir, rel, why);
    return rc;
}

/* Open each directory of rel below dirfd without following links; returns the last one's fd. */
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

static int read_all(int fd, size_t size, char **text, size_t *len)
{
    char *buf = malloc(size + 1);
    if (!buf)
        return -1;
    size_t n = 0;
    while (n < size) {
        ssize_t got = read(fd, buf + n, size - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            free(buf);
            return -1;
        }
        if (got == 0)
            break; /* shrank while being read: take what is there */
        n += (size_t)got;
    }
    buf[n] = 0;
    *text = buf;
    *len = n;
    return 0;
}

int plainfile_open(const char *dir, const char *rel, size_t cap, int *fd_out, size_t *size,
                   char *err, size_t errlen)
{
    *fd_out = -1;
    if (!plainfile_name_ok(rel))
        return fail(PLAINFILE_BAD, err, errlen, dir, rel, "not a name inside the folder");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return fail(errno == ENOENT ? PLAINFILE_MISSING : errno == ENOTDIR ? PLAINFILE_BAD
                    : PLAINFILE_IO, err, errlen, dir, rel, strerror(errno));
    const char *base;
    int pfd = open_parents(dfd, rel, &base);
    close(dfd);
    int fd = pfd < 0 ? -1 : openat(pfd, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    int e = errno;
    if (pfd >= 0)
        close(pfd);
    if (fd < 0) {
        if (e == ELOOP)
            return fail(PLAINFILE_BAD, err, errlen, dir, rel,
                        "a symbolic link (plot reads only plain files inside the results folder)");
        if (e == ENOTDIR)
            return fail(PLAINFILE_BAD, err, errlen, dir, rel,
                        "a folder on the way is a symbolic link or a file");
        return fail(e == ENOENT ? PLAINFILE_MISSING : PLAINFILE_IO, err, errlen, dir, rel,
                    strerror(e));
    }
    struct stat st;
    int rc = PLAINFILE_OK;
    char why[96];
    if (fstat(fd, &st) != 0) {
        rc = fail(PLAINFILE_IO, err, errlen, dir, rel, strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        rc = fail(PLAINFILE_BAD, err, errlen, dir, rel, "not a regular file");
    } else if ((unsigned long long)st.st_size > cap) {
        snprintf(why, sizeof why, "%lld bytes, more than the %zu a results file may have",
                 (long long)st.st_size, cap);
        rc = fail(PLAINFILE_BAD, err, errlen, dir, rel, why);
    }
    if (rc) {
        close(fd);
        return rc;
    }
    *fd_out = fd;
    *size = (size_t)st.st_size;
    return PLAINFILE_OK;
}

int plainfile_read(const char *dir, const char *rel, size_t cap, char **text, size_t *len,
                   char *err, size_t errlen)
{
    *text = NULL;
    *len = 0;
    int fd;
    size_t size;
    int rc = plainfile_open(dir, rel, cap, &fd, &size, err, errlen);
    if (rc)
        return rc;
    errno = 0;
    if (read_all(fd, size, text, len) != 0)
        rc = fail(PLAINFILE_IO, err, errlen, dir, rel, errno ? strerror(errno) : "out of memory");
    close(fd);
    return rc;
}
