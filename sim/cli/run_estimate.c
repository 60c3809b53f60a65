/* run_estimate: a run's peak memory and time from its settings, before it starts. See
 * run_estimate.h for the contract and docs/runner.md for the measurements behind the rates. */
#include "run_estimate.h"

#include "calendar.h"
#include "runner.h"
#include "scenario.h"
#include "stats.h"

/* Measured on the development machine (Release build, /usr/bin/time, one replication on one
 * thread of scenarios/baseline.ini at 237, 2,370 and 9,480 contacts a week over 6 simulated
 * years, the model of 1 December 2026): a workspace holds 8.7 to 8.9 KB per (contact a week x
 * simulated year) above about 12 MB; a replication takes 0.13, 0.31 and 0.72 s of CPU, which
 * 5 ms + 15 ms a simulated year (the population, staff and caseloads) + 15 us per (contact a week
 * x simulated year) covers. The rates are rounded up, so the estimate errs on the side of more. */
#define WS_FIXED_BYTES (16.0 * 1024 * 1024)
#define WS_BYTES_PER_CONTACT_YEAR (11.0 * 1024)
#define PROCESS_FIXED_BYTES (48.0 * 1024 * 1024)
#define SECONDS_FIXED 0.005
#define SECONDS_PER_YEAR 0.015
#define SECONDS_PER_CONTACT_YEAR 15e-6

/* Years the model simulates: the warm-up (in working days) and the measured period. */
static double simulated_years(const model_params *p)
{
    return p->warmup / CAL_WEEKDAYS_YEAR + p->years;
}

void run_estimate_make(const model_params *params, size_t n_scenarios, size_t reps,
                         unsigned threads, run_estimate *out)
{
    unsigned used = (size_t)threads > reps ? (unsigned)reps : threads;
    double ws = 0, per_rep = 0, agg = 0;
    out->peak_demand = 0;
    for (size_t k = 0; k < n_scenarios; k++) {
        const model_params *p = &params[k];
        double demand = scn_peak_demand(p), years = simulated_years(p);
        double weeks = p->years * CAL_DAYS_YEAR / 7.0 + 2;
        double bytes = WS_FIXED_BYTES + WS_BYTES_PER_CONTACT_YEAR * demand * years;
        ws = bytes > ws ? bytes : ws; /* a thread runs one scenario at a time */
        per_rep += SECONDS_FIXED + SECONDS_PER_YEAR * years +
                   SECONDS_PER_CONTACT_YEAR * demand * years;
        /* streaming weekly aggregates, every replication's values, and the ring's results */
        size_t kept = runner_weekly_kept((int)weeks, reps, n_scenarios);
        agg += (double)stats_weekly_bytes((size_t)weeks * M_COUNT, kept) +
               (double)reps * M_COUNT * sizeof(double) +
               2.0 * used * weeks * M_COUNT * sizeof(double);
        if (demand > out->peak_demand)
            out->peak_demand = demand;
        out->simulated_years = years;
    }
    out->threads = used;
    out->workspace_bytes = ws;
    out->aggregate_bytes = agg;
    out->bytes = PROCESS_FIXED_BYTES + used * ws + agg;
    out->seconds = (double)reps * per_rep / used;
}
