/* chart: Latin-1 text, nice ticks, date ticks, styles and units. See include/plots/chart.h. */
#include "chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- UTF-8 -> Latin-1 ---- */

typedef struct latin1_sub {
    unsigned cp;
    const char *text;
} latin1_sub;

/* Characters Latin-1 lacks that board papers commonly contain (word processors insert them). */
static const latin1_sub subs[] = {
    {0x2010, "-"},   {0x2011, "-"},   {0x2012, "-"},   {0x2013, "-"},   {0x2014, "-"},
    {0x2015, "-"},   {0x2212, "-"},   {0x2022, "-"},   {0x2018, "'"},   {0x2019, "'"},
    {0x201A, "'"},   {0x201B, "'"},   {0x2032, "'"},   {0x201C, "\""},  {0x201D, "\""},
    {0x201E, "\""},  {0x201F, "\""},  {0x2033, "\""},  {0x2026, "..."}, {0x20AC, "EUR"},
    {0x2002, " "},   {0x2003, " "},   {0x2009, " "},   {0x200A, " "},   {0x202F, " "},
    {0x2007, " "},   {0x2122, "(TM)"}, {0x2264, "<="}, {0x2265, ">="}, {0x2248, "~"},
    {0x2192, "->"},  {0x2190, "<-"},
};

/* Decodes one UTF-8 sequence at s; returns its length, or 0 when malformed (overlong,
 * surrogate, truncated or out of range). */
static size_t utf8_decode(const unsigned char *s, unsigned *cp)
{
    size_t n;
    unsigned c = s[0], min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        n = 2, c &= 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, c &= 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4, c &= 0x07, min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

static const char *latin1_replacement(unsigned cp)
{
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (subs[i].cp == cp)
            return subs[i].text;
    return "?";
}

size_t chart_latin1(const char *utf8, char *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)utf8;
    size_t w = 0;
    if (cap == 0)
        return 0;
    while (*s) {
        unsigned cp;
        size_t n = utf8_decode(s, &cp);
        char one[2] = {0, 0};
        const char *rep = one;
        if (n == 0) {
            rep = "?";
            n = 1; /* skip one byte and resynchronise on the next */
        } else if (cp == 0xA0) {
            one[0] = ' ';
        } else if (cp < 0x100) {
            one[0] = (char)cp;
        } else {
            rep = latin1_replacement(cp);
        }
        size_t len = strlen(rep);
        if (w + len > cap - 1)
            break;
        memcpy(out + w, rep, len);
        w += len;
        s += n;
    }
    out[w] = 0;
    return w;
}

/* ---- ticks ---- */

/* The nice step (1, 2 or 5 times a power of ten) at or above raw. */
static double nice_step(double raw)
{
    double p = pow(10, floor(log10(raw)));
    double f = raw / p;
    double nf = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 5 + 1e-9 ? 5 : 10;
    return nf * p;
}

int chart_nice_ticks(double lo, double hi, int max_ticks, chart_ticks *t)
{
    if (!isfinite(lo) || !isfinite(hi) || max_ticks < 3)
        return -1;
    if (lo > hi) {
        double x = lo;
        lo = hi;
        hi = x;
    }
    if (hi - lo < 1e-12 * (fabs(lo) + fabs(hi)) || hi == lo) {
        double pad = lo == 0 ? 1 : fabs(lo) * 0.1;
        lo -= pad;
        hi += pad;
    }
    double step = nice_step((hi - lo) / (max_ticks - 1));
    double first, last;
    /* a nice step can still need one tick too many once both ends are rounded out; the next nice
     * step up always fits by the time it covers hi - lo, since then n <= 3 */
    for (;;) {
        first = floor(lo / step + 1e-9) * step;
        last = ceil(hi / step - 1e-9) * step;
        if ((int)llround((last - first) / step) + 1 <= max_ticks)
            break;
        step = nice_step(step * 1.0001);
    }
    t->first = first;
    t->step = step;
    t->n = (int)llround((last - first) / step) + 1;
    int d = (int)-floor(log10(step) + 1e-9);
    t->decimals = d > 0 ? d : 0;
    return 0;
}

/* Inserts thousands commas into a plain number text ("-12345.5" -> "-12,345.5"). */
static void add_commas(char *buf, size_t n)
{
    char tmp[64];
    const char *s = buf;
    size_t w = 0;
    if (*s == '-')
        tmp[w++] = *s++;
    size_t digits = strcspn(s, ".");
    for (size_t i = 0; s[i] && w < sizeof tmp - 2; i++) {
        tmp[w++] = s[i];
        if (i + 1 < digits && (digits - i - 1) % 3 == 0)
            tmp[w++] = ',';
    }
    tmp[w] = 0;
    snprintf(buf, n, "%s", tmp);
}

void chart_tick_label(const chart_ticks *t, double v, char *buf, size_t n)
{
    if (fabs(v) < t->step * 1e-6)
        v = 0; /* floating-point residue at zero would print as "-0" */
    snprintf(buf, n, "%.*f", t->decimals, v);
    if (fabs(v) >= 1000) /* "5,000" beside "10,000", as the report writes numbers */
        add_commas(buf, n);
}

/* ---- dates ---- */

