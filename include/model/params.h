/* params: every setting of the model, with its unit, in one struct, and the table that names them.
 *
 * model_params is plain data (one pointer, to a read-only snapshot, NULL from every scenario file),
 * so it can be copied, compared and shared read-only by threads. Units inside the struct are fixed: durations in working days, money in pounds, shares as
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
#include "metrics.h"

/* Staff pools. Section names in scenario files: [staff "social_worker"] etc. */
typedef enum params_role {
    ROLE_SOCIAL_WORKER,          /* qualified case-holding social workers (newly qualified marked) */
    ROLE_FRONT_DOOR,             /* qualified social workers screening contacts (MASH) */
    ROLE_FRONT_DOOR_UNQUALIFIED, /* less qualified screeners / contact officers */
    ROLE_EARLY_HELP,             /* family support workers in children's centres / early help */
    ROLE_MANAGER,                /* team managers (management review, oversight) */
    /* Members of Reclaiming Social Work units other than the qualified social workers (who are
     * ROLE_SOCIAL_WORKER): their establishment is the number of units times the composition
     * ([units]), so a pools service has none. */
    ROLE_PRACTITIONER,           /* children's practitioners (not qualified) */
    ROLE_CLINICIAN,              /* clinicians (family therapists) */
    ROLE_COORDINATOR,            /* unit coordinators (administration) */
    ROLE_COUNT
} params_role;

/* 1 for the roles that exist only as members of units (practitioner, clinician, coordinator). */
#define PARAMS_UNIT_ROLE(r) ((r) >= ROLE_PRACTITIONER && (r) < ROLE_COUNT)

/* Team structure of the children's social work service (DESIGN.md section 2). */
typedef enum params_structure {
    STRUCTURE_UNCHANGED = -1, /* restructure events only: keep the structure in force */
    STRUCTURE_POOLS = 0,      /* individual social workers, each with their own caseload */
    STRUCTURE_UNITS = 1,      /* units that hold their cases together (Reclaiming Social Work) */
} params_structure;

const char *params_role_name(params_role r); /* "social_worker", ... */
/* The role as a board paper names it: "social workers", "front door contact officers", ... */
const char *params_role_label(params_role r);
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
    double running_cost;    /* pounds per day open (buildings, running costs; early help) */
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
    /* budget_cut landings: how the saving (fraction x the target's budget in pounds) is made, as
     * shares of it. Each way saves what it costs at the pool's costs (model_events.c). */
    double fte_share;            /* budget_cut: share landed as posts cut (<0: what the others leave) */
    double closure_share;        /* budget_cut: share landed as days closed a week (early help) */
    double management_share;     /* budget_cut: share landed as manager time cut */
    double duration;             /* working days the effect lasts (0 = to the end of the run) */
    double ramp;                 /* working days to reach full strength (demand_shock, pressure) */
    double productivity;         /* restructure: multiplier on productive hours while disrupted */
    double turnover_multiplier;  /* restructure: multiplier on turnover while disrupted */
    double handoff_share;        /* restructure: share of open cases handed to another worker */
    double new_caseload_cap;     /* restructure: social worker caseload cap after (0 = unchanged) */
    int structure;               /* restructure: params_structure from the date (or unchanged) */
    int competence_checked;      /* restructure into units: 1 = the new units' competence checked */
    double settling;             /* restructure into units: working days unchecked units stay
                                    noisier (0 = the disruption's duration) */
    double unchecked_noise;      /* restructure into units: multiplier on assessor noise of
                                    unchecked units while settling */
    double threshold_shift;      /* threshold_pressure: rise of the referral threshold */
    double early_help_shift;     /* threshold_pressure: rise of the early help threshold (0: none) */
    double outcome_shift;        /* threshold_pressure: outcomes down a step (CP -> CIN -> NFA) */
    int enabled;                 /* history_use: 1 = chronologies used from the date, 0 = not */
    double fte;                  /* investment: FTE added to the target's establishment */
    double cap;                  /* agency_cap: most agency FTE as a share of establishment */
    double factor;               /* demand_shock: multiplier on new contacts at full strength */
} params_event;

/* The smallest difference that matters for one measure: the larger of abs (stored unit) and rel
 * times the baseline's whole-period mean (metrics.h). */
typedef struct params_smallest {
    double abs, rel;
} params_smallest;

/* [report]: how the report judges each measure's difference from the baseline. Only the
 * baseline's values are used (they are written to measures.csv); the model never reads them. */
typedef struct params_report {
    int direction[M_COUNT];            /* metric_direction */
    params_smallest smallest[M_COUNT];
} params_report;

