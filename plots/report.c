/* report: draws every chart of a results directory in both formats, then the HTML report.
 * See include/plots/report.h. The charts come from the table in report_charts.c. */
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "outfile.h"
#include "workbook.h"

static int draw_one(const chart_results *r, int i, chart_format fmt, char *err, size_t errlen)
{
    char path[1200];
    const report_chart *c = &report_charts[i];
    snprintf(path, sizeof path, "%s/charts/%s.%s", r->dir, c->stem,
             fmt == CHART_PNG ? "png" : "svg");
    return c->draw(c, r, fmt, path, err, errlen);
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
