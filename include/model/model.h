/* model: one replication of children's social care in a local authority, on the event engine.
 *
 * model_run() simulates the warm-up and the measured period described by a model_params (see
 * docs/model.md and shared DESIGN.md) and fills a model_results. It never prints and keeps no state
 * between calls except the reusable memory in a model_workspace, so replications on different
 * threads (one workspace each) share nothing but the read-only parameters.
 *
 * Randomness: one stream per purpose (MODEL_RNG_*), seeded from (seed, replication, purpose), so
 * two scenarios run with the same seed and replication see the same families arrive at the same
 * times with the same need (common random numbers).
 */
#ifndef CASELOAD_MODEL_H
#define CASELOAD_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "calendar.h"
#include "metrics.h"
#include "params.h"

/* Working days to assessment are also kept as a histogram: bins 0..MODEL_WD_HIST-2 are single
 * working days, the last bin is "that many or more". */
#define MODEL_WD_HIST 121

/* Integer counts over the whole run, warm-up included. These identities hold exactly:
 *   contacts  = front_door_nfa + early_help_routed + referrals_from_front_door
 *               + awaiting_screening_at_end
 *   referrals = referrals_from_front_door + step_ups
 *   referrals + assessments_carried_in = assessments_completed + awaiting_allocation_at_end
 *               + assessments_in_progress_at_end
 *   early_help_routed = early_help_started + early_help_left_waiting + early_help_gave_up
 *               + early_help_waiting_at_end
 *   families_new = families_gone + families_at_end
 *   families_at_end = families_away_at_end + awaiting_screening_at_end
 *               + early_help_waiting_at_end + families_in_early_help_at_end + cases_open_at_end
 *   (each family is in exactly one place; a family in social care has exactly one open case) */
typedef struct model_accounting {
    uint64_t contacts;
    uint64_t front_door_nfa;
    uint64_t early_help_routed;
    uint64_t referrals_from_front_door;
    uint64_t awaiting_screening_at_end;
    uint64_t referrals;
    uint64_t step_ups;
    uint64_t assessments_completed;
    uint64_t awaiting_allocation_at_end;
    uint64_t assessments_in_progress_at_end;
    /* the same in children, and every child:
     *   children_arrived = children_left + children_present_at_end
     *   child_referrals  = child_assessments_completed + child_awaiting_allocation_at_end
     *                      + child_assessments_in_progress_at_end */
    uint64_t children_arrived;   /* children of new families and of the open cases carried in */
    uint64_t children_left;      /* children of families gone for good */
    uint64_t children_present_at_end;
    uint64_t child_referrals;
    uint64_t child_assessments_completed;
    uint64_t child_awaiting_allocation_at_end;
    uint64_t child_assessments_in_progress_at_end;
    uint64_t early_help_started;        /* episodes started */
    uint64_t early_help_left_waiting;   /* need rose to level 2 on the list: stepped up or away */
    uint64_t early_help_gave_up;        /* waited too long and went away unmet */
    uint64_t early_help_waiting_at_end;
    uint64_t families_new;              /* families that appeared (new, shock, carried in) */
    uint64_t families_gone;             /* families that left for good */
    uint64_t families_at_end;           /* families still known at the end, in any state */
    uint64_t families_away_at_end;      /* away, a return booked */
    uint64_t families_in_early_help_at_end; /* in an episode */
    uint64_t families_in_care_at_end;   /* referred: in social care */
    uint64_t cases_open_at_end;         /* social care cases open (assessment, s47 or plan) */
    /* assessments open at a snapshot's start (referred before it): with them
     *   referrals + assessments_carried_in = assessments_completed + awaiting_allocation_at_end
     *               + assessments_in_progress_at_end (and the same in children) */
    uint64_t assessments_carried_in, child_assessments_carried_in;
} model_accounting;

typedef struct model_results {
    int weeks;                       /* measured weeks (week w starts on week0 + 7w) */
    cal_date week0;                  /* first day of the measured period */
    double total[M_COUNT];           /* whole-period values (see metrics.h for each kind) */
    double *weekly;                  /* weeks * M_COUNT values: weekly[w * M_COUNT + m] (owned) */
    uint64_t wd_hist[MODEL_WD_HIST]; /* measured-period assessments by working days taken */
    model_accounting acc;
    uint64_t events;                 /* engine events delivered (for benchmarks) */
} model_results;

/* Weeks in the measured period of p (what model_results_init allocates). */
int model_weeks(const model_params *p);

/* Allocate the weekly series for p. Returns 0, or -1 when out of memory. */
int model_results_init(model_results *r, const model_params *p);
void model_results_free(model_results *r);

/* Reusable per-thread memory (pools of families, cases, workers, the engine). */
typedef struct model_workspace model_workspace;
model_workspace *model_workspace_create(void);
void model_workspace_destroy(model_workspace *ws);

/* Run replication `rep` of p with master seed `seed` into *out (initialised by
 * model_results_init for the same p). Returns 0, or -1 with a message in err (out of memory, or a
 * pool limit reached). */
int model_run(model_workspace *ws, const model_params *p, uint64_t seed, uint64_t rep,
              model_results *out, char *err, size_t errlen);

/* model_run, then the state at its end as a snapshot (include/model/snapshot.h) a run can start
 * from: every open case, every family the service knows (those whose return falls after the end
 * are kept for it, which changes none of the run's results), every worker in post, dated the day
 * after the measured period. *snap is the caller's (model_snapshot_free). Returns 0, or -1 with a
 * message. */
struct model_snapshot;
int model_run_snapshot(model_workspace *ws, const model_params *p, uint64_t seed, uint64_t rep,
                       model_results *out, struct model_snapshot *snap, char *err, size_t errlen);

#endif
