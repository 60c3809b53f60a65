/* run_estimate: what `run` or `compare` will take, from the resolved settings, before it starts
 * (sim/cli/cmd_run.c refuses what exceeds its limits; docs/runner.md gives the measurements). */
#ifndef CASELOAD_RUN_ESTIMATE_H
#define CASELOAD_RUN_ESTIMATE_H

#include <stddef.h>

#include "model.h"

/* What a run will take, estimated from its settings before it starts, so a request that would
 * exhaust the machine is refused with a number instead of being killed by the kernel. Memory is
 * the workspaces of the threads in use (each grows with the contacts it simulates: the peak
 * demand of scn_peak_demand x the simulated years) plus the aggregates; time is the replications'
 * work over the threads. Both rates are the highest measured (docs/runner.md), so memory is
 * overestimated; the time is that of an unloaded machine like the development one (a shared or
 * slower machine takes longer). */
typedef struct run_estimate {
    double bytes;           /* peak memory of the whole process */
    double workspace_bytes; /* of one thread's workspace (the largest scenario) */
    double aggregate_bytes; /* aggregates and results in flight */
    double seconds;         /* wall time of the replications */
    double peak_demand;     /* contacts a week, the highest of the scenarios */
    double simulated_years; /* warm-up and measured period */
    unsigned threads;       /* threads in use: min(threads, reps) */
} run_estimate;

void run_estimate_make(const model_params *params, size_t n_scenarios, size_t reps,
                         unsigned threads, run_estimate *out);

#endif
