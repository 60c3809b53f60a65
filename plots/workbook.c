/* workbook: DIR/results.xlsx, the analysts' copy of a results folder (include/plots/workbook.h).
 *
 * Sheets: About, Summary, Differences, Weekly (an Excel table with filters), Measures, and
 * "Chart data" (the weekly medians laid out wide, one column per scenario, which is the shape
 * Excel's line charts read), with native charts on Summary and Differences. Everything comes from
 * the loaded results (chart_results), so `caseload plot DIR` rebuilds the same workbook. The
 * document's creation time is set to the run's first measured day, so the same seed gives the
 * same bytes. */
#include "workbook.h"

#include <stdio.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "plots_internal.h"
#include "report.h"

#define XLSX_MAX_ROWS 1048576 /* Excel's rows per sheet */

typedef struct book {
    lxw_workbook *wb;
    const chart_results *r;
    lxw_format *bold, *wrap, *share, *money, *count, *number, *date, *points;
} book;

static lxw_format *format_of(const book *b, metric_id m)
{
    if (metric_kind_of(m) == MK_SHARE)
        return b->share;
    if (!strcmp(metric_unit(m), "pounds"))
        return b->money;
    if (metric_kind_of(m) == MK_FLOW)
        return b->count;
    return b->number;
}

/* A difference of a share is in percentage points; of anything else in the measure's format. */
static lxw_format *diff_format_of(const book *b, metric_id m)
{
    return metric_kind_of(m) == MK_SHARE ? b->points : format_of(b, m);
}

static const char *unit_of(metric_id m)
{
    return metric_kind_of(m) == MK_SHARE ? "%" : metric_unit(m);
}

/* As the report judges it (measures.csv, or the metric table's defaults). */
static const char *direction_of(const book *b, metric_id m)
{
    switch (b->r->measure[m].dir) {
    case MD_LOWER: return "lower is better";
    case MD_HIGHER: return "higher is better";
    case MD_COST: return "money: a fall is a saving";
    default: return "neither better nor worse in itself";
    }
}

static void num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
    if (v == v) /* a missing value (NaN) stays an empty cell */
        worksheet_write_number(ws, r, c, v, f);
}

static void header(const book *b, lxw_worksheet *ws, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        worksheet_write_string(ws, 0, (lxw_col_t)i, names[i], b->bold);
    worksheet_freeze_panes(ws, 1, 0);
}

static void formats(book *b)
{
    b->bold = workbook_add_format(b->wb);
    format_set_bold(b->bold);
    b->wrap = workbook_add_format(b->wb);
    format_set_text_wrap(b->wrap);
    b->share = workbook_add_format(b->wb);
    format_set_num_format(b->share, "0.0%");
    b->points = workbook_add_format(b->wb);
    format_set_num_format(b->points, "+0.0%;-0.0%;0.0%");
    b->money = workbook_add_format(b->wb);
    format_set_num_format(b->money, "\xc2\xa3#,##0");
    b->count = workbook_add_format(b->wb);
    format_set_num_format(b->count, "#,##0");
    b->number = workbook_add_format(b->wb);
    format_set_num_format(b->number, "#,##0.0");
    b->date = workbook_add_format(b->wb);
    format_set_num_format(b->date, "yyyy-mm-dd");
}

