/* params: every setting of the model, with its unit, in one struct, and the table that names them.
 *
 * model_params is plain data (no pointers), so it can be copied, compared and shared read-only by
 * threads. Units inside the struct are fixed: durations in working days, money in pounds, shares as
 * fractions 0..1, need scores and thresholds on the latent need scale (see docs/model.md), rates
 * per year unless the name says otherwise. The scenario parser converts the file's units
 * ("45wd", "6m", "27%", "£52,000") into these.
 *
 * The spec tables (params_specs, params_staff_specs, params_event_specs) are the single list of
 * keys: the scenario parser, `caseload validate` and docs/scenarios.md are all driven by them, so a
 * field added to the struct is reachable from a scenario file once it has a row. They are const
 * (read-only) data, not mutable state.
 */
#ifndef CASELOAD_PARAMS_H
#define CASELOAD_PARAMS_H

#include <stddef.h>
#include "calendar.h"

/* Staff pools. Section names in scenario files: [staff "social_worker"] etc. */
typedef enum params_role {
    ROLE_SOCIAL_WORKER,          /* qualified case-holding social workers (newly qualified marked) */
    ROLE_FRONT_DOOR,             /* qualified social workers screening contacts (MASH) */
    ROLE_FRONT_DOOR_UNQUALIFIED, /* less qualified screeners / contact officers */
    ROLE_EARLY_HELP,             /* family support workers in children's centres / early help */
    ROLE_MANAGER,                /* team managers (management review, oversight) */
    ROLE_COUNT
} params_role;

const char *params_role_name(params_role r); /* "social_worker", ... */
int params_role_parse(const char *s);        /* role index, or -1 */

typedef struct params_staff {
    double fte;             /* funded establishment, FTE */
    double vacancy;         /* share of establishment vacant at the start of the run */
    double agency_share;    /* share of vacancies covered by agency staff */
    double turnover;        /* leavers per FTE in post per year (hazard) */
    double recruitment_lag; /* working days, mean time to fill a funded vacancy */
    double agency_lag;      /* working days, mean time for agency cover to start */
    double salary;          /* pounds per FTE per year */
    double oncost;          /* share added to salary (employer NI, pension) */
    double agency_premium;  /* share added to salary + on-costs for agency staff */
    double hours_per_week;  /* productive hours per FTE per week (after admin and absence) */
} params_staff;

typedef enum params_event_type {
    EVT_BUDGET_CUT,
    EVT_RESTRUCTURE,
    EVT_THRESHOLD_PRESSURE,
    EVT_HISTORY_USE,
    EVT_RECRUITMENT_FREEZE,
    EVT_INVESTMENT,
    EVT_AGENCY_CAP,
    EVT_DEMAND_SHOCK,
    EVT_TYPE_COUNT
} params_event_type;

const char *params_event_type_name(params_event_type t); /* "budget_cut", ... */
int params_event_type_parse(const char *s);               /* type index, or -1 */

#define PARAMS_NAME_MAX 64
#define PARAMS_MAX_EVENTS 32

/* A dated lever. Which fields a type reads is in params_event_specs (types mask). */
typedef struct params_event {
    char name[PARAMS_NAME_MAX];  /* the section's quoted name: [event "centre-cut"] */
    params_event_type type;
    cal_date date;               /* effect starts on this day */
    int target;                  /* params_role: budget_cut, investment, recruitment_freeze */
    double fraction;             /* budget_cut: share of the target's budget removed */
    int by_attrition;            /* budget_cut: 1 = posts go as people leave; 0 = at once */
    double days_open_per_week;   /* budget_cut on early_help: days open after (0 = unchanged) */
    double management_fraction;  /* budget_cut: share of management review hours lost */
    double duration;             /* working days the effect lasts (0 = to the end of the run) */
    double ramp;                 /* working days to reach full strength (demand_shock, pressure) */
    double productivity;         /* restructure: multiplier on productive hours while disrupted */
    double turnover_multiplier;  /* restructure: multiplier on turnover while disrupted */
    double handoff_share;        /* restructure: share of open cases handed to another worker */
    double new_caseload_cap;     /* restructure: social worker caseload cap after (0 = unchanged) */
    double threshold_shift;      /* threshold_pressure: rise of both front door thresholds */
    double outcome_shift;        /* threshold_pressure: rise of assessment outcome cut points */
    int enabled;                 /* history_use: 1 = chronologies used from the date, 0 = not */
    double fte;                  /* investment: FTE added to the target's establishment */
    double cap;                  /* agency_cap: most agency FTE as a share of establishment */
    double factor;               /* demand_shock: multiplier on new contacts at full strength */
} params_event;

