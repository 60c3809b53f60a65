/* report: number formats and the sentences that read each chart. See include/plots/report.h and
 * docs/report.md (which states the rules these functions follow). */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart.h"

#define POUND "\xC2\xA3"

/* Integer part with thousands commas: 1234567 -> "1,234,567". */
static void with_commas(double v, char *buf, size_t n)
{
    char digits[64];
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    size_t len = strlen(digits), w = 0;
    char out[96];
    if (v < 0 && strcmp(digits, "0"))
        out[w++] = '-';
    for (size_t i = 0; i < len; i++) {
        out[w++] = digits[i];
        if (i + 1 < len && (len - i - 1) % 3 == 0)
            out[w++] = ',';
    }
    out[w] = 0;
    snprintf(buf, n, "%s", out);
}

/* A plain number with 3 significant figures at most, no "-0". */
static void plain(double v, char *buf, size_t n)
{
    double a = fabs(v);
    if (a >= 1000)
        with_commas(v, buf, n);
    else if (a >= 100)
        snprintf(buf, n, "%.0f", v);
    else if (a >= 1)
        snprintf(buf, n, "%.1f", v);
    else
        snprintf(buf, n, "%.2f", v);
    if (!strcmp(buf, "-0") || !strcmp(buf, "-0.0") || !strcmp(buf, "-0.00"))
        memmove(buf, buf + 1, strlen(buf));
}

static void money(double v, char *buf, size_t n)
{
    char num[40];
    const char *sign = v < 0 ? "-" : "";
    double a = fabs(v);
    if (a >= 1e6) {
        snprintf(num, sizeof num, "%.1fm", a / 1e6);
    } else {
        with_commas(round(a / 1000) * 1000, num, sizeof num);
    }
    snprintf(buf, n, "%s" POUND "%s", sign, num);
}

static int is_money(metric_id m) { return !strcmp(metric_unit(m), "pounds"); }

/* A count of things (cases, families): shown whole from 10 up, as nobody counts half a family. */
static int is_count(metric_id m)
{
    metric_kind k = metric_kind_of(m);
    return (k == MK_STOCK || k == MK_FLOW) && !strstr(metric_unit(m), " per ") && !is_money(m);
}

static void count_or_plain(metric_id m, double v, char *buf, size_t n)
{
    if (is_count(m) && fabs(v) >= 10)
        with_commas(round(v), buf, n);
    else
        plain(v, buf, n);
}

void report_format_value(metric_id m, double v, char *buf, size_t n)
{
    if (!isfinite(v))
        snprintf(buf, n, "n/a");
    else if (metric_kind_of(m) == MK_SHARE)
        /* whole percentages (runs are not that exact), but one decimal under 10% so that a small
         * share does not read as none */
        snprintf(buf, n, fabs(v) < 0.1 && v != 0 ? "%.1f%%" : "%.0f%%", v * 100);
    else if (is_money(m))
        money(v, buf, n);
    else
        count_or_plain(m, v, buf, n);
    if (!strcmp(buf, "-0%"))
        snprintf(buf, n, "0%%");
}

void report_format_diff(metric_id m, double d, char *buf, size_t n)
{
    char num[96];
    if (!isfinite(d)) {
        snprintf(buf, n, "n/a");
        return;
    }
    if (metric_kind_of(m) == MK_SHARE) {
        double pts = d * 100;
        /* two significant figures below 0.1 points, so that a small but clear difference does not
         * print as "+0.0 points" beside a "worse" or "better" mark */
        const char *fmt = fabs(pts) >= 10 ? "%.0f" : fabs(pts) >= 0.1 ? "%.1f" : "%.2g";
        snprintf(num, sizeof num, fmt, fabs(pts));
        snprintf(buf, n, "%s%s points", pts != 0 ? (pts < 0 ? "-" : "+") : "", num);
        return;
    }
    if (is_money(m)) {
        money(fabs(d), num, sizeof num);
    } else {
        count_or_plain(m, fabs(d), num, sizeof num);
    }
    int zero = strspn(num, "0.,") == strlen(num);
    snprintf(buf, n, "%s%s", zero ? "" : (d < 0 ? "-" : "+"), num);
}

int report_higher_is_better(metric_id m)
{
    return m == M_share_within_45wd || m == M_front_door_within_1wd || m == M_sw_fte_in_post ||
           m == M_early_help_starts || m == M_assessments_completed;
}

/* "the share of assessments completed within 45 working days": the label, lower-cased at the
 * start, after "the". */
static void subject(metric_id m, char *buf, size_t n)
{
    const char *l = metric_label(m);
    metric_kind k = metric_kind_of(m);
    /* counts take "the number of", so that the verb is singular ("the number of unallocated
     * cases rises"); rates per worker are singular already */
    const char *lead = k == MK_SHARE                                              ? "the share of "
                       : (k == MK_STOCK || k == MK_FLOW) && !strstr(metric_unit(m), " per ")
                           ? "the number of "
                           : "";
    snprintf(buf, n, "%s%c%s", lead, l[0] | 0x20, l + 1);
}

