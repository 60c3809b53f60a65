/* plots_internal: the drawing layer shared by the chart files (not part of the public API).
 *
 * A chart_canvas is one libplot plotter writing one file through outfile (temporary name, renamed
 * on success). Coordinates are canvas units with y pointing up: x in 0..CHART_WIDTH, y in 0..h.
 * Text arguments are UTF-8; the canvas converts them to Latin-1 and escapes libplot's backslash
 * sequences. A chart_panel maps data values into a rectangle of the canvas.
 */
#ifndef CASELOAD_PLOTS_INTERNAL_H
#define CASELOAD_PLOTS_INTERNAL_H

#include <stdio.h>

#include <plot.h>

#include "chart.h"
#include "outfile.h"

typedef struct chart_canvas {
    plPlotter *pl;
    plPlotterParams *params;
    outfile out;
    chart_format fmt;
    double w, h;     /* canvas size in units */
    FILE *mem;       /* libplot writes here; close writes it into out: an SVG converted from
                      * Latin-1 to UTF-8, a PNG without its creation time. A full disk is then
                      * our one-line error, never libpng's own message */
    char *mem_buf;
    size_t mem_len;
} chart_canvas;

typedef struct chart_rgb {
    unsigned char r, g, b;
} chart_rgb;

/* Text sizes in canvas units (1600 units = 16 cm printed: 10 units = 1 mm). */
#define CHART_FONT_TITLE 40
#define CHART_FONT_SUB 27
#define CHART_FONT_AXIS 27
#define CHART_FONT_TICK 25
#define CHART_FONT_SMALL 22

/* Both formats go through memory. A PNG loses libplot's "Creation Time" chunk, so the same seed
 * gives the same bytes. An SVG: libplot writes ISO-8859-1
 * with `font-family="Helvetica,sans-serif"`; the file gets the same SVG in UTF-8 (declared so),
 * with fonts of Helvetica's widths listed before the generic one, so it reads the same on
 * machines without Helvetica and inlines into a UTF-8 page as it is. */
int chart_canvas_open(chart_canvas *c, chart_format fmt, const char *path, double h, char *err,
                      size_t errlen);
/* Finishes the drawing and renames the file into place. */
int chart_canvas_close(chart_canvas *c, char *err, size_t errlen);
/* Removes the creation-time chunks of a PNG in memory; returns the new length. */
size_t chart_png_strip_time(unsigned char *b, size_t n);

chart_rgb chart_rgb_of(const chart_style *s);
/* s mixed with white: t = 0 gives s, t = 1 white (band tints that stay distinct in greyscale). */
chart_rgb chart_tint(chart_rgb s, double t);

/* Pen for lines: colour, width, and the dash pattern of style (NULL or ndash 0: solid). */
void chart_pen(chart_canvas *c, chart_rgb col, double width, const chart_style *dash);
void chart_line(chart_canvas *c, double x0, double y0, double x1, double y1);
/* A line through the points; a NAN y breaks it into pieces. */
void chart_polyline(chart_canvas *c, const double *x, const double *y, int n);
/* A filled polygon with no outline. */
void chart_fill(chart_canvas *c, const double *x, const double *y, int n, chart_rgb col);
void chart_rect(chart_canvas *c, double x0, double y0, double x1, double y1, chart_rgb col);
void chart_marker(chart_canvas *c, double x, double y, int type, double size, chart_rgb col);

/* Text at (x, y): h is 'l', 'c' or 'r', v is 'b', 'c' or 't'; angle in degrees. */
void chart_text(chart_canvas *c, double x, double y, char h, char v, double angle, double size,
                int bold, const char *utf8);
double chart_text_width(chart_canvas *c, double size, int bold, const char *utf8);
/* Lines text takes wrapped to width (estimated generously before the plotter exists). */
int chart_text_lines(chart_canvas *c, double width, double size, const char *utf8);
/* Writes text wrapped to width from (x, y) downwards; returns the y below the last line. */
double chart_text_wrapped(chart_canvas *c, double x, double y, double width, double size,
                          const char *utf8);

typedef struct chart_panel {
    double x0, y0, x1, y1;       /* rectangle on the canvas */
    double xmin, xmax, ymin, ymax; /* data range */
} chart_panel;

double chart_px(const chart_panel *p, double x);
double chart_py(const chart_panel *p, double y);

/* Horizontal grid lines and labels at the y ticks (labels left of the panel). */
void chart_axis_y(chart_canvas *c, const chart_panel *p, const chart_ticks *t, int labels);
/* Nice ticks for a horizontal axis `width` units long: at most max_ticks, fewer when their labels
 * would otherwise touch. */
void chart_fit_ticks(chart_canvas *c, double lo, double hi, double width, int max_ticks,
                     chart_ticks *t);
/* Vertical grid lines and labels at the x ticks (labels under the panel); last_plus adds a "+"
 * to the last label (an open-ended bin). */
void chart_axis_x(chart_canvas *c, const chart_panel *p, const chart_ticks *t, int last_plus);
/* Month ticks along a date axis (x values are cal_date day numbers). */
void chart_axis_dates(chart_canvas *c, const chart_panel *p);
/* The frame round the plotting area. */
void chart_frame(chart_canvas *c, const chart_panel *p);

/* Title (and optional subtitle) at the top; returns the y below them. */
double chart_title(chart_canvas *c, const char *title, const char *subtitle);
/* The source line at the bottom: version, scenario files, replications, seed. Returns the height
 * it takes from the bottom. chart_source_height gives an upper bound before the canvas exists. */
double chart_source(chart_canvas *c, const chart_results *r, int draw);
double chart_source_height(const chart_results *r);

/* A legend entry drawn as a sample and a label at (x, y); returns its width. kind: 'l' line,
 * 'b' filled box, 'm' marker. */
double chart_key(chart_canvas *c, double x, double y, char kind, chart_rgb col,
                 const chart_style *st, int marker, const char *label, int draw);

/* "4 Jan 2011" */
void chart_day_label(cal_date d, char *buf, size_t n);

/* A scenario's label for legends: its short name, and " (baseline)" for the baseline. */
void chart_scenario_label(const chart_results *r, int s, char *buf, size_t n);

/* Is the workbook written at tmp complete (every XML member inflates, matches its CRC and ends
 * with its root's closing tag)? 0 if so; otherwise -1 and err says "cannot write PATH: ...". */
int workbook_check(const char *tmp, const char *path, char *err, size_t errlen);

#endif
