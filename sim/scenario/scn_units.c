/* units: one value of a scenario file, in the file's notation, to and from the stored units of
 * params.h. The notation is documented in include/scenario/scenario.h and docs/scenarios.md; the working
 * days per year (261: 52 weeks of five days, the calendar's typical year) fix the month and year
 * conversions. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"
#include "scn_internal.h"

#define WD_PER_WEEK 5.0
#define WD_PER_YEAR CAL_WEEKDAYS_YEAR
#define WD_PER_MONTH (WD_PER_YEAR / 12.0)
#define POUND "\xc2\xa3" /* the pound sign in UTF-8 */

typedef struct unit_word {
    const char *word;
    double wd; /* working days per unit */
} unit_word;

static const unit_word duration_units[] = {
    {"wd", 1},           {"workday", 1},      {"workdays", 1},          {"working day", 1},
    {"working days", 1}, {"w", WD_PER_WEEK},  {"wk", WD_PER_WEEK},      {"week", WD_PER_WEEK},
    {"weeks", WD_PER_WEEK}, {"m", WD_PER_MONTH}, {"month", WD_PER_MONTH}, {"months", WD_PER_MONTH},
    {"y", WD_PER_YEAR},  {"yr", WD_PER_YEAR}, {"year", WD_PER_YEAR},    {"years", WD_PER_YEAR},
};
#define N_DURATION_UNITS (sizeof duration_units / sizeof duration_units[0])

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

static const char *skip_spaces(const char *s)
{
    while (is_space(*s))
        s++;
    return s;
}

/* One character onto the number's text; past the end of buf it is dropped and *n still counts
 * it, so the caller sees the number was too long. */
static void put_char(char *buf, size_t *n, size_t cap, char ch)
{
    if (*n + 1 < cap)
        buf[*n] = ch;
    (*n)++;
}

/* Digits with optional thousands separators ("52,000": groups of exactly three after the first).
 * Advances *s past them; returns the count of digits read, or -1 on a misplaced comma. */
static int scan_digits(const char **s, int commas, char *out, size_t *n, size_t cap)
{
    const char *p = *s;
    int digits = 0, group = 0, grouped = 0;
    for (;; p++) {
        if (isdigit((unsigned char)*p)) {
            put_char(out, n, cap, *p);
            digits++;
            group++;
        } else if (commas && *p == ',' && isdigit((unsigned char)p[1])) {
            if ((grouped && group != 3) || (!grouped && (group < 1 || group > 3)))
                return -1;
            grouped = 1;
            group = 0;
        } else {
            break;
        }
    }
    if (grouped && group != 3)
        return -1;
    *s = p;
    return digits;
}

/* A decimal number at *s: sign, digits (with thousands commas if `commas`), fraction, exponent.
 * No hex, no inf/nan. Advances *s; returns 0, or -1 if there is no number there or it is longer
 * than any number a person writes (buf's size). */
static int scan_number(const char **s, int commas, double *out)
{
    char buf[128];
    size_t n = 0;
    const char *p = *s;
    if (*p == '+' || *p == '-')
        put_char(buf, &n, sizeof buf, *p++);
    int whole = scan_digits(&p, commas, buf, &n, sizeof buf);
    if (whole < 0)
        return -1;
    int frac = 0;
    if (*p == '.') {
        put_char(buf, &n, sizeof buf, *p++);
        frac = scan_digits(&p, 0, buf, &n, sizeof buf);
    }
    if (whole + frac == 0)
        return -1;
    if ((*p == 'e' || *p == 'E')
        && (isdigit((unsigned char)p[1])
            || ((p[1] == '+' || p[1] == '-') && isdigit((unsigned char)p[2])))) {
        put_char(buf, &n, sizeof buf, *p++);
        if (*p == '+' || *p == '-')
            put_char(buf, &n, sizeof buf, *p++);
        scan_digits(&p, 0, buf, &n, sizeof buf);
    }
    if (n >= sizeof buf - 1)
        return -1; /* absurdly long: not a number a person wrote */
    buf[n] = '\0';
    double v = strtod(buf, NULL);
    if (!isfinite(v))
        return -1;
    *out = v;
    *s = p;
    return 0;
}

