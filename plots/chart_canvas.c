/* chart_canvas: libplot drawing primitives, axes, titles and keys. See plots/plots_internal.h. */
#include "plots_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* libplot 2.6 leaks inside itself (a libpng info struct per PNG, small strings per font and line
 * change), which LeakSanitizer would report as failures in every sanitised run that draws. The
 * sanitizer asks for this hook at start-up; only those two libraries are suppressed. */
#if defined(__SANITIZE_ADDRESS__)
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libplot.so\nleak:libpng16.so\n"; }
const char *__lsan_default_options(void);
const char *__lsan_default_options(void) { return "print_suppressions=0"; }
#endif

/* libplot colours are 16 bits a channel */
#define C16(v) ((int)(v) * 257)

static void close_memory(chart_canvas *c)
{
    if (c->mem)
        fclose(c->mem);
    free(c->mem_buf);
    c->mem = NULL;
    c->mem_buf = NULL;
}

/* Arial and Liberation Sans have Helvetica's widths; DejaVu Sans Condensed (Debian) is close */
#define FONTS_LIKE_HELVETICA "Arial,'Liberation Sans','DejaVu Sans Condensed',sans-serif\""
static const char *const font_from[] = {"font-family=\"Helvetica,sans-serif\"",
                                        "font-family=\"Helvetica-Bold,Helvetica,sans-serif\""};
static const char *const font_to[] = {"font-family=\"Helvetica," FONTS_LIKE_HELVETICA,
                                      "font-family=\"Helvetica-Bold,Helvetica," FONTS_LIKE_HELVETICA};

/* libplot's Latin-1 SVG as UTF-8: the declaration says so, every byte above 0x7F becomes its
 * two-byte sequence (Latin-1 is the first 256 code points), and the font list is widened. */
static void svg_to_utf8(FILE *f, const char *s, size_t n)
{
    const char *decl = "encoding=\"ISO-8859-1\"";
    for (size_t i = 0; i < n;) {
        if (!strncmp(s + i, decl, strlen(decl))) {
            fputs("encoding=\"UTF-8\"", f);
            i += strlen(decl);
        } else if (!strncmp(s + i, font_from[0], strlen(font_from[0]))) {
            fputs(font_to[0], f);
            i += strlen(font_from[0]);
        } else if (!strncmp(s + i, font_from[1], strlen(font_from[1]))) {
            fputs(font_to[1], f);
            i += strlen(font_from[1]);
        } else {
            unsigned char ch = (unsigned char)s[i++];
            if (ch < 0x80) {
                fputc(ch, f);
            } else {
                fputc(0xC0 | (ch >> 6), f);
                fputc(0x80 | (ch & 0x3F), f);
            }
        }
    }
}

