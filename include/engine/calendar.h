/* calendar: civil dates, England and Wales bank holidays, and the working-day clock.
 *
 * A cal_date is a day number: days since 1970-01-01 (proleptic Gregorian), so date arithmetic is
 * integer arithmetic. Working days are Monday to Friday less bank holidays in England and Wales
 * (fixed and moving days, substitute days, and the one-off changes since 1995), for 1990 to 2100.
 *
 * The model's clock counts working days from the start of a run. A cal_workdays table, built once
 * for a span of dates, converts both ways in O(1); it is immutable after creation, so one table may
 * be shared by every replication and thread.
 */
#ifndef CASELOAD_CALENDAR_H
#define CASELOAD_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t cal_date;

#define CAL_FIRST_YEAR 1990
#define CAL_LAST_YEAR 2100

/* "A year", one constant per meaning:
 *   CAL_WORKDAYS_YEAR  working days in a year, on average: 261 weekdays less 8 bank holidays; the
 *                      model's clock counts these, so rates a year (turnover, escalation) and
 *                      "within 12 months" use it;
 *   CAL_WEEKDAYS_YEAR  52.2 weeks of five working days: a duration written in years or months in a
 *                      scenario (`2y`, `6m`) counts weeks of five days, as `12w` does;
 *   CAL_DAYS_YEAR      calendar days in a year: dates, and the weeks of a run. */
#define CAL_WORKDAYS_YEAR 253.0
#define CAL_WEEKDAYS_YEAR 261.0
#define CAL_DAYS_YEAR 365.25

cal_date cal_from_ymd(int year, int month, int day); /* month 1-12, day 1-31; no range check */
void cal_to_ymd(cal_date d, int *year, int *month, int *day);
int cal_weekday(cal_date d); /* 1 = Monday ... 7 = Sunday (ISO) */
int cal_valid_ymd(int year, int month, int day); /* 1 if a real date */

/* Parse "YYYY-MM-DD" exactly (the whole string). Returns 0, or -1 when malformed or not a date. */
int cal_parse_iso(const char *s, cal_date *out);
void cal_format_iso(cal_date d, char buf[11]); /* writes "YYYY-MM-DD\0" */

typedef struct cal_holiday {
    cal_date date;
    const char *name; /* static text, e.g. "Easter Monday" */
} cal_holiday;

/* The bank holidays of one year in date order. Returns how many there are (also when more than
 * `cap`, in which case only `cap` are written), or -1 for a year outside CAL_FIRST_YEAR..LAST. */
int cal_bank_holidays(int year, cal_holiday *out, size_t cap);
int cal_is_bank_holiday(cal_date d);
int cal_is_working_day(cal_date d);
int cal_working_days_in_year(int year);

/* The working-day clock over [first, last]. Working day 0 is the first working day on or after
 * `first`. */
typedef struct cal_workdays cal_workdays;

cal_workdays *cal_workdays_create(cal_date first, cal_date last); /* NULL: out of memory or range */
void cal_workdays_destroy(cal_workdays *w);
cal_date cal_workdays_first(const cal_workdays *w);
cal_date cal_workdays_last(const cal_workdays *w);
int32_t cal_workdays_count(const cal_workdays *w);
/* Working-day index of d: of d itself if a working day, else of the next working day (so a contact
 * that lands at a weekend is handled from Monday). Dates outside the span are clamped. Non-working
 * days at the very end of the span map to count (the first working day after the span). */
int32_t cal_workdays_index(const cal_workdays *w, cal_date d);
/* The date of working day i, for i clamped to 0..count (count: the first working day after the
 * span, so that index and date round-trip for every date in the span). */
cal_date cal_workdays_date(const cal_workdays *w, int32_t i);

#endif
