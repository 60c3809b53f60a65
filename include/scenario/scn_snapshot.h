/* scn_snapshot: a snapshot folder (docs/snapshot.md) read into a model_snapshot, and written
 * back in the same format.
 *
 *   DIR/snapshot.csv     key,value: the date the run starts on (required)
 *   DIR/staff.csv        the staff in post, one row a person
 *   DIR/open_cases.csv   the open social care cases, one row a family's case
 *   DIR/families.csv     optional: families known to the service without an open case
 *
 * Every malformed row is refused with one line, "DIR/FILE:LINE: column 'NAME': what is wrong",
 * and SCN_SNAP_EBAD; nothing is half read (*out is left empty). The writer writes each file under
 * a temporary name and renames it when complete (outfile.h), so a reader never meets half a file.
 */
#ifndef CASELOAD_SCN_SNAPSHOT_H
#define CASELOAD_SCN_SNAPSHOT_H

#include <stddef.h>
#include "snapshot.h"

#define SCN_SNAP_EIO (-1)  /* a file cannot be read or written, or out of memory (exit 1) */
#define SCN_SNAP_EBAD (-2) /* a file is missing or a row is malformed (exit 2) */
#define SCN_SNAP_MAX_FILE ((size_t)256 << 20) /* bytes: far above any authority's caseload */
#define SCN_SNAP_MAX_CHILDREN 20               /* children on one family's case */

int scn_snapshot_read(const char *dir, model_snapshot *out, char *err, size_t errlen);
/* `source` (may be NULL) is written to snapshot.csv as where the snapshot came from. */
int scn_snapshot_write(const char *dir, const model_snapshot *s, const char *source, char *err,
                       size_t errlen);

#endif
