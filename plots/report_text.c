/* report: number formats and the sentences that read each chart. See include/plots/report.h and
 * docs/report.md (which states the rules these functions follow). */
#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

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
    if (v == 0)
        snprintf(buf, n, "0");
    else if (a >= 1000)
        with_commas(v, buf, n);
    else if (a >= 100)
        snprintf(buf, n, "%.0f", v);
    else if (a >= 1)
        snprintf(buf, n, "%.1f", v);
    else if (a >= 0.01)
        snprintf(buf, n, "%.2f", v);
    else /* small but not nothing: one significant figure ("0.003"), never "0.00" */
        snprintf(buf, n, "%.1g", v);
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
        snprintf(buf, n, "no value");
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
        snprintf(buf, n, "no value");
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

/* ---- an interval that shows its width ---- */

/* A difference as report_format_diff, or with `decimals` fixed digits when decimals >= 0. */
static void diff_digits(metric_id m, double d, int decimals, char *buf, size_t n)
{
    if (decimals < 0 || !isfinite(d)) {
        report_format_diff(m, d, buf, n);
        return;
    }
    int share = metric_kind_of(m) == MK_SHARE;
    double v = share ? d * 100 : d;
    char num[64];
    snprintf(num, sizeof num, "%+.*f", decimals, v);
    snprintf(buf, n, "%s%s", num, share ? " points" : "");
}

void report_format_interval(metric_id m, double d, double lo, double hi, char *bd, char *blo,
                            char *bhi, size_t n)
{
    /* money keeps its own format; other measures gain digits until the ends differ, so a narrow
     * interval never reads "+62 (95% interval +62 to +62)" */
    for (int dec = -1; dec <= 3; dec++) {
        diff_digits(m, d, dec, bd, n);
        diff_digits(m, lo, dec, blo, n);
        diff_digits(m, hi, dec, bhi, n);
        if (strcmp(blo, bhi) || lo == hi || !strcmp(metric_unit(m), "pounds"))
            return;
        if (dec < 0) { /* start from the digits the plain format showed */
            const char *dot = strchr(bd, '.');
            dec = dot ? (int)strspn(dot + 1, "0123456789") : 0;
        }
    }
}

/* ---- names and subjects ---- */

/* "the share of assessments completed within 45 working days": the label, lower-cased at the
 * start, after "the number of" for counts (so the verb is singular) or "the share of". */
static void subject(metric_id m, char *buf, size_t n)
{
    const char *l = metric_label(m);
    metric_kind k = metric_kind_of(m);
    const char *lead = k == MK_SHARE                                              ? "the share of "
                       : (k == MK_STOCK || k == MK_FLOW) && !strstr(metric_unit(m), " per ")
                           ? "the number of "
                           : "";
    snprintf(buf, n, "%s%c%s", lead, l[0] | 0x20, l + 1);
}

/* "Apr 2010 to Mar 2015" for weeks [w0, w1). */
static void span(const chart_results *r, int w0, int w1, char *buf, size_t n)
{
    char a[32], b[32];
    chart_month_label(chart_results_week_date(r, w0), 0, a, sizeof a);
    chart_month_label(chart_results_week_date(r, w1) - 1, 0, b, sizeof b);
    snprintf(buf, n, "%s to %s", a, b);
}

/* The weeks of "the last 12 months": the last 52 (all of them in a shorter run). */
static int last_year_start(const chart_results *r) { return r->weeks > 52 ? r->weeks - 52 : 0; }

/* Mean of the weekly means over weeks [w0, w1); NAN when none. */
static double weeks_mean(const chart_stat *w, int w0, int w1)
{
    double sum = 0;
    int k = 0;
    for (int i = w0; w && i < w1; i++)
        if (isfinite(w[i].mean)) {
            sum += w[i].mean;
            k++;
        }
    return k ? sum / k : NAN;
}

