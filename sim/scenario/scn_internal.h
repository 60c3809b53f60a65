/* scn_internal: what the scenario module's source files share. Not part of the API.
 *
 * Parsing has two stages. scenario_text.c checks the bytes (text, UTF-8, line lengths) and lets
 * inih split the file into section headers and key = value entries, each with its line number;
 * scenario.c then gives them meaning against the params tables, in line order, so the first
 * mistake in the file is the one reported. */
#ifndef CASELOAD_SCENARIO_INT_H
#define CASELOAD_SCENARIO_INT_H

#include <stddef.h>

#include "scenario.h"

#define SCN_VALUE_MAX 256 /* = sizeof scn_setting.value */

typedef struct scn_header {
    int line;
    int closed;                  /* 1 if the ']' was found */
    int trailing;                /* 1 if text other than a comment follows the ']' */
    size_t type_entry;           /* 1 + index in scn_text.entries of its first `type`; 0: none
                                  * (noted while reading, so finding it is not a scan per header) */
    char text[SCN_MAX_LINE + 1]; /* between '[' and ']' as written */
} scn_header;

typedef struct scn_entry {
    int line;                  /* the key's line (continuation lines join it) */
    int header;                /* index into scn_text.headers; -1 before any section */
    int too_long;              /* the joined value did not fit SCN_VALUE_MAX */
    char key[64];
    char value[SCN_VALUE_MAX]; /* comments stripped; continuation lines joined with one space */
} scn_entry;

typedef struct scn_text {
    scn_header *headers;
    size_t n_headers, cap_headers;
    scn_entry *entries;
    size_t n_entries, cap_entries;
    int syntax_line;       /* first line inih could not read (0: none); its message follows */
    char syntax_msg[256];
} scn_text;

/* Check the raw bytes and split them into headers and entries. Returns 0, or -1 with
 * "NAME:LINE: message" (or "NAME: message" for a fault of the whole file) in err. A line that is
 * not INI syntax is not an error here: it is recorded in syntax_line so that the caller reports
 * whichever mistake comes first in the file. */
int scn_text_parse(scn_text *t, const char *name, const char *data, size_t len, char *err,
                   size_t errlen);
void scn_text_free(scn_text *t);

/* Read a whole scenario file into memory (NUL-terminated, *len without the NUL). Returns 0, or -1
 * with "PATH: message" in err: missing, a directory, not a regular file, too large, unreadable. */
int scn_read_file(const char *path, char **data, size_t *len, char *err, size_t errlen);

/* scn_format_in_unit is public (scenario.h): the page of caseload serve shows ranges with it. */

#endif
