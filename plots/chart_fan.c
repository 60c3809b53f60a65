/* Fan charts: one panel per scenario (small multiples on one y scale), because libplot has no
 * transparency and overlapping opaque bands of five scenarios would hide each other. Each panel
 * shows the scenario's median week by week (its colour and dash), the middle 50% and 90% of
 * replications as tints of that colour, the baseline median as a thin grey line for comparison,
 * and the scenario's events as dated vertical lines. Every event is listed under its panel, with
 * its date, in the free space below the date axis: no label is drawn over the data. */
#include "plots_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LEFT 130.0    /* room for y tick labels and the axis title */
#define RIGHT 30.0
#define GAP_X 120.0   /* between panel columns (the right column repeats the tick labels) */
#define PLOT_H 250.0  /* height of a panel's plotting area */
#define PANEL_TOP 48.0 /* panel title above the plotting area */
#define PANEL_BOTTOM 62.0 /* date labels under it */
#define KEY_ROW 46.0
#define EVENT_LINE (CHART_FONT_SMALL * 1.35)

static const chart_rgb grey_rgb = {0x66, 0x66, 0x66};
static const chart_rgb event_rgb = {0x33, 0x33, 0x33};

typedef struct fan_layout {
    int cols, rows;
    int key_rows;    /* rows the key wraps to */
    double top;      /* y of the first panel block's top */
    double panel_w;
    double events_h; /* the event list under each panel (the longest one) */
    double block_h;  /* one row of panels: title, plot, dates, events */
    double height;   /* canvas height */
    double source_h;
} fan_layout;

static int key(chart_canvas *c, double y, int has_events, int has_baseline_line, int draw);
static void event_text(const chart_results *r, int s, char *buf, size_t n);

static fan_layout layout(const chart_results *r)
{
    fan_layout l;
    chart_canvas probe = {.w = CHART_WIDTH}; /* no plotter yet: generous width estimates */
    l.cols = r->nscen >= 3 ? 2 : 1;
    l.rows = (r->nscen + l.cols - 1) / l.cols;
    l.source_h = chart_source_height(r);
    l.panel_w = (CHART_WIDTH - LEFT - RIGHT - (l.cols - 1) * GAP_X) / l.cols;
    l.key_rows = key(&probe, 0, r->nevents > 0, r->nscen > 1, 0);
    int lines = 0;
    for (int s = 0; s < r->nscen; s++) {
        char text[2048];
        event_text(r, s, text, sizeof text);
        if (text[0]) {
            int k = chart_text_lines(&probe, l.panel_w, CHART_FONT_SMALL, text);
            lines = k > lines ? k : lines;
        }
    }
    l.events_h = lines ? lines * EVENT_LINE + 10 : 0;
    l.block_h = PANEL_TOP + PLOT_H + PANEL_BOTTOM + l.events_h;
    double head = 24 + CHART_FONT_TITLE * 1.4 + CHART_FONT_SUB * 1.35 * 3 + 8 + l.key_rows * KEY_ROW;
    l.height = head + l.rows * l.block_h + l.source_h + 10;
    l.top = l.height - head;
    return l;
}

/* The data range over all scenarios' 5th and 95th percentiles, in display units. */
static int value_range(const chart_results *r, metric_id m, double *lo, double *hi)
{
    double k = chart_display_scale(m);
    *lo = INFINITY;
    *hi = -INFINITY;
    for (int s = 0; s < r->nscen; s++) {
        const chart_stat *w = r->scen[s].weekly[m];
        for (int i = 0; w && i < r->weeks; i++) {
            double v[3] = {w[i].p5, w[i].p95, w[i].p50};
            for (int j = 0; j < 3; j++)
                if (isfinite(v[j])) {
                    *lo = fmin(*lo, v[j] * k);
                    *hi = fmax(*hi, v[j] * k);
                }
        }
    }
    if (!isfinite(*lo))
        return -1;
    /* counts, rates and shares that cannot go below zero start at zero, so a bar of the axis is
     * never read as a level; a measure that is zero throughout gets 0 to 1, not -1 to 1 */
    if (*lo >= 0)
        *lo = 0;
    if (*hi <= *lo)
        *hi = *lo + 1;
    if (metric_kind_of(m) == MK_SHARE && *hi > 90)
        *hi = fmax(*hi, 100);
    return 0;
}

/* 1 when every weekly percentile of every scenario is 0. */
static int all_zero(const chart_results *r, metric_id m)
{
    for (int s = 0; s < r->nscen; s++) {
        const chart_stat *w = r->scen[s].weekly[m];
        for (int i = 0; w && i < r->weeks; i++)
            if ((isfinite(w[i].p5) && w[i].p5 != 0) || (isfinite(w[i].p95) && w[i].p95 != 0))
                return 0;
    }
    return 1;
}

enum { P5, P25, P50, P75, P95 };

static double pct(const chart_stat *s, int which)
{
    switch (which) {
    case P5: return s->p5;
    case P25: return s->p25;
    case P50: return s->p50;
    case P75: return s->p75;
    default: return s->p95;
    }
}

