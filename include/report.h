/* report: charts (GNU libplot, PNG and SVG) and the self-contained HTML board report, drawn from a
 * results directory written by the runner (docs/outputs.md: run.ini, summary.csv, weekly.csv,
 * differences.csv, events.csv, assessment_days.csv, settings/). It reads only those files, so
 * `caseload plot DIR` can redraw from results made earlier. Writes DIR/charts/NAME.png and .svg and
 * DIR/report.html, each under a temporary name renamed when complete. Never prints.
 * Returns 0, or -1 with a message in err naming the file and what is wrong. */
#ifndef CASELOAD_REPORT_H
#define CASELOAD_REPORT_H

#include <stddef.h>

typedef struct report_options {
    int charts; /* draw the charts */
    int html;   /* write report.html (needs the SVG charts: drawn if charts is 0 but html is 1) */
} report_options;

int report_render_dir(const char *dir, const report_options *opt, char *err, size_t errlen);

#endif
