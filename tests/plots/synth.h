/* synth: writes a synthetic results directory in the format of docs/outputs.md, so the chart and
 * report code can be tested without running the simulator. The numbers are smooth, known
 * functions of the scenario, week and metric, so tests can predict what the report must say.
 *
 * Scenarios (first is the baseline): isle-of-wight-2011, centre-cut-27, restructure,
 * combined-2011, investment. In differences.csv, centre-cut-27 and combined-2011 change every key
 * metric clearly (interval excludes zero); restructure's intervals all include zero; investment
 * improves. Names carry UTF-8 (em dash, pound sign) to exercise the Latin-1 conversion. */
#ifndef CASELOAD_TEST_SYNTH_H
#define CASELOAD_TEST_SYNTH_H

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

#include "manifest.h"
#include "metrics.h"

#define SYNTH_NSCEN 5
static const char *const synth_ids[SYNTH_NSCEN] = {"isle-of-wight-2011", "centre-cut-27",
                                                   "restructure", "combined-2011", "investment"};
static const char *const synth_names[SYNTH_NSCEN] = {
    "Isle of Wight 2011 \xE2\x80\x94 before the decisions",
    "Children\xE2\x80\x99s centre budget cut by 27% (\xC2\xA3" "1.2m)",
    "Third restructure in four years", "Cut, restructure and threshold pressure together",
    "Six more social workers"};
/* short labels: set for the cut (a key of its own), empty for the rest (the name when short
 * enough, else the id) */
static const char *const synth_labels[SYNTH_NSCEN] = {"", "Centre cut 27%", "", "", ""};
/* effect of each scenario on a "worse" direction, in units of the metric's scale */
static const double synth_effect[SYNTH_NSCEN] = {0, 1.0, 0.05, 1.6, -0.6};

/* The baseline level of a metric (in its stored unit: shares are 0..1). */
static double synth_level(metric_id m)
{
    switch (m) {
    case M_caseload_per_sw: return 18.2;
    case M_unallocated_cases: return 40;
    case M_share_within_45wd: return 0.84;
    case M_early_help_waiting: return 55;
    case M_families_3plus_contacts_no_assessment: return 30;
    case M_wd_to_assessment_mean: return 31;
    case M_cost_total: return 24.5e6;
    default: return metric_kind_of(m) == MK_SHARE ? 0.3 : 100;
    }
}

/* How much a unit of effect moves the metric (shares fall as things get worse). */
static double synth_slope(metric_id m)
{
    switch (m) {
    case M_share_within_45wd: return -0.13;
    case M_caseload_per_sw: return 3.5;
    case M_cost_total: return -1.0e6;
    default: return (metric_kind_of(m) == MK_SHARE ? 0.1 : 0.25) * synth_level(m);
    }
}

/* Whole-period mean of metric m in scenario s. */
static double synth_mean(int s, metric_id m) { return synth_level(m) + synth_effect[s] * synth_slope(m); }

static int synth_mkdir(const char *path) { return mkdir(path, 0755) && errno != EEXIST ? -1 : 0; }

static FILE *synth_open(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    /* A test may have left a link or FIFO here: replace it, never write through it (as root, a
       link to a system file would be overwritten). */
    if (unlink(path) != 0 && errno != ENOENT)
        return NULL;
    return fopen(path, "wx");
}

static void synth_run_ini(const char *dir, int weeks)
{
    FILE *f = synth_open(dir, "run.ini");
    fprintf(f, "[run]\nversion = 0.1.0\ncommand = caseload compare");
    for (int s = 0; s < SYNTH_NSCEN; s++)
        fprintf(f, " scenarios/%s.ini", synth_ids[s]);
    fprintf(f, " --reps 40 --seed 20110401 --out %s\nseed = 20110401\nreplications = 40\n"
               "measured_start = 2010-04-05\nweeks = %d\nbaseline = %s\n",
            dir, weeks, synth_ids[0]);
    for (int s = 0; s < SYNTH_NSCEN; s++)
        fprintf(f, "\n[scenario \"%s\"]\nname = %s\nlabel = %s\nfile = scenarios/%s.ini\n"
                   "baseline = %s\n",
                synth_ids[s], synth_names[s], synth_labels[s], synth_ids[s], s ? "no" : "yes");
    fclose(f);
}