typedef struct model_params {
    /* [scenario] */
    char name[128];          /* shown in charts and the report */
    cal_date start;          /* first day of the measured period (after the warm-up) */
    double years;            /* measured years */
    double warmup;           /* working days simulated before `start`, not counted */

    /* [demand] */
    double children;              /* child population under 18 */
    double family_one_child;      /* share of families with one child */
    double family_two_children;   /* share with two (the rest have three or more) */
    double sibling_work;          /* extra work per further child, share of one child's */
    double contacts_per_week;     /* base rate of first contacts from new families, per week */
    double seasonal[12];          /* multiplier by calendar month, January first */
    double trend;                 /* yearly growth of the base rate (share per year) */
    double need_mean;             /* latent need of a new family: normal(mean, sd) */
    double need_sd;
    double level_early_help;      /* need cut points: level 1 (early help) from here */
    double level_cin;             /* level 2 (child in need) from here */
    double level_cp;              /* level 3 (child protection) from here */
    double level_lac;             /* need beyond which a child is looked after */
    double level_s47;             /* assessed need from which a section 47 enquiry starts */
    double repeat_prob;           /* chance an unmet family contacts again */
    double repeat_delay;          /* working days, mean delay to a repeat contact at no unmet need */
    double repeat_urgency;        /* how fast that delay falls with unmet need (per need unit) */
    double escalation;            /* need rise per year while unmet */
    double rereferral_prob;       /* chance a closed case comes back */
    double rereferral_delay;      /* working days, mean delay to that contact */

    /* [front_door] */
    double screening_hours;       /* effort per contact, hours */
    double noise_qualified;       /* sd of perception noise, qualified screener */
    double noise_unqualified;     /* sd of perception noise, less qualified screener */
    double noise_overload;        /* extra sd per day of backlog beyond a day's work */
    double threshold_early_help;  /* perceived need from which a contact goes to early help */
    double threshold_referral;    /* perceived need from which it is referred to social care */
    double threshold_shift;       /* standing threshold pressure (events add to it) */
    int history_use;              /* 1: chronologies used (earlier contacts raise perceived need) */
    double history_weight;        /* rise in perceived need per earlier contact in 12 months */
    double review_share;          /* most decisions a manager reviews, share */
    double review_hours;          /* manager hours per review */
    double review_correct;        /* chance a review corrects a wrong route */
    double manager_review_hours;  /* hours per manager FTE per week available for review */

    /* [early_help] */
    double eh_caseload_cap;       /* families per FTE */
    double days_open_per_week;    /* capacity scales with days open / 5 */
    double episode_mean;          /* working days */
    double episode_cv;            /* coefficient of variation of episode length */
    double step_up_prob;          /* chance a level 2-3 family steps up to a referral at the end */

    /* [social_work] */
    double caseload_cap;          /* allocation benchmark: cases per qualified FTE allocated
                                     freely (children, as the DfE counts a caseload) */
    double caseload_cap_nqsw;     /* protected cap for newly qualified workers */
    /* allocation by team managers: above the benchmark (caseload_cap) only for a case that has
     * waited allocation_wait, to the least loaded qualified worker, up to caseload_max */
    double caseload_max;          /* hard maximum: above it cases stay unallocated */
    double allocation_wait;       /* working days the oldest case may wait before allocation above
                                     the benchmark */
    double allocation_interval;   /* working days between allocation meetings (0 = at once) */
    double nqsw_share;            /* share of social workers newly qualified at the start */
    double nqsw_recruit_share;    /* share of new recruits who are newly qualified */
    double asye;                  /* working days until a newly qualified worker is qualified */
    double hours_cin;             /* hours per week per child in need case */
    double hours_cp;              /* hours per week per child protection case */
    double hours_lac;             /* hours per week per looked-after case */
    double hours_s47;             /* hours per week per section 47 enquiry under way */
    double assessment_hours;      /* mean effort of one assessment, hours */
    double assessment_cv;         /* its coefficient of variation (lognormal) */
    double assessment_floor;      /* hours per week an assessment always gets */
    double assessment_min;        /* working days from referral an assessment takes at least
                                     (checks with partner agencies run alongside the work) */
    double assessment_min_cv;     /* its coefficient of variation across referrals (lognormal) */
    double noise_assessor;        /* sd of assessor perception noise, qualified */
    double noise_nqsw;            /* sd for newly qualified or agency assessors */
    double outcome_shift;         /* standing shift of outcome cut points (events add) */
    double conference_delay;      /* working days from s47 to initial conference (target 15): mean */
    double conference_cv;         /* its coefficient of variation (lognormal) */
    double cpp_share;             /* share of initial conferences that make a protection plan */
    /* work to the deadline and the cost of overload (assessor side) */
    double assessment_need_slope; /* effort x exp(slope x (need - level_cp)): clear cases are quick */
    double deadline_focus;        /* working days from referral after which an assessment gets more
                                     of its worker's time */
    double deadline_weight;       /* its weight in the sharing from then (1 before) */
    double overload_noise;        /* extra assessor noise sd per case above the benchmark */
    double overload_haste;        /* share of an assessment's effort cut per case above the
                                     benchmark (at allocation; at most half) */
    double cin_duration;          /* working days, mean length of a child in need plan */
    double cp_duration;           /* working days, mean child protection plan */
    double lac_duration;          /* working days, mean time looked after */
    double plan_cv;               /* coefficient of variation of plan lengths (lognormal) */
    double initial_cin_per_10k;   /* open cases carried in at the start of the warm-up, per 10,000
                                     children: child in need plans, */
    double initial_cp_per_10k;    /* child protection plans, */
    double initial_lac_per_10k;   /* and children looked after (plans outlast a short warm-up) */
    double handoff_delay;         /* working days lost when a case changes worker */
    double handoff_lost;          /* share of assessment progress lost on a handoff */

    /* [costs] */
    double lac_weekly_cost;       /* pounds per looked-after child per week */

    params_staff staff[ROLE_COUNT];
    int n_events;
    params_event events[PARAMS_MAX_EVENTS]; /* in date order (the parser sorts them) */
} model_params;

