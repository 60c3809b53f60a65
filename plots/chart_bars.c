/* The change-against-baseline chart: one small panel per key metric, each on its own scale and in
 * its own unit, with one row per alternative scenario: a marker at the mean paired difference and
 * whiskers over its 95% interval, and the zero line. A filled marker means a clear change (the
 * interval excludes zero and the difference is at least the smallest that matters, judge.c); an
 * open one means it is not, so the reading survives greyscale. */
#include "plots_internal.h"

#include <math.h>
#include <string.h>

#define LEFT 40.0
#define RIGHT 40.0
#define GAP_X 60.0
#define NAMES_W 290.0   /* scenario names left of each panel's plotting area */
#define ROW_H 46.0
#define PANEL_TOP 50.0
#define PANEL_BOTTOM 96.0 /* tick labels and the unit */
#define KEY_ROW 46.0
#define KEY_H (2 * KEY_ROW + 10)
#define COLS 2

static const chart_rgb text_rgb = {0x22, 0x22, 0x22};

typedef struct change_layout {
    int nalt, rows;
    double plot_h, block_h, head, height, panel_w;
} change_layout;

static change_layout layout(const chart_results *r)
{
    change_layout l;
    l.nalt = r->nscen - 1;
    l.rows = (CHART_KEY_COUNT + COLS - 1) / COLS;
    l.plot_h = (l.nalt > 0 ? l.nalt : 1) * ROW_H + 20;
    l.block_h = PANEL_TOP + l.plot_h + PANEL_BOTTOM;
    l.head = 24 + CHART_FONT_TITLE * 1.4 + CHART_FONT_SUB * 1.35 * 2 + 8 + KEY_H;
    l.height = l.head + l.rows * l.block_h + chart_source_height(r) + 10;
    l.panel_w = (CHART_WIDTH - LEFT - RIGHT - (COLS - 1) * GAP_X) / COLS;
    return l;
}

/* The x range: zero and every interval of the metric, in display units. */
static void diff_range(const chart_results *r, metric_id m, double k, double *lo, double *hi)
{
    *lo = *hi = 0;
    for (int s = 0; s < r->nscen; s++) {
        const chart_diff *d = &r->scen[s].diff[m];
        if (s == r->baseline || !d->present)
            continue;
        double v[3] = {d->mean, d->ci_lo, d->ci_hi};
        for (int j = 0; j < 3; j++)
            if (isfinite(v[j])) {
                *lo = fmin(*lo, v[j] * k);
                *hi = fmax(*hi, v[j] * k);
            }
    }
}

/* The name, cut at a word with "..." when it would not fit width. */
static void fit_name(chart_canvas *c, const char *full, double width, char *buf, size_t n)
{
    snprintf(buf, n, "%s", full);
    size_t len = strlen(buf);
    while (len > 3 && chart_text_width(c, CHART_FONT_SMALL, 0, buf) > width) {
        while (len > 3 && buf[len - 1] != ' ')
            len--; /* back to the previous space (never inside a UTF-8 character) */
        while (len > 3 && buf[len - 1] == ' ')
            len--;
        if (len + 4 > n)
            break;
        memcpy(buf + len, "...", 4);
        if (chart_text_width(c, CHART_FONT_SMALL, 0, buf) <= width)
            return;
        buf[len] = 0;
    }
}

static void row(chart_canvas *c, const chart_panel *p, const chart_results *r, int s, metric_id m,
                double k, double y)
{
    char name[80];
    chart_style st = chart_series_style(s);
    chart_rgb col = chart_rgb_of(&st);
    fit_name(c, chart_scenario_name(r, s), NAMES_W - 24, name, sizeof name);
    chart_pen(c, text_rgb, 1, NULL);
    chart_text(c, p->x0 - 12, y, 'r', 'c', 0, CHART_FONT_SMALL, 0, name);
    const chart_diff *d = &r->scen[s].diff[m];
    if (!d->present || !isfinite(d->mean)) {
        chart_text(c, p->x0 + 12, y, 'l', 'c', 0, CHART_FONT_SMALL, 0, "no value");
        return;
    }
    if (isfinite(d->ci_lo) && isfinite(d->ci_hi)) {
        double x0 = chart_px(p, d->ci_lo * k), x1 = chart_px(p, d->ci_hi * k);
        chart_pen(c, col, 4, NULL);
        chart_line(c, x0, y, x1, y);
        chart_line(c, x0, y - 12, x0, y + 12);
        chart_line(c, x1, y - 12, x1, y + 12);
    }
    int clear = chart_judge(r, s, m) == RV_CLEAR;
    chart_marker(c, chart_px(p, d->mean * k), y, clear ? st.marker : st.marker_open, 30, col);
}

