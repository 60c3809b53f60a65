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
#include "params.h"

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
    ".ns{display:block;color:#555;font-style:italic}.note{font-size:.85rem;color:#444}\n"
    "details{margin:.6rem 0}summary{cursor:pointer;font-weight:bold}\n"
    "table.list{font-size:.75rem}table.list td,table.list th{padding:.12rem .3rem}\n"
    "ul.assumptions{font-size:.78rem;columns:2;column-gap:1.5rem;padding-left:1rem}"
    "ul.assumptions li{break-inside:avoid}.unit{color:#555}\n"
    "pre{background:#f4f4f4;border:1px solid #ddd;padding:.6rem;overflow-x:auto;font-size:.8rem;"
    "white-space:pre-wrap;word-break:break-word}\n"
    "@page{size:A4;margin:15mm}\n"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}"
    "figure,tr,pre{break-inside:avoid}h2,h3{break-after:avoid}details.full{display:none}"
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
    fputs("<h1>Children's social care capacity: ", f);
    if (r->nscen > 2)
        fprintf(f, "%d funding scenarios against a baseline</h1>\n", r->nscen - 1);
    else if (r->nscen == 2)
        fputs("one funding scenario against a baseline</h1>\n", f);
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
          "is the range that holds the true model average with 95% confidence. A difference is "
          "<em>clear</em> when its interval excludes zero and it is at least the measure's "
          "smallest difference that matters (half a case per worker, one percentage point, 2% of "
          "the baseline, ...); otherwise the report says there is <em>no clear change</em>. "
          "Better and worse are for children and families: referrals, contacts, plans started and "
          "looked-after children are neither better nor worse in themselves (fewer referrals can "
          "be demand turned away), and cost is shown as a saving or an extra cost. Each sentence "
          "names its basis: the whole measured period, or the last 12 months.</p>\n",
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
        esc(f, chart_scenario_name(r, s));
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
    const report_chart *c = &report_charts[i];
    c->reading(c, r, buf, n);
}

static void findings(FILE *f, const chart_results *r)
{
    char buf[REPORT_READING_MAX];
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
    M_unmet_high_need_child_days, M_cp_level_misjudged,   M_handoffs,
    M_contacts,              M_cp_plans_started,          M_lac_open,
    M_cost_total};

/* The difference line under an alternative's value: the arrow follows the sign, a separate word
 * says better or worse (directional measures), saves or costs more (money), nothing for measures
 * that are neither; "no clear change" when the interval includes zero or the size is below the
 * smallest difference that matters. */
static void diff_line(FILE *f, const chart_results *r, int s, metric_id m)
{
    const chart_diff *d = &r->scen[s].diff[m];
    chart_verdict v = chart_judge(r, s, m);
    char dv[64];
    report_format_diff(m, d->mean, dv, sizeof dv);
    if (v == RV_UNCLEAR) {
        fputs("<span class=\"ns\">no clear change</span>", f);
        return;
    }
    if (v == RV_NEGLIGIBLE) {
        fputs("<span class=\"ns\">negligible (", f);
        esc(f, dv);
        fputs(")</span>", f);
        return;
    }
    const char *arrow = d->mean > 0 ? "&#9650;" : d->mean < 0 ? "&#9660;" : "";
    metric_direction dir = r->measure[m].dir;
    fprintf(f, "<span class=\"sig\">%s ", arrow);
    if (dir == MD_COST) {
        char a[64];
        report_format_value(m, fabs(d->mean), a, sizeof a);
        fputs(d->mean < 0 ? "saves " : "costs ", f);
        esc(f, a);
        fputs(d->mean < 0 ? " a year" : " a year more", f);
    } else {
        esc(f, dv);
        int b = chart_better(r, s, m);
        if (b > 0 && report_rationed(r, s, m))
            fputs(" from demand turned away", f); /* not "better": see the findings */
        else
            fputs(b > 0 ? " better" : b < 0 ? " worse" : "", f);
    }
    fputs("</span>", f);
}