int chart_canvas_open(chart_canvas *c, chart_format fmt, const char *path, double h, char *err,
                      size_t errlen)
{
    memset(c, 0, sizeof *c);
    c->fmt = fmt;
    c->w = CHART_WIDTH;
    c->h = h;
    if (outfile_open(&c->out, path, err, errlen))
        return CHART_EIO;
    if (!(c->mem = open_memstream(&c->mem_buf, &c->mem_len))) {
        snprintf(err, errlen, "cannot draw %s: out of memory", path);
        outfile_abort(&c->out);
        return CHART_EIO;
    }
    char bitmap[32], page[96];
    snprintf(bitmap, sizeof bitmap, "%dx%d", CHART_WIDTH, (int)lround(h));
    snprintf(page, sizeof page, "a4,xsize=%.2fcm,ysize=%.2fcm", CHART_SVG_WIDTH_CM,
             CHART_SVG_WIDTH_CM * h / CHART_WIDTH);
    c->params = pl_newplparams();
    if (c->params) {
        pl_setplparam(c->params, "BITMAPSIZE", bitmap);
        pl_setplparam(c->params, "PAGESIZE", page);
        pl_setplparam(c->params, "BG_COLOR", "white");
        /* long series must stay one path, or dashes restart at every split */
        pl_setplparam(c->params, "MAX_LINE_LENGTH", "100000");
        c->pl = pl_newpl_r(fmt == CHART_PNG ? "png" : "svg", NULL, c->mem, NULL, c->params);
    }
    if (!c->pl || pl_openpl_r(c->pl) < 0) {
        snprintf(err, errlen, "cannot draw %s: libplot could not start", path);
        if (c->pl)
            pl_deletepl_r(c->pl);
        if (c->params)
            pl_deleteplparams(c->params);
        close_memory(c);
        outfile_abort(&c->out);
        return CHART_EIO;
    }
    pl_fspace_r(c->pl, 0, 0, c->w, h);
    pl_erase_r(c->pl);
    pl_joinmod_r(c->pl, "round");
    pl_capmod_r(c->pl, "butt");
    return 0;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Drops libplot's "Creation Time" text chunk (and any tIME chunk) from a PNG in place, so the
 * same seed gives the same bytes (issue 15 item 10). Returns the new length; a buffer that is not
 * a well-formed PNG is left as it is. */
size_t chart_png_strip_time(unsigned char *b, size_t n)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (n < 8 || memcmp(b, sig, 8))
        return n;
    size_t r = 8, w = 8;
    while (r + 12 <= n) {
        size_t len = be32(b + r), whole = 12 + len;
        if (len > n - r - 12)
            return n; /* truncated: not ours to mend */
        const unsigned char *type = b + r + 4, *data = b + r + 8;
        int clock = !memcmp(type, "tIME", 4) ||
                    (!memcmp(type, "tEXt", 4) && len >= 14 && !memcmp(data, "Creation Time", 14));
        if (!clock) {
            memmove(b + w, b + r, whole);
            w += whole;
        }
        r += whole;
    }
    return r == n ? w : n;
}

int chart_canvas_close(chart_canvas *c, char *err, size_t errlen)
{
    int bad = pl_closepl_r(c->pl) < 0;
    bad |= pl_deletepl_r(c->pl) < 0;
    pl_deleteplparams(c->params);
    c->pl = NULL;
    bad |= fflush(c->mem) != 0;
    if (!bad && c->fmt == CHART_SVG) {
        svg_to_utf8(c->out.fp, c->mem_buf, c->mem_len);
    } else if (!bad) {
        size_t n = chart_png_strip_time((unsigned char *)c->mem_buf, c->mem_len);
        fwrite(c->mem_buf, 1, n, c->out.fp); /* a short write stays on the stream for commit */
    }
    close_memory(c);
    if (bad) {
        snprintf(err, errlen, "cannot draw %s: libplot failed", c->out.path);
        outfile_abort(&c->out);
        return CHART_EIO;
    }
    return outfile_commit(&c->out, err, errlen) ? CHART_EIO : 0;
}

chart_rgb chart_rgb_of(const chart_style *s)
{
    chart_rgb c = {s->r, s->g, s->b};
    return c;
}

chart_rgb chart_tint(chart_rgb s, double t)
{
    chart_rgb c = {(unsigned char)lround(s.r + (255 - s.r) * t),
                   (unsigned char)lround(s.g + (255 - s.g) * t),
                   (unsigned char)lround(s.b + (255 - s.b) * t)};
    return c;
}

void chart_pen(chart_canvas *c, chart_rgb col, double width, const chart_style *dash)
{
    pl_pentype_r(c->pl, 1);
    pl_filltype_r(c->pl, 0);
    pl_pencolor_r(c->pl, C16(col.r), C16(col.g), C16(col.b));
    pl_flinewidth_r(c->pl, width);
    if (dash && dash->ndash) {
        /* scale the pattern with the line so thick lines keep visible gaps */
        double d[4];
        double k = width > 4 ? width / 4 : 1;
        for (int i = 0; i < dash->ndash; i++)
            d[i] = dash->dash[i] * k;
        pl_flinedash_r(c->pl, dash->ndash, d, 0);
    } else {
        pl_linemod_r(c->pl, "solid");
    }
}

void chart_line(chart_canvas *c, double x0, double y0, double x1, double y1)
{
    pl_fline_r(c->pl, x0, y0, x1, y1);
    pl_endpath_r(c->pl);
}

