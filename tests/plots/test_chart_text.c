/* Latin-1 conversion, nice ticks, date ticks and the number formats of the report. */
#include <math.h>

#include "chart.h"
#include "check.h"
#include "report.h"

static void latin1(void)
{
    char out[64];
    /* kept: ASCII, the pound sign, accented letters */
    chart_latin1("Cost \xC2\xA3" "1.2m caf\xC3\xA9", out, sizeof out);
    CHECK_STR(out, "Cost \xA3" "1.2m caf\xE9");
    /* replaced: dashes, curly quotes, ellipsis, euro, minus, non-breaking and thin spaces */
    chart_latin1("a\xE2\x80\x94" "b\xE2\x80\x93" "c", out, sizeof out);
    CHECK_STR(out, "a-b-c");
    chart_latin1("\xE2\x80\x9Cit\xE2\x80\x99s\xE2\x80\x9D", out, sizeof out);
    CHECK_STR(out, "\"it's\"");
    chart_latin1("wait\xE2\x80\xA6", out, sizeof out);
    CHECK_STR(out, "wait...");
    chart_latin1("\xE2\x82\xAC" "5 \xE2\x88\x92" "3", out, sizeof out);
    CHECK_STR(out, "EUR5 -3");
    chart_latin1("1\xC2\xA0" "000\xE2\x80\x89" "km", out, sizeof out);
    CHECK_STR(out, "1 000 km");
    /* unknown characters and malformed UTF-8 become '?', and conversion carries on */
    chart_latin1("x\xE4\xB8\xAD" "y", out, sizeof out); /* a CJK character */
    CHECK_STR(out, "x?y");
    chart_latin1("\xF0\x9F\x98\x80!", out, sizeof out); /* an emoji */
    CHECK_STR(out, "?!");
    chart_latin1("a\xC3" "b", out, sizeof out);         /* truncated sequence */
    CHECK_STR(out, "a?b");
    chart_latin1("\xC0\xAF", out, sizeof out);          /* overlong '/' */
    CHECK_STR(out, "??");
    chart_latin1("\xED\xA0\x80", out, sizeof out);      /* a surrogate */
    CHECK_STR(out, "???");
    /* bounded: never more than cap-1 bytes, and a replacement is never cut in half */
    char small[5];
    CHECK(chart_latin1("abc\xE2\x80\xA6", small, sizeof small) == 3);
    CHECK_STR(small, "abc");
    CHECK(chart_latin1("abcdefgh", small, sizeof small) == 4);
    CHECK_STR(small, "abcd");
}

static void ticks(void)
{
    chart_ticks t;
    CHECK(chart_nice_ticks(0, 27.3, 6, &t) == 0);
    CHECK(t.first == 0 && t.step == 10 && t.n == 4 && t.decimals == 0);
    CHECK(chart_nice_ticks(15.2, 25.1, 6, &t) == 0);
    CHECK(t.first == 15 && t.step == 5 && t.n == 4); /* step 2 would need 7 ticks: 14..26 */
    CHECK(chart_nice_ticks(0.71, 0.86, 6, &t) == 0);
    CHECK(fabs(t.step - 0.05) < 1e-12 && t.decimals == 2 && t.n <= 6);
    CHECK(t.first <= 0.71 && t.first + (t.n - 1) * t.step >= 0.86 - 1e-12);
    CHECK(chart_nice_ticks(-2300000, 650000, 5, &t) == 0);
    CHECK(t.step == 1000000 && t.first == -3000000 && t.n == 5);
    /* every step is 1, 2 or 5 times a power of ten, ticks cover the range, never too many */
    for (int i = 1; i < 2000; i++) {
        double lo = -50 + i * 0.37, hi = lo + i * i * 0.013;
        for (int max = 3; max <= 10; max++) {
            CHECK(chart_nice_ticks(lo, hi, max, &t) == 0);
            double m = t.step / pow(10, floor(log10(t.step)));
            CHECK(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9);
            CHECK(t.n >= 2 && t.n <= max);
            CHECK(t.first <= lo + 1e-9 * fabs(lo) && t.first + (t.n - 1) * t.step >= hi - 1e-9);
        }
    }
    CHECK(chart_nice_ticks(5, 5, 6, &t) == 0 && t.first < 5 && t.first + (t.n - 1) * t.step > 5);
    CHECK(chart_nice_ticks(0, 0, 6, &t) == 0 && t.n >= 2);
    CHECK(chart_nice_ticks(NAN, 1, 6, &t) == -1);
    CHECK(chart_nice_ticks(0, INFINITY, 6, &t) == -1);
    CHECK(chart_nice_ticks(0, 1, 2, &t) == -1);
    char buf[32];
    chart_ticks z = {-0.4, 0.2, 5, 1};
    chart_tick_label(&z, -0.4 + 2 * 0.2, buf, sizeof buf); /* floating residue at zero */
    CHECK_STR(buf, "0.0");
    chart_ticks big = {0, 50000, 3, 0};
    chart_tick_label(&big, -1250000, buf, sizeof buf);
    CHECK_STR(buf, "-1,250,000");
    chart_tick_label(&big, 5000, buf, sizeof buf);
    CHECK_STR(buf, "5,000"); /* the same separators as "10,000" on the same axis */
    chart_tick_label(&big, 999, buf, sizeof buf);
    CHECK_STR(buf, "999");
}