static void cell(FILE *f, const chart_results *r, int s, metric_id m)
{
    char v[64], lo[64], hi[64];
    const chart_stat *st = &r->scen[s].summary[m];
    fputs("<td>", f);
    if (!r->scen[s].has_summary[m]) {
        fputs("no value</td>", f);
        return;
    }
    report_format_value(m, st->mean, v, sizeof v);
    report_format_value(m, st->ci_lo, lo, sizeof lo);
    report_format_value(m, st->ci_hi, hi, sizeof hi);
    esc(f, v);
    fputs("<span class=\"ci\">", f);
    esc(f, lo);
    fputs(" to ", f);
    esc(f, hi);
    fputs("</span>", f);
    if (chart_judge(r, s, m) != RV_NONE)
        diff_line(f, r, s, m);
    fputs("</td>", f);
}

static void summary_table(FILE *f, const chart_results *r)
{
    fputs("<h2 id=\"summary\">Summary by scenario</h2>\n<p>Whole measured period: the average over "
          "the period and over all runs, with its 95% interval underneath. For each alternative, "
          "the line in bold is its difference from the baseline when that difference is clear "
          "(its 95% interval excludes zero and it is at least the smallest difference that "
          "matters); <em>negligible</em> marks one whose interval excludes zero but that is "
          "smaller than that. The arrow shows the sign (&#9650; higher, &#9660; lower); the word "
          "after it says whether that is better or worse for children and families, or that the "
          "improvement comes from demand turned away (fewer referrals while repeat contacts or "
          "unmet need rise). Referrals, looked-after children and other counts that are neither "
          "better nor worse in themselves have no such word; cost says what a scenario saves or "
          "costs more.</p>\n"
          "<table>\n<tr><th>Measure</th>",
          f);
    for (int s = 0; s < r->nscen; s++) {
        fputs("<th>", f);
        esc(f, chart_scenario_name(r, s));
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

/* An attribute value ("16cm") of the root tag, as a number. */
static double attr_cm(const char *tag, const char *tag_end, const char *name)
{
    char key[32];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *p = strstr(tag, key);
    return p && p < tag_end ? atof(p + strlen(key)) : NAN;
}

/* Copies a chart's SVG body (UTF-8 already, fonts listed: canvas.c): element ids prefixed with
 * the chart's stem (several SVGs share one page) and its generic <title> dropped. */
static void copy_body(FILE *f, const char *s, const char *end, const char *stem)
{
    const char *title = strstr(s, "<title>"), *title_end = title ? strstr(title, "</title>") : 0;
    while (s < end) {
        if (title_end && s == title) {
            s = title_end + strlen("</title>");
            continue;
        }
        if (!strncmp(s, " id=\"", 5)) {
            fprintf(f, " id=\"%s-", stem);
            s += 5;
            continue;
        }
        fputc(*s++, f);
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
    esc(f, report_charts[i].title);
    fprintf(f, "</title>\n<g transform=\"scale(%d,%.2f)\">", CHART_WIDTH, vh);
    copy_body(f, root_end + 1, close, stem);
    fputs("</g>\n</svg>\n", f);
    free(svg);
    return 0;
}

static int charts(FILE *f, const chart_results *r, char *err, size_t errlen)
{
    char buf[REPORT_READING_MAX];
    fputs("<h2 id=\"charts\">Charts</h2>\n<p>Every chart is also in the <code>charts</code> folder beside this "
          "report as PNG (for pasting into a document) and SVG (for printing at any size).</p>\n",
          f);
    for (int i = 0; i < REPORT_CHART_COUNT; i++) {
        fputs("<figure>\n<h3>", f);
        esc(f, report_charts[i].title);
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

static void assumptions_list(FILE *f, const chart_results *r);

/* The snapshot folder a run started from, from its command in run.ini (" --snapshot WORD", the
 * word as the command line quoted it), or 0. */
static int snapshot_of(const chart_results *r, char *buf, size_t n)
{
    const char *p = r->command ? strstr(r->command, " --snapshot ") : NULL;
    if (!p)
        return 0;
    p += strlen(" --snapshot ");
    size_t k = 0;
    for (int quoted = 0; *p && (quoted || *p != ' ') && k + 1 < n; p++) {
        if (*p == '\'') {
            quoted = !quoted;
            continue;
        }
        if (!quoted && *p == '\\' && p[1])
            p++; /* '\'' closes a quote, escapes one and opens again */
        buf[k++] = *p;
    }
    buf[k] = 0;
    return 1;
}

/* How the run started: a warm-up that is not counted, or the authority's own open cases. */
static void start_sentence(FILE *f, const chart_results *r)
{
    char dir[600], day[11];
    if (!snapshot_of(r, dir, sizeof dir)) {
        fputs(" Every run starts with a warm-up (a year, or as long as the scenario says) that fills "
              "the caseloads and is not counted.", f);
        return;
    }
    cal_format_iso(r->start, day);
    fprintf(f, " This run starts on %s from a snapshot of open cases and staff in post (", day);
    esc(f, dir);
    fputs("), with no warm-up: the first weeks are the service as it stood that day.", f);
}

static void assumptions(FILE *f, const chart_results *r)
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
        "<li>Social workers either hold their own caseloads or work in units (Reclaiming Social "
        "Work: a consultant social worker, a social worker, a children's practitioner, a clinician "
        "and a coordinator holding their cases together). A unit keeps its cases when one of them "
        "leaves, its coordinator takes administration off the social workers and its clinician "
        "sharpens assessments; units whose competence was not checked judge worse while they "
        "settle.</li>\n"
        "<li>Time is counted in working days (Monday to Friday, less bank holidays in England and "
        "Wales), as the statutory 45-day timescale is.",
        f);
    start_sentence(f, r);
    fputs("</li>\n"
        "<li>All scenarios are run on the same simulated families with the same chance events, "
        "so the differences between them come from the decisions. The model shows how the "
        "decisions move the numbers; it is not a forecast of what will happen.</li>\n"
        "</ul>\n",
        f);
    assumptions_list(f, r);
}

/* ---- settings: what each scenario changes, and every setting in a closed <details> ---- */

typedef struct setting_line {
    char key[160];   /* "demand.children", "staff.social_worker.fte", "event.centre-cut.date" */
    char value[260];
    char origin[260];
} setting_line;

typedef struct setting_list {
    setting_line *v;
    size_t n, cap;
} setting_list;

static setting_line *setting_add(setting_list *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        setting_line *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return NULL;
        l->v = v;
        l->cap = cap;
    }
    memset(&l->v[l->n], 0, sizeof l->v[0]);
    return &l->v[l->n++];
}

static char *trim_text(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

/* "[staff \"social_worker\"]" -> "staff.social_worker"; "[demand]" -> "demand". */
static void section_prefix(const char *line, char *out, size_t n)
{
    char word[80] = "", arg[80] = "";
    sscanf(line, "[%79[^] \"] \"%79[^\"]\"", word, arg);
    if (arg[0])
        snprintf(out, n, "%s.%s", word, arg);
    else
        snprintf(out, n, "%s", word);
}

/* settings/ID.ini as the runner writes it (scn_write_resolved): "key = value ; origin" lines
 * under section headers; an origin that does not fit goes on a "; key: origin" line above, and a
 * long value continues on indented lines. */
static void parse_settings(char *text, setting_list *l)
{
    char prefix[160] = "", pending[260] = "";
    setting_line *last = NULL;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        int indented = line[0] == ' ' || line[0] == '\t';
        char *t = trim_text(line);
        if (!*t)
            continue;
        if (*t == '[') {
            section_prefix(t, prefix, sizeof prefix);
            last = NULL;
        } else if (*t == ';') {
            char *colon = strstr(t, ": ");
            snprintf(pending, sizeof pending, "%s", colon ? colon + 2 : "");
        } else if (indented && last) {
            size_t k = strlen(last->value);
            snprintf(last->value + k, sizeof last->value - k, " %s", t);
        } else if (strchr(t, '=')) {
            char *eq = strchr(t, '='), *semi = strstr(eq, " ; ");
            *eq = 0;
            if (semi)
                *semi = 0;
            setting_line *s = setting_add(l);
            if (!s)
                return;
            snprintf(s->key, sizeof s->key, "%.80s.%.70s", prefix, trim_text(t));
            snprintf(s->value, sizeof s->value, "%s", trim_text(eq + 1));
            snprintf(s->origin, sizeof s->origin, "%s", semi ? trim_text(semi + 3) : pending);
            pending[0] = 0;
            last = s;
        }
    }
}

/* Only what the run wrote: the text chart_results_load read and checked against the manifest
 * (a link to /etc/shadow or a file put there by hand never reaches the report). */
static int read_settings(const chart_results *r, int s, setting_list *l, char **text)
{
    *text = NULL;
    if (!r->scen[s].settings)
        return -1; /* tolerated: the report says the file is missing */
    size_t len = strlen(r->scen[s].settings);
    *text = strdup(r->scen[s].settings);
    if (!*text)
        return -1;
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, *text, len + 1);
    parse_settings(copy, l);
    free(copy);
    return 0;
}

static const setting_line *find_setting(const setting_list *l, const char *key)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i].key, key))
            return &l->v[i];
    return NULL;
}

