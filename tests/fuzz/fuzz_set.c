/* libFuzzer target: the --set override parser. The input is split at newlines into up to 16
 * "section.key=value" overrides applied to a small valid scenario with one event. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base[] = "[scenario]\nname = fuzz\n"
                           "[event \"cut\"]\ntype = budget_cut\ndate = 2011-04-01\n"
                           "target = early_help\nfraction = 27%\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    const char *sets[16];
    size_t n = 0;
    for (char *s = text; n < 16;) {
        sets[n++] = s;
        char *nl = strchr(s, '\n');
        if (!nl)
            break;
        *nl = '\0';
        s = nl + 1;
    }
    scn_scenario sc;
    char err[1024];
    int rc = scn_load_buffer(&sc, "fuzz/set.ini", base, sizeof base - 1, sets, n, err, sizeof err);
    if (rc != 0 && (strchr(err, '\n') || !err[0]))
        abort();
    scn_free(&sc);
    free(text);
    return 0;
}
