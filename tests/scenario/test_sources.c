/* The parameter tables' citations and the metric table's judging rows: every default that cites
 * a source names a row of data/published-figures.csv that exists (its first and fourth fields,
 * quantity and year), so the report's assumptions list never points at nothing; every metric has
 * a direction and a smallest difference (a metric added without one fails here); the [report]
 * keys exist for every metric and default to the metric table. */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "params.h"
#include "scenario.h"
#include "testfs.h"

/* Field k (0-based) of a CSV line into out; quoted fields may hold commas. */
static int csv_field(const char *line, int k, char *out, size_t n)
{
    int f = 0;
    size_t w = 0;
    int quoted = 0;
    for (const char *p = line; *p && *p != '\n'; p++) {
        if (*p == '"') {
            quoted = !quoted;
            continue;
        }
        if (*p == ',' && !quoted) {
            if (f++ == k)
                break;
            continue;
        }
        if (f == k && w + 1 < n)
            out[w++] = *p;
    }
    out[w] = 0;
    return f >= k ? 0 : -1;
}

static int row_exists(const char *csv, const char *source)
{
    const char *bar = strchr(source, '|');
    if (!bar)
        return 0;
    char q[300], y[200], want_q[300];
    snprintf(want_q, sizeof want_q, "%.*s", (int)(bar - source), source);
    for (const char *line = csv; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (*line == '#')
            continue;
        if (csv_field(line, 0, q, sizeof q) == 0 && csv_field(line, 3, y, sizeof y) == 0 &&
            !strcmp(q, want_q) && !strcmp(y, bar + 1))
            return 1;
    }
    return 0;
}

static void table(const char *csv, const params_spec *rows, size_t n, int *cited)
{
    for (size_t i = 0; i < n; i++) {
        if (!rows[i].source)
            continue;
        (*cited)++;
        CHECK_MSG(row_exists(csv, rows[i].source), "[%s] %s cites '%s', not a row (quantity|year)"
                  " of data/published-figures.csv\n", rows[i].section, rows[i].key,
                  rows[i].source);
        char text[400];
        params_source_text(rows[i].source, text, sizeof text);
        CHECK(!strncmp(text, "published: \"", 12));
        CHECK(!params_is_assumption(&rows[i]));
    }
}

static void sources(void)
{
    size_t len;
    char *csv = testfs_read(CASELOAD_SOURCE_DIR "/data/published-figures.csv", &len);
    CHECK(csv != NULL);
    if (!csv)
        return;
    int cited = 0;
    table(csv, params_specs, params_specs_count, &cited);
    table(csv, params_staff_specs, params_staff_specs_count, &cited);
    table(csv, params_event_specs, params_event_specs_count, &cited);
    CHECK(cited >= 10);
    /* the citations that hold for one staff pool only */
    int staff = 0;
    for (int r = 0; r < ROLE_COUNT; r++)
        for (size_t i = 0; i < params_staff_specs_count; i++) {
            const char *c = params_staff_source((params_role)r, &params_staff_specs[i]);
            if (!c || c == params_staff_specs[i].source)
                continue;
            staff++;
            CHECK_MSG(row_exists(csv, c), "[staff \"%s\"] %s cites '%s', not a row\n",
                      params_role_name((params_role)r), params_staff_specs[i].key, c);
        }
    CHECK(staff >= 2);
    CHECK(!row_exists(csv, "no such quantity|2011"));
    free(csv);
    /* an uncited key that acts on the model is an assumption; a name or a [report] key is not */
    int assumptions = 0;
    for (size_t i = 0; i < params_specs_count; i++) {
        const params_spec *s = &params_specs[i];
        if (!strcmp(s->key, "repeat_prob"))
            CHECK(params_is_assumption(s));
        if (!strcmp(s->section, "report") || !strcmp(s->key, "name"))
            CHECK(!params_is_assumption(s));
        assumptions += params_is_assumption(s);
    }
    CHECK(assumptions > 0);
}

static void judging(void)
{
    model_params p;
    params_defaults(&p);
    for (int m = 0; m < M_COUNT; m++) {
        CHECK_MSG(metric_judging_defined((metric_id)m), "metric %s has no judging row in "
                  "sim/metrics.c\n", metric_name((metric_id)m));
        double rel, abs = metric_default_smallest((metric_id)m, &rel);
        CHECK(abs > 0 || rel > 0);
        CHECK(p.report.direction[m] == (int)metric_default_direction((metric_id)m));
        CHECK(p.report.smallest[m].abs == abs && p.report.smallest[m].rel == rel);
        CHECK(strlen(metric_definition((metric_id)m)) > 10);
    }
    /* DESIGN: counts that are neither better nor worse in themselves, and the key directions */
    CHECK(metric_default_direction(M_referrals) == MD_NEITHER);
    CHECK(metric_default_direction(M_contacts) == MD_NEITHER);
    CHECK(metric_default_direction(M_cp_plans_started) == MD_NEITHER);
    CHECK(metric_default_direction(M_lac_open) == MD_NEITHER);
    CHECK(metric_default_direction(M_cost_total) == MD_COST);
    CHECK(metric_default_direction(M_share_within_45wd) == MD_HIGHER);
    CHECK(metric_default_direction(M_caseload_per_sw) == MD_LOWER);
    CHECK(metric_smallest_abs(1, 0.02, 1800) == 36 && metric_smallest_abs(1, 0.02, 0) == 1);
    CHECK(isnan(metric_smallest_abs(0, 0.02, NAN)));
}

/* A [report] section overrides the judging, with file:line errors like every key. */
static void report_section(void)
{
    char dir[] = "/tmp/caseload-sources-XXXXXX", path[200], err[512];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/r.ini", dir);
    FILE *f = fopen(path, "w");
    fputs("[scenario]\nname = x\n\n[report]\ndirection_referrals = lower\n"
          "smallest_caseload_per_sw = 1\nsmallest_referrals = 5% of baseline\n"
          "smallest_unallocated_cases = 2 or 3% of baseline\n", f);
    fclose(f);
    scn_scenario s;
    CHECK(scn_load(&s, path, NULL, 0, err, sizeof err) == 0);
    CHECK(s.params.report.direction[M_referrals] == MD_LOWER);
    CHECK(s.params.report.smallest[M_caseload_per_sw].abs == 1);
    CHECK(s.params.report.smallest[M_caseload_per_sw].rel == 0);
    CHECK(s.params.report.smallest[M_referrals].rel == 0.05);
    CHECK(s.params.report.smallest[M_unallocated_cases].abs == 2);
    CHECK(s.params.report.smallest[M_unallocated_cases].rel == 0.03);
    scn_free(&s);
    f = fopen(path, "w");
    fputs("[scenario]\nname = x\n\n[report]\ndirection_referrals = better\n", f);
    fclose(f);
    CHECK(scn_load(&s, path, NULL, 0, err, sizeof err) == -1);
    CHECK_HAS(err, "r.ini:5:");
    CHECK_HAS(err, "expected lower, higher, neither or cost");
    scn_free(&s);
    f = fopen(path, "w");
    fputs("[report]\nsmallest_referrals = 5 percent\n", f);
    fclose(f);
    CHECK(scn_load(&s, path, NULL, 0, err, sizeof err) == -1);
    CHECK_HAS(err, "r.ini:2:");
    scn_free(&s);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    sources();
    judging();
    report_section();
    return check_done("test_sources");
}