/* The params row a setting's key belongs to, for its meaning; NULL for event types. */
static const params_spec *spec_of(const char *key)
{
    const char *dot = strchr(key, '.'), *last = strrchr(key, '.');
    if (!dot)
        return NULL;
    const params_spec *rows = params_specs;
    size_t n = params_specs_count;
    if (!strncmp(key, "staff.", 6))
        rows = params_staff_specs, n = params_staff_specs_count;
    else if (!strncmp(key, "event.", 6))
        rows = params_event_specs, n = params_event_specs_count;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i].key, last + 1) &&
            (rows != params_specs || !strncmp(rows[i].section, key, (size_t)(dot - key))))
            return &rows[i];
    return NULL;
}

static void change_row(FILE *f, const char *key, const char *base, const setting_line *alt)
{
    const params_spec *sp = spec_of(key);
    fputs("<tr><td><code>", f);
    esc(f, key);
    fputs("</code>", f);
    if (sp) {
        fputs("<span class=\"ci\">", f);
        esc(f, sp->doc);
        fputs("</span>", f);
    }
    fputs("</td><td>", f);
    esc(f, base ? base : "(not in the baseline)");
    fputs("</td><td>", f);
    esc(f, alt ? alt->value : "(removed)");
    fputs("</td><td>", f);
    esc(f, alt ? alt->origin : "");
    fputs("</td></tr>\n", f);
}

