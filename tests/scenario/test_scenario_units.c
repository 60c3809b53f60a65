/* Values in a scenario file's notation: every type and unit, ranges, suggestions, and that every
 * key's default formats to text that parses back to the same bits. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"
#include "check.h"

static const params_spec *spec_of(const params_spec *rows, size_t n, const char *section,
                                  const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i].section, section) && !strcmp(rows[i].key, key))
            return &rows[i];
    fprintf(stderr, "no row %s.%s\n", section, key);
    exit(1);
}

static const params_spec *gen(const char *section, const char *key)
{
    return spec_of(params_specs, params_specs_count, section, key);
}

static const params_spec *ev(const char *key)
{
    return spec_of(params_event_specs, params_event_specs_count, "event", key);
}

/* Parse text for a double-valued key; NAN on error (err kept for checks). */
static double num(const params_spec *s, void *base, const char *text, char *err)
{
    err[0] = '\0';
    if (scn_parse_value(s, text, base, err, 512) < 0)
        return NAN;
    double v;
    memcpy(&v, (char *)base + s->offset, sizeof v);
    return v;
}

static void test_durations(void)
{
    model_params p;
    params_defaults(&p);
    char err[512];
    const params_spec *w = gen("scenario", "warmup");
    CHECK_MSG(num(w, &p, "45wd", err) == 45, "45wd");
    CHECK_MSG(num(w, &p, "12w", err) == 60, "12w = 60wd");
    CHECK_MSG(num(w, &p, "6m", err) == 6 * 261.0 / 12, "6m = 130.5wd");
    CHECK_MSG(num(w, &p, "2y", err) == 522, "2y = 522wd");
    CHECK_MSG(num(w, &p, " 3 weeks ", err) == 15, "long unit words");
    CHECK_MSG(num(w, &p, "1.5 years", err) == 391.5, "fractional years");
    CHECK_MSG(isnan(num(w, &p, "12", err)) && strstr(err, "no unit"), "missing unit: %s", err);
    CHECK_MSG(isnan(num(w, &p, "12d", err)) && strstr(err, "ambiguous"), "days: %s", err);
    CHECK_MSG(isnan(num(w, &p, "12 fortnights", err)) && strstr(err, "unknown unit"), "%s", err);
    CHECK_MSG(isnan(num(w, &p, "-5wd", err)) && strstr(err, "below the minimum of 0wd"), "%s", err);
    CHECK_MSG(isnan(num(w, &p, "wd", err)) && strstr(err, "expected a duration"), "%s", err);
    CHECK_MSG(isnan(num(w, &p, "100y", err)) && strstr(err, "above the maximum"), "%s", err);
}

static void test_money_shares_counts(void)
{
    model_params p;
    params_defaults(&p);
    char err[512];
    const params_spec *m = gen("costs", "lac_weekly_cost");
    CHECK_MSG(num(m, &p, "\xc2\xa3" "1,100", err) == 1100, "pound sign and comma");
    CHECK_MSG(num(m, &p, "1100", err) == 1100, "plain");
    CHECK_MSG(num(m, &p, "\xc2\xa3" "1,234.50", err) == 1234.5, "pence");
    CHECK_MSG(isnan(num(m, &p, "1,10", err)) && strstr(err, "money"), "bad grouping: %s", err);
    CHECK_MSG(isnan(num(m, &p, "$5", err)) && strstr(err, "pounds"), "dollars: %s", err);
    CHECK_MSG(isnan(num(m, &p, "-\xc2\xa3" "5", err)) && strstr(err, "below"), "negative: %s", err);

    const params_spec *sh = gen("demand", "repeat_prob");
    CHECK_MSG(num(sh, &p, "27%", err) == 0.27, "27%%");
    CHECK_MSG(num(sh, &p, "0.27", err) == 0.27, "0.27");
    CHECK_MSG(num(sh, &p, "27 %", err) == 0.27, "27 %%");
    CHECK_MSG(isnan(num(sh, &p, "120%", err)) && strstr(err, "120% is above the maximum of 100%"),
              "%s", err);
    CHECK_MSG(isnan(num(sh, &p, "27", err)) && strstr(err, "did you mean 27%?"), "%s", err);
    CHECK_MSG(isnan(num(sh, &p, "27%%", err)) && strstr(err, "expected a share"), "%s", err);
    const params_spec *trend = gen("demand", "trend");
    CHECK_MSG(num(trend, &p, "-2%", err) == -0.02, "negative share where the range allows");

    const params_spec *c = gen("demand", "children");
    CHECK_MSG(num(c, &p, "26,100", err) == 26100, "thousands");
    CHECK_MSG(num(c, &p, "26100", err) == 26100, "plain count");
    CHECK_MSG(isnan(num(c, &p, "26.100,5", err)), "continental notation");
    CHECK_MSG(isnan(num(c, &p, "-3", err)) && strstr(err, "not negative"), "%s", err);
    CHECK_MSG(isnan(num(c, &p, "0x10", err)), "hex");
    CHECK_MSG(isnan(num(c, &p, "inf", err)), "inf");
    CHECK_MSG(isnan(num(c, &p, "nan", err)), "nan");
    CHECK_MSG(isnan(num(c, &p, "3e99", err)) && strstr(err, "above the maximum"), "%s", err);
    CHECK_MSG(isnan(num(c, &p, "", err)) && strstr(err, "no value"), "%s", err);
    const params_spec *r = gen("demand", "need_mean");
    CHECK_MSG(num(r, &p, "-0.5", err) == -0.5, "negative real");
    CHECK_MSG(num(r, &p, "+1e-1", err) == 0.1, "exponent");
}

