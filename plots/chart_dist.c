/* The distribution of working days from referral to assessment: one cumulative curve per
 * scenario (share of assessments completed within x working days), with the 45-day statutory
 * line; a marker where each curve crosses it, which is the number the reading quotes. The last
 * bin (120 or more) is left off: its cumulative value is 100% by construction. */
#include "plots_internal.h"

#include <math.h>
#include <string.h>

#define LEFT 130.0
#define RIGHT 40.0
#define PLOT_H 620.0
#define KEY_ROW 46.0
#define BOTTOM 100.0 /* tick labels and axis title */
#define LABEL_ROOM 50.0 /* the 45-day line's label, above the plotting area */

static const chart_rgb text_rgb = {0x22, 0x22, 0x22};

/* Rows the legend needs (names flow left to right, wrapping), measured or drawn. */
static int legend(chart_canvas *c, const chart_results *r, double y, int draw)
{
    double x = LEFT, right = c->w - RIGHT;
    int rows = 1;
    for (int s = 0; s < r->nscen; s++) {
        char label[160];
        chart_style st = chart_series_style(s);
        chart_scenario_label(r, s, label, sizeof label);
        double w = chart_key(c, x, y, 'l', chart_rgb_of(&st), &st, st.marker, label, 0);
        if (x + w > right && x > LEFT) {
            x = LEFT;
            y -= KEY_ROW;
            rows++;
        }
        chart_key(c, x, y, 'l', chart_rgb_of(&st), &st, st.marker, label, draw);
        x += w;
    }
    return rows;
}

static void curves(chart_canvas *c, const chart_panel *p, const chart_results *r)
{
    double px[CHART_DAYS_MAX], py[CHART_DAYS_MAX];
    for (int s = 0; s < r->nscen; s++) {
        const chart_scenario *sc = &r->scen[s];
        if (!sc->has_days)
            continue;
        chart_style st = chart_series_style(s);
        for (int d = 0; d < CHART_DAYS_MAX; d++) {
            px[d] = chart_px(p, d);
            py[d] = isfinite(sc->days_cum[d]) ? chart_py(p, sc->days_cum[d] * 100) : NAN;
        }
        chart_pen(c, chart_rgb_of(&st), 5, &st);
        chart_polyline(c, px, py, CHART_DAYS_MAX);
        if (isfinite(sc->days_cum[45]))
            chart_marker(c, chart_px(p, 45), chart_py(p, sc->days_cum[45] * 100), st.marker, 28,
                         chart_rgb_of(&st));
    }
}

static void statutory_line(chart_canvas *c, const chart_panel *p)
{
    double x = chart_px(p, 45);
    chart_pen(c, (chart_rgb){0, 0, 0}, 3, NULL);
    chart_line(c, x, p->y0, x, p->y1);
    chart_pen(c, text_rgb, 1, NULL);
    /* above the plotting area, in free space: never under a curve */
    chart_text(c, x, p->y1 + 10, 'c', 'b', 0, CHART_FONT_SMALL, 1,
               "45 working days (statutory timescale)");
}

int chart_days(const chart_results *r, chart_format fmt, const char *path, char *err,
               size_t errlen)
{
    chart_canvas probe = {.w = CHART_WIDTH}; /* no plotter yet: estimates the legend's rows */
    int rows = legend(&probe, r, 0, 0);
    double head = 24 + CHART_FONT_TITLE * 1.4 + CHART_FONT_SUB * 1.35 * 2 + 8 + rows * KEY_ROW;
    double height = head + LABEL_ROOM + PLOT_H + BOTTOM + chart_source_height(r) + 10;
    chart_canvas c;
    int rc = chart_canvas_open(&c, fmt, path, height, err, errlen);
    if (rc)
        return rc;
    double y = chart_title(&c, "How long assessments take",
                           "Share of assessments completed within a given number of working days "
                           "from referral, all measured assessments of all runs. Higher and further "
                           "left is faster.");
    legend(&c, r, y - KEY_ROW / 2 + 6, 1);
    chart_panel p = {LEFT, 0, c.w - RIGHT, 0, 0, CHART_DAYS_MAX, 0, 100};
    p.y1 = height - head - LABEL_ROOM;
    p.y0 = p.y1 - PLOT_H;
    chart_ticks tx = {0, 10, 13, 0}, ty = {0, 20, 6, 0};
    chart_axis_y(&c, &p, &ty, 1);
    chart_axis_x(&c, &p, &tx, 0);
    statutory_line(&c, &p);
    curves(&c, &p, r);
    chart_frame(&c, &p);
    chart_pen(&c, text_rgb, 1, NULL);
    chart_text(&c, (p.x0 + p.x1) / 2, p.y0 - 50, 'c', 't', 0, CHART_FONT_AXIS, 0,
               "working days from referral to the end of the assessment");
    chart_text(&c, 34, (p.y0 + p.y1) / 2, 'c', 'c', 90, CHART_FONT_AXIS, 0,
               "% of assessments completed");
    chart_source(&c, r, 1);
    return chart_canvas_close(&c, err, errlen);
}
