/* Draws every chart and the report from a synthetic results directory, then checks them as files:
 * PNGs are sound (signature, header size, every chunk's CRC, IEND), SVGs are well-formed XML with
 * Latin-1 text, the report is UTF-8 with every chart inline and nothing fetched from elsewhere, and
 * the numbers in its sentences are the ones the synthetic files hold. */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "chart.h"
#include "check.h"
#include "plots/synth.h"
#include "plots/xmlcheck.h"
#include "report.h"
#include "testfs.h"

#define WEEKS 260

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t crc32_png(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xFFFFFFFFu;
}

/* A sound PNG of the given width: returns its height, or -1. */
static long png_check(const char *path, uint32_t want_w)
{
    size_t n;
    unsigned char *p = (unsigned char *)testfs_read(path, &n);
    long h = -1;
    if (!p || n < 8 + 25 + 12 || memcmp(p, "\x89PNG\r\n\x1a\n", 8) || memcmp(p + 12, "IHDR", 4)) {
        free(p);
        return -1;
    }
    uint32_t w = be32(p + 16);
    size_t i = 8;
    int idat = 0, iend = 0;
    while (i + 12 <= n && !iend) {
        uint32_t len = be32(p + i);
        if (i + 12 + len > n || crc32_png(p + i + 4, len + 4) != be32(p + i + 8 + len))
            break;
        idat += !memcmp(p + i + 4, "IDAT", 4);
        iend = !memcmp(p + i + 4, "IEND", 4);
        i += 12 + len;
    }
    if (w == want_w && idat && iend && i == n)
        h = (long)be32(p + 20);
    free(p);
    return h;
}

static void charts(const char *dir)
{
    for (int i = 0; i < REPORT_CHART_COUNT; i++) {
        char path[700], err[256];
        snprintf(path, sizeof path, "%s/charts/%s.png", dir, report_chart_stem(i));
        long h = png_check(path, CHART_WIDTH);
        if (h < 600)
            fprintf(stderr, "bad PNG %s (height %ld)\n", path, h);
        CHECK(h >= 600 && h <= 2400); /* a page-width chart, not a sliver or a scroll */
        snprintf(path, sizeof path, "%s/charts/%s.svg", dir, report_chart_stem(i));
        size_t n;
        char *svg = testfs_read(path, &n);
        CHECK(svg != NULL);
        if (!svg)
            continue;
        if (xml_wellformed(svg, n, err, sizeof err))
            fprintf(stderr, "%s: not well-formed: %s\n", path, err);
        CHECK(xml_wellformed(svg, n, err, sizeof err) == 0);
        CHECK_HAS(svg, "encoding=\"ISO-8859-1\"");
        CHECK_HAS(svg, "font-family=\"Helvetica");
        CHECK_HAS(svg, "Source: caseload 0.1.0 simulation; 40 replications, seed 20110401");
        if (i == CHART_FAN_COUNT)
            CHECK_HAS(svg, "change in \xA3m a year"); /* the pound sign, in Latin-1 */
        free(svg);
    }
    /* no temporary files left behind */
    char sub[700];
    snprintf(sub, sizeof sub, "%s/charts", dir);
    DIR *d = opendir(sub);
    struct dirent *e;
    int files = 0;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
                                    (fprintf(stderr, "left over: %s\n", e->d_name), 0)))
            files++;
    if (d)
        closedir(d);
    CHECK(files == 2 * REPORT_CHART_COUNT);
}

