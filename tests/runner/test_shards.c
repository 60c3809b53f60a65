/* shards on a fake model (issue 18): the replications of a run cut into 1 to 4 shards
 * (runner_config.first_rep, the replication hook) and folded back with runner_results_fold give
 * the aggregates of the single run bit for bit, with the weekly values kept (exact percentiles)
 * and beyond the runner's budget (streaming P^2 estimators, which depend on the order); and the
 * same through the shard files (out_shard_begin/add/end, out_shard_read/replay). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fake_model.h"
#include "output.h"
#include "runner.h"
#include "same_results.h"

#define SEED 42


static void two_scenarios(model_params p[2], double years)
{
    fake_params(&p[0], "base", 40, years);
    fake_params(&p[1], "alt", 45, years);
}

/* Weekly values kept within this budget (0: the runner's own); 1 MiB reaches the streaming
 * estimators with a few replications of a few years. */
static size_t budget;

static int run(const model_params *p, size_t first, size_t count, runner_replication_fn each,
               void *ctx, runner_results *out)
{
    char err[256];
    runner_config cfg = {.params = p, .n_scenarios = 2, .reps = count, .first_rep = first,
                         .exact_bytes = budget, .seed = SEED, .threads = 2, .model = &fake_model,
                         .replication = each, .replication_ctx = ctx};
    int rc = runner_run(&cfg, out, err, sizeof err);
    if (rc != RUNNER_OK)
        fprintf(stderr, "runner: %s\n", err);
    return rc;
}

/* The merge's side, in memory: each shard's replications folded as they come. */
typedef struct fold_ctx {
    runner_results *into;
    size_t next; /* the replication expected next: the hook must hand them over in order */
    int out_of_order;
} fold_ctx;

static void fold_hook(void *ctx, size_t rep, const model_results *res)
{
    fold_ctx *c = ctx;
    c->out_of_order |= rep != c->next++;
    runner_results_fold(c->into, rep, res);
}

static void shards_in_memory(double years, size_t reps, int streaming)
{
    model_params p[2];
    two_scenarios(p, years);
    runner_results single, part, merged;
    CHECK(run(p, 0, reps, NULL, NULL, &single) == RUNNER_OK);
    double bytes = (double)single.weeks * M_COUNT * (double)reps * 2 * sizeof(double);
    CHECK_MSG(streaming == (bytes > (double)(budget ? budget : RUNNER_EXACT_BYTES)),
              "%.0f bytes of weekly values: %s expected", bytes, streaming ? "streaming" : "kept");
    for (size_t n = 1; n <= 4; n++) {
        char err[256];
        CHECK(runner_results_init(&merged, 2, reps, single.weeks, single.week0, budget, err,
                                  sizeof err) == RUNNER_OK);
        fold_ctx c = {.into = &merged};
        for (size_t k = 0; k < n; k++) {
            size_t first, count;
            runner_shard_range(reps, k, n, &first, &count);
            CHECK(run(p, first, count, fold_hook, &c, &part) == RUNNER_OK);
            runner_results_free(&part);
        }
        CHECK_MSG(!c.out_of_order && c.next == reps, "%zu replications handed over in order",
                  c.next);
        CHECK_MSG(same_results(&single, &merged), "%zu shards of %zu replications x %d weeks "
                  "(%s weekly values) differ from the single run", n, reps, single.weeks,
                  streaming ? "streaming" : "exact");
        runner_results_free(&merged);
    }
    runner_results_free(&single);
}

static void ranges_cover(void)
{
    for (size_t reps = 1; reps <= 40; reps++)
        for (size_t n = 1; n <= reps; n++) {
            size_t next = 0, lo = reps, hi = 0;
            for (size_t k = 0; k < n; k++) {
                size_t first, count;
                runner_shard_range(reps, k, n, &first, &count);
                CHECK(first == next && count >= 1);
                next = first + count;
                lo = count < lo ? count : lo;
                hi = count > hi ? count : hi;
            }
            CHECK_MSG(next == reps && hi - lo <= 1, "%zu replications in %zu shards", reps, n);
        }
}

/* Through the files: each shard written by out_shard_*, read back and replayed in order. */
static void shards_on_disk(void)
{
    model_params p[2];
    two_scenarios(p, 1.0);
    const size_t reps = 9, n = 3;
    runner_results single, part, merged;
    CHECK(run(p, 0, reps, NULL, NULL, &single) == RUNNER_OK);
    char tmpl[] = "/tmp/caseload-test-shards.XXXXXX", dirs[3][64], err[512];
    CHECK(mkdtemp(tmpl) != NULL);
    const char *files[2] = {"a.ini", "b.ini"};
    for (size_t k = 0; k < n; k++) {
        out_shard info = {.kind = OUT_SHARD_COMPARE, .files = {files[0], files[1]}, .nfiles = 2,
                          .seed = SEED, .reps = reps, .k = k, .n = n,
                          .digest = "0123456789abcdef0123456789abcdef"
                                    "0123456789abcdef0123456789abcdef"};
        runner_shard_range(reps, k, n, &info.first, &info.count);
        snprintf(dirs[k], sizeof dirs[k], "%s/%zu", tmpl, k);
        out_shard_writer w;
        CHECK(out_shard_begin(&w, dirs[k], &info, 2, 0, err, sizeof err) == OUT_OK);
        CHECK(run(p, info.first, info.count, out_shard_add, &w, &part) == RUNNER_OK);
        CHECK_MSG(out_shard_end(&w, err, sizeof err) == OUT_OK, "%s", err);
        runner_results_free(&part);
    }
    CHECK(runner_results_init(&merged, 2, reps, single.weeks, single.week0, 0, err, sizeof err) ==
          RUNNER_OK);
    for (size_t k = 0; k < n; k++) {
        out_shard s;
        CHECK_MSG(out_shard_read(&s, dirs[k], err, sizeof err) == OUT_OK, "%s", err);
        CHECK(s.k == k && s.n == n && s.weeks == single.weeks && s.week0 == single.week0);
        CHECK_MSG(out_shard_replay(dirs[k], &s, &merged, err, sizeof err) == OUT_OK, "%s", err);
        out_shard_free(&s);
    }
    CHECK_MSG(same_results(&single, &merged), "3 shards read from disk differ from the run");
    runner_results_free(&merged);
    runner_results_free(&single);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpl);
    CHECK(system(cmd) == 0);
}

int main(void)
{
    ranges_cover();
    shards_in_memory(1.0, 12, 0);
    /* 2 years x 30 replications x 2 scenarios of weekly values beyond a 1 MiB budget: the
     * streaming estimators, whose estimates depend on the order they are fed */
    budget = 1 << 20;
    shards_in_memory(2.0, 30, 1);
    budget = 0;
    shards_on_disk();
    return check_done("test_shards");
}
