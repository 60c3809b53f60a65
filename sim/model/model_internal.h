/* model_internal: the state of one replication, shared by the sim/model/ files (not public).
 *
 * Entities live in pools (arrays that grow by doubling and recycle slots through a free list) and
 * refer to each other by uint32 index, MODEL_NONE meaning "none"; a pool's array may move when it
 * grows, so code re-fetches pointers after any call that can allocate. Once a pool has reached the
 * run's peak (kept in the workspace between replications), nothing is allocated in the event loop.
 *
 * Time is working days since the start of the warm-up. Day d is [d, d+1).
 *
 * Events: most events never pass through the engine's heap. Three kinds come in time order by
 * construction and wait in the model's own sorted streams (model_streams): the day's new
 * families (drawn at the start of the day, sorted), the day's deferred events (model_wheel.c,
 * sorted when the day starts) and screening completions (a first in, first out queue: screening
 * takes the same time for everyone of a role). run_loop (model.c) hands out whichever is first:
 * the engine's earliest event when it is no later than the streams' first (engine first at equal
 * times), else the streams' first (among them, the one put in first). The heap keeps only what
 * may move or be cancelled, which makes it small; this is what makes an event cheap. The clock
 * is therefore model_now(), not eng_now(): the engine's clock lags while a stream's event runs.
 *
 * Randomness has two kinds, both keyed by purpose (model_rng_purpose):
 *   - streams (rng.h) for draws that belong to the authority as a whole: arrivals, need, staff;
 *   - keyed draws (model_key_*) for draws that belong to one family: its k-th screening noise, the
 *     effort of its k-th assessment, ... Each is a fixed hash of (family seed, purpose, k), so the
 *     same family meets the same luck in every scenario whatever the staffing does to the order of
 *     events. The family seed comes from the need stream when the family first arrives.
 */
#ifndef CASELOAD_MODEL_INTERNAL_H
#define CASELOAD_MODEL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "calendar.h"
#include "engine.h"
#include "model.h"
#include "params.h"
#include "rng.h"

#define MODEL_NONE UINT32_MAX
#define MODEL_WD_YEAR 253.0  /* working days in a year: 261 weekdays less 8 bank holidays */
#define MODEL_WINDOW_12M MODEL_WD_YEAR /* "within 12 months" on the working-day clock */
#define MODEL_DAYS_YEAR 365.25
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
    MODEL_RNG_COUNT
} model_rng_purpose;

/* Event kinds (eng_event.kind). Same-time order is the engine's: first scheduled, first run. */
enum model_ev {
    MEV_ARRIVAL_DAY = 1, /* start of a working day: draw its new families */
    MEV_ARRIVAL,         /* a = index into today's arrival buffer */
    MEV_RECONTACT,       /* a = family: a repeat contact or a closed case coming back */
    MEV_SCREENED,        /* a = screener: the contact in service is decided (model_streams) */
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
    double since;         /* start of the current away spell or early help wait */
    double hn_since;      /* start of an open unmet high-need spell, or -1 */
    double last_referral; /* time of the latest referral (-1e9: none) */
    double last_assess;   /* time the latest assessment started (-1e9: none) */
    double rc_start[2], rc_end[2]; /* booked spells in the 3+ / 5+ repeat-contact sets */
    float recent[5];      /* latest contact times, newest first (-1e9: none) */
    uint32_t contacts;    /* contacts so far: key of per-contact draws */
    uint32_t referrals;   /* referrals so far: key of per-referral draws */
    uint32_t caseid;      /* its open case, or MODEL_NONE */
    uint32_t qprev, qnext; /* early help waiting list links */
    eng_handle ev;        /* pending escalation on the waiting list */
    uint8_t state;        /* model_fam_state */
    uint8_t unmet;        /* away with its need unmet: the need rises until it comes back */
    uint8_t kids;         /* children in the family (drawn once): every count is in children */
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
    uint8_t state;     /* model_case_state */
    uint8_t in_ps;     /* in the worker's sharing set */
    uint8_t held;      /* allocated but waiting: a handoff delay, or done before its minimum time */
    uint8_t had_worker;/* a previous worker held it (the next allocation is a handoff) */
    uint8_t allocated; /* first allocation recorded */
    uint8_t queued;    /* waiting in the allocation queue */
} model_case;

