/* calendar: civil dates, England and Wales bank holidays, working-day clock (include/engine/calendar.h).
 *
 * Bank holidays are computed from the rules, not stored, so any year in range is right:
 *   New Year's Day (1 Jan; the next Monday if at a weekend), Good Friday and Easter Monday (Easter by
 *   the anonymous Gregorian computus), early May (first Monday in May), spring (last Monday in May),
 *   summer (last Monday in August), Christmas Day and Boxing Day (a holiday at a weekend moves to the
 *   next weekday not already a holiday), and the changes by proclamation listed in `moves` and
 *   `one_offs` below. The rules are the ones in force since 1978, which covers 1990-2100.
 */
#include "calendar.h"

#include <stdlib.h>
#include <string.h>

/* ---- civil dates (days since 1970-01-01, proleptic Gregorian; H. Hinnant's algorithms) ---- */

cal_date cal_from_ymd(int year, int month, int day)
{
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (cal_date)(era * 146097 + doe - 719468);
}

void cal_to_ymd(cal_date d, int *year, int *month, int *day)
{
    int z = d + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int m = mp + (mp < 10 ? 3 : -9);
    *day = doy - (153 * mp + 2) / 5 + 1;
    *month = m;
    *year = yoe + era * 400 + (m <= 2);
}

int cal_weekday(cal_date d)
{
    /* 1970-01-01 was a Thursday (4). */
    int w = (int)((d % 7 + 7) % 7); /* 0 = Thursday */
    return (w + 3) % 7 + 1;
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

int cal_valid_ymd(int year, int month, int day)
{
    return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int cal_parse_iso(const char *s, cal_date *out)
{
    int y, m, d;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) || digits(s + 5, 2, &m) ||
        digits(s + 8, 2, &d) || !cal_valid_ymd(y, m, d))
        return -1;
    *out = cal_from_ymd(y, m, d);
    return 0;
}

void cal_format_iso(cal_date d, char buf[11])
{
    int y, m, day;
    cal_to_ymd(d, &y, &m, &day);
    /* Written by hand: years are 4 digits in range, and this avoids -Wformat-truncation noise. */
    buf[0] = (char)('0' + y / 1000 % 10);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + day / 10);
    buf[9] = (char)('0' + day % 10);
    buf[10] = '\0';
}

/* ---- bank holidays ---- */

/* Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
static cal_date easter_sunday(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return cal_from_ymd(y, month, day);
}

static cal_date first_monday(int y, int month)
{
    cal_date d = cal_from_ymd(y, month, 1);
    return d + (8 - cal_weekday(d)) % 7;
}

static cal_date last_monday(int y, int month)
{
    cal_date d = cal_from_ymd(y, month, days_in_month(y, month));
    return d - (cal_weekday(d) + 6) % 7;
}

static int is_weekend(cal_date d) { return cal_weekday(d) >= 6; }

/* A regular holiday moved by proclamation to another date (and renamed). */
typedef struct move_rule {
    int year;
    int which; /* 0 early May, 1 spring */
    int month, day;
    const char *name;
} move_rule;

static const move_rule moves[] = {
    {1995, 0, 5, 8, "Early May bank holiday (VE day)"},
    {2002, 1, 6, 4, "Spring bank holiday"},
    {2012, 1, 6, 4, "Spring bank holiday"},
    {2020, 0, 5, 8, "Early May bank holiday (VE day)"},
    {2022, 1, 6, 2, "Spring bank holiday"},
};

static const struct {
    int year, month, day;
    const char *name;
} one_offs[] = {
    {1999, 12, 31, "Millennium celebrations"},
    {2002, 6, 3, "Queen's Golden Jubilee"},
    {2011, 4, 29, "Royal wedding"},
    {2012, 6, 5, "Queen's Diamond Jubilee"},
    {2022, 6, 3, "Platinum Jubilee bank holiday"},
    {2022, 9, 19, "Bank Holiday for the State Funeral of Queen Elizabeth II"},
    {2023, 5, 8, "Bank holiday for the coronation of King Charles III"},
};

#define MAX_HOLIDAYS 16
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

typedef struct year_list {
    cal_holiday h[MAX_HOLIDAYS];
    int n;
} year_list;

static void add(year_list *l, cal_date d, const char *name)
{
    l->h[l->n].date = d;
    l->h[l->n].name = name;
    l->n++;
}

static int listed(const year_list *l, cal_date d)
{
    for (int i = 0; i < l->n; i++)
        if (l->h[i].date == d)
            return 1;
    return 0;
}

/* A holiday whose day falls at a weekend: the holiday is kept under its name on the day and the
 * substitute is the first weekday after it not already a holiday. Christmas and Boxing Day are
 * added in order so that Boxing Day's substitute goes after Christmas's. */
static void add_with_substitute(year_list *l, cal_date d, const char *name, const char *sub)
{
    if (!is_weekend(d)) {
        add(l, d, name);
        return;
    }
    cal_date s = d + 1;
    while (is_weekend(s) || listed(l, s))
        s++;
    add(l, s, sub);
}

static void add_may(year_list *l, int y, int which, cal_date regular, const char *name)
{
    for (size_t i = 0; i < NELEM(moves); i++)
        if (moves[i].year == y && moves[i].which == which) {
            add(l, cal_from_ymd(y, moves[i].month, moves[i].day), moves[i].name);
            return;
        }
    add(l, regular, name);
}