/* Fills the band between two percentiles: one polygon per run of weeks where both are present.
 * px, py are scratch arrays of 2 * r->weeks. */
static void band(chart_canvas *c, const chart_panel *p, const chart_results *r,
                 const chart_stat *w, int lo, int hi, double k, chart_rgb col, double *px,
                 double *py)
{
    int i = 0;
    while (i < r->weeks) {
        int start = i;
        while (i < r->weeks && isfinite(pct(&w[i], lo)) && isfinite(pct(&w[i], hi)))
            i++;
        int len = i - start;
        for (int j = 0; j < len; j++) {
            double x = chart_px(p, chart_results_week_date(r, start + j));
            px[j] = px[2 * len - 1 - j] = x;
            py[j] = chart_py(p, pct(&w[start + j], hi) * k);
            py[2 * len - 1 - j] = chart_py(p, pct(&w[start + j], lo) * k);
        }
        if (len >= 2)
            chart_fill(c, px, py, 2 * len, col);
        i++;
    }
}

static void median(chart_canvas *c, const chart_panel *p, const chart_results *r,
                   const chart_stat *w, double k, double *px, double *py)
{
    for (int i = 0; i < r->weeks; i++) {
        px[i] = chart_px(p, chart_results_week_date(r, i));
        py[i] = isfinite(w[i].p50) ? chart_py(p, w[i].p50 * k) : NAN;
    }
    chart_polyline(c, px, py, r->weeks);
}

/* Every event of scenario s, by date: "4 Jan 2011: Restructure. 1 Apr 2011: Budget cut 27% (early
 * help staff); Threshold pressure." ("" when it has none). */
static void event_text(const chart_results *r, int s, char *buf, size_t n)
{
    size_t w = 0;
    cal_date last = 0;
    int any = 0;
    buf[0] = 0;
    for (int i = 0; i < r->nevents && w < n; i++) {
        const chart_event *e = &r->events[i];
        if (e->scenario != s)
            continue;
        char day[32];
        chart_day_label(e->date, day, sizeof day);
        if (any && e->date == last)
            w += (size_t)snprintf(buf + w, n - w, "; %s", e->label);
        else
            w += (size_t)snprintf(buf + w, n - w, "%s%s: %s", any ? ". " : "", day, e->label);
        last = e->date;
        any = 1;
    }
    if (any && w < n)
        snprintf(buf + w, n - w, ".");
}

/* The scenario's events: dashed vertical lines at their dates (events on one day share one); the
 * list under the panel names them all. */
static void events(chart_canvas *c, const chart_panel *p, const chart_results *r, int s)
{
    chart_style dash = {0, 0, 0, 2, {10, 7, 0, 0}, 0, 0};
    for (int i = 0; i < r->nevents; i++) {
        const chart_event *e = &r->events[i];
        if (e->scenario != s || e->date < p->xmin || e->date > p->xmax)
            continue;
        double x = chart_px(p, e->date);
        chart_pen(c, event_rgb, 2.5, &dash);
        chart_line(c, x, p->y0, x, p->y1);
    }
}

static void event_list(chart_canvas *c, const chart_panel *p, const chart_results *r, int s)
{
    char text[2048];
    event_text(r, s, text, sizeof text);
    if (!text[0])
        return;
    chart_pen(c, event_rgb, 1, NULL);
    chart_text_wrapped(c, p->x0, p->y0 - PANEL_BOTTOM + 4, p->x1 - p->x0, CHART_FONT_SMALL, text);
}

static void panel_title(chart_canvas *c, const chart_panel *p, const chart_results *r, int s)
{
    char label[160];
    chart_style st = chart_series_style(s);
    chart_pen(c, chart_rgb_of(&st), 6, &st);
    chart_line(c, p->x0, p->y1 + 24, p->x0 + 56, p->y1 + 24);
    chart_scenario_label(r, s, label, sizeof label);
    chart_pen(c, event_rgb, 1, NULL);
    chart_text(c, p->x0 + 70, p->y1 + 24, 'l', 'c', 0, CHART_FONT_SUB, 1, label);
}

static void draw_panel(chart_canvas *c, const chart_panel *p, const chart_results *r, int s,
                       metric_id m, const chart_ticks *t, int ylabels, double *px, double *py)
{
    double k = chart_display_scale(m);
    chart_style st = chart_series_style(s);
    chart_rgb col = chart_rgb_of(&st);
    chart_axis_y(c, p, t, ylabels);
    chart_axis_dates(c, p);
    const chart_stat *w = r->scen[s].weekly[m];
    if (w) {
        band(c, p, r, w, P5, P95, k, chart_tint(col, 0.8), px, py);
        band(c, p, r, w, P25, P75, k, chart_tint(col, 0.55), px, py);
    }
    events(c, p, r, s);
    const chart_stat *base = r->scen[r->baseline].weekly[m];
    if (base && s != r->baseline) {
        chart_pen(c, grey_rgb, 3, NULL);
        median(c, p, r, base, k, px, py);
    }
    if (w) {
        chart_pen(c, col, 5, &st);
        median(c, p, r, w, k, px, py);
    } else {
        chart_pen(c, event_rgb, 1, NULL);
        chart_text(c, (p->x0 + p->x1) / 2, (p->y0 + p->y1) / 2, 'c', 'c', 0, CHART_FONT_SUB, 0,
                   "no weekly values for this scenario");
    }
    chart_frame(c, p);
    panel_title(c, p, r, s);
    event_list(c, p, r, s);
}

