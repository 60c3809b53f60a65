/* Placeholder until the subcommand lands; see include/cli.h. */
#include <stdio.h>
#include "cli.h"

int cmd_queue(int argc, char **argv)
{
    (void)argc;
    fprintf(stderr, "caseload %s: not built yet\n", argv[0]);
    return 1;
}

