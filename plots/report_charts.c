/* report_charts: the report's charts as one table, so that drawing (report.c) and the page
 * (report_html.c) both read it and neither calls the other. See include/report.h. */
#include "report.h"

#include "chart.h"

static int draw_fan(const report_chart *c, const chart_results *r, chart_format fmt,
                    const char *path, char *err, size_t errlen)
{
    return chart_fan(r, c->metric, fmt, path, err, errlen);
}

static int draw_change(const report_chart *c, const chart_results *r, chart_format fmt,
                       const char *path, char *err, size_t errlen)
{
    (void)c;
    return chart_change(r, fmt, path, err, errlen);
}

static int draw_days(const report_chart *c, const chart_results *r, chart_format fmt,
                     const char *path, char *err, size_t errlen)
{
    (void)c;
    return chart_days(r, fmt, path, err, errlen);
}

static int read_fan(const report_chart *c, const chart_results *r, char *buf, size_t n)
{
    return report_reading_fan(r, c->metric, buf, n);
}

static int read_change(const report_chart *c, const chart_results *r, char *buf, size_t n)
{
    (void)c;
    return report_reading_change(r, buf, n);
}

static int read_days(const report_chart *c, const chart_results *r, char *buf, size_t n)
{
    (void)c;
    return report_reading_days(r, buf, n);
}

#define FAN(id, title) {"fan-" #id, title, M_##id, draw_fan, read_fan}

const report_chart report_charts[REPORT_CHART_COUNT] = {
    FAN(caseload_per_sw, "Caseload per qualified social worker"),
    FAN(unallocated_cases, "Unallocated cases"),
    FAN(share_within_45wd, "Assessments completed within 45 working days"),
    FAN(early_help_waiting, "Families waiting for early help"),
    FAN(families_3plus_contacts_no_assessment,
        "Families with 3 or more contacts in 12 months and no assessment"),
    {"change-vs-baseline", "Change against the baseline", M_COUNT, draw_change, read_change},
    {"days-to-assessment", "How long assessments take", M_COUNT, draw_days, read_days},
};

const char *report_chart_stem(int i) { return report_charts[i].stem; }