/* Weighted processor sharing of one worker's spare hours among its assessments in progress (work
 * to the deadline: an assessment near its deadline has a larger weight). vtime is the work (hours)
 * an assessment of weight 1 has received since an arbitrary origin, so one of weight w that joins
 * at vtime v with h hours to do finishes when vtime reaches v + h / w; a change of rate moves every
 * finish time but no per-assessment state, and a change of one weight moves only that one's
 * vfinish. They finish in order of vfinish: the set is kept in that order and only its first
 * member has an event (the worker's ps_ev), which makes a change of load one reschedule, not one
 * per assessment. */
typedef struct model_ps {
    double vtime;      /* hours received by each assessment in the set, since the origin */
    double last;       /* clock time vtime is up to date at */
    double rate;       /* hours per working day an assessment of weight 1 now receives */
    double hours;      /* productive hours a week (after any restructure multiplier) */
    double plan_hours; /* hours a week the worker's plan cases take */
    double wsum;       /* sum of the set's weights */
    int n;             /* assessments in the set */
} model_ps;

/* The processor-sharing arithmetic, inline since every change of a social worker's load runs it.
 * Rates are per working day; hours and floors are given per week (five working days). */

/* Rate (hours per working day) per unit of weight among assessments of total weight wsum from a
 * worker with `hours` productive hours a week of which plan cases take plan_hours: the rest shared
 * in proportion to weight, never below the floor (hours a week) per unit. 0 when wsum is 0. */
static inline double model_ps_rate(double hours, double plan_hours, double wsum, double floor_hours)
{
    if (wsum <= 1e-12)
        return 0;
    double share = (hours - plan_hours) / wsum;
    return (share > floor_hours ? share : floor_hours) / 5.0;
}

/* Bring vtime up to now at the old rate. */
static inline void model_ps_advance(model_ps *ps, double now)
{
    ps->vtime += ps->rate * (now - ps->last);
    ps->last = now;
}

/* After n, hours or plan_hours changed. */
static inline void model_ps_rerate(model_ps *ps, double floor_hours)
{
    ps->rate = model_ps_rate(ps->hours, ps->plan_hours, ps->wsum, floor_hours);
}

/* Clock time the set's vtime reaches vfinish. */
static inline double model_ps_finish(const model_ps *ps, double vfinish)
{
    double left = vfinish - ps->vtime;
    return ps->last + (left > 0 ? left / ps->rate : 0);
}

/* Hours a week of work beyond the worker's productive hours (plan load plus floors). */
static inline double model_ps_overload(const model_ps *ps, double floor_hours)
{
    double demand = ps->plan_hours;
    if (ps->n > 0 && ps->wsum > 1e-12) {
        double share = (ps->hours - ps->plan_hours) / ps->wsum;
        demand += ps->wsum * (share > floor_hours ? share : floor_hours);
    }
    return demand > ps->hours ? demand - ps->hours : 0;
}

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
} model_worker;

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
    ST_COUNT
} model_stock;

