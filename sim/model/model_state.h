/* model_state: the state of one replication, shared by the sim/model/ files (not public).
 *
 * Entities live in pools (arrays that grow by doubling and recycle slots through a free list) and
 * refer to each other by uint32 index, MODEL_NONE meaning "none"; a pool's array may move when it
 * grows, so code re-fetches pointers after any call that can allocate. Once a pool has reached the
 * run's peak (kept in the workspace between replications), nothing is allocated in the event loop.
 *
 * Time is working days since the start of the warm-up. Day d is [d, d+1).
 *
 * Events: one calendar, the engine's (include/engine/engine.h, which states the same-time rules).
 * Most events never pass through its heap: the day's new families are a batch (drawn sorted at
 * the start of the day), events on a later day are deferred (released when their day starts),
 * and screening completions are the FIFO (screening takes the same time for everyone of a role).
 * The heap keeps only what may move or be cancelled (model_clock.h), which keeps it small.
 *
 * Randomness has two kinds, both keyed by purpose (model_rng_purpose):
 *   - streams (rng.h) for draws that belong to the authority as a whole: arrivals, need, staff;
 *   - keyed draws (model_key_*) for draws that belong to one family: its k-th screening noise, the
 *     effort of its k-th assessment, ... Each is a fixed hash of (family seed, purpose, k), so the
 *     same family meets the same luck in every scenario whatever the staffing does to the order of
 *     events. The family seed comes from the need stream when the family first arrives.
 */
#ifndef CASELOAD_MODEL_STATE_H
#define CASELOAD_MODEL_STATE_H

#include <stddef.h>
#include <stdint.h>
#include "calendar.h"
#include "engine.h"
#include "model.h"
#include "params.h"
#include "rng.h"

#define MODEL_NONE UINT32_MAX
#define MODEL_WINDOW_12M CAL_WORKDAYS_YEAR /* "within 12 months" on the working-day clock */
#define MODEL_LOAD_BUCKETS 201 /* caseload buckets for allocation (caseload_max is at most 200) */

typedef enum model_rng_purpose {
    MODEL_RNG_ARRIVALS,    /* stream: daily counts, times within the day, demand thinning */
    MODEL_RNG_NEED,        /* stream: need and key of each new family */
    MODEL_RNG_SHOCK,       /* stream: extra families of a demand shock (and their need) */
    MODEL_RNG_SCREENING,   /* keyed: screener's perception noise per contact */
    MODEL_RNG_REVIEW,      /* keyed: whether a decision is reviewed and corrected */
    MODEL_RNG_EARLY_HELP,  /* keyed: episode length, step-up */
    MODEL_RNG_EFFORT,      /* keyed: assessment effort per referral */
    MODEL_RNG_OUTCOMES,    /* keyed: assessor's noise per referral */
    MODEL_RNG_DURATIONS,   /* keyed: plan lengths, conference delay */
    MODEL_RNG_REPEATS,     /* keyed: whether and when an unmet or closed family comes back */
    MODEL_RNG_TURNOVER,    /* stream: each worker's time to leaving */
    MODEL_RNG_RECRUITMENT, /* stream: recruitment and agency lags, who is newly qualified */
    MODEL_RNG_ALLOCATION,  /* stream: which worker with room takes a case */
    MODEL_RNG_STAFF_INIT,  /* stream: staff at the start (ASYE progress) */
    MODEL_RNG_HANDOFF,     /* stream: which cases a restructure hands over, and to whom */
    MODEL_RNG_INITIAL,     /* stream: the open cases carried in at the start */
    MODEL_RNG_PRESENTATION,/* keyed: a reviewing manager's noise (presentation: the need stream) */
    MODEL_RNG_COUNT
} model_rng_purpose;