static void about_sheet(book *b)
{
    const chart_results *r = b->r;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "About");
    worksheet_set_column(ws, 0, 0, 24, b->bold);
    worksheet_set_column(ws, 1, 1, 100, NULL);
    lxw_row_t row = 0;
    /* not the folder's path: the same results give the same bytes wherever they are written */
    worksheet_write_string(ws, row++, 0, "Results of caseload", b->bold);
    worksheet_write_string(ws, row, 0, "Version", NULL);
    worksheet_write_string(ws, row++, 1, r->version, NULL);
    worksheet_write_string(ws, row, 0, "Command", NULL);
    worksheet_write_string(ws, row++, 1, r->command, NULL);
    worksheet_write_string(ws, row, 0, "Seed", NULL);
    worksheet_write_string(ws, row++, 1, r->seed, NULL);
    worksheet_write_string(ws, row, 0, "Replications", NULL);
    worksheet_write_number(ws, row++, 1, r->replications, b->count);
    char d[16];
    cal_format_iso(r->start, d);
    worksheet_write_string(ws, row, 0, "Measured from", NULL);
    worksheet_write_string(ws, row++, 1, d, NULL);
    worksheet_write_string(ws, row, 0, "Weeks measured", NULL);
    worksheet_write_number(ws, row++, 1, r->weeks, b->count);
    row++;
    worksheet_write_string(ws, row++, 0, "Scenarios", b->bold);
    for (int s = 0; s < r->nscen; s++) {
        char id[128];
        snprintf(id, sizeof id, "%s%s", r->scen[s].id, s == r->baseline ? " (baseline)" : "");
        worksheet_write_string(ws, row, 0, id, NULL);
        worksheet_write_string(ws, row++, 1, r->scen[s].name, NULL);
    }
    row++;
    worksheet_write_string(ws, row++, 0, "Sheets", b->bold);
    static const char *const sheets[][2] = {
        {"Summary", "each scenario and measure over the measured period: mean, 95% interval, "
                    "percentiles over replications"},
        {"Differences", "each alternative minus the baseline, paired replication by replication "
                        "(common random numbers), with its 95% interval"},
        {"Weekly", "every measure week by week (an Excel table: filter by scenario and measure)"},
        {"Measures", "what every measure means, its unit and which way is better"},
        {"Chart data", "weekly medians of the key measures, one column per scenario"},
    };
    for (size_t i = 0; i < sizeof sheets / sizeof sheets[0]; i++) {
        worksheet_write_string(ws, row, 0, sheets[i][0], NULL);
        worksheet_write_string(ws, row++, 1, sheets[i][1], NULL);
    }
}

static void summary_sheet(book *b)
{
    const chart_results *r = b->r;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Summary");
    static const char *const cols[] = {"scenario", "measure", "label", "unit", "mean", "ci_lo",
                                       "ci_hi", "p5", "p25", "p50", "p75", "p95"};
    header(b, ws, cols, 12);
    worksheet_set_column(ws, 0, 1, 22, NULL);
    worksheet_set_column(ws, 2, 2, 50, NULL);
    worksheet_set_column(ws, 3, 3, 18, NULL);
    worksheet_set_column(ws, 4, 11, 12, NULL);
    lxw_row_t row = 1;
    for (int s = 0; s < r->nscen; s++)
        for (int m = 0; m < M_COUNT; m++) {
            if (!r->scen[s].has_summary[m])
                continue;
            const chart_stat *x = &r->scen[s].summary[m];
            lxw_format *f = format_of(b, (metric_id)m);
            worksheet_write_string(ws, row, 0, r->scen[s].id, NULL);
            worksheet_write_string(ws, row, 1, metric_name((metric_id)m), NULL);
            worksheet_write_string(ws, row, 2, metric_label((metric_id)m), NULL);
            worksheet_write_string(ws, row, 3, unit_of((metric_id)m), NULL);
            const double v[] = {x->mean, x->ci_lo, x->ci_hi, x->p5, x->p25, x->p50, x->p75, x->p95};
            for (int k = 0; k < 8; k++)
                num(ws, row, (lxw_col_t)(4 + k), v[k], f);
            row++;
        }
}

