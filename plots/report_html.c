/* report.html: one self-contained file for a board paper (charts inline as SVG, no scripts, no
 * external requests, print CSS for A4). See include/plots/report.h and docs/report.md. */
#include "report.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "outfile.h"

static void esc(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

static const char *chart_title_of(int i)
{
    if (i < CHART_FAN_COUNT)
        return metric_label(chart_fan_metric(i));
    return i == CHART_FAN_COUNT ? "Change against the baseline" : "How long assessments take";
}

static const char css[] =
    "body{font-family:'Helvetica Neue',Helvetica,Arial,sans-serif;color:#1a1a1a;line-height:1.45;"
    "max-width:60rem;margin:2rem auto;padding:0 1.5rem}\n"
    "h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.3rem;margin-top:2.2rem;"
    "border-bottom:2px solid #333;padding-bottom:.2rem}h3{font-size:1.1rem;margin-bottom:.3rem}\n"
    ".meta{color:#444}.reading{font-size:1.02rem;margin:.3rem 0 .6rem}\n"
    "figure{margin:1.2rem 0 2rem}svg.chart{width:100%;height:auto;display:block;"
    "border:1px solid #ccc}\n"
    "figcaption{font-size:.85rem;color:#444;margin-top:.3rem}\n"
    "table{border-collapse:collapse;width:100%;font-size:.85rem}"
    "th,td{border:1px solid #bbb;padding:.3rem .4rem;vertical-align:top;text-align:right}"
    "th{background:#eee}td:first-child,th:first-child,table.text td,table.text th{text-align:left}\n"
    ".ci{display:block;color:#555;font-size:.78rem}.sig{display:block;font-weight:bold}"
    ".ns{display:block;color:#555;font-style:italic}\n"
    "pre{background:#f4f4f4;border:1px solid #ddd;padding:.6rem;overflow-x:auto;font-size:.8rem;"
    "white-space:pre-wrap;word-break:break-word}\n"
    "@page{size:A4;margin:15mm}\n"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}"
    "figure,table,tr,pre{break-inside:avoid}h2,h3{break-after:avoid}"
    "svg.chart{border:none}a{color:inherit;text-decoration:none}}\n";

static void head(FILE *f, const chart_results *r)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    esc(f, "Children's social care capacity: ");
    esc(f, r->scen[r->baseline].name);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
}

static void intro(FILE *f, const chart_results *r)
{
    char start[32], end[32];
    chart_month_label(r->start, 0, start, sizeof start);
    chart_month_label(chart_results_week_date(r, r->weeks) - 1, 0, end, sizeof end);
    fputs("<h1>Children's social care capacity under ", f);
    if (r->nscen > 1)
        fprintf(f, "%d funding scenarios</h1>\n", r->nscen);
    else
        fputs("one scenario</h1>\n", f);
    fputs("<p class=\"meta\">Baseline: <strong>", f);
    esc(f, r->scen[r->baseline].name);
    fprintf(f, "</strong>. Simulated %s to %s, %d runs of every scenario (seed ", start, end,
            r->replications);
    esc(f, r->seed);
    fputs(", caseload ", f);
    esc(f, r->version);
    fputs(").</p>\n<p>This report comes from a simulation model, not from case records. Each "
          "scenario was run many times on the same simulated families, so that a difference "
          "between scenarios comes from the decision and not from chance. A <em>95% interval</em> "
          "is the range that holds the true model average with 95% confidence; when the interval "
          "of a difference includes zero, the report says there is <em>no clear change</em>.</p>\n",
          f);
}

/* "1 Apr 2011: Budget cut 27% (early_help)", one a line; "none" for a scenario without events. */
static void event_list(FILE *f, const chart_results *r, int s)
{
    static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int any = 0;
    for (int i = 0; i < r->nevents; i++) {
        const chart_event *e = &r->events[i];
        if (e->scenario != s)
            continue;
        int y, m, d;
        cal_to_ymd(e->date, &y, &m, &d);
        fprintf(f, "%s%d %s %d: ", any ? "<br>" : "", d, months[m - 1], y);
        esc(f, e->label);
        any = 1;
    }
    if (!any)
        fputs("none", f);
}

