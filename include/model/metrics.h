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
    X(unmet_high_need_child_days, FLOW, "child-days",                                                \
      "Child-days at child protection level with no assessment or plan")                             \
    X(sw_fte_in_post, STOCK, "FTE", "Social workers in post")                                        \
    X(vacancy_rate, SHARE, "share of establishment", "Social worker vacancy rate")                   \
    X(agency_rate, SHARE, "share of establishment", "Social worker agency rate")                     \
    X(turnover_rate, SHARE, "leavers per FTE a year", "Social worker turnover")                      \
    X(overload_hours, FLOW, "hours", "Hours of case work beyond workers' productive hours")          \
    X(cost_total, FLOW, "pounds", "Total cost a year")                                               \
    X(cost_staff, FLOW, "pounds", "Staff cost a year (employed)")                                    \
    X(cost_agency, FLOW, "pounds", "Agency staff cost a year")                                       \
    X(cost_placements, FLOW, "pounds", "Looked-after placement cost a year")

typedef enum metric_kind { MK_FLOW, MK_STOCK, MK_SHARE, MK_VALUE } metric_kind;

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

#endif