static void differences_sheet(book *b, lxw_row_t *rows)
{
    const chart_results *r = b->r;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Differences");
    static const char *const cols[] = {"scenario", "measure", "label", "unit", "difference",
                                       "ci_lo", "ci_hi", "significant", "direction"};
    header(b, ws, cols, 9);
    worksheet_set_column(ws, 0, 1, 22, NULL);
    worksheet_set_column(ws, 2, 2, 50, NULL);
    worksheet_set_column(ws, 3, 3, 18, NULL);
    worksheet_set_column(ws, 4, 7, 12, NULL);
    worksheet_set_column(ws, 8, 8, 18, NULL);
    lxw_row_t row = 1;
    for (int s = 0; s < r->nscen; s++)
        for (int m = 0; m < M_COUNT; m++) {
            const chart_diff *d = &r->scen[s].diff[m];
            if (s == r->baseline || !d->present)
                continue;
            lxw_format *f = diff_format_of(b, (metric_id)m);
            worksheet_write_string(ws, row, 0, r->scen[s].id, NULL);
            worksheet_write_string(ws, row, 1, metric_name((metric_id)m), NULL);
            worksheet_write_string(ws, row, 2, metric_label((metric_id)m), NULL);
            worksheet_write_string(ws, row, 3, metric_kind_of((metric_id)m) == MK_SHARE
                                                   ? "percentage points" : metric_unit((metric_id)m),
                                   NULL);
            num(ws, row, 4, d->mean, f);
            num(ws, row, 5, d->ci_lo, f);
            num(ws, row, 6, d->ci_hi, f);
            worksheet_write_string(ws, row, 7, d->significant ? "yes" : "no", NULL);
            worksheet_write_string(ws, row, 8, direction_of(b, (metric_id)m), NULL);
            row++;
        }
    *rows = row;
}

/* One table of every weekly value; a run too long for one sheet gets one sheet a scenario. */
static int weekly_rows(const chart_results *r, int s)
{
    int n = 0;
    for (int m = 0; m < M_COUNT; m++)
        n += r->scen[s].weekly[m] ? r->weeks : 0;
    return n;
}

static void weekly_table(book *b, const char *sheet, const char *table, int s0, int s1)
{
    const chart_results *r = b->r;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, sheet);
    static const char *const cols[] = {"scenario", "week_start", "measure", "mean", "ci_lo",
                                       "ci_hi", "p5", "p25", "p50", "p75", "p95"};
    worksheet_set_column(ws, 0, 2, 22, NULL);
    worksheet_set_column(ws, 3, 10, 11, NULL);
    lxw_row_t row = 1;
    for (int s = s0; s < s1; s++)
        for (int w = 0; w < r->weeks; w++)
            for (int m = 0; m < M_COUNT; m++) {
                const chart_stat *x = r->scen[s].weekly[m] ? &r->scen[s].weekly[m][w] : NULL;
                if (!x)
                    continue;
                char d[16];
                cal_format_iso(chart_results_week_date(r, w), d);
                lxw_format *f = format_of(b, (metric_id)m);
                worksheet_write_string(ws, row, 0, r->scen[s].id, NULL);
                worksheet_write_string(ws, row, 1, d, NULL);
                worksheet_write_string(ws, row, 2, metric_name((metric_id)m), NULL);
                const double v[] = {x->mean, x->ci_lo, x->ci_hi, x->p5, x->p25, x->p50, x->p75, x->p95};
                for (int k = 0; k < 8; k++)
                    num(ws, row, (lxw_col_t)(3 + k), v[k], f);
                row++;
            }
    lxw_table_column c[11], *cp[12];
    memset(c, 0, sizeof c);
    for (int i = 0; i < 11; i++) {
        c[i].header = (char *)cols[i];
        cp[i] = &c[i];
    }
    cp[11] = NULL;
    lxw_table_options opt = {.name = (char *)table, .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
                             .style_type_number = 9, .columns = cp};
    worksheet_add_table(ws, 0, 0, row > 1 ? row - 1 : 1, 10, &opt);
    worksheet_freeze_panes(ws, 1, 0);
}

static void weekly_sheets(book *b)
{
    const chart_results *r = b->r;
    long total = 0;
    for (int s = 0; s < r->nscen; s++)
        total += weekly_rows(r, s);
    if (total < XLSX_MAX_ROWS) {
        weekly_table(b, "Weekly", "Weekly", 0, r->nscen);
        return;
    }
    for (int s = 0; s < r->nscen; s++) {
        char sheet[32], table[40];
        snprintf(sheet, sizeof sheet, "Weekly %d", s + 1);
        snprintf(table, sizeof table, "Weekly%d", s + 1);
        weekly_table(b, sheet, table, s, s + 1);
    }
}

