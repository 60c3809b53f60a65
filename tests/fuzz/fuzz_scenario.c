/* libFuzzer target: the scenario parser on arbitrary bytes (scn_load_buffer). Whatever the input,
 * the parser must return 0 or -1 with one line of message, never crash, leak or overrun; and a
 * scenario it accepts must write a resolved INI that loads back to the same parameters. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(const scn_scenario *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    if (scn_write_resolved(s, f) != 0)
        abort();
    fclose(f);
    scn_scenario again;
    char err[1024];
    if (scn_load_buffer(&again, "fuzz/resolved.ini", buf, len, NULL, 0, err, sizeof err) != 0) {
        fprintf(stderr, "resolved INI does not load: %s\n%s\n", err, buf);
        abort();
    }
    if (memcmp(&again.params, &s->params, sizeof s->params) != 0) {
        fprintf(stderr, "resolved INI loads to different parameters\n%s\n", buf);
        abort();
    }
    scn_free(&again);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0; /* the limit on files is 1 MiB; long inputs only slow the search */
    scn_scenario s;
    char err[1024];
    /* "fuzz/" does not exist, so a base = in the input cannot reach real files */
    int rc = scn_load_buffer(&s, "fuzz/input.ini", (const char *)data, size, NULL, 0, err,
                             sizeof err);
    if (rc == 0)
        round_trip(&s);
    else if (strchr(err, '\n') || !err[0])
        abort(); /* the contract: exactly one line */
    scn_free(&s);
    return 0;
}
