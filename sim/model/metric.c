/* metrics: names, units and labels of the metrics in include/model/metrics.h. */
#include "metrics.h"

#include <math.h>
#include <string.h>

typedef struct metric_info {
    const char *name, *unit, *label;
    metric_kind kind;
} metric_info;

static const metric_info infos[M_COUNT] = {
#define METRICS_INFO(id, k, u, l) {#id, u, l, MK_##k},
    METRICS_LIST(METRICS_INFO)
#undef METRICS_INFO
};

const char *metric_name(metric_id m) { return infos[m].name; }
const char *metric_unit(metric_id m) { return infos[m].unit; }
const char *metric_label(metric_id m) { return infos[m].label; }
metric_kind metric_kind_of(metric_id m) { return infos[m].kind; }

int metric_parse(const char *name)
{
    for (int i = 0; i < M_COUNT; i++)
        if (!strcmp(name, infos[i].name))
            return i;
    return -1;
}

/* ---- judging a difference ----
 * One row per metric, by id, so that a metric added to METRICS_LIST without a row here is caught
 * by tests/model/test_metrics_judging.c (`defined` is 0) instead of silently counting as
 * "neither". Smallest differences (docs/report.md, "Judging a difference"): half a case per worker, one percentage
 * point for shares, one working day, and for counts the larger of one (case, family, child-day)
 * and 2% of the baseline (1% for money, where a board weighs a smaller share). */
typedef struct metric_judging {
    int defined;
    metric_direction dir;
    double abs, rel; /* smallest difference: max(abs, rel x |baseline|) */
    int queue;
    const char *definition;
} metric_judging;

#define J(id, d, a, r, q, def) [M_##id] = {1, MD_##d, a, r, q, def}

static const metric_judging judging[M_COUNT] = {
    J(contacts, NEITHER, 1, 0.02, 0, "Contacts received by the front door, first and repeat"),
    J(referrals, NEITHER, 1, 0.02, 0,
      "Contacts the front door referred to children's social care (children)"),
    J(referral_rate_per_10k, NEITHER, 0, 0.02, 0,
      "Referrals a year per 10,000 children in the population"),
    J(rereferral_rate_12m, LOWER, 0.01, 0, 0,
      "Share of referrals of a child referred before within 12 months"),
    J(front_door_within_1wd, HIGHER, 0.01, 0, 0,
      "Share of front door decisions made within 1 working day of the contact"),
    J(early_help_starts, NEITHER, 1, 0.02, 0, "Early help episodes (CAF) started"),
    J(early_help_waiting, LOWER, 1, 0.02, 1,
      "Families waiting for a place in early help (the waiting list)"),
    J(early_help_caseload_per_worker, LOWER, 0.5, 0, 0,
      "Families held per early help worker in post (FTE)"),
    J(step_ups, NEITHER, 1, 0.02, 0,
      "Families stepped up from early help to a referral to social care"),
    J(unallocated_cases, LOWER, 1, 0.02, 1,
      "Referrals waiting for allocation to a social worker"),
    J(days_to_allocation, LOWER, 1, 0, 0,
      "Mean working days from referral to allocation, over the referrals allocated"),
    J(assessments_completed, NEITHER, 1, 0.02, 0, "Assessments completed"),
    J(assessment_nfa_share, NEITHER, 0.01, 0, 0,
      "Share of completed assessments that ended in no further action"),
    J(wd_to_assessment_mean, LOWER, 1, 0, 0,
      "Mean working days from referral to the end of the assessment, over the assessments "
      "completed"),
    J(wd_to_assessment_median, LOWER, 1, 0, 0,
      "Median working days from referral to the end of the assessment"),
    J(wd_to_assessment_p90, LOWER, 1, 0, 0,
      "90th percentile of working days from referral to the end of the assessment"),
    J(share_within_45wd, HIGHER, 0.01, 0, 0,
      "Share of completed assessments completed within 45 working days of the referral (the "
      "statutory measure)"),
    J(cin_plans_started, NEITHER, 1, 0.02, 0, "Child in need plans started (children)"),
    J(cp_plans_started, NEITHER, 1, 0.02, 0, "Child protection plans started (children)"),
    J(lac_started, NEITHER, 1, 0.02, 0, "Children who started to be looked after"),
    J(s47_started, NEITHER, 1, 0.02, 0, "Section 47 enquiries started (children)"),
    J(icpc_held, NEITHER, 1, 0.02, 0, "Initial child protection conferences held (children)"),
    J(s47_per_referral, NEITHER, 0.01, 0, 0, "Section 47 enquiries per referral (children)"),
    J(icpc_per_referral, NEITHER, 0.01, 0, 0, "Initial child protection conferences per referral (children)"),
    J(cin_open, NEITHER, 1, 0.02, 0, "Open child in need cases"),
    J(cp_open, NEITHER, 1, 0.02, 0, "Open child protection cases"),
    J(lac_open, NEITHER, 1, 0.02, 0, "Children looked after"),
    J(caseload_per_sw, LOWER, 0.5, 0, 0,
      "Open cases held per qualified social worker in post (FTE)"),
    J(share_sw_over_20, LOWER, 0.01, 0, 0, "Share of social workers holding more than 20 cases"),
    J(share_sw_over_25, LOWER, 0.01, 0, 0, "Share of social workers holding more than 25 cases"),
    J(share_sw_over_30, LOWER, 0.01, 0, 0, "Share of social workers holding more than 30 cases"),
    J(families_3plus_contacts_no_assessment, LOWER, 1, 0.02, 0,
      "Families with 3 or more contacts in the last 12 months and no assessment"),
    J(families_5plus_contacts_no_assessment, LOWER, 1, 0.02, 0,
      "Families with 5 or more contacts in the last 12 months and no assessment"),
    J(families_3plus_contacts_cp_no_assessment, LOWER, 1, 0.02, 0,
      "Families at child protection level with 3 or more contacts in the last 12 months and no "
      "assessment"),
    J(babyt_signal_families, LOWER, 1, 0, 0,
      "Families that reached child protection level with 8 or more contacts over their history "
      "and no assessment (the Baby T signal), a year"),
    J(rereferral_concentration, NEITHER, 0.01, 0, 0,
      "Share of subsequent referrals made by the 8.5% of referred families with the most (a check "
      "against Forrester 2007, not a target)"),
    J(unmet_high_need_child_days, LOWER, 1, 0.02, 0,
      "Child-days in which a child at child protection level has no assessment or plan"),
    J(decisions_reviewed, NEITHER, 1, 0.02, 0,
      "Front door decisions a manager reviewed (activity: the effect shows in the decisions)"),
    J(decisions_changed_by_review, NEITHER, 1, 0.02, 0,
      "Front door decisions a manager's review changed"),
    J(supervision_hours_per_worker, HIGHER, 0.25, 0, 0,
      "Hours of supervision a worker receives a month, from managers' time left after reviews"),
    J(early_help_gave_up, LOWER, 1, 0.02, 0,
      "Families who waited so long for early help that they gave up, their need unmet"),
    J(early_help_capacity, NEITHER, 1, 0.02, 0,
      "Early help places: family support workers in post x caseload cap x days open / 5"),
    J(budget_cut_saving, NEITHER, 0, 0.01, 0,
      "What the budget cuts in force save a year, in pounds (an input, set against what it costs)"),
    J(early_help_capacity_cut, NEITHER, 0.01, 0, 0,
      "Share of early help capacity (places x days open) the budget cuts removed"),
    J(share_within_10wd, HIGHER, 0.01, 0, 0,
      "Share of assessments completed within 10 working days (the initial assessment timescale, "
      "in force before 15 April 2013)"),
    J(share_within_35wd, HIGHER, 0.01, 0, 0,
      "Share of assessments completed within 35 working days (the core assessment timescale, in "
      "force before 15 April 2013)"),
    J(single_assessment_in_force, NEITHER, 0.01, 0, 0,
      "Share of the measured period under the single assessment (45 working days, from 15 April "
      "2013)"),
    J(sw_fte_in_post, NEITHER, 0.5, 0.02, 0, "Qualified social workers in post (FTE)"),
    J(vacancy_rate, LOWER, 0.01, 0, 0,
      "Share of the funded social worker establishment that is vacant"),
    J(agency_rate, LOWER, 0.01, 0, 0,
      "Share of the funded social worker establishment covered by agency staff"),
    J(turnover_rate, LOWER, 0.01, 0, 0, "Social workers leaving per FTE in post, a year"),
    J(overload_hours, LOWER, 1, 0.02, 0,
      "Hours of case work that workers' productive hours could not cover"),
    J(cost_total, COST, 0, 0.01, 0, "Staff, agency and placement costs together"),
    J(cost_staff, COST, 0, 0.01, 0, "Cost of employed staff (salary and on-costs)"),
    J(cost_agency, COST, 0, 0.01, 0, "Cost of agency staff (with the agency premium)"),
    J(cost_placements, COST, 0, 0.01, 0, "Cost of placements of looked-after children"),
    J(cost_running, COST, 0, 0.01, 0, "Running costs of children's centres a year (per day open)"),
    J(handoffs, LOWER, 1, 0.02, 0,
      "Children whose open case went to another social worker or unit a year: a leaver's cases "
      "reallocated, a restructure's handoffs (each loses progress and time)"),
    J(cp_level_misjudged, LOWER, 1, 0.02, 0,
      "Children whose true need is at child protection level whose assessment ended in no "
      "further action or a child in need plan, or whose enquiry found less, a year"),
};