void chart_polyline(chart_canvas *c, const double *x, const double *y, int n)
{
    int open = 0;
    for (int i = 0; i < n; i++) {
        if (!isfinite(y[i]) || !isfinite(x[i])) {
            if (open)
                pl_endpath_r(c->pl);
            open = 0;
            continue;
        }
        if (open)
            pl_fcont_r(c->pl, x[i], y[i]);
        else
            pl_fmove_r(c->pl, x[i], y[i]);
        open = 1;
    }
    if (open)
        pl_endpath_r(c->pl);
}

void chart_fill(chart_canvas *c, const double *x, const double *y, int n, chart_rgb col)
{
    if (n < 3)
        return;
    pl_pentype_r(c->pl, 0);
    pl_filltype_r(c->pl, 1);
    pl_fillcolor_r(c->pl, C16(col.r), C16(col.g), C16(col.b));
    pl_fmove_r(c->pl, x[0], y[0]);
    for (int i = 1; i < n; i++)
        pl_fcont_r(c->pl, x[i], y[i]);
    pl_closepath_r(c->pl);
    pl_endpath_r(c->pl);
    pl_filltype_r(c->pl, 0);
    pl_pentype_r(c->pl, 1);
}

void chart_rect(chart_canvas *c, double x0, double y0, double x1, double y1, chart_rgb col)
{
    double x[4] = {x0, x1, x1, x0}, y[4] = {y0, y0, y1, y1};
    chart_fill(c, x, y, 4, col);
}

void chart_marker(chart_canvas *c, double x, double y, int type, double size, chart_rgb col)
{
    pl_linemod_r(c->pl, "solid");
    pl_pencolor_r(c->pl, C16(col.r), C16(col.g), C16(col.b));
    pl_fillcolor_r(c->pl, C16(col.r), C16(col.g), C16(col.b));
    pl_fmarker_r(c->pl, x, y, type, size);
}

/* UTF-8 -> Latin-1, then doubles backslashes, which libplot reads as escape sequences. */
static void plot_text(const char *utf8, char *out, size_t cap)
{
    char tmp[1024];
    chart_latin1(utf8, tmp, sizeof tmp);
    size_t w = 0;
    for (const char *s = tmp; *s && w + 2 < cap; s++) {
        if (*s == '\\')
            out[w++] = '\\';
        out[w++] = *s;
    }
    out[w] = 0;
}

static void set_font(chart_canvas *c, double size, int bold)
{
    if (c->fmt == CHART_PNG)
        pl_fontname_r(c->pl, bold ? "HersheySans-Bold" : "HersheySans");
    else
        pl_fontname_r(c->pl, bold ? "Helvetica-Bold" : "Helvetica");
    pl_ffontsize_r(c->pl, size);
}

void chart_text(chart_canvas *c, double x, double y, char h, char v, double angle, double size,
                int bold, const char *utf8)
{
    char t[2048];
    plot_text(utf8, t, sizeof t);
    set_font(c, size, bold);
    pl_ftextangle_r(c->pl, angle);
    pl_linemod_r(c->pl, "solid");
    pl_fmove_r(c->pl, x, y);
    pl_alabel_r(c->pl, h, v, t);
    pl_ftextangle_r(c->pl, 0);
}

double chart_text_width(chart_canvas *c, double size, int bold, const char *utf8)
{
    char t[2048];
    plot_text(utf8, t, sizeof t);
    if (!c->pl)
        return 0.62 * size * (double)strlen(t); /* before the plotter exists: a safe estimate */
    set_font(c, size, bold);
    /* an SVG is shown in whatever sans-serif font the reader has when Helvetica is missing
     * (DejaVu Sans on Debian is about 12% wider), so its layout leaves that much room */
    return pl_flabelwidth_r(c->pl, t) * (c->fmt == CHART_SVG ? 1.15 : 1.0);
}

/* Splits text into lines no wider than width at spaces; draws them when draw is set (needs the
 * plotter) and returns the line count. Lines longer than the buffer are cut. */