static void panel(chart_canvas *c, const chart_panel *p, const chart_results *r, metric_id m,
                  double k, const char *unit, const chart_ticks *t)
{
    chart_axis_x(c, p, t, 0);
    /* the zero line: no change */
    chart_pen(c, (chart_rgb){0, 0, 0}, 3, NULL);
    chart_line(c, chart_px(p, 0), p->y0, chart_px(p, 0), p->y1);
    int i = 0;
    for (int s = 0; s < r->nscen; s++) {
        if (s == r->baseline)
            continue;
        row(c, p, r, s, m, k, p->y1 - 10 - ROW_H / 2 - i * ROW_H);
        i++;
    }
    chart_frame(c, p);
    char axis[160];
    snprintf(axis, sizeof axis, "change in %s", unit);
    chart_pen(c, text_rgb, 1, NULL);
    chart_text(c, (p->x0 + p->x1) / 2, p->y0 - 50, 'c', 't', 0, CHART_FONT_SMALL, 0, axis);
    chart_text(c, p->x0 - NAMES_W, p->y1 + 22, 'l', 'c', 0, CHART_FONT_SUB, 1,
               chart_short_label(m));
}

/* The display multiplier of m's differences and their unit: money in £000 or £m so that tick
 * labels stay short, shares in percentage points. */
static double display(const chart_results *r, metric_id m, char *unit, size_t n)
{
    chart_axis_title(m, 1, unit, n);
    if (strcmp(metric_unit(m), "pounds"))
        return chart_display_scale(m);
    double lo, hi;
    diff_range(r, m, 1, &lo, &hi);
    double big = fmax(fabs(lo), fabs(hi));
    if (big >= 1e6) {
        snprintf(unit, n, "\xC2\xA3m a year");
        return 1e-6;
    }
    if (big >= 1e4) {
        snprintf(unit, n, "\xC2\xA3" "000 a year");
        return 1e-3;
    }
    return 1;
}

/* Two rows, so that no entry runs past the right edge in a wider font. */
static void key(chart_canvas *c, double y)
{
    chart_rgb black = {0, 0, 0};
    double x = LEFT;
    chart_key(c, x, y, 'n', black, NULL, 16,
              "clear change (interval clear of zero, and a size that matters)", 1);
    y -= KEY_ROW;
    x += chart_key(c, x, y, 'n', black, NULL, 4, "no clear change", 1);
    chart_pen(c, black, 4, NULL);
    chart_line(c, x, y, x + 60, y);
    chart_line(c, x, y - 12, x, y + 12);
    chart_line(c, x + 60, y - 12, x + 60, y + 12);
    chart_key(c, x, y, 'n', black, NULL, 0, "95% interval", 1);
}

int chart_change(const chart_results *r, chart_format fmt, const char *path, char *err,
                 size_t errlen)
{
    change_layout l = layout(r);
    chart_canvas c;
    int rc = chart_canvas_open(&c, fmt, path, l.height, err, errlen);
    if (rc)
        return rc;
    double y = chart_title(&c, "Change against the baseline",
                           "Each scenario minus the baseline, over the whole measured period, in "
                           "each measure's own unit: the marker is the mean difference over paired "
                           "runs, the whiskers its 95% interval.");
    key(&c, y - KEY_ROW / 2 + 6);
    if (l.nalt == 0) {
        chart_pen(&c, text_rgb, 1, NULL);
        chart_text(&c, c.w / 2, l.height / 2, 'c', 'c', 0, CHART_FONT_SUB, 0,
                   "Only one scenario was run: there is nothing to compare with the baseline.");
    }
    for (int i = 0; l.nalt > 0 && i < CHART_KEY_COUNT; i++) {
        metric_id m = chart_key_metric(i);
        chart_panel p;
        double lo, hi;
        chart_ticks t;
        char unit[96];
        double k = display(r, m, unit, sizeof unit);
        diff_range(r, m, k, &lo, &hi);
        chart_fit_ticks(&c, lo, hi, l.panel_w - NAMES_W, 6, &t);
        p.x0 = LEFT + (i % COLS) * (l.panel_w + GAP_X) + NAMES_W;
        p.x1 = LEFT + (i % COLS) * (l.panel_w + GAP_X) + l.panel_w;
        p.y1 = l.height - l.head - (i / COLS) * l.block_h - PANEL_TOP;
        p.y0 = p.y1 - l.plot_h;
        p.xmin = t.first;
        p.xmax = t.first + (t.n - 1) * t.step;
        p.ymin = 0;
        p.ymax = 1;
        panel(&c, &p, r, m, k, unit, &t);
    }
    chart_source(&c, r, 1);
    return chart_canvas_close(&c, err, errlen);
}