/* Flows counted in the measured period, by week. */
typedef enum model_flow {
    FL_CONTACTS, FL_REFERRALS, FL_REREFERRALS, FL_DECISIONS, FL_DECISIONS_1WD, FL_EH_STARTS,
    FL_STEP_UPS, FL_ALLOCATED, FL_ALLOC_WAIT, FL_ASSESSED, FL_NFA, FL_WITHIN45, FL_WD_SUM,
    FL_CIN, FL_CP, FL_LAC, FL_SW_LEAVERS, FL_S47, FL_ICPC,
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

/* A deferred event. seq orders it among events at the same time (model_streams): a stamped one
 * takes it when set, as the engine would have; the others take the day's when it starts. */
typedef struct model_wheel_node { double t; uint64_t seq; uint32_t kind, a, b; } model_wheel_node;

/* The day wheel keeps each day's events in blocks (a day's list of blocks, newest first), so that
 * releasing a day reads memory in order instead of chasing one pointer per event: in a big
 * authority a day holds thousands of events and each pointer would be a cache miss. */
#define MODEL_WHEEL_BLOCK 32
typedef struct model_wheel_block {
    uint32_t next, n;                          /* older block of the day; nodes used */
    model_wheel_node node[MODEL_WHEEL_BLOCK];
} model_wheel_block;

/* A screening completion waiting in the model's queue (model_streams.screened). */
typedef struct model_timed { double t; uint64_t seq; uint32_t kind, a; } model_timed;

/* The model's own event streams (see "Events" above). seq numbers give first in, first out among
 * the streams at equal times. */
typedef struct model_streams {
    double now;                /* time of the event being handled, while `running` */
    int running;               /* run_loop is handing out events (else the engine's clock rules) */
    uint64_t seq;              /* last seq given */
    uint64_t done;             /* stream events handled (added to the engine's count) */
    model_wheel_node *today;   /* the day's deferred events, sorted by time (stable) */
    model_wheel_node *today_tmp; /* scratch for the sort, captoday */
    uint32_t ntoday, today_pos, captoday;
    uint64_t arr_seq;          /* seq of the day's arrivals */
    size_t arr_pos;            /* next of st->arr to arrive */
    model_timed *q;            /* screening completions: ring in time order */
    size_t qhead, qlen, qcap;
} model_streams;

typedef struct model_arrival_rec { double t, need; uint64_t key; } model_arrival_rec;

/* The state of one replication. */
typedef struct model_state {
    const model_params *p;
    eng_engine *eng;
    rng_streams *rng;
    const cal_workdays *cal;
    int32_t base;         /* calendar table index of clock day 0 */
    double t0, tend;      /* measured period [t0, tend) */
    int weeks;
    int failed;           /* out of memory: abandon the run */

    model_family *fams; uint32_t nfams, capfams; model_vec_u32 fam_free;
    model_case *cases; uint32_t ncases, capcases; model_vec_u32 case_free;
    model_worker *workers; uint32_t nworkers, capworkers; model_vec_u32 worker_free;
    model_staff staff[ROLE_COUNT];

    model_arrival_rec *arr; size_t narr, caparr;
    double last_tail;     /* time the previous day's arrivals ended (for day generation) */

    /* front door */
    model_ring fd_queue;       /* families waiting to be screened */
    model_vec_u32 fd_free;     /* screeners with nothing in service */
    uint32_t fd_busy;          /* contacts in service */
    double fd_clearance;       /* contacts a working day the screeners in post clear */
    double review_budget, review_last; /* manager hours available for review */
    int history_use;
    double mgmt_factor;        /* share of management review time kept after cuts */

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

    model_wheel_block *wblocks; uint32_t nwblocks, capwblocks, wfree; /* pool, free list */
    uint32_t *whead; int capwdays; /* newest block of each clock day */

    model_streams ms;

    model_stats stats;
    model_accounting acc;
    model_results *out;
} model_state;

/* model.c */
/* For unit tests: set up a run of p (calendar, streams, engine, statistics) with no staff,
 * arrivals or levers, so a test can drive the state by hand; close frees the engine. */
model_state *model_test_open(model_workspace *ws, const model_params *p, model_results *out,
                             char *err, size_t errlen);
void model_test_close(model_workspace *ws);
int model_schedule(model_state *st, double t, uint32_t kind, uint32_t a, uint64_t b, eng_handle *h);

/* model_streams.c */
/* Screening completion at t in the model's queue (the heap if t is before the queue's last). */
void model_schedule_screened(model_state *st, double t, uint32_t w);
void model_streams_reset(model_state *st);
/* The next event of the engine's calendar and the model's streams, as eng_next. */
int model_streams_next(model_state *st, eng_event *ev);
void model_cancel(model_state *st, eng_handle *h);
int model_day(const model_state *st, double t); /* clock day of t, clamped to the run */
double model_clock_of_date(const model_state *st, cal_date d);
cal_date model_date_of_day(const model_state *st, int day);

/* model_rand.c */
/* A keyed uniform in (0, 1): the SplitMix64 finaliser, which passes BigCrush on a counter,
 * applied twice so that neighbouring (k, j) give unrelated numbers. A pure function, so the draw
 * a family meets does not depend on what else happened. */
static inline uint64_t model_mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline double model_key_u(uint64_t key, model_rng_purpose purpose, uint32_t k, uint32_t j)
{
    uint64_t salt = ((uint64_t)purpose << 56) ^ ((uint64_t)j << 32) ^ k;
    uint64_t h = model_mix64(key ^ model_mix64(salt));
    return ((double)(h >> 11) + 0.5) * 0x1.0p-53; /* open interval (0, 1) */
}

double model_key_normal(uint64_t key, model_rng_purpose purpose, uint32_t k, uint32_t j);
double model_normal_quantile(double u); /* standard normal quantile of u in (0, 1) */
double model_lognormal(double mean, double cv, double z); /* from a standard normal z */
double model_exp_u(double mean, double u);                  /* exponential from a uniform */
double model_stream_u(model_state *st, model_rng_purpose purpose);

/* model_pools.c */
uint32_t model_family_new(model_state *st);
void model_family_free(model_state *st, uint32_t f);
uint32_t model_case_new(model_state *st);
void model_case_free(model_state *st, uint32_t c);
uint32_t model_worker_new(model_state *st);
void model_worker_free(model_state *st, uint32_t w);
int model_vec_push(model_vec_u32 *v, uint32_t x);
int model_ring_push(model_ring *r, uint32_t idx, uint32_t stamp, int front);
int model_ring_pop(model_ring *r, uint32_t *idx, uint32_t *stamp);

/* The clock: the time of the event being handled. run_loop keeps it in st->ms.now (a stream
 * event runs while the engine's clock still shows the engine's last event); before the run starts,
 * and in tests that drive the engine by hand, it is the engine's clock. */
static inline double model_now(const model_state *st)
{
    return st->ms.running ? st->ms.now : eng_now(st->eng);
}

/* model_wheel.c: events that are never cancelled and lie on a later day wait in a bucket per
 * working day and enter the engine at the start of their day, so the calendar holds only what
 * can happen soon (a smaller heap is a faster one). An event that may move (a leaving date)
 * carries a stamp b and is ignored when it fires if its entity's stamp has moved on. */
void model_defer(model_state *st, double t, uint32_t kind, uint32_t a);
void model_defer_stamped(model_state *st, double t, uint32_t kind, uint32_t a, uint32_t b);
void model_wheel_release(model_state *st, int day); /* into st->ms.today, sorted */
int model_wheel_setup(model_state *st);
void model_wheel_free(model_state *st);

/* model_stats.c; the three updates below are inline: nearly every event makes several. */
int model_stats_setup(model_state *st);

/* Stock k changes by delta at time t (see model_stats.c for the difference array). */
static inline void model_stock_add(model_state *st, model_stock k, double t, double delta)
{
    model_stats *s = &st->stats;
    if (t >= s->ndays || delta == 0)
        return;
    if (t < 0)
        t = 0;
    int d = (int)t;
    size_t row = (size_t)k * (size_t)(s->capdays + 2);
    s->part[row + d] += delta * ((double)(d + 1) - t);
    s->diff[row + d + 1] += delta;
}

/* Stock k is higher by delta over [a, b). */
static inline void model_stock_interval(model_state *st, model_stock k, double a, double b,
                                        double delta)
{
    if (b <= a)
        return;
    model_stock_add(st, k, a, delta);
    model_stock_add(st, k, b, -delta);
}

/* Flow f gains x at time t (counted only in the measured period, by week). */
static inline void model_flow_add(model_state *st, model_flow f, double t, double x)
{
    if (t < st->t0 || t >= st->tend)
        return;
    int w = st->stats.week_of_day[(int)t];
    if (w >= 0)
        st->stats.flows[(size_t)w * FL_COUNT + f] += x;
}
void model_record_duration(model_state *st, double t, int wd, int children);
void model_stats_finish(model_state *st);
void model_stats_free(model_stats *s);

/* model_demand.c: families, arrivals, repeats, unmet need */
/* Children in a family from a keyed uniform: the published shares of families with one and two
 * children; a family of three or more has 3 (70%), 4 (20%) or 5 (10%). */
int model_children_of(const model_params *p, double u);
/* Work for a family of k children as a multiple of one child's (a sibling group's assessment or
 * plan takes more than one child's effort but less than k times it). */
static inline double model_family_work(const model_params *p, int kids)
{
    return 1.0 + p->sibling_work * (kids - 1);
}
void model_arrival_day(model_state *st, int day);
void model_arrival(model_state *st, uint32_t i);
void model_recontact(model_state *st, uint32_t f);
int model_level(const model_params *p, double need); /* 0 none, 1 early help, 2 CIN, 3 CP+ */
/* Unmet high need: an open spell runs while a family at level 3 is in a state that does not meet
 * it (begin/end); a spell of rising need (away, waiting) is booked whole by model_unmet_rising.
 * Both count child-days (the family's children). */
void model_unmet_begin(model_state *st, uint32_t f, double t);
void model_unmet_end(model_state *st, uint32_t f, double t);
void model_unmet_rising(model_state *st, double need0, double a, double b, int kids);
/* Need after rising from need0 over [a, b) at the escalation rate. */
double model_need_after(const model_params *p, double need0, double a, double b);
/* The family's need was not met (served_level below its level) or it was served and closed:
 * decide whether and when it comes back, or let it go. */
void model_family_away(model_state *st, uint32_t f, int served_level, int closed);
void model_family_assessed(model_state *st, uint32_t f, double t);
double model_demand_factor(const model_state *st, double t);

/* model_frontdoor.c */
void model_fd_contact(model_state *st, uint32_t f);
void model_fd_screened(model_state *st, uint32_t w);
void model_fd_add_screener(model_state *st, uint32_t w);
void model_fd_remove_screener(model_state *st, uint32_t w);
void model_fd_staff_changed(model_state *st); /* a screener joined or left: update fd_clearance */
double model_threshold_shift(const model_state *st, double t);
double model_outcome_shift(const model_state *st, double t);

/* model_earlyhelp.c */
void model_eh_route(model_state *st, uint32_t f);
void model_eh_escalate(model_state *st, uint32_t f);
void model_eh_end(model_state *st, uint32_t f);
void model_eh_fill(model_state *st); /* start episodes while there is room */
uint32_t model_eh_capacity(const model_state *st);

/* model_socialwork.c */
void model_refer(model_state *st, uint32_t f, int step_up);
void model_sw_try_allocate(model_state *st);
void model_sw_alloc_check(model_state *st);   /* MEV_ALLOC_CHECK */
void model_sw_alloc_meeting(model_state *st); /* MEV_ALLOC_MEETING */
void model_sw_assessed(model_state *st, uint32_t c);
void model_sw_ps_done(model_state *st, uint32_t w); /* the first of w's sharing set is done */
double model_sw_finish_of(const model_state *st, uint32_t c); /* clock time an assessment in a set ends */
void model_sw_hold_end(model_state *st, uint32_t c, uint32_t stamp);
void model_sw_held_assessed(model_state *st, uint32_t c, uint32_t stamp);
void model_sw_conference(model_state *st, uint32_t c); /* the s47 enquiry ends */
void model_sw_focus(model_state *st, uint32_t c, uint32_t stamp); /* MEV_FOCUS */
void model_sw_plan_end(model_state *st, uint32_t c);
void model_sw_assign(model_state *st, uint32_t c, uint32_t w);
void model_sw_unassign(model_state *st, uint32_t c); /* back to the allocation queue */
void model_sw_add_plan_hours(model_state *st, uint32_t w, double hours);
void model_sw_retime(model_state *st, uint32_t w);   /* after its hours changed */
void model_sw_room_update(model_state *st, uint32_t w);
double model_sw_cap_of(const model_state *st, const model_worker *w);
void model_sw_handoff(model_state *st, uint32_t c, uint32_t to);
int model_sw_seed_plans(model_state *st); /* the open plans carried in at the start */

/* model_staff.c */
int model_staff_setup(model_state *st);
uint32_t model_staff_add(model_state *st, int role, int agency, int nqsw, double asye_left);
void model_staff_remove(model_state *st, uint32_t w, int left);
void model_staff_leave(model_state *st, uint32_t w, uint32_t stamp);
void model_staff_hire(model_state *st, int role);
void model_staff_agency_start(model_state *st, int role);
void model_staff_asye(model_state *st, uint32_t w);
void model_staff_rebalance(model_state *st, int role);
void model_staff_set_turnover(model_state *st, int role, double mult);
void model_staff_cut_now(model_state *st, int role);

/* model_events.c */
int model_levers_setup(model_state *st);
void model_lever(model_state *st, uint32_t idx, uint64_t phase);
/* Fraction 0..1 of a ramped, time-limited effect of event ev at time t. */
double model_lever_strength(const model_state *st, const params_event *ev, double t);

#endif