int metric_judging_defined(metric_id m) { return judging[m].defined; }
metric_direction metric_default_direction(metric_id m) { return judging[m].dir; }
int metric_is_queue(metric_id m) { return judging[m].queue; }

double metric_default_smallest(metric_id m, double *rel)
{
    *rel = judging[m].rel;
    return judging[m].abs;
}

const char *metric_definition(metric_id m)
{
    return judging[m].definition ? judging[m].definition : metric_label(m);
}

static const char *const direction_names[] = {"neither", "lower", "higher", "cost"};

const char *metric_direction_name(metric_direction d)
{
    return d >= MD_NEITHER && d <= MD_COST ? direction_names[d] : "?";
}

int metric_direction_parse(const char *s)
{
    for (int d = MD_NEITHER; d <= MD_COST; d++)
        if (!strcmp(s, direction_names[d]))
            return d;
    return -1;
}

double metric_smallest_abs(double abs, double rel, double baseline_mean)
{
    if (rel > 0 && !isfinite(baseline_mean))
        return NAN;
    return fmax(abs, rel > 0 ? rel * fabs(baseline_mean) : 0);
}

const char *metric_weekly_basis(metric_id m)
{
    switch (metric_kind_of(m)) {
    case MK_FLOW: return "count in the week";
    case MK_STOCK: return "average over the week";
    case MK_SHARE: return "share (0 to 1) of the week's events";
    default: return "over the week's events";
    }
}

const char *metric_summary_basis(metric_id m)
{
    switch (metric_kind_of(m)) {
    case MK_FLOW: return "a year (average over the measured period)";
    case MK_STOCK: return "average over the measured period";
    case MK_SHARE: return "share (0 to 1) of the measured period's events";
    default: return "over the measured period's events";
    }
}