/* The last week where both series have a mean; -1 when none. */
static int last_week(const chart_stat *a, const chart_stat *b, int weeks)
{
    for (int w = weeks - 1; w >= 0; w--)
        if (isfinite(a[w].mean) && isfinite(b[w].mean))
            return w;
    return -1;
}

/* Alternative with the largest clear whole-period change of m; -1 when none is clear. */
static int headline(const chart_results *r, metric_id m)
{
    int best = -1;
    for (int s = 0; s < r->nscen; s++) {
        const chart_diff *d = &r->scen[s].diff[m];
        if (s == r->baseline || !d->present || !d->significant || !r->scen[s].weekly[m])
            continue;
        if (best < 0 || fabs(d->mean) > fabs(r->scen[best].diff[m].mean))
            best = s;
    }
    return best;
}

/* ", while restructure and investment make no clear difference" (or nothing). */
static void no_clear_list(const chart_results *r, metric_id m, char *buf, size_t n)
{
    int count = 0, total = 0;
    for (int s = 0; s < r->nscen; s++)
        if (s != r->baseline && r->scen[s].diff[m].present && !r->scen[s].diff[m].significant)
            total++;
    buf[0] = 0;
    size_t w = 0;
    for (int s = 0; s < r->nscen && total; s++) {
        if (s == r->baseline || !r->scen[s].diff[m].present || r->scen[s].diff[m].significant)
            continue;
        const char *sep = count == 0 ? "; " : count == total - 1 ? " and " : ", ";
        w += (size_t)snprintf(buf + w, w < n ? n - w : 0, "%s%s", sep, r->scen[s].id);
        count++;
    }
    if (total)
        snprintf(buf + w, w < n ? n - w : 0, " %s no clear change over the whole period",
                 total == 1 ? "makes" : "make");
}

/* Cuts a trailing " points" (the unit is said once, after the interval's upper end). */
static void drop_unit(char *s)
{
    char *p = strstr(s, " points");
    if (p)
        *p = 0;
}

int report_reading_fan(const chart_results *r, metric_id m, char *buf, size_t n)
{
    char subj[200], month[32], others[512];
    subject(m, subj, sizeof subj);
    const chart_stat *base = r->scen[r->baseline].weekly[m];
    int s = headline(r, m);
    no_clear_list(r, m, others, sizeof others);
    if (!base) {
        snprintf(buf, n, "There are no weekly values of %s to read.", subj);
        return -1;
    }
    if (s < 0) {
        int w = last_week(base, base, r->weeks);
        char v[64];
        report_format_value(m, w >= 0 ? base[w].mean : NAN, v, sizeof v);
        chart_month_label(chart_results_week_date(r, w < 0 ? 0 : w), 0, month, sizeof month);
        if (r->nscen > 1)
            snprintf(buf, n,
                     "No scenario makes a clear change to %s over the whole period (every 95%% "
                     "interval of the difference from the baseline includes zero); in the baseline "
                     "it is %s by %s.",
                     subj, v, month);
        else
            snprintf(buf, n, "%c%s is %s by %s.", subj[0] & ~0x20, subj + 1, v, month);
        return w < 0 ? -1 : 0;
    }
    const chart_stat *alt = r->scen[s].weekly[m];
    int w = last_week(alt, base, r->weeks);
    if (w < 0) {
        snprintf(buf, n, "There are too few weekly values of %s to read.", subj);
        return -1;
    }
    /* "from" is the baseline and "to" the scenario, at the last week: the change the decision
     * makes, not the trend both share */
    char to[64], lo[64], hi[64], from[64], d[64], dlo[64], dhi[64];
    report_format_value(m, alt[w].mean, to, sizeof to);
    report_format_value(m, alt[w].ci_lo, lo, sizeof lo);
    report_format_value(m, alt[w].ci_hi, hi, sizeof hi);
    report_format_value(m, base[w].mean, from, sizeof from);
    const chart_diff *df = &r->scen[s].diff[m];
    report_format_diff(m, df->mean, d, sizeof d);
    report_format_diff(m, df->ci_lo, dlo, sizeof dlo);
    report_format_diff(m, df->ci_hi, dhi, sizeof dhi);
    drop_unit(dlo); /* "-25 to -17 points", not "-25 points to -17 points" */
    chart_month_label(chart_results_week_date(r, w), 0, month, sizeof month);
    if (!strcmp(from, to))
        snprintf(buf, n,
                 "Under %s %s is %s by %s (95%% interval %s to %s), the same as in the baseline; "
                 "over the whole period the difference is %s (95%% interval %s to %s)%s.",
                 r->scen[s].id, subj, to, month, lo, hi, d, dlo, dhi, others);
    else
        snprintf(buf, n,
                 "Under %s %s %s from %s in the baseline to %s (95%% interval %s to %s) by %s; "
                 "over the whole period the difference is %s (95%% interval %s to %s)%s.",
                 r->scen[s].id, subj, alt[w].mean > base[w].mean ? "rises" : "falls", from, to, lo,
                 hi, month, d, dlo, dhi, others);
    return 0;
}

