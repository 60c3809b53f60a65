/* chart: the charts of a results directory, drawn with GNU libplot as PNG and SVG, and the
 * pieces they are made of that are worth testing alone (text conversion, tick choice, styles).
 *
 * Every chart is drawn once per format from the same code: PNG (Hershey stroke fonts, the only
 * fonts libplot's bitmap output has) and SVG (PostScript Helvetica, real text). Both are laid out
 * on a canvas CHART_WIDTH units wide, so sizes below are in those units; the PNG is CHART_WIDTH
 * pixels wide and the SVG 16 cm (the text width of an A4 page with 2.5 cm margins).
 *
 * Styles are chosen to survive greyscale printing and colour blindness: Okabe-Ito colours, each
 * series with its own dash pattern and marker as well as its colour.
 */
#ifndef CASELOAD_CHART_H
#define CASELOAD_CHART_H

#include <stddef.h>

#include "calendar.h"
#include "chart_data.h"

#define CHART_WIDTH 1600
#define CHART_SVG_WIDTH_CM 16.0

/* ---- text ---- */

/* UTF-8 to ISO-8859-1 (Latin-1) for libplot. Characters Latin-1 has (the pound sign, accented
 * letters) are kept; common ones it lacks are replaced by a plain equivalent (en and em dashes ->
 * "-", curly quotes -> straight, ellipsis -> "...", euro sign -> "EUR", non-breaking and thin
 * spaces -> " ", minus sign -> "-", bullet -> "-"); anything else, and malformed UTF-8, becomes
 * "?". Writes at most cap-1 bytes and a NUL (never cutting a replacement in half); returns the
 * length written. */
size_t chart_latin1(const char *utf8, char *out, size_t cap);

/* ---- ticks ---- */

typedef struct chart_ticks {
    double first; /* first tick, <= lo */
    double step;  /* 1, 2 or 5 times a power of ten */
    int n;        /* ticks from first to first + (n-1)*step, the last >= hi */
    int decimals; /* digits after the point that show every tick exactly */
} chart_ticks;

/* "Nice" ticks covering [lo, hi] with at most max_ticks ticks (max_ticks >= 3: a range across
 * zero needs three). lo == hi is widened around the value. Returns 0, or -1 when lo or hi is
 * not finite or max_ticks < 3. */
int chart_nice_ticks(double lo, double hi, int max_ticks, chart_ticks *t);
/* A tick value as text with t->decimals digits, a thousands comma from 1,000 up, and no "-0". */
void chart_tick_label(const chart_ticks *t, double v, char *buf, size_t n);

/* Month ticks on a date axis: first days of months from lo to hi inclusive, every 1, 2, 3, 6, 12
 * or 24 months (the smallest step giving at most max_ticks), aligned to January. Returns how
 * many were written (at most cap). */
int chart_date_ticks(cal_date lo, cal_date hi, int max_ticks, cal_date *out, int cap);
/* The ticks of a date axis `width` canvas units long: month labels ("Apr 2011") when they fit,
 * else one tick a year labelled with the year alone (*yearly = 1). Returns the count. */
int chart_date_axis(cal_date lo, cal_date hi, double width, cal_date *out, int cap, int *yearly);
/* "Apr 2011"; with the month omitted ("2011") when short_form is 1. */
void chart_month_label(cal_date d, int short_form, char *buf, size_t n);

/* ---- styles ---- */

typedef struct chart_style {
    unsigned char r, g, b; /* line colour (Okabe-Ito) */
    int ndash;             /* 0 for a solid line */
    double dash[4];        /* on/off lengths in canvas units */
    int marker;            /* libplot marker type for points, filled */
    int marker_open;       /* the same shape outlined (for "no clear change") */
} chart_style;

/* The style of the i-th series (the baseline is series 0); cycles after CHART_STYLES. */
#define CHART_STYLES 7
chart_style chart_series_style(int i);

/* ---- the charts ---- */

typedef enum chart_format { CHART_PNG, CHART_SVG } chart_format;

/* Each draws one chart of r to path in the given format (through outfile: temporary name and
 * rename). Returns 0, or CHART_EIO with a message naming the file. */
int chart_fan(const chart_results *r, metric_id m, chart_format fmt, const char *path, char *err,
              size_t errlen);
int chart_change(const chart_results *r, chart_format fmt, const char *path, char *err,
                 size_t errlen);
int chart_days(const chart_results *r, chart_format fmt, const char *path, char *err,
               size_t errlen);

/* A scenario's short name for keys and sentences (UTF-8): its label, else its name when that is
 * short, else its id; the id too when another scenario would show the same text. */
const char *chart_scenario_name(const chart_results *r, int s);

/* The metrics of the change-against-baseline chart (and of the report's summary table). */
#define CHART_KEY_COUNT 8
metric_id chart_key_metric(int i);

/* A short label for panel titles ("Families with 3+ contacts, no assessment"), UTF-8. */
const char *chart_short_label(metric_id m);
/* How a metric's values are shown: shares as percentages (x100), the rest as they are. */
double chart_display_scale(metric_id m);
/* Axis title for a metric's values ("% of assessments", "cases per FTE", "£ a year"), UTF-8;
 * for a difference (diff = 1) shares are in "percentage points". */
void chart_axis_title(metric_id m, int diff, char *buf, size_t n);

/* ---- charts of a setting's effect (caseload plan, caseload sweep; plots/chart_curve.c) ---- */

/* A measure against one varied setting: the mean at each value with its 95% whiskers, the target
 * (a dashed line) and the answer (a vertical line), each with a label. Shares are given 0..1 and
 * drawn in %. Text is UTF-8. */
typedef struct chart_curve {
    const char *title, *subtitle, *xlabel, *ylabel, *source;
    int n;
    const double *x, *mean, *lo, *hi;
    int share, from_zero;    /* y in %; y axis from 0 (counts) */
    int has_target, has_answer;
    double target, answer;
    const char *target_label, *answer_label;
} chart_curve;
int chart_curve_draw(const chart_curve *d, chart_format fmt, const char *path, char *err,
                     size_t errlen);

/* A measure over two settings: value[i * ny + j] at (x[i], y[j]), light to dark. */
typedef struct chart_heat {
    const char *title, *subtitle, *xlabel, *ylabel, *source;
    int nx, ny;
    const double *x, *y, *value;
    int share;
} chart_heat;
int chart_heat_draw(const chart_heat *d, chart_format fmt, const char *path, char *err,
                    size_t errlen);

/* A tornado chart (caseload sensitivity): one bar a setting from the result at its low value to
 * that at its high value, about `base` (every setting as the scenario has it), in the order given
 * (the largest effect first). */
typedef struct chart_tornado {
    const char *title, *subtitle, *xlabel, *source;
    int n;
    const char *const *labels;
    const double *low, *high;
    double base;
    int share;
} chart_tornado;
int chart_tornado_draw(const chart_tornado *d, chart_format fmt, const char *path, char *err,
                       size_t errlen);

#endif
