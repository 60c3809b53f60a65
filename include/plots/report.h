/* report: charts (GNU libplot, PNG and SVG) and the self-contained HTML board report, drawn from a
 * results directory written by the runner (docs/outputs.md: run.ini, summary.csv, weekly.csv,
 * differences.csv, events.csv, assessment_days.csv, settings/). It reads only those files, so
 * `caseload plot DIR` can redraw from results made earlier. Writes DIR/charts/NAME.png and .svg and
 * DIR/report.html, each under a temporary name renamed when complete. Never prints.
 * Returns 0, or a negative code with a message in err naming the file and what is wrong:
 *   REPORT_EBAD (-2): a file of the directory is missing, empty or malformed (bad input);
 *   REPORT_EIO  (-1): a file cannot be read or written (a run-time failure).
 * Callers that only test for non-zero keep working. docs/report.md describes every chart and how
 * the sentences of the report are made. */
#ifndef CASELOAD_REPORT_H
#define CASELOAD_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "chart_data.h"

#define REPORT_EIO CHART_EIO
#define REPORT_EBAD CHART_EBAD

typedef struct report_options {
    int charts; /* draw the charts */
    int html;   /* write report.html (needs the SVG charts: drawn if charts is 0 but html is 1) */
    int xlsx;   /* write results.xlsx (include/plots/workbook.h) */
} report_options;

int report_render_dir(const char *dir, const report_options *opt, char *err, size_t errlen);

/* A small self-contained page (the plan's and the sweep's report, plots/report_page.c): title,
 * paragraphs (UTF-8 text, escaped here), a table the caller built as HTML, and PNG charts
 * embedded as data. Written under a temporary name; 0 or REPORT_EIO with a message. */
typedef struct report_page {
    const char *title;
    const char *const *paras;
    int nparas;
    const char *table_html;
    const char *const *chart_png, *const *chart_alt;
    int ncharts;
    const char *footer;
} report_page;
int report_page_write(const char *path, const report_page *pg, char *err, size_t errlen);

/* ---- the pieces of the report, exposed for tests ---- */

/* The charts, in report order, as one table (plots/report_charts.c): the file stem
 * (DIR/charts/STEM.png, .svg), the title, the metric of a fan chart (M_COUNT for the others), how
 * to draw it and how to read it in one paragraph. Drawing and the page both use it. */
#define REPORT_CHART_COUNT 7
#include "chart.h"
typedef struct report_chart report_chart;
struct report_chart {
    const char *stem;
    const char *title;
    metric_id metric;
    int (*draw)(const report_chart *c, const chart_results *r, chart_format fmt,
                const char *path, char *err, size_t errlen);
    int (*reading)(const report_chart *c, const chart_results *r, char *buf, size_t n);
};
extern const report_chart report_charts[REPORT_CHART_COUNT]; /* const data */
const char *report_chart_stem(int i);

/* A value of metric m as a board paper shows it: shares as "84%", money as "£24.5m" or
 * "£850,000", counts and rates with sensible decimals ("18.2", "1,234"). UTF-8. */
void report_format_value(metric_id m, double v, char *buf, size_t n);
/* A difference: signed ("+1.2", "-13 points" for shares in percentage points, "-£1.0m"). */
void report_format_diff(metric_id m, double d, char *buf, size_t n);
/* A difference and its 95% interval (bd, blo, bhi, n bytes each) as report_format_diff, with
 * more digits when the interval's ends would otherwise print the same. */
void report_format_interval(metric_id m, double d, double lo, double hi, char *bd, char *blo,
                            char *bhi, size_t n);
/* 1 when s's clear improvement in m (fewer cases per worker, shorter waits, more assessments in
 * time) comes with demand turned away (report_turned_away): the report says so, not "better". */
int report_rationed(const chart_results *r, int s, metric_id m);
/* When s clearly lowers referrals while repeat contacts or unmet high need clearly rise, writes
 * the clause that says so (", because demand was turned away, not met: referrals fall by ...")
 * and returns 1; else buf is "" and it returns 0. */
int report_turned_away(const chart_results *r, int s, char *buf, size_t n);
/* The over-capacity trend test on a queue (metric_is_queue): over the last 52 weeks of s's weekly
 * means, each 13-week quarter's average is above the one before, and the last is above the first
 * by at least the smallest difference that matters (*growth). Returns 1 when it holds. */
int report_over_capacity(const chart_results *r, int s, metric_id m, double *growth);

#define REPORT_READING_MAX 4096 /* bytes a reading takes at most */

/* The one-paragraph readings under each chart, generated from the numbers (UTF-8, plain text).
 * Each returns 0, or -1 when the data do not allow one (then buf holds a neutral sentence). */
int report_reading_fan(const chart_results *r, metric_id m, char *buf, size_t n);
int report_reading_change(const chart_results *r, char *buf, size_t n);
int report_reading_days(const chart_results *r, char *buf, size_t n);

/* The heart of report.html as an HTML fragment for the page of `caseload serve`: the key
 * findings, the summary table and the charts inline, made by the same code as the report. The
 * SVG charts must already be in DIR/charts. Returns 0, or REPORT_EIO with a message. */
int report_write_answer(const chart_results *r, FILE *f, char *err, size_t errlen);
/* The report's style sheet (UTF-8 CSS), which the page shares so the answer looks the same. */
const char *report_css(void);

/* Writes report.html for r; the SVG charts must already be in DIR/charts. */
int report_write_html(const chart_results *r, char *err, size_t errlen);

#endif