static void synth_stat(FILE *f, double mean, double spread)
{
    fprintf(f, "%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g\n", mean, mean - spread * 0.2,
            mean + spread * 0.2, mean - spread * 1.6, mean - spread * 0.7, mean,
            mean + spread * 0.7, mean + spread * 1.6);
}

static void synth_summary(const char *dir)
{
    FILE *f = synth_open(dir, "summary.csv");
    fprintf(f, "scenario,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95\n");
    for (int s = 0; s < SYNTH_NSCEN; s++) {
        for (int m = 0; m < M_COUNT; m++) {
            fprintf(f, "%s,%s,", synth_ids[s], metric_name((metric_id)m));
            synth_stat(f, synth_mean(s, (metric_id)m), fabs(synth_slope((metric_id)m)) * 0.1);
        }
        fprintf(f, "%s,metric_from_the_future,1,1,1,1,1,1,1,1\n", synth_ids[s]);
    }
    fclose(f);
}

/* The effect ramps in over a year from the scenario's event (week 52). */
static double synth_week_value(int s, metric_id m, int w, int weeks)
{
    double ramp = w < 52 ? 0 : fmin(1, (w - 52) / 52.0);
    double wiggle = 0.03 * synth_level(m) * sin(w / 8.0 + s);
    (void)weeks;
    return synth_level(m) + ramp * synth_effect[s] * synth_slope(m) * 1.3 + wiggle;
}

static void synth_weekly(const char *dir, int weeks)
{
    FILE *f = synth_open(dir, "weekly.csv");
    fprintf(f, "scenario,week_start,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95\n");
    for (int s = 0; s < SYNTH_NSCEN; s++)
        for (int w = 0; w < weeks; w++) {
            /* 2010-04-05 plus 7w days, formatted without the calendar module */
            struct tm t = {.tm_year = 110, .tm_mon = 3, .tm_mday = 5 + 7 * w, .tm_hour = 12};
            mktime(&t);
            char date[16];
            strftime(date, sizeof date, "%Y-%m-%d", &t);
            for (int k = 0; k < 7; k++) {
                metric_id m = k < 5 ? (metric_id[]){M_caseload_per_sw, M_unallocated_cases,
                                                    M_share_within_45wd, M_early_help_waiting,
                                                    M_families_3plus_contacts_no_assessment}[k]
                                    : k == 5 ? M_wd_to_assessment_mean : M_contacts;
                double v = synth_week_value(s, m, w, weeks);
                double spread = (m == M_share_within_45wd ? 0.03 : 0.08 * synth_level(m));
                fprintf(f, "%s,%s,%s,", synth_ids[s], date, metric_name(m));
                if (m == M_share_within_45wd && w == 0)
                    fprintf(f, ",,,,,,,\n"); /* a missing week (no assessments yet) */
                else
                    synth_stat(f, v, spread);
            }
        }
    fclose(f);
}

static void synth_differences(const char *dir)
{
    FILE *f = synth_open(dir, "differences.csv");
    fprintf(f, "scenario,metric,mean_diff,ci_lo,ci_hi,significant\n");
    for (int s = 1; s < SYNTH_NSCEN; s++)
        for (int m = 0; m < M_COUNT; m++) {
            double d = synth_mean(s, (metric_id)m) - synth_mean(0, (metric_id)m);
            /* restructure: wide intervals through zero; the others: tight */
            double half = s == 2 ? fabs(d) * 3 + 1e-3 : fabs(d) * 0.2;
            int sig = !(d - half <= 0 && d + half >= 0);
            fprintf(f, "%s,%s,%.10g,%.10g,%.10g,%d\n", synth_ids[s], metric_name((metric_id)m), d,
                    d - half, d + half, sig);
        }
    fclose(f);
}

