/* Memory stays bounded: weekly series are aggregated as replications finish, so going from 200 to
 * 1,000 replications of 10 years adds only the per-replication whole-period values (a few hundred
 * kilobytes), not replications x weeks x metrics (hundreds of megabytes). Uses the fake model, so
 * it measures the runner's own footprint. */
#include <sys/resource.h>

#include "check.h"
#include "fake_model.h"

static long maxrss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void run_reps(size_t reps)
{
    model_params p[2];
    fake_params(&p[0], "base", 30, 10);
    fake_params(&p[1], "alt", 31, 10);
    runner_config cfg = {.params = p, .n_scenarios = 2, .reps = reps, .seed = 3, .threads = 2,
                         .model = &fake_model};
    runner_results r;
    char err[256];
    CHECK(runner_run(&cfg, &r, err, sizeof err) == RUNNER_OK);
    CHECK(r.weeks == 520);
    runner_results_free(&r);
}

int main(void)
{
    run_reps(200);
    long after200 = maxrss_kib();
    run_reps(1000);
    long after1000 = maxrss_kib();
    fprintf(stderr, "max RSS: %ld KiB after 200 replications, %ld KiB after 1000 (2 scenarios x "
                    "520 weeks x %d metrics)\n", after200, after1000, M_COUNT);
    /* Keeping every weekly value would need 1000 x 2 x 520 x 38 x 8 bytes = 316 MB. */
    CHECK(after1000 - after200 < 16 * 1024);
    CHECK(after1000 < 256 * 1024);
    return check_failures();
}
