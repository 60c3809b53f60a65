/* Charts of a setting's effect (caseload plan and caseload sweep): a measure against the varied
 * setting, with 95% whiskers, the target as a dashed line and the answer marked (chart_curve); and
 * a heat map of a measure over two settings (chart_heat). They take their data in memory, not from
 * a results folder: the caller (the plan and sweep commands) has it. */
#include "plots_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define LEFT 150.0
#define RIGHT 60.0
#define PLOT_H 640.0
#define BOTTOM 120.0

static const chart_rgb ink = {0x22, 0x22, 0x22};
static const chart_rgb grey = {0x77, 0x77, 0x77};

static void range_of(const double *v, int n, double *lo, double *hi)
{
    for (int i = 0; i < n; i++)
        if (isfinite(v[i])) {
            *lo = fmin(*lo, v[i]);
            *hi = fmax(*hi, v[i]);
        }
}

/* Text that stays clear of the lines under it: a white box first. */
static void halo_text(chart_canvas *c, double x, double y, char h, char v, const char *s)
{
    double w = chart_text_width(c, CHART_FONT_SMALL, 0, s), x0 = h == 'l' ? x : h == 'r' ? x - w : x - w / 2;
    double y0 = v == 'b' ? y : v == 't' ? y - CHART_FONT_SMALL * 1.2 : y - CHART_FONT_SMALL * 0.6;
    chart_rect(c, x0 - 6, y0 - 4, x0 + w + 6, y0 + CHART_FONT_SMALL * 1.2 + 4, (chart_rgb){255, 255, 255});
    chart_pen(c, ink, 1, NULL);
    chart_text(c, x, y, h, v, 0, CHART_FONT_SMALL, 0, s);
}

int chart_curve_draw(const chart_curve *d, chart_format fmt, const char *path, char *err,
                     size_t errlen)
{
    double head = 24 + CHART_FONT_TITLE * 1.4 + (d->subtitle ? CHART_FONT_SUB * 1.35 * 2 : 0) + 20;
    double height = head + PLOT_H + BOTTOM + 50;
    chart_canvas c;
    int rc = chart_canvas_open(&c, fmt, path, height, err, errlen);
    if (rc)
        return rc;
    double top = chart_title(&c, d->title, d->subtitle) - 20;
    double k = d->share ? 100 : 1;
    double ylo = d->from_zero ? 0 : INFINITY, yhi = -INFINITY, xlo = INFINITY, xhi = -INFINITY;
    range_of(d->lo, d->n, &ylo, &yhi);
    range_of(d->hi, d->n, &ylo, &yhi);
    range_of(d->mean, d->n, &ylo, &yhi);
    if (d->has_target) {
        ylo = fmin(ylo, d->target);
        yhi = fmax(yhi, d->target);
    }
    range_of(d->x, d->n, &xlo, &xhi);
    if (!isfinite(ylo) || !isfinite(xlo)) {
        ylo = 0;
        yhi = xlo = 1;
        xhi = 2;
    }
    if (xhi <= xlo)
        xhi = xlo + 1;
    if (yhi <= ylo)
        yhi = ylo + (ylo == 0 ? 1 : fabs(ylo) * 0.1);
    chart_ticks ty, tx;
    chart_nice_ticks(ylo * k, yhi * k, 7, &ty);
    chart_panel p = {LEFT, top - PLOT_H, CHART_WIDTH - RIGHT, top,
                     xlo - (xhi - xlo) * 0.04, xhi + (xhi - xlo) * 0.04, ty.first,
                     ty.first + (ty.n - 1) * ty.step};
    chart_fit_ticks(&c, p.xmin, p.xmax, p.x1 - p.x0, 10, &tx);
    chart_axis_y(&c, &p, &ty, 1);
    chart_axis_x(&c, &p, &tx, 0);
    chart_style st = chart_series_style(0);
    chart_rgb col = chart_rgb_of(&st);
    if (d->has_target) {
        chart_style dash = {0, 0, 0, 2, {18, 10, 0, 0}, 0, 0};
        chart_pen(&c, (chart_rgb){0xD5, 0x5E, 0x00}, 4, &dash);
        chart_line(&c, p.x0, chart_py(&p, d->target * k), p.x1, chart_py(&p, d->target * k));
    }
    if (d->has_answer) {
        chart_pen(&c, grey, 3, NULL);
        chart_line(&c, chart_px(&p, d->answer), p.y0, chart_px(&p, d->answer), p.y1);
    }
    double px[256], py[256];
    int n = d->n < 256 ? d->n : 256;
    for (int i = 0; i < n; i++) {
        px[i] = chart_px(&p, d->x[i]);
        py[i] = isfinite(d->mean[i]) ? chart_py(&p, d->mean[i] * k) : NAN;
    }
    chart_pen(&c, col, 4, NULL);
    chart_polyline(&c, px, py, n);
    for (int i = 0; i < n; i++) {
        if (isfinite(d->lo[i]) && isfinite(d->hi[i])) {
            double y0 = chart_py(&p, d->lo[i] * k), y1 = chart_py(&p, d->hi[i] * k);
            chart_pen(&c, col, 3, NULL);
            chart_line(&c, px[i], y0, px[i], y1);
            chart_line(&c, px[i] - 10, y0, px[i] + 10, y0);
            chart_line(&c, px[i] - 10, y1, px[i] + 10, y1);
        }
        if (isfinite(py[i]))
            chart_marker(&c, px[i], py[i], st.marker, 24, col);
    }
    chart_frame(&c, &p);
    if (d->has_target && d->target_label)
        halo_text(&c, p.x0 + 14, chart_py(&p, d->target * k) + 8, 'l', 'b', d->target_label);
    if (d->has_answer && d->answer_label)
        halo_text(&c, chart_px(&p, d->answer) + 10, p.y0 + 16, 'l', 'b', d->answer_label);
    chart_pen(&c, ink, 1, NULL);
    chart_text(&c, (p.x0 + p.x1) / 2, p.y0 - 62, 'c', 't', 0, CHART_FONT_AXIS, 0, d->xlabel);
    chart_text(&c, p.x0 - 110, (p.y0 + p.y1) / 2, 'c', 'b', 90, CHART_FONT_AXIS, 0, d->ylabel);
    if (d->source)
        chart_text(&c, LEFT, 16, 'l', 'b', 0, CHART_FONT_SMALL, 0, d->source);
    return chart_canvas_close(&c, err, errlen);
}