/* Every key whose value differs from the baseline's, and the baseline's keys the scenario lacks
 * (events it does not have). */
static void changes_of(FILE *f, const chart_results *r, int s, const setting_list *base,
                       const setting_list *alt)
{
    fputs("<h3>", f);
    esc(f, chart_scenario_name(r, s));
    fputs("</h3>\n", f);
    int rows = 0;
    for (size_t i = 0; i < alt->n; i++) {
        const setting_line *b = find_setting(base, alt->v[i].key);
        if ((b && !strcmp(b->value, alt->v[i].value)) || !strcmp(alt->v[i].key, "scenario.name") ||
            !strcmp(alt->v[i].key, "scenario.label"))
            continue; /* the same, or the names the table of scenarios already gives */
        if (!rows++)
            fputs("<table class=\"text\">\n<tr><th>Setting</th><th>Baseline</th><th>This "
                  "scenario</th><th>Set in</th></tr>\n", f);
        change_row(f, alt->v[i].key, b ? b->value : NULL, &alt->v[i]);
    }
    for (size_t i = 0; i < base->n; i++)
        if (!find_setting(alt, base->v[i].key)) {
            if (!rows++)
                fputs("<table class=\"text\">\n<tr><th>Setting</th><th>Baseline</th><th>This "
                      "scenario</th><th>Set in</th></tr>\n", f);
            change_row(f, base->v[i].key, base->v[i].value, NULL);
        }
    fputs(rows ? "</table>\n" : "<p>The same settings as the baseline.</p>\n", f);
}