/* Event kinds (eng_event.kind). Same-time order is the engine's: first scheduled, first run. */
enum model_ev {
    MEV_ARRIVAL_DAY = 1, /* start of a working day: draw its new families */
    MEV_ARRIVAL,         /* a = index into today's arrival buffer */
    MEV_RECONTACT,       /* a = family: a repeat contact or a closed case coming back */
    MEV_SCREENED,        /* a = screener: the contact in service is decided (the FIFO) */
    MEV_EH_ESCALATE,     /* a = family on the early help waiting list reaches level 2 */
    MEV_EH_END,          /* a = family: early help episode ends */
    MEV_ASSESSED,        /* a = case, b = hold_stamp: held assessment complete (minimum time over) */
    MEV_HOLD_END,        /* a = case, b = hold_stamp: handoff delay over, the new worker starts */
    MEV_CONFERENCE,      /* a = case: initial child protection conference */
    MEV_PLAN_END,        /* a = case: plan ends, case closes */
    MEV_LEAVE,           /* a = worker leaves, b = its leave_stamp then (stale if it moved) */
    MEV_HIRE,            /* a = role: a recruitment completes */
    MEV_AGENCY,          /* a = role: an agency worker starts */
    MEV_ASYE,            /* a = worker completes the assessed first year */
    MEV_LEVER,           /* a = scenario event index, b = phase (model_events.c) */
    MEV_PS_DONE,         /* a = social worker: the first of its shared assessments is done */
    MEV_ALLOC_CHECK,     /* the oldest unallocated case has waited as long as the team tolerates */
    MEV_ALLOC_MEETING,   /* an allocation meeting (when allocation runs at set times) */
    MEV_FOCUS,           /* a = case, b = focus_stamp: its deadline is near, it gets more time */
    MEV_EH_GIVE_UP,      /* a = family on the early help waiting list gives up waiting */
    MEV_END,
};

typedef enum model_fam_state {
    FAM_FREE,      /* slot unused */
    FAM_AWAY,      /* outside the services, a recontact scheduled */
    FAM_SCREENING, /* contact waiting at or being screened by the front door */
    FAM_EH_WAIT,   /* on the early help waiting list */
    FAM_EH,        /* in an early help episode */
    FAM_CARE,      /* referred: a case in social care */
} model_fam_state;

typedef struct model_family {
    double need;          /* true latent need now */
    uint64_t key;         /* seed of the family's keyed draws */
    double contact_t;     /* when the current contact is handled from */
    double since;         /* start of the current away spell, early help wait or episode */
    double hn_since;      /* start of an open unmet high-need spell, or -1 */
    double last_referral; /* time of the latest referral (-1e9: none) */
    double last_assess;   /* time the latest assessment started (-1e9: none) */
    double rc_start[3], rc_end[3]; /* booked spells in the 3+ / 5+ / 3+ at CP level sets */
    double presentation;  /* how much better it looks than it is (need score), drawn once */
    float recent[5];      /* latest contact times, newest first (-1e9: none) */
    uint32_t contacts;    /* contacts so far: key of per-contact draws */
    uint32_t referrals;   /* referrals so far: key of per-referral draws */
    uint32_t caseid;      /* its open case, or MODEL_NONE */
    uint32_t qprev, qnext; /* early help waiting list links */
    eng_handle ev;        /* pending escalation on the waiting list */
    uint8_t state;        /* model_fam_state */
    uint8_t unmet;        /* away with its need unmet: the need rises until it comes back */
    uint8_t kids;         /* children in the family (drawn once): every count is in children */
    uint8_t babyt;        /* has shown the Baby T signal (counted once) */
} model_family;

typedef enum model_case_state {
    CASE_FREE,
    CASE_ASSESS,     /* referred, assessment not finished (allocated or not) */
    CASE_S47,        /* section 47 enquiry under way (it ends in a conference, or not) */
    CASE_CIN,
    CASE_CP,
    CASE_LAC,
} model_case_state;

