/* output tests on a fake model: every file of docs/outputs.md with the right rows, the
 * all-or-nothing guarantee under a file-size limit and a stop request, stale files removed. */
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "fake_model.h"
#include "manifest.h"
#include "output.h"
#include "testfs.h"

/* The test links no scenario module: this stands in for the real scn_write_resolved. */
int scn_write_resolved(const scn_scenario *s, FILE *f)
{
    fprintf(f, "[scenario]\nname = %s\n", s->params.name);
    return ferror(f) ? -1 : 0;
}

static char dir[256];

static char *slurp(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return testfs_read(path, NULL);
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}

/* Names in dir (and dir/settings) that look like temporaries. */
static int temporaries_left(void)
{
    const char *subs[] = {"", "/settings"};
    int found = 0;
    for (int i = 0; i < 2; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s%s", dir, subs[i]);
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL)
            found += strstr(e->d_name, ".tmp-") != NULL;
        if (d)
            closedir(d);
    }
    return found;
}

typedef struct fixture {
    scn_scenario scn[2];
    scn_setting settings[2];
    runner_results res;
} fixture;

static void fixture_make(fixture *fx, size_t reps, double years)
{
    memset(fx, 0, sizeof *fx);
    model_params p[2];
    fake_params(&p[0], "Base, with a comma \"quoted\"", 30, years);
    fake_params(&p[1], "More workers", 31, years);
    p[1].n_events = 1;
    snprintf(p[1].events[0].name, sizeof p[1].events[0].name, "cut, one");
    p[1].events[0].type = EVT_BUDGET_CUT;
    p[1].events[0].fraction = 0.27;
    p[1].events[0].target = ROLE_EARLY_HELP;
    p[1].events[0].date = cal_from_ymd(2012, 6, 1);
    model_params d;
    params_defaults(&d); /* the [report] judging of the metric table */
    p[0].report = p[1].report = d.report;
    const char *ids[] = {"base", "alt"};
    for (int k = 0; k < 2; k++) {
        snprintf(fx->scn[k].id, sizeof fx->scn[k].id, "%s", ids[k]);
        snprintf(fx->scn[k].path, sizeof fx->scn[k].path, "scenarios/%s.ini", ids[k]);
        fx->scn[k].params = p[k];
        snprintf(fx->settings[k].key, sizeof fx->settings[k].key, "staff.social_worker.fte");
        snprintf(fx->settings[k].value, sizeof fx->settings[k].value, "%d", 30 + k);
        fx->settings[k].spec = &params_staff_specs[0]; /* fte, left at its default */
        fx->scn[k].settings = &fx->settings[k];
        fx->scn[k].n_settings = 1;
    }
    runner_config cfg = {.params = p, .n_scenarios = 2, .reps = reps, .seed = 7, .threads = 2,
                         .model = &fake_model};
    char err[256];
    if (runner_run(&cfg, &fx->res, err, sizeof err) != RUNNER_OK) {
        fprintf(stderr, "runner: %s\n", err);
        exit(1);
    }
}

static int write_out(fixture *fx, const volatile sig_atomic_t *stop, char *err)
{
    out_run run = {.command = "caseload compare base.ini alt.ini --reps 5", .seed = 7,
                   .scenarios = fx->scn, .res = &fx->res, .stop = stop};
    if (out_prepare_dir(dir, 0, 0, err, 256))
        return OUT_ERR;
    return out_write(dir, &run, err, 256);
}