static void measures_sheet(book *b)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Measures");
    static const char *const cols[] = {"measure", "label", "unit", "kind", "direction"};
    header(b, ws, cols, 5);
    worksheet_set_column(ws, 0, 0, 34, NULL);
    worksheet_set_column(ws, 1, 1, 64, NULL);
    worksheet_set_column(ws, 2, 4, 22, NULL);
    static const char *const kinds[] = {"flow: a year (weekly: in the week)",
                                        "stock: average over the period (weekly: the week)",
                                        "share (0-100%)", "value (a mean, median or rate)"};
    for (int m = 0; m < M_COUNT; m++) {
        worksheet_write_string(ws, (lxw_row_t)(m + 1), 0, metric_name((metric_id)m), NULL);
        worksheet_write_string(ws, (lxw_row_t)(m + 1), 1, metric_label((metric_id)m), NULL);
        worksheet_write_string(ws, (lxw_row_t)(m + 1), 2, unit_of((metric_id)m), NULL);
        worksheet_write_string(ws, (lxw_row_t)(m + 1), 3, kinds[metric_kind_of((metric_id)m)], NULL);
        worksheet_write_string(ws, (lxw_row_t)(m + 1), 4, direction_of(b, (metric_id)m), NULL);
    }
}

/* Weekly medians of the key measures, wide: week, then one column per scenario for each. */
static const metric_id key_measures[] = {M_caseload_per_sw, M_share_within_45wd};
#define NKEY ((int)(sizeof key_measures / sizeof key_measures[0]))

static void chart_data_sheet(book *b)
{
    const chart_results *r = b->r;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Chart data");
    worksheet_write_string(ws, 0, 0, "week_start", b->bold);
    worksheet_set_column(ws, 0, 0, 12, NULL);
    for (int k = 0; k < NKEY; k++)
        for (int s = 0; s < r->nscen; s++) {
            char h[200];
            snprintf(h, sizeof h, "%s: %s (median)", r->scen[s].id, metric_name(key_measures[k]));
            worksheet_write_string(ws, 0, (lxw_col_t)(1 + k * r->nscen + s), h, b->bold);
        }
    for (int w = 0; w < r->weeks; w++) {
        char d[16];
        cal_format_iso(chart_results_week_date(r, w), d);
        worksheet_write_string(ws, (lxw_row_t)(w + 1), 0, d, NULL);
        for (int k = 0; k < NKEY; k++)
            for (int s = 0; s < r->nscen; s++) {
                const chart_stat *x = r->scen[s].weekly[key_measures[k]];
                if (x)
                    num(ws, (lxw_row_t)(w + 1), (lxw_col_t)(1 + k * r->nscen + s), x[w].p50,
                        format_of(b, key_measures[k]));
            }
    }
    worksheet_freeze_panes(ws, 1, 1);
}

static void line_chart(book *b, lxw_worksheet *at, lxw_row_t row, int k)
{
    const chart_results *r = b->r;
    lxw_chart *c = workbook_add_chart(b->wb, LXW_CHART_LINE);
    for (int s = 0; s < r->nscen; s++) {
        lxw_col_t col = (lxw_col_t)(1 + k * r->nscen + s);
        lxw_chart_series *se = chart_add_series(c, NULL, NULL);
        chart_series_set_categories(se, "Chart data", 1, 0, (lxw_row_t)r->weeks, 0);
        chart_series_set_values(se, "Chart data", 1, col, (lxw_row_t)r->weeks, col);
        chart_series_set_name(se, r->scen[s].name);
    }
    char title[200];
    snprintf(title, sizeof title, "%s, weekly median", metric_label(key_measures[k]));
    chart_title_set_name(c, title);
    chart_axis_set_name(c->y_axis, unit_of(key_measures[k]));
    if (metric_kind_of(key_measures[k]) == MK_SHARE)
        chart_axis_set_num_format(c->y_axis, "0%");
    chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options o = {.x_scale = 1.6, .y_scale = 1.3};
    worksheet_insert_chart_opt(at, row, 13, c, &o);
}

