/* metrics: the names every output uses (the contract for CSV, JSON, charts and the report).
 *
 * One row per metric: X(id, kind, unit, label)
 *   kind  FLOW  - whole period: per year (annual average over the measured period); weekly: count
 *                 in the week
 *         STOCK - time average over the period (weekly: over the week)
 *         SHARE - a proportion 0..1 of the events named in the label
 *         VALUE - a mean/median/percentile of a duration, or another derived value
 *   unit  text for axis titles and tables
 *   label plain English for a board paper
 */
#ifndef CASELOAD_METRICS_H
#define CASELOAD_METRICS_H

#define METRICS_LIST(X)                                                                              \
    X(contacts, FLOW, "contacts", "Contacts to the front door")                                      \
    X(referrals, FLOW, "referrals", "Referrals to children's social care")                           \
    X(referral_rate_per_10k, VALUE, "per 10,000 children", "Referrals per 10,000 children a year")   \
    X(rereferral_rate_12m, SHARE, "share of referrals", "Re-referrals within 12 months")             \
    X(front_door_within_1wd, SHARE, "share of contacts", "Front door decisions within 1 working day") \
    X(early_help_starts, FLOW, "families", "Early help episodes started")                            \
    X(early_help_waiting, STOCK, "families", "Families waiting for early help")                      \
    X(early_help_caseload_per_worker, STOCK, "families per FTE", "Early help caseload per worker")   \
    X(step_ups, FLOW, "families", "Step-ups from early help to social care")                         \
    X(unallocated_cases, STOCK, "cases", "Unallocated cases")                                        \
    X(days_to_allocation, VALUE, "working days", "Mean working days from referral to allocation")    \
    X(assessments_completed, FLOW, "assessments", "Assessments completed")                           \
    X(assessment_nfa_share, SHARE, "share of assessments", "Assessments ending in no further action") \
    X(wd_to_assessment_mean, VALUE, "working days", "Mean working days from referral to assessment") \
    X(wd_to_assessment_median, VALUE, "working days", "Median working days to assessment")           \
    X(wd_to_assessment_p90, VALUE, "working days", "90th percentile of working days to assessment")  \
    X(share_within_45wd, SHARE, "share of assessments", "Assessments completed within 45 working days") \
    X(cin_plans_started, FLOW, "plans", "Child in need plans started")                               \
    X(cp_plans_started, FLOW, "plans", "Child protection plans started")                             \
    X(lac_started, FLOW, "children", "Children starting to be looked after")                         \
    X(s47_started, FLOW, "enquiries", "Section 47 enquiries started")                                \
    X(icpc_held, FLOW, "conferences", "Initial child protection conferences held")                  \
    X(s47_per_referral, SHARE, "per referral", "Section 47 enquiries per referral")                  \
    X(icpc_per_referral, SHARE, "per referral", "Initial child protection conferences per referral") \
    X(cin_open, STOCK, "cases", "Open child in need cases")                                          \
    X(cp_open, STOCK, "cases", "Open child protection cases")                                        \
    X(lac_open, STOCK, "children", "Looked-after children")                                          \
    X(caseload_per_sw, STOCK, "cases per FTE", "Caseload per qualified social worker")               \
    X(share_sw_over_20, SHARE, "share of social workers", "Social workers with more than 20 cases")  \
    X(share_sw_over_25, SHARE, "share of social workers", "Social workers with more than 25 cases")  \
    X(share_sw_over_30, SHARE, "share of social workers", "Social workers with more than 30 cases")  \
    X(families_3plus_contacts_no_assessment, STOCK, "families",                                      \
      "Families with 3 or more contacts in 12 months and no assessment")                            \
    X(families_5plus_contacts_no_assessment, STOCK, "families",                                      \
      "Families with 5 or more contacts in 12 months and no assessment")                             \
    X(families_3plus_contacts_cp_no_assessment, STOCK, "families",                                   \
      "Families at child protection level with 3 or more contacts in 12 months and no assessment")  \
    X(babyt_signal_families, FLOW, "families",                                                       \
      "Families reaching child protection level with 8 or more contacts and never assessed")        \
    X(rereferral_concentration, VALUE, "share of subsequent referrals",                              \
      "Share of subsequent referrals made by the 8.5% of referred families with most")              \
    X(unmet_high_need_child_days, FLOW, "child-days",                                                \
      "Child-days at child protection level with no assessment or plan")                             \
    X(decisions_reviewed, FLOW, "decisions", "Front door decisions reviewed by a manager")          \
    X(decisions_changed_by_review, FLOW, "decisions", "Front door decisions changed by review")     \
    X(supervision_hours_per_worker, STOCK, "hours a month", "Supervision hours per worker a month") \
    X(early_help_gave_up, FLOW, "families", "Families who gave up waiting for early help")          \
    X(early_help_capacity, STOCK, "places", "Early help places (x days open / 5)")                   \
    X(budget_cut_saving, STOCK, "pounds a year", "Saving made by the budget cuts in force")        \
    X(early_help_capacity_cut, STOCK, "share of capacity",                                           \
      "Share of early help capacity (places x days open) the budget cuts removed")                 \
    X(share_within_10wd, SHARE, "share of assessments",                                              \
      "Assessments within 10 working days (initial assessment timescale, before 15 April 2013)")    \
    X(share_within_35wd, SHARE, "share of assessments",                                              \
      "Assessments within 35 working days (core assessment timescale, before 15 April 2013)")       \
    X(single_assessment_in_force, SHARE, "share of weeks",                                           \
      "Share of the period under the single assessment (45 working days, from 15 April 2013)")      \
    X(sw_fte_in_post, STOCK, "FTE", "Social workers in post")                                        \
    X(vacancy_rate, SHARE, "share of establishment", "Social worker vacancy rate")                   \
    X(agency_rate, SHARE, "share of establishment", "Social worker agency rate")                     \
    X(turnover_rate, SHARE, "leavers per FTE a year", "Social worker turnover")                      \
    X(overload_hours, FLOW, "hours", "Hours of case work beyond workers' productive hours")          \
    X(cost_total, FLOW, "pounds", "Total cost a year")                                               \
    X(cost_staff, FLOW, "pounds", "Staff cost a year (employed)")                                    \
    X(cost_agency, FLOW, "pounds", "Agency staff cost a year")                                       \
    X(cost_placements, FLOW, "pounds", "Looked-after placement cost a year")                         \
    X(cost_running, FLOW, "pounds", "Running costs a year (children's centres)")                   \
    X(handoffs, FLOW, "children", "Children whose case changed worker (handoffs)")                  \
    X(cp_level_misjudged, FLOW, "children",                                                          \
      "Children at child protection level assessed below it")

