/* caseload validate: check a scenario file and print every resolved key with where its value came
 * from; or print the key reference (--keys) that docs/scenarios.md embeds. Writes no file. Exit
 * codes as sim/cli/cli.h: 0 valid, 2 bad input (one line on stderr), 1 a write failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "scenario.h"

static void usage(FILE *f)
{
    fputs("usage: caseload validate FILE [--set SECTION.KEY=VALUE]... [--ini]\n"
          "       caseload validate --keys\n"
          "\n"
          "Checks a scenario file (and the files it inherits with 'base =') and prints every\n"
          "setting as resolved, with where its value came from: default, FILE:LINE, or --set.\n"
          "On a mistake it prints one line naming the file, line and key, and exits with 2.\n"
          "\n"
          "  --set K=V   override one key after the files: demand.children=26000,\n"
          "              staff.social_worker.fte=40, event.centre-cut.fraction=30%\n"
          "  --ini       print the resolved scenario as a standalone INI file instead\n"
          "  --keys      print the reference of every section, key, unit, default and event\n"
          "              type (Markdown; docs/scenarios.md embeds it)\n"
          "  --help      this text\n",
          f);
}

static const char *origin(const scn_setting *st, char *buf, size_t len)
{
    if (st->source == SCN_FROM_DEFAULT)
        return "default";
    if (st->source == SCN_FROM_SET)
        return "--set";
    snprintf(buf, len, "%s:%d", st->file, st->line);
    return buf;
}

/* Columns line up by characters, not bytes: "£38,000" is seven characters in eight bytes. */
static void print_padded(const char *text, int width)
{
    int chars = 0;
    for (const char *c = text; *c; c++)
        chars += ((unsigned char)*c & 0xC0) != 0x80;
    printf("%s%*s", text, chars < width ? width - chars : 0, "");
}

static int print_settings(const scn_scenario *s)
{
    printf("%s: valid: '%s', %d event%s, %zu settings\n", s->path, s->params.name,
           s->params.n_events, s->params.n_events == 1 ? "" : "s", s->n_settings);
    for (size_t i = 0; i < s->n_settings; i++) {
        char buf[600];
        const scn_setting *st = &s->settings[i];
        print_padded(st->key, 42);
        fputs(" = ", stdout);
        print_padded(st->value, 28);
        printf(" ; %s\n", origin(st, buf, sizeof buf));
    }
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
}

typedef struct validate_args {
    const char *file;
    const char **sets;
    size_t nsets;
    int keys, ini;
} validate_args;

/* Returns 0 to go on, 1 after --help, 2 on a bad argument (message printed). */
static int parse_args(int argc, char **argv, validate_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            usage(stdout);
            return 1;
        } else if (!strcmp(arg, "--keys")) {
            a->keys = 1;
        } else if (!strcmp(arg, "--ini")) {
            a->ini = 1;
        } else if (!strcmp(arg, "--set") || !strncmp(arg, "--set=", 6)) {
            const char *v = arg[5] == '=' ? arg + 6 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v) {
                fprintf(stderr, "caseload validate: --set needs SECTION.KEY=VALUE\n");
                return 2;
            }
            a->sets[a->nsets++] = v;
        } else if (arg[0] == '-' && arg[1]) {
            fprintf(stderr, "caseload validate: unknown option '%s' (see 'caseload validate "
                            "--help')\n", arg);
            return 2;
        } else if (a->file) {
            fprintf(stderr, "caseload validate: one scenario file at a time ('%s' and '%s')\n",
                    a->file, arg);
            return 2;
        } else {
            a->file = arg;
        }
    }
    if (!a->keys && !a->file) {
        fprintf(stderr, "caseload validate: no scenario file given (see 'caseload validate "
                        "--help')\n");
        return 2;
    }
    return 0;
}

int cmd_validate(int argc, char **argv)
{
    validate_args a = {0};
    a.sets = calloc((size_t)argc + 1, sizeof *a.sets);
    if (!a.sets) {
        fprintf(stderr, "caseload validate: out of memory\n");
        return 1;
    }
    int rc = parse_args(argc, argv, &a);
    if (rc) {
        free(a.sets);
        return rc == 1 ? 0 : rc;
    }
    if (a.keys) {
        free(a.sets);
        return scn_write_keys(stdout) == 0 ? 0 : 1;
    }
    scn_scenario s;
    char err[1024];
    if (scn_load(&s, a.file, a.sets, a.nsets, err, sizeof err) < 0) {
        fprintf(stderr, "%s\n", err);
        scn_free(&s);
        free(a.sets);
        return 2;
    }
    for (int i = 0; i < s.n_warnings; i++)
        fprintf(stderr, "%s\n", s.warnings[i]);
    rc = a.ini ? scn_write_resolved(&s, stdout) : print_settings(&s);
    if (rc < 0)
        fprintf(stderr, "caseload validate: cannot write to standard output\n");
    scn_free(&s);
    free(a.sets);
    return rc < 0 ? 1 : 0;
}
