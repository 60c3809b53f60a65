/* The CSV reader on good and malformed input, and the results directory loader on broken files:
 * every error names the file and line. */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "chart_data.h"
#include "check.h"
#include "plots/synth.h"

static int parse(const char *text, chart_csv *c, char *err)
{
    return chart_csv_parse(c, "t.csv", text, strlen(text), err, 256);
}

/* Parsing text must fail with a message containing want. */
static void bad(const char *text, const char *want)
{
    chart_csv c;
    char err[256] = "";
    int rc = parse(text, &c, err);
    CHECK(rc == CHART_EBAD);
    CHECK_HAS(err, want);
    CHECK(c.buf == NULL); /* freed on failure */
}

static void good(void)
{
    chart_csv c;
    char err[256];
    CHECK(parse("a,b,c\r\n1,,\"x, \"\"y\"\"\"\r\n2,3,4\n\n", &c, err) == 0);
    CHECK(c.ncols == 3 && c.nrows == 2);
    CHECK(chart_csv_column(&c, "c") == 2 && chart_csv_column(&c, "d") == -1);
    CHECK_STR(chart_csv_field(&c, 0, 2), "x, \"y\"");
    CHECK_STR(chart_csv_field(&c, 0, 1), "");
    CHECK(c.line[1] == 3);
    double v;
    CHECK(chart_csv_number(&c, 0, 1, &v, err, sizeof err) == 0 && isnan(v)); /* empty: missing */
    CHECK(chart_csv_number(&c, 1, 2, &v, err, sizeof err) == 0 && v == 4);
    CHECK(chart_csv_number(&c, 0, 2, &v, err, sizeof err) == CHART_EBAD);
    CHECK_HAS(err, "t.csv:2: column 'c': 'x, \"y\"' is not a number");
    chart_csv_free(&c);
    /* a quoted field with line breaks and control bytes is quoted in the message on one line,
     * escaped, and cut after 40 characters (found by fuzzing: the whole rest of a file was shown) */
    CHECK(parse("a\n\"1\n2\t\x01\"\n\"0123456789012345678901234567890123456789xyz\"\n", &c, err) == 0);
    CHECK(chart_csv_number(&c, 0, 0, &v, err, sizeof err) == CHART_EBAD);
    CHECK_STR(err, "t.csv:2: column 'a': '1\\n2\\t\\x01' is not a number");
    CHECK(chart_csv_number(&c, 1, 0, &v, err, sizeof err) == CHART_EBAD);
    CHECK_STR(err, "t.csv:3: column 'a': '0123456789012345678901234567890123456789...' is not a number");
    chart_csv_free(&c);
    chart_csv_free(&c); /* twice is harmless */
    /* no final newline; a header only */
    CHECK(parse("a\n1", &c, err) == 0 && c.nrows == 1);
    chart_csv_free(&c);
    CHECK(parse("a,b\n", &c, err) == 0 && c.nrows == 0);
    chart_csv_free(&c);
}

static void malformed(void)
{
    bad("", "t.csv: empty file");
    bad("\n", "t.csv: empty file");
    bad("a,b\n1,2,3\n", "t.csv:2: 3 fields, expected 2");
    bad("a,b\n1\n", "t.csv:2: 1 fields, expected 2");
    bad("a,b\n1,2\n\n3,4\n", "t.csv:3: empty line");
    bad("a,b\n\"1,2\n", "t.csv:2: unterminated quoted field");
    bad("a,b\n\"1\"x,2\n", "t.csv:2: text after a closing quote");
    bad("a,b\n1\"2,3\n", "t.csv:2: a quote inside an unquoted field");
    bad("a,b\n1,2\r3\n", "t.csv:2: stray carriage return");
    chart_csv c;
    char err[256];
    CHECK(chart_csv_parse(&c, "t.csv", "a\n\0\n", 4, err, sizeof err) == CHART_EBAD);
    CHECK_HAS(err, "NUL");
    const char *nums[] = {"nan", "inf", "1e999", "12abc", " ", "0x", "--1"};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        char text[64];
        double v;
        snprintf(text, sizeof text, "a\n%s\n", nums[i]);
        CHECK(parse(text, &c, err) == 0);
        CHECK(chart_csv_number(&c, 0, 0, &v, err, sizeof err) == CHART_EBAD);
        chart_csv_free(&c);
    }
}

/* ---- the loader on a synthetic directory with one file broken at a time ---- */

static void write_file(const char *dir, const char *name, const char *text)
{
    FILE *f = synth_open(dir, name);
    fputs(text, f);
    fclose(f);
}

static void load_fails(const char *dir, int want_rc, const char *want)
{
    chart_results r;
    char err[512] = "";
    int rc = chart_results_load_unchecked(&r, dir, err, sizeof err); /* the parsers alone */
    CHECK(rc == want_rc);
    CHECK_HAS(err, want);
    CHECK_MSG(!strchr(err, '\n'), "more than one line: %s", err);
    CHECK(r.scen == NULL);
}