static int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = s[i] < 0x80 ? 1 : (s[i] & 0xE0) == 0xC0 ? 2 : (s[i] & 0xF0) == 0xE0 ? 3
                                   : (s[i] & 0xF8) == 0xF0 ? 4 : 0;
        if (!k || i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

static void html_structure(const char *html, size_t n)
{
    char err[256];
    CHECK(valid_utf8((const unsigned char *)html, n));
    CHECK_HAS(html, "<meta charset=\"utf-8\">");
    CHECK_HAS(html, "@page{size:A4");
    /* self-contained: nothing to fetch (the only URLs are XML namespace names) */
    CHECK(!strstr(html, "<script") && !strstr(html, "<link") && !strstr(html, " src=") &&
          !strstr(html, "url(") && !strstr(html, "<img") && !strstr(html, "@import"));
    CHECK(!strstr(html, "https://"));
    /* every chart inline, each a well-formed SVG with its own viewBox */
    int count = 0;
    for (const char *p = html; (p = strstr(p, "<svg class=\"chart\"")); count++) {
        const char *end = strstr(p, "</svg>");
        CHECK(end != NULL);
        if (!end)
            break;
        end += 6;
        if (xml_wellformed(p, (size_t)(end - p), err, sizeof err))
            fprintf(stderr, "inline SVG %d: %s\n", count, err);
        CHECK(xml_wellformed(p, (size_t)(end - p), err, sizeof err) == 0);
        CHECK(!strncmp(strstr(p, "viewBox=\""), "viewBox=\"0 0 1600 ", 18));
        p = end;
    }
    CHECK(count == REPORT_CHART_COUNT);
    CHECK(!strstr(html, "<?xml") && !strstr(html, "<!DOCTYPE svg"));
    CHECK(!strstr(html, "preserveAspectRatio=\"none\""));
    CHECK_HAS(html, "Children\xE2\x80\x99s centre budget cut by 27% (\xC2\xA3" "1.2m)");
    /* settings are escaped, the command and seed are there */
    CHECK_HAS(html, "default &amp; &lt;b&gt;escaped&lt;/b&gt;");
    CHECK(!strstr(html, "<b>escaped"));
    CHECK_HAS(html, "--reps 40 --seed 20110401");
    CHECK_HAS(html, "What this model assumes");
}

static void pct(double share, char *buf, size_t n) { snprintf(buf, n, "%.0f%%", share * 100); }

/* The sentences quote the synthetic numbers, worked out here from synth.h independently. */
static void sentences(const char *html)
{
    char want[600], a[32], b[32], lo[32], hi[32], base[32];
    /* share within 45 days: combined-2011 moves most; baseline and scenario at the last week */
    metric_id m = M_share_within_45wd;
    double end = synth_week_value(3, m, WEEKS - 1, WEEKS);
    pct(end, b, sizeof b);
    pct(end - 0.006, lo, sizeof lo);
    pct(end + 0.006, hi, sizeof hi);
    pct(synth_week_value(0, m, WEEKS - 1, WEEKS), base, sizeof base);
    snprintf(want, sizeof want,
             "Under combined-2011 the share of assessments completed within 45 working days falls "
             "from %s in the baseline to %s (95%% interval %s to %s) by Mar 2015; over the whole "
             "period the difference is -21 points (95%% interval -25 to -17 points); restructure "
             "makes no clear change over the whole period.",
             base, b, lo, hi);
    CHECK_HAS(html, want);
    /* caseload per social worker */
    m = M_caseload_per_sw;
    end = synth_week_value(3, m, WEEKS - 1, WEEKS);
    snprintf(want, sizeof want,
             "Under combined-2011 caseload per qualified social worker rises from %.1f in the "
             "baseline to %.1f (95%% interval %.1f to %.1f) by Mar 2015; over the whole period the "
             "difference is +%.1f (95%% interval +%.1f to +%.1f)",
             synth_week_value(0, m, WEEKS - 1, WEEKS), end, end - 0.08 * 18.2 * 0.2,
             end + 0.08 * 18.2 * 0.2, 1.6 * 3.5, 1.6 * 3.5 * 0.8, 1.6 * 3.5 * 1.2);
    CHECK_HAS(html, want);
    /* a count takes "the number of" */
    CHECK_HAS(html, "Under combined-2011 the number of unallocated cases rises from ");
    /* days to assessment: the share done by day 45 in each scenario */
    double x0 = 46 / 14.0, x4 = 46 / (14 - 6 * 0.6), x3 = 46 / (14 + 6 * 1.6);
    pct(1 - exp(-x0) * (1 + x0 + x0 * x0 / 2), a, sizeof a);
    pct(1 - exp(-x3) * (1 + x3 + x3 * x3 / 2), lo, sizeof lo);
    pct(1 - exp(-x4) * (1 + x4 + x4 * x4 / 2), hi, sizeof hi);
    snprintf(want, sizeof want,
             "In the baseline %s of assessments are completed within 45 working days; among the "
             "alternatives the share is lowest under combined-2011 (%s) and highest under "
             "investment (%s).",
             a, lo, hi);
    CHECK_HAS(html, want);
    /* change chart: restructure's intervals all include zero */
    CHECK_HAS(html, "restructure makes no clear change to any");
    CHECK_HAS(html, "investment is clearly worse on 1 and clearly better on 7");
    /* summary table: a clear difference is marked, a doubtful one is not */
    CHECK_HAS(html, "&#9650; +3.5 worse");
    CHECK_HAS(html, "<span class=\"ns\">no clear change</span>");
}

/* With every interval through zero, the readings must say so rather than name a change. */
static void no_clear_change(const char *dir)
{
    FILE *f = synth_open(dir, "differences.csv");
    fprintf(f, "scenario,metric,mean_diff,ci_lo,ci_hi,significant\n");
    for (int s = 1; s < SYNTH_NSCEN; s++)
        for (int m = 0; m < M_COUNT; m++)
            fprintf(f, "%s,%s,0.5,-1,2,0\n", synth_ids[s], metric_name((metric_id)m));
    fclose(f);
    report_options opt = {.charts = 0, .html = 1};
    char err[512], path[700];
    CHECK(report_render_dir(dir, &opt, err, sizeof err) == 0);
    snprintf(path, sizeof path, "%s/report.html", dir);
    size_t n;
    char *html = testfs_read(path, &n);
    CHECK(html != NULL);
    if (!html)
        return;
    CHECK_HAS(html, "No scenario makes a clear change to caseload per qualified social worker");
    CHECK_HAS(html, "centre-cut-27 makes no clear change to any");
    CHECK(!strstr(html, "Under combined-2011"));
    CHECK(!strstr(html, "class=\"sig\""));
    free(html);
}

int main(void)
{
    char dir[] = "/tmp/caseload-test-render-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    synth_write(dir, WEEKS);
    report_options opt = {.charts = 1, .html = 1, .xlsx = 1};
    char err[512] = "", path[700];
    int rc = report_render_dir(dir, &opt, err, sizeof err);
    if (rc)
        fprintf(stderr, "report_render_dir: %s\n", err);
    CHECK(rc == 0);
    charts(dir);
    snprintf(path, sizeof path, "%s/report.html", dir);
    size_t n, n2;
    char *html = testfs_read(path, &n);
    CHECK(html != NULL);
    if (html) {
        html_structure(html, n);
        sentences(html);
        /* the same inputs give the same bytes */
        CHECK(report_render_dir(dir, &opt, err, sizeof err) == 0);
        char *again = testfs_read(path, &n2);
        CHECK(again && n2 == n && !memcmp(html, again, n));
        free(again);
    }
    free(html);
    no_clear_change(dir);
    /* a write failure is an I/O error naming the file: charts/ is a plain file here */
    snprintf(path, sizeof path, "rm -rf '%s/charts' && touch '%s/charts'", dir, dir);
    CHECK(system(path) == 0);
    CHECK(report_render_dir(dir, &opt, err, sizeof err) == REPORT_EIO);
    CHECK_HAS(err, "/charts");
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    CHECK(system(path) == 0);
    /* the checker itself rejects what it must */
    const char *broken[] = {"<a><b></a></b>", "<a x=1/>", "<a>&foo;</a>", "<a></a><b/>",
                            "<a x=\"1\" x=\"2\"/>", "<a>", "text<a/>", "<a x=\"<\"/>"};
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++)
        CHECK(xml_wellformed(broken[i], strlen(broken[i]), err, sizeof err) == -1);
    const char *ok = "<?xml version=\"1.0\"?><!DOCTYPE a><a x='1'>&amp;&#163;<!-- c --></a>";
    CHECK(xml_wellformed(ok, strlen(ok), err, sizeof err) == 0);
    return check_done("test_render");
}