static void test_files(fixture *fx)
{
    char err[256], path[512];
    /* stale files of an earlier run, named by its manifest, and a user's file that is not */
    CHECK(out_prepare_dir(dir, 0, 0, err, sizeof err) == 0);
    manifest old = {0};
    unsigned char sha[SHA256_BYTES] = {0};
    CHECK(manifest_add(&old, "settings/old.ini", sha) == 0);
    CHECK(manifest_add(&old, "report.html", NULL) == 0);
    manifest_finish(&old);
    CHECK(manifest_write(&old, dir, err, sizeof err) == 0);
    manifest_free(&old);
    const char *made[] = {"settings/old.ini", "report.html", "settings/my.ini"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, made[i]);
        fclose(fopen(path, "w"));
    }
    CHECK(write_out(fx, NULL, err) == OUT_OK);
    char *mine = slurp("settings/my.ini");
    CHECK(mine != NULL); /* not named in a manifest: kept */
    free(mine);
    manifest now;
    CHECK(manifest_read(&now, dir, err, sizeof err) == 0);
    CHECK(manifest_find(&now, "weekly.csv") && manifest_find(&now, "settings/alt.ini") &&
          !manifest_find(&now, "settings/old.ini") && !manifest_find(&now, "settings/my.ini"));
    manifest_free(&now);
    size_t S = 2, W = (size_t)fx->res.weeks, R = fx->res.reps, M = M_COUNT;
    char *s;
    s = slurp("weekly.csv");
    CHECK(s && !strncmp(s, "scenario,week_start,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95\n"
                           "base,2012-04-02,contacts,", 88));
    CHECK(count_lines(s) == 1 + S * W * M);
    CHECK(strstr(s, "\nalt,2012-04-09,caseload_per_sw,") != NULL);
    free(s);
    s = slurp("summary.csv");
    CHECK(count_lines(s) == 1 + S * M);
    free(s);
    s = slurp("replications.csv");
    CHECK(count_lines(s) == 1 + S * R * M);
    CHECK(strstr(s, "\nalt,5,cost_placements,") != NULL);
    free(s);
    s = slurp("differences.csv");
    CHECK(count_lines(s) == 1 + (S - 1) * M);
    CHECK(strstr(s, "\nalt,contacts,0.01,0.01,0.01,1\n") != NULL); /* fte 31 vs 30: +0.01 */
    free(s);
    s = slurp("events.csv");
    CHECK(s && !strcmp(s, "scenario,event,type,date,label\n"
                          "alt,\"cut, one\",budget_cut,2012-06-01,Budget cut 27% (early help staff)\n"));
    free(s);
    /* the measures dictionary: one row a metric, with its bases and how it is judged */
    s = slurp("measures.csv");
    CHECK(count_lines(s) == 1 + M);
    CHECK(s && !strncmp(s, "metric,label,unit,kind,weekly_basis,summary_basis,direction,"
                           "smallest_abs,smallest_rel,smallest,definition\n", 99));
    CHECK(s && strstr(s, "\ncaseload_per_sw,Caseload per qualified social worker,cases per FTE,"
                         "stock,average over the week,average over the measured period,lower,0.5,"
                         "0,0.5,"));
    CHECK(s && strstr(s, "\nreferrals,Referrals to children's social care,referrals,flow,count "
                         "in the week,a year (average over the measured period),neither,1,0.02,"));
    free(s);
    s = slurp("assumptions.csv");
    CHECK(s && !strncmp(s, "key,value,unit,source,meaning\n", 30));
    /* the social workers' FTE cites the row it was fitted to (a source for that pool only) */
    CHECK(s && strstr(s, "\nstaff.social_worker.fte,30,FTE,\"published: \"\"caseload\"\" "
                         "(2018/2019/2020/2022/2023), data/published-figures.csv\",Funded "
                         "establishment\n"));
    CHECK(s && strstr(s, "\nstaff.social_worker.fte,31,FTE,")); /* another value: listed again */
    CHECK(s && !strstr(s, "report.") && !strstr(s, "scenario.name"));
    free(s);
    s = slurp("assessment_days.csv");
    CHECK(count_lines(s) == 1 + S * MODEL_WD_HIST);
    CHECK(strstr(s, "\nbase,120,") != NULL);
    free(s);
    s = slurp("run.ini");
    CHECK(s && strstr(s, "[run]\nversion = " CASELOAD_VERSION "\n") &&
          strstr(s, "\nseed = 7\nreplications = 5\nmeasured_start = 2012-04-02\nweeks = 52\n"
                    "baseline = base\n") &&
          strstr(s, "[scenario \"alt\"]\nname = More workers\nlabel = \nfile = scenarios/alt.ini\n"
                    "baseline = no\n"));
    free(s);
    s = slurp("summary.json");
    CHECK(s && strstr(s, "\"name\": \"Base, with a comma \\\"quoted\\\"\""));
    CHECK(s && strstr(s, "\"vs_baseline\": {\n        \"contacts\": {\"mean_diff\": 0.01, "));
    CHECK(s && strstr(s, "\"contacts\": 510,")); /* 5 x 100 + 0+1+2+3+4 */
    free(s);
    s = slurp("settings/alt.ini");
    CHECK(s && !strcmp(s, "[scenario]\nname = More workers\n"));
    free(s);
    CHECK(slurp("settings/old.ini") == NULL);
    CHECK(slurp("report.html") == NULL);
    CHECK(!temporaries_left());
}