static void full_settings(FILE *f, const chart_results *r, char *const *texts)
{
    fputs("<details class=\"full\"><summary>Every setting of every scenario (not printed)"
          "</summary>\n<p>Every value each scenario used, with where it came from (the scenario "
          "file and line, or the default).</p>\n", f);
    for (int s = 0; s < r->nscen; s++) {
        fputs("<h3>", f);
        esc(f, chart_scenario_name(r, s));
        fputs("</h3>\n<pre>", f);
        if (texts[s]) {
            esc(f, texts[s]);
        } else { /* tolerated: the rest of the report is still worth having */
            fputs("(settings/", f);
            esc(f, r->scen[s].id);
            fputs(".ini is missing from the results folder)", f);
        }
        fputs("</pre>\n", f);
    }
    fputs("</details>\n", f);
}

static int settings(FILE *f, const chart_results *r)
{
    setting_list *lists = calloc((size_t)r->nscen, sizeof *lists);
    char **texts = calloc((size_t)r->nscen, sizeof *texts);
    if (!lists || !texts) {
        free(lists);
        free(texts);
        return -1;
    }
    for (int s = 0; s < r->nscen; s++)
        read_settings(r, s, &lists[s], &texts[s]);
    fputs("<h2 id=\"settings\">What each scenario changes</h2>\n<p>The settings in which each "
          "alternative differs from the baseline, and where each was set.</p>\n", f);
    for (int s = 0; s < r->nscen; s++)
        if (s != r->baseline)
            changes_of(f, r, s, &lists[r->baseline], &lists[s]);
    full_settings(f, r, texts);
    for (int s = 0; s < r->nscen; s++) {
        free(lists[s].v);
        free(texts[s]);
    }
    free(lists);
    free(texts);
    return 0;
}

/* ---- the assumptions list (assumptions.csv) ---- */

/* The assumptions as a compact list in two columns ("key = value unit: what it acts on"); the
 * published defaults as a table with their sources. */
static void assumption_rows(FILE *f, const chart_csv *c, int published)
{
    int key = chart_csv_column(c, "key"), val = chart_csv_column(c, "value");
    int unit = chart_csv_column(c, "unit"), src = chart_csv_column(c, "source");
    int mean = chart_csv_column(c, "meaning");
    if (key < 0 || val < 0 || unit < 0 || src < 0 || mean < 0)
        return;
    fputs(published ? "<table class=\"text list\">\n<tr><th>Setting</th><th>Value</th><th>What it "
                      "acts on</th><th>Source</th></tr>\n"
                    : "<ul class=\"assumptions\">\n", f);
    for (size_t i = 0; i < c->nrows; i++) {
        const char *s = chart_csv_field(c, i, src);
        if (published == !strcmp(s, "assumption"))
            continue;
        fputs(published ? "<tr><td><code>" : "<li><code>", f);
        esc(f, chart_csv_field(c, i, key));
        fputs(published ? "</code></td><td>" : "</code> = ", f);
        esc(f, chart_csv_field(c, i, val));
        fputs(" <span class=\"unit\">", f);
        esc(f, chart_csv_field(c, i, unit));
        fputs(published ? "</span></td><td>" : "</span>: ", f);
        esc(f, chart_csv_field(c, i, mean));
        if (published) {
            fputs("</td><td>", f);
            esc(f, s);
        }
        fputs(published ? "</td></tr>\n" : "</li>\n", f);
    }
    fputs(published ? "</table>\n" : "</ul>\n", f);
}

