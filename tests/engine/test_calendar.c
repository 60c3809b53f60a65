/* Tests of the calendar (include/engine/calendar.h): every year 2010-2026 against the bank holidays
 * published on gov.uk for England and Wales, working days per year, the one-offs before 2010,
 * civil-date arithmetic, and the working-day clock (round trip, weekends to the next working day). */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "check.h"

/* From the published lists (gov.uk/bank-holidays and its archives), written out by hand. */
static const struct {
    int year;
    int working_days;
    const char *dates;
} published[] = {
    {2010, 253, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28"},
    {2011, 251, "01-03 04-22 04-25 04-29 05-02 05-30 08-29 12-26 12-27"},
    {2012, 252, "01-02 04-06 04-09 05-07 06-04 06-05 08-27 12-25 12-26"},
    {2013, 253, "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26"},
    {2014, 253, "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26"},
    {2015, 253, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28"},
    {2016, 253, "01-01 03-25 03-28 05-02 05-30 08-29 12-26 12-27"},
    {2017, 252, "01-02 04-14 04-17 05-01 05-29 08-28 12-25 12-26"},
    {2018, 253, "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26"},
    {2019, 253, "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26"},
    {2020, 254, "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28"},
    {2021, 253, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28"},
    {2022, 250, "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27"},
    {2023, 251, "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26"},
    {2024, 254, "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26"},
    {2025, 253, "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26"},
    {2026, 253, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28"},
};

static void check_year(int year, const char *dates, int working_days)
{
    cal_holiday h[20];
    int n = cal_bank_holidays(year, h, 20);
    int want = (int)(strlen(dates) + 1) / 6;
    if (n != want) {
        fprintf(stderr, "%d: %d bank holidays, want %d\n", year, n, want);
        check_failed++;
        return;
    }
    for (int i = 0; i < n; i++) {
        char got[11];
        cal_format_iso(h[i].date, got);
        if (strncmp(got + 5, dates + 6 * i, 5) != 0 || h[i].name == NULL ||
            !cal_is_bank_holiday(h[i].date) || cal_is_working_day(h[i].date) ||
            cal_weekday(h[i].date) > 5) {
            fprintf(stderr, "%d: holiday %d is %s (%s), want %.5s\n", year, i, got, h[i].name,
                    dates + 6 * i);
            check_failed++;
        }
    }
    int wd = cal_working_days_in_year(year);
    if (wd != working_days) {
        fprintf(stderr, "%d: %d working days, want %d\n", year, wd, working_days);
        check_failed++;
    }
}

static const char *name_on(int y, int m, int d)
{
    cal_holiday h[20];
    int n = cal_bank_holidays(y, h, 20);
    for (int i = 0; i < n; i++)
        if (h[i].date == cal_from_ymd(y, m, d))
            return h[i].name;
    return "";
}

static void test_published(void)
{
    for (size_t i = 0; i < sizeof published / sizeof published[0]; i++)
        check_year(published[i].year, published[i].dates, published[i].working_days);
    CHECK(strstr(name_on(2010, 12, 27), "Christmas Day (substitute day)"));
    CHECK(strstr(name_on(2010, 12, 28), "Boxing Day (substitute day)"));
    CHECK(!strcmp(name_on(2016, 12, 26), "Boxing Day"));
    CHECK(strstr(name_on(2016, 12, 27), "Christmas Day (substitute day)"));
    CHECK(strstr(name_on(2011, 1, 3), "New Year"));
    CHECK(strstr(name_on(2020, 5, 8), "VE day"));
    CHECK(strstr(name_on(2022, 9, 19), "Funeral"));
    CHECK(strstr(name_on(2023, 5, 8), "coronation"));
}

static void test_earlier_one_offs(void)
{
    check_year(1995, "01-02 04-14 04-17 05-08 05-29 08-28 12-25 12-26", 252);
    check_year(1999, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28 12-31", 252);
    check_year(2000, "01-03 04-21 04-24 05-01 05-29 08-28 12-25 12-26", 252);
    check_year(2002, "01-01 03-29 04-01 05-06 06-03 06-04 08-26 12-25 12-26", 252);
    CHECK(cal_bank_holidays(1989, NULL, 0) == -1);
    CHECK(cal_bank_holidays(2101, NULL, 0) == -1);
    CHECK(cal_working_days_in_year(2101) == -1);
    CHECK(cal_bank_holidays(2100, NULL, 0) == 8); /* count even when nothing is written */
    cal_holiday two[2];
    CHECK(cal_bank_holidays(2022, two, 2) == 10 && two[1].date == cal_from_ymd(2022, 4, 15));
    /* Easter near its extremes: 23 March 2008, 25 April 2038. */
    check_year(2008, "01-01 03-21 03-24 05-05 05-26 08-25 12-25 12-26", 254);
    check_year(2038, "01-01 04-23 04-26 05-03 05-31 08-30 12-27 12-28", 253);
}

static void test_dates(void)
{
    CHECK(cal_from_ymd(1970, 1, 1) == 0);
    CHECK(cal_from_ymd(2000, 3, 1) == 11017);
    CHECK(cal_weekday(0) == 4);                          /* Thursday */
    CHECK(cal_weekday(cal_from_ymd(2024, 2, 29)) == 4);  /* Thursday */
    CHECK(cal_weekday(cal_from_ymd(1990, 1, 1)) == 1);   /* Monday */
    CHECK(cal_valid_ymd(2024, 2, 29) && !cal_valid_ymd(2023, 2, 29));
    CHECK(!cal_valid_ymd(2100, 2, 29) && cal_valid_ymd(2000, 2, 29));
    CHECK(!cal_valid_ymd(2023, 13, 1) && !cal_valid_ymd(2023, 4, 31) && !cal_valid_ymd(2023, 1, 0));
    for (cal_date d = cal_from_ymd(1990, 1, 1); d <= cal_from_ymd(2100, 12, 31); d++) {
        int y, m, day;
        cal_to_ymd(d, &y, &m, &day);
        if (cal_from_ymd(y, m, day) != d || !cal_valid_ymd(y, m, day))
            check_failed++;
    }
    cal_date d;
    CHECK(cal_parse_iso("2022-09-19", &d) == 0 && d == cal_from_ymd(2022, 9, 19));
    char buf[11];
    cal_format_iso(d, buf);
    CHECK(!strcmp(buf, "2022-09-19"));
    const char *bad[] = {"2022-9-19", "2022-02-30", "2022-09-19x", "20220919", "", "abcd-ef-gh",
                         "2022-13-01", " 2022-09-19"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(cal_parse_iso(bad[i], &d) == -1);
}

static void test_workdays(void)
{
    cal_date first = cal_from_ymd(2010, 1, 1), last = cal_from_ymd(2026, 12, 31);
    cal_workdays *w = cal_workdays_create(first, last);
    CHECK(w != NULL);
    if (!w)
        return;
    int32_t total = 0;
    for (size_t i = 0; i < sizeof published / sizeof published[0]; i++)
        total += published[i].working_days;
    CHECK(cal_workdays_count(w) == total);
    CHECK(cal_workdays_first(w) == first && cal_workdays_last(w) == last);
    CHECK(cal_workdays_index(w, first) == 0); /* 1 Jan 2010 is a holiday: maps to 4 Jan */
    CHECK(cal_workdays_date(w, 0) == cal_from_ymd(2010, 1, 4));
    /* Round trip for every working day, and each date maps to the next working day on or after. */
    for (int32_t i = 0; i < cal_workdays_count(w); i++) {
        cal_date di = cal_workdays_date(w, i);
        if (!cal_is_working_day(di) || cal_workdays_index(w, di) != i)
            check_failed++;
        if (i > 0 && di <= cal_workdays_date(w, i - 1))
            check_failed++;
    }
    for (cal_date d = first; d <= last; d++) {
        int32_t i = cal_workdays_index(w, d);
        cal_date to = cal_workdays_date(w, i);
        int ok = to >= d;
        for (cal_date x = d; x < to; x++)
            ok &= !cal_is_working_day(x);
        if (!ok)
            check_failed++;
    }
    /* Saturday 6 Feb 2021 and Sunday 7 Feb go to Monday 8 Feb. */
    cal_date mon = cal_from_ymd(2021, 2, 8);
    CHECK(cal_workdays_index(w, mon - 2) == cal_workdays_index(w, mon));
    CHECK(cal_workdays_index(w, mon - 1) == cal_workdays_index(w, mon));
    CHECK(cal_workdays_index(w, mon - 3) == cal_workdays_index(w, mon) - 1); /* Friday */
    /* Easter weekend 2022: Thursday 14 April, then Tuesday 19 April. */
    CHECK(cal_workdays_index(w, cal_from_ymd(2022, 4, 19)) -
              cal_workdays_index(w, cal_from_ymd(2022, 4, 14)) == 1);
    /* Clamping. */
    CHECK(cal_workdays_index(w, first - 100) == 0);
    CHECK(cal_workdays_date(w, -5) == cal_workdays_date(w, 0));
    cal_workdays_destroy(w);

    /* A span ending on a Saturday: that day maps to count, the following Monday. */
    w = cal_workdays_create(cal_from_ymd(2024, 1, 1), cal_from_ymd(2024, 1, 6));
    CHECK(w && cal_workdays_count(w) == 4); /* 1 Jan is a holiday; 2-5 Jan */
    CHECK(w && cal_workdays_index(w, cal_from_ymd(2024, 1, 6)) == 4);
    CHECK(w && cal_workdays_date(w, 4) == cal_from_ymd(2024, 1, 8));
    CHECK(w && cal_workdays_date(w, 99) == cal_from_ymd(2024, 1, 8));
    cal_workdays_destroy(w);
    CHECK(cal_workdays_create(cal_from_ymd(1989, 12, 31), cal_from_ymd(1990, 1, 5)) == NULL);
    CHECK(cal_workdays_create(cal_from_ymd(2000, 1, 5), cal_from_ymd(2000, 1, 4)) == NULL);
    w = cal_workdays_create(cal_from_ymd(2100, 12, 1), cal_from_ymd(2100, 12, 31));
    CHECK(w && cal_workdays_count(w) == 21); /* 23 weekdays, less the substitutes on 27 and 28 Dec */
    cal_workdays_destroy(w);
}

int main(void)
{
    test_published();
    test_earlier_one_offs();
    test_dates();
    test_workdays();
    return check_done("test_calendar");
}