/* Appends printf text to buf at *w (never past n). */
static void add(char *buf, size_t n, size_t *w, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void add(char *buf, size_t n, size_t *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (*w < n) {
        int k = vsnprintf(buf + *w, n - *w, fmt, ap);
        *w += k > 0 ? (size_t)k : 0;
    }
    va_end(ap);
}

/* "337 a year", "61", "3.2 points": a size, unsigned, with the basis flows are counted in. */
static void amount(metric_id m, double d, char *buf, size_t n)
{
    char num[48];
    report_format_diff(m, fabs(d), num, sizeof num);
    const char *p = num[0] == '+' ? num + 1 : num;
    snprintf(buf, n, "%s%s", p, metric_kind_of(m) == MK_FLOW && strcmp(metric_unit(m), "pounds")
                                    ? " a year"
                                    : strcmp(metric_unit(m), "pounds") ? "" : " a year");
}

/* ---- why it moved: demand turned away ---- */

/* The measures whose rise shows need left unmet (repeat contacts, unmet high need). */
static const metric_id unmet_signals[] = {M_families_3plus_contacts_no_assessment,
                                          M_unmet_high_need_child_days,
                                          M_families_5plus_contacts_no_assessment};

/* Shorter waits under a scenario that also pays for more staff (a move into units with support
 * posts on top, say) are partly bought, not only rationed: 1 with "it costs £3.6m a year more" in
 * buf when the total cost rises clearly. */
static int capacity_added(const chart_results *r, int s, char *buf, size_t n)
{
    const chart_diff *c = &r->scen[s].diff[M_cost_total];
    if (chart_judge(r, s, M_cost_total) != RV_CLEAR || c->mean <= 0)
        return 0;
    char a[96];
    amount(M_cost_total, c->mean, a, sizeof a);
    snprintf(buf, n, "it costs %s more", a);
    return 1;
}

int report_turned_away(const chart_results *r, int s, char *buf, size_t n)
{
    buf[0] = 0;
    const chart_diff *ref = &r->scen[s].diff[M_referrals];
    if (chart_judge(r, s, M_referrals) != RV_CLEAR || ref->mean >= 0)
        return 0;
    char a[96], sj[200];
    size_t w = 0;
    int rising = 0;
    /* the first two signals that rise clearly (5+ contacts only when 3+ does not) */
    for (size_t i = 0; i < sizeof unmet_signals / sizeof unmet_signals[0] && rising < 2; i++) {
        metric_id m = unmet_signals[i];
        if (chart_judge(r, s, m) != RV_CLEAR || r->scen[s].diff[m].mean <= 0)
            continue;
        amount(m, r->scen[s].diff[m].mean, a, sizeof a);
        snprintf(sj, sizeof sj, "%s", m == M_unmet_high_need_child_days
                                          ? "child-days at protection level with no assessment "
                                            "or plan"
                                      : m == M_families_3plus_contacts_no_assessment
                                          ? "families with 3 or more contacts and no assessment"
                                          : "families with 5 or more contacts and no "
                                            "assessment");
        add(buf, n, &w, "%s%s rise by %s", rising ? " and " : " while ", sj, a);
        rising++;
    }
    if (!rising) {
        buf[0] = 0;
        return 0;
    }
    char tail[600], more[200];
    snprintf(tail, sizeof tail, "%s", buf);
    amount(M_referrals, ref->mean, a, sizeof a);
    snprintf(buf, n, ", because demand was turned away, not met: referrals fall by %s%s", a, tail);
    if (capacity_added(r, s, more, sizeof more)) {
        w = strlen(buf);
        add(buf, n, &w, ", and capacity was added (%s)", more);
    }
    return 1;
}

/* 1 when the clear change of m under s is one that turning demand away produces: fewer cases
 * per worker, shorter waits, shorter queues, more assessments in time. */
static int rationing_shows_as(const chart_results *r, int s, metric_id m);

int report_rationed(const chart_results *r, int s, metric_id m)
{
    char why[800];
    return rationing_shows_as(r, s, m) && report_turned_away(r, s, why, sizeof why);
}

static int rationing_shows_as(const chart_results *r, int s, metric_id m)
{
    static const metric_id eased[] = {M_caseload_per_sw, M_unallocated_cases,
                                      M_wd_to_assessment_mean, M_wd_to_assessment_median,
                                      M_wd_to_assessment_p90, M_share_within_45wd,
                                      M_days_to_allocation, M_share_sw_over_20,
                                      M_share_sw_over_25};
    for (size_t i = 0; i < sizeof eased / sizeof eased[0]; i++)
        if (eased[i] == m)
            return chart_better(r, s, m) > 0;
    return 0;
}

/* ---- over capacity: the stated trend test ---- */

int report_over_capacity(const chart_results *r, int s, metric_id m, double *growth)
{
    const chart_stat *w = r->scen[s].weekly[m];
    if (!w || r->weeks < 52 || !metric_is_queue(m))
        return 0;
    double q[4];
    int w0 = r->weeks - 52;
    for (int k = 0; k < 4; k++) {
        q[k] = weeks_mean(w, w0 + 13 * k, w0 + 13 * (k + 1));
        if (!isfinite(q[k]) || (k > 0 && !(q[k] > q[k - 1])))
            return 0;
    }
    double small = chart_smallest(r, m);
    *growth = q[3] - q[0];
    return *growth >= (isfinite(small) ? small : 0) && *growth > 0;
}

/* ---- probability statements ---- */

/* The value the whole-period average stays below (lower is better) or above (higher is better) in
 * 9 runs out of 10; NAN without per-run values. */
static double nine_in_ten(const chart_results *r, int s, metric_id m, int above)
{
    const double *v = r->scen[s].reps[m];
    if (!v)
        return NAN;
    double *x = malloc((size_t)r->replications * sizeof *x);
    size_t k = 0;
    for (int i = 0; x && i < r->replications; i++)
        if (isfinite(v[i]))
            x[k++] = v[i];
    double q = NAN;
    if (k >= 10) {
        gsl_sort(x, 1, k);
        q = gsl_stats_quantile_from_sorted_data(x, 1, k, above ? 0.1 : 0.9);
    }
    free(x);
    return q;
}

static void probability(const chart_results *r, metric_id m, int s, char *buf, size_t n,
                        size_t *w)
{
    metric_direction dir = r->measure[m].dir;
    if (dir != MD_LOWER && dir != MD_HIGHER)
        return;
    int above = dir == MD_HIGHER;
    double qb = nine_in_ten(r, r->baseline, m, above), qs = s >= 0 ? nine_in_ten(r, s, m, above)
                                                                   : NAN;
    if (!isfinite(qb))
        return;
    char sj[200], vb[64], vs[64];
    subject(m, sj, sizeof sj);
    report_format_value(m, qb, vb, sizeof vb);
    if (isfinite(qs)) {
        report_format_value(m, qs, vs, sizeof vs);
        add(buf, n, w, " Over the whole period, in 9 runs out of 10 %s averages %s %s under %s "
            "(baseline: %s %s).", sj, above ? "at least" : "at most", vs,
            chart_scenario_name(r, s), above ? "at least" : "at most", vb);
    } else {
        add(buf, n, w, " Over the whole period, in 9 runs out of 10 %s averages %s %s in the "
            "baseline.", sj, above ? "at least" : "at most", vb);
    }
}

/* ---- the fan chart readings ---- */

/* The alternative with the largest clear whole-period change of m, in units of its smallest
 * difference that matters; -1 when none is clear. */
static int headline(const chart_results *r, metric_id m)
{
    int best = -1;
    double small = chart_smallest(r, m), scale = isfinite(small) && small > 0 ? small : 1;
    double top = 0;
    for (int s = 0; s < r->nscen; s++) {
        if (chart_judge(r, s, m) != RV_CLEAR)
            continue;
        double size = fabs(r->scen[s].diff[m].mean) / scale;
        if (best < 0 || size > top) {
            best = s;
            top = size;
        }
    }
    return best;
}

/* "; Restructure and Investment make no clear change" (or nothing). */
static void no_clear_list(const chart_results *r, metric_id m, char *buf, size_t n, size_t *w)
{
    int total = 0, count = 0;
    for (int s = 0; s < r->nscen; s++)
        total += chart_judge(r, s, m) == RV_UNCLEAR || chart_judge(r, s, m) == RV_NEGLIGIBLE;
    for (int s = 0; s < r->nscen && total; s++) {
        chart_verdict v = chart_judge(r, s, m);
        if (v != RV_UNCLEAR && v != RV_NEGLIGIBLE)
            continue;
        const char *sep = count == 0 ? "; " : count == total - 1 ? " and " : ", ";
        add(buf, n, w, "%s%s", sep, chart_scenario_name(r, s));
        count++;
    }
    if (total)
        add(buf, n, w, " %s no clear change (within the 95%% interval of zero, or smaller than "
            "the smallest difference that matters)", total == 1 ? "makes" : "make");
}

static void judgement_word(const chart_results *r, int s, metric_id m, char *buf, size_t n,
                           size_t *w)
{
    int b = chart_better(r, s, m);
    if (b > 0)
        add(buf, n, w, ", better for children and families");
    else if (b < 0)
        add(buf, n, w, ", worse for children and families");
}

/* Whole period: the headline scenario against the baseline, with its interval and why. */
static void whole_period(const chart_results *r, metric_id m, int s, char *buf, size_t n,
                         size_t *w)
{
    char sj[200], per[96], from[64], to[64], d[64], lo[64], hi[64], why[800];
    subject(m, sj, sizeof sj);
    span(r, 0, r->weeks, per, sizeof per);
    const chart_scenario *b = &r->scen[r->baseline];
    report_format_value(m, b->summary[m].mean, from, sizeof from);
    if (s < 0) {
        if (r->nscen > 1)
            add(buf, n, w, "Over the whole period (%s) no scenario makes a clear change to %s "
                "(every difference from the baseline is within its 95%% interval of zero or "
                "smaller than the smallest difference that matters); in the baseline it averages "
                "%s.", per, sj, from);
        else
            add(buf, n, w, "Over the whole period (%s) %s averages %s.", per, sj, from);
        return;
    }
    const chart_diff *df = &r->scen[s].diff[m];
    report_format_value(m, r->scen[s].summary[m].mean, to, sizeof to);
    report_format_interval(m, df->mean, df->ci_lo, df->ci_hi, d, lo, hi, sizeof d);
    char *pts = strstr(lo, " points");
    if (pts)
        *pts = 0; /* "-25 to -17 points", not "-25 points to -17 points" */
    add(buf, n, w, "Over the whole period (%s) %s %s from %s in the baseline to %s under %s (%s, "
        "95%% interval %s to %s)", per, sj, df->mean > 0 ? "rises" : "falls", from, to,
        chart_scenario_name(r, s), d, lo, hi);
    if (rationing_shows_as(r, s, m) && report_turned_away(r, s, why, sizeof why))
        add(buf, n, w, "%s", why); /* the reason in the same sentence, not "better" */
    else
        judgement_word(r, s, m, buf, n, w);
    no_clear_list(r, m, buf, n, w);
    add(buf, n, w, ".");
}

/* Last 12 months: the same two scenarios, from the weekly means. */
static void last_year(const chart_results *r, metric_id m, int s, char *buf, size_t n, size_t *w)
{
    int w0 = last_year_start(r);
    char per[96], vb[64], vs[64], end[32];
    chart_month_label(chart_results_week_date(r, r->weeks) - 1, 0, end, sizeof end);
    snprintf(per, sizeof per, "the %d weeks to %s", r->weeks - w0, end);
    double b = weeks_mean(r->scen[r->baseline].weekly[m], w0, r->weeks);
    if (!isfinite(b))
        return;
    report_format_value(m, b, vb, sizeof vb);
    const char *months = r->weeks > 52 ? "In the last 12 months" : "Over the run";
    if (s >= 0 && isfinite(weeks_mean(r->scen[s].weekly[m], w0, r->weeks))) {
        report_format_value(m, weeks_mean(r->scen[s].weekly[m], w0, r->weeks), vs, sizeof vs);
        add(buf, n, w, " %s (%s) it averages %s under %s and %s in the baseline.", months, per,
            vs, chart_scenario_name(r, s), vb);
    } else {
        add(buf, n, w, " %s (%s) it averages %s in the baseline.", months, per, vb);
    }
}

static void capacity_warnings(const chart_results *r, metric_id m, char *buf, size_t n,
                              size_t *w)
{
    char sj[200], g[96], who[200];
    subject(m, sj, sizeof sj);
    for (int s = 0; s < r->nscen; s++) {
        double growth;
        if (!report_over_capacity(r, s, m, &growth))
            continue;
        amount(m, growth, g, sizeof g);
        if (s == r->baseline)
            snprintf(who, sizeof who, "in the baseline");
        else
            snprintf(who, sizeof who, "under %s", chart_scenario_name(r, s));
        add(buf, n, w, " Warning: %s %s keeps growing through the last 12 months (each quarter "
            "above the one before; %s more in the last quarter than in the first): the service "
            "is over capacity, and the queue has no ceiling within the run.", who, sj, g);
    }
}

int report_reading_fan(const chart_results *r, metric_id m, char *buf, size_t n)
{
    size_t w = 0;
    buf[0] = 0;
    char sj[200];
    subject(m, sj, sizeof sj);
    if (!r->scen[r->baseline].has_summary[m]) {
        snprintf(buf, n, "There are no values of %s to read.", sj);
        return -1;
    }
    int s = headline(r, m);
    whole_period(r, m, s, buf, n, &w);
    last_year(r, m, s, buf, n, &w);
    if (s >= 0 || r->nscen == 1) /* a statement on the scenario the sentence is about */
        probability(r, m, s, buf, n, &w);
    capacity_warnings(r, m, buf, n, &w);
    return 0;
}

/* ---- the change chart's reading ---- */

static int directional_keys(const chart_results *r)
{
    int k = 0;
    for (int i = 0; i < CHART_KEY_COUNT; i++) {
        metric_direction d = r->measure[chart_key_metric(i)].dir;
        k += d == MD_LOWER || d == MD_HIGHER;
    }
    return k;
}

/* Clearly better and clearly worse key measures of s, over the directional ones only. */
static void tally(const chart_results *r, int s, int *worse, int *better, int *measured)
{
    *worse = *better = *measured = 0;
    for (int i = 0; i < CHART_KEY_COUNT; i++) {
        metric_id m = chart_key_metric(i);
        metric_direction d = r->measure[m].dir;
        if ((d != MD_LOWER && d != MD_HIGHER) || chart_judge(r, s, m) == RV_NONE)
            continue;
        (*measured)++;
        int b = chart_better(r, s, m);
        *better += b > 0;
        *worse += b < 0;
    }
}

static void tally_text(const chart_results *r, int s, char *buf, size_t n, size_t *w)
{
    int worse, better, measured;
    const char *name = chart_scenario_name(r, s);
    tally(r, s, &worse, &better, &measured);
    if (!measured)
        add(buf, n, w, "%s has no differences to show", name);
    else if (!worse && !better)
        add(buf, n, w, "%s makes no clear change to any", name);
    else if (!better)
        add(buf, n, w, "%s is clearly worse on %d and better on none", name, worse);
    else if (!worse)
        add(buf, n, w, "%s is clearly better on %d and worse on none", name, better);
    else
        add(buf, n, w, "%s is clearly worse on %d and clearly better on %d", name, worse, better);
    char why[800];
    int eased = 0;
    for (int i = 0; i < CHART_KEY_COUNT; i++)
        eased |= rationing_shows_as(r, s, chart_key_metric(i));
    char more[200];
    if (better && eased && report_turned_away(r, s, why, sizeof why))
        add(buf, n, w, " (its lower caseloads or shorter waits come from demand turned away, not "
            "met%s%s)", capacity_added(r, s, more, sizeof more) ? ", and from capacity added: " : "",
            capacity_added(r, s, more, sizeof more) ? more : "");
}

/* "Investment costs £0.8m a year more", "Centre cut saves £0.4m a year". */
static void cost_text(const chart_results *r, char *buf, size_t n, size_t *w)
{
    int k = 0;
    for (int s = 0; s < r->nscen; s++) {
        chart_verdict v = chart_judge(r, s, M_cost_total);
        if (v == RV_NONE)
            continue;
        char a[96];
        amount(M_cost_total, r->scen[s].diff[M_cost_total].mean, a, sizeof a);
        add(buf, n, w, "%s%s ", k ? "; " : " On total cost, ", chart_scenario_name(r, s));
        if (v != RV_CLEAR)
            add(buf, n, w, "makes no clear difference");
        else if (r->scen[s].diff[M_cost_total].mean < 0)
            add(buf, n, w, "saves %s", a);
        else
            add(buf, n, w, "costs %s more", a);
        k++;
    }
    if (k)
        add(buf, n, w, ".");
}

int report_reading_change(const chart_results *r, char *buf, size_t n)
{
    if (r->nscen < 2) {
        snprintf(buf, n, "Only one scenario was run, so there is nothing to compare.");
        return -1;
    }
    size_t w = 0;
    buf[0] = 0;
    add(buf, n, &w, "Over the whole period, counting only the %d key measures where one direction "
        "is better for children and families (a difference counts when its 95%% interval "
        "excludes zero and it is at least the smallest difference that matters): ",
        directional_keys(r));
    int k = 0;
    for (int s = 0; s < r->nscen; s++) {
        if (s == r->baseline)
            continue;
        add(buf, n, &w, "%s", k == 0 ? "" : k == r->nscen - 2 ? "; and " : "; ");
        tally_text(r, s, buf, n, &w);
        k++;
    }
    add(buf, n, &w, ".");
    cost_text(r, buf, n, &w);
    return 0;
}

/* ---- how long assessments take ---- */

int report_reading_days(const chart_results *r, char *buf, size_t n)
{
    const chart_scenario *b = &r->scen[r->baseline];
    char per[96];
    span(r, 0, r->weeks, per, sizeof per);
    if (!b->has_days || !isfinite(b->days_cum[45])) {
        snprintf(buf, n, "No assessments were completed in the baseline's runs, so there is no "
                         "time to assessment to read.");
        return -1;
    }
    int lo = -1, hi = -1;
    for (int s = 0; s < r->nscen; s++) {
        if (s == r->baseline || !r->scen[s].has_days || !isfinite(r->scen[s].days_cum[45]))
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
    size_t w = 0;
    add(buf, n, &w, "Over the whole period (%s), %s of all the baseline's assessments are "
        "completed within 45 working days%s", per, v, tail);
    if (lo < 0) {
        add(buf, n, &w, ".");
        return 0;
    }
    report_format_value(M_share_within_45wd, r->scen[lo].days_cum[45], vl, sizeof vl);
    report_format_value(M_share_within_45wd, r->scen[hi].days_cum[45], vh, sizeof vh);
    if (lo == hi)
        add(buf, n, &w, ", and %s under %s.", vl, chart_scenario_name(r, lo));
    else
        add(buf, n, &w, "; among the alternatives the share is lowest under %s (%s) and highest "
            "under %s (%s).", chart_scenario_name(r, lo), vl, chart_scenario_name(r, hi), vh);
    return 0;
}
