/* report_page: a small self-contained HTML page (the plan's and the sweep's report): a title,
 * paragraphs, one table and charts embedded as PNG data, so the page is one file that opens
 * anywhere and prints on A4 (include/plots/report.h). */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "util.h"

static void esc(FILE *f, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
}

static void base64(FILE *f, const unsigned char *b, size_t n)
{
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)b[i] << 16 | (i + 1 < n ? (unsigned)b[i + 1] << 8 : 0)
                   | (i + 2 < n ? b[i + 2] : 0);
        fputc(t[v >> 18 & 63], f);
        fputc(t[v >> 12 & 63], f);
        fputc(i + 1 < n ? t[v >> 6 & 63] : '=', f);
        fputc(i + 2 < n ? t[v & 63] : '=', f);
    }
}

int report_page_write(const char *path, const report_page *pg, char *err, size_t errlen)
{
    outfile o;
    if (outfile_open(&o, path, err, errlen))
        return REPORT_EIO;
    FILE *f = o.fp;
    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
    esc(f, pg->title);
    fputs("</title>\n<style>\nbody{font-family:Helvetica,Arial,sans-serif;max-width:60rem;"
          "margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}\n"
          "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #bbb;"
          "padding:.25rem .6rem;text-align:right}th{background:#eee}td:first-child,"
          "th:first-child{text-align:left}\nimg{max-width:100%;height:auto;margin:1rem 0}\n"
          ".small{font-size:.85rem;color:#555}\n@media print{body{margin:0;max-width:none}"
          "img{page-break-inside:avoid}}\n</style>\n</head>\n<body>\n<h1>", f);
    esc(f, pg->title);
    fputs("</h1>\n", f);
    for (int i = 0; i < pg->nparas; i++) {
        fputs("<p>", f);
        esc(f, pg->paras[i]);
        fputs("</p>\n", f);
    }
    if (pg->table_html)
        fputs(pg->table_html, f); /* built by the caller from numbers and escaped names */
    for (int i = 0; i < pg->ncharts; i++) {
        char *png;
        size_t len;
        if (util_read_file(pg->chart_png[i], 1u << 26, &png, &len, err, errlen)) {
            outfile_abort(&o);
            return REPORT_EIO;
        }
        fputs("<img alt=\"", f);
        esc(f, pg->chart_alt[i]);
        fputs("\" src=\"data:image/png;base64,", f);
        base64(f, (const unsigned char *)png, len);
        fputs("\">\n", f);
        free(png);
    }
    if (pg->footer) {
        fputs("<p class=\"small\">", f);
        esc(f, pg->footer);
        fputs("</p>\n", f);
    }
    fputs("</body>\n</html>\n", f);
    return outfile_commit(&o, err, errlen) ? REPORT_EIO : 0;
}
