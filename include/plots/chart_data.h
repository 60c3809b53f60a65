/* chart_data: reading a results directory (docs/outputs.md) into memory for the charts and the
 * report.
 *
 * Two layers. chart_csv is util's strict CSV reader (include/util/csv.h), whose errors name the
 * file and the line. chart_results is the
 * whole directory: run.ini, summary.csv, weekly.csv, differences.csv, events.csv and
 * assessment_days.csv, checked against each other, and the optional measures.csv (how each
 * measure is judged; without it, the metric table's defaults) and replications.csv (each run's
 * value, for statements such as "in 9 runs out of 10") (every scenario named in a CSV must be in
 * run.ini; weekly dates must fall on the weekly grid). Rows for metrics this version does not know
 * are skipped, so newer results still draw. settings/ID.ini is read later, by the report, as text.
 *
 * Ownership: the caller owns the structs; *_free releases what *_read/_load allocated and is safe
 * on a zeroed struct. No state is kept outside them.
 */
#ifndef CASELOAD_CHART_DATA_H
#define CASELOAD_CHART_DATA_H

#include <stddef.h>

#include "calendar.h"
#include "csv.h"
#include "metrics.h"

/* Error kinds, returned as negative codes by the loaders (and by report_render_dir). */
#define CHART_EIO (-1)  /* the file exists but cannot be read, or an output cannot be written */
#define CHART_EBAD (-2) /* a file is missing, empty or malformed */

/* The results files are read with util's one CSV reader (include/util/csv.h). */
typedef csv_table chart_csv;
/* The largest results file read back (bytes): far above what a run writes (a 50-year comparison of
 * 16 scenarios writes about 200 MB of weekly.csv), small enough that a wrong file is refused. */
#define CHART_MAX_FILE ((size_t)1 << 30)
#define chart_csv_parse csv_parse
#define chart_csv_free csv_free
#define chart_csv_column csv_column
#define chart_csv_field csv_field
#define chart_csv_number csv_number
/* Read and parse a results file. CHART_EBAD when missing or malformed, CHART_EIO when unreadable. */
static inline int chart_csv_read(chart_csv *c, const char *path, char *err, size_t errlen)
{
    return csv_read(c, path, CHART_MAX_FILE, err, errlen);
}

/* A statistic over replications, as in summary.csv and weekly.csv; NAN where missing. */
typedef struct chart_stat {
    double mean, ci_lo, ci_hi, p5, p25, p50, p75, p95;
} chart_stat;

/* One row of differences.csv: alternative minus baseline, paired over replications. */
typedef struct chart_diff {
    double mean, ci_lo, ci_hi; /* NAN where missing */
    int significant;           /* the 95% interval excludes zero */
    int present;               /* a row was read */
} chart_diff;

typedef struct chart_event {
    int scenario;     /* index into chart_results.scen */
    char name[64];    /* the event's name in the scenario file */
    char type[32];    /* budget_cut, restructure, ... */
    cal_date date;    /* when it starts */
    char label[128];  /* short text for the chart marker (UTF-8) */
} chart_event;

/* Limits of what plot reads (issue 20): the largest file a run of 16 scenarios x 50 years can
 * write is well under these; a value beyond CHART_VALUE_MAX is refused before any chart. */
#define CHART_CSV_MAX_BYTES ((size_t)1 << 30)
#define SETTINGS_MAX_BYTES ((size_t)1 << 20)
#define CHART_VALUE_MAX 1e12

#define CHART_DAYS_MAX 120 /* assessment_days.csv: 0..120, 120 meaning 120 or more */

typedef struct chart_scenario {
    char id[96];             /* file name without .ini */
    char name[200];          /* human name (UTF-8) */
    char label[64];          /* short name for keys and sentences (run.ini `label`, else name or id;
                                see chart_scenario_label) */
    char file[4096];         /* scenario file as given on the command line */
    int baseline;            /* 1 for the baseline */
    chart_stat summary[M_COUNT];
    unsigned char has_summary[M_COUNT];
    chart_diff diff[M_COUNT]; /* all absent for the baseline */
    chart_stat *weekly[M_COUNT]; /* NULL, or `weeks` entries (NAN where no row) */
    double days_share[CHART_DAYS_MAX + 1];
    double days_cum[CHART_DAYS_MAX + 1];
    int has_days;            /* assessment_days.csv had rows for this scenario */
    double *reps[M_COUNT];   /* NULL, or `replications` whole-period values (NAN where missing) */
    int nevents;             /* rows of events.csv for it (at most PARAMS_MAX_EVENTS) */
    char *settings;          /* settings/ID.ini as the run wrote it, or NULL */
} chart_scenario;

/* How a measure's difference from the baseline is judged (measures.csv, metrics.h). */
typedef struct chart_measure {
    metric_direction dir;
    double smallest_abs, smallest_rel; /* the smallest difference is the larger of abs and rel x
                                          |baseline's whole-period mean| */
} chart_measure;

typedef struct chart_results {
    char dir[512];
    char version[32];
    char *command;           /* as in run.ini (any length), or NULL */
    char seed[32];           /* as written in run.ini (a 64-bit number) */
    int replications;
    cal_date start;          /* measured_start */
    int weeks;               /* weekly series length */
    int baseline;            /* index of the baseline scenario */
    int nscen;
    chart_scenario *scen;    /* nscen, in command-line order */
    size_t capscen;
    int nevents;
    chart_event *events;     /* in file order */
    chart_measure measure[M_COUNT];
} chart_results;

/* ---- judging a difference (docs/report.md, "Judging a difference") ----
 * RV_CLEAR: the 95% interval excludes zero and the difference is at least the measure's smallest
 * difference that matters; RV_NEGLIGIBLE: the interval excludes zero but the difference is
 * smaller; RV_UNCLEAR: the interval includes zero; RV_NONE: no difference to judge (the
 * baseline, or no row). */
typedef enum chart_verdict { RV_NONE, RV_UNCLEAR, RV_NEGLIGIBLE, RV_CLEAR } chart_verdict;
chart_verdict chart_judge(const chart_results *r, int s, metric_id m);
/* +1 clearly better for children, -1 clearly worse, 0 otherwise (not clear, or a measure that is
 * neither better nor worse in itself, or money). */
int chart_better(const chart_results *r, int s, metric_id m);
/* m's smallest difference that matters in its stored unit (NAN when it cannot be worked out). */
double chart_smallest(const chart_results *r, metric_id m);
/* Load a results directory. Every file is read as a plain file inside dir (no symbolic links, no
 * FIFOs or devices, at most CHART_CSV_MAX_BYTES; util_read_inside), and only after every data file
 * named in dir/manifest.sha256 has been checked against its SHA-256 (manifest.h), so a folder that
 * mixes two runs, or a file put there by hand, is refused. Returns 0, CHART_EBAD (missing,
 * malformed or mixed files; err names the file) or CHART_EIO. On failure the struct is freed. */
int chart_results_load(chart_results *r, const char *dir, char *err, size_t errlen);
/* The same without the manifest: the parsers alone, for the fuzz target and the parser tests. */
int chart_results_load_unchecked(chart_results *r, const char *dir, char *err, size_t errlen);
void chart_results_free(chart_results *r);
int chart_results_find(const chart_results *r, const char *id); /* index or -1 */
/* The date of week w of the weekly series. */
cal_date chart_results_week_date(const chart_results *r, int w);

#endif