static void assumptions_list(FILE *f, const chart_results *r)
{
    char path[1200], err[256];
    chart_csv c;
    snprintf(path, sizeof path, "%s/assumptions.csv", r->dir);
    if (chart_csv_read(&c, path, err, sizeof err))
        return; /* results of an older version: the plain-English list above stands alone */
    fputs("<h3 id=\"assumptions-list\">Assumptions list</h3>\n<p>Every default these scenarios "
          "use that has no published figure behind it, with its value and what it acts on. They "
          "are the model's assumptions: vary them to see whether a conclusion depends on them."
          "</p>\n", f);
    assumption_rows(f, &c, 0);
    fputs("<h3>Defaults taken from published figures</h3>\n<p>Each cites its row of "
          "<code>data/published-figures.csv</code> in the caseload repository (quantity and year; "
          "the row gives the publication and its address).</p>\n", f);
    assumption_rows(f, &c, 1);
    chart_csv_free(&c);
}

/* ---- a fitted baseline against its targets (targets.csv) ---- */

static void target_row(FILE *f, const chart_csv *c, size_t i, const int col[5])
{
    double target, model, diff, share;
    char err[256];
    if (chart_csv_number(c, i, col[1], &target, err, sizeof err) ||
        chart_csv_number(c, i, col[2], &model, err, sizeof err) ||
        chart_csv_number(c, i, col[3], &diff, err, sizeof err) ||
        chart_csv_number(c, i, col[4], &share, err, sizeof err))
        return;
    fputs("<tr><td>", f);
    esc(f, chart_csv_field(c, i, col[0]));
    if (share > 0) /* a rate: in per cent */
        fprintf(f, "</td><td class=\"num\">%.1f%%</td><td class=\"num\">%.1f%%</td>", 100 * target,
                100 * model);
    else
        fprintf(f, "</td><td class=\"num\">%.4g</td><td class=\"num\">%.4g</td>", target, model);
    fprintf(f, "<td class=\"num\">%+.1f%%</td><td>%s</td></tr>\n", 100 * diff,
            isfinite(diff) && fabs(diff) <= 0.05 ? "within 5%" : "<strong>not within 5%</strong>");
}

/* Only for a baseline that carries [targets] (a scenario written by `caseload fit`). */
static void fit_targets(FILE *f, const chart_results *r)
{
    char path[1200], err[256];
    chart_csv c;
    snprintf(path, sizeof path, "%s/targets.csv", r->dir);
    if (chart_csv_read(&c, path, err, sizeof err))
        return; /* results of an older version */
    int col[5] = {chart_csv_column(&c, "measure"), chart_csv_column(&c, "target"),
                  chart_csv_column(&c, "model"), chart_csv_column(&c, "difference"),
                  chart_csv_column(&c, "share")};
    int ok = c.nrows > 0;
    for (int k = 0; k < 5; k++)
        ok &= col[k] >= 0;
    if (ok) {
        fputs("<h2 id=\"targets\">How close the baseline is to its published figures</h2>\n<p>The "
              "baseline was fitted to these figures (<code>caseload fit</code>); the model's value "
              "is this run's mean over its replications. A figure not within 5% is one the "
              "fitted settings could not reach together with the others.</p>\n"
              "<table class=\"text\">\n<tr><th>Figure</th><th>Target</th><th>Model</th>"
              "<th>Difference</th><th></th></tr>\n", f);
        for (size_t i = 0; i < c.nrows; i++)
            target_row(f, &c, i, col);
        fputs("</table>\n", f);
    }
    chart_csv_free(&c);
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
    esc(f, r->command ? r->command : "");
    fputs("</pre>\n<p>To redraw the charts and this report from the results folder: "
          "<code>caseload plot DIR</code>.</p>\n",
          f);
}

const char *report_css(void)
{
    return css;
}

int report_write_answer(const chart_results *r, FILE *f, char *err, size_t errlen)
{
    findings(f, r);
    summary_table(f, r);
    return charts(f, r, err, errlen);
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
    fit_targets(f, r);
    int rc = charts(f, r, err, errlen);
    if (rc) {
        outfile_abort(&out);
        return rc;
    }
    assumptions(f, r);
    settings(f, r);
    reproduce(f, r);
    fputs("</body>\n</html>\n", f);
    return outfile_commit(&out, err, errlen) ? REPORT_EIO : 0;
}
