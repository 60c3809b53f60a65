/* report: draws every chart of a results directory in both formats, then the HTML report.
 * See include/plots/report.h. Replaces the placeholder report_stub.c. */
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "outfile.h"
#include "workbook.h"

/* The report's charts in order: the five fan charts, then change, then days. */
const char *report_chart_stem(int i)
{
    static const char *const stems[REPORT_CHART_COUNT] = {
        "fan-caseload_per_sw",     "fan-unallocated_cases",
        "fan-share_within_45wd",   "fan-early_help_waiting",
        "fan-families_3plus_contacts_no_assessment", "change-vs-baseline",
        "days-to-assessment"};
    return stems[i];
}

static int draw_one(const chart_results *r, int i, chart_format fmt, char *err, size_t errlen)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/charts/%s.%s", r->dir, report_chart_stem(i),
             fmt == CHART_PNG ? "png" : "svg");
    if (i < CHART_FAN_COUNT)
        return chart_fan(r, chart_fan_metric(i), fmt, path, err, errlen);
    if (i == CHART_FAN_COUNT)
        return chart_change(r, fmt, path, err, errlen);
    return chart_days(r, fmt, path, err, errlen);
}

static int draw_all(const chart_results *r, int png, char *err, size_t errlen)
{
    char dir[1100];
    snprintf(dir, sizeof dir, "%s/charts", r->dir);
    if (outfile_mkdirs(dir, err, errlen))
        return REPORT_EIO;
    for (int i = 0; i < REPORT_CHART_COUNT; i++) {
        int rc = draw_one(r, i, CHART_SVG, err, errlen);
        if (!rc && png)
            rc = draw_one(r, i, CHART_PNG, err, errlen);
        if (rc)
            return rc;
    }
    return 0;
}

int report_render_dir(const char *dir, const report_options *opt, char *err, size_t errlen)
{
    chart_results r;
    int rc = chart_results_load(&r, dir, err, errlen);
    if (rc)
        return rc;
    /* the report inlines the SVGs, so they are drawn whenever it is written */
    if (opt->charts || opt->html)
        rc = draw_all(&r, opt->charts, err, errlen);
    if (!rc && opt->html)
        rc = report_write_html(&r, err, errlen);
    if (!rc && opt->xlsx)
        rc = workbook_write(&r, err, errlen);
    chart_results_free(&r);
    return rc;
}