static int wrap(chart_canvas *c, double x, double y, double width, double size, const char *text,
                int draw)
{
    char line[1024] = "", trial[1024];
    int lines = 0;
    const char *s = text;
    while (*s) {
        size_t n = strcspn(s, " "), len = strlen(line);
        size_t sep = len ? 1 : 0;
        if (len + sep + n >= sizeof trial)
            n = sizeof trial - 1 - len - sep;
        memcpy(trial, line, len);
        if (sep)
            trial[len] = ' ';
        memcpy(trial + len + sep, s, n);
        trial[len + sep + n] = 0;
        if (len && chart_text_width(c, size, 0, trial) > width) {
            if (draw)
                chart_text(c, x, y - lines * size * 1.35, 'l', 't', 0, size, 0, line);
            lines++;
            line[0] = 0;
            continue; /* the word starts the next line */
        }
        memcpy(line, trial, len + sep + n + 1);
        s += strcspn(s, " ");
        while (*s == ' ')
            s++;
    }
    if (line[0]) {
        if (draw)
            chart_text(c, x, y - lines * size * 1.35, 'l', 't', 0, size, 0, line);
        lines++;
    }
    return lines;
}

int chart_text_lines(chart_canvas *c, double width, double size, const char *utf8)
{
    return wrap(c, 0, 0, width, size, utf8, 0);
}

void chart_day_label(cal_date d, char *buf, size_t n)
{
    static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, day;
    cal_to_ymd(d, &y, &m, &day);
    snprintf(buf, n, "%d %s %d", day, months[m - 1], y);
}

double chart_text_wrapped(chart_canvas *c, double x, double y, double width, double size,
                          const char *utf8)
{
    int n = wrap(c, x, y, width, size, utf8, c->pl != NULL);
    return y - n * size * 1.35;
}

double chart_px(const chart_panel *p, double x)
{
    return p->x0 + (x - p->xmin) / (p->xmax - p->xmin) * (p->x1 - p->x0);
}

double chart_py(const chart_panel *p, double y)
{
    return p->y0 + (y - p->ymin) / (p->ymax - p->ymin) * (p->y1 - p->y0);
}

static const chart_rgb grid_rgb = {0xDD, 0xDD, 0xDD};
static const chart_rgb axis_rgb = {0x44, 0x44, 0x44};
static const chart_rgb text_rgb = {0x22, 0x22, 0x22};

void chart_axis_y(chart_canvas *c, const chart_panel *p, const chart_ticks *t, int labels)
{
    char buf[64];
    for (int i = 0; i < t->n; i++) {
        double v = t->first + i * t->step, y = chart_py(p, v);
        chart_pen(c, grid_rgb, 1.5, NULL);
        chart_line(c, p->x0, y, p->x1, y);
        if (!labels)
            continue;
        chart_pen(c, text_rgb, 1, NULL);
        chart_tick_label(t, v, buf, sizeof buf);
        chart_text(c, p->x0 - 10, y, 'r', 'c', 0, CHART_FONT_TICK, 0, buf);
    }
}

void chart_fit_ticks(chart_canvas *c, double lo, double hi, double width, int max_ticks,
                     chart_ticks *t)
{
    for (int max = max_ticks; max >= 3; max--) {
        chart_nice_ticks(lo, hi, max, t);
        double widest = 0;
        char buf[64];
        for (int i = 0; i < t->n; i++) {
            chart_tick_label(t, t->first + i * t->step, buf, sizeof buf);
            widest = fmax(widest, chart_text_width(c, CHART_FONT_TICK, 0, buf));
        }
        /* labels are centred on their ticks: each needs its own slot and a gap */
        if ((widest + 24) * (t->n - 1) <= width)
            return;
    }
}

void chart_axis_x(chart_canvas *c, const chart_panel *p, const chart_ticks *t, int last_plus)
{
    char buf[64];
    for (int i = 0; i < t->n; i++) {
        double v = t->first + i * t->step, x = chart_px(p, v);
        if (v < p->xmin - 1e-9 || v > p->xmax + 1e-9)
            continue;
        chart_pen(c, grid_rgb, 1.5, NULL);
        chart_line(c, x, p->y0, x, p->y1);
        chart_pen(c, text_rgb, 1, NULL);
        chart_tick_label(t, v, buf, sizeof buf);
        if (last_plus && i == t->n - 1)
            strcat(buf, "+");
        chart_text(c, x, p->y0 - 10, 'c', 't', 0, CHART_FONT_TICK, 0, buf);
    }
}

