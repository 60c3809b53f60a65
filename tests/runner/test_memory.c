/* Memory stays bounded: weekly series are aggregated as replications finish, so going from 200 to
 * 1,000 replications of 10 years adds only the per-replication whole-period values (a few hundred
 * kilobytes), not replications x weeks x metrics (hundreds of megabytes). Uses the fake model, so
 * it measures the runner's own footprint. Each run is in its own child process, so memory freed by
 * one run (or held in a sanitizer's quarantine) does not count for the other. */
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "fake_model.h"

/* The largest resident set of any child so far. */
static long children_maxrss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
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

static void run_in_child(size_t reps)
{
    pid_t pid = fork();
    if (pid == 0) {
        run_reps(reps);
        _exit(check_failed != 0);
    }
    int status;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
          WEXITSTATUS(status) == 0);
}

int main(void)
{
    run_in_child(200);
    long after200 = children_maxrss_kib();
    run_in_child(1000);
    long after1000 = children_maxrss_kib();
    fprintf(stderr, "max RSS: %ld KiB after 200 replications, %ld KiB after 1000 (2 scenarios x "
                    "520 weeks x %d metrics)\n", after200, after1000, M_COUNT);
    /* Keeping every weekly value would need 1000 x 2 x 520 x 38 x 8 bytes = 316 MB. */
    CHECK(after1000 - after200 < 16 * 1024);
    CHECK(after1000 < 256 * 1024);
    return check_done("test_memory");
}
