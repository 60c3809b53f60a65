/* params: the key tables and the defaults. See include/model/params.h.
 * A default taken from a published figure cites its row of data/published-figures.csv in the
 * table (PS, SS, ES: the citation last); one made with P, S or E is an assumption, and the report
 * lists it as one. docs/model.md section 7 gives the calibration behind the fitted ones. */
#include "params.h"
#include <math.h>

#include <stdio.h>
#include <string.h>

static const char *const role_names[ROLE_COUNT] = {
    "social_worker", "front_door", "front_door_unqualified", "early_help", "manager",
    "practitioner",  "clinician",  "coordinator",
};

static const char *const event_type_names[EVT_TYPE_COUNT] = {
    "budget_cut",     "restructure", "threshold_pressure", "history_use",
    "recruitment_freeze", "investment", "agency_cap",   "demand_shock",
};

static const char *const role_labels[ROLE_COUNT] = {
    "social workers", "front door social workers", "front door contact officers",
    "early help staff", "team managers", "children's practitioners", "clinicians",
    "unit coordinators",
};

const char *params_role_name(params_role r)
{
    return (r >= 0 && r < ROLE_COUNT) ? role_names[r] : "?";
}

const char *params_role_label(params_role r)
{
    return (r >= 0 && r < ROLE_COUNT) ? role_labels[r] : "?";
}

int params_role_parse(const char *s)
{
    for (int i = 0; i < ROLE_COUNT; i++)
        if (!strcmp(s, role_names[i]))
            return i;
    return -1;
}

const char *params_event_type_name(params_event_type t)
{
    return (t >= 0 && t < EVT_TYPE_COUNT) ? event_type_names[t] : "?";
}

int params_event_type_parse(const char *s)
{
    for (int i = 0; i < EVT_TYPE_COUNT; i++)
        if (!strcmp(s, event_type_names[i]))
            return i;
    return -1;
}

#define BIG 1e12
#define WD_MAX (CAL_WEEKDAYS_YEAR * 50) /* fifty years of working days */

#define P(sec, k, t, field, lo, hi, u, d) \
    {sec, #k, t, offsetof(model_params, field), sizeof(((model_params *)0)->field), lo, hi, u, d, \
     0, 0, NULL}
#define PS(sec, k, t, field, lo, hi, u, d, src) \
    {sec, #k, t, offsetof(model_params, field), sizeof(((model_params *)0)->field), lo, hi, u, d, \
     0, 0, src}
/* A citation: the first and fourth fields (quantity, year) of a row of data/published-figures.csv */
#define SRC(quantity, year) quantity "|" year

/* Two [report] keys per metric, made from the metric list so a new metric has them at once. */
#define REPORT_ROWS(id, kind, unit, label)                                                        \
    P("report", direction_##id, PT_DIRECTION, report.direction[M_##id], MD_NEITHER, MD_COST,      \
      "lower, higher, neither or cost", "Which way is better for children: " label),              \
    P("report", smallest_##id, PT_SMALLEST, report.smallest[M_##id], 0, BIG, unit,                \
      "Smallest difference that matters (stored unit, or % of baseline): " label),

