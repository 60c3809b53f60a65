/* cmd_serve: `caseload serve` - the workshop page on this machine (serve.h): arguments, the one
 * line that says where to open it, and Ctrl-C. See docs/serve.md. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "runner.h"
#include "serve.h"

#define DEFAULT_PORT 8421
#define DEFAULT_SCENARIOS "scenarios"
#define DEFAULT_MAX_REPS 1000
#define DEFAULT_MAX_SECONDS 60.0
#define DEFAULT_MEMORY_SHARE 0.75 /* as run and compare */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: caseload serve [--port N] [--scenarios DIR] [OPTIONS]\n\n"
            "Serves the workshop page on this machine only (http://127.0.0.1:N/): pick a\n"
            "baseline from DIR, add or edit levers, set the replications and run; the page\n"
            "shows the report's findings, summary and charts for the baseline and the edited\n"
            "scenario (common random numbers), and downloads the scenario file it built.\n"
            "It reads no file outside DIR and writes only a temporary results folder.\n\n"
            "Options:\n"
            "  --port N         port on 127.0.0.1 (default %d; 0: any free port)\n"
            "  --scenarios DIR  the folder of scenario files (default %s/, or the installed\n"
            "                   ones when there is none here)\n"
            "  --max-reps N     most replications a run may ask for (default %d)\n"
            "  --max-seconds S  wall-clock limit of one run: a run estimated to take longer is\n"
            "                   refused, one that takes longer is stopped (default %g)\n"
            "  --threads T      threads of a run (default: the online processors; 1..%d)\n"
            "  --help           this text\n\n"
            "One run at a time: a second is told to wait. A run is also refused when its\n"
            "estimated memory is above %g%% of this machine's. Ctrl-C (or SIGTERM) stops a\n"
            "run under way at its next replication, removes the temporary folder and exits.\n\n"
            "Exit status: 0 stopped by Ctrl-C/SIGTERM; 1 cannot listen (the port is in use) or\n"
            "make the temporary folder; 2 bad arguments or no such scenarios folder.\n",
            DEFAULT_PORT, DEFAULT_SCENARIOS, DEFAULT_MAX_REPS, DEFAULT_MAX_SECONDS,
            RUNNER_MAX_THREADS, DEFAULT_MEMORY_SHARE * 100);
}

static int number_arg(const char *opt, const char *v, double lo, double hi, double *out)
{
    char *end;
    if (!v) {
        fprintf(stderr, "caseload serve: %s needs a value\n", opt);
        return -1;
    }
    errno = 0;
    double x = strtod(v, &end);
    if (end == v || *end || errno || !(x >= lo && x <= hi)) {
        fprintf(stderr, "caseload serve: %s '%s': expected a number from %g to %g\n", opt, v,
                lo, hi);
        return -1;
    }
    *out = x;
    return 0;
}

static int whole(double x)
{
    return x == (double)(long long)x;
}

/* Returns 0, 1 for --help, or -1 after one line on stderr. */
static int parse_args(int argc, char **argv, serve_config *c)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        double x;
        if (!strcmp(a, "--help") || !strcmp(a, "-h"))
            return 1;
        if (!strcmp(a, "--port")) {
            if (number_arg(a, v, 0, 65535, &x))
                return -1;
            if (!whole(x)) {
                fprintf(stderr, "caseload serve: --port '%s': expected a whole number\n", v);
                return -1;
            }
            c->port = (unsigned)x;
        } else if (!strcmp(a, "--scenarios")) {
            if (!v || !*v) {
                fprintf(stderr, "caseload serve: --scenarios needs a folder\n");
                return -1;
            }
            c->scenarios = v;
        } else if (!strcmp(a, "--max-reps")) {
            if (number_arg(a, v, 1, RUNNER_MAX_REPS, &x))
                return -1;
            if (!whole(x)) {
                fprintf(stderr, "caseload serve: --max-reps '%s': expected a whole number\n", v);
                return -1;
            }
            c->max_reps = (size_t)x;
        } else if (!strcmp(a, "--max-seconds")) {
            if (number_arg(a, v, 1, 86400, &x))
                return -1;
            c->max_seconds = x;
        } else if (!strcmp(a, "--threads")) {
            if (number_arg(a, v, 1, RUNNER_MAX_THREADS, &x))
                return -1;
            if (!whole(x)) {
                fprintf(stderr, "caseload serve: --threads '%s': expected a whole number\n", v);
                return -1;
            }
            c->threads = (unsigned)x;
        } else {
            fprintf(stderr, "caseload serve: unknown option '%s' (see 'caseload serve --help')\n",
                    a);
            return -1;
        }
        i++;
    }
    return 0;
}

static int is_dir(const char *dir)
{
    struct stat st;
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder must exist before the page offers it. Without --scenarios, ./scenarios (a checkout)
 * or else the installed scenarios. */
static int folder_ok(serve_config *c, int given)
{
    if (!given && !is_dir(c->scenarios) && is_dir(CASELOAD_INSTALLED_SCENARIOS))
        c->scenarios = CASELOAD_INSTALLED_SCENARIOS;
    if (is_dir(c->scenarios))
        return 1;
    fprintf(stderr, "caseload serve: no scenarios folder '%s' (give one with --scenarios DIR; "
                    "an installed copy is in %s)\n", c->scenarios, CASELOAD_INSTALLED_SCENARIOS);
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    double phys = (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE);
    static const char default_folder[] = DEFAULT_SCENARIOS;
    serve_config cfg = {.scenarios = default_folder, .port = DEFAULT_PORT,
                        .max_reps = DEFAULT_MAX_REPS, .max_seconds = DEFAULT_MAX_SECONDS,
                        .max_memory = phys > 0 ? phys * DEFAULT_MEMORY_SHARE : 4e9,
                        .threads = runner_default_threads()};
    int rc = parse_args(argc, argv, &cfg);
    if (rc > 0) {
        usage(stdout);
        return 0;
    }
    if (rc < 0 || !folder_ok(&cfg, cfg.scenarios != default_folder))
        return 2;
    /* Ctrl-C and SIGTERM are taken by sigwait below, not by a handler: blocked here, before
     * the server's threads start, they reach no other thread. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    serve_state s;
    char err[512];
    if (serve_start(&s, &cfg, err, sizeof err)) {
        fprintf(stderr, "caseload serve: %s\n", err);
        return 1;
    }
    fprintf(stderr, "caseload serve: open http://127.0.0.1:%u/ in a browser on this machine "
                    "(scenarios from %s/); Ctrl-C stops\n", serve_port(&s), cfg.scenarios);
    fflush(stderr);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "caseload serve: stopping (signal %d)\n", sig);
    serve_stop(&s);
    return 0;
}