static void scenarios(FILE *f, const chart_results *r)
{
    fputs("<h2 id=\"scenarios\">Scenarios compared</h2>\n<table class=\"text\">\n<tr><th>Scenario</th>"
          "<th>What it is</th><th>Changes it makes (from the date shown)</th><th>File</th></tr>\n",
          f);
    for (int s = 0; s < r->nscen; s++) {
        fputs("<tr><td>", f);
        esc(f, r->scen[s].id);
        fputs(s == r->baseline ? " (baseline)" : "", f);
        fputs("</td><td>", f);
        esc(f, r->scen[s].name);
        fputs("</td><td>", f);
        event_list(f, r, s);
        fputs("</td><td>", f);
        esc(f, r->scen[s].file);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void reading_of(const chart_results *r, int i, char *buf, size_t n)
{
    if (i < CHART_FAN_COUNT)
        report_reading_fan(r, chart_fan_metric(i), buf, n);
    else if (i == CHART_FAN_COUNT)
        report_reading_change(r, buf, n);
    else
        report_reading_days(r, buf, n);
}

static void findings(FILE *f, const chart_results *r)
{
    char buf[2048];
    fputs("<h2 id=\"findings\">Key findings</h2>\n<ul>\n", f);
    for (int i = 0; i < REPORT_CHART_COUNT; i++) {
        reading_of(r, i, buf, sizeof buf);
        fputs("<li>", f);
        esc(f, buf);
        fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
}

/* Rows of the summary table: the key measures and a few that put them in context. */
static const metric_id table_rows[] = {
    M_caseload_per_sw,       M_share_sw_over_25,          M_unallocated_cases,
    M_share_within_45wd,     M_wd_to_assessment_mean,     M_referrals,
    M_early_help_waiting,    M_families_3plus_contacts_no_assessment,
    M_unmet_high_need_child_days, M_lac_open,             M_cost_total};

static void cell(FILE *f, const chart_results *r, int s, metric_id m)
{
    char v[64], lo[64], hi[64];
    const chart_stat *st = &r->scen[s].summary[m];
    fputs("<td>", f);
    if (!r->scen[s].has_summary[m]) {
        fputs("n/a</td>", f);
        return;
    }
    report_format_value(m, st->mean, v, sizeof v);
    report_format_value(m, st->ci_lo, lo, sizeof lo);
    report_format_value(m, st->ci_hi, hi, sizeof hi);
    fprintf(f, "%s<span class=\"ci\">%s to %s</span>", v, lo, hi);
    const chart_diff *d = &r->scen[s].diff[m];
    if (s != r->baseline && d->present) {
        char dv[64];
        report_format_diff(m, d->mean, dv, sizeof dv);
        if (d->significant) {
            int better = (d->mean > 0) == report_higher_is_better(m);
            fprintf(f, "<span class=\"sig\">%s %s%s</span>", better ? "&#9660;" : "&#9650;", dv,
                    better ? " better" : " worse");
        } else {
            fputs("<span class=\"ns\">no clear change</span>", f);
        }
    }
    fputs("</td>", f);
}

static void summary_table(FILE *f, const chart_results *r)
{
    fputs("<h2 id=\"summary\">Summary by scenario</h2>\n<p>Average over the whole measured period and over all "
          "runs, with its 95% interval underneath. For each alternative, the line in bold is its "
          "difference from the baseline when that difference is clear (its 95% interval excludes "
          "zero), marked better or worse for children and families.</p>\n<table>\n<tr><th>"
          "Measure</th>",
          f);
    for (int s = 0; s < r->nscen; s++) {
        fputs("<th>", f);
        esc(f, r->scen[s].id);
        fputs(s == r->baseline ? "<br>(baseline)" : "", f);
        fputs("</th>", f);
    }
    fputs("</tr>\n", f);
    for (size_t i = 0; i < sizeof table_rows / sizeof table_rows[0]; i++) {
        metric_id m = table_rows[i];
        char unit[96];
        chart_axis_title(m, 0, unit, sizeof unit);
        fputs("<tr><td>", f);
        esc(f, metric_label(m));
        fputs("<span class=\"ci\">", f);
        esc(f, unit);
        fputs("</span></td>", f);
        for (int s = 0; s < r->nscen; s++)
            cell(f, r, s, m);
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
}

/* Reads a whole file into a NUL-terminated buffer the caller frees. */

/* An attribute value ("16cm") of the root tag, as a number. */
static double attr_cm(const char *tag, const char *tag_end, const char *name)
{
    char key[32];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *p = strstr(tag, key);
    return p && p < tag_end ? atof(p + strlen(key)) : NAN;
}

/* Fonts with Helvetica's widths come first, so labels fit as laid out on most machines. */
#define FONT_LIBPLOT "font-family=\"Helvetica,sans-serif\""
#define FONT_HTML "font-family=\"Helvetica,Arial,'Liberation Sans',sans-serif\""

/* Copies libplot's SVG body: Latin-1 text to UTF-8, element ids prefixed with the chart's stem
 * (several SVGs share one page), its generic <title> dropped, the font list widened. */
static void copy_body(FILE *f, const char *s, const char *end, const char *stem)
{
    const char *title = strstr(s, "<title>"), *title_end = title ? strstr(title, "</title>") : 0;
    while (s < end) {
        if (title_end && s == title) {
            s = title_end + strlen("</title>");
            continue;
        }
        if (!strncmp(s, FONT_LIBPLOT, strlen(FONT_LIBPLOT))) {
            fputs(FONT_HTML, f);
            s += strlen(FONT_LIBPLOT);
            continue;
        }
        if (!strncmp(s, " id=\"", 5)) {
            fprintf(f, " id=\"%s-", stem);
            s += 5;
            continue;
        }
        unsigned char c = (unsigned char)*s++;
        if (c < 0x80) {
            fputc(c, f);
        } else {
            fputc(0xC0 | (c >> 6), f);
            fputc(0x80 | (c & 0x3F), f);
        }
    }
}

/* Inlines DIR/charts/STEM.svg. libplot writes a unit viewBox with preserveAspectRatio="none" and
 * a physical size; the root is replaced by one with the canvas's own viewBox, and the content is
 * scaled back up to it, so the chart keeps its shape at any width. */
static int inline_svg(FILE *f, const chart_results *r, int i, char *err, size_t errlen)
{
    char path[1200];
    const char *stem = report_chart_stem(i);
    snprintf(path, sizeof path, "%s/charts/%s.svg", r->dir, stem);
    size_t len;
    char *svg;
    if (util_read_file(path, CHART_MAX_FILE, &svg, &len, err, errlen))
        return REPORT_EIO;
    char *root = strstr(svg, "<svg"), *root_end = root ? strchr(root, '>') : NULL;
    char *close = root_end ? strstr(root_end, "</svg>") : NULL;
    double w = root_end ? attr_cm(root, root_end, "width") : NAN;
    double h = root_end ? attr_cm(root, root_end, "height") : NAN;
    if (!close || !(w > 0) || !(h > 0)) {
        snprintf(err, errlen, "%s: not an SVG drawn by libplot", path);
        free(svg);
        return REPORT_EIO;
    }
    double vh = CHART_WIDTH * h / w;
    fprintf(f,
            "<svg class=\"chart\" id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" "
            "viewBox=\"0 0 %d %.2f\" role=\"img\" aria-labelledby=\"%s-title\">\n"
            "<title id=\"%s-title\">",
            stem, CHART_WIDTH, vh, stem, stem);
    esc(f, chart_title_of(i));
    fprintf(f, "</title>\n<g transform=\"scale(%d,%.2f)\">", CHART_WIDTH, vh);
    copy_body(f, root_end + 1, close, stem);
    fputs("</g>\n</svg>\n", f);
    free(svg);
    return 0;
}

static int charts(FILE *f, const chart_results *r, char *err, size_t errlen)
{
    char buf[2048];
    fputs("<h2 id=\"charts\">Charts</h2>\n<p>Every chart is also in the <code>charts</code> folder beside this "
          "report as PNG (for pasting into a document) and SVG (for printing at any size).</p>\n",
          f);
    for (int i = 0; i < REPORT_CHART_COUNT; i++) {
        fputs("<figure>\n<h3>", f);
        esc(f, chart_title_of(i));
        fputs("</h3>\n<p class=\"reading\">", f);
        reading_of(r, i, buf, sizeof buf);
        esc(f, buf);
        fputs("</p>\n", f);
        int rc = inline_svg(f, r, i, err, errlen);
        if (rc)
            return rc;
        fprintf(f, "<figcaption>Files: <a href=\"charts/%s.png\">charts/%s.png</a>, "
                   "<a href=\"charts/%s.svg\">charts/%s.svg</a></figcaption>\n</figure>\n",
                report_chart_stem(i), report_chart_stem(i), report_chart_stem(i),
                report_chart_stem(i));
    }
    return 0;
}

static void assumptions(FILE *f)
{
    fputs(
        "<h2 id=\"assumptions\">What this model assumes</h2>\n<ul>\n"
        "<li>Families contact the front door at a rate that follows the seasons (fewer in August "
        "and December) and the long-term trend. Each family has a level of need the model knows "
        "but staff can only estimate.</li>\n"
        "<li>Front-door staff judge need with some error. The error is larger for less qualified "
        "staff and when the front door is busy; pressure to send cases to early help raises the "
        "bar for a referral. A family that is turned away and still needs help tends to come "
        "back, sometimes many times.</li>\n"
        "<li>A referral waits until a social worker has room under a caseload limit (lower for "
        "newly qualified workers). A worker's hours are shared between the children on their "
        "caseload, so the more cases a worker holds, the longer each assessment takes.</li>\n"
        "<li>Staff leave at published turnover rates and are replaced after a recruitment delay, "
        "partly by agency workers. A restructure disrupts work for a time and hands cases to new "
        "workers, which costs time.</li>\n"
        "<li>Time is counted in working days (Monday to Friday, less bank holidays in England and "
        "Wales), as the statutory 45-day timescale is. The first year of every run is a warm-up "
        "and is not counted.</li>\n"
        "<li>All scenarios are run on the same simulated families with the same chance events, "
        "so the differences between them come from the decisions. The model shows how the "
        "decisions move the numbers; it is not a forecast of what will happen.</li>\n"
        "</ul>\n",
        f);
}

static int settings(FILE *f, const chart_results *r)
{
    fputs("<h2 id=\"settings\">Settings of every scenario</h2>\n<p>Every value each scenario used, with where it "
          "came from (the scenario file or the default).</p>\n",
          f);
    for (int s = 0; s < r->nscen; s++) {
        char path[1200];
        size_t len;
        snprintf(path, sizeof path, "%s/settings/%s.ini", r->dir, r->scen[s].id);
        char why[256], *text;
        util_read_file(path, CHART_MAX_FILE, &text, &len, why, sizeof why);
        fputs("<h3>", f);
        esc(f, r->scen[s].id);
        fputs("</h3>\n<pre>", f);
        if (text) {
            esc(f, text);
        } else { /* tolerated: the rest of the report is still worth having */
            fputs("(settings/", f);
            esc(f, r->scen[s].id);
            fputs(".ini is missing from the results folder)", f);
        }
        fputs("</pre>\n", f);
        free(text);
    }
    return 0;
}

static void reproduce(FILE *f, const chart_results *r)
{
    fputs("<h2 id=\"reproduce\">How to reproduce these results</h2>\n<p>With caseload version ", f);
    esc(f, r->version);
    fputs(" and the same scenario files, this command gives the same numbers, byte for byte "
          "(seed ",
          f);
    esc(f, r->seed);
    fprintf(f, ", %d runs):</p>\n<pre>", r->replications);
    esc(f, r->command);
    fputs("</pre>\n<p>To redraw the charts and this report from the results folder: "
          "<code>caseload plot DIR</code>.</p>\n",
          f);
}

int report_write_html(const chart_results *r, char *err, size_t errlen)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/report.html", r->dir);
    outfile out;
    if (outfile_open(&out, path, err, errlen))
        return REPORT_EIO;
    FILE *f = out.fp;
    head(f, r);
    intro(f, r);
    findings(f, r);
    scenarios(f, r);
    summary_table(f, r);
    int rc = charts(f, r, err, errlen);
    if (rc) {
        outfile_abort(&out);
        return rc;
    }
    assumptions(f);
    settings(f, r);
    reproduce(f, r);
    fputs("</body>\n</html>\n", f);
    return outfile_commit(&out, err, errlen) ? REPORT_EIO : 0;
}
