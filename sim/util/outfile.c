/* outfile: temporary name + rename. See include/util/outfile.h. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manifest.h"

int outfile_open(outfile *f, const char *path, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    size_t n = strlen(path);
    if (n + 16 >= sizeof f->path) {
        snprintf(err, errlen, "%s: path too long", path);
        return -1;
    }
    memcpy(f->path, path, n + 1);
    /* Same directory as the target, so rename() is atomic; mkstemp makes the name unique so two
     * runs writing the same directory do not share a temporary file. */
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(f->tmp, sizeof f->tmp, "%.*s.%s.tmp-XXXXXX", (int)dirlen, path,
             slash ? slash + 1 : path);
    int fd = mkstemp(f->tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        f->tmp[0] = 0;
        return -1;
    }
    fchmod(fd, 0644);
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        close(fd);
        unlink(f->tmp);
        f->tmp[0] = 0;
        return -1;
    }
    return 0;
}

int outfile_commit(outfile *f, char *err, size_t errlen)
{
    if (!f->fp) {
        snprintf(err, errlen, "%s: not open", f->path);
        return -1;
    }
    int bad = ferror(f->fp) || fflush(f->fp) != 0 || fsync(fileno(f->fp)) != 0;
    int saved = errno;
    if (fclose(f->fp) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    f->fp = NULL;
    if (bad) {
        snprintf(err, errlen, "cannot write %s: %s", f->path, strerror(saved ? saved : EIO));
        outfile_abort(f);
        return -1;
    }
    if (rename(f->tmp, f->path) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", f->path, strerror(errno));
        outfile_abort(f);
        return -1;
    }
    f->tmp[0] = 0;
    return 0;
}

void outfile_abort(outfile *f)
{
    if (f->fp) {
        fclose(f->fp);
        f->fp = NULL;
    }
    if (f->tmp[0]) {
        unlink(f->tmp);
        f->tmp[0] = 0;
    }
}

int outfile_mkdirs(const char *dir, char *err, size_t errlen)
{
    char buf[OUTFILE_PATH_MAX];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof buf) {
        snprintf(err, errlen, "bad output directory '%s'", dir);
        return -1;
    }
    memcpy(buf, dir, n + 1);
    for (char *p = buf + 1; ; p++) {
        if (*p == '/' || *p == 0) {
            char c = *p;
            *p = 0;
            struct stat st;
            if (mkdir(buf, 0755) != 0 && errno != EEXIST) {
                snprintf(err, errlen, "cannot create directory %s: %s", buf, strerror(errno));
                return -1;
            }
            if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
                snprintf(err, errlen, "%s is not a directory", buf);
                return -1;
            }
            *p = c;
            if (!c)
                break;
        }
    }
    return 0;
}

int outfile_lock_dir(outfile_lock *l, const char *dir, char *err, size_t errlen)
{
    char path[OUTFILE_PATH_MAX];
    l->fd = -1;
    if (snprintf(path, sizeof path, "%s/%s", dir, MANIFEST_LOCK) >= (int)sizeof path) {
        snprintf(err, errlen, "%s: path too long", dir);
        return -1;
    }
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "cannot lock %s: %s", path, strerror(errno));
        return -1;
    }
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(fd, F_SETLK, &fl) != 0) {
        int e = errno;
        struct flock who = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
        if ((e == EACCES || e == EAGAIN) && fcntl(fd, F_GETLK, &who) == 0 &&
            who.l_type != F_UNLCK)
            snprintf(err, errlen, "%s is in use by another caseload (pid %ld); wait for it to "
                     "finish or choose another folder", dir, (long)who.l_pid);
        else if (e == EACCES || e == EAGAIN)
            snprintf(err, errlen, "%s is in use by another caseload; wait for it to finish or "
                     "choose another folder", dir);
        else
            snprintf(err, errlen, "cannot lock %s: %s", path, strerror(e));
        close(fd);
        return -1;
    }
    l->fd = fd;
    return 0;
}

void outfile_unlock(outfile_lock *l)
{
    if (l->fd >= 0)
        close(l->fd);
    l->fd = -1;
}
