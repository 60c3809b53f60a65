/* manifest: DIR/manifest.sha256, the list of the files one run wrote into its results folder.
 *
 * It is what makes a results folder trustworthy and what lets `run` share a folder with a user's
 * own files (docs/outputs.md):
 *   - `run` writes it last, after every data file is in place, naming each data file with its
 *     SHA-256 and the files drawn from them (charts, report.html) by name. `plot` checks every data
 *     file against it before drawing, so a folder that mixes two runs (a kill between renames, a
 *     copy by hand) is refused instead of drawn.
 *   - `run` and `plot` remove or replace only files a manifest names; a folder with other files
 *     and no manifest is refused unless --force.
 *
 * Format, one entry a line (names are relative to DIR, '/'-separated, no control characters):
 *     # caseload results manifest ...        comment lines
 *     run RUNID                               16 hex digits: the start of the SHA-256 of the
 *                                             data lines, so two runs differ in it
 *     data SHA256HEX NAME                     a data file and its digest
 *     drawn NAME                              a file drawn from the data (no digest: redrawn)
 * The struct is the caller's; nothing global. */
#ifndef CASELOAD_MANIFEST_H
#define CASELOAD_MANIFEST_H

#include <stddef.h>

#include "sha256.h"

#define MANIFEST_NAME "manifest.sha256"
#define MANIFEST_LOCK ".caseload.lock" /* the lock file (outfile_lock), kept between runs */
#define MANIFEST_MAX_BYTES (1 << 20)
#define MANIFEST_EBAD (-10) /* a malformed manifest, or a file that does not match it */

typedef struct manifest_entry {
    char *name;
    int drawn;                          /* 1: drawn, no digest */
    unsigned char sha[SHA256_BYTES];    /* data files */
} manifest_entry;

typedef struct manifest {
    manifest_entry *e;
    size_t n, cap;
    char run[17];                       /* run id in hex, "" until manifest_finish */
} manifest;

void manifest_free(manifest *m);
/* Append an entry (name copied; sha NULL for a drawn file). Returns 0, or -1 out of memory. */
int manifest_add(manifest *m, const char *name, const unsigned char *sha);
const manifest_entry *manifest_find(const manifest *m, const char *name);
/* Set the run id from the data entries. */
void manifest_finish(manifest *m);

/* Read DIR/manifest.sha256 (util_read_inside: a plain file inside DIR). Returns 0; 1 when there
 * is none (m empty); MANIFEST_EBAD or a negative UTIL_ status with one line in err. */
int manifest_read(manifest *m, const char *dir, char *err, size_t errlen);
/* Write it through outfile (temporary name, fsync, rename). Returns 0, or -1 with a message. */
int manifest_write(const manifest *m, const char *dir, char *err, size_t errlen);

/* SHA-256 of dir/rel read in pieces as a plain file of at most cap bytes (util_open_inside).
 * Returns UTIL_OK or a negative UTIL_ status. */
int manifest_hash_file(const char *dir, const char *rel, size_t cap,
                       unsigned char sha[SHA256_BYTES], char *err, size_t errlen);
/* Check a data file's text against its entry. Returns 0, or MANIFEST_EBAD with a message saying
 * the folder mixes runs (or the file is not listed). */
int manifest_check(const manifest *m, const char *dir, const char *rel, const char *text,
                   size_t len, char *err, size_t errlen);

/* Every data file the manifest names, hashed from disk and compared. Returns 0, MANIFEST_EBAD
 * naming the first file that differs, or a negative UTIL_ status (missing, unreadable). */
int manifest_verify(const manifest *m, const char *dir, char *err, size_t errlen);

#endif
