/* runner tests on a fake model: byte-identical aggregates for any number of threads, replication
 * order, common seeds across scenarios, error and stop handling. */
#include <string.h>

#include "check.h"
#include "fake_model.h"
#include "runner.h"
#include "same_results.h"

static int run(const model_params *p, size_t n, size_t reps, unsigned threads, runner_results *out,
               const volatile sig_atomic_t *stop, runner_progress_fn prog, void *ctx, char *err)
{
    runner_config cfg = {.params = p, .n_scenarios = n, .reps = reps, .seed = 42,
                         .threads = threads, .model = &fake_model, .stop = stop,
                         .progress = prog, .progress_ctx = ctx};
    return runner_run(&cfg, out, err, 256);
}


static void test_threads_identical(void)
{
    model_params p[2];
    fake_params(&p[0], "base", 30, 1);
    fake_params(&p[1], "alt", 31, 1);
    char err[256];
    runner_results r1, rn;
    CHECK(run(p, 2, 37, 1, &r1, NULL, NULL, NULL, err) == RUNNER_OK);
    CHECK(r1.weeks == 52 && r1.week0 == p[0].start && r1.reps == 37);
    /* replication r's values land in row r, whatever thread ran it */
    CHECK(r1.scn[0].values[5 * M_COUNT + 3] == 30 + 5 * fake_u(42, 5, 1000, 3) + 0.3);
    CHECK(r1.scn[1].acc.contacts == 37 * 100 + 37 * 36 / 2);
    CHECK(r1.scn[0].wd_hist[0] == 37 + 2);
    unsigned threads[] = {2, 3, 4, 8, 64};
    for (size_t i = 0; i < sizeof threads / sizeof threads[0]; i++) {
        CHECK(run(p, 2, 37, threads[i], &rn, NULL, NULL, NULL, err) == RUNNER_OK);
        CHECK(same_results(&r1, &rn));
        runner_results_free(&rn);
    }
    runner_results_free(&r1);
}

static void test_common_seed(void)
{
    /* Same seed and replication for every scenario: the fake's draws cancel in the difference. */
    model_params p[2];
    fake_params(&p[0], "base", 30, 0.5);
    fake_params(&p[1], "alt", 40, 0.5);
    char err[256];
    runner_results r;
    CHECK(run(p, 2, 9, 3, &r, NULL, NULL, NULL, err) == RUNNER_OK);
    for (size_t rep = 0; rep < 9; rep++)
        CHECK_NEAR(r.scn[1].values[rep * M_COUNT + 7] - r.scn[0].values[rep * M_COUNT + 7], 0.1,
                   1e-9);
    runner_results_free(&r);
}

static void test_model_error(void)
{
    model_params p[2];
    fake_params(&p[0], "base", 30, 1);
    fake_params(&p[1], "fail-at-4", 30, 1);
    char err[256] = "";
    runner_results r;
    CHECK(run(p, 2, 20, 4, &r, NULL, NULL, NULL, err) == RUNNER_ERR);
    CHECK(strstr(err, "replication 4, scenario 2: fake failure") != NULL);
    CHECK(r.scn == NULL);
    runner_results_free(&r); /* safe after failure */

    fake_params(&p[1], "alt", 30, 2); /* a different measured period */
    CHECK(run(p, 2, 3, 1, &r, NULL, NULL, NULL, err) == RUNNER_ERR);
    CHECK(strstr(err, "different measured period") != NULL);
    CHECK(run(p, 1, 0, 1, &r, NULL, NULL, NULL, err) == RUNNER_ERR);
    CHECK(run(p, 1, 1, 0, &r, NULL, NULL, NULL, err) == RUNNER_ERR);
    CHECK(run(p, 1, 1, RUNNER_MAX_THREADS + 1, &r, NULL, NULL, NULL, err) == RUNNER_ERR);
}

typedef struct stopper {
    volatile sig_atomic_t flag;
    size_t calls, last;
} stopper;

static void stop_after_3(void *ctx, size_t done, size_t total)
{
    stopper *s = ctx;
    (void)total;
    CHECK(done == s->last + 1); /* progress counts up one by one */
    s->last = done;
    if (++s->calls == 3)
        s->flag = 1; /* as a signal handler would */
}

static void test_stop(void)
{
    model_params p[1];
    fake_params(&p[0], "base", 30, 1);
    char err[256];
    runner_results r;
    stopper s = {0, 0, 0};
    CHECK(run(p, 1, 500, 4, &r, &s.flag, stop_after_3, &s, err) == RUNNER_STOPPED);
    CHECK(s.calls == 3);
    CHECK(r.scn == NULL);
}

int main(void)
{
    test_threads_identical();
    test_common_seed();
    test_model_error();
    test_stop();
    return check_done("test_runner");
}