/* Bars of each alternative's difference from the baseline in one key measure. */
static void change_chart(book *b, lxw_worksheet *at, lxw_row_t row, int k, lxw_row_t diff_rows)
{
    const chart_results *r = b->r;
    if (r->nscen < 2 || diff_rows < 2)
        return;
    /* the rows of this measure in the Differences sheet, in scenario order */
    lxw_chart *c = workbook_add_chart(b->wb, LXW_CHART_BAR);
    lxw_row_t i = 1;
    int any = 0;
    for (int s = 0; s < r->nscen; s++)
        for (int m = 0; m < M_COUNT; m++) {
            if (s == r->baseline || !r->scen[s].diff[m].present)
                continue;
            if (m == (int)key_measures[k]) {
                lxw_chart_series *se = chart_add_series(c, NULL, NULL);
                chart_series_set_values(se, "Differences", i, 4, i, 4);
                chart_series_set_name(se, r->scen[s].name);
                any = 1;
            }
            i++;
        }
    char title[200];
    snprintf(title, sizeof title, "Change against the baseline: %s", metric_label(key_measures[k]));
    chart_title_set_name(c, title);
    if (metric_kind_of(key_measures[k]) == MK_SHARE)
        chart_axis_set_num_format(c->x_axis, "+0.0%;-0.0%;0%");
    chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
    if (any) {
        lxw_chart_options o = {.x_scale = 1.4, .y_scale = 1.1};
        worksheet_insert_chart_opt(at, row, 11, c, &o);
    }
}

static void charts(book *b, lxw_row_t diff_rows)
{
    lxw_worksheet *sum = workbook_get_worksheet_by_name(b->wb, "Summary");
    lxw_worksheet *dif = workbook_get_worksheet_by_name(b->wb, "Differences");
    for (int k = 0; k < NKEY; k++) {
        line_chart(b, sum, (lxw_row_t)(1 + 22 * k), k);
        change_chart(b, dif, (lxw_row_t)(1 + 18 * k), k, diff_rows);
    }
}

/* libxlsxwriter does not report a short write (a full disk, a file-size limit: workbook_close
 * returned no error and a workbook with a truncated sheet was renamed into place), so the file is
 * checked member by member (workbook_check.c), then flushed to disk before the rename like every
 * other output. */
static int complete_on_disk(const char *tmp, const char *path, char *err, size_t errlen)
{
    if (workbook_check(tmp, path, err, errlen))
        return -1;
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    int ok = fd >= 0 && fsync(fd) == 0;
    int e = errno;
    if (fd >= 0)
        close(fd);
    if (!ok)
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(e));
    return ok ? 0 : -1;
}

int workbook_write(const chart_results *r, char *err, size_t errlen)
{
    char path[1200], tmp[1300];
    snprintf(path, sizeof path, "%s/results.xlsx", r->dir);
    snprintf(tmp, sizeof tmp, "%s/.results.xlsx.tmp-%ld", r->dir, (long)getpid());
    book b = {.r = r};
    b.wb = workbook_new(tmp);
    if (!b.wb) {
        snprintf(err, errlen, "cannot write %s", tmp);
        return REPORT_EIO;
    }
    /* the run's first measured day, so that the same results give the same bytes */
    lxw_doc_properties props = {.title = "caseload results", .comments = "Written by caseload",
                                .created = (time_t)(r->start - cal_from_ymd(1970, 1, 1)) * 86400};
    workbook_set_properties(b.wb, &props);
    formats(&b);
    lxw_row_t diff_rows = 0;
    about_sheet(&b);
    summary_sheet(&b);
    differences_sheet(&b, &diff_rows);
    weekly_sheets(&b);
    measures_sheet(&b);
    chart_data_sheet(&b);
    charts(&b, diff_rows);
    lxw_error e = workbook_close(b.wb);
    if (e != LXW_NO_ERROR) {
        unlink(tmp);
        snprintf(err, errlen, "cannot write %s: %s", path, lxw_strerror(e));
        return REPORT_EIO;
    }
    if (complete_on_disk(tmp, path, err, errlen)) {
        unlink(tmp);
        return REPORT_EIO;
    }
    if (rename(tmp, path)) {
        unlink(tmp);
        snprintf(err, errlen, "cannot write %s", path);
        return REPORT_EIO;
    }
    return 0;
}