typedef struct model_case {
    double referred;   /* referral time */
    double effort;     /* hours the assessment needs in all */
    double remaining;  /* hours left, while not in a worker's sharing set */
    double vfinish;    /* in a sharing set: worker's vtime at which it is done */
    eng_handle ev;     /* the conference while one is pending */
    uint32_t hold_stamp; /* stamp of the pending end of its hold (day wheel; stale once released) */
    uint32_t family;
    uint32_t worker;   /* MODEL_NONE: unallocated */
    uint32_t w_prev, w_next;   /* worker's list of all its cases */
    uint32_t ps_prev, ps_next; /* worker's sharing set, in order of vfinish (soonest first) */
    uint32_t qstamp;   /* matches the allocation queue entry that is live */
    double due;        /* while queued: from when it may be allocated above the benchmark */
    double psw;        /* in a sharing set: its weight (more once its deadline is near) */
    uint32_t focus_stamp; /* stamp of its pending MEV_FOCUS (day wheel; stale once it leaves) */
    double since;      /* when its enquiry or current plan began (a snapshot records it) */
    uint8_t state;     /* model_case_state */
    uint8_t in_ps;     /* in the worker's sharing set */
    uint8_t held;      /* allocated but waiting: a handoff delay, or done before its minimum time */
    uint8_t had_worker;/* a previous worker held it (the next allocation is a handoff) */
    uint8_t allocated; /* first allocation recorded */
    uint8_t queued;    /* waiting in the allocation queue */
} model_case;

/* Processor sharing of one worker's spare hours among its assessments in progress. vtime is the
 * work (hours) each assessment in the set has received since an arbitrary origin, so an assessment
 * that joins at vtime v with h hours to do finishes when vtime reaches v + h; a change of rate
 * moves every finish time but no per-assessment state. All share one rate, so they finish in
 * order of vfinish: the set is kept in that order and only its first member has an event (the
 * worker's ps_ev), which makes a change of load one reschedule, not one per assessment. */
typedef struct model_ps {
    double vtime;      /* hours received by each assessment in the set, since the origin */
    double last;       /* clock time vtime is up to date at */
    double rate;       /* hours per working day an assessment of weight 1 now receives */
    double hours;      /* productive hours a week (after any restructure multiplier) */
    double plan_hours; /* hours a week the worker's plan cases take */
    double wsum;       /* sum of the set's weights (work to the deadline: weighted sharing) */
    int n;             /* assessments in the set */
} model_ps;

typedef struct model_worker {
    model_ps ps;
    double leave_left;  /* unit-exponential leaving budget left at leave_since */
    double leave_since;
    double overload;    /* overload hours a week now counted in the total */
    uint32_t leave_stamp; /* stamp of its pending leaving date (0: none); older ones are stale */
    eng_handle asye_ev;
    eng_handle ps_ev;   /* social workers: completion of the first assessment in the set */
    uint32_t role;
    uint32_t cases;     /* cases held (social workers) */
    uint32_t case_head, ps_head;
    uint32_t room_pos;  /* index in the room set, or MODEL_NONE */
    uint32_t busy_family; /* screeners: the family being screened, or MODEL_NONE */
    uint32_t l_prev, l_next; /* pool list (employed or agency) */
    uint8_t agency, nqsw, alive, over20, over25;
    /* allocation above the benchmark: the worker's place in the list of its caseload's bucket */
    uint8_t over30;
    uint32_t lb_bucket, lb_prev, lb_next; /* lb_bucket MODEL_NONE: in no bucket */
    /* Team structure (model_units.c): a unit's cases are held by a slot that is no person (holder
     * 1, in no staff pool, its caseload the unit's); its members hold none. */
    uint32_t unit;      /* the unit of a member or of a holder, or MODEL_NONE (pools) */
    uint8_t holder;     /* 1: the slot holding a unit's cases */
    double fte;         /* share of full time (1 but for part-timers a snapshot brings in) */
    double joined;      /* took up post (a newly qualified worker: began the assessed year) */
} model_worker;

/* A Reclaiming Social Work unit. Invariant: holder's cases are the unit's; n counts the members
 * in post whose `unit` is this one; a unit with no qualified member (n[ROLE_SOCIAL_WORKER] 0)
 * holds no case. */
typedef struct model_unit {
    uint32_t holder;          /* worker slot holding the unit's cases */
    uint16_t n[ROLE_COUNT];   /* members in post by role (ROLE_SOCIAL_WORKER: the qualified) */
    uint16_t experienced;     /* qualified members neither newly qualified nor agency */
    double s47_hours;         /* plan hours of its section 47 enquiries (qualified work only) */
    double noisy_until;       /* competence not checked: its assessors noisier until then */
    double unchecked;         /* that multiplier on their noise */
} model_unit;

/* A growable array of indices (free lists, the room set, free screeners). */
typedef struct model_vec_u32 { uint32_t *a; size_t n, cap; } model_vec_u32;