/* The whole text is one number (spaces around allowed). */
static int parse_plain(const char *text, int commas, double *out)
{
    const char *p = skip_spaces(text);
    if (scan_number(&p, commas, out) < 0)
        return -1;
    return *skip_spaces(p) ? -1 : 0;
}

/* ---------------------------------------------------------------- formatting numbers */

/* Shortest plain notation that reads back to exactly v; scientific only when it must be. */
static void format_number(double v, char *buf, size_t len)
{
    if (v == 0) {
        snprintf(buf, len, "0");
        return;
    }
    if (fabs(v) >= 1e-6 && fabs(v) < 1e15)
        for (int prec = 0; prec <= 12; prec++) {
            snprintf(buf, len, "%.*f", prec, v);
            if (strtod(buf, NULL) == v)
                return;
        }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, len, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* "52,000" for whole numbers of pounds, so money reads as money. */
static void format_money(double v, char *buf, size_t len)
{
    char digits[64];
    if (v != floor(v) || fabs(v) >= 1e15) {
        format_number(v, digits, sizeof digits);
        snprintf(buf, len, POUND "%s", digits);
        return;
    }
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    char out[96];
    size_t n = 0, nd = strlen(digits);
    if (v < 0)
        out[n++] = '-';
    memcpy(out + n, POUND, 2);
    n += 2;
    for (size_t i = 0; i < nd; i++) {
        if (i > 0 && (nd - i) % 3 == 0)
            out[n++] = ',';
        out[n++] = digits[i];
    }
    out[n] = '\0';
    snprintf(buf, len, "%s", out);
}

/* A value in the unit a reader of the message knows: shares as percentages, durations in
 * working days, money in pounds. */
void scn_format_in_unit(params_type t, double v, char *buf, size_t len)
{
    char num[64];
    switch (t) {
    case PT_SHARE:
        format_number(v * 100.0, num, sizeof num);
        if (strlen(num) > 12)
            snprintf(num, sizeof num, "%.4g", v * 100.0);
        snprintf(buf, len, "%s%%", num);
        break;
    case PT_DURATION:
        format_number(v, num, sizeof num);
        if (strlen(num) > 12)
            snprintf(num, sizeof num, "%.6g", v);
        snprintf(buf, len, "%swd", num);
        break;
    case PT_MONEY:
        format_money(v, buf, len);
        break;
    default:
        format_number(v, num, sizeof num);
        if (strlen(num) > 16)
            snprintf(num, sizeof num, "%.6g", v);
        snprintf(buf, len, "%s", num);
        break;
    }
}

/* ---------------------------------------------------------------- parsing by type */

static int check_range(const params_spec *spec, double v, const char *what, char *err,
                       size_t errlen)
{
    if (spec->min == 0 && spec->max == 0)
        return 0; /* no range in the table */
    char got[64], lim[64];
    scn_format_in_unit(spec->type, v, got, sizeof got);
    if (v < spec->min) {
        scn_format_in_unit(spec->type, spec->min, lim, sizeof lim);
        snprintf(err, errlen, "%s%s is below the minimum of %s (%s)", what, got, lim, spec->unit);
        return -1;
    }
    if (v > spec->max) {
        scn_format_in_unit(spec->type, spec->max, lim, sizeof lim);
        snprintf(err, errlen, "%s%s is above the maximum of %s (%s)", what, got, lim, spec->unit);
        return -1;
    }
    return 0;
}

static int parse_real(const params_spec *spec, const char *text, double *out, char *err,
                      size_t errlen)
{
    int commas = spec->type == PT_COUNT;
    if (parse_plain(text, commas, out) < 0) {
        snprintf(err, errlen, "expected a number (%s), got '%s'", spec->unit, text);
        return -1;
    }
    if (spec->type == PT_COUNT && *out < 0) {
        snprintf(err, errlen, "expected a number that is not negative (%s), got '%s'", spec->unit,
                 text);
        return -1;
    }
    return check_range(spec, *out, "", err, errlen);
}

static int parse_share(const params_spec *spec, const char *text, double *out, char *err,
                       size_t errlen)
{
    const char *p = skip_spaces(text);
    double v;
    if (scan_number(&p, 0, &v) < 0) {
        snprintf(err, errlen, "expected a share such as 0.27 or 27%% (%s), got '%s'", spec->unit,
                 text);
        return -1;
    }
    p = skip_spaces(p);
    int percent = *p == '%';
    if (percent)
        p = skip_spaces(p + 1);
    if (*p) {
        snprintf(err, errlen, "expected a share such as 0.27 or 27%% (%s), got '%s'", spec->unit,
                 text);
        return -1;
    }
    *out = percent ? v / 100.0 : v;
    if (check_range(spec, *out, "", err, errlen) < 0) {
        /* "27" for 27%: say so, it is the likeliest slip */
        if (!percent && *out >= 2 && *out > spec->max && *out / 100.0 <= spec->max) {
            size_t used = strlen(err);
            snprintf(err + used, errlen - used, "; did you mean %s%%?", skip_spaces(text));
        }
        return -1;
    }
    return 0;
}

static const unit_word *find_unit(const char *u)
{
    for (size_t i = 0; i < N_DURATION_UNITS; i++)
        if (!strcmp(u, duration_units[i].word))
            return &duration_units[i];
    return NULL;
}

static int parse_duration(const params_spec *spec, const char *text, double *out, char *err,
                          size_t errlen)
{
    static const char *const expect = "a duration such as 45wd, 12w, 6m or 2y";
    const char *p = skip_spaces(text);
    double v;
    if (scan_number(&p, 0, &v) < 0) {
        snprintf(err, errlen, "expected %s (%s), got '%s'", expect, spec->unit, text);
        return -1;
    }
    p = skip_spaces(p);
    char unit[32];
    size_t n = strlen(p);
    while (n > 0 && is_space(p[n - 1]))
        n--;
    if (n == 0) {
        snprintf(err, errlen, "'%s' has no unit; expected %s", skip_spaces(text), expect);
        return -1;
    }
    if (n >= sizeof unit)
        n = sizeof unit - 1;
    for (size_t i = 0; i < n; i++)
        unit[i] = (char)tolower((unsigned char)p[i]);
    unit[n] = '\0';
    const unit_word *u = find_unit(unit);
    if (!u) {
        if (!strcmp(unit, "d") || !strcmp(unit, "day") || !strcmp(unit, "days"))
            snprintf(err, errlen,
                     "unit '%s' in '%s' is ambiguous; write working days as 'wd' (or use w, m, y)",
                     unit, skip_spaces(text));
        else
            snprintf(err, errlen, "unknown unit '%s' in '%s'; expected wd, w, m or y", unit,
                     skip_spaces(text));
        return -1;
    }
    *out = v * u->wd;
    return check_range(spec, *out, "", err, errlen);
}

static int parse_money(const params_spec *spec, const char *text, double *out, char *err,
                       size_t errlen)
{
    const char *p = skip_spaces(text);
    int neg = 0;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    if (!strncmp(p, POUND, 2))
        p += 2;
    else if (*p == '$' || !strncmp(p, "\xe2\x82\xac", 3)) {
        snprintf(err, errlen, "money is in pounds: write it as %s52,000 or 52000, got '%s'",
                 POUND, text);
        return -1;
    }
    double v;
    if (*p == '-' || *p == '+' || scan_number(&p, 1, &v) < 0 || *skip_spaces(p)) {
        snprintf(err, errlen, "expected an amount of money such as %s52,000 or 52000 (%s), got '%s'",
                 POUND, spec->unit, text);
        return -1;
    }
    *out = neg ? -v : v;
    return check_range(spec, *out, "", err, errlen);
}

static int parse_bool(const char *text, int *out, char *err, size_t errlen)
{
    static const char *const yes[] = {"yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};
    char w[16];
    const char *p = skip_spaces(text);
    size_t n = strlen(p);
    while (n > 0 && is_space(p[n - 1]))
        n--;
    if (n < sizeof w) {
        for (size_t i = 0; i < n; i++)
            w[i] = (char)tolower((unsigned char)p[i]);
        w[n] = '\0';
        for (size_t i = 0; i < 4; i++) {
            if (!strcmp(w, yes[i])) {
                *out = 1;
                return 0;
            }
            if (!strcmp(w, no[i])) {
                *out = 0;
                return 0;
            }
        }
    }
    snprintf(err, errlen, "expected yes or no (also true/false, on/off, 1/0), got '%s'", text);
    return -1;
}

static int parse_date(const char *text, cal_date *out, char *err, size_t errlen)
{
    const char *p = skip_spaces(text);
    char buf[16];
    size_t n = strlen(p);
    while (n > 0 && is_space(p[n - 1]))
        n--;
    int shaped = n == 10;
    for (size_t i = 0; shaped && i < 10; i++)
        shaped = (i == 4 || i == 7) ? p[i] == '-' : isdigit((unsigned char)p[i]) != 0;
    if (!shaped) {
        snprintf(err, errlen, "expected a date as YYYY-MM-DD (such as 2011-04-01), got '%s'", text);
        return -1;
    }
    memcpy(buf, p, 10);
    buf[10] = '\0';
    int y = atoi(buf), m = atoi(buf + 5), d = atoi(buf + 8);
    if (!cal_valid_ymd(y, m, d) || cal_parse_iso(buf, out) < 0) {
        snprintf(err, errlen, "%s is not a date in the calendar", buf);
        return -1;
    }
    if (y < CAL_FIRST_YEAR || y > CAL_LAST_YEAR) {
        snprintf(err, errlen, "%s is outside the years the calendar covers (%d to %d)", buf,
                 CAL_FIRST_YEAR, CAL_LAST_YEAR);
        return -1;
    }
    return 0;
}

static int parse_text(const params_spec *spec, const char *text, char *out, char *err,
                      size_t errlen)
{
    size_t n = strlen(text);
    if (n + 1 > spec->size) {
        snprintf(err, errlen, "text is %zu bytes long; the most is %zu", n, spec->size - 1);
        return -1;
    }
    if (strstr(text, " ;") || strstr(text, "\t;")) {
        snprintf(err, errlen, "text may not hold ' ;' (in a scenario file it starts a comment)");
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f) {
            snprintf(err, errlen, "control character 0x%02X in the text", (unsigned char)text[i]);
            return -1;
        }
    memset(out, 0, spec->size); /* no bytes of an older value behind the new one */
    memcpy(out, text, n);
    return 0;
}

static int parse_monthly(const params_spec *spec, const char *text, double *out, char *err,
                         size_t errlen)
{
    static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    double v[12];
    int n = 0;
    const char *p = skip_spaces(text);
    while (*p) {
        double x;
        /* each number ends at a space, a comma or the end: "1.0x" is not a number */
        if (n == 12 || scan_number(&p, 0, &x) < 0 || (*p && !is_space(*p) && *p != ',')) {
            snprintf(err, errlen, "expected 12 numbers, January first, separated by spaces or "
                     "commas, got '%s'", text);
            return -1;
        }
        char what[32];
        snprintf(what, sizeof what, "%s: ", months[n]);
        if (check_range(spec, x, what, err, errlen) < 0)
            return -1;
        v[n++] = x;
        p = skip_spaces(p);
        if (*p == ',')
            p = skip_spaces(p + 1);
    }
    if (n != 12) {
        snprintf(err, errlen, "expected 12 numbers, January first, separated by spaces or commas, "
                 "got %d", n);
        return -1;
    }
    memcpy(out, v, sizeof v);
    return 0;
}

static int parse_role(const char *text, int *out, char *err, size_t errlen)
{
    char w[64];
    const char *p = skip_spaces(text);
    size_t n = strlen(p);
    while (n > 0 && is_space(p[n - 1]))
        n--;
    if (n >= sizeof w)
        n = sizeof w - 1;
    memcpy(w, p, n);
    w[n] = '\0';
    int r = params_role_parse(w);
    if (r >= 0) {
        *out = r;
        return 0;
    }
    const char *names[ROLE_COUNT];
    for (int i = 0; i < ROLE_COUNT; i++)
        names[i] = params_role_name((params_role)i);
    const char *near = scn_nearest(w, names, ROLE_COUNT);
    if (near) {
        snprintf(err, errlen, "unknown staff role '%s'; did you mean '%s'?", w, near);
        return -1;
    }
    size_t used = (size_t)snprintf(err, errlen, "unknown staff role '%s'; expected one of", w);
    for (int i = 0; i < ROLE_COUNT && used < errlen; i++)
        used += (size_t)snprintf(err + used, errlen - used, "%s %s", i ? "," : "", names[i]);
    return -1;
}

/* One word, spaces around it cut, into w (cap bytes). */
static void one_word(const char *text, char *w, size_t cap)
{
    const char *p = skip_spaces(text);
    size_t n = strlen(p);
    while (n > 0 && is_space(p[n - 1]))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(w, p, n);
    w[n] = '\0';
}

/* pools or units; an event may also say unchanged (spec->min is then -1). */
static int parse_structure(const params_spec *spec, const char *text, int *out, char *err, size_t errlen)
{
    char w[64];
    one_word(text, w, sizeof w);
    if (!strcmp(w, "pools") || !strcmp(w, "units") || (spec->min < 0 && !strcmp(w, "unchanged"))) {
        *out = !strcmp(w, "pools") ? STRUCTURE_POOLS : !strcmp(w, "units") ? STRUCTURE_UNITS
                                                                          : STRUCTURE_UNCHANGED;
        return 0;
    }
    snprintf(err, errlen, "expected pools or units%s, got '%s'", spec->min < 0 ? " (or unchanged)" : "", w);
    return -1;
}

static int parse_direction(const char *text, int *out, char *err, size_t errlen)
{
    char w[64];
    one_word(text, w, sizeof w);
    int d = metric_direction_parse(w);
    if (d < 0) {
        snprintf(err, errlen, "expected lower, higher, neither or cost, got '%s'", w);
        return -1;
    }
    *out = d;
    return 0;
}

/* "P% of baseline" -> *rel = P / 100; returns 0, or -1 when text is not of that form. */
static int parse_relative(const char *text, double *rel)
{
    const char *p = skip_spaces(text);
    double v;
    if (scan_number(&p, 0, &v) < 0 || *p != '%')
        return -1;
    p = skip_spaces(p + 1);
    if (strncmp(p, "of baseline", 11) || *skip_spaces(p + 11))
        return -1;
    *rel = v / 100.0;
    return 0;
}

/* "0.5", "2% of baseline", or "1 or 2% of baseline" (the larger of the two). */
static int parse_smallest(const params_spec *spec, const char *text, params_smallest *out,
                          char *err, size_t errlen)
{
    params_smallest s = {0, 0};
    const char *or = strstr(text, " or ");
    char first[SCN_VALUE_MAX];
    snprintf(first, sizeof first, "%.*s", or ? (int)(or - text) : (int)strlen(text), text);
    int ok;
    if (or)
        ok = parse_plain(first, 0, &s.abs) == 0 && parse_relative(or + 4, &s.rel) == 0;
    else if (parse_relative(first, &s.rel) == 0)
        ok = 1;
    else /* parse_plain may write before it finds trailing text: only a plain number gets here */
        ok = parse_plain(first, 0, &s.abs) == 0;
    if (!ok || s.abs < 0 || s.rel < 0 || s.abs > spec->max || s.rel > 10) {
        snprintf(err, errlen, "expected a number in the measure's unit (%s), 'P%% of baseline', "
                 "or 'N or P%% of baseline', at least 0", spec->unit);
        return -1;
    }
    *out = s;
    return 0;
}

int scn_parse_value(const params_spec *spec, const char *text, void *base, char *err,
                    size_t errlen)
{
    char *field = (char *)base + spec->offset;
    double v;
    if (!*skip_spaces(text) && spec->type != PT_TEXT) {
        snprintf(err, errlen, "no value given");
        return -1;
    }
    switch (spec->type) {
    case PT_REAL:
    case PT_COUNT:
        if (parse_real(spec, text, &v, err, errlen) < 0)
            return -1;
        break;
    case PT_SHARE:
        if (parse_share(spec, text, &v, err, errlen) < 0)
            return -1;
        break;
    case PT_DURATION:
        if (parse_duration(spec, text, &v, err, errlen) < 0)
            return -1;
        break;
    case PT_MONEY:
        if (parse_money(spec, text, &v, err, errlen) < 0)
            return -1;
        break;
    case PT_BOOL:
        return parse_bool(text, (int *)(void *)field, err, errlen);
    case PT_ROLE:
        return parse_role(text, (int *)(void *)field, err, errlen);
    case PT_DATE:
        return parse_date(text, (cal_date *)(void *)field, err, errlen);
    case PT_TEXT:
        return parse_text(spec, text, field, err, errlen);
    case PT_MONTHLY:
        return parse_monthly(spec, text, (double *)(void *)field, err, errlen);
    case PT_DIRECTION:
        return parse_direction(text, (int *)(void *)field, err, errlen);
    case PT_STRUCTURE:
        return parse_structure(spec, text, (int *)(void *)field, err, errlen);
    case PT_SMALLEST:
        return parse_smallest(spec, text, (params_smallest *)(void *)field, err, errlen);
    default:
        snprintf(err, errlen, "internal: key has an unknown type");
        return -1;
    }
    memcpy(field, &v, sizeof v);
    return 0;
}

void scn_format_value(const params_spec *spec, const void *base, char *buf, size_t len)
{
    const char *field = (const char *)base + spec->offset;
    double v;
    int i;
    switch (spec->type) {
    case PT_BOOL:
        memcpy(&i, field, sizeof i);
        snprintf(buf, len, "%s", i ? "yes" : "no");
        return;
    case PT_ROLE:
        memcpy(&i, field, sizeof i);
        snprintf(buf, len, "%s", params_role_name((params_role)i));
        return;
    case PT_DATE: {
        cal_date d;
        char iso[11];
        memcpy(&d, field, sizeof d);
        cal_format_iso(d, iso);
        snprintf(buf, len, "%s", iso);
        return;
    }
    case PT_TEXT:
        snprintf(buf, len, "%.*s", (int)spec->size, field);
        return;
    case PT_DIRECTION:
        memcpy(&i, field, sizeof i);
        snprintf(buf, len, "%s", metric_direction_name((metric_direction)i));
        return;
    case PT_STRUCTURE:
        memcpy(&i, field, sizeof i);
        snprintf(buf, len, "%s", i == STRUCTURE_UNITS ? "units" : i == STRUCTURE_POOLS ? "pools" : "unchanged");
        return;
    case PT_SMALLEST: {
        params_smallest sm;
        char a[40], r[40];
        memcpy(&sm, field, sizeof sm);
        format_number(sm.abs, a, sizeof a);
        format_number(sm.rel * 100.0, r, sizeof r);
        if (sm.rel > 0 && sm.abs > 0)
            snprintf(buf, len, "%s or %s%% of baseline", a, r);
        else if (sm.rel > 0)
            snprintf(buf, len, "%s%% of baseline", r);
        else
            snprintf(buf, len, "%s", a);
        return;
    }
    case PT_MONTHLY: {
        size_t used = 0;
        buf[0] = '\0';
        for (int m = 0; m < 12 && used < len; m++) {
            char num[40];
            memcpy(&v, field + m * sizeof(double), sizeof v);
            format_number(v, num, sizeof num);
            used += (size_t)snprintf(buf + used, len - used, "%s%s", m ? " " : "", num);
        }
        return;
    }
    default:
        break;
    }
    memcpy(&v, field, sizeof v);
    char num[64];
    if (spec->type == PT_MONEY) {
        format_money(v, buf, len);
        return;
    }
    format_number(v, num, sizeof num);
    snprintf(buf, len, "%s%s", num, spec->type == PT_DURATION ? "wd" : "");
}

/* ---------------------------------------------------------------- suggestions */

/* Optimal string alignment distance (Levenshtein plus adjacent swaps), case-insensitive. Words
 * longer than 63 bytes are never close to a key. */
static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    int d[64][64];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            int cost = ca != cb;
            int best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2])
                && tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

const char *scn_nearest(const char *word, const char *const *cands, size_t n)
{
    size_t len = strlen(word);
    int limit = len < 6 ? 1 : len < 12 ? 2 : 3;
    const char *best = NULL;
    int best_d = limit + 1;
    for (size_t i = 0; i < n; i++) {
        int d = edit_distance(word, cands[i]);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    return best;
}