static void loader(void)
{
    char dir[] = "/tmp/caseload-test-csvread-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    synth_write(dir, 60);
    chart_results r;
    char err[512];
    CHECK(chart_results_load(&r, dir, err, sizeof err) == 0);
    CHECK(r.nscen == SYNTH_NSCEN && r.baseline == 0 && r.weeks == 60 && r.replications == 40);
    CHECK_STR(r.seed, "20110401");
    CHECK(r.start == cal_from_ymd(2010, 4, 5));
    CHECK_STR(r.scen[1].id, "centre-cut-27");
    CHECK(r.scen[1].has_summary[M_caseload_per_sw]);
    CHECK(fabs(r.scen[1].summary[M_caseload_per_sw].mean - synth_mean(1, M_caseload_per_sw)) <
          1e-9);
    CHECK(r.scen[1].diff[M_caseload_per_sw].present && r.scen[1].diff[M_caseload_per_sw].significant);
    CHECK(!r.scen[2].diff[M_caseload_per_sw].significant);
    CHECK(!r.scen[0].diff[M_caseload_per_sw].present);
    CHECK(isnan(r.scen[0].weekly[M_share_within_45wd][0].mean)); /* the missing week */
    CHECK(r.scen[0].weekly[M_cost_total] == NULL);                /* not in weekly.csv */
    CHECK(r.nevents == 6 && r.events[4].scenario == 3);
    CHECK_STR(r.events[4].label, "Threshold \"pressure\"");
    CHECK_STR(r.events[0].label, "Centre cut 27%, closed Fridays");
    CHECK(r.scen[4].has_days && fabs(r.scen[4].days_cum[120] - 1) < 1e-12);
    chart_results_free(&r);

    /* one broken file at a time; the error names it and the line */
    char path[600];
    write_file(dir, "weekly.csv", "scenario,week_start,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95\n"
                                  "centre-cut-27,2010-04-06,contacts,1,1,1,1,1,1,1,1\n");
    load_fails(dir, CHART_EBAD, "weekly.csv:2: week_start 2010-04-06 is not one of the 60 weeks");
    write_file(dir, "weekly.csv", "scenario,week_start,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95\n"
                                  "nobody,2010-04-05,contacts,1,1,1,1,1,1,1,1\n");
    load_fails(dir, CHART_EBAD, "weekly.csv:2: scenario 'nobody' is not in run.ini");
    write_file(dir, "weekly.csv", "scenario,week_start,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95\n"
                                  "\"no\nbody\",2010-04-05,contacts,1,1,1,1,1,1,1,1\n");
    load_fails(dir, CHART_EBAD, "weekly.csv:2: scenario 'no\\nbody' is not in run.ini");
    write_file(dir, "weekly.csv", "scenario,week_start,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75\n");
    load_fails(dir, CHART_EBAD, "weekly.csv:1: missing column 'p95'");
    write_file(dir, "weekly.csv", "scenario,week_start,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95\n"
                                  "restructure,2010-04-12,contacts,1,1,x,1,1,1,1,1\n");
    load_fails(dir, CHART_EBAD, "weekly.csv:2: column 'ci_hi': 'x' is not a number");
    write_file(dir, "weekly.csv", "scenario,week_start,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95\n"
                                  "restructure,2010-02-30,contacts,1,1,1,1,1,1,1,1\n");
    load_fails(dir, CHART_EBAD, "'2010-02-30' is not a date");
    snprintf(path, sizeof path, "%s/weekly.csv", dir);
    unlink(path);
    load_fails(dir, CHART_EBAD, "weekly.csv: No such file or directory");
    synth_write(dir, 60);
    write_file(dir, "differences.csv", "scenario,metric,mean_diff,ci_lo,ci_hi,significant\n"
                                       "isle-of-wight-2011,contacts,0,0,0,0\n");
    load_fails(dir, CHART_EBAD, "differences.csv:2: the baseline");
    write_file(dir, "differences.csv", "scenario,metric,mean_diff,ci_lo,ci_hi,significant\n"
                                       "investment,contacts,1,0,2,2\n");
    load_fails(dir, CHART_EBAD, "differences.csv:2: significant must be 0 or 1");
    synth_write(dir, 60);
    write_file(dir, "assessment_days.csv", "scenario,working_days,share,cumulative\n"
                                           "investment,121,0,1\n");
    load_fails(dir, CHART_EBAD, "assessment_days.csv:2: working_days must be a whole number");
    synth_write(dir, 60);
    write_file(dir, "events.csv", "scenario,event,type,date,label\ninvestment,a,b,2011-13-01,x\n");
    load_fails(dir, CHART_EBAD, "events.csv:2: date '2011-13-01' is not a date");
    synth_write(dir, 60);
    write_file(dir, "run.ini", "[run]\nseed = 1\nreplications = 0\n");
    load_fails(dir, CHART_EBAD, "run.ini:3: replications '0' is not a positive whole number");
    write_file(dir, "run.ini", "[run]\nseed = 1\nreplications = 3\nmeasured_start = 2010-04-05\n"
                               "weeks = 60\n[scenario \"a\"]\nbaseline = no\n");
    load_fails(dir, CHART_EBAD, "expected exactly one scenario with baseline = yes, found 0");
    write_file(dir, "run.ini", "[run]\nseed = 1\n[scenario a]\n");
    load_fails(dir, CHART_EBAD, "run.ini:3: expected [scenario \"ID\"]");
    write_file(dir, "run.ini", "[run]\nseed\n");
    load_fails(dir, CHART_EBAD, "run.ini:2: expected 'key = value'");
    snprintf(path, sizeof path, "%s/run.ini", dir);
    unlink(path);
    load_fails(dir, CHART_EBAD, "run.ini: No such file or directory");
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
}