static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int chart_date_ticks(cal_date lo, cal_date hi, int max_ticks, cal_date *out, int cap)
{
    static const int steps[] = {1, 2, 3, 6, 12, 24, 60, 120};
    int y, m, d;
    cal_to_ymd(lo, &y, &m, &d);
    int first = y * 12 + (m - 1) + (d > 1); /* months since year 0 of the first tick */
    cal_to_ymd(hi, &y, &m, &d);
    int last = y * 12 + (m - 1);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        int s = steps[i];
        int start = (first + s - 1) / s * s; /* aligned to January (and to even years for 24) */
        int count = start > last ? 0 : (last - start) / s + 1;
        if (count > max_ticks && i + 1 < sizeof steps / sizeof steps[0])
            continue;
        int k = 0;
        for (int mm = start; mm <= last && k < cap; mm += s)
            out[k++] = cal_from_ymd(mm / 12, mm % 12 + 1, 1);
        return k;
    }
    return 0;
}

int chart_date_axis(cal_date lo, cal_date hi, double width, cal_date *out, int cap, int *yearly)
{
    /* "Apr 2011" needs about 150 units; when that forces yearly ticks, label the years alone
     * ("2011", about 90 units) so that more fit, as long as they stay yearly */
    int n = chart_date_ticks(lo, hi, (int)(width / 150), out, cap);
    *yearly = n < 2 || out[1] - out[0] >= 365;
    if (*yearly) {
        cal_date more[64];
        int m = chart_date_ticks(lo, hi, (int)(width / 90), more, cap < 64 ? cap : 64);
        if (m >= 2 && more[1] - more[0] >= 365) {
            memcpy(out, more, (size_t)m * sizeof *more);
            n = m;
        }
    }
    return n;
}

void chart_month_label(cal_date d, int short_form, char *buf, size_t n)
{
    int y, m, day;
    cal_to_ymd(d, &y, &m, &day);
    if (short_form)
        snprintf(buf, n, "%d", y);
    else
        snprintf(buf, n, "%s %d", month_abbr[m - 1], y);
}

/* ---- styles ---- */

chart_style chart_series_style(int i)
{
    /* Okabe-Ito without yellow (too pale on white paper); the baseline is black and solid. Dash
     * patterns are in canvas units (the canvas is CHART_WIDTH wide). */
    static const chart_style styles[CHART_STYLES] = {
        {0x00, 0x00, 0x00, 0, {0, 0, 0, 0}, 16, 4},   /* black, solid, circle */
        {0x00, 0x72, 0xB2, 2, {28, 10, 0, 0}, 17, 6}, /* blue, long dash, square */
        {0xD5, 0x5E, 0x00, 2, {6, 8, 0, 0}, 18, 7},   /* vermillion, dotted, triangle */
        {0x00, 0x9E, 0x73, 4, {24, 8, 6, 8}, 19, 8},  /* bluish green, dash-dot, diamond */
        {0xCC, 0x79, 0xA7, 2, {14, 8, 0, 0}, 20, 10}, /* reddish purple, short dash, down triangle */
        {0xE6, 0x9F, 0x00, 4, {24, 6, 6, 6}, 16, 4},  /* orange, dash-dot, circle */
        {0x56, 0xB4, 0xE9, 4, {6, 6, 6, 14}, 17, 6},  /* sky blue, dot-dot-gap, square */
    };
    return styles[(i % CHART_STYLES + CHART_STYLES) % CHART_STYLES];
}

/* ---- metrics shown on charts ---- */

metric_id chart_key_metric(int i)
{
    static const metric_id keys[CHART_KEY_COUNT] = {
        M_caseload_per_sw,     M_unallocated_cases,
        M_share_within_45wd,   M_wd_to_assessment_mean,
        M_early_help_waiting,  M_families_3plus_contacts_no_assessment,
        M_unmet_high_need_child_days, M_cost_total};
    return keys[i];
}

const char *chart_short_label(metric_id m)
{
    switch (m) {
    case M_caseload_per_sw: return "Caseload per social worker";
    case M_share_within_45wd: return "Assessments within 45 working days";
    case M_wd_to_assessment_mean: return "Mean working days to assessment";
    case M_families_3plus_contacts_no_assessment: return "Families with 3+ contacts, no assessment";
    case M_families_5plus_contacts_no_assessment: return "Families with 5+ contacts, no assessment";
    case M_unmet_high_need_child_days: return "Child-days at protection level, no plan";
    default: return metric_label(m);
    }
}

double chart_display_scale(metric_id m) { return metric_kind_of(m) == MK_SHARE ? 100 : 1; }

void chart_axis_title(metric_id m, int diff, char *buf, size_t n)
{
    const char *unit = metric_unit(m);
    if (metric_kind_of(m) == MK_SHARE) {
        /* "share of assessments" -> "% of assessments" */
        const char *of = strstr(unit, " of ");
        if (diff)
            snprintf(buf, n, "percentage points");
        else
            snprintf(buf, n, "%%%s", of ? of : "");
    } else if (!strcmp(unit, "pounds")) {
        snprintf(buf, n, "\xC2\xA3 a year");
    } else if (metric_kind_of(m) == MK_FLOW) {
        snprintf(buf, n, "%s a year", unit); /* whole-period flows are annual averages */
    } else {
        snprintf(buf, n, "%s", unit);
    }
}

/* ---- scenario names ---- */

#define SHORT_NAME 40 /* a name longer than this is a sentence, not a key */

static const char *candidate_name(const chart_scenario *c)
{
    if (c->label[0])
        return c->label;
    if (c->name[0] && strlen(c->name) <= SHORT_NAME && strcmp(c->name, c->id))
        return c->name;
    return c->id;
}

const char *chart_scenario_name(const chart_results *r, int s)
{
    const char *mine = candidate_name(&r->scen[s]);
    for (int t = 0; t < r->nscen; t++)
        if (t != s && !strcmp(candidate_name(&r->scen[t]), mine))
            return r->scen[s].id; /* inherited from the base unchanged: the id tells them apart */
    return mine;
}