/* One [targets] key per target, from the list in params.h. */
#define TARGET_ROWS(key, type, metrics, what)                                                     \
    P("targets", key, type, targets.value[PARAMS_TARGET_##key], 0, type == PT_SHARE ? 1 : BIG,   \
      "as published (0: none)",                                                                   \
      "Published figure the baseline was fitted to, for the report: " what),

const params_spec params_specs[] = {
    P("scenario", name, PT_TEXT, name, 0, 0, "text", "The scenario's full name, shown in the report"),
    P("scenario", label, PT_TEXT, label, 0, 0, "text",
      "Short name (up to 39 characters) for chart keys and sentences; empty: the name"),
    P("scenario", start, PT_DATE, start, 0, 0, "date", "First day of the measured period"),
    P("scenario", years, PT_COUNT, years, 0.25, 50, "years", "Length of the measured period"),
    P("scenario", warmup, PT_DURATION, warmup, 0, WD_MAX, "working days",
      "Simulated before the start and not counted, so caseloads start realistic"),

    P("demand", children, PT_COUNT, children, 1, 2e7, "children", "Child population under 18"),
    PS("demand", contacts_per_week, PT_COUNT, contacts_per_week, 0, 100000, "contacts a week",
      "Base rate of first contacts from new families (a family is one contact; counts are in "
      "its children)",
      SRC("referral rate (LA median)", "~2010-16")),
    PS("demand", family_one_child, PT_SHARE, family_one_child, 0, 1, "share",
      "Families with one child (default 44.6%); counts, rates and caseloads are in children",
      SRC("share of families with 1 / 2 / 3+ children", "2024")),
    PS("demand", family_two_children, PT_SHARE, family_two_children, 0, 1, "share",
      "Families with two children (default 41.0%); the rest have three or more (3, 4, 5 children "
      "in 70 / 20 / 10%, assumption)",
      SRC("share of families with 1 / 2 / 3+ children", "2024")),
    P("demand", sibling_work, PT_SHARE, sibling_work, 0, 1, "share",
      "Extra work per further child in a family, as a share of one child's (assumption, 0.3)"),
    P("demand", seasonal, PT_MONTHLY, seasonal, 0, 10, "multipliers",
      "Twelve monthly factors on the base rate, January first"),
    P("demand", trend, PT_SHARE, trend, -0.5, 1, "share a year", "Yearly growth of the base rate"),
    P("demand", need_mean, PT_REAL, need_mean, -10, 10, "need score", "Mean latent need of a new family"),
    P("demand", need_sd, PT_REAL, need_sd, 0.01, 10, "need score", "Spread of latent need"),
    P("demand", level_early_help, PT_REAL, level_early_help, -10, 10, "need score",
      "Need from which a family needs early help (level 1)"),
    PS("demand", level_cin, PT_REAL, level_cin, -10, 10, "need score",
      "Need from which a child is in need (level 2)",
      SRC("assessed 'not in need'", "2018-19")),
    PS("demand", level_cp, PT_REAL, level_cp, -10, 10, "need score",
      "Need from which a child needs protection (level 3); an enquiry that finds it leads to an "
      "initial conference",
      SRC("ICPCs per referral", "2014-15")),
    PS("demand", level_lac, PT_REAL, level_lac, -10, 10, "need score",
      "Need beyond which a child must be looked after",
      SRC("CLA starts / ceased", "2023-24")),
    PS("demand", level_s47, PT_REAL, level_s47, -10, 10, "need score",
      "Assessed need from which an assessment leads to a section 47 enquiry",
      SRC("s47 enquiries per referral", "2014-15")),
    P("demand", presentation_sd, PT_REAL, presentation_sd, 0, 10, "need score",
      "Spread of how much better (or worse) a family looks than it is, drawn once and kept "
      "(assumption, 0.5)"),
    P("demand", repeat_prob, PT_SHARE, repeat_prob, 0, 1, "share",
      "Chance a family whose unmet need is slight contacts again (assumption, 40%)"),
    P("demand", repeat_prob_urgency, PT_REAL, repeat_prob_urgency, 0, 100, "per need unit",
      "How fast the chance of never coming back falls as unmet need grows (assumption, 0.5)"),
    P("demand", repeat_delay, PT_DURATION, repeat_delay, 1, WD_MAX, "working days",
      "Mean delay to a repeat contact when unmet need is slight"),
    P("demand", repeat_urgency, PT_REAL, repeat_urgency, 0, 100, "per need unit",
      "How fast the repeat delay shortens as unmet need grows"),
    P("demand", escalation, PT_REAL, escalation, 0, 10, "need score a year",
      "Rise of need while a family waits unmet"),
    P("demand", unmet_persistence, PT_DURATION, unmet_persistence, 1, WD_MAX, "working days",
      "Mean time the unmet need of a family that never comes back persists before it falls "
      "(assumption, 2 years)"),
    PS("demand", rereferral_prob, PT_SHARE, rereferral_prob, 0, 1, "share",
      "Chance a closed case contacts again",
      SRC("re-referral within 12m", "2023-24")),
    P("demand", rereferral_delay, PT_DURATION, rereferral_delay, 1, WD_MAX, "working days",
      "Mean delay before a closed case contacts again"),

    PS("front_door", screening_hours, PT_REAL, screening_hours, 0.01, 100, "hours",
      "Screening effort per contact (~1.2 h: a MASH of 31 screeners deciding ~3,200 contacts a month, 2019)",
      SRC("contacts per screener per working day (D)", "2018-19")),
    P("front_door", noise_qualified, PT_REAL, noise_qualified, 0, 10, "need score",
      "Spread of a qualified screener's error in perceived need"),
    P("front_door", noise_unqualified, PT_REAL, noise_unqualified, 0, 10, "need score",
      "Spread of a less qualified screener's error"),
    P("front_door", noise_overload, PT_REAL, noise_overload, 0, 10, "need score per day",
      "Extra error per day of backlog beyond a day's work"),
    P("front_door", threshold_early_help, PT_REAL, threshold_early_help, -10, 10, "need score",
      "Perceived need from which a contact goes to early help"),
    PS("front_door", threshold_referral, PT_REAL, threshold_referral, -10, 10, "need score",
      "Perceived need from which a contact is referred to social care",
      SRC("initial contacts (est)", "2017-18")),
    P("front_door", threshold_shift, PT_REAL, threshold_shift, -10, 10, "need score",
      "Standing threshold pressure: raises the referral threshold"),
    P("front_door", history_use, PT_BOOL, history_use, 0, 1, "yes/no",
      "Chronologies used: earlier contacts raise perceived need"),
    P("front_door", history_weight, PT_REAL, history_weight, 0, 10, "need score",
      "Rise in perceived need per earlier contact in the chronology's window"),
    PS("front_door", history_window, PT_DURATION, history_window, 1, WD_MAX, "working days",
      "History a chronology covers (Baby T: eight contacts over six years)",
      SRC("Baby T contacts without assessment", "2006-2012")),
    P("front_door", history_discount, PT_SHARE, history_discount, 0, 1, "share",
      "Share of a family's presentation a chronology (or a reviewing manager) sees through "
      "(assumption, 50%)"),
    P("front_door", review_share, PT_SHARE, review_share, 0, 1, "share",
      "Share of decisions a manager reviews when manager time allows"),
    P("front_door", review_hours, PT_REAL, review_hours, 0.01, 100, "hours",
      "Manager time per review"),
    P("front_door", review_noise, PT_REAL, review_noise, 0, 10, "need score",
      "Spread of a reviewing manager's error in perceived need (assumption, 0.2)"),
    P("front_door", gatekeeping, PT_REAL, gatekeeping, 0, 10, "need score",
      "Gatekeeping under load: rise of the referral threshold per unit of social care load above "
      "gatekeeping_from (assumption; off by default)"),
    P("front_door", gatekeeping_from, PT_REAL, gatekeeping_from, 0, 10, "ratio",
      "Social care load (cases held and unallocated / (social workers x caseload cap)) from which "
      "gatekeeping acts (assumption, 1.0)"),

    P("management", oversight_hours, PT_REAL, oversight_hours, 0, 80, "hours a week",
      "Hours per manager FTE a week for reviewing decisions and supervising (assumption, 5)"),
    PS("management", supervision_hours, PT_REAL, supervision_hours, 0, 40, "hours a week",
      "Supervision standard per worker (1.5 hours a month: SWRB supervision framework, 2011)",
      SRC("supervision standard: session length / frequency after the first six months",
          "2011 (SWRB; LGA standard 5 since)")),
    P("management", supervision_noise, PT_REAL, supervision_noise, 0, 10, "share",
      "Rise of a worker's judgement error with no supervision at all (assumption, 50%)"),

    P("early_help", caseload_cap, PT_COUNT, eh_caseload_cap, 0.1, 1000, "families per FTE",
      "Families an early help worker holds at once"),
    P("early_help", caseload_max, PT_COUNT, eh_caseload_max, 0.1, 1000, "families per FTE",
      "Families a worker holds at most, once the oldest on the waiting list has waited too long "
      "(assumption, 22: half as many again)"),
    P("early_help", stretch_after, PT_DURATION, eh_stretch_after, 0, WD_MAX, "working days",
      "Wait of the oldest family after which workers take families above caseload_cap "
      "(assumption, 4 weeks)"),
    P("early_help", days_open_per_week, PT_REAL, days_open_per_week, 0.5, 5, "days",
      "Days a week the service is open; capacity scales with it"),
    P("early_help", episode_mean, PT_DURATION, episode_mean, 1, WD_MAX, "working days",
      "Mean length of an early help episode"),
    P("early_help", episode_cv, PT_REAL, episode_cv, 0, 5, "ratio",
      "Coefficient of variation of episode length"),
    P("early_help", step_up_prob, PT_SHARE, step_up_prob, 0, 1, "share",
      "Chance a family its worker sees at level 2 or 3 is stepped up to a referral"),
    P("early_help", noise_early_help, PT_REAL, noise_early_help, 0, 10, "need score",
      "Spread of a family support worker's error in perceived need (assumption, 0.4)"),
    P("early_help", wait_patience, PT_DURATION, wait_patience, 1, WD_MAX, "working days",
      "Mean time a family waits for early help before giving up (assumption, 3 months)"),

    PS("social_work", caseload_cap, PT_COUNT, caseload_cap, 1, 200, "cases per FTE",
      "Allocation benchmark: children a qualified social worker is allocated freely (default 20)",
      SRC("proposed national cap (opinion)", "2016")),
    P("social_work", caseload_cap_nqsw, PT_COUNT, caseload_cap_nqsw, 1, 200, "cases per FTE",
      "Protected benchmark for newly qualified social workers, never exceeded (assumption, 15)"),
    P("social_work", caseload_max, PT_COUNT, caseload_max, 1, 200, "cases per FTE",
      "Hard maximum: above the benchmark managers allocate up to this, then hold cases "
      "unallocated (default 35, assumption; LA averages reach 26, range 8-51)"),
    PS("social_work", allocation_wait, PT_DURATION, allocation_wait, 0, WD_MAX, "working days",
      "Wait the team tolerates before allocating above the benchmark (default 10 wd, 2 weeks)",
      SRC("procedure: escalate if unallocated / minimum visit while unallocated", "current")),
    P("social_work", allocation_interval, PT_DURATION, allocation_interval, 0, 261, "working days",
      "Time between allocation meetings (0 = cases are allocated as soon as someone can take them)"),
    P("social_work", nqsw_share, PT_SHARE, nqsw_share, 0, 1, "share",
      "Share of social workers newly qualified at the start"),
    P("social_work", nqsw_recruit_share, PT_SHARE, nqsw_recruit_share, 0, 1, "share",
      "Share of new recruits who are newly qualified"),
    P("social_work", asye, PT_DURATION, asye, 1, WD_MAX, "working days",
      "Time until a newly qualified worker carries a full caseload"),
    PS("social_work", hours_cin, PT_REAL, hours_cin, 0, 40, "hours a week",
      "Work per child in need case, one child (default 2.35; the ratio to CP and LAC is an "
      "assumption)",
      SRC("case work per case", "2018")),
    P("social_work", hours_cp, PT_REAL, hours_cp, 0, 40, "hours a week",
      "Work per child protection case, one child (default 4.7, twice CIN: assumption)"),
    P("social_work", hours_lac, PT_REAL, hours_lac, 0, 40, "hours a week",
      "Work per looked-after child (default 2.95, 1.25 x CIN: assumption)"),
    P("social_work", hours_s47, PT_REAL, hours_s47, 0, 40, "hours a week",
      "Work per section 47 enquiry under way (assumption, 6)"),
    PS("social_work", assessment_hours, PT_REAL, assessment_hours, 0.1, 1000, "hours",
      "Mean effort of one child's assessment at child protection level (lower for lower need, "
      "see assessment_need_slope; 10.6 h at need 1.0)",
      SRC("initial assessment average time", "2009-10")),
    P("social_work", assessment_cv, PT_REAL, assessment_cv, 0, 5, "ratio",
      "Coefficient of variation of assessment effort (default 0.6, fitted to the DfE duration "
      "bands: assumption)"),
    P("social_work", assessment_floor, PT_REAL, assessment_floor, 0.01, 40, "hours a week",
      "Least time an assessment in progress gets, however full the week"),
    PS("social_work", assessment_min, PT_DURATION, assessment_min, 0, WD_MAX, "working days",
      "Mean time the checks with partner agencies take, for families at child in need level or "
      "above (default 10)",
      SRC("wait to be seen after meeting threshold / partner info response", "2022")),
    P("social_work", assessment_min_cv, PT_REAL, assessment_min_cv, 0, 5, "ratio",
      "Coefficient of variation of that least time across referrals (0 = the same for all)"),
    P("social_work", noise_assessor, PT_REAL, noise_assessor, 0, 10, "need score",
      "Spread of a qualified assessor's error in assessed need"),
    P("social_work", noise_nqsw, PT_REAL, noise_nqsw, 0, 10, "need score",
      "Spread of a newly qualified or agency assessor's error"),
    P("social_work", outcome_shift, PT_REAL, outcome_shift, -10, 10, "need score",
      "Standing shift of assessment outcome cut points"),
    PS("social_work", conference_delay, PT_DURATION, conference_delay, 0, WD_MAX, "working days",
      "Mean time from the start of a section 47 enquiry to its end, the initial conference "
      "(target 15; default 14.3, median 14)",
      SRC("s47 -> ICPC duration P25 / median / P75", "2022-23 & 2024-25")),
    PS("social_work", conference_cv, PT_REAL, conference_cv, 0, 5, "ratio",
      "Coefficient of variation of the time to the initial conference (default 0.15)",
      SRC("s47 -> ICPC duration P25 / median / P75", "2022-23 & 2024-25")),
    PS("social_work", cpp_share, PT_SHARE, cpp_share, 0, 1, "share",
      "Initial conferences that make a child protection plan (default 87.4%); the rest get a "
      "child in need plan",
      SRC("ICPC per s47 / CPP per ICPC", "2014-15")),
    P("social_work", assessment_need_slope, PT_REAL, assessment_need_slope, 0, 10, "per need unit",
      "Assessment effort x exp(slope x (need - level_cp)): clear, low-need cases are quick "
      "(assumption, 0.8)"),
    P("social_work", deadline_focus, PT_DURATION, deadline_focus, 0, WD_MAX, "working days",
      "Age from which an assessment gets more of its worker's time (work to the 45-day "
      "timescale; assumption, 39 wd, fitted to the DfE 2024-25 duration bands)"),
    P("social_work", deadline_weight, PT_REAL, deadline_weight, 1, 100, "ratio",
      "Weight of such an assessment in the worker's sharing of spare hours, 1 before "
      "(assumption, 12)"),
    P("social_work", overload_noise, PT_REAL, overload_noise, 0, 1, "need score per case",
      "Extra spread of an assessor's error per case held above the benchmark (assumption, 0.02)"),
    P("social_work", overload_haste, PT_SHARE, overload_haste, 0, 0.5, "share per case",
      "Share of an assessment's effort cut per case above the benchmark when it is allocated, "
      "at most half (assumption, 2%)"),
    PS("social_work", cin_duration, PT_DURATION, cin_duration, 1, WD_MAX, "working days",
      "Mean length of a child in need plan",
      SRC("caseload", "2018/2019/2020/2022/2023")),
    PS("social_work", cp_duration, PT_DURATION, cp_duration, 1, WD_MAX, "working days",
      "Mean length of a child protection plan",
      SRC("CPP at 31 Mar", "2017 / 2020 / 2022")),
    PS("social_work", lac_duration, PT_DURATION, lac_duration, 1, WD_MAX, "working days",
      "Mean time a child is looked after",
      SRC("CLA at 31 Mar", "2019-2024")),
    P("social_work", plan_cv, PT_REAL, plan_cv, 0, 5, "ratio",
      "Coefficient of variation of plan lengths"),
    P("social_work", initial_cin_per_10k, PT_REAL, initial_cin_per_10k, 0, 1000, "per 10,000 children",
      "Child in need plans already open when the warm-up starts"),
    PS("social_work", initial_cp_per_10k, PT_REAL, initial_cp_per_10k, 0, 1000, "per 10,000 children",
      "Child protection plans already open when the warm-up starts",
      SRC("CPP at 31 Mar", "2017 / 2020 / 2022")),
    PS("social_work", initial_lac_per_10k, PT_REAL, initial_lac_per_10k, 0, 1000, "per 10,000 children",
      "Children already looked after when the warm-up starts",
      SRC("CLA rate", "2012-16 / 2023 / 2024")),
    P("social_work", handoff_delay, PT_DURATION, handoff_delay, 0, WD_MAX, "working days",
      "Time lost when a case changes worker"),
    P("social_work", handoff_lost, PT_SHARE, handoff_lost, 0, 1, "share",
      "Share of assessment progress lost when a case changes worker"),

    P("units", structure, PT_STRUCTURE, structure, 0, 1, "pools or units",
      "Team structure of social work: pools of individual workers, or units that hold their cases "
      "together (Reclaiming Social Work, the Hackney model): one unit per qualified composition "
      "of the social worker establishment; the practitioner, clinician and coordinator pools then "
      "get units x composition posts (their [staff] fte is not used)"),
    PS("units", consultants, PT_COUNT, unit_consultants, 0, 10, "FTE per unit",
      "Consultant social workers per unit (qualified; Hackney: 1)",
      SRC("Hackney RSW unit composition", "2010")),
    PS("units", social_workers, PT_COUNT, unit_social_workers, 0, 10, "FTE per unit",
      "Social workers per unit (qualified; Hackney: 1); a unit's qualified members are the "
      "consultants and these, drawn from [staff \"social_worker\"]",
      SRC("Hackney RSW unit composition", "2010")),
    PS("units", practitioners, PT_COUNT, unit_practitioners, 0, 10, "FTE per unit",
      "Children's practitioners per unit (not qualified; Hackney: 1)",
      SRC("Hackney RSW unit composition", "2010")),
    PS("units", clinicians, PT_COUNT, unit_clinicians, 0, 10, "FTE per unit",
      "Clinicians per unit (Hackney: 1)", SRC("Hackney RSW unit composition", "2010")),
    PS("units", coordinators, PT_COUNT, unit_coordinators, 0, 10, "FTE per unit",
      "Unit coordinators per unit (Hackney: 1)", SRC("Hackney RSW unit composition", "2010")),
    PS("units", caseload_cap, PT_COUNT, unit_caseload_cap, 1, 200, "children per unit",
      "Allocation benchmark of a unit with all its qualified members in post (default 40, within "
      "Hackney's 30 to 60); a unit short of them takes that share of it",
      SRC("Hackney unit caseload", "2010")),
    PS("units", caseload_max, PT_COUNT, unit_caseload_max, 1, 200, "children per unit",
      "Hard maximum of a full unit: above the benchmark managers allocate up to this (default 60, "
      "Hackney's upper end)",
      SRC("Hackney unit caseload", "2010")),
    P("units", admin_relief, PT_REAL, unit_admin_relief, 0, 40, "hours a week",
      "Case work hours a week the coordinator gives back to each qualified member by taking "
      "administration off them (assumption, 4 of the ~15 a social worker spends on it)"),
    P("units", practitioner_share, PT_SHARE, unit_practitioner_share, 0, 1, "share",
      "Share of a children's practitioner's hours that do the unit's plan work (visits; at most "
      "its plan work other than section 47 enquiries, which only the qualified lead: assumption, "
      "50%)"),
    P("units", clinician_noise, PT_REAL, unit_clinician_noise, 0.1, 2, "multiplier",
      "Assessor noise multiplied by this in a unit with its clinician in post (assumption, 0.8)"),

    P("costs", lac_weekly_cost, PT_MONEY, lac_weekly_cost, 0, 1e6, "pounds a week",
      "Placement cost per looked-after child"),

    METRICS_LIST(REPORT_ROWS)
    PARAMS_TARGETS(TARGET_ROWS)
};
const size_t params_specs_count = sizeof params_specs / sizeof params_specs[0];

#define S(k, t, lo, hi, u, d) \
    {"staff", #k, t, offsetof(params_staff, k), sizeof(((params_staff *)0)->k), lo, hi, u, d, 0, 0, \
     NULL}
#define SS(k, t, lo, hi, u, d, src) \
    {"staff", #k, t, offsetof(params_staff, k), sizeof(((params_staff *)0)->k), lo, hi, u, d, 0, 0, \
     src}

const params_spec params_staff_specs[] = {
    S(fte, PT_COUNT, 0, 50000, "FTE", "Funded establishment"),
    S(vacancy, PT_SHARE, 0, 1, "share", "Share of establishment vacant at the start"),
    S(agency_share, PT_SHARE, 0, 1, "share", "Share of vacancies covered by agency staff"),
    S(turnover, PT_SHARE, 0, 5, "share a year", "Leavers per FTE in post a year"),
    S(recruitment_lag, PT_DURATION, 0, WD_MAX, "working days", "Mean time to fill a funded vacancy"),
    S(agency_lag, PT_DURATION, 0, WD_MAX, "working days", "Mean time for agency cover to start"),
    S(salary, PT_MONEY, 0, 1e7, "pounds a year", "Salary per FTE"),
    S(oncost, PT_SHARE, 0, 2, "share", "On-costs added to salary"),
    S(agency_premium, PT_SHARE, 0, 5, "share", "Agency premium on salary and on-costs"),
    S(hours_per_week, PT_REAL, 0, 80, "hours a week", "Productive hours per FTE"),
    S(running_cost, PT_MONEY, 0, 1e7, "pounds a day open",
      "Running costs per day open (children's centres: IoW ~£1.63m for 8 centres, 2014)"),
};
const size_t params_staff_specs_count = sizeof params_staff_specs / sizeof params_staff_specs[0];

#define T(t) (1u << (t))
#define E(k, ty, lo, hi, u, types, req, d)                                                        \
    {"event", #k, ty, offsetof(params_event, k), sizeof(((params_event *)0)->k), lo, hi, u, d, \
     types, req, NULL}
#define ALL_TYPES ((1u << EVT_TYPE_COUNT) - 1)

const params_spec params_event_specs[] = {
    E(date, PT_DATE, 0, 0, "date", ALL_TYPES, ALL_TYPES, "Day the effect starts"),
    E(target, PT_ROLE, 0, ROLE_COUNT - 1, "staff role",
      T(EVT_BUDGET_CUT) | T(EVT_INVESTMENT) | T(EVT_RECRUITMENT_FREEZE),
      T(EVT_BUDGET_CUT) | T(EVT_INVESTMENT), "Staff pool the event acts on"),
    E(fraction, PT_SHARE, 0, 1, "share", T(EVT_BUDGET_CUT), T(EVT_BUDGET_CUT),
      "Share of the target pool's budget in pounds (staff and running costs) saved"),
    E(by_attrition, PT_BOOL, 0, 1, "yes/no", T(EVT_BUDGET_CUT), 0,
      "Posts go as people leave rather than at once"),
    E(fte_share, PT_SHARE, 0, 1, "share of the saving", T(EVT_BUDGET_CUT), 0,
      "Share of the saving made by cutting posts (left out: what the other landings leave)"),
    E(closure_share, PT_SHARE, 0, 1, "share of the saving", T(EVT_BUDGET_CUT), 0,
      "Share of the saving made by closing days (staff and running costs of a day open)"),
    E(management_share, PT_SHARE, 0, 1, "share of the saving", T(EVT_BUDGET_CUT), 0,
      "Share of the saving made by cutting manager time (at a manager's cost)"),
    E(duration, PT_DURATION, 0, WD_MAX, "working days",
      T(EVT_RESTRUCTURE) | T(EVT_RECRUITMENT_FREEZE) | T(EVT_DEMAND_SHOCK) | T(EVT_THRESHOLD_PRESSURE)
          | T(EVT_AGENCY_CAP),
      T(EVT_RESTRUCTURE), "How long the effect lasts (0 = to the end of the run)"),
    E(ramp, PT_DURATION, 0, WD_MAX, "working days",
      T(EVT_DEMAND_SHOCK) | T(EVT_THRESHOLD_PRESSURE) | T(EVT_INVESTMENT), 0,
      "Time to reach full strength"),
    E(productivity, PT_SHARE, 0.05, 2, "multiplier", T(EVT_RESTRUCTURE), 0,
      "Productive hours multiplied by this while disrupted"),
    E(turnover_multiplier, PT_REAL, 0, 20, "multiplier", T(EVT_RESTRUCTURE), 0,
      "Turnover multiplied by this while disrupted"),
    E(handoff_share, PT_SHARE, 0, 1, "share", T(EVT_RESTRUCTURE), 0,
      "Share of open cases handed to another worker"),
    E(new_caseload_cap, PT_COUNT, 0, 200, "cases per FTE", T(EVT_RESTRUCTURE), 0,
      "Social worker caseload cap after the restructure (0 = unchanged)"),
    E(structure, PT_STRUCTURE, -1, 1, "pools, units or unchanged", T(EVT_RESTRUCTURE), 0,
      "Team structure from the date: pools or units (unchanged: the one in force)"),
    E(competence_checked, PT_BOOL, 0, 1, "yes/no", T(EVT_RESTRUCTURE), 0,
      "Moving into units: the new units' social work competence was checked (no: their assessors "
      "are noisier until settling ends)"),
    E(settling, PT_DURATION, 0, WD_MAX, "working days", T(EVT_RESTRUCTURE), 0,
      "Moving into units: how long unchecked units stay noisier (0 = the disruption's duration)"),
    E(unchecked_noise, PT_REAL, 1, 5, "multiplier", T(EVT_RESTRUCTURE), 0,
      "Moving into units without checking competence: assessor noise multiplied by this while "
      "settling (assumption, 1.5)"),
    E(threshold_shift, PT_REAL, -10, 10, "need score", T(EVT_THRESHOLD_PRESSURE), 0,
      "Rise of the referral threshold: more contacts go to early help"),
    E(early_help_shift, PT_REAL, -10, 10, "need score", T(EVT_THRESHOLD_PRESSURE), 0,
      "Rise of the early help threshold (0: unchanged)"),
    E(outcome_shift, PT_REAL, -10, 10, "need score", T(EVT_THRESHOLD_PRESSURE), 0,
      "Assessment outcomes down a step: rise of the CIN and CP cut points (not looked after)"),
    E(enabled, PT_BOOL, 0, 1, "yes/no", T(EVT_HISTORY_USE), T(EVT_HISTORY_USE),
      "Chronologies used from the date (yes) or not (no)"),
    E(fte, PT_COUNT, 0, 50000, "FTE", T(EVT_INVESTMENT), T(EVT_INVESTMENT),
      "FTE added to the target's establishment"),
    E(cap, PT_SHARE, 0, 1, "share", T(EVT_AGENCY_CAP), T(EVT_AGENCY_CAP),
      "Most agency FTE as a share of establishment"),
    E(factor, PT_REAL, 0, 100, "multiplier", T(EVT_DEMAND_SHOCK), T(EVT_DEMAND_SHOCK),
      "New contacts multiplied by this at full strength"),
};
const size_t params_event_specs_count = sizeof params_event_specs / sizeof params_event_specs[0];


void params_source_text(const char *source, char *buf, size_t len)
{
    const char *bar = source ? strchr(source, '|') : NULL;
    if (!bar)
        snprintf(buf, len, "assumption");
    else
        snprintf(buf, len, "published: \"%.*s\" (%s), data/published-figures.csv",
                 (int)(bar - source), source, bar + 1);
}

#define TARGET_INFO(key, type, metrics, what) {#key, metrics, what, type == PT_SHARE},
static const struct { const char *name, *metrics, *doc; int share; } target_info[] = {
    PARAMS_TARGETS(TARGET_INFO)};

const char *params_target_name(int t) { return t >= 0 && t < PARAMS_TARGET_COUNT ? target_info[t].name : NULL; }
const char *params_target_metrics(int t) { return t >= 0 && t < PARAMS_TARGET_COUNT ? target_info[t].metrics : NULL; }
const char *params_target_doc(int t) { return t >= 0 && t < PARAMS_TARGET_COUNT ? target_info[t].doc : NULL; }

int params_target_is_share(int t) { return t >= 0 && t < PARAMS_TARGET_COUNT && target_info[t].share; }

int params_target_find(const char *name)
{
    for (int t = 0; t < PARAMS_TARGET_COUNT; t++)
        if (!strcmp(name, target_info[t].name))
            return t;
    return -1;
}

double params_target_model(int t, const double *mean)
{
    char buf[128];
    double v = 0;
    snprintf(buf, sizeof buf, "%s", target_info[t].metrics);
    for (char *save = NULL, *tok = strtok_r(buf, "+", &save); tok; tok = strtok_r(NULL, "+", &save)) {
        int id = metric_parse(tok);
        v += id >= 0 ? mean[id] : NAN;
    }
    return v;
}

int params_is_assumption(const params_spec *spec)
{
    if (!strcmp(spec->section, "report") || !strcmp(spec->section, "targets") ||
        spec->type == PT_TEXT || spec->type == PT_DATE)
        return 0; /* names, dates, the report's judging and the fit's targets do not act on the
                     model's behaviour */
    if (spec->type == PT_STRUCTURE)
        return 0; /* the team structure is the scenario's decision, not a guess about the world */
    return spec->source == NULL;
}

/* Staff defaults that a published figure gives for one pool only (the S rows apply to every pool,
 * so a citation there would claim too much). Add a line here to cite another. */
static const struct {
    params_role role;
    const char *key, *source;
} staff_sources[] = {
    {ROLE_SOCIAL_WORKER, "fte", SRC("caseload", "2018/2019/2020/2022/2023")},
    {ROLE_SOCIAL_WORKER, "turnover", SRC("SW FTE / starters / leavers / turnover", "2023")},
    {ROLE_SOCIAL_WORKER, "hours_per_week", SRC("children's SW productive case hours", "~2020")},
    {ROLE_SOCIAL_WORKER, "vacancy", SRC("SWs / agency / vacancies / turnover / caseload",
                                        "Sep 2017")},
    {ROLE_EARLY_HELP, "running_cost", SRC("IoW children's centres running costs (D)", "2014")},
};

const char *params_staff_source(params_role role, const params_spec *spec)
{
    for (size_t i = 0; i < sizeof staff_sources / sizeof staff_sources[0]; i++)
        if (staff_sources[i].role == role && !strcmp(staff_sources[i].key, spec->key))
            return staff_sources[i].source;
    return spec->source;
}

int params_uses_units(const model_params *p)
{
    int used = p->structure == STRUCTURE_UNITS;
    for (int i = 0; i < p->n_events; i++)
        used |= p->events[i].type == EVT_RESTRUCTURE && p->events[i].structure == STRUCTURE_UNITS;
    return used;
}

int params_key_is_units(const char *key)
{
    if (!strncmp(key, "units.", 6))
        return 1;
    for (int r = ROLE_PRACTITIONER; r < ROLE_COUNT; r++) {
        size_t n = strlen(role_names[r]);
        if (!strncmp(key, "staff.", 6) && !strncmp(key + 6, role_names[r], n) && key[6 + n] == '.')
            return 1;
    }
    return 0;
}

void params_event_defaults(params_event *ev, params_event_type type)
{
    memset(ev, 0, sizeof *ev);
    ev->type = type;
    ev->target = ROLE_SOCIAL_WORKER;
    ev->productivity = 1.0;
    ev->turnover_multiplier = 1.0;
    ev->factor = 1.0;
    ev->enabled = 1;
    ev->fte_share = 1; /* a file that leaves it out gets what the other landings leave */
    ev->structure = STRUCTURE_UNCHANGED;
    ev->competence_checked = 1;
    ev->unchecked_noise = 1.5;
    if (type == EVT_BUDGET_CUT)
        ev->target = ROLE_EARLY_HELP;
    if (type == EVT_RESTRUCTURE) {
        ev->productivity = 0.8;
        ev->turnover_multiplier = 1.5;
        ev->handoff_share = 0.3;
    }
}

static void staff(params_staff *s, double fte, double vacancy, double agency_share,
                  double turnover, double salary, double hours)
{
    s->fte = fte;
    s->vacancy = vacancy;
    s->agency_share = agency_share;
    s->turnover = turnover;
    s->recruitment_lag = 65;  /* about three months */
    s->agency_lag = 10;
    s->salary = salary;
    s->oncost = 0.30;
    s->agency_premium = 0.50;
    s->hours_per_week = hours;
}

void params_defaults(model_params *p)
{
    static const double seasonal[12] = {1.02, 1.04, 1.06, 1.02, 1.04, 1.03,
                                        1.02, 0.80, 0.98, 1.06, 1.06, 0.87};
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "Baseline");
    for (int m = 0; m < M_COUNT; m++) {
        p->report.direction[m] = (int)metric_default_direction((metric_id)m);
        p->report.smallest[m].abs = metric_default_smallest((metric_id)m,
                                                            &p->report.smallest[m].rel);
    }
    p->start = cal_from_ymd(2010, 4, 1);
    p->years = 5;
    p->warmup = CAL_WEEKDAYS_YEAR;

    p->children = 78000;
    p->family_one_child = 0.446;
    p->family_two_children = 0.410;
    p->sibling_work = 0.3;
    p->contacts_per_week = 131;
    memcpy(p->seasonal, seasonal, sizeof seasonal);
    p->trend = 0.0;
    p->need_mean = 0.0;
    p->need_sd = 1.0;
    p->level_early_help = 0.0;
    p->level_cin = 0.86;
    p->level_cp = 1.73;
    p->level_lac = 2.30;
    p->level_s47 = 1.50;
    p->presentation_sd = 0.5;
    p->repeat_prob = 0.4;
    p->repeat_prob_urgency = 0.5;
    p->repeat_delay = 120;
    p->repeat_urgency = 1.0;
    p->escalation = 0.2;
    p->unmet_persistence = 2 * 253;
    p->rereferral_prob = 0.23;
    p->rereferral_delay = 90;

    p->screening_hours = 1.2;
    p->noise_qualified = 0.3;
    p->noise_unqualified = 0.6;
    p->noise_overload = 0.1;
    p->threshold_early_help = 0.65;
    p->threshold_referral = 1.015;
    p->threshold_shift = 0;
    p->history_use = 1;
    p->history_weight = 0.25;
    p->history_window = 6 * 253;
    p->history_discount = 0.5;
    p->review_share = 0.2;
    p->review_hours = 0.5;
    p->review_noise = 0.2;
    p->gatekeeping = 0;
    p->gatekeeping_from = 1.0;
    p->oversight_hours = 5;
    p->supervision_hours = 1.5 * 12 / 52.18;
    p->supervision_noise = 0.5;

    p->eh_caseload_cap = 15;
    p->eh_caseload_max = 22;
    p->eh_stretch_after = 20;
    p->days_open_per_week = 5;
    p->episode_mean = 120;
    p->episode_cv = 0.5;
    p->step_up_prob = 0.8;
    p->noise_early_help = 0.4;
    p->wait_patience = 60;

    p->caseload_cap = 20;
    p->caseload_cap_nqsw = 15;
    p->caseload_max = 35;
    p->allocation_wait = 10;
    p->allocation_interval = 0;
    p->nqsw_share = 0.15;
    p->nqsw_recruit_share = 0.4;
    p->asye = CAL_WEEKDAYS_YEAR;
    p->hours_cin = 2.35;
    p->hours_cp = 4.7;
    p->hours_lac = 2.95;
    p->assessment_hours = 18.5;
    p->assessment_cv = 0.6;
    p->assessment_floor = 1.0;
    p->assessment_min = 10;
    p->assessment_min_cv = 0.5;
    p->noise_assessor = 0.25;
    p->noise_nqsw = 0.45;
    p->outcome_shift = 0;
    p->conference_delay = 14.3;
    p->conference_cv = 0.15;
    p->cpp_share = 0.874;
    p->hours_s47 = 6;
    p->assessment_need_slope = 0.8;
    p->deadline_focus = 39;
    p->deadline_weight = 12;
    p->overload_noise = 0.02;
    p->overload_haste = 0.02;
    p->cin_duration = 130;
    p->cp_duration = 196;
    p->lac_duration = 630;
    p->plan_cv = 0.8;
    p->initial_cin_per_10k = 156;
    p->initial_cp_per_10k = 43;
    p->initial_lac_per_10k = 68;
    p->handoff_delay = 5;
    p->handoff_lost = 0.3;

    p->structure = STRUCTURE_POOLS;
    p->unit_consultants = p->unit_social_workers = 1;
    p->unit_practitioners = p->unit_clinicians = p->unit_coordinators = 1;
    p->unit_caseload_cap = 40;
    p->unit_caseload_max = 60;
    p->unit_admin_relief = 4;
    p->unit_practitioner_share = 0.5;
    p->unit_clinician_noise = 0.8;

    p->lac_weekly_cost = 1100;

    staff(&p->staff[ROLE_SOCIAL_WORKER], 164, 0.15, 0.8, 0.15, 38000, 30);
    /* a vacancy lasts about 1.2 years on average, which keeps vacancies near 15% at 15% turnover */
    p->staff[ROLE_SOCIAL_WORKER].recruitment_lag = 298;
    staff(&p->staff[ROLE_FRONT_DOOR], 9, 0.10, 0.8, 0.15, 38000, 30);
    staff(&p->staff[ROLE_FRONT_DOOR_UNQUALIFIED], 7, 0.05, 0.3, 0.12, 26000, 30);
    staff(&p->staff[ROLE_EARLY_HELP], 43, 0.05, 0.0, 0.12, 24000, 30);
    /* running costs ~41% of a centre's budget: IoW 8 centres ~£1.63m (2014) less 31 FTE of staff */
    p->staff[ROLE_EARLY_HELP].running_cost = 6150;
    staff(&p->staff[ROLE_MANAGER], 20, 0.05, 0.5, 0.10, 50000, 30);
    /* unit members: no establishment unless the service is in units (the composition sets it) */
    staff(&p->staff[ROLE_PRACTITIONER], 0, 0.05, 0.3, 0.12, 26000, 30);
    staff(&p->staff[ROLE_CLINICIAN], 0, 0.05, 0.3, 0.12, 42000, 30);
    staff(&p->staff[ROLE_COORDINATOR], 0, 0.05, 0.3, 0.12, 22000, 30);
    p->n_events = 0;
}