static void must_refuse(const char *dir, const char *want)
{
    chart_results r;
    char err[512] = "";
    CHECK(chart_results_load(&r, dir, err, sizeof err) == CHART_EBAD);
    CHECK_HAS(err, want);
    CHECK(r.scen == NULL);
}

static void shell(const char *fmt, const char *dir)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, fmt, dir, dir, dir, dir); /* up to four %s, each the folder */
    CHECK(system(cmd) == 0);
}

/* Issue 20 items 4, 5, 6, 8: what plot reads is the run's own plain files, checked against the
 * manifest; values a chart cannot show and impossible event counts are refused before drawing. */
static void boundary(void)
{
    char dir[] = "/tmp/caseload-test-boundary-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    synth_write(dir, 60);
    chart_results r;
    char err[512];
    CHECK(chart_results_load(&r, dir, err, sizeof err) == 0);
    CHECK(r.scen && r.scen[1].settings && strstr(r.scen[1].settings, "centre-cut-27"));
    chart_results_free(&r);
    /* a file of another run (or changed by hand): refused, named */
    write_file(dir, "summary.csv", "scenario,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95\n");
    must_refuse(dir, "summary.csv is not the file run");
    synth_write(dir, 60);
    shell("rm '%s/manifest.sha256'", dir);
    must_refuse(dir, "has no manifest.sha256");
    /* links out of the folder and FIFOs: refused without being read */
    synth_write(dir, 60);
    shell("echo secret > '%s.outside' && rm '%s/settings/restructure.ini' && "
          "ln -s '%s.outside' '%s/settings/restructure.ini'", dir);
    must_refuse(dir, "settings/restructure.ini: a symbolic link");
    synth_write(dir, 60);
    shell("rm '%s/events.csv' && mkfifo '%s/events.csv'", dir);
    must_refuse(dir, "events.csv: not a regular file");
    shell("rm '%s/events.csv'", dir);
    synth_write(dir, 60);
    shell("mv '%s/settings' '%s/s2' && ln -s s2 '%s/settings'", dir);
    must_refuse(dir, "a folder on the way is a symbolic link");
    shell("rm '%s/settings' && mv '%s/s2' '%s/settings'", dir);
    /* an id that would name a file outside settings/ */
    synth_write(dir, 60);
    write_file(dir, "run.ini", "[run]\nseed = 1\nreplications = 3\nmeasured_start = 2010-04-05\n"
                               "weeks = 60\n[scenario \"../../../secret\"]\nbaseline = yes\n");
    load_fails(dir, CHART_EBAD, "run.ini:6: bad scenario id");
    /* extreme numbers: one line naming the file, line and column */
    const char *extreme[] = {"1.797e308", "-1.797e308", "9e15", "1e308", "1e13"};
    for (size_t i = 0; i < sizeof extreme / sizeof extreme[0]; i++) {
        char text[300];
        synth_write(dir, 60);
        snprintf(text, sizeof text, "scenario,metric,mean_diff,ci_lo,ci_hi,significant\n"
                 "investment,contacts,%s,0,2,1\n", extreme[i]);
        write_file(dir, "differences.csv", text);
        load_fails(dir, CHART_EBAD, "differences.csv:2: column 'mean_diff'");
    }
    synth_write(dir, 60);
    write_file(dir, "weekly.csv", "scenario,week_start,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95\n"
                                  "restructure,2010-04-12,contacts,1,1,1,1,1,9e15,1,1\n");
    load_fails(dir, CHART_EBAD, "weekly.csv:2: column 'p50': 9e+15 is outside what a chart can show");
    /* a denormal, as 'lac_weekly_cost = 1e-320' makes run write: read, not refused */
    write_file(dir, "weekly.csv", "scenario,week_start,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95\n"
                                  "restructure,2010-04-12,contacts,1e-320,1,1,1,1,1,1,1\n");
    CHECK(chart_results_load_unchecked(&r, dir, err, sizeof err) == 0);
    chart_results_free(&r);
    /* more events for one scenario than a scenario can have */
    FILE *f = synth_open(dir, "events.csv");
    fputs("scenario,event,type,date,label\n", f);
    for (int i = 0; i < 33; i++)
        fprintf(f, "investment,e%d,budget_cut,2011-04-01,x\n", i);
    fclose(f);
    load_fails(dir, CHART_EBAD, "events.csv:34: more than 32 events for scenario 'investment'");
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s.outside'", dir, dir);
    CHECK(system(cmd) == 0);
}

int main(void)
{
    good();
    malformed();
    loader();
    boundary();
    return check_done("test_csvread");
}
