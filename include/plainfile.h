/* plainfile: read a file inside a folder, refusing anything but a plain file there. For `plot`,
 * which reads a results folder someone else may have written: the path below the folder may not
 * be absolute or hold "..", no component may be a symbolic link (so nothing outside the folder is
 * read), the file must be a regular file (a FIFO would block for ever, a device never end), and
 * at most `cap` bytes (so /dev/zero-sized input cannot exhaust memory). The folder itself may be
 * given through a link. Messages name the path and the reason, never the file's contents. */
#ifndef CASELOAD_PLAINFILE_H
#define CASELOAD_PLAINFILE_H

#include <stddef.h>

enum {
    PLAINFILE_OK = 0,
    PLAINFILE_IO = -1,      /* exists but cannot be read (permissions, I/O error, memory) */
    PLAINFILE_BAD = -2,     /* a link, not a regular file, too large, or a bad name */
    PLAINFILE_MISSING = -3, /* no such file */
};

/* Read dir/rel whole into a NUL-terminated buffer (*text, freed by the caller; *len bytes without
 * the NUL). Returns PLAINFILE_OK, or an error with one line in err. */
int plainfile_read(const char *dir, const char *rel, size_t cap, char **text, size_t *len,
                   char *err, size_t errlen);

/* The same checks, then an open descriptor (O_RDONLY; the caller closes it) and the size, for
 * reading in pieces (hashing a file larger than memory). Returns a PLAINFILE_ code. */
int plainfile_open(const char *dir, const char *rel, size_t cap, int *fd, size_t *size,
                   char *err, size_t errlen);

/* 1 if rel is a name plainfile_read accepts (relative, no "." or ".." component, no empty
 * component, no control characters), else 0. */
int plainfile_name_ok(const char *rel);

#endif