/* The value kinds a key can hold, and how a scenario file writes them. */
typedef enum params_type {
    PT_REAL,     /* plain number */
    PT_COUNT,    /* non-negative number (people, FTE, contacts) */
    PT_BOOL,     /* yes/no, on/off, true/false, 1/0 -> int */
    PT_SHARE,    /* 0.27 or 27% -> double in [0,1] unless max says otherwise */
    PT_DURATION, /* 45wd, 12w, 6m, 2y (unit required) -> double working days */
    PT_MONEY,    /* £52,000 or 52000 -> double pounds */
    PT_DATE,     /* 2011-04-01 -> cal_date */
    PT_TEXT,     /* free text -> char[size] */
    PT_MONTHLY,  /* 12 numbers, January first -> double[12] */
    PT_ROLE,     /* a staff role name -> int */
} params_type;

typedef struct params_spec {
    const char *section; /* "demand", ...; "staff" rows apply to every [staff "ROLE"]; "event" */
    const char *key;
    params_type type;
    size_t offset;       /* into model_params, params_staff or params_event */
    size_t size;         /* bytes, for PT_TEXT */
    double min, max;     /* allowed range, in stored units */
    const char *unit;    /* for messages and docs: "working days", "pounds a year", "share" */
    const char *doc;     /* one line for docs/scenarios.md and `validate` */
    unsigned types;      /* event rows: bitmask (1u << params_event_type) of types that take it */
    unsigned required;   /* event rows: bitmask of types that must set it */
} params_spec;

extern const params_spec params_specs[];       /* rows for model_params sections */
extern const size_t params_specs_count;
extern const params_spec params_staff_specs[]; /* rows for params_staff */
extern const size_t params_staff_specs_count;
extern const params_spec params_event_specs[]; /* rows for params_event ("type", "date" included) */
extern const size_t params_event_specs_count;

/* Fill *p with the defaults: a typical English authority (see docs/model.md for sources). */
void params_defaults(model_params *p);
/* Defaults for one event of a type (the values its keys take when the file leaves them out). */
void params_event_defaults(params_event *ev, params_event_type type);

/* Check relations between fields that no single range can (thresholds in order, events sorted,
 * the run long enough). Returns 0, or -1 with a message naming the keys in err. */
int params_check(const model_params *p, char *err, size_t errlen);

#endif