static void dates(void)
{
    cal_date out[64];
    char buf[32];
    /* five years from 5 April 2010: yearly ticks at January */
    int n = chart_date_ticks(cal_from_ymd(2010, 4, 5), cal_from_ymd(2015, 4, 5), 6, out, 64);
    CHECK(n == 5);
    chart_month_label(out[0], 0, buf, sizeof buf);
    CHECK_STR(buf, "Jan 2011");
    chart_month_label(out[4], 1, buf, sizeof buf);
    CHECK_STR(buf, "2015");
    /* one year with room for 12: quarterly would be 4, monthly 12 */
    n = chart_date_ticks(cal_from_ymd(2011, 1, 1), cal_from_ymd(2011, 12, 31), 12, out, 64);
    CHECK(n == 12);
    n = chart_date_ticks(cal_from_ymd(2011, 1, 1), cal_from_ymd(2011, 12, 31), 4, out, 64);
    CHECK(n == 4);
    chart_month_label(out[1], 0, buf, sizeof buf);
    CHECK_STR(buf, "Apr 2011");
    /* a date axis labelled with years alone never repeats a year, however wide */
    for (double width = 200; width <= 1600; width += 50) {
        int yearly;
        n = chart_date_axis(cal_from_ymd(2010, 4, 1), cal_from_ymd(2015, 3, 31), width, out, 64,
                            &yearly);
        CHECK(n >= 2);
        for (int i = 1; yearly && i < n; i++)
            CHECK(out[i] - out[i - 1] >= 365);
        CHECK(yearly || n * 150 <= width); /* month labels only when they fit */
    }
    /* a tick on the first day itself counts, one the day after does not */
    n = chart_date_ticks(cal_from_ymd(2012, 1, 1), cal_from_ymd(2012, 6, 30), 2, out, 64);
    CHECK(n == 2 && out[0] == cal_from_ymd(2012, 1, 1) && out[1] == cal_from_ymd(2012, 4, 1));
    n = chart_date_ticks(cal_from_ymd(2012, 1, 2), cal_from_ymd(2012, 6, 30), 2, out, 64);
    CHECK(n == 2 && out[0] == cal_from_ymd(2012, 3, 1));
}