/* A failure or a stop while writing leaves every earlier file as it was and no temporaries. */
static void test_all_or_nothing(fixture *bigger)
{
    char *before = slurp("summary.csv"), *before_w = slurp("weekly.csv");
    char err[256];
    volatile sig_atomic_t stop = 1;
    CHECK(write_out(bigger, &stop, err) == OUT_STOPPED);
    CHECK(!temporaries_left());

    pid_t pid = fork();
    if (pid == 0) {
        /* weekly.csv of the bigger run is over this limit: write() fails with EFBIG */
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = {200000, 200000};
        setrlimit(RLIMIT_FSIZE, &rl);
        int rc = write_out(bigger, NULL, err);
        fprintf(stderr, "expected error: %s\n", err);
        _exit(rc == OUT_ERR && strstr(err, "weekly.csv") && strstr(err, "too large") ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(!temporaries_left());
    char *after = slurp("summary.csv"), *after_w = slurp("weekly.csv");
    CHECK(before && after && !strcmp(before, after));
    CHECK(before_w && after_w && !strcmp(before_w, after_w));
    free(before);
    free(after);
    free(before_w);
    free(after_w);
}

/* Issue 15 item 11: a folder that holds a user's files and no manifest is refused unless
 * --force, and then only caseload's own files are written; nothing of the user's is removed. */
static void test_foreign(fixture *fx)
{
    char err[256], path[1200], keep[200];
    snprintf(keep, sizeof keep, "%.199s", dir);
    snprintf(dir, sizeof dir, "%.199s-foreign", keep);
    snprintf(path, sizeof path, "mkdir -p '%s/charts' '%s/settings' && echo logo > "
             "'%s/charts/board-logo.png' && echo mine > '%s/settings/my.ini'", dir, dir, dir, dir);
    CHECK(system(path) == 0);
    CHECK(out_prepare_dir(dir, 1, 0, err, sizeof err) == OUT_FOREIGN);
    CHECK(strstr(err, "board-logo.png") || strstr(err, "my.ini"));
    CHECK(strstr(err, "--force") != NULL);
    CHECK(out_prepare_dir(dir, 1, 1, err, sizeof err) == OUT_OK);
    out_run run = {.command = "caseload run base.ini", .seed = 7, .scenarios = fx->scn,
                   .res = &fx->res};
    CHECK(out_write(dir, &run, err, sizeof err) == OUT_OK);
    char *logo = slurp("charts/board-logo.png"), *mine = slurp("settings/my.ini");
    CHECK(logo && !strcmp(logo, "logo\n") && mine && !strcmp(mine, "mine\n"));
    free(logo);
    free(mine);
    /* now it has a manifest: no --force needed, the user's files still stay */
    CHECK(out_prepare_dir(dir, 1, 0, err, sizeof err) == OUT_OK);
    CHECK(out_write(dir, &run, err, sizeof err) == OUT_OK);
    logo = slurp("charts/board-logo.png");
    CHECK(logo != NULL);
    free(logo);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    CHECK(system(path) == 0);
    snprintf(dir, sizeof dir, "%s", keep);
}

static void test_unwritable(void)
{
    char err[256];
    if (geteuid() == 0)
        return; /* root writes anywhere */
    CHECK(out_prepare_dir("/proc/caseload-no/out", 0, 0, err, sizeof err) == -1);
    CHECK(strstr(err, "/proc/caseload-no") != NULL);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/test_output.XXXXXX", CASELOAD_BINARY_DIR);
    if (!mkdtemp(dir))
        return 1;
    fixture *fx = malloc(sizeof *fx), *big = malloc(sizeof *big);
    fixture_make(fx, 5, 1);
    fixture_make(big, 3, 3);
    test_files(fx);
    test_all_or_nothing(big);
    test_foreign(fx);
    test_unwritable();
    runner_results_free(&fx->res);
    runner_results_free(&big->res);
    free(fx);
    free(big);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return check_done("test_output");
}