typedef struct key_item {
    char kind; /* as chart_key's, and 'g' for the grey baseline line */
    chart_rgb col;
    const chart_style *st;
    const char *label;
} key_item;

/* The key explains the encoding once, in neutral greys, above the panels; entries wrap to a new
 * row rather than run past the right edge. Returns the rows used (measured or drawn). */
static int key(chart_canvas *c, double y, int has_events, int has_baseline_line, int draw)
{
    chart_rgb black = {0, 0, 0};
    chart_style dash = {0, 0, 0, 2, {10, 7, 0, 0}, 0, 0};
    key_item items[5] = {{'b', chart_tint(black, 0.8), NULL, "90% of runs"},
                  {'b', chart_tint(black, 0.55), NULL, "middle 50% of runs"},
                  {'l', black, NULL, "median"}};
    int n = 3;
    if (has_baseline_line)
        items[n++] = (key_item){'g', grey_rgb, NULL, "baseline median"};
    if (has_events)
        items[n++] = (key_item){'v', event_rgb, &dash, "scenario change (listed under "
                                                               "each panel)"};
    double x = LEFT, right = CHART_WIDTH - RIGHT;
    int rows = 1;
    for (int i = 0; i < n; i++) {
        double w = chart_key(c, x, y, items[i].kind, items[i].col, items[i].st, 0,
                             items[i].label, 0);
        if (x + w > right + 36 && x > LEFT) { /* the width includes 36 units of gap after it */
            x = LEFT;
            y -= KEY_ROW;
            rows++;
        }
        if (draw && items[i].kind == 'g') {
            chart_pen(c, grey_rgb, 3, NULL);
            chart_line(c, x, y, x + 60, y);
        }
        chart_key(c, x, y, items[i].kind, items[i].col, items[i].st, 0, items[i].label, draw);
        x += w;
    }
    return rows;
}

static void y_title(chart_canvas *c, metric_id m, double top, double bottom)
{
    char title[96];
    chart_axis_title(m, 0, title, sizeof title);
    chart_pen(c, event_rgb, 1, NULL);
    chart_text(c, 34, (top + bottom) / 2, 'c', 'c', 90, CHART_FONT_AXIS, 0, title);
}

int chart_fan(const chart_results *r, metric_id m, chart_format fmt, const char *path, char *err,
              size_t errlen)
{
    fan_layout l = layout(r);
    double lo, hi;
    chart_ticks t;
    int none = value_range(r, m, &lo, &hi);
    if (none)
        lo = 0, hi = 1;
    int has_events = r->nevents > 0, zero = !none && hi == lo + 1 && lo == 0 && all_zero(r, m);
    if (metric_kind_of(m) == MK_SHARE) /* a percentage axis never passes 100 */
        hi = fmin(hi, 100), lo = fmax(lo, 0);
    chart_nice_ticks(lo, hi, 6, &t);
    chart_canvas c;
    int rc = chart_canvas_open(&c, fmt, path, l.height, err, errlen);
    if (rc)
        return rc;
    double *px = malloc(sizeof *px * 4 * (size_t)r->weeks), *py = px ? px + 2 * r->weeks : NULL;
    if (!px) {
        chart_canvas_close(&c, err, errlen);
        snprintf(err, errlen, "cannot draw %s: out of memory", path);
        return CHART_EIO;
    }
    char date[32];
    chart_month_label(r->start, 0, date, sizeof date);
    char full[700];
    snprintf(full, sizeof full,
             "Week by week from %s: the line is the median of %d simulated runs; the shaded bands "
             "hold the middle 50%% and 90%% of runs.%s%s",
             date, r->replications,
             r->nscen > 1 ? " One panel per scenario; the grey line repeats the baseline." : "",
             zero ? " It is zero in every week of every run." : "");
    double y = chart_title(&c, metric_label(m), full);
    key(&c, y - KEY_ROW / 2 + 6, has_events, r->nscen > 1, 1);
    for (int s = 0; s < r->nscen; s++) {
        int row = s / l.cols, col = s % l.cols;
        chart_panel p;
        p.x0 = LEFT + col * (l.panel_w + GAP_X);
        p.x1 = p.x0 + l.panel_w;
        p.y1 = l.top - row * l.block_h - PANEL_TOP;
        p.y0 = p.y1 - PLOT_H;
        p.xmin = r->start;
        p.xmax = chart_results_week_date(r, r->weeks);
        p.ymin = t.first;
        p.ymax = t.first + (t.n - 1) * t.step;
        draw_panel(&c, &p, r, s, m, &t, 1, px, py);
        if (col == 0)
            y_title(&c, m, p.y1, p.y0);
    }
    free(px);
    chart_source(&c, r, 1);
    return chart_canvas_close(&c, err, errlen);
}
