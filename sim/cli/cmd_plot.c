/* caseload plot DIR [--no-report]: redraws the charts and the board report of a results directory
 * written earlier by `run` or `compare`. See sim/cli/cli.h for exit codes. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "outfile.h"
#include "report.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: caseload plot DIR [--no-report] [--no-xlsx]\n\n"
            "Redraws the charts (DIR/charts/*.png and *.svg), the board report\n"
            "(DIR/report.html) and the workbook (DIR/results.xlsx) from the results in DIR,\n"
            "written earlier by 'caseload run' or 'caseload compare'. Only plain files inside\n"
            "DIR are read (no links, FIFOs or devices), and only when every data file matches\n"
            "DIR/manifest.sha256, which the run wrote last; nothing is simulated. One writer\n"
            "at a time (DIR/.caseload.lock).\n\n"
            "  --no-report   draw the charts (and the workbook) only\n"
            "  --no-xlsx     leave out the workbook\n"
            "  -h, --help    show this help\n\n"
            "Exit status: 0 done, 1 a file could not be read or written or DIR is in use by\n"
            "another run, 2 bad arguments or a missing, malformed or mixed results file.\n");
}

int cmd_plot(int argc, char **argv)
{
    const char *dir = NULL;
    report_options opt = {.charts = 1, .html = 1, .xlsx = 1};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--no-report")) {
            opt.html = 0;
        } else if (!strcmp(argv[i], "--no-xlsx")) {
            opt.xlsx = 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "caseload plot: unknown option '%s' (see 'caseload plot --help')\n",
                    argv[i]);
            return 2;
        } else if (dir) {
            fprintf(stderr, "caseload plot: one results directory only, got '%s' and '%s'\n", dir,
                    argv[i]);
            return 2;
        } else {
            dir = argv[i];
        }
    }
    if (!dir) {
        fprintf(stderr, "caseload plot: which results directory? (usage: caseload plot DIR)\n");
        return 2;
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "caseload plot: %s: %s\n", dir,
                stat(dir, &st) != 0 ? strerror(errno) : "not a directory");
        return 2;
    }
    char err[1024];
    /* a file-size limit then fails the write (EFBIG, reported like a full disk) instead of
     * killing the process with temporaries left behind */
    signal(SIGXFSZ, SIG_IGN);
    outfile_lock lock;
    if (outfile_lock_dir(&lock, dir, err, sizeof err)) {
        fprintf(stderr, "caseload plot: %s\n", err);
        return 1;
    }
    int rc = report_render_dir(dir, &opt, err, sizeof err);
    outfile_unlock(&lock);
    if (rc) {
        fprintf(stderr, "caseload plot: %s\n", err);
        return rc == REPORT_EBAD ? 2 : 1;
    }
    printf("Charts: %s/charts/\n", dir);
    if (opt.html)
        printf("Report: %s/report.html\n", dir);
    if (opt.xlsx)
        printf("Workbook: %s/results.xlsx\n", dir);
    return 0;
}