static void test_other_types(void)
{
    model_params p;
    params_defaults(&p);
    char err[512];
    const params_spec *b = gen("front_door", "history_use");
    const char *yes[] = {"yes", "YES", "true", "on", "1"}, *no[] = {"no", "False", "off", "0"};
    for (int i = 0; i < 5; i++) {
        p.history_use = -1;
        CHECK_MSG(scn_parse_value(b, yes[i], &p, err, sizeof err) == 0 && p.history_use == 1, "%s",
                  yes[i]);
    }
    for (int i = 0; i < 4; i++) {
        p.history_use = -1;
        CHECK_MSG(scn_parse_value(b, no[i], &p, err, sizeof err) == 0 && p.history_use == 0, "%s",
                  no[i]);
    }
    CHECK_MSG(scn_parse_value(b, "maybe", &p, err, sizeof err) < 0 && strstr(err, "yes or no"), "%s",
              err);

    const params_spec *d = gen("scenario", "start");
    CHECK_MSG(scn_parse_value(d, "2011-04-01", &p, err, sizeof err) == 0
                  && p.start == cal_from_ymd(2011, 4, 1), "ISO date");
    CHECK_MSG(scn_parse_value(d, "01/04/2011", &p, err, sizeof err) < 0 && strstr(err, "YYYY-MM-DD"),
              "%s", err);
    CHECK_MSG(scn_parse_value(d, "2011-02-29", &p, err, sizeof err) < 0 && strstr(err, "not a date"),
              "%s", err);
    CHECK_MSG(scn_parse_value(d, "1989-12-31", &p, err, sizeof err) < 0 && strstr(err, "outside"),
              "%s", err);

    const params_spec *m = gen("demand", "seasonal");
    CHECK_MSG(scn_parse_value(m, "1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 1.5, 0.5", &p, err, sizeof err) == 0
                  && p.seasonal[0] == 1 && p.seasonal[10] == 1.5 && p.seasonal[11] == 0.5,
              "monthly with commas: %s", err);
    CHECK_MSG(scn_parse_value(m, "1 1 1 1 1 1 1 0.8 1 1 1 0.9", &p, err, sizeof err) == 0
                  && p.seasonal[7] == 0.8, "monthly with spaces");
    CHECK_MSG(scn_parse_value(m, "1 1 1", &p, err, sizeof err) < 0 && strstr(err, "got 3"), "%s", err);
    CHECK_MSG(scn_parse_value(m, "1 1 1 1 1 1 1 1 1 1 1 1 1", &p, err, sizeof err) < 0, "13 months");
    CHECK_MSG(scn_parse_value(m, "1 1 1 1 1 1 1 11 1 1 1 1", &p, err, sizeof err) < 0
                  && strstr(err, "Aug: 11 is above"), "%s", err);
    CHECK_MSG(scn_parse_value(m, "1 1 1 1 1 1 1 1x 1 1 1 1", &p, err, sizeof err) < 0, "glued text");

    params_event e;
    params_event_defaults(&e, EVT_BUDGET_CUT);
    CHECK_MSG(scn_parse_value(ev("target"), "manager", &e, err, sizeof err) == 0
                  && e.target == ROLE_MANAGER, "role");
    CHECK_MSG(scn_parse_value(ev("target"), "socail_worker", &e, err, sizeof err) < 0
                  && strstr(err, "did you mean 'social_worker'?"), "%s", err);

    const params_spec *t = gen("scenario", "name");
    CHECK_MSG(scn_parse_value(t, "Isle of Wight \xc2\xa3", &p, err, sizeof err) == 0
                  && !strcmp(p.name, "Isle of Wight \xc2\xa3"), "text");
    char longname[300];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    CHECK_MSG(scn_parse_value(t, longname, &p, err, sizeof err) < 0 && strstr(err, "long"), "%s", err);
}