/* A FIFO ring of indices (with a stamp per entry for lazy deletion in the allocation queue). */
typedef struct model_ring {
    uint32_t *idx, *stamp;
    size_t head, len, cap;
} model_ring;

/* One staff pool (a role): establishment, people, recruitment pipeline, agency. */
typedef struct model_staff {
    double establishment; /* funded posts (FTE; one worker is one FTE) */
    int employed, agency;  /* workers in post */
    int pipeline;          /* recruitments under way */
    int agency_pending;    /* agency starts under way */
    int frozen;            /* recruitment freeze in force */
    double agency_cap;     /* most agency as a share of establishment (<0: none) */
    double turnover_mult;  /* restructure multiplier on the hazard */
    double booked_estab, booked_vacant; /* social workers: values now in the stocks */
    uint32_t emp_head, ag_head; /* lists, most recent first */
} model_staff;

/* Stocks integrated on change: daily areas built from a difference array. */
typedef enum model_stock {
    ST_EH_WAIT, ST_EH_CASES, ST_EH_FTE, ST_UNALLOC, ST_CIN, ST_CP, ST_LAC,
    ST_SW_CASES, ST_SW_HEADS, ST_SW_OVER20, ST_SW_OVER25, ST_SW_OVER30, ST_F3, ST_F5,
    ST_SW_EMPLOYED, ST_SW_ESTAB, ST_SW_VACANT, ST_SW_AGENCY, ST_OVERLOAD, ST_UNMET_HIGH,
    ST_COST_STAFF, ST_COST_AGENCY,
    ST_F3_CP,        /* families at CP level with 3+ contacts in 12 months, no assessment */
    ST_SUPERVISION,  /* supervision hours a month each worker gets */
    ST_COST_RUNNING, /* running costs, pounds a year */
    ST_CUT_SAVING,   /* saving of the budget cuts in force, pounds a year */
    ST_CUT_CAP_LOST, /* share of early help capacity the cuts in force removed (as landed) */
    ST_EH_CAPACITY,  /* early help places x days open / 5 */
    ST_COUNT
} model_stock;

/* Flows counted in the measured period, by week. */
typedef enum model_flow {
    FL_CONTACTS, FL_REFERRALS, FL_REREFERRALS, FL_DECISIONS, FL_DECISIONS_1WD, FL_EH_STARTS,
    FL_STEP_UPS, FL_ALLOCATED, FL_ALLOC_WAIT, FL_ASSESSED, FL_NFA, FL_WITHIN45, FL_WD_SUM,
    FL_CIN, FL_CP, FL_LAC, FL_SW_LEAVERS, FL_S47, FL_ICPC,
    FL_REVIEWED, FL_REVIEW_CHANGED, FL_BABYT, FL_EH_GAVE_UP, FL_WITHIN10, FL_WITHIN35,
    FL_HANDOFFS,     /* children whose case went to another worker or unit */
    FL_CP_MISJUDGED, /* children at child protection level assessed (or conferenced) below it */
    FL_COUNT
} model_flow;

typedef struct model_stats {
    int ndays, capdays;   /* working days in the run (warm-up + measured), and room for them */
    int capweeks;
    double *part, *diff;  /* ST_COUNT rows of capdays + 2: area of day d = part[d] + sum diff[..d] */
    double *area;         /* scratch, capdays */
    int32_t *week_of_day; /* -1 outside the measured period */
    int32_t *week_day;    /* weeks + 1: first clock day of each week */
    double *flows;        /* weeks rows of FL_COUNT */
    uint16_t *dur;        /* working days to assessment, measured, in completion order */
    size_t ndur, capdur;
    uint32_t *hist;       /* scratch for quantiles, 65536 bins */
} model_stats;

/* A lognormal's shape, from its coefficient of variation: sigma = sqrt(log(1 + cv^2)) and half its
 * square, worked out once a run for each cv parameter (model_rand.h). */
typedef struct model_lognormal_shape { double cv, sigma, half_var; } model_lognormal_shape;

typedef struct model_arrival_rec { double t, need, pres; uint64_t key; } model_arrival_rec;