/* Light to dark blue: colour-blind safe and readable in greyscale (lightness falls with t). */
static chart_rgb ramp(double t)
{
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return (chart_rgb){(unsigned char)(0xF7 - t * (0xF7 - 0x08)), (unsigned char)(0xFB - t * (0xFB - 0x30)),
                       (unsigned char)(0xFF - t * (0xFF - 0x6B))};
}

int chart_heat_draw(const chart_heat *d, chart_format fmt, const char *path, char *err,
                    size_t errlen)
{
    double head = 24 + CHART_FONT_TITLE * 1.4 + (d->subtitle ? CHART_FONT_SUB * 1.35 * 2 : 0) + 20;
    double height = head + PLOT_H + BOTTOM + 50;
    chart_canvas c;
    int rc = chart_canvas_open(&c, fmt, path, height, err, errlen);
    if (rc)
        return rc;
    double top = chart_title(&c, d->title, d->subtitle) - 20;
    double k = d->share ? 100 : 1, lo = INFINITY, hi = -INFINITY;
    range_of(d->value, d->nx * d->ny, &lo, &hi);
    if (!isfinite(lo)) {
        lo = 0;
        hi = 1;
    }
    if (hi <= lo)
        hi = lo + 1;
    chart_panel p = {LEFT, top - PLOT_H, CHART_WIDTH - RIGHT - 200, top, 0, d->nx, 0, d->ny};
    double cw = (p.x1 - p.x0) / d->nx, ch = (p.y1 - p.y0) / d->ny;
    for (int i = 0; i < d->nx; i++)
        for (int j = 0; j < d->ny; j++) {
            double v = d->value[i * d->ny + j];
            double x0 = p.x0 + i * cw, y0 = p.y0 + j * ch;
            chart_rect(&c, x0, y0, x0 + cw, y0 + ch,
                       isfinite(v) ? ramp((v - lo) / (hi - lo)) : (chart_rgb){0xDD, 0xDD, 0xDD});
            if (isfinite(v) && cw > 70 && ch > 30) {
                char s[32];
                snprintf(s, sizeof s, d->share ? "%.0f%%" : "%.3g", v * k);
                chart_pen(&c, (v - lo) / (hi - lo) > 0.55 ? (chart_rgb){255, 255, 255} : ink, 1, NULL);
                chart_text(&c, x0 + cw / 2, y0 + ch / 2, 'c', 'c', 0, CHART_FONT_SMALL, 0, s);
            }
        }
    chart_pen(&c, ink, 1, NULL);
    for (int i = 0; i < d->nx; i++) {
        char s[32];
        snprintf(s, sizeof s, "%g", d->x[i]);
        if (d->nx <= 12 || i % ((d->nx + 11) / 12) == 0)
            chart_text(&c, p.x0 + (i + 0.5) * cw, p.y0 - 14, 'c', 't', 0, CHART_FONT_TICK, 0, s);
    }
    for (int j = 0; j < d->ny; j++) {
        char s[32];
        snprintf(s, sizeof s, "%g", d->y[j]);
        if (d->ny <= 12 || j % ((d->ny + 11) / 12) == 0)
            chart_text(&c, p.x0 - 14, p.y0 + (j + 0.5) * ch, 'r', 'c', 0, CHART_FONT_TICK, 0, s);
    }
    chart_frame(&c, &p);
    chart_text(&c, (p.x0 + p.x1) / 2, p.y0 - 62, 'c', 't', 0, CHART_FONT_AXIS, 0, d->xlabel);
    chart_text(&c, p.x0 - 110, (p.y0 + p.y1) / 2, 'c', 'b', 90, CHART_FONT_AXIS, 0, d->ylabel);
    /* the scale: a bar from the lowest to the highest value */
    double bx = p.x1 + 60, bw = 40;
    for (int s = 0; s < 50; s++)
        chart_rect(&c, bx, p.y0 + s * PLOT_H / 50, bx + bw, p.y0 + (s + 1) * PLOT_H / 50, ramp(s / 49.0));
    char a[32], b[32];
    snprintf(a, sizeof a, d->share ? "%.0f%%" : "%.3g", lo * k);
    snprintf(b, sizeof b, d->share ? "%.0f%%" : "%.3g", hi * k);
    chart_pen(&c, ink, 1, NULL);
    chart_text(&c, bx + bw + 10, p.y0, 'l', 'b', 0, CHART_FONT_SMALL, 0, a);
    chart_text(&c, bx + bw + 10, p.y1, 'l', 't', 0, CHART_FONT_SMALL, 0, b);
    if (d->source)
        chart_text(&c, LEFT, 16, 'l', 'b', 0, CHART_FONT_SMALL, 0, d->source);
    return chart_canvas_close(&c, err, errlen);
}

