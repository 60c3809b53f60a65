/* caseload: the command-line entry point. Dispatches to one subcommand (sim/cli/cli.h). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"run", cmd_run, "run one scenario file and write results, charts and a report"},
    {"compare", cmd_compare, "compare scenarios against a baseline with common random numbers"},
    {"merge", cmd_merge, "put the shards of a run (--shard K/N) back together, byte for byte"},
    {"validate", cmd_validate, "check a scenario file and print its resolved settings"},
    {"plot", cmd_plot, "redraw the charts and report of a results directory"},
    {"fit", cmd_fit, "fit a baseline to an authority's published figures"},
    {"plan", cmd_plan, "the least FTE or budget that meets a target (goal seek)"},
    {"sweep", cmd_sweep, "a grid of one or two settings: where the cliff is"},
    {"sensitivity", cmd_sensitivity, "which assumptions the answer depends on (tornado chart)"},
    {"serve", cmd_serve, "the workshop page: try levers in a browser on this machine"},
    {"queue", cmd_queue, "validate the engine on an M/M/c queue against Erlang C"},
    {"calendar", cmd_calendar, "print a year's bank holidays and working days"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: caseload COMMAND [OPTIONS]\n\n"
               "Simulates the capacity of children's social care in a local authority.\n\n"
               "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'caseload COMMAND --help' describes a command. 'caseload --version' prints the "
               "version.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("caseload %s\n", CASELOAD_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "caseload: unknown command '%s' (see 'caseload --help')\n", argv[1]);
    return 2;
}