static void synth_events(const char *dir)
{
    FILE *f = synth_open(dir, "events.csv");
    fprintf(f, "scenario,event,type,date,label\n");
    fprintf(f, "centre-cut-27,centre-cut,budget_cut,2011-04-01,\"Centre cut 27%%, closed Fridays\"\n");
    fprintf(f, "restructure,restructure,restructure,2011-09-01,Restructure\n");
    fprintf(f, "combined-2011,centre-cut,budget_cut,2011-04-01,Centre cut 27%%\n");
    fprintf(f, "combined-2011,restructure,restructure,2011-09-01,Restructure\n");
    fprintf(f, "combined-2011,pressure,threshold_pressure,2012-01-09,\"Threshold \"\"pressure\"\"\"\n");
    fprintf(f, "investment,more-sw,investment,2011-04-01,+6 social workers\n");
    fclose(f);
}

/* A gamma-like distribution of days whose median moves with the scenario's effect. */
static void synth_days(const char *dir)
{
    FILE *f = synth_open(dir, "assessment_days.csv");
    fprintf(f, "scenario,working_days,share,cumulative\n");
    for (int s = 0; s < SYNTH_NSCEN; s++) {
        double scale = 14 + 6 * synth_effect[s], cum = 0, prev = 0;
        for (int d = 0; d <= 120; d++) {
            double x = (d + 1) / scale;
            double c = d == 120 ? 1 : 1 - exp(-x) * (1 + x + x * x / 2);
            cum = c;
            fprintf(f, "%s,%d,%.10g,%.10g\n", synth_ids[s], d, cum - prev, cum);
            prev = cum;
        }
    }
    fclose(f);
}

static void synth_settings(const char *dir)
{
    char sub[1024];
    snprintf(sub, sizeof sub, "%s/settings", dir);
    synth_mkdir(sub);
    for (int s = 0; s < SYNTH_NSCEN; s++) {
        char name[256];
        snprintf(name, sizeof name, "settings/%s.ini", synth_ids[s]);
        FILE *f = synth_open(dir, name);
        fprintf(f, "; %s <resolved>\n[staff]\nsocial_worker.fte = 32 ; default & <b>escaped</b>\n"
                   "[demand]\nchildren = 26100 ; from scenarios/%s.ini\n",
                synth_names[s], synth_ids[s]);
        fclose(f);
    }
}

/* Writes the whole directory (which must exist). weeks: length of the weekly series. */
/* DIR/manifest.sha256 for the files as they are now, as a run writes it last; call again after
 * changing a file on purpose (a test of the parsers, not of the manifest). */
static void synth_manifest(const char *dir)
{
    static const char *const data[] = {"summary.csv", "weekly.csv", "differences.csv",
                                       "events.csv", "assessment_days.csv", "run.ini",
                                       "replications.csv", "measures.csv"};
    manifest m = {0};
    char err[512], name[128];
    unsigned char sha[SHA256_BYTES];
    for (size_t i = 0; i < sizeof data / sizeof data[0]; i++)
        if (manifest_hash_file(dir, data[i], (size_t)1 << 30, sha, err, sizeof err) == 0)
            manifest_add(&m, data[i], sha);
    for (int s = 0; s < SYNTH_NSCEN; s++) {
        snprintf(name, sizeof name, "settings/%s.ini", synth_ids[s]);
        if (manifest_hash_file(dir, name, (size_t)1 << 20, sha, err, sizeof err) == 0)
            manifest_add(&m, name, sha);
    }
    manifest_add(&m, "report.html", NULL);
    manifest_finish(&m);
    if (manifest_write(&m, dir, err, sizeof err))
        fprintf(stderr, "synth_manifest: %s\n", err);
    manifest_free(&m);
}

static void synth_write(const char *dir, int weeks)
{
    synth_run_ini(dir, weeks);
    synth_summary(dir);
    synth_weekly(dir, weeks);
    synth_differences(dir);
    synth_events(dir);
    synth_days(dir);
    synth_settings(dir);
    synth_manifest(dir);
}

#endif