/* The tornado: one bar a setting from its low to its high value's result, the largest first, about
 * the value with every setting as the scenario has it; the low side's colour differs from the
 * high side's so the direction reads in greyscale too (the lighter tint is the low value). */
int chart_tornado_draw(const chart_tornado *d, chart_format fmt, const char *path, char *err,
                       size_t errlen)
{
    const double row_h = 52, names_w = 520;
    double head = 24 + CHART_FONT_TITLE * 1.4 + (d->subtitle ? CHART_FONT_SUB * 1.35 * 2 : 0) + 70;
    double plot_h = (d->n > 0 ? d->n : 1) * row_h + 20;
    double height = head + plot_h + BOTTOM + 50;
    chart_canvas c;
    int rc = chart_canvas_open(&c, fmt, path, height, err, errlen);
    if (rc)
        return rc;
    double top = chart_title(&c, d->title, d->subtitle) - 70;
    double k = d->share ? 100 : 1, lo = d->base, hi = d->base;
    range_of(d->low, d->n, &lo, &hi);
    range_of(d->high, d->n, &lo, &hi);
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi <= lo)
        hi = lo + (lo == 0 ? 1 : fabs(lo) * 0.1);
    double pad = (hi - lo) * 0.06;
    chart_ticks tx;
    chart_panel p = {names_w, top - plot_h, CHART_WIDTH - RIGHT, top, (lo - pad) * k, (hi + pad) * k,
                     0, plot_h};
    chart_fit_ticks(&c, p.xmin, p.xmax, p.x1 - p.x0, 8, &tx);
    chart_axis_x(&c, &p, &tx, 0);
    chart_style st = chart_series_style(1);
    chart_rgb high = chart_rgb_of(&st), low = chart_tint(high, 0.55);
    /* the key: which tint is the low value */
    double kx = names_w;
    kx += chart_key(&c, kx, top + 40, 'b', low, NULL, 0, "setting at its low value", 1) + 40;
    chart_key(&c, kx, top + 40, 'b', high, NULL, 0, "setting at its high value", 1);
    double xb = chart_px(&p, d->base * k);
    for (int i = 0; i < d->n; i++) {
        double y = p.y1 - 10 - row_h / 2 - i * row_h;
        /* the longer bar first, so that a shorter one on the same side stays in sight */
        double xl = isfinite(d->low[i]) ? chart_px(&p, d->low[i] * k) : xb;
        double xh = isfinite(d->high[i]) ? chart_px(&p, d->high[i] * k) : xb;
        int high_first = fabs(xh - xb) >= fabs(xl - xb);
        for (int pass = 0; pass < 2; pass++) {
            int is_high = pass == 0 ? high_first : !high_first;
            double x = is_high ? xh : xl;
            chart_rect(&c, fmin(xb, x), y - 16, fmax(xb, x), y + 16, is_high ? high : low);
        }
        chart_pen(&c, ink, 1, NULL);
        chart_text(&c, names_w - 14, y, 'r', 'c', 0, CHART_FONT_SMALL, 0, d->labels[i]);
    }
    chart_pen(&c, ink, 3, NULL);
    chart_line(&c, xb, p.y0, xb, p.y1);
    chart_frame(&c, &p);
    chart_text(&c, (p.x0 + p.x1) / 2, p.y0 - 62, 'c', 't', 0, CHART_FONT_AXIS, 0, d->xlabel);
    if (d->source)
        chart_text(&c, LEFT, 16, 'l', 'b', 0, CHART_FONT_SMALL, 0, d->source);
    return chart_canvas_close(&c, err, errlen);
}