void chart_axis_dates(chart_canvas *c, const chart_panel *p)
{
    cal_date ticks[64];
    char buf[32];
    int yearly;
    int n = chart_date_axis((cal_date)ceil(p->xmin), (cal_date)floor(p->xmax), p->x1 - p->x0,
                            ticks, 64, &yearly);
    for (int i = 0; i < n; i++) {
        double x = chart_px(p, ticks[i]);
        chart_pen(c, grid_rgb, 1.5, NULL);
        chart_line(c, x, p->y0, x, p->y1);
        chart_pen(c, axis_rgb, 2, NULL);
        chart_line(c, x, p->y0, x, p->y0 - 8);
        chart_pen(c, text_rgb, 1, NULL);
        chart_month_label(ticks[i], yearly, buf, sizeof buf);
        chart_text(c, x, p->y0 - 12, 'c', 't', 0, CHART_FONT_TICK, 0, buf);
    }
}

void chart_frame(chart_canvas *c, const chart_panel *p)
{
    chart_pen(c, axis_rgb, 2, NULL);
    double x[5] = {p->x0, p->x1, p->x1, p->x0, p->x0}, y[5] = {p->y0, p->y0, p->y1, p->y1, p->y0};
    chart_polyline(c, x, y, 5);
}

double chart_title(chart_canvas *c, const char *title, const char *subtitle)
{
    double y = c->h - 24;
    pl_pencolor_r(c->pl, 0, 0, 0);
    chart_text(c, 40, y, 'l', 't', 0, CHART_FONT_TITLE, 1, title);
    y -= CHART_FONT_TITLE * 1.4;
    if (subtitle && *subtitle) {
        chart_pen(c, axis_rgb, 1, NULL);
        y = chart_text_wrapped(c, 40, y, c->w - 80, CHART_FONT_SUB, subtitle);
    }
    return y - 8;
}

void chart_scenario_label(const chart_results *r, int s, char *buf, size_t n)
{
    snprintf(buf, n, "%s%s", chart_scenario_name(r, s), s == r->baseline ? " (baseline)" : "");
}

static void source_text(const chart_results *r, char *buf, size_t n)
{
    size_t w = (size_t)snprintf(buf, n, "Source: caseload %s simulation; %d replications, seed %s; "
                                        "scenario files:",
                                r->version[0] ? r->version : "?", r->replications, r->seed);
    for (int s = 0; s < r->nscen && w < n; s++)
        w += (size_t)snprintf(buf + w, n - w, "%s %s", s ? "," : "",
                              r->scen[s].file[0] ? r->scen[s].file : r->scen[s].id);
    if (w < n)
        snprintf(buf + w, n - w, ".");
}

double chart_source(chart_canvas *c, const chart_results *r, int draw)
{
    char text[4096];
    source_text(r, text, sizeof text);
    int lines = wrap(c, 40, 0, c->w - 80, CHART_FONT_SMALL, text, 0);
    double h = lines * CHART_FONT_SMALL * 1.35 + 24;
    if (draw) {
        chart_pen(c, axis_rgb, 1, NULL);
        wrap(c, 40, h - 14, c->w - 80, CHART_FONT_SMALL, text, 1);
    }
    return h;
}

double chart_source_height(const chart_results *r)
{
    chart_canvas none = {.w = CHART_WIDTH}; /* no plotter: widths are estimated generously */
    return chart_source(&none, r, 0);
}

double chart_key(chart_canvas *c, double x, double y, char kind, chart_rgb col,
                 const chart_style *st, int marker, const char *label, int draw)
{
    double sample = 60;
    if (draw) {
        if (kind == 'b') {
            chart_rect(c, x, y - 12, x + sample, y + 12, col);
        } else if (kind == 'l') {
            chart_pen(c, col, 5, st);
            chart_line(c, x, y, x + sample, y);
        } else if (kind == 'v') {
            chart_pen(c, col, 2.5, st);
            chart_line(c, x + sample / 2, y - 16, x + sample / 2, y + 16);
        }
        if (marker)
            chart_marker(c, x + sample / 2, y, marker, 20, col);
        chart_pen(c, text_rgb, 1, NULL);
        chart_text(c, x + sample + 12, y, 'l', 'c', 0, CHART_FONT_SUB, 0, label);
    }
    return sample + 12 + chart_text_width(c, CHART_FONT_SUB, 0, label) + 36;
}