/* Counts of key measures that are clearly worse and clearly better for scenario s. */
static void tally(const chart_results *r, int s, int *worse, int *better, int *measured)
{
    *worse = *better = *measured = 0;
    for (int i = 0; i < CHART_KEY_COUNT; i++) {
        metric_id m = chart_key_metric(i);
        const chart_diff *d = &r->scen[s].diff[m];
        if (!d->present || !isfinite(d->mean))
            continue;
        (*measured)++;
        if (!d->significant)
            continue;
        int up = d->mean > 0;
        if (up == report_higher_is_better(m))
            (*better)++;
        else
            (*worse)++;
    }
}

int report_reading_change(const chart_results *r, char *buf, size_t n)
{
    if (r->nscen < 2) {
        snprintf(buf, n, "Only one scenario was run, so there is nothing to compare.");
        return -1;
    }
    size_t w = (size_t)snprintf(buf, n, "Against the baseline, over the %d key measures: ",
                                CHART_KEY_COUNT);
    int k = 0;
    for (int s = 0; s < r->nscen; s++) {
        if (s == r->baseline)
            continue;
        int worse, better, measured;
        tally(r, s, &worse, &better, &measured);
        const char *sep = k == 0 ? "" : k == r->nscen - 2 ? "; and " : "; ";
        if (!measured)
            w += (size_t)snprintf(buf + w, w < n ? n - w : 0, "%s%s has no differences to show",
                                  sep, r->scen[s].id);
        else if (!worse && !better)
            w += (size_t)snprintf(buf + w, w < n ? n - w : 0, "%s%s makes no clear change to any",
                                  sep, r->scen[s].id);
        else if (!better)
            w += (size_t)snprintf(buf + w, w < n ? n - w : 0,
                                  "%s%s is clearly worse on %d and better on none", sep,
                                  r->scen[s].id, worse);
        else if (!worse)
            w += (size_t)snprintf(buf + w, w < n ? n - w : 0,
                                  "%s%s is clearly better on %d and worse on none", sep,
                                  r->scen[s].id, better);
        else
            w += (size_t)snprintf(buf + w, w < n ? n - w : 0,
                                  "%s%s is clearly worse on %d and clearly better on %d", sep,
                                  r->scen[s].id, worse, better);
        k++;
    }
    snprintf(buf + w, w < n ? n - w : 0, ".");
    return 0;
}

int report_reading_days(const chart_results *r, char *buf, size_t n)
{
    const chart_scenario *b = &r->scen[r->baseline];
    if (!b->has_days) {
        snprintf(buf, n, "There are no assessment times to read.");
        return -1;
    }
    int lo = -1, hi = -1;
    for (int s = 0; s < r->nscen; s++) {
        if (s == r->baseline || !r->scen[s].has_days)
            continue;
        if (lo < 0 || r->scen[s].days_cum[45] < r->scen[lo].days_cum[45])
            lo = s;
        if (hi < 0 || r->scen[s].days_cum[45] > r->scen[hi].days_cum[45])
            hi = s;
    }
    char v[32], vl[32], vh[32], tail[96] = "";
    report_format_value(M_share_within_45wd, b->days_cum[45], v, sizeof v);
    /* the chart stops at 120 days: say how many are beyond its right edge when that matters */
    if (b->days_share[CHART_DAYS_MAX] >= 0.01) {
        char t[32];
        report_format_value(M_share_within_45wd, b->days_share[CHART_DAYS_MAX], t, sizeof t);
        snprintf(tail, sizeof tail, " (and %s take %d working days or more)", t, CHART_DAYS_MAX);
    }
    if (lo < 0) {
        snprintf(buf, n, "%s of assessments are completed within 45 working days%s.", v, tail);
        return 0;
    }
    report_format_value(M_share_within_45wd, r->scen[lo].days_cum[45], vl, sizeof vl);
    report_format_value(M_share_within_45wd, r->scen[hi].days_cum[45], vh, sizeof vh);
    if (lo == hi)
        snprintf(buf, n,
                 "In the baseline %s of assessments are completed within 45 working days%s, and "
                 "under %s %s.",
                 v, tail, r->scen[lo].id, vl);
    else
        snprintf(buf, n,
                 "In the baseline %s of assessments are completed within 45 working days%s; among "
                 "the alternatives the share is lowest under %s (%s) and highest under %s (%s).",
                 v, tail, r->scen[lo].id, vl, r->scen[hi].id, vh);
    return 0;
}
