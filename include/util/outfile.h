/* outfile: write a file under a temporary name in its directory and rename it into place when
 * complete, so a reader (or a crash, a full disk, Ctrl-C) never meets a half-written file.
 *
 *     outfile f;
 *     if (outfile_open(&f, "out/weekly.csv", err, sizeof err)) ...;
 *     fprintf(f.fp, ...);
 *     if (outfile_commit(&f, err, sizeof err)) ...;   // flush, fsync, close, rename
 *
 * On any failure call outfile_abort (commit does so itself when it fails): the temporary file is
 * removed and the previous file, if any, is left as it was. Error messages name the path and the
 * reason (strerror). The struct is owned by the caller; no state is kept elsewhere. */
#ifndef CASELOAD_OUTFILE_H
#define CASELOAD_OUTFILE_H

#include <stdio.h>

#define OUTFILE_PATH_MAX 4096

typedef struct outfile {
    FILE *fp;                      /* write here; NULL when not open */
    char path[OUTFILE_PATH_MAX];   /* final name */
    char tmp[OUTFILE_PATH_MAX];    /* temporary name in the same directory */
} outfile;

/* Returns 0, or -1 with a message in err (directory missing or unwritable, name too long). */
int outfile_open(outfile *f, const char *path, char *err, size_t errlen);
/* Returns 0, or -1 with a message (write error, disk full); the temporary file is removed. */
int outfile_commit(outfile *f, char *err, size_t errlen);
/* Remove the temporary file; safe to call on a closed or never-opened outfile. */
void outfile_abort(outfile *f);

/* One writer per results folder: a POSIX write lock (fcntl F_SETLK) on DIR/.caseload.lock, held
 * until outfile_unlock or the process ends (the kernel drops it, so a killed run leaves no stale
 * lock); the next one asks the kernel for the holder's pid (F_GETLK) to name it. The file stays,
 * empty, between runs: removing it would let two runs lock two different files. A process must
 * take it once: closing any other descriptor of the file would drop a POSIX lock. */
typedef struct outfile_lock {
    int fd; /* -1 when not held */
} outfile_lock;

/* Returns 0; -1 with a message naming the holder's pid when another process holds it, or the
 * reason when the file cannot be created. */
int outfile_lock_dir(outfile_lock *l, const char *dir, char *err, size_t errlen);
void outfile_unlock(outfile_lock *l);

/* Create a directory and its parents (like mkdir -p). Returns 0, or -1 with a message. */
int outfile_mkdirs(const char *dir, char *err, size_t errlen);

#endif