/* The state of one replication. */
typedef struct model_state {
    const model_params *p;
    eng_engine *eng;      /* the event calendar: the heap, deferred events and streams */
    rng_streams *rng;
    const cal_workdays *cal;
    int32_t base;         /* calendar table index of clock day 0 */
    double t0, tend;      /* measured period [t0, tend) */
    int weeks;
    int failed;           /* out of memory: abandon the run */

    model_family *fams; uint32_t nfams; size_t capfams; model_vec_u32 fam_free;
    model_case *cases; uint32_t ncases; size_t capcases; model_vec_u32 case_free;
    model_worker *workers; uint32_t nworkers; size_t capworkers; model_vec_u32 worker_free;
    model_staff staff[ROLE_COUNT];

    model_arrival_rec *arr; size_t narr, caparr;
    double last_tail;     /* time the previous day's arrivals ended (for day generation) */

    /* front door */
    model_ring fd_queue;       /* families waiting to be screened */
    model_vec_u32 fd_free;     /* screeners with nothing in service */
    uint32_t fd_busy;          /* contacts in service */
    double fd_clearance;       /* contacts a working day the screeners in post clear */
    int history_use;
    double gate_shift;         /* gatekeeping under load: referral threshold rise today */

    /* management: one budget of manager time for review and supervision (model_management.c) */
    double mgmt_fte_lost;      /* manager FTE-equivalents cut by management landings */
    double oversight;          /* share of the review and supervision standard met today, 0..1 */
    double decisions_day;      /* front door decisions a working day, moving average */
    uint32_t decisions_today;  /* decisions so far today */
    double booked_supervision, booked_running, booked_eh_cap; /* values now in the stocks */
    uint64_t ref_hist[64];     /* families by referrals (63: 63 or more), as they leave or at the end */

    /* early help */
    uint32_t eh_head, eh_tail, eh_waiting; /* waiting list (linked through families) */
    uint32_t eh_open;          /* families in an episode */
    double days_open;

    /* social work */
    model_ring alloc_queue;
    uint32_t unallocated;      /* live entries in alloc_queue */
    uint32_t awaiting_first;   /* unallocated cases whose assessment is not done */
    model_vec_u32 room;        /* social workers under their cap */
    /* Workers who may be allocated above the benchmark (qualified, in post), listed by caseload
     * (bucket k holds those with k cases, the last bucket those with more), so the least loaded
     * is found in a few steps whatever the authority's size. */
    uint32_t load_head[MODEL_LOAD_BUCKETS];
    eng_handle alloc_ev;       /* pending MEV_ALLOC_CHECK */
    int alloc_meeting;         /* an allocation meeting is running (allocation at set times) */
    double cap, cap_nqsw;      /* caseload caps now */
    double productivity;       /* restructure multiplier on productive hours */
    uint32_t in_progress;      /* allocated assessments not done */
    uint32_t stamp;
    uint32_t leave_seq;        /* last leave_stamp given */
    uint32_t hold_seq;         /* last hold_stamp given */
    model_vec_u32 scratch, scratch2; /* reused by levers that touch many entities at once */
    double lever_t[PARAMS_MAX_EVENTS]; /* clock time of each scenario event's date */
    model_unit *units; uint32_t nunits; size_t capunits; /* in force while units_on */
    int units_on;              /* the service is in units (else pools) */

    double now;           /* while `running`: the time of the event being handled */
    int running;          /* run_loop is handing out events (else the engine's clock rules) */
    int keep_returns;     /* keep away families whose return falls after the end (a snapshot) */

    /* the lognormal shapes of the cv parameters (none changes during a run) */
    struct { model_lognormal_shape episode, assessment, assessment_min, conference, plan; } shape;

    model_stats stats;
    model_accounting acc;
    model_results *out;
} model_state;

/* Presentation: every viewer (screener, reviewer, family support worker, assessor) sees need less
 * the part of the family's presentation they do not see through (seen_through 0..1: a chronology
 * or a reviewing manager sees through history_discount of it), plus their own error sd x z. */
static inline double model_perceived_need(const model_family *fa, double seen_through, double sd, double z)
{
    return fa->need - (1.0 - seen_through) * fa->presentation + sd * z;
}

#endif