int params_check(const model_params *p, char *err, size_t errlen)
{
    if (!(p->level_early_help < p->level_cin && p->level_cin < p->level_cp && p->level_cp < p->level_lac)) {
        snprintf(err, errlen, "[demand] level_early_help < level_cin < level_cp < level_lac must hold");
        return -1;
    }
    if (!(p->level_cin < p->level_s47 && p->level_s47 < p->level_lac)) {
        snprintf(err, errlen, "[demand] level_cin < level_s47 < level_lac must hold");
        return -1;
    }
    if (!(p->threshold_early_help < p->threshold_referral)) {
        snprintf(err, errlen, "[front_door] threshold_early_help must be below threshold_referral");
        return -1;
    }
    if (p->eh_caseload_max < p->eh_caseload_cap) {
        snprintf(err, errlen, "[early_help] caseload_max must not be below caseload_cap");
        return -1;
    }
    if (p->caseload_cap_nqsw > p->caseload_cap) {
        snprintf(err, errlen, "[social_work] caseload_cap_nqsw must not exceed caseload_cap");
        return -1;
    }
    if (p->family_one_child + p->family_two_children > 1 + 1e-9) {
        snprintf(err, errlen, "[demand] family_one_child + family_two_children must not exceed 100%%");
        return -1;
    }
    if (p->caseload_max < p->caseload_cap) {
        snprintf(err, errlen, "[social_work] caseload_max must not be below caseload_cap");
        return -1;
    }
    int y, m, d;
    cal_to_ymd(p->start, &y, &m, &d);
    double first = y - p->warmup / CAL_WORKDAYS_YEAR - 1, last = y + p->years + 1;
    if (first < CAL_FIRST_YEAR || last > CAL_LAST_YEAR) {
        snprintf(err, errlen, "[scenario] start, warmup and years must keep the run within %d-%d",
                 CAL_FIRST_YEAR, CAL_LAST_YEAR);
        return -1;
    }
    if (p->years * CAL_DAYS_YEAR < 7) {
        snprintf(err, errlen, "[scenario] years must cover at least one week");
        return -1;
    }
    for (int i = 0; i < p->n_events; i++)
        if (p->events[i].type == EVT_RESTRUCTURE && p->events[i].productivity <= 0) {
            snprintf(err, errlen, "event '%s': productivity must be above 0", p->events[i].name);
            return -1;
        }
    for (int i = 0; i < p->n_events; i++) {
        const params_event *e = &p->events[i];
        if (e->type == EVT_BUDGET_CUT && e->fte_share + e->closure_share + e->management_share > 1 + 1e-9) {
            snprintf(err, errlen, "event '%s': fte_share + closure_share + management_share = %g%% of "
                     "the saving: the landings count the cut more than once (at most 100%%)",
                     e->name, 100 * (e->fte_share + e->closure_share + e->management_share));
            return -1;
        }
        if (e->type == EVT_BUDGET_CUT && e->closure_share > 0 && e->target != ROLE_EARLY_HELP) {
            snprintf(err, errlen, "event '%s': closure_share applies only to a cut of early_help "
                     "(the service with days open)", e->name);
            return -1;
        }
    }
    if (p->unit_caseload_max < p->unit_caseload_cap) {
        snprintf(err, errlen, "[units] caseload_max must not be below caseload_cap");
        return -1;
    }
    if (p->unit_consultants + p->unit_social_workers < 1) {
        snprintf(err, errlen, "[units] consultants + social_workers must be at least 1: only a "
                 "unit's qualified members can hold its cases");
        return -1;
    }
    for (int i = 1; i < p->n_events; i++)
        if (p->events[i].date < p->events[i - 1].date) {
            snprintf(err, errlen, "events must be in date order ('%s' before '%s')",
                     p->events[i - 1].name, p->events[i].name);
            return -1;
        }
    return 0;
}