/* [targets]: the published figures a baseline was fitted to (`caseload fit` writes them), so the
 * report can say how close the model comes to each. The model never reads them. One row each:
 * X(key, type, metrics, what): metrics is the measure, or a sum of measures ("a+b"), compared. */
#define PARAMS_TARGETS(X)                                                                          \
    X(referrals, PT_COUNT, "referrals", "referrals to children's social care in the year")         \
    X(rereferral_rate, PT_SHARE, "rereferral_rate_12m", "share of referrals within 12 months of an earlier one") \
    X(assessments, PT_COUNT, "assessments_completed", "assessments completed in the year")         \
    X(assessments_within_45wd, PT_SHARE, "share_within_45wd", "share of assessments completed within 45 working days") \
    X(s47_enquiries, PT_COUNT, "s47_started", "section 47 enquiries started in the year")          \
    X(icpcs, PT_COUNT, "icpc_held", "initial child protection conferences in the year")           \
    X(cpp_starts, PT_COUNT, "cp_plans_started", "child protection plans started in the year")     \
    X(cin_31mar, PT_COUNT, "cin_open+cp_open+lac_open", "children in need at 31 March (with those on plans and looked after)") \
    X(cpp_31mar, PT_COUNT, "cp_open", "children on a child protection plan at 31 March")          \
    X(cla_31mar, PT_COUNT, "lac_open", "children looked after at 31 March")                       \
    X(caseload, PT_REAL, "caseload_per_sw", "cases per case-holding social worker (FTE)")

#define PARAMS_TARGET_ENUM(key, type, metrics, what) PARAMS_TARGET_##key,
enum { PARAMS_TARGETS(PARAMS_TARGET_ENUM) PARAMS_TARGET_COUNT };

typedef struct params_targets {
    double value[PARAMS_TARGET_COUNT]; /* the published figure, in the measure's unit; 0: none */
} params_targets;

const char *params_target_name(int t);    /* "referrals" */
const char *params_target_metrics(int t); /* "cin_open+cp_open+lac_open" */
const char *params_target_doc(int t);
int params_target_find(const char *name); /* index, or -1 */
int params_target_is_share(int t);        /* 1: a rate 0..1 */
/* The model's value to compare with target t: the sum of its measures' values in mean[] (indexed
 * by metric_id); NAN when a measure is not in this build. */
double params_target_model(int t, const double *mean);