static int by_date(const void *x, const void *y)
{
    const cal_holiday *a = x, *b = y;
    return (a->date > b->date) - (a->date < b->date);
}

/* Every bank holiday of year y, in date order (any year; the rules are those of 1978 on). */
static void year_holidays(int y, year_list *l)
{
    l->n = 0;
    cal_date easter = easter_sunday(y);
    add_with_substitute(l, cal_from_ymd(y, 1, 1), "New Year's Day",
                        "New Year's Day (substitute day)");
    add(l, easter - 2, "Good Friday");
    add(l, easter + 1, "Easter Monday");
    add_may(l, y, 0, first_monday(y, 5), "Early May bank holiday");
    add_may(l, y, 1, last_monday(y, 5), "Spring bank holiday");
    add(l, last_monday(y, 8), "Summer bank holiday");
    /* Christmas at a weekend keeps its substitute on the 27th; Boxing Day on a Sunday after a
     * Saturday Christmas goes to the 28th; on a Monday after a Sunday Christmas it stays. */
    cal_date xmas = cal_from_ymd(y, 12, 25), boxing = xmas + 1;
    if (cal_weekday(xmas) == 7) {
        add(l, boxing, "Boxing Day");
        add_with_substitute(l, xmas, "Christmas Day", "Christmas Day (substitute day)");
    } else {
        add_with_substitute(l, xmas, "Christmas Day", "Christmas Day (substitute day)");
        add_with_substitute(l, boxing, "Boxing Day", "Boxing Day (substitute day)");
    }
    for (size_t i = 0; i < NELEM(one_offs); i++)
        if (one_offs[i].year == y)
            add(l, cal_from_ymd(y, one_offs[i].month, one_offs[i].day), one_offs[i].name);
    qsort(l->h, (size_t)l->n, sizeof l->h[0], by_date);
}

static int in_range(int year) { return year >= CAL_FIRST_YEAR && year <= CAL_LAST_YEAR; }

int cal_bank_holidays(int year, cal_holiday *out, size_t cap)
{
    if (!in_range(year))
        return -1;
    year_list l;
    year_holidays(year, &l);
    for (int i = 0; i < l.n && (size_t)i < cap; i++)
        out[i] = l.h[i];
    return l.n;
}

int cal_is_bank_holiday(cal_date d)
{
    int y, m, day;
    cal_to_ymd(d, &y, &m, &day);
    year_list l;
    year_holidays(y, &l);
    return listed(&l, d);
}

int cal_is_working_day(cal_date d) { return !is_weekend(d) && !cal_is_bank_holiday(d); }

int cal_working_days_in_year(int year)
{
    if (!in_range(year))
        return -1;
    year_list l;
    year_holidays(year, &l);
    int n = 0;
    for (cal_date d = cal_from_ymd(year, 1, 1), end = cal_from_ymd(year + 1, 1, 1); d < end; d++)
        n += !is_weekend(d) && !listed(&l, d);
    return n;
}

/* ---- the working-day clock ---- */

struct cal_workdays {
    cal_date first, last; /* the span */
    int32_t count;        /* working days in the span */
    int32_t *index;       /* index[d - first]: working day of d, or of the next one (may be count) */
    cal_date *date;       /* date[i] for i in 0..count; date[count] is the first working day after */
};

/* Fill w->index and, when dates is not NULL, w->date; returns the count. One pass per year. */
static int32_t scan(cal_workdays *w, cal_date *dates)
{
    int32_t n = 0;
    int cur_year = -1;
    year_list l = {.n = 0};
    for (cal_date d = w->first;; d++) {
        int y, m, day;
        cal_to_ymd(d, &y, &m, &day);
        if (y != cur_year) {
            year_holidays(y, &l);
            cur_year = y;
        }
        if (d <= w->last)
            w->index[d - w->first] = n;
        if (!is_weekend(d) && !listed(&l, d)) {
            if (dates)
                dates[n] = d;
            if (d > w->last)
                return n; /* dates[n] is the first working day after the span */
            n++;
        }
    }
}

cal_workdays *cal_workdays_create(cal_date first, cal_date last)
{
    if (last < first || first < cal_from_ymd(CAL_FIRST_YEAR, 1, 1) ||
        last > cal_from_ymd(CAL_LAST_YEAR, 12, 31))
        return NULL;
    cal_workdays *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->first = first;
    w->last = last;
    size_t span = (size_t)(last - first) + 1;
    /* count <= span, and date[] holds count + 1 entries. */
    w->index = malloc(span * sizeof *w->index);
    w->date = malloc((span + 1) * sizeof *w->date);
    if (!w->index || !w->date) {
        cal_workdays_destroy(w);
        return NULL;
    }
    w->count = scan(w, w->date);
    return w;
}

void cal_workdays_destroy(cal_workdays *w)
{
    if (!w)
        return;
    free(w->index);
    free(w->date);
    free(w);
}

cal_date cal_workdays_first(const cal_workdays *w) { return w->first; }
cal_date cal_workdays_last(const cal_workdays *w) { return w->last; }
int32_t cal_workdays_count(const cal_workdays *w) { return w->count; }

int32_t cal_workdays_index(const cal_workdays *w, cal_date d)
{
    if (d < w->first)
        d = w->first;
    if (d > w->last)
        d = w->last;
    return w->index[d - w->first];
}

cal_date cal_workdays_date(const cal_workdays *w, int32_t i)
{
    if (i < 0)
        i = 0;
    if (i > w->count)
        i = w->count;
    return w->date[i];
}