static void formats(void)
{
    char buf[64];
    report_format_value(M_share_within_45wd, 0.8449, buf, sizeof buf);
    CHECK_STR(buf, "84%");
    report_format_value(M_share_sw_over_25, 0.004, buf, sizeof buf);
    CHECK_STR(buf, "0.4%");
    report_format_value(M_share_sw_over_25, 0, buf, sizeof buf);
    CHECK_STR(buf, "0%");
    report_format_value(M_caseload_per_sw, 18.24, buf, sizeof buf);
    CHECK_STR(buf, "18.2");
    report_format_value(M_unallocated_cases, 143.6, buf, sizeof buf);
    CHECK_STR(buf, "144");
    report_format_value(M_contacts, 12345.4, buf, sizeof buf);
    CHECK_STR(buf, "12,345");
    report_format_value(M_cost_total, 24.53e6, buf, sizeof buf);
    CHECK_STR(buf, "\xC2\xA3" "24.5m");
    report_format_value(M_cost_agency, 851234, buf, sizeof buf);
    CHECK_STR(buf, "\xC2\xA3" "851,000");
    report_format_value(M_caseload_per_sw, NAN, buf, sizeof buf);
    CHECK_STR(buf, "no value"); /* words, never "n/a of assessments" */
    report_format_diff(M_share_within_45wd, -0.1312, buf, sizeof buf);
    CHECK_STR(buf, "-13 points");
    report_format_diff(M_share_within_45wd, 0.046, buf, sizeof buf);
    CHECK_STR(buf, "+4.6 points");
    /* a small but clear difference keeps its sign and two figures: never "+0.0 points" */
    report_format_diff(M_share_sw_over_25, 0.000213, buf, sizeof buf);
    CHECK_STR(buf, "+0.021 points");
    report_format_diff(M_share_sw_over_25, 0, buf, sizeof buf);
    CHECK_STR(buf, "0 points");
    report_format_diff(M_caseload_per_sw, 3.5, buf, sizeof buf);
    CHECK_STR(buf, "+3.5");
    report_format_diff(M_caseload_per_sw, -0.0004, buf, sizeof buf);
    CHECK_STR(buf, "-0.0004"); /* small, not nothing: never "0.00" */
    report_format_value(M_early_help_waiting, 0.0031, buf, sizeof buf);
    CHECK_STR(buf, "0.003");
    report_format_value(M_families_3plus_contacts_no_assessment, 61.2, buf, sizeof buf);
    CHECK_STR(buf, "61"); /* whole families */
    report_format_value(M_families_3plus_contacts_no_assessment, 6.24, buf, sizeof buf);
    CHECK_STR(buf, "6.2");
    report_format_diff(M_early_help_waiting, 50.6, buf, sizeof buf);
    CHECK_STR(buf, "+51");
    report_format_diff(M_cost_total, -1.04e6, buf, sizeof buf);
    CHECK_STR(buf, "-\xC2\xA3" "1.0m");
    /* a narrow interval shows its width: never "+62 (95% interval +62 to +62)" */
    char d[64], lo[64], hi[64];
    report_format_interval(M_families_3plus_contacts_no_assessment, 61.94, 61.62, 62.31, d, lo,
                           hi, sizeof d);
    CHECK_STR(d, "+61.9");
    CHECK_STR(lo, "+61.6");
    CHECK_STR(hi, "+62.3");
    report_format_interval(M_caseload_per_sw, -3.2, -3.31, -3.12, d, lo, hi, sizeof d);
    CHECK_STR(d, "-3.2"); /* wide enough already: unchanged */
    CHECK_STR(lo, "-3.3");
    CHECK_STR(hi, "-3.1");
    report_format_interval(M_share_within_45wd, 0.0271, 0.0268, 0.0273, d, lo, hi, sizeof d);
    CHECK_STR(lo, "+2.68 points");
    CHECK_STR(hi, "+2.73 points");
    chart_axis_title(M_share_within_45wd, 0, buf, sizeof buf);
    CHECK_STR(buf, "% of assessments");
    chart_axis_title(M_share_within_45wd, 1, buf, sizeof buf);
    CHECK_STR(buf, "percentage points");
    chart_axis_title(M_unmet_high_need_child_days, 0, buf, sizeof buf);
    CHECK_STR(buf, "child-days a year");
}

int main(void)
{
    latin1();
    ticks();
    dates();
    formats();
    return check_done("test_chart_text");
}