static void test_nearest(void)
{
    const char *keys[] = {"fraction", "factor", "date", "target"};
    CHECK_MSG(scn_nearest("fracton", keys, 4) && !strcmp(scn_nearest("fracton", keys, 4), "fraction"),
              "fracton");
    CHECK_MSG(scn_nearest("dtae", keys, 4) && !strcmp(scn_nearest("dtae", keys, 4), "date"), "swap");
    CHECK_MSG(scn_nearest("Target", keys, 4) && !strcmp(scn_nearest("Target", keys, 4), "target"),
              "case");
    CHECK_MSG(scn_nearest("children", keys, 4) == NULL, "nothing close");
}

/* Every row of every table: the default formats to text that parses back to the same bits. This
 * is what makes the resolved INI reproduce a scenario, and it covers rows added later. */
static void round_trip_rows(const params_spec *rows, size_t n, void *base, size_t size)
{
    for (size_t i = 0; i < n; i++) {
        char text[SCN_MAX_LINE + 64], err[512];
        scn_format_value(&rows[i], base, text, sizeof text);
        void *copy = malloc(size);
        memcpy(copy, base, size);
        memset((char *)copy + rows[i].offset, 0x5a, rows[i].size);
        int rc = scn_parse_value(&rows[i], text, copy, err, sizeof err);
        CHECK_MSG(rc == 0, "%s.%s: default '%s' does not parse: %s", rows[i].section, rows[i].key, text,
                  err);
        if (rc == 0 && rows[i].type != PT_TEXT)
            CHECK_MSG(!memcmp((char *)copy + rows[i].offset, (char *)base + rows[i].offset,
                              rows[i].size),
                      "%s.%s: '%s' does not read back the same", rows[i].section, rows[i].key, text);
        free(copy);
        CHECK_MSG(rows[i].unit && rows[i].unit[0] && rows[i].doc && rows[i].doc[0],
                  "%s.%s has no unit or doc", rows[i].section, rows[i].key);
    }
}

static void test_round_trips(void)
{
    model_params p;
    params_defaults(&p);
    round_trip_rows(params_specs, params_specs_count, &p, sizeof p);
    for (int r = 0; r < ROLE_COUNT; r++)
        round_trip_rows(params_staff_specs, params_staff_specs_count, &p.staff[r],
                        sizeof p.staff[r]);
    for (int t = 0; t < EVT_TYPE_COUNT; t++) {
        params_event e;
        params_event_defaults(&e, (params_event_type)t);
        e.date = cal_from_ymd(2011, 4, 1);
        round_trip_rows(params_event_specs, params_event_specs_count, &e, sizeof e);
    }
    /* awkward values too */
    const params_spec *sh = gen("demand", "repeat_prob");
    double vals[] = {0.1 + 0.2, 1.0 / 3, 1e-9, 0.999999999999};
    for (size_t i = 0; i < 4; i++) {
        char text[128], err[256];
        p.repeat_prob = vals[i];
        scn_format_value(sh, &p, text, sizeof text);
        double before = p.repeat_prob;
        p.repeat_prob = -1;
        CHECK_MSG(scn_parse_value(sh, text, &p, err, sizeof err) == 0 && p.repeat_prob == before,
                  "%.17g -> '%s'", before, text);
    }
}

/* Numbers of 100 to 300 digits with every ending the scanner copies (a sign, a point, an
 * exponent and its sign): refused as too long, never written past the scanner's 128-byte buffer
 * (issue 20 item 1; the sanitizer build catches an overrun). */
static void test_long_numbers(void)
{
    model_params p;
    params_defaults(&p);
    char err[512], text[400];
    static const char *const ends[] = {"", ".", ".e+1", "e+1", ".5e-1", "%", "wd", ".1y"};
    const params_spec *keys[] = {gen("demand", "children"), gen("scenario", "warmup"),
                                 gen("costs", "lac_weekly_cost")};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        for (int digits = 100; digits <= 300; digits++)
            for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++) {
                memset(text, '1', (size_t)digits);
                snprintf(text + digits, sizeof text - (size_t)digits, "%s", ends[e]);
                if (digits >= 126)
                    CHECK_MSG(isnan(num(keys[k], &p, text, err)), "%d digits%s accepted",
                              digits, ends[e]);
                else
                    (void)num(keys[k], &p, text, err);
                text[0] = '-';
                (void)num(keys[k], &p, text, err);
            }
}

int main(void)
{
    test_long_numbers();
    test_durations();
    test_money_shares_counts();
    test_other_types();
    test_nearest();
    test_round_trips();
    return check_done("test_scenario_units");
}