typedef enum metric_kind { MK_FLOW, MK_STOCK, MK_SHARE, MK_VALUE } metric_kind;

/* Which way is better for children and families (docs/report.md, "Judging a difference"). NEITHER: a count such as
 * referrals, where a fall may be demand turned away or demand met earlier; COST: money, shown as a
 * saving or an extra cost, never as better or worse. */
typedef enum metric_direction { MD_NEITHER, MD_LOWER, MD_HIGHER, MD_COST } metric_direction;

typedef enum metric_id {
#define METRICS_ENUM(id, kind, unit, label) M_##id,
    METRICS_LIST(METRICS_ENUM)
#undef METRICS_ENUM
    M_COUNT
} metric_id;

const char *metric_name(metric_id m);  /* "caseload_per_sw" */
const char *metric_unit(metric_id m);
const char *metric_label(metric_id m);
metric_kind metric_kind_of(metric_id m);
int metric_parse(const char *name);    /* metric_id, or -1 */

/* ---- judging a difference (the second table in sim/metrics.c, one row per metric) ----
 * A difference between a scenario and the baseline is clear when its 95% interval excludes zero
 * AND its size is at least the measure's smallest difference that matters. The smallest difference
 * is the larger of an absolute part (in the stored unit: 0.5 cases, 0.01 for one percentage
 * point) and a relative part (a share of the baseline's whole-period mean: 0.02 for 2%). The
 * baseline scenario's [report] section can override both (params.h, params_report). */
metric_direction metric_default_direction(metric_id m);
/* The default smallest difference: returns its absolute part and sets *rel to its relative part
 * (the smallest difference is the larger of abs and rel x |baseline mean|). */
double metric_default_smallest(metric_id m, double *rel);
/* 1 when the judging table has a row for m (a test checks every metric has one). */
int metric_judging_defined(metric_id m);
/* One sentence saying what the measure counts, for measures.csv and docs. */
const char *metric_definition(metric_id m);
/* 1 for a queue (a stock that grows without a ceiling when the service is over capacity): the
 * report's over-capacity trend test looks at these. */
int metric_is_queue(metric_id m);
/* "lower", "higher", "neither", "cost"; and back (-1 when unknown). */
const char *metric_direction_name(metric_direction d);
int metric_direction_parse(const char *s);
/* The smallest difference in the stored unit: max(abs, rel x |baseline_mean|); NAN when rel > 0
 * and the baseline is missing. */
double metric_smallest_abs(double abs, double rel, double baseline_mean);
/* What a weekly value and a whole-period (summary) value of a measure of this kind are:
 * "count in the week", "average over the week", ... (for measures.csv and docs/outputs.md). */
const char *metric_weekly_basis(metric_id m);
const char *metric_summary_basis(metric_id m);

#endif