typedef struct model_params {
    /* [scenario] */
    char name[128];          /* the scenario's full name, in the report */
    char label[40];          /* a short name for chart keys and sentences ("" = the name) */
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
    double presentation_sd;       /* spread of a family's persistent presentation (need score) */
    double repeat_prob;           /* chance an unmet family contacts again at slight unmet need */
    double repeat_prob_urgency;   /* how fast the chance of not coming back falls with unmet need */
    double repeat_delay;          /* working days, mean delay to a repeat contact at no unmet need */
    double repeat_urgency;        /* how fast that delay falls with unmet need (per need unit) */
    double escalation;            /* need rise per year while unmet */
    double unmet_persistence;     /* working days, mean time the unmet need of a family that never
                                     comes back persists (then it falls: circumstances change) */
    double rereferral_prob;       /* chance a closed case comes back */
    double rereferral_delay;      /* working days, mean delay to that contact */

    /* [front_door] */
    double screening_hours;       /* effort per contact, hours */
    double noise_qualified;       /* sd of perception noise, qualified screener */
    double noise_unqualified;     /* sd of perception noise, less qualified screener */
    double noise_overload;        /* extra sd per day of backlog beyond a day's work */
    double threshold_early_help;  /* perceived need from which a contact goes to early help */
    double threshold_referral;    /* perceived need from which it is referred to social care */
    double threshold_shift;       /* standing threshold pressure on the referral threshold */
    int history_use;              /* 1: chronologies used (earlier contacts raise perceived need) */
    double history_weight;        /* rise in perceived need per earlier contact in the window */
    double history_window;        /* working days of history a chronology covers */
    double history_discount;      /* share of a family's presentation a chronology sees through */
    double review_share;          /* share of decisions a manager reviews when time allows */
    double review_hours;          /* manager hours per review */
    double review_noise;          /* sd of a reviewing manager's error in perceived need */
    double gatekeeping;           /* rise of the referral threshold per unit of social care
                                     overload (0: off) */
    double gatekeeping_from;      /* social care load (cases / (workers x cap)) where it starts */

    /* [management] one budget of manager time for review and supervision */
    double oversight_hours;       /* hours per manager FTE a week for review and supervision */
    double supervision_hours;     /* standard: supervision hours per worker a week */
    double supervision_noise;     /* rise of a worker's noise (share) with no supervision at all */

    /* [early_help] */
    double eh_caseload_cap;       /* families per FTE */
    double eh_caseload_max;       /* families per FTE at most, once families wait too long */
    double eh_stretch_after;      /* working days the oldest waits before workers take more */
    double days_open_per_week;    /* capacity scales with days open / 5 */
    double episode_mean;          /* working days */
    double episode_cv;            /* coefficient of variation of episode length */
    double step_up_prob;          /* chance a level 2-3 family the worker sees as such is stepped up */
    double noise_early_help;      /* sd of a family support worker's error in perceived need */
    double wait_patience;         /* working days, mean time a family waits before giving up */

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

    /* [units] team structure (Reclaiming Social Work: model_units.c) */
    int structure;                /* params_structure at the start of the run */
    double unit_consultants;      /* per unit, FTE: consultant social workers (qualified) */
    double unit_social_workers;   /* social workers (qualified) */
    double unit_practitioners;    /* children's practitioners */
    double unit_clinicians;       /* clinicians */
    double unit_coordinators;     /* unit coordinators */
    double unit_caseload_cap;     /* allocation benchmark of a full unit, children */
    double unit_caseload_max;     /* hard maximum of a full unit, children */
    double unit_admin_relief;     /* hours a week a coordinator gives each qualified member back */
    double unit_practitioner_share; /* share of a practitioner's hours that do case work */
    double unit_clinician_noise;  /* multiplier on assessor noise with a clinician in the unit */

    /* [costs] */
    double lac_weekly_cost;       /* pounds per looked-after child per week */

    params_report report;
    params_targets targets;

    params_staff staff[ROLE_COUNT];
    int n_events;
    params_event events[PARAMS_MAX_EVENTS]; /* in date order (the parser sorts them) */

    /* The one pointer: NULL (a warm-up start), or the open cases and staff to start from
     * (include/model/snapshot.h), owned by the caller and read-only while runs use it. No
     * scenario file sets it: `caseload run --snapshot DIR` does. With it, start is the
     * snapshot's date and warmup 0. */
    const struct model_snapshot *snapshot;
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
    PT_DIRECTION, /* lower, higher, neither or cost -> int (metric_direction) */
    PT_SMALLEST, /* "0.5", "2% of baseline" or "1 or 2% of baseline" -> params_smallest */
    PT_STRUCTURE, /* pools or units (events also: unchanged) -> int (params_structure) */
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
    /* Where the default comes from: "QUANTITY|YEAR", the first and fourth fields of a row of
     * data/published-figures.csv (tests/scenario/test_sources.c checks the row exists), or NULL:
     * an assumption, listed as such in the report's assumptions list. Rows made with P(), S() or
     * E() in sim/params.c are assumptions; PS(), SS() and ES() take the citation last. */
    const char *source;
} params_spec;

extern const params_spec params_specs[];       /* rows for model_params sections */
extern const size_t params_specs_count;
extern const params_spec params_staff_specs[]; /* rows for params_staff */
extern const size_t params_staff_specs_count;
extern const params_spec params_event_specs[]; /* rows for params_event ("type", "date" included) */
extern const size_t params_event_specs_count;

/* Where a key's default comes from (a params_spec's source, or params_staff_source), for people: "published: QUANTITY (YEAR), row of
 * data/published-figures.csv" or "assumption". */
void params_source_text(const char *source, char *buf, size_t len);
/* 1 when a key's default is a modelling assumption the report must list: it acts on the model
 * (not a name or a [report] setting) and cites no published row. */
int params_is_assumption(const params_spec *spec);

/* The citation of a [staff "ROLE"] key's default for that pool: the row's own, or one that holds
 * for this pool only (a short table in params.c); NULL for an assumption. */
const char *params_staff_source(params_role role, const params_spec *spec);

/* 1 when p's service is in units at some time (from the start or after a restructure). A key of
 * [units] or of a unit member's pool (params_key_is_units: "units.*", "staff.practitioner.*", ...)
 * acts only then, so a pools scenario's assumptions list leaves them out. */
int params_uses_units(const model_params *p);
int params_key_is_units(const char *key);

/* Fill *p with the defaults: a typical English authority (see docs/model.md for sources). */
void params_defaults(model_params *p);
/* Defaults for one event of a type (the values its keys take when the file leaves them out). */
void params_event_defaults(params_event *ev, params_event_type type);

/* Check relations between fields that no single range can (thresholds in order, events sorted,
 * the run long enough). Returns 0, or -1 with a message naming the keys in err. */
int params_check(const model_params *p, char *err, size_t errlen);

#endif
